/// A shard of a sweep (`--shard i/n`): unit k (in set-then-seed order) belongs to shard k mod n; i is 0-based, as
/// Slurm's SLURM_ARRAY_TASK_ID with --array=0-(n-1).
public struct Shard: Equatable, Sendable {
  public let index: Int, count: Int

  /// `i/n` with 0 ≤ i < n, or the reason it is not.
  public static func parse(_ text: String) -> Result<Shard, StudyEngineError> {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
      return .failure(StudyEngineError("expected i/n (two integers, e.g. 0/4 for the first of four shards)"))
    }
    guard n >= 1 else { return .failure(StudyEngineError("the number of shards n must be at least 1")) }
    guard i >= 0, i < n else {
      return .failure(StudyEngineError("the shard index is 0-based, so it must be in 0...\(n - 1) (with Slurm: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT and --array=0-\(n - 1))"))
    }
    return .success(Shard(index: i, count: n))
  }
  public init(index: Int, count: Int) { self.index = index; self.count = count }
  public static let whole = Shard(index: 0, count: 1)
  public func owns(_ unit: Int) -> Bool { unit % count == index }
}

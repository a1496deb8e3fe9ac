import Numerics

/// `silhouette`: the mean silhouette coefficient of the training samples, Euclidean distance,
/// true labels as clusters:
///
///     s(i) = (b(i) − a(i)) / max(a(i), b(i)),
///     a(i) = mean distance from i to the other members of its class,
///     b(i) = min over other classes c of the mean distance from i to the members of c,
///
/// with s(i) = 0 for a class of one sample (scikit-learn's convention).
///
/// Reference: `sklearn.metrics.silhouette_score(Xt, yt)`. Needs 2 ≤ C_t ≤ N_t − 1, else missing.
/// Exact up to `max_samples` training rows (default 10000); above it, a seeded stratified subset
/// of `max_samples` rows (`seed` option), like scikit-learn's `sample_size` but stratified.
/// Distances come from blocked GEMM (`SilhouetteKernel`): never an N × N matrix.
/// - Complexity: O(N²·d / 2) flops (symmetric blocks) + O(N²) square roots, on all cores.
public struct Silhouette: DatasetStatistic {
  public static let id = "silhouette"
  public static let summary = "mean silhouette coefficient with the true labels (Euclidean)"
  public static let requirements: Set<ContextRequirement> = [.trainSamples]
  public static let options = RowLimit.options(defaultLimit: 10_000, subset: "stratified subset")

  let limit: RowLimit

  public init(options: PluginOptions) throws { limit = try RowLimit(options, specs: Self.options) }

  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let samples = try context.trainSamples()
    let (rows, note) = limit.stratifiedRows(labels: samples.labels, classCount: context.classCount)
    let x = samples.gather(rows)
    let labels = rows.map { samples.labels[$0] }
    let present = Set(labels).count
    guard present >= 2, present <= x.rows - 1 else {
      return .missing(reason: "needs 2 ≤ training classes ≤ N_t − 1, got \(present) classes for \(x.rows) samples")
    }
    let value = SilhouetteKernel.mean(x, labels: labels, classCount: context.classCount)
    return .value(value, note: note)
  }
}

/// A seeded stratified subset: class c keeps ⌊n_c·m/N⌋ rows, and the rows left over go to the
/// classes with the largest remainders (ties to the lower class index); rows are chosen by a
/// seeded shuffle within each class. Indices are returned ascending.
public enum StratifiedSubset {
  public static func indices(labels: [Int], classCount: Int, size: Int, seed: UInt64) -> [Int] {
    var members = [[Int]](repeating: [], count: classCount)
    for (i, c) in labels.enumerated() { members[c].append(i) }
    let n = labels.count
    var take = members.map { $0.count * size / n }
    let remainders = members.enumerated().map { ($0.offset, ($0.element.count * size) % n) }
      .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    var left = size - take.reduce(0, +)
    for (c, _) in remainders where left > 0 && take[c] < members[c].count { take[c] += 1; left -= 1 }
    var rng = SeededGenerator(seed: seed)
    var out: [Int] = []
    for c in 0..<classCount {
      var m = members[c]
      rng.shuffle(&m)
      out.append(contentsOf: m[0..<take[c]])
    }
    return out.sorted()
  }
}

/// The `max_samples` and `seed` options shared by the statistics that work on a seeded subset of
/// rows above a size limit (avg_normality, silhouette).
public struct RowLimit: Sendable {
  /// At most this many training rows are used.
  public let maxRows: Int
  /// Seed of the subset.
  public let seed: UInt64

  /// The two option declarations, with the statistic's default limit and what the subset is.
  public static func options(defaultLimit: Int, subset: String) -> [OptionSpec] {
    [OptionSpec("max_samples", .integer(3...10_000_000), default: .number(Double(defaultLimit)),
                "rows used; above it a seeded \(subset)"),
     OptionSpec("seed", .integer(0...Int(Int32.max)), default: .number(0), "seed of the subset")]
  }

  /// The training rows a statistic uses: all of them up to `maxRows`, else a seeded stratified
  /// subset of `maxRows` (`StratifiedSubset`), with the note that says so.
  public func stratifiedRows(labels: [Int], classCount: Int) -> (rows: [Int], note: String?) {
    guard labels.count > maxRows else { return (Array(labels.indices), nil) }
    let rows = StratifiedSubset.indices(labels: labels, classCount: classCount, size: maxRows, seed: seed)
    return (rows, "on a seeded stratified subset of \(rows.count) of \(labels.count) rows")
  }

  /// Reads and validates the options declared by `options(defaultLimit:subset:)`.
  public init(_ options: PluginOptions, specs: [OptionSpec]) throws {
    maxRows = try options.integer(specs[0])
    seed = UInt64(try options.integer(specs[1]))
  }
}

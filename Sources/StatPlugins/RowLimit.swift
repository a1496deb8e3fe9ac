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

  /// Reads and validates the options declared by `options(defaultLimit:subset:)`.
  public init(_ options: PluginOptions, specs: [OptionSpec]) throws {
    maxRows = try options.integer(specs[0])
    seed = UInt64(try options.integer(specs[1]))
  }
}

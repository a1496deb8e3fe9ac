/// A statistic of an embedding set: one number computed from a shared `StatisticContext`.
///
/// Conform a type, add it to a registry (`BuiltInStatistics.all + [MyStatistic.self]`), enable it
/// in plugins.json, and every command (`stats`, `correlate`, `select`, `suggest`) uses it.
///
/// ```swift
/// struct MaxAbs: DatasetStatistic {
///   static let id = "max_abs"
///   static let summary = "largest absolute value in the training split"
///   static let requirements: Set<ContextRequirement> = [.trainSamples]
///   init(options: PluginOptions) throws {}
///   func compute(in context: StatisticContext) throws -> StatisticValue {
///     // Stream the rows (read in place from the file): O(d) memory whatever N_t is.
///     var largest = 0.0
///     try context.trainSamples().withRowTable { table in
///       table.forEachBlock { values, _ in largest = max(largest, values.map(abs).max() ?? 0) }
///     }
///     return .value(largest)
///   }
/// }
/// ```
public protocol DatasetStatistic: Sendable {
  /// Stable snake_case identifier used in plugins.json, the store and every output. Never
  /// derived from the type name, so renaming a type cannot break a configuration.
  static var id: String { get }
  /// One line for `tempctl plugins`.
  static var summary: String { get }
  /// The context pieces `compute` reads. Reading anything else throws
  /// `StatisticError.undeclaredRequirement`.
  static var requirements: Set<ContextRequirement> { get }
  /// The options this statistic accepts in plugins.json, with their types and ranges.
  static var options: [OptionSpec] { get }
  /// Validates and stores the options (already checked against `options` by the host).
  init(options: PluginOptions) throws
  /// Computes the value, or a `.missing` value with the reason when the data are degenerate.
  func compute(in context: StatisticContext) throws -> StatisticValue
}

extension DatasetStatistic {
  public static var options: [OptionSpec] { [] }
}

/// The result of one statistic on one embedding set.
public enum StatisticValue: Sendable, Equatable, CustomStringConvertible {
  /// A finite value, with an optional note (e.g. "3 constant columns skipped").
  case value(Double, note: String? = nil)
  /// The statistic cannot be computed on these data; the reason says why.
  case missing(reason: String)

  public var number: Double? { if case let .value(v, _) = self { return v } else { return nil } }
  public var note: String? {
    switch self {
    case let .value(_, note): return note
    case let .missing(reason): return reason
    }
  }
  public var description: String {
    switch self {
    case let .value(v, _): return "\(v)"
    case let .missing(reason): return "missing (\(reason))"
    }
  }
}

/// Errors raised by statistics and their context.
public enum StatisticError: Error, CustomStringConvertible, Equatable {
  /// A statistic read a context piece it did not list in `requirements`.
  case undeclaredRequirement(statistic: String, piece: ContextRequirement)
  /// A plugin option is missing, of the wrong type or out of range.
  case badOption(path: String, message: String)
  /// A numerical routine failed.
  case numerical(String)
  /// The value cannot be decided on the `.mixed` covariance (a ratio within
  /// `GramPrecision.mixedRatioTolerance` of a threshold); the host recomputes on the exact path.
  case needsExactCovariance(statistic: String)

  public var description: String {
    switch self {
    case let .undeclaredRequirement(statistic, piece):
      return "statistic '\(statistic)' read the context piece '\(piece)' without declaring it in `requirements`"
    case let .badOption(path, message):
      return "\(path): \(message)"
    case let .numerical(message):
      return message
    case let .needsExactCovariance(statistic):
      return "statistic '\(statistic)' needs the double-precision covariance"
    }
  }
}

import Foundation

/// A rule that gives α for an embedding set from cheap facts of it. Heuristics are plugins, as
/// statistics are: a type conforming to this protocol, listed in a `HeuristicRegistry` (the
/// built-ins in `BuiltInHeuristics.all`, a user's own appended in their own package:
/// `Tempctl.main(statistics:heuristics:)`, see docs/adding-a-heuristic.md).
///
/// A heuristic declares what it reads beyond the set's shape (`inputs`); the study supplies
/// exactly that — the statistics by id, the learned-temperature runs, out-of-fold predictions of
/// a fitted regression — and measures the α it returns like every other: the converged probe's
/// validation accuracy at that α, against the accuracy at α*.
///
/// ```swift
/// struct SqrtClasses: TemperatureHeuristic {
///   static let id = "sqrt-classes"
///   static let summary = "α = √C"
///   init() {}
///   func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(Double(input.classCount).squareRoot()) }
/// }
/// ```
public protocol TemperatureHeuristic: Sendable {
  /// Unique, kebab-case (`[a-z0-9][a-z0-9-]*`): the heuristic's name in every table.
  static var id: String { get }
  /// One line: the formula, for `tempctl plugins --heuristics` and the report.
  static var summary: String { get }
  /// What it reads besides the set's shape; empty (the default) for a rule of d, C and N alone.
  static var inputs: Set<HeuristicInputKind> { get }
  init()
  /// α for one set; `HeuristicAlpha(nil, note:)` when the rule has no answer for it.
  func alpha(for input: HeuristicInput) -> HeuristicAlpha
}

extension TemperatureHeuristic {
  public static var inputs: Set<HeuristicInputKind> { [] }
}

/// What a heuristic may read beyond the set's shape.
public enum HeuristicInputKind: Hashable, Sendable {
  /// A statistic's value, by its id (`tempctl plugins`); when the set lacks it the heuristic is
  /// not asked and its outcome carries a note.
  case statistic(String)
  /// The α a learned-temperature run ends at (log α trained with the weights, CLIP-style); the
  /// study trains those runs only when some heuristic declares this.
  case learnedTemperature
  /// The out-of-fold prediction of a regression of α* on statistics, fitted by the study
  /// without the set's dataset group (leave-one-group-out).
  case fittedModel(FittedModel)
}

/// Which regression of α* on the statistics a fitted heuristic reads.
public enum FittedModel: Hashable, Sendable, CustomStringConvertible {
  /// The `k` best statistics (ranked inside each fold).
  case best(Int)
  /// The study's `--k` best (what `suggest` ships).
  case bestK
  /// Every usable statistic.
  case all
  /// α* = a·√d + b, least squares on the sets of the other dataset groups (no statistic).
  case sqrtDimension

  public var description: String {
    switch self {
    case .best(let k): return "best \(k)"
    case .bestK: return "best k"
    case .all: return "all"
    case .sqrtDimension: return "a·√d + b"
    }
  }
}

/// What a heuristic sees of one set: its shape always, and what it declared.
public struct HeuristicInput: Sendable {
  public var name: String
  public var dimension: Int
  public var classCount: Int
  /// Training rows N_t (0 when not known).
  public var trainCount: Int
  /// The set's statistics by id (every computed one; a heuristic reads those it declared).
  public var statistics: [String: Double]
  /// Final α of the learned-temperature run (declared `.learnedTemperature`).
  public var learnedAlpha: Double?
  /// Out-of-fold predictions of the fitted regressions the heuristic declared.
  public var fitted: [FittedModel: Double]

  public init(name: String, dimension: Int, classCount: Int, trainCount: Int = 0, statistics: [String: Double] = [:],
              learnedAlpha: Double? = nil, fitted: [FittedModel: Double] = [:]) {
    self.name = name; self.dimension = dimension; self.classCount = classCount; self.trainCount = trainCount
    self.statistics = statistics; self.learnedAlpha = learnedAlpha; self.fitted = fitted
  }

  /// The inputs `h` declared that this set lacks, as one note ("missing input: statistic pca_90"),
  /// nil when it has them all.
  public func missing(for h: any TemperatureHeuristic.Type) -> String? {
    let lacking: [String] = h.inputs.compactMap { kind in
      switch kind {
      case .statistic(let id): return statistics[id].map { $0.isFinite } == true ? nil : "statistic \(id)"
      case .learnedTemperature: return learnedAlpha == nil ? "a learned-temperature run" : nil
      case .fittedModel(let m): return fitted[m] == nil ? "the fitted regression (\(m))" : nil
      }
    }.sorted()
    return lacking.isEmpty ? nil : "missing input: " + lacking.joined(separator: ", ")
  }
}

/// A heuristic's α for one set, with a note when it fell back or had no answer.
public struct HeuristicAlpha: Sendable, Equatable {
  public var alpha: Double?
  public var note: String?
  public init(_ alpha: Double?, note: String? = nil) { self.alpha = alpha; self.note = note }
}

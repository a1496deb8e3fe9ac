import Numerics

/// One heuristic on one set: its α, the accuracy measured by training at it, and the regret.
public struct HeuristicOutcome: Sendable {
  public var set: String
  public var heuristic: String
  public var alpha: Double
  public var accuracy: Double
  /// acc(α*) − acc(α_h), in accuracy points.
  public var regret: Double
  public var note: String?

  public init(set: String, heuristic: String, alpha: Double, accuracy: Double, regret: Double, note: String?) {
    self.set = set; self.heuristic = heuristic; self.alpha = alpha; self.accuracy = accuracy; self.regret = regret; self.note = note
  }
}

/// A heuristic's summary over the sets (SPEC §5's heuristic table).
public struct HeuristicSummary: Sendable {
  public var heuristic: String
  public var correlation: Double
  public var meanAbsoluteError: Double
  public var medianRegret: Double
  public var worstRegret: Double
  /// Sets where this heuristic's regret is the lowest of all heuristics (ties count for each).
  public var wins: Int
  public var sets: Int
  /// The 95 % dataset-group bootstrap interval of the median regret (`GroupResampling`).
  public var medianRegretInterval: (low: Double, high: Double)
  /// Against the reference heuristic (`HeuristicComparison.reference`): the mean over dataset
  /// groups of this heuristic's regret minus the reference's, and the exact sign-flip p-value over
  /// groups (`GroupResampling.signFlipTest`); nil for the reference itself or without it.
  public var versusReference: (meanDifference: Double, p: Double)?
}

/// Per-heuristic summaries of the outcomes on every set.
public enum HeuristicComparison {
  /// The heuristic every other is tested against: the one `suggest` ships (`landmark`).
  public static let reference = Landmark.id

  /// Summaries, one per heuristic present in `outcomes`, in `order`.
  /// - Parameter groups: each set's dataset group, for the intervals and the paired test.
  public static func summarise(_ outcomes: [HeuristicOutcome], alphaStar: [String: Double], groups: [String: String],
                               order: [String]) throws -> [HeuristicSummary] {
    var bestRegret: [String: Double] = [:]
    for o in outcomes { bestRegret[o.set] = Swift.min(bestRegret[o.set] ?? .infinity, o.regret) }
    let referenceRegret = Dictionary(outcomes.filter { $0.heuristic == reference }.map { ($0.set, $0.regret) }, uniquingKeysWith: { a, _ in a })
    return try order.compactMap { h in
      let mine = outcomes.filter { $0.heuristic == h }
      guard !mine.isEmpty else { return nil }
      let r = try Correlation(mine.map(\.alpha), mine.map { alphaStar[$0.set]! })?.r ?? .nan
      let mae = SampleSummary.mean(mine.map { abs($0.alpha - alphaStar[$0.set]!) })
      let wins = mine.filter { $0.regret <= bestRegret[$0.set]! + 1e-12 }.count
      let regrets = mine.map(\.regret), setGroups = mine.map { groups[$0.set] ?? $0.set }
      var versus: (meanDifference: Double, p: Double)? = nil
      let paired = mine.filter { referenceRegret[$0.set] != nil }
      if h != reference, !paired.isEmpty {
        versus = GroupResampling.signFlipTest(paired.map(\.regret), paired.map { referenceRegret[$0.set]! },
                                              groups: paired.map { groups[$0.set] ?? $0.set })
      }
      return HeuristicSummary(heuristic: h, correlation: r, meanAbsoluteError: mae, medianRegret: SampleSummary.median(regrets),
                              worstRegret: regrets.max()!, wins: wins, sets: mine.count,
                              medianRegretInterval: GroupResampling.medianInterval(regrets, groups: setGroups),
                              versusReference: versus)
    }
  }
}

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
}

/// Per-heuristic summaries of the outcomes on every set.
public enum HeuristicComparison {
  /// Summaries, one per heuristic present in `outcomes`, in `order`.
  public static func summarise(_ outcomes: [HeuristicOutcome], alphaStar: [String: Double], order: [String]) throws -> [HeuristicSummary] {
    var bestRegret: [String: Double] = [:]
    for o in outcomes { bestRegret[o.set] = Swift.min(bestRegret[o.set] ?? .infinity, o.regret) }
    return try order.compactMap { h in
      let mine = outcomes.filter { $0.heuristic == h }
      guard !mine.isEmpty else { return nil }
      let r = try Correlation(mine.map(\.alpha), mine.map { alphaStar[$0.set]! })?.r ?? .nan
      let mae = SampleSummary.mean(mine.map { abs($0.alpha - alphaStar[$0.set]!) })
      let wins = mine.filter { $0.regret <= bestRegret[$0.set]! + 1e-12 }.count
      return HeuristicSummary(heuristic: h, correlation: r, meanAbsoluteError: mae, medianRegret: SampleSummary.median(mine.map(\.regret)),
                              worstRegret: mine.map(\.regret).max()!, wins: wins, sets: mine.count)
    }
  }
}

/// Study errors, one line each.
public enum StudyError: Error, CustomStringConvertible {
  case badModel(path: String, reason: String)
  case tooFewSets(needed: Int, got: Int)
  case noUsableStatistics
  case tooFewGroups(got: [String])
  case nonFiniteModel(reason: String)
  case kTooLarge(k: Int, trainingSets: Int, heldOut: String)
  case badHeuristic(id: String, reason: String)

  public var description: String {
    switch self {
    case let .badModel(path, reason): return "\(path): not a tempctl model: \(reason)"
    case let .tooFewSets(needed, got): return "the study needs at least \(needed) embedding sets with an optimum, got \(got)"
    case .noUsableStatistics: return "no statistic is present (not missing) on every set; check `tempctl stats`"
    case let .nonFiniteModel(reason):
      return "the fitted model is not finite (\(reason)); the sets' statistics or α* are degenerate — check `tempctl stats` and `tempctl optimum`; no model was written"
    case let .tooFewGroups(got):
      return "the study needs at least 3 dataset groups (the manifest's \"dataset\" field) to hold one out and still fit on two, got \(got.count)\(got.isEmpty ? "" : ": " + got.joined(separator: ", "))"
    case let .badHeuristic(id, reason): return "heuristic '\(id)' cannot be registered: \(reason)"
    case let .kTooLarge(k, n, heldOut):
      return "--k \(k) is too many for the fold that holds out '\(heldOut)': it fits on \(n) sets, and k statistics plus an intercept need at least k + 2 (at most --k \(Swift.max(n - 2, 0)))"
    }
  }
}

import ClassifierCore
import Foundation
import Study

extension StudyRunner {
  /// The study's rows (sets with an optimum) and the usable statistic ids (present on every
  /// set, in plugins order); refuses a design that cannot be held out (fewer than 4 sets, or
  /// groups too few for `k`).
  public func table(k: Int) throws -> (rows: [StudyRow], ids: [String]) {
    let rows = try self.rows()
    guard rows.count >= 4 else { throw StudyError.tooFewSets(needed: 4, got: rows.count) }
    // Sets kept out (flat curves) can leave a design the manifest passed short.
    try LeaveOneGroupOut.checkDesign(groupOf: rows.map(\.group), k: k)
    return (rows, try usableStatistics(rows: rows))
  }

  /// The enabled statistics present on every set, in plugins order.
  public func usableStatistics(rows: [StudyRow]) throws -> [String] {
    let ids = completeStatistics(rows, order: plugins.enabled.map(\.id))
    guard !ids.isEmpty else { throw StudyError.noUsableStatistics }
    return ids
  }

  /// The model `suggest` ships: the `k` best statistics (ranked on every set), fitted on every set.
  public func refit(rows: [StudyRow], ids: [String], k: Int, target: RegressionTarget) throws -> LinearModel {
    let logo = LeaveOneGroupOut(rows: rows, ids: ids, target: target, alphaRange: alphaRange)
    let chosen = try logo.select(rows, k: k)
    return try LinearModel.fit(rows, ids: chosen, target: target, alphaRange: alphaRange, zoo: manifest.path, plugins: plugins.path)
  }

  /// Everything the study reports: Table 1, every heuristic's outcomes and summary, the ranking
  /// of the statistics, each set's plateau.
  ///
  /// - Complexity: the sweep and the heuristic runs (cached), then O(G·S·k) least-squares fits
  ///   for G groups and S statistics.
  public func results(k: Int, target: RegressionTarget) throws -> StudyResults {
    let (rows, ids) = try table(k: k)
    let logo = LeaveOneGroupOut(rows: rows, ids: ids, target: target, alphaRange: alphaRange)
    let table1 = try logo.table(k: k)
    let outcomes = try heuristicOutcomes(rows: rows, ids: ids, target: target, k: k)
    let summaries = try HeuristicComparison.summarise(outcomes, alphaStar: Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0.alphaStar) }),
                                                  groups: Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0.group) }),
                                                  order: heuristics.ids)
    var plateaus: [String: [Double]] = [:]
    for e in entries {
      let runs = try store.runs(of: e.info, under: configuration)
      plateaus[e.entry.name] = OptimumEstimate(runs: seeds.compactMap { runs[$0] })?.plateau
    }
    return StudyResults(rows: rows, plateaus: plateaus, ranking: try StatisticRanking.rank(rows, ids: ids, target: target),
                        table: table1, summaries: summaries, outcomes: outcomes, target: target, zoo: manifest.path,
                        configuration: configurationSummary)
  }
}

import ClassifierCore
import Foundation
import Study

extension StudyRunner {
  /// The study's rows (sets with an optimum) and the usable statistic ids (present on every
  /// set, in plugins order); refuses a design that cannot be held out (fewer than 4 sets, or
  /// dataset groups too few for `k`).
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

  /// The model `select` and `study` save: the `k` best statistics (ranked on every set), ridge with
  /// the penalty chosen by leave-one-dataset-out over every set, fitted on every set.
  public func refit(rows: [StudyRow], ids: [String], k: Int, target: RegressionTarget) throws -> LinearModel {
    let logo = LeaveOneGroupOut(rows: rows, ids: ids, target: target, alphaRange: alphaRange)
    var model = try logo.fitFold(rows, k: k)
    model.zoo = manifest.path
    model.plugins = plugins.path
    return model
  }

  /// The cross-validation axes the rows allow: leave-one-dataset-out always (checked by
  /// `table`), leave-one-extractor-family-out when the families allow `k` (else a note says why not).
  func axes(rows: [StudyRow], k: Int) -> [HoldOutAxis] {
    HoldOutAxis.allCases.filter { axis in
      do { try LeaveOneGroupOut.checkDesign(groupOf: rows.map(axis.fold(of:)), k: k); return true } catch {
        observer.note("\(axis.title) left out: \(error)")
        return false
      }
    }
  }

  /// Everything the study reports: Table 1 on both axes, every heuristic's outcomes and summary,
  /// the ranking of the statistics, each set's plateau. Table 1's regrets and the heuristics' come
  /// from one measurement (`measuredAccuracies`), so a fitted heuristic's regret is its Table 1
  /// row's. `heuristics: false` (`select`) measures Table 1 alone.
  ///
  /// - Complexity: the sweep and the measurement runs (cached), then for each axis and rule
  ///   (1 + P) runs of the nested pipeline (`PipelinePermutationTest`).
  public func results(k: Int, target: RegressionTarget, heuristics withHeuristics: Bool = true,
                      permutations: Int = PipelinePermutationTest.defaultPermutations) throws -> StudyResults {
    let (rows, ids) = try table(k: k)
    let rules = LeaveOneGroupOut.tableRules(k: k)
    let folds = try axes(rows: rows, k: k).map { axis in
      let logo = LeaveOneGroupOut(rows: rows, ids: ids, target: target, alphaRange: alphaRange, axis: axis)
      return (logo: logo, predictions: try rules.map { try logo.predictions(k: $0.k) })
    }
    var proposals: [HeuristicProposal] = []
    if withHeuristics {
      let byDataset = folds[0]
      var fitted: [FittedModel: [String: Double]] = [:]
      for model in heuristics.fittedModels {
        switch model {
        case .best(let n): fitted[model] = n == 1 ? byDataset.predictions[0].alpha : try byDataset.logo.predictions(k: n).alpha
        case .bestK: fitted[model] = byDataset.predictions[1].alpha
        case .all: fitted[model] = byDataset.predictions[2].alpha
        case .sqrtDimension: fitted[model] = byDataset.logo.sqrtDimensionPredictions()
        }
      }
      proposals = heuristicProposals(rows: rows, fitted: fitted)
    }
    var wanted: [String: Set<Double>] = [:]
    for p in proposals where !p.fromLearnedRun { wanted[p.set, default: []].insert(p.alpha) }
    for f in folds { for p in f.predictions { for (set, a) in p.alpha { wanted[set, default: []].insert(a) } } }
    let measured = try measuredAccuracies(wanted)
    let accuracy: (StudyRow, Double) -> Double = { row, a in measured[row.name]?[Self.rounded(a)] ?? .nan }
    let table1 = try folds.flatMap { f in
      try zip(rules, f.predictions).map { rule, p in
        try f.logo.evaluate(p, k: rule.k, label: rule.label, accuracy: accuracy, permutations: permutations)
      }
    }
    let outcomes = heuristicOutcomes(proposals, rows: rows, measured: measured)
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

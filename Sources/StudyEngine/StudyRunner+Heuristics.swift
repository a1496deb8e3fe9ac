import ClassifierCore
import Foundation
import Numerics
import Study

extension StudyRunner {
  /// Every registered heuristic's α on every set, with the accuracy measured by training the
  /// converged probe at it (cached in the store like the sweep), and the regret
  /// 100·(acc(α*) − acc(α_h)) in accuracy points.
  ///
  /// Each heuristic gets what it declared (`TemperatureHeuristic.inputs`): statistics, the
  /// learned-temperature α, out-of-fold predictions of the fitted regressions (fitted here,
  /// leave-one-group-out, `k` for `.bestK`). A heuristic lacking an input, or giving no finite
  /// positive α, has no outcome on that set. Under the paper protocol a heuristic that reads the
  /// learned temperature is measured by the learned run itself (it trained with its α).
  ///
  /// - Complexity: one converged run per distinct proposed α per set and seed, plus
  ///   `fittedModels.count` leave-one-group-out fits.
  public func heuristicOutcomes(rows: [StudyRow], ids: [String], target: RegressionTarget, k: Int) throws -> [HeuristicOutcome] {
    let logo = LeaveOneGroupOut(rows: rows, ids: ids, target: target, alphaRange: alphaRange)
    var fitted: [FittedModel: [String: Double]] = [:]
    for model in heuristics.fittedModels {
      switch model {
      case .best(let n): fitted[model] = try logo.predictions(k: n).alpha
      case .bestK: fitted[model] = try logo.predictions(k: k).alpha
      case .all: fitted[model] = try logo.predictions(k: nil).alpha
      case .sqrtDimension: fitted[model] = logo.sqrtDimensionPredictions()
      }
    }
    let converged = configuration.trainingProtocol == .converged
    let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.entry.name, $0) })
    var outcomes: [HeuristicOutcome] = []
    for (index, row) in rows.enumerated() {
      guard let e = byName[row.name] else { continue }
      let input = HeuristicInput(name: row.name, dimension: row.dimension, classCount: row.classCount, trainCount: e.info.trainCount,
                                 statistics: row.statistics, learnedAlpha: row.learnedAlpha,
                                 fitted: fitted.compactMapValues { $0[row.name] })
      // The heuristics with a usable α for this set (a finite positive one).
      let proposals = heuristics.heuristics.compactMap { h -> (heuristic: any TemperatureHeuristic.Type, alpha: Double, note: String?)? in
        let p = input.missing(for: h).map { HeuristicAlpha(nil, note: $0) } ?? h.init().alpha(for: input)
        guard let a = p.alpha, a.isFinite, a > 0 else { return nil }
        return (h, a, p.note)
      }
      /// Measured by the learned run itself (paper protocol), not retrained.
      func fromLearnedRun(_ h: any TemperatureHeuristic.Type) -> Bool { !converged && h.inputs.contains(.learnedTemperature) }
      // Train once at every distinct α the heuristics propose for this set.
      let alphas = Array(Set(proposals.filter { !fromLearnedRun($0.heuristic) }.map { Self.rounded($0.alpha) })).sorted()
      var c = configuration
      c.learnAlpha = false
      c.extendGrid = false
      c.alphas = alphas
      observer.stepStarted("heuristic runs on \(row.name)", index: index, total: rows.count)
      try sweepRunner(c, observer: MutedSweepObserver(observer)).run(sets: [e.sweepSet])
      let runs = try store.runs(of: e.info, under: c)
      let perSeed = seeds.compactMap { runs[$0] }
      observer.stepFinished("heuristic runs on \(row.name)", index: index, total: rows.count, detail: "")
      func accuracy(at a: Double) -> Double {
        SampleSummary.mean(perSeed.compactMap { $0.first { $0.alpha == a }?.bestAccuracy })
      }
      for (h, a, note) in proposals {
        let acc = fromLearnedRun(h) ? (row.learnedAccuracy ?? .nan) : accuracy(at: Self.rounded(a))
        outcomes.append(HeuristicOutcome(set: row.name, heuristic: h.id, alpha: a, accuracy: acc,
                                         regret: 100 * (row.accuracyAtOptimum - acc), note: note))
      }
    }
    return outcomes
  }

  /// α rounded to 6 significant digits, so equal proposals share one run and hash stably.
  static func rounded(_ a: Double) -> Double { Double(String(format: "%.6g", a)) ?? a }
}

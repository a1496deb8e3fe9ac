import ClassifierCore
import Foundation
import Numerics
import Study

/// What one heuristic proposes for one set.
public struct HeuristicProposal: Sendable {
  public var set: String
  public var heuristic: String
  public var alpha: Double
  public var note: String?
  /// Measured by the learned run itself (paper protocol), not by training at α.
  public var fromLearnedRun: Bool
}

extension StudyRunner {
  /// Every registered heuristic's α on every set (`TemperatureHeuristic`). Each heuristic gets
  /// what it declared (`TemperatureHeuristic.inputs`): statistics, the learned-temperature α, the
  /// out-of-fold predictions in `fitted`. A heuristic lacking an input, or giving no finite
  /// positive α, proposes nothing for that set. Under the paper protocol a heuristic that reads the
  /// learned temperature is measured by the learned run itself (it trained with its α).
  public func heuristicProposals(rows: [StudyRow], fitted: [FittedModel: [String: Double]]) -> [HeuristicProposal] {
    let converged = configuration.trainingProtocol == .converged
    let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.entry.name, $0) })
    return rows.flatMap { row -> [HeuristicProposal] in
      guard let e = byName[row.name] else { return [] }
      let input = HeuristicInput(name: row.name, dimension: row.dimension, classCount: row.classCount, trainCount: e.info.trainCount,
                                 statistics: row.statistics, learnedAlpha: row.learnedAlpha,
                                 fitted: fitted.compactMapValues { $0[row.name] })
      return heuristics.heuristics.compactMap { h in
        let p = input.missing(for: h).map { HeuristicAlpha(nil, note: $0) } ?? h.init().alpha(for: input)
        guard let a = p.alpha, a.isFinite, a > 0 else { return nil }
        return HeuristicProposal(set: row.name, heuristic: h.id, alpha: a, note: p.note,
                                 fromLearnedRun: !converged && h.inputs.contains(.learnedTemperature))
      }
    }
  }

  /// The outcomes of `proposals`: the accuracy at each α from `measured`
  /// (`measuredAccuracies`), the regret 100·(acc(α*) − acc(α_h)) in accuracy points.
  public func heuristicOutcomes(_ proposals: [HeuristicProposal], rows: [StudyRow], measured: [String: [Double: Double]]) -> [HeuristicOutcome] {
    let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0) })
    return proposals.map { p in
      let row = byName[p.set]!
      let acc = p.fromLearnedRun ? (row.learnedAccuracy ?? .nan) : (measured[p.set]?[Self.rounded(p.alpha)] ?? .nan)
      return HeuristicOutcome(set: p.set, heuristic: p.heuristic, alpha: p.alpha, accuracy: acc,
                              regret: 100 * (row.accuracyAtOptimum - acc), note: p.note)
    }
  }
}

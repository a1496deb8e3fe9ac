import Foundation
import Numerics

/// One row of the paper's Table 1: a feature-selection rule evaluated leave-one-dataset-out.
public struct SelectionRow: Sendable {
  /// "best single statistic", "4 best", "all statistics".
  public let label: String
  public let k: Int?
  public let medianCorrelation: Double
  public let meanCorrelation: Double
  public let stdCorrelation: Double
  public let meanPValue: Double
  /// Pearson r of all out-of-fold predictions against α*, pooled over folds.
  public let pooledCorrelation: Double
  /// Mean |α̂ − α*| over sets (α scale).
  public let meanAbsoluteError: Double
  /// Median over sets of acc(α*) − acc(grid α nearest α̂), in accuracy points.
  public let medianRegret: Double
  public let foldsUsed: Int
  public let foldsSkipped: [String]
  /// How many folds selected each statistic.
  public let selectionCounts: [(id: String, folds: Int)]
  /// Out-of-fold predicted α per set name.
  public let predictions: [String: Double]
}

/// Leave-one-dataset-out evaluation of "select the k statistics most correlated with α*, then
/// regress α* on them" (SPEC §5). In each fold, everything — the ranking, the standardisation and
/// the least-squares fit — uses only the training folds' sets; the held-out group is only predicted.
public struct LeaveOneGroupOut: Sendable {
  public let rows: [StudyRow]
  public let ids: [String]
  public let target: RegressionTarget
  public let alphaRange: [Double]

  public init(rows: [StudyRow], ids: [String], target: RegressionTarget, alphaRange: [Double]) {
    self.rows = rows; self.ids = ids; self.target = target; self.alphaRange = alphaRange
  }

  public var groups: [String] {
    var seen: [String] = []
    for r in rows where !seen.contains(r.group) { seen.append(r.group) }
    return seen
  }

  /// Refuses a design whose numbers would mean nothing: fewer than 3 dataset groups, or a `k`
  /// with no residual degree of freedom in some fold (k statistics + an intercept fitted on
  /// fewer than k + 2 training sets fit them exactly). `groupOf` lists each set's group.
  public static func checkDesign(groupOf: [String], k: Int) throws {
    var sizes: [String: Int] = [:], order: [String] = []
    for g in groupOf { if sizes[g] == nil { order.append(g) }; sizes[g, default: 0] += 1 }
    guard order.count >= 3 else { throw StudyError.tooFewGroups(got: order) }
    let largest = order.max { sizes[$0]! < sizes[$1]! }!
    let training = groupOf.count - sizes[largest]!
    guard k + 2 <= training else { throw StudyError.kTooLarge(k: k, trainingSets: training, heldOut: largest) }
  }

  /// The ids a fold uses: the `k` best by |r| on `train` (nil = every usable statistic).
  public func select(_ train: [StudyRow], k: Int?) throws -> [String] {
    let ranked = try StatisticRanking.rank(train, ids: completeStatistics(train, order: ids), target: target).map(\.id)
    guard let k else { return ids.filter { ranked.contains($0) } }
    return Array(ranked.prefix(k))
  }

  /// Out-of-fold predictions (α scale, clamped to the grid) for every set, and the fold's ids.
  public func predictions(k: Int?) throws -> (alpha: [String: Double], selected: [String: [String]]) {
    var alpha: [String: Double] = [:], selected: [String: [String]] = [:]
    for g in groups {
      let train = rows.filter { $0.group != g }, test = rows.filter { $0.group == g }
      let chosen = try select(train, k: k)
      selected[g] = chosen
      let model = try LinearModel.fit(train, ids: chosen, target: target, alphaRange: alphaRange)
      for r in test { alpha[r.name] = model.predictAlpha(r.statistics) ?? model.target.inverse(model.intercept) }
    }
    return (alpha, selected)
  }

  /// Out-of-fold predictions of α* = a·√d + b (ordinary least squares on α itself, the form of
  /// Hasegawa & Sakai 2025), fitted on the other groups' sets, clamped to `alphaRange`. A fold
  /// whose training sets share one d predicts their mean α*.
  public func sqrtDimensionPredictions() -> [String: Double] {
    var alpha: [String: Double] = [:]
    let lo = alphaRange.min() ?? 0, hi = alphaRange.max() ?? .infinity
    for g in groups {
      let train = rows.filter { $0.group != g }
      let x = train.map { Double($0.dimension).squareRoot() }, y = train.map(\.alphaStar)
      let mx = SampleSummary.mean(x), my = SampleSummary.mean(y)
      var sxy = 0.0, sxx = 0.0
      for (xi, yi) in zip(x, y) { sxy += (xi - mx) * (yi - my); sxx += (xi - mx) * (xi - mx) }
      let slope = sxx > 0 ? sxy / sxx : 0
      for r in rows where r.group == g {
        alpha[r.name] = Swift.min(Swift.max(my + slope * (Double(r.dimension).squareRoot() - mx), lo), hi)
      }
    }
    return alpha
  }

  /// Evaluates one selection rule.
  public func evaluate(k: Int?, label: String) throws -> SelectionRow {
    let (pred, selected) = try predictions(k: k)
    var foldR: [Double] = [], foldP: [Double] = [], skipped: [String] = []
    for g in groups {
      let test = rows.filter { $0.group == g }
      // Per-fold r on the target scale of the held-out group.
      let yhat = test.map { target.forward(pred[$0.name]!) }, y = test.map { target.forward($0.alphaStar) }
      guard test.count >= 3, let c = try Correlation(yhat, y) else { skipped.append(g); continue }
      foldR.append(c.r); foldP.append(c.pValue)
    }
    let pooled = try Correlation(rows.map { target.forward(pred[$0.name]!) }, rows.map { target.forward($0.alphaStar) })?.r ?? .nan
    let mae = SampleSummary.mean(rows.map { abs(pred[$0.name]! - $0.alphaStar) })
    let regrets = rows.map { 100 * ($0.accuracyAtOptimum - $0.accuracy(nearest: pred[$0.name]!)) }
    var counts: [String: Int] = [:]
    for ids in selected.values { for id in ids { counts[id, default: 0] += 1 } }
    return SelectionRow(label: label, k: k, medianCorrelation: SampleSummary.median(foldR), meanCorrelation: SampleSummary.mean(foldR),
                        stdCorrelation: SampleSummary.standardDeviation(foldR, ddof: 0),
                        meanPValue: SampleSummary.mean(foldP), pooledCorrelation: pooled,
                        meanAbsoluteError: mae, medianRegret: SampleSummary.median(regrets), foldsUsed: foldR.count, foldsSkipped: skipped,
                        selectionCounts: counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) },
                        predictions: pred)
  }

  /// The paper's Table 1: best single statistic, the k best, all statistics.
  public func table(k: Int) throws -> [SelectionRow] {
    [try evaluate(k: 1, label: "best single statistic"), try evaluate(k: k, label: "\(k) best"),
     try evaluate(k: nil, label: "all statistics")]
  }
}


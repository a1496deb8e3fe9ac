import Foundation
import Numerics

/// Out-of-fold predictions of one selection rule, and what each fold chose.
public struct FoldPredictions: Sendable {
  /// Predicted α per set name (clamped to the α range).
  public var alpha: [String: Double]
  /// The statistics each fold selected, by held-out fold.
  public var selected: [String: [String]]
  /// The ridge penalty each fold's nested cross-validation chose, by held-out fold.
  public var penalty: [String: Double]
}

/// Cross-validated evaluation of "select the k statistics most correlated with α*, then regress
/// α* on them" (SPEC §5, #14), holding out every set of one fold at a time — one dataset, or one
/// extractor family (`HoldOutAxis`). In each fold everything — the ranking, the standardisation,
/// the ridge penalty and the fit — uses only the training folds' sets; the held-out fold is only
/// predicted.
///
/// The penalty is chosen by **nested** cross-validation on the same axis: inside the training
/// folds, each of `penalties` is scored by leaving out one training fold at a time (selection,
/// standardisation and fit redone on the rest), the score being the mean over inner folds of the
/// mean squared error on the target scale (scikit-learn's `GridSearchCV(Ridge(), cv=
/// LeaveOneGroupOut(), scoring="neg_mean_squared_error")`); the lowest wins, ties to the smaller λ.
/// `penalties == [0]` is plain least squares (the paper's fit).
public struct LeaveOneGroupOut: Sendable {
  public let rows: [StudyRow]
  public let ids: [String]
  public let target: RegressionTarget
  public let alphaRange: [Double]
  public let axis: HoldOutAxis
  public let penalties: [Double]
  /// The folds, in order of first appearance.
  public let groups: [String]
  /// Each row's fold, an index into `groups`.
  let foldOf: [Int]
  private(set) var matrix: StatisticMatrix

  public init(rows: [StudyRow], ids: [String], target: RegressionTarget, alphaRange: [Double], axis: HoldOutAxis = .dataset,
              penalties: [Double] = RidgeRegression.penalties) {
    precondition(!penalties.isEmpty && penalties.allSatisfy { $0 >= 0 })
    self.rows = rows; self.ids = ids; self.target = target; self.alphaRange = alphaRange; self.axis = axis; self.penalties = penalties
    var groups: [String] = [], index: [String: Int] = [:]
    foldOf = rows.map { r in
      let g = axis.fold(of: r)
      if let i = index[g] { return i }
      index[g] = groups.count; groups.append(g)
      return groups.count - 1
    }
    self.groups = groups
    matrix = StatisticMatrix(rows, ids: ids, target: target)
  }

  /// The same design with α* replaced (a permutation of the rows' α*).
  func with(alphaStar: [Double]) -> LeaveOneGroupOut {
    var copy = self
    copy.matrix.y = alphaStar.map(target.forward)
    return copy
  }

  /// Refuses a design whose numbers would mean nothing: fewer than 3 folds, or a `k` with no
  /// residual degree of freedom in some fold (k statistics + an intercept fitted on fewer than
  /// k + 2 training sets fit them exactly). `groupOf` lists each set's fold.
  public static func checkDesign(groupOf: [String], k: Int) throws {
    var sizes: [String: Int] = [:], order: [String] = []
    for g in groupOf { if sizes[g] == nil { order.append(g) }; sizes[g, default: 0] += 1 }
    guard order.count >= 3 else { throw StudyError.tooFewGroups(got: order) }
    let largest = order.max { sizes[$0]! < sizes[$1]! }!
    let training = groupOf.count - sizes[largest]!
    guard k + 2 <= training else { throw StudyError.kTooLarge(k: k, trainingSets: training, heldOut: largest) }
  }

  /// Row indices outside / inside fold `f`, among `among`.
  func split(_ among: [Int], fold f: Int) -> (train: [Int], test: [Int]) {
    (among.filter { foldOf[$0] != f }, among.filter { foldOf[$0] == f })
  }

  /// The penalty nested cross-validation chooses on the rows `train` (see the type's comment); the
  /// only penalty when there is one, or when `train` spans fewer than 2 folds.
  func chosenPenalty(_ train: [Int], k: Int?) throws -> Double {
    let inner = Array(Set(train.map { foldOf[$0] })).sorted()
    guard penalties.count > 1, inner.count >= 2 else { return penalties[0] }
    var score = [Double](repeating: 0, count: penalties.count)
    for f in inner {
      let (fit, held) = split(train, fold: f)
      let design = matrix.design(fit, columns: matrix.select(fit, k: k))
      for (l, lambda) in penalties.enumerated() {
        let beta = try design.coefficients(penalty: lambda)
        var sse = 0.0
        for i in held { let e = design.predict(matrix, row: i, beta: beta) - matrix.y[i]; sse += e * e }
        score[l] += sse / Double(held.count) / Double(inner.count)
      }
    }
    return penalties[score.indices.min { score[$0] < score[$1] }!]
  }

  /// The model one fold fits on `train`: the selection, the nested penalty, the fit.
  public func fitFold(_ train: [StudyRow], k: Int?) throws -> LinearModel {
    let local = LeaveOneGroupOut(rows: train, ids: ids, target: target, alphaRange: alphaRange, axis: axis, penalties: penalties)
    let all = Array(train.indices)
    return try LinearModel.fit(train, ids: local.matrix.select(all, k: k).map { ids[$0] }, target: target, alphaRange: alphaRange,
                               penalty: try local.chosenPenalty(all, k: k))
  }

  /// Out-of-fold predictions (α scale, clamped to the α range as `LinearModel.predictAlpha`) for
  /// every set, and each fold's choices.
  public func predictions(k: Int?) throws -> FoldPredictions {
    var out = FoldPredictions(alpha: [:], selected: [:], penalty: [:])
    let all = Array(rows.indices)
    let lo = alphaRange.first ?? 1, hi = alphaRange.last ?? 250
    for (f, g) in groups.enumerated() {
      let (train, test) = split(all, fold: f)
      let columns = matrix.select(train, k: k)
      let lambda = try chosenPenalty(train, k: k)
      let design = matrix.design(train, columns: columns)
      let beta = try design.coefficients(penalty: lambda)
      out.selected[g] = columns.map { ids[$0] }
      out.penalty[g] = lambda
      for i in test {
        let a = target.inverse(design.predict(matrix, row: i, beta: beta))
        out.alpha[rows[i].name] = a.isFinite ? Swift.min(Swift.max(a, lo), hi) : lo
      }
    }
    return out
  }

  /// Out-of-fold predictions of α* = a·√d + b (ordinary least squares on α itself, the form of
  /// Hasegawa & Sakai 2025), fitted on the other folds' sets, clamped to `alphaRange`. A fold
  /// whose training sets share one d predicts their mean α*.
  public func sqrtDimensionPredictions() -> [String: Double] {
    var alpha: [String: Double] = [:]
    let lo = alphaRange.min() ?? 0, hi = alphaRange.max() ?? .infinity
    for g in groups {
      let train = rows.filter { axis.fold(of: $0) != g }
      let x = train.map { Double($0.dimension).squareRoot() }, y = train.map(\.alphaStar)
      let mx = SampleSummary.mean(x), my = SampleSummary.mean(y)
      var sxy = 0.0, sxx = 0.0
      for (xi, yi) in zip(x, y) { sxy += (xi - mx) * (yi - my); sxx += (xi - mx) * (xi - mx) }
      let slope = sxx > 0 ? sxy / sxx : 0
      for r in rows where axis.fold(of: r) == g {
        alpha[r.name] = Swift.min(Swift.max(my + slope * (Double(r.dimension).squareRoot() - mx), lo), hi)
      }
    }
    return alpha
  }

  /// Per-fold Pearson r between predicted and observed target over the held-out fold (folds with
  /// fewer than 3 sets or a constant side are skipped), and r pooled over every set.
  public func correlations(_ alpha: [String: Double]) throws -> (fold: [(fold: String, r: Double)], skipped: [String], pooled: Double) {
    let yhat = rows.map { target.forward(alpha[$0.name]!) }
    return correlations(yhat)
  }

  /// The same from predictions on the target scale, one per row.
  func correlations(_ yhat: [Double]) -> (fold: [(fold: String, r: Double)], skipped: [String], pooled: Double) {
    var fold: [(String, Double)] = [], skipped: [String] = []
    for (f, g) in groups.enumerated() {
      let test = rows.indices.filter { foldOf[$0] == f }
      guard test.count >= 3, let r = Correlation.coefficient(test.map { yhat[$0] }, test.map { matrix.y[$0] }) else { skipped.append(g); continue }
      fold.append((g, r))
    }
    return (fold, skipped, Correlation.coefficient(yhat, matrix.y) ?? .nan)
  }

  /// Evaluates one selection rule from its out-of-fold predictions.
  /// - Parameters:
  ///   - accuracy: the accuracy of the probe trained at an α on a set — the one measurement of
  ///     regret, shared with `compare` (`StudyRunner.measuredAccuracies`).
  ///   - permutations: permutations of the pipeline test (`PipelinePermutationTest`); 0 for none.
  public func evaluate(_ folds: FoldPredictions, k: Int?, label: String, accuracy: (StudyRow, Double) -> Double,
                       permutations: Int = PipelinePermutationTest.defaultPermutations) throws -> SelectionRow {
    let pred = folds.alpha
    let c = try correlations(pred)
    let foldR = c.fold.map(\.r)
    let mae = SampleSummary.mean(rows.map { abs(pred[$0.name]! - $0.alphaStar) })
    let regrets = rows.map { 100 * ($0.accuracyAtOptimum - accuracy($0, pred[$0.name]!)) }
    var counts: [String: Int] = [:]
    for ids in folds.selected.values { for id in ids { counts[id, default: 0] += 1 } }
    let datasets = rows.map(\.group)
    let x = rows.map { target.forward(pred[$0.name]!) }, y = rows.map { target.forward($0.alphaStar) }
    let test = permutations > 0
      ? try PipelinePermutationTest.run(self, k: k, observedMedian: SampleSummary.median(foldR), observedPooled: c.pooled,
                                        permutations: permutations)
      : nil
    return SelectionRow(
      label: label, k: k, axis: axis,
      medianCorrelation: SampleSummary.median(foldR),
      medianCorrelationInterval: foldR.isEmpty ? (.nan, .nan) : GroupResampling.medianInterval(foldR, groups: c.fold.map(\.fold)),
      meanCorrelation: SampleSummary.mean(foldR), stdCorrelation: SampleSummary.standardDeviation(foldR, ddof: 0),
      permutationP: test?.median, pooledCorrelation: c.pooled,
      pooledCorrelationInterval: GroupResampling.interval(groups: datasets) { idx in
        (try? Correlation(idx.map { x[$0] }, idx.map { y[$0] }))??.r ?? .nan
      },
      pooledPermutationP: test?.pooled, permutations: permutations,
      meanAbsoluteError: mae, medianRegret: SampleSummary.median(regrets),
      medianRegretInterval: GroupResampling.medianInterval(regrets, groups: datasets),
      regrets: Dictionary(uniqueKeysWithValues: zip(rows.map(\.name), regrets)),
      foldsUsed: foldR.count, foldsSkipped: c.skipped,
      selectionCounts: counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) },
      selectionStability: Self.meanJaccard(groups.compactMap { folds.selected[$0] }),
      penalties: folds.penalty, predictions: pred)
  }

  /// The paper's Table 1 rows: best single statistic, the k best, all statistics.
  public static func tableRules(k: Int) -> [(k: Int?, label: String)] {
    [(1, "best single statistic"), (k, "\(k) best"), (nil, "all statistics")]
  }

  /// Table 1 on this axis, each rule's predictions measured with `accuracy`.
  public func table(k: Int, accuracy: (StudyRow, Double) -> Double,
                    permutations: Int = PipelinePermutationTest.defaultPermutations) throws -> [SelectionRow] {
    try Self.tableRules(k: k).map { try evaluate(predictions(k: $0.k), k: $0.k, label: $0.label, accuracy: accuracy, permutations: permutations) }
  }

  /// The mean over pairs of folds of |A ∩ B| / |A ∪ B| of their selected statistics: 1 when every
  /// fold selected the same; NaN with fewer than 2 folds.
  static func meanJaccard(_ selections: [[String]]) -> Double {
    var total = 0.0, pairs = 0
    for i in selections.indices { for j in selections.indices where j > i {
      let a = Set(selections[i]), b = Set(selections[j])
      let union = a.union(b).count
      total += union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
      pairs += 1
    } }
    return pairs == 0 ? .nan : total / Double(pairs)
  }
}

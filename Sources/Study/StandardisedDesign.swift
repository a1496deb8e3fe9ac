import Numerics

/// The regressors and target of a fit, standardised as scikit-learn's StandardScaler: column j of
/// `z` is (s_j − mean_j)/scale_j with the ddof-0 standard deviation as scale (1 for a constant
/// statistic); the target is centred on its mean.
struct StandardisedDesign {
  let ids: [String]
  let means: [Double]
  let scales: [Double]
  /// n × p, row-major.
  let z: [Double]
  let centredTarget: [Double]
  let targetMean: Double

  var rows: Int { centredTarget.count }
  var cols: Int { ids.count }

  /// `ids` must be present in every row.
  init(_ rows: [StudyRow], ids: [String], target: RegressionTarget) {
    let n = rows.count, p = ids.count
    var means = [Double](repeating: 0, count: p), scales = [Double](repeating: 1, count: p)
    var columns: [[Double]] = []
    for (j, id) in ids.enumerated() {
      let v = rows.map { $0.statistics[id]! }
      let sd = SampleSummary.standardDeviation(v, ddof: 0)
      means[j] = SampleSummary.mean(v)
      scales[j] = sd > 0 ? sd : 1
      columns.append(v)
    }
    var z = [Double](repeating: 0, count: n * p)
    for i in 0..<n { for j in 0..<p { z[i * p + j] = (columns[j][i] - means[j]) / scales[j] } }
    let y = rows.map { target.forward($0.alphaStar) }
    let ym = SampleSummary.mean(y)
    self.ids = ids; self.means = means; self.scales = scales; self.z = z
    self.centredTarget = y.map { $0 - ym }; self.targetMean = ym
  }

  /// Ridge coefficients for λ > 0, minimum-norm least squares for λ = 0.
  func coefficients(penalty: Double) throws -> [Double] {
    penalty > 0 ? try RidgeRegression.coefficients(z, rows: rows, cols: cols, centredTarget: centredTarget, penalty: penalty)
                : try LeastSquares.solve(z, rows: rows, cols: cols, centredTarget).beta
  }

  /// The prediction on the target scale for a row's statistics with coefficients `beta`.
  func predict(_ stats: [String: Double], beta: [Double]) -> Double {
    var v = targetMean
    for j in ids.indices { v += beta[j] * (stats[ids[j]]! - means[j]) / scales[j] }
    return v
  }
}

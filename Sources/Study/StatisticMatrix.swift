import Numerics

/// The study's rows in the dense form cross-validation works on: the statistics `ids` as an n × p
/// matrix (NaN where a set lacks one) and the target on its scale. Every fold, inner fold and
/// permutation of the pipeline selects and fits on index subsets of it, without touching the
/// rows' dictionaries.
struct StatisticMatrix {
  let ids: [String]
  let n: Int
  let p: Int
  /// n × p, row-major; NaN for a missing statistic.
  let values: [Double]
  /// target.forward(α*) per row.
  var y: [Double]

  init(_ rows: [StudyRow], ids: [String], target: RegressionTarget) {
    self.ids = ids; n = rows.count; p = ids.count
    var v = [Double](repeating: .nan, count: rows.count * ids.count)
    for (i, r) in rows.enumerated() { for (j, id) in ids.enumerated() { if let s = r.statistics[id] { v[i * ids.count + j] = s } } }
    values = v
    y = rows.map { target.forward($0.alphaStar) }
  }

  func column(_ j: Int, _ rows: [Int]) -> [Double] { rows.map { values[$0 * p + j] } }

  /// The columns present on every row of `rows` with a defined Pearson r with the target there,
  /// sorted by |r| descending, ties in column order.
  func ranked(_ rows: [Int]) -> [Int] {
    let target = rows.map { y[$0] }
    var scored: [(j: Int, r: Double)] = []
    for j in 0..<p {
      let x = column(j, rows)
      guard !x.contains(where: \.isNaN), let r = Correlation.coefficient(x, target) else { continue }
      scored.append((j, abs(r)))
    }
    scored.sort { $0.r != $1.r ? $0.r > $1.r : $0.j < $1.j }
    return scored.map(\.j)
  }

  /// The `k` best columns on `rows`, or (nil) every usable column in column order.
  func select(_ rows: [Int], k: Int?) -> [Int] {
    let r = ranked(rows)
    guard let k else { return r.sorted() }
    return Array(r.prefix(k))
  }

  /// The standardised design of `columns` over `rows`, as scikit-learn's StandardScaler: column c
  /// of `z` is (s − mean)/scale with the ddof-0 standard deviation as scale (1 for a constant
  /// statistic); the target centred on its mean.
  func design(_ rows: [Int], columns: [Int]) -> Design {
    let m = rows.count, q = columns.count
    var means = [Double](repeating: 0, count: q), scales = [Double](repeating: 1, count: q)
    var z = [Double](repeating: 0, count: m * q)
    for (c, j) in columns.enumerated() {
      let v = column(j, rows)
      let sd = SampleSummary.standardDeviation(v, ddof: 0)
      means[c] = SampleSummary.mean(v)
      scales[c] = sd > 0 ? sd : 1
      for i in 0..<m { z[i * q + c] = (v[i] - means[c]) / scales[c] }
    }
    let t = rows.map { y[$0] }
    let ym = SampleSummary.mean(t)
    return Design(columns: columns, means: means, scales: scales, z: z, centredTarget: t.map { $0 - ym }, targetMean: ym)
  }

  /// A standardised design on a subset of rows and columns.
  struct Design {
    let columns: [Int]
    let means: [Double]
    let scales: [Double]
    let z: [Double]
    let centredTarget: [Double]
    let targetMean: Double

    /// Ridge coefficients for λ > 0, minimum-norm least squares for λ = 0.
    func coefficients(penalty: Double) throws -> [Double] {
      let m = centredTarget.count, q = columns.count
      return penalty > 0 ? try RidgeRegression.coefficients(z, rows: m, cols: q, centredTarget: centredTarget, penalty: penalty)
                         : try LeastSquares.solve(z, rows: m, cols: q, centredTarget).beta
    }

    /// The prediction on the target scale for row `i` of `matrix`.
    func predict(_ matrix: StatisticMatrix, row i: Int, beta: [Double]) -> Double {
      var v = targetMean
      for (c, j) in columns.enumerated() { v += beta[c] * (matrix.values[i * matrix.p + j] - means[c]) / scales[c] }
      return v
    }
  }
}

import Numerics

/// Scalar moments of every value of X, in Float64 (SPEC §3: mean/var on all, train_mean/train_std
/// on train; ddof 0). Two streaming passes over the rows in place (the sums, then the squared
/// deviations), each value added in row-major order.
public struct GlobalMoments: Sendable {
  public let allMean: Double
  public let allVariance: Double
  public let trainMean: Double
  public let trainVariance: Double

  init(train: AnyRowTable, validation: AnyRowTable) {
    let nt = Double(train.rows * train.cols), nv = Double(validation.rows * validation.cols)
    let st = RowSums.sum(train), sv = RowSums.sum(validation)
    trainMean = st / nt
    allMean = (st + sv) / (nt + nv)
    trainVariance = RowSums.squaredDeviations(train, from: trainMean) / nt
    allVariance = (RowSums.squaredDeviations(train, from: allMean) + RowSums.squaredDeviations(validation, from: allMean)) / (nt + nv)
  }
}

/// Sums over every value of a row table, widened to Float64 and added one at a time in row-major
/// order (the order of summing a Float64 copy's storage).
enum RowSums {
  static func sum(_ table: AnyRowTable) -> Double {
    switch table {
    case let .float32(t): sum(t) { $0 }
    case let .float64(t): sum(t) { $0 }
    }
  }

  /// Σ (x − μ)².
  static func squaredDeviations(_ table: AnyRowTable, from mu: Double) -> Double {
    switch table {
    case let .float32(t): sum(t) { ($0 - mu) * ($0 - mu) }
    case let .float64(t): sum(t) { ($0 - mu) * ($0 - mu) }
    }
  }

  static func sum<T: BinaryFloatingPoint>(_ t: RowTable<T>, _ f: (Double) -> Double) -> Double {
    var s = 0.0
    for i in 0..<t.rows {
      let row = t.row(i)
      for j in 0..<t.cols { s += f(Double(row[j])) }
    }
    return s
  }
}

/// Per-column moments of the training split: mean, and the biased central moments
/// m2 = Σ(x − x̄)²/n and m4 = Σ(x − x̄)⁴/n. Two streaming passes over the rows in place (the
/// means, then the central moments with the extremes), row by row.
public struct ColumnMoments: Sendable {
  public let mean: [Double]
  public let m2: [Double]
  public let m4: [Double]
  /// Minimum and maximum of each column (a constant column has min == max).
  public let minimum: [Double]
  public let maximum: [Double]

  init(_ table: AnyRowTable) {
    // `ColumnMeans`: the same bits as the covariance's means.
    let mean = ColumnMeans.of(table)
    let central: (m2: [Double], m4: [Double], lo: [Double], hi: [Double])
    switch table {
    case let .float32(t): central = Self.central(t, mean: mean)
    case let .float64(t): central = Self.central(t, mean: mean)
    }
    self.mean = mean; m2 = central.m2; m4 = central.m4; minimum = central.lo; maximum = central.hi
  }

  private static func central<T: BinaryFloatingPoint>(_ t: RowTable<T>, mean: [Double])
    -> (m2: [Double], m4: [Double], lo: [Double], hi: [Double]) {
    let n = t.rows, d = t.cols
    var lo = [Double](repeating: .infinity, count: d), hi = [Double](repeating: -.infinity, count: d)
    var m2 = [Double](repeating: 0, count: d), m4 = [Double](repeating: 0, count: d)
    for i in 0..<n {
      let row = t.row(i)
      for j in 0..<d {
        let v = Double(row[j]), c = v - mean[j], c2 = c * c
        m2[j] += c2; m4[j] += c2 * c2; lo[j] = Swift.min(lo[j], v); hi[j] = Swift.max(hi[j], v)
      }
    }
    for j in 0..<d { m2[j] /= Double(n); m4[j] /= Double(n) }
    return (m2, m4, lo, hi)
  }
}

/// Class structure of the training split. Only classes present in training are listed;
/// `classes[k]` is the label of row k of `means`. Two streaming passes over the rows in place
/// (class sums, then within-class squares and distances): O(C·d) memory whatever N is.
public struct ClassMeans: Sendable {
  /// Labels (0..<C) of the classes present in the training split, ascending.
  public let classes: [Int]
  /// n_c for each listed class.
  public let counts: [Int]
  /// Class means μ_c, one row per listed class (C_t × d).
  public let means: Matrix<Double>
  /// The training mean μ (over samples).
  public let overallMean: [Double]
  /// Σ_{x ∈ X_c} ‖x − μ_c‖² for each listed class.
  public let withinSumOfSquares: [Double]
  /// Σ_{x ∈ X_c} ‖x − μ_c‖ for each listed class (Davies–Bouldin's spreads, times n_c), from the
  /// same pass.
  public let withinDistanceSums: [Double]

  init(_ table: AnyRowTable, labels: [Int], classCount: Int) {
    switch table {
    case let .float32(t): self.init(t, labels: labels, classCount: classCount)
    case let .float64(t): self.init(t, labels: labels, classCount: classCount)
    }
  }

  private init<T: BinaryFloatingPoint>(_ x: RowTable<T>, labels: [Int], classCount: Int) {
    let d = x.cols
    var counts = [Int](repeating: 0, count: classCount)
    var sums = Matrix<Double>(rows: classCount, cols: d)
    var total = [Double](repeating: 0, count: d)
    for i in 0..<x.rows {
      let c = labels[i], row = x.row(i)
      counts[c] += 1
      for j in 0..<d { let v = Double(row[j]); sums[c, j] += v; total[j] += v }
    }
    let present = (0..<classCount).filter { counts[$0] > 0 }
    var means = Matrix<Double>(rows: present.count, cols: d)
    var rowOf = [Int](repeating: -1, count: classCount)
    for (k, c) in present.enumerated() {
      rowOf[c] = k
      for j in 0..<d { means[k, j] = sums[c, j] / Double(counts[c]) }
    }
    var within = [Double](repeating: 0, count: present.count), distances = within
    for i in 0..<x.rows {
      let k = rowOf[labels[i]], row = x.row(i)
      var s = 0.0
      for j in 0..<d { let c = Double(row[j]) - means[k, j]; s += c * c }
      within[k] += s
      distances[k] += s.squareRoot()
    }
    self.classes = present
    self.counts = present.map { counts[$0] }
    self.means = means
    self.overallMean = total.map { $0 / Double(x.rows) }
    self.withinSumOfSquares = within
    self.withinDistanceSums = distances
  }
}

/// The covariance matrix (ddof 1) of the training split, from blocked `syrk` on the centred rows
/// (`GramPrecision`: Float64, or Float32 products accumulated in Float64 for `suggest`).
enum Covariance {
  /// - Parameter mean: the column means when another piece has them already. Without them the
  ///   `.double` path computes them first (`ColumnMeans`, a pass of its own) and the `.mixed` path
  ///   reads the rows once (`BLAS.mixedCentredGramOnePass`).
  static func matrix(_ x: AnyRowTable, mean: [Double]?, precision: GramPrecision) -> Matrix<Double> {
    var c: Matrix<Double>
    switch (precision, mean) {
    case (.mixed, nil): c = BLAS.mixedCentredGramOnePass(x)
    case let (_, mean?): c = BLAS.centredGram(x, mean: mean, precision: precision)
    case (.double, nil): c = BLAS.centredGram(x, mean: ColumnMeans.of(x), precision: .double)
    }
    let scale = 1 / Double(max(x.rows - 1, 1))
    for k in c.storage.indices { c.storage[k] *= scale }
    return c
  }

  /// Pearson correlation from a covariance: R_ij = C_ij / √(C_ii C_jj); a row/column of a
  /// constant feature (C_ii = 0) is 0 off the diagonal and 1 on it. Clipped to [−1, 1] like
  /// `np.corrcoef`.
  static func correlation(_ c: Matrix<Double>) -> Matrix<Double> {
    let d = c.rows
    var r = Matrix<Double>(rows: d, cols: d)
    let s = (0..<d).map { c[$0, $0] > 0 ? c[$0, $0].squareRoot() : 0 }
    for i in 0..<d {
      for j in 0..<d {
        if i == j { r[i, j] = 1; continue }
        r[i, j] = (s[i] > 0 && s[j] > 0) ? Swift.min(1, Swift.max(-1, c[i, j] / s[i] / s[j])) : 0
      }
    }
    return r
  }
}

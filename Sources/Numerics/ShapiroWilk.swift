/// The Shapiro–Wilk W statistic by Royston's algorithm (AS R94, Applied Statistics 44(4), 1995),
/// the algorithm behind `scipy.stats.shapiro`.
///
/// The coefficients depend only on the sample size n, so one `ShapiroWilk(n:)` serves every column
/// of that length: m_i = Φ⁻¹((i − 3/8)/(n + 1/4)) (Blom scores, from the AS 111 normal quantile as
/// in the reference), the two extreme coefficients from Royston's polynomials in 1/√n (evaluated
/// with GSL's `gsl_poly_eval`), the rest m_i / fac. W is the squared correlation between the
/// coefficients and the sorted sample:
///
///     W = (Σ aᵢ x₍ᵢ₎)² / (Σ aᵢ² · Σ (xᵢ − x̄)²)
///
/// computed as AS R94 does, on data shifted by x[n/2] (the unsorted middle element, as scipy does
/// for stability) and scaled by the range.
///
/// Valid for 3 ≤ n; AS R94 validated the p-value up to n = 5000 (W itself is exact beyond).
/// A sample with zero range has no W (`statistic(sorted:)` returns nil).
/// - Complexity: O(n) to build, O(n) per sorted sample.
public struct ShapiroWilk: Sendable {
  public let n: Int
  /// Full coefficient vector, centred (aᵢ − mean a), ascending order of the sample.
  let centred: [Double]
  /// Σ (aᵢ − ā)².
  let ssa: Double

  public init(n: Int) {
    precondition(n >= 3, "Shapiro–Wilk needs at least 3 values")
    self.n = n
    let half = ShapiroWilk.halfCoefficients(n: n)
    var full = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let mirror = n - 1 - i
      if i < mirror { full[i] = -half[i] } else if i > mirror { full[i] = half[mirror] }
    }
    let mean = full.reduce(0, +) / Double(n)
    centred = full.map { $0 - mean }
    ssa = centred.reduce(0) { $0 + $1 * $1 }
  }

  /// The upper-half coefficients a₁ ≥ … (largest first), AS R94's initialisation.
  static func halfCoefficients(n: Int) -> [Double] {
    let n2 = n / 2
    if n == 3 { return [(0.5).squareRoot()] }
    let c1: [Double] = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056]
    let c2: [Double] = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633]
    let an = Double(n)
    var m = (0..<n2).map { AS111.normalQuantile((Double($0 + 1) - 0.375) / (an + 0.25)) }
    let summ2 = 2 * m.reduce(0) { $0 + $1 * $1 }
    let ssumm2 = summ2.squareRoot()
    let rsn = 1 / an.squareRoot()
    let a1 = GSL.polynomial(c1, at: rsn) - m[0] / ssumm2
    let first: Int
    let fac: Double
    if n > 5 {
      first = 2
      let a2 = -m[1] / ssumm2 + GSL.polynomial(c2, at: rsn)
      fac = ((summ2 - 2 * m[0] * m[0] - 2 * m[1] * m[1]) / (1 - 2 * a1 * a1 - 2 * a2 * a2)).squareRoot()
      m[1] = a2
    } else {
      first = 1
      fac = ((summ2 - 2 * m[0] * m[0]) / (1 - 2 * a1 * a1)).squareRoot()
    }
    m[0] = a1
    for i in first..<n2 { m[i] *= -1 / fac }
    return m
  }

  /// W for a sample sorted ascending, shifted by `shift` (scipy uses the unsorted x[n/2]).
  /// Returns nil when the sample has zero range.
  public func statistic(sorted x: UnsafeBufferPointer<Double>, shift: Double = 0) -> Double? {
    precondition(x.count == n)
    let range = x[n - 1] - x[0]
    guard range > 1e-19 else { return nil }
    var sx = 0.0
    for i in 0..<n { sx += (x[i] - shift) / range }
    sx /= Double(n)
    var ssx = 0.0, sax = 0.0
    centred.withUnsafeBufferPointer { a in
      for i in 0..<n {
        let xsx = (x[i] - shift) / range - sx
        ssx += xsx * xsx
        sax += a[i] * xsx
      }
    }
    let root = (ssa * ssx).squareRoot()
    let w1 = (root - sax) * (root + sax) / (ssa * ssx)
    return 1 - w1
  }

  /// W of an unsorted sample (sorts a copy).
  public func statistic(_ values: [Double]) -> Double? {
    let shift = values[n / 2]
    let sorted = values.sorted()
    return sorted.withUnsafeBufferPointer { statistic(sorted: $0, shift: shift) }
  }
}

/// Algorithm AS 111 (Beasley & Springer, 1977): the normal quantile used by AS R94 for its
/// expected normal scores. Accurate to about 1e-7 — the reference (scipy) uses exactly this
/// approximation, so W matches it to ~1e-12 instead of ~1e-7 with an exact quantile.
enum AS111 {
  static func normalQuantile(_ p: Double) -> Double {
    let q = p - 0.5
    if abs(q) <= 0.42 {
      let r = q * q
      let num = q * (((-25.44106049637 * r + 41.39119773534) * r - 18.61500062529) * r + 2.50662823884)
      let den = (((3.13082909833 * r - 21.06224101826) * r + 23.08336743743) * r - 8.47351093090) * r + 1
      return num / den
    }
    var r = q > 0 ? 1 - p : p
    guard r > 0 else { return 0 }
    r = (-_log(r)).squareRoot()
    let v = (((2.32121276858 * r + 4.85014127135) * r - 2.29796479134) * r - 2.78718931138)
      / ((1.63706781897 * r + 3.54388924762) * r + 1)
    return q < 0 ? -v : v
  }
}

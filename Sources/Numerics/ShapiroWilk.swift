import Foundation

/// The Shapiro–Wilk W statistic by Royston's algorithm (AS R94, Applied Statistics 44(4), 1995),
/// the algorithm behind `scipy.stats.shapiro`.
///
/// The coefficients depend only on the sample size n, so one `ShapiroWilk(n:)` serves every column
/// of that length: m_i = Φ⁻¹((i − 3/8)/(n + 1/4)) (Blom scores, GSL's `gsl_cdf_ugaussian_Pinv`;
/// scipy uses the AS 111 approximation, which moves W by at most 7e-10 at n = 3…5000), the two
/// extreme coefficients from Royston's polynomials in 1/√n (GSL's `gsl_poly_eval`), the rest
/// m_i / fac. W is the squared correlation between the coefficients and the sorted sample:
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
    var m = (0..<n2).map { GSL.normalQuantile((Double($0 + 1) - 0.375) / (an + 0.25)) }
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

  /// The p-value of W under normality, by Royston's normalising transformation (AS R94; exact
  /// for n = 3): for n ≤ 11, y = −ln(γ − ln(1 − W)) with γ = −2.273 + 0.459n; otherwise
  /// y = ln(1 − W); then p = Q((y − μ(n))/σ(n)) with GSL's upper normal tail.
  public func pValue(_ w: Double) -> Double {
    if n == 3 {
      guard w >= 0.75 else { return 0 }
      return Swift.max(0, 1 - 6 / Double.pi * acos(w.squareRoot()))
    }
    let an = Double(n)
    var y = log(1 - w)
    let m: Double, s: Double
    if n <= 11 {
      let gamma = GSL.polynomial([-2.273, 0.459], at: an)
      guard y < gamma else { return 1e-19 }
      y = -log(gamma - y)
      m = GSL.polynomial([0.544, -0.39978, 0.025054, -6.714e-4], at: an)
      s = exp(GSL.polynomial([1.3822, -0.77857, 0.062767, -0.0020322], at: an))
    } else {
      let lnN = log(an)
      m = GSL.polynomial([-1.5861, -0.31082, -0.083751, 0.0038915], at: lnN)
      s = exp(GSL.polynomial([-0.4803, -0.082676, 0.0030302], at: lnN))
    }
    return GSL.normalUpperTail((y - m) / s)
  }

  /// W of an unsorted sample (sorts a copy).
  public func statistic(_ values: [Double]) -> Double? {
    let shift = values[n / 2]
    let sorted = values.sorted()
    return sorted.withUnsafeBufferPointer { statistic(sorted: $0, shift: shift) }
  }
}


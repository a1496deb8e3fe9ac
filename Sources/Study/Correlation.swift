import Numerics

/// Pearson correlation and its two-sided p-value, as `scipy.stats.pearsonr`.
public struct Correlation: Sendable, Equatable {
  public let r: Double
  public let pValue: Double
  public let n: Int

  /// r = Σ(x−x̄)(y−ȳ) / (‖x−x̄‖·‖y−ȳ‖), clipped to [−1, 1]; p = I_{1−r²}((n−2)/2, 1/2), the
  /// two-sided tail of Student's t with n − 2 degrees of freedom (GSL's incomplete beta).
  /// Nil when n < 3 or either side is constant (r undefined); throws when GSL fails on p.
  public init?(_ x: [Double], _ y: [Double]) throws {
    guard let r = Self.coefficient(x, y) else { return nil }
    let n = x.count
    self.r = r
    self.n = n
    let dof = Double(n - 2)
    pValue = abs(r) == 1 ? 0 : try GSL.incompleteBeta(dof / 2, 0.5, 1 - r * r)
  }

  /// r alone (as `init`, without the p-value): nil when n < 3 or either side is constant.
  public static func coefficient(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count)
    let n = x.count
    guard n >= 3, x.min() != x.max(), y.min() != y.max() else { return nil }   // r undefined for a constant
    let mx = SampleSummary.mean(x), my = SampleSummary.mean(y)
    var sxx = 0.0, syy = 0.0
    for i in 0..<n { sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my) }
    guard sxx > 0, syy > 0 else { return nil }
    let nx = sxx.squareRoot(), ny = syy.squareRoot()
    var r = 0.0
    for i in 0..<n { r += ((x[i] - mx) / nx) * ((y[i] - my) / ny) }
    return Swift.max(-1, Swift.min(1, r))
  }
}

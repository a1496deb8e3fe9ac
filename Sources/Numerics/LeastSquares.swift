import CLeastSquares

/// Linear least squares through GSL's multifit (`CLeastSquares`, a C file: GSL's multifit header
/// clashes with OpenBLAS's cblas.h as Clang modules, so Swift sees plain arrays only). GSL's error
/// handler is the one `GSL` switches off; failures are `NumericsError.gsl`.
public enum LeastSquares {
  /// The minimum-norm least-squares solution β of X·β ≈ y (X is n × p, row-major), by truncated
  /// SVD (`gsl_multifit_linear_tsvd`): singular values below `tolerance`·σ_max are dropped, so a
  /// rank-deficient X (a duplicated or constant column, p > n) gets the minimum-norm solution, as
  /// numpy's lstsq and scikit-learn's LinearRegression give. Returns β and the effective rank.
  /// - Throws: `NumericsError.shapeMismatch` when x or y do not hold n × p and n values;
  ///   `NumericsError.gsl` when GSL fails.
  /// - Complexity: O(n·p² + p³).
  public static func solve(_ x: [Double], rows n: Int, cols p: Int, _ y: [Double], tolerance: Double = 1e-12) throws -> (beta: [Double], rank: Int) {
    guard n >= 0, p >= 0, x.count == n * p, y.count == n else {
      throw NumericsError.shapeMismatch("least squares: X has \(x.count) values for \(n) × \(p), y has \(y.count) for \(n) rows")
    }
    if p == 0 { return ([], 0) }
    GSL.switchOffErrorHandler()
    var beta = [Double](repeating: 0, count: p)
    var rank = 0
    let status = tempctl_least_squares_tsvd(x, n, p, y, tolerance, &beta, &rank)
    guard status == 0 else {
      throw NumericsError.gsl(routine: "gsl_multifit_linear_tsvd", status: status, message: String(cString: tempctl_gsl_strerror(status)))
    }
    return (beta, rank)
  }
}

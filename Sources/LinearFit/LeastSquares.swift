import CGSLFit

/// Linear least squares through GSL's multifit (kept in its own module: gsl_multifit.h pulls in
/// gsl_cblas.h, whose declarations clash with OpenBLAS's cblas.h in one Clang module).
public enum LeastSquares {
  /// A failure reported by GSL.
  public struct Failure: Error, CustomStringConvertible {
    public let routine: String
    public let status: Int32
    public var description: String { "\(routine): GSL error \(status): \(String(cString: gsl_strerror(status)))" }
  }

  private static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()

  /// The minimum-norm least-squares solution β of X·β ≈ y (X is n × p, row-major), by truncated
  /// SVD (`gsl_multifit_linear_tsvd`): singular values below `tolerance`·σ_max are dropped, so a
  /// rank-deficient X (a duplicated or constant column, p > n) gets the minimum-norm solution, as
  /// numpy's lstsq and scikit-learn's LinearRegression give. Returns β and the effective rank.
  /// - Complexity: O(n·p² + p³).
  public static func solve(_ x: [Double], rows n: Int, cols p: Int, _ y: [Double], tolerance: Double = 1e-12) throws -> (beta: [Double], rank: Int) {
    precondition(x.count == n * p && y.count == n)
    _ = handlerOff
    if p == 0 { return ([], 0) }
    guard let X = gsl_matrix_alloc(n, p), let Y = gsl_vector_alloc(n), let B = gsl_vector_alloc(p),
          let cov = gsl_matrix_alloc(p, p), let work = gsl_multifit_linear_alloc(n, p) else {
      throw Failure(routine: "gsl_*_alloc", status: Int32(GSL_ENOMEM))
    }
    defer { gsl_matrix_free(X); gsl_vector_free(Y); gsl_vector_free(B); gsl_matrix_free(cov); gsl_multifit_linear_free(work) }
    for i in 0..<n {
      for j in 0..<p { gsl_matrix_set(X, i, j, x[i * p + j]) }
      gsl_vector_set(Y, i, y[i])
    }
    var chisq = 0.0
    var rank = 0
    let status = gsl_multifit_linear_tsvd(X, Y, tolerance, B, cov, &chisq, &rank, work)
    guard status == Int32(GSL_SUCCESS) else { throw Failure(routine: "gsl_multifit_linear_tsvd", status: status) }
    return ((0..<p).map { gsl_vector_get(B, $0) }, rank)
  }
}

import CGSL

/// The pieces of GNU GSL the statistics use: normal quantiles and tails, polynomial
/// evaluation. GSL's abort-on-error handler is switched off the first time any is used;
/// every status code is checked by the callers that can fail.
public enum GSL {
  private static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()

  /// Switches GSL's abort-on-error handler off (once per process; every caller of a GSL routine
  /// that reports a status calls this first and checks the status).
  public static func switchOffErrorHandler() { _ = handlerOff }

  /// Φ⁻¹(p), the standard normal quantile (`gsl_cdf_ugaussian_Pinv`).
  public static func normalQuantile(_ p: Double) -> Double {
    _ = handlerOff
    return gsl_cdf_ugaussian_Pinv(p)
  }

  /// Φ(x), the standard normal lower tail (`gsl_cdf_ugaussian_P`).
  public static func normalCDF(_ x: Double) -> Double {
    _ = handlerOff
    return gsl_cdf_ugaussian_P(x)
  }

  /// 1 − Φ(x), the standard normal upper tail (`gsl_cdf_ugaussian_Q`), accurate far in the tail.
  public static func normalUpperTail(_ x: Double) -> Double {
    _ = handlerOff
    return gsl_cdf_ugaussian_Q(x)
  }

  /// c₀ + c₁x + … + c_k x^k (`gsl_poly_eval`), coefficients in ascending order.
  public static func polynomial(_ coefficients: [Double], at x: Double) -> Double {
    coefficients.withUnsafeBufferPointer { gsl_poly_eval($0.baseAddress, Int32($0.count), x) }
  }

  /// The regularised incomplete beta function I_x(a, b) (`gsl_sf_beta_inc_e`). A result below
  /// the smallest double is 0 (GSL's underflow status); any other failure of GSL (a domain
  /// error, no convergence) throws `NumericsError.gsl` with GSL's own message.
  public static func incompleteBeta(_ a: Double, _ b: Double, _ x: Double) throws -> Double {
    _ = handlerOff
    var result = gsl_sf_result()
    let status = gsl_sf_beta_inc_e(a, b, x, &result)
    if status == Int32(GSL_EUNDRFLW) { return 0 }
    guard status == Int32(GSL_SUCCESS) else {
      throw NumericsError.gsl(routine: "gsl_sf_beta_inc_e(\(a), \(b), \(x))", status: status, message: String(cString: gsl_strerror(status)))
    }
    return result.val
  }

}

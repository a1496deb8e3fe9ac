import Foundation
import Numerics

/// Ridge regression on standardised regressors, as scikit-learn's `Ridge(alpha: λ)`: β minimises
/// ‖y_c − Zβ‖² + λ‖β‖² for the centred target y_c, i.e. β = (ZᵀZ + λI)⁻¹ Zᵀy_c (LAPACK Cholesky),
/// intercept = mean y (Z's columns have mean 0).
public enum RidgeRegression {
  /// The penalties nested cross-validation chooses from: λ = 10^(−3), 10^(−2.5), …, 10^3 (13
  /// values, ascending; ties in the inner score go to the smaller λ, as `GridSearchCV`). With
  /// standardised Z, ZᵀZ has n on its diagonal, so λ spans from nearly least squares (λ ≪ n) to
  /// nearly the mean (λ ≫ n) for the zoo's tens of sets.
  public static let penalties: [Double] = (0...12).map { pow(10, Double($0) / 2 - 3) }

  /// β for `z` (n × p, row-major, standardised) and centred `y`, penalty λ > 0.
  /// - Complexity: O(n·p² + p³).
  public static func coefficients(_ z: [Double], rows n: Int, cols p: Int, centredTarget y: [Double], penalty: Double) throws -> [Double] {
    precondition(penalty > 0 && z.count == n * p && y.count == n)
    var a = Matrix<Double>(rows: p, cols: p)
    var b = [Double](repeating: 0, count: p)
    for i in 0..<n {
      for j in 0..<p {
        let zij = z[i * p + j]
        b[j] += zij * y[i]
        for l in j..<p { a.storage[j * p + l] += zij * z[i * p + l] }
      }
    }
    for j in 0..<p { a.storage[j * p + j] += penalty }
    return try CholeskySolve.solve(a, b)
  }
}

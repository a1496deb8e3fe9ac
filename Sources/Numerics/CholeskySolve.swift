import CBLAS

/// Solves A·x = b for a symmetric positive definite A (LAPACK `dposv`: Cholesky factorisation
/// A = LLᵀ, then two triangular solves).
public enum CholeskySolve {
  /// x with A·x = b; only A's upper triangle is read.
  ///
  /// - Complexity: n³/3 + 2n² floating-point operations.
  /// - Throws: `NumericsError.shapeMismatch` for a non-square A or a b of another length;
  ///   `NumericsError.lapack` when A is not positive definite (info > 0) or an argument is bad.
  public static func solve(_ a: Matrix<Double>, _ b: [Double]) throws -> [Double] {
    guard a.rows == a.cols, b.count == a.rows else {
      throw NumericsError.shapeMismatch("Cholesky solve: A is \(a.rows)×\(a.cols), b has \(b.count) entries")
    }
    let n = a.rows
    if n == 0 { return [] }
    var work = a.storage, x = b
    let info = work.withUnsafeMutableBufferPointer { pa in
      x.withUnsafeMutableBufferPointer { px in
        LAPACKE_dposv(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), 1, pa.baseAddress!, Int32(n), px.baseAddress!, 1)
      }
    }
    guard info == 0 else { throw NumericsError.lapack(routine: "LAPACKE_dposv", info: info) }
    return x
  }
}

import CBLAS

/// Eigenvalues of a real symmetric matrix (LAPACK `dsyevd`, divide and conquer).
public enum SymmetricEigen {
  /// The eigenvalues of the symmetric matrix `a` (only its upper triangle is read), in
  /// descending order.
  ///
  /// - Complexity: O(d³).
  /// - Throws: `NumericsError.lapack` when `dsyevd` reports failure.
  public static func eigenvalues(_ a: Matrix<Double>) throws -> [Double] {
    guard a.rows == a.cols else {
      throw NumericsError.shapeMismatch("eigenvalues need a square matrix, got \(a.rows)×\(a.cols)")
    }
    let n = a.rows
    if n == 0 { return [] }
    var work = a.storage
    var w = [Double](repeating: 0, count: n)
    let info = work.withUnsafeMutableBufferPointer { pa in
      w.withUnsafeMutableBufferPointer { pw in
        LAPACKE_dsyevd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "U")),
                       Int32(n), pa.baseAddress, Int32(n), pw.baseAddress)
      }
    }
    guard info == 0 else { throw NumericsError.lapack(routine: "LAPACKE_dsyevd", info: info) }
    return w.reversed()
  }
}

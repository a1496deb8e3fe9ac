import CBLAS

/// Thin, checked wrappers over OpenBLAS's CBLAS for row-major `Matrix` values.
///
/// These are the only entry points to BLAS in the package; unsafe pointers stay here.
public enum BLAS {
  /// Whether an operand is used as stored or transposed.
  public enum Transpose: Sendable { case none, transpose
    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
  }

  /// C ← α·op(A)·op(B) + β·C in double precision (`cblas_dgemm`, row-major).
  ///
  /// - Complexity: 2·m·n·k floating-point operations.
  public static func gemm(_ a: Matrix<Double>, _ transA: Transpose = .none,
                          _ b: Matrix<Double>, _ transB: Transpose = .none,
                          alpha: Double = 1, beta: Double = 0, into c: inout Matrix<Double>) throws {
    let (m, ka) = transA == .none ? (a.rows, a.cols) : (a.cols, a.rows)
    let (kb, n) = transB == .none ? (b.rows, b.cols) : (b.cols, b.rows)
    guard ka == kb, c.rows == m, c.cols == n else {
      throw NumericsError.shapeMismatch("gemm: op(A) is \(m)×\(ka), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.cols)")
    }
    if m == 0 || n == 0 { return }
    a.storage.withUnsafeBufferPointer { pa in
      b.storage.withUnsafeBufferPointer { pb in
        c.storage.withUnsafeMutableBufferPointer { pc in
          cblas_dgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(ka), alpha,
                      pa.baseAddress, Int32(max(a.cols, 1)), pb.baseAddress, Int32(max(b.cols, 1)), beta,
                      pc.baseAddress, Int32(max(n, 1)))
        }
      }
    }
  }

  /// The product op(A)·op(B) as a new matrix.
  public static func product(_ a: Matrix<Double>, _ transA: Transpose = .none,
                             _ b: Matrix<Double>, _ transB: Transpose = .none) throws -> Matrix<Double> {
    let m = transA == .none ? a.rows : a.cols
    let n = transB == .none ? b.cols : b.rows
    var c = Matrix<Double>(rows: m, cols: n)
    try gemm(a, transA, b, transB, into: &c)
    return c
  }

  /// Double-precision GEMM on panels, row-major: C ← α·op(A)·op(B) + β·C (`cblas_dgemm`), for
  /// blocked algorithms; shapes checked as in `sgemm`.
  /// - Complexity: 2·m·n·k floating-point operations.
  public static func gemm(_ a: Panel<Double>, _ b: Panel<Double>, into c: MutablePanel<Double>, transA: Transpose = .none,
                          transB: Transpose = .none, alpha: Double = 1, beta: Double = 0) {
    let (m, n, k) = productShape(a, transA, b, transB, into: c)
    guard m > 0, n > 0 else { return }
    cblas_dgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                a.start, Int32(max(a.stride, 1)), b.start, Int32(max(b.stride, 1)), beta, c.start, Int32(max(c.stride, 1)))
  }

  /// The Gram matrix AᵀA (d × d, both triangles filled) of an n × d table: `centredGram` about
  /// 0, by blocks of rows (`dsyrk`), so a memory-mapped Float32 table is never copied whole.
  ///
  /// - Complexity: n·d² floating-point operations; memory d² + 2048·d.
  public static func gram(_ a: AnyRowTable) -> Matrix<Double> {
    centredGram(a, mean: [Double](repeating: 0, count: a.cols))
  }

  /// m, n, k of C ← op(A)·op(B) on panels, after checking that op(A) is m × k, op(B) k × n and
  /// C m × n.
  static func productShape<E>(_ a: Panel<E>, _ transA: Transpose, _ b: Panel<E>, _ transB: Transpose,
                              into c: MutablePanel<E>) -> (m: Int, n: Int, k: Int) {
    let (m, k) = transA == .none ? (a.rows, a.cols) : (a.cols, a.rows)
    let (kb, n) = transB == .none ? (b.rows, b.cols) : (b.cols, b.rows)
    precondition(k == kb && c.rows == m && c.cols == n, "GEMM: op(A) is \(m)×\(k), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.cols)")
    return (m, n, k)
  }
}

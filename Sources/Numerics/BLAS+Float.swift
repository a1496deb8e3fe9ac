import CBLAS

extension BLAS {
  /// Raw single-precision GEMM, row-major: C[m×n] ← α·op(A)·op(B) + β·C (`cblas_sgemm`).
  /// `lda`, `ldb`, `ldc` are the row strides of A, B, C as stored.
  /// - Complexity: 2·m·n·k floating-point operations.
  public static func sgemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Float = 1,
                           a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                           beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
    guard m > 0, n > 0 else { return }
    cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
}

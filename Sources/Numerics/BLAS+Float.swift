import CBLAS
import Dispatch

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

  /// This machine's single-precision GEMM rate in FLOP/s on an (m × k)·(k × n) product, best of
  /// three runs (for cost estimates before long work).
  public static func sgemmRate(m: Int, k: Int, n: Int) -> Double {
    let (m, k, n) = (max(m, 1), max(k, 1), max(n, 1))
    let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: k * n)
    var out = [Float](repeating: 0, count: m * n)
    var best = Double.infinity
    for _ in 0..<3 {
      let t0 = DispatchTime.now().uptimeNanoseconds
      a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in out.withUnsafeMutableBufferPointer { pc in
        sgemm(.none, .none, m: m, n: n, k: k, a: pa.baseAddress!, lda: k, b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n)
      } } }
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return 2 * Double(m) * Double(k) * Double(n) / max(best, 1e-9)
  }
}

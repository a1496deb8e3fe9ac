import CBLAS
import Dispatch

extension BLAS {
  /// Single-precision GEMM on panels, row-major: C ← α·op(A)·op(B) + β·C (`cblas_sgemm`), with
  /// C's shape m × n, op(A) m × k and op(B) k × n checked; each panel's row stride is its BLAS
  /// leading dimension.
  /// - Complexity: 2·m·n·k floating-point operations.
  public static func sgemm(_ a: Panel<Float>, _ b: Panel<Float>, into c: MutablePanel<Float>, transA: Transpose = .none,
                          transB: Transpose = .none, alpha: Float = 1, beta: Float = 0) {
    let (m, n, k) = productShape(a, transA, b, transB, into: c)
    guard m > 0, n > 0 else { return }
    cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                a.start, Int32(max(a.stride, 1)), b.start, Int32(max(b.stride, 1)), beta, c.start, Int32(max(c.stride, 1)))
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
        sgemm(Panel(pa, rows: m, cols: k), Panel(pb, rows: k, cols: n), into: MutablePanel(pc, rows: m, cols: n))
      } } }
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return 2 * Double(m) * Double(k) * Double(n) / max(best, 1e-9)
  }
}

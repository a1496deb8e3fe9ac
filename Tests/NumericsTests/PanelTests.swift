import Numerics
import Testing

/// Panels: windows of strided storage checked against their buffer; `BLAS.sgemm` on panels (sub-
/// windows, a transposed operand) equals the naive product, and shapes that disagree stop the
/// process instead of reading past a buffer.
@Suite struct PanelTests {
  @Test func sgemmOnSubWindowsEqualsTheNaiveProduct() {
    // A is 4 × 6 stored with stride 6; use its columns 1..<4 (4 × 3). B is 3 × 5 stored in a 4 × 5
    // buffer; use rows 1..<4. C gets columns 2..<7 of a 4 × 8 buffer.
    let a = (0..<24).map { Float($0 % 7) - 3 }, b = (0..<20).map { Float($0 % 5) * 0.5 - 1 }
    var c = [Float](repeating: 9, count: 32)
    a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in c.withUnsafeMutableBufferPointer { pc in
      BLAS.sgemm(Panel(pa, rows: 4, cols: 6).columns(1..<4), Panel(pb, rows: 4, cols: 5).rows(1..<4),
                 into: MutablePanel(pc, rows: 4, cols: 8).columns(2..<7))
    } } }
    for i in 0..<4 { for j in 0..<8 {
      if (2..<7).contains(j) {
        let expected = (0..<3).reduce(Float(0)) { $0 + a[i * 6 + 1 + $1] * b[(1 + $1) * 5 + (j - 2)] }
        #expect(c[i * 8 + j] == expected)
      } else {
        #expect(c[i * 8 + j] == 9, "outside the window nothing is written")
      }
    } }
    // Aᵀ·A through transA on the same window.
    var g = [Float](repeating: 0, count: 9)
    a.withUnsafeBufferPointer { pa in g.withUnsafeMutableBufferPointer { pg in
      let w = Panel(pa, rows: 4, cols: 6).columns(1..<4)
      BLAS.sgemm(w, w, into: MutablePanel(pg, rows: 3, cols: 3), transA: .transpose)
    } }
    for i in 0..<3 { for j in 0..<3 {
      #expect(g[i * 3 + j] == (0..<4).reduce(Float(0)) { $0 + a[$1 * 6 + 1 + i] * a[$1 * 6 + 1 + j] })
    } }
  }

  @Test func aWindowPastItsBufferStopsTheProcess() async {
    await #expect(processExitsWith: .failure) {
      let x = [Float](repeating: 0, count: 10)
      x.withUnsafeBufferPointer { _ = Panel($0, rows: 3, cols: 4) }
    }
  }

  @Test func sgemmWithDisagreeingShapesStopsTheProcess() async {
    await #expect(processExitsWith: .failure) {
      var x = [Float](repeating: 0, count: 12)
      x.withUnsafeMutableBufferPointer { p in
        let a = Panel(UnsafeBufferPointer(p), rows: 3, cols: 4)
        BLAS.sgemm(a, a, into: MutablePanel(p, rows: 3, cols: 3))
      }
    }
  }
}

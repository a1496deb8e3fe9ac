import Foundation
import Numerics
import Testing

/// Row tables read Float32 values in place (unaligned, scattered rows) with the same results as
/// the widened Float64 matrix; the `.mixed` Gram stays within its stated error.
@Suite struct RowTableTests {
  /// n × d Float32 values with column offsets (so centring matters), and their exact widening.
  static func data(n: Int, d: Int, seed: UInt64) -> (floats: [Float], widened: Matrix<Double>) {
    var rng = SeededGenerator(seed: seed)
    let f = (0..<(n * d)).map { k in Float(rng.normal() * Double(1 + k % d) + Double(k % d) * 3) }
    return (f, Matrix(rows: n, cols: d, storage: f.map(Double.init)))
  }

  /// Calls `body` with the floats copied one byte past an aligned address: an unaligned table.
  static func withUnalignedTable<R>(_ f: [Float], rows: Int, cols: Int, indices: [Int]? = nil,
                                    _ body: (AnyRowTable) -> R) -> R {
    let bytes = f.count * 4
    let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes + 1, alignment: 16)
    defer { raw.deallocate() }
    f.withUnsafeBytes { (raw + 1).copyMemory(from: $0.baseAddress!, byteCount: bytes) }
    return body(.float32(RowTable(bytes: UnsafeRawBufferPointer(start: raw + 1, count: bytes), rows: indices?.count ?? rows, cols: cols,
                                  storedRows: rows, indices: indices)))
  }

  @Test func float32TableGivesTheWidenedMatrixResultsBitForBit() {
    let (f, x) = Self.data(n: 3000, d: 24, seed: 7)
    let mean = x.withRowTable(ColumnMeans.of)
    let inPlaceMean = Self.withUnalignedTable(f, rows: 3000, cols: 24, ColumnMeans.of)
    #expect(inPlaceMean == mean)
    let gram = BLAS.centredGram(x, mean: mean, precision: .double)
    let inPlaceGram = Self.withUnalignedTable(f, rows: 3000, cols: 24) { BLAS.centredGram($0, mean: mean, precision: .double) }
    #expect(inPlaceGram == gram)
    // Scattered rows (a split): the same as the selected rows of the matrix.
    let pick = stride(from: 2999, to: 0, by: -7).map { $0 }
    let sub = x.selectingRows(pick)
    let subMean = Self.withUnalignedTable(f, rows: 3000, cols: 24, indices: pick, ColumnMeans.of)
    #expect(subMean == sub.withRowTable(ColumnMeans.of))
    // The column means are the plain means.
    for j in 0..<24 {
      let naive = (0..<3000).reduce(0.0) { $0 + x[$1, j] } / 3000
      #expect(abs(mean[j] - naive) <= 1e-12 * max(1, abs(naive)))
    }
  }

  @Test func mixedGramIsWithinItsStatedError() {
    let (_, x) = Self.data(n: 5000, d: 40, seed: 11)
    let mean = x.withRowTable(ColumnMeans.of)
    let exact = BLAS.centredGram(x, mean: mean, precision: .double)
    let mixed = BLAS.centredGram(x, mean: mean, precision: .mixed)
    var worst = 0.0
    for i in 0..<40 { for j in 0..<40 {
      let scale = (exact[i, i] * exact[j, j]).squareRoot()
      worst = max(worst, abs(mixed[i, j] - exact[i, j]) / scale)
    } }
    #expect(worst < 1e-5, "largest relative error \(worst)")
    #expect(worst > 0, "the mixed path must actually round in Float32")
    #expect(mixed == mixed.transposed())
  }

  /// The one-pass form (provisional mean, correction t·tᵀ/n) keeps the `.mixed` error bound, on
  /// columns whose means are large against their spread (so centring about the wrong mean would
  /// show), over several blocks (the provisional mean is the first block's only) and a split's
  /// scattered rows.
  @Test func oneReadMixedGramIsWithinItsStatedError() {
    let n = 3 * BLAS.mixedGramBlock + 517, d = 33
    var rng = SeededGenerator(seed: 5)
    // A drift down the rows: the first block's mean is not the whole table's.
    let f = (0..<(n * d)).map { k in Float(rng.normal() * Double(1 + k % d) + 40 * Double(k % d) + Double(k / d) / 200) }
    let x = Matrix(rows: n, cols: d, storage: f.map(Double.init))
    let pick = stride(from: 0, to: n, by: 3).map { $0 }
    for indices in [nil, pick] as [[Int]?] {
      let rows = indices.map { x.selectingRows($0) } ?? x
      let exact = BLAS.centredGram(rows, mean: rows.withRowTable(ColumnMeans.of), precision: .double)
      let fast = Self.withUnalignedTable(f, rows: n, cols: d, indices: indices, BLAS.mixedCentredGramOnePass)
      var worst = 0.0
      for i in 0..<d { for j in 0..<d {
        worst = max(worst, abs(fast[i, j] - exact[i, j]) / (exact[i, i] * exact[j, j]).squareRoot())
      } }
      #expect(worst < 1e-5, "largest relative error \(worst)")
      #expect(worst > 0, "the mixed path must actually round in Float32")
      #expect(fast == fast.transposed())
    }
  }

  @Test func singlePrecisionEigenvalues() throws {
    let e = try SymmetricEigen.singlePrecisionEigenvalues(Matrix<Float>(rows: 2, cols: 2, storage: [2, 1, 1, 2]))
    #expect(abs(e[0] - 3) < 1e-6 && abs(e[1] - 1) < 1e-6)
    #expect(throws: NumericsError.self) { try SymmetricEigen.singlePrecisionEigenvalues(Matrix<Float>(rows: 2, cols: 3)) }
  }
}

import Foundation
import Numerics
import Testing

@Suite struct NumericsTests {
  @Test func gemmMatchesNaiveProduct() throws {
    var rng = SeededGenerator(seed: 1)
    let a = Matrix(rows: 7, cols: 5, storage: (0..<35).map { _ in rng.normal() })
    let b = Matrix(rows: 4, cols: 5, storage: (0..<20).map { _ in rng.normal() })
    let c = try BLAS.product(a, .none, b, .transpose)
    for i in 0..<7 { for j in 0..<4 {
      let naive = (0..<5).reduce(0.0) { $0 + a[i, $1] * b[j, $1] }
      #expect(abs(c[i, j] - naive) < 1e-12)
    } }
    #expect(throws: NumericsError.self) { try BLAS.product(a, .none, b, .none) }
  }

  @Test func gramIsSymmetricAndCorrect() {
    let a = Matrix(rows: 3, cols: 2, storage: [1, 2, 3, 4, 5, 6])
    let g = a.withRowTable(BLAS.gram)
    #expect(g.storage == [35, 44, 44, 56])
  }

  /// `forEachBlock` hands every row once, in order, widened exactly, in blocks of the size asked
  /// (the last shorter), from a Float32 table read through row indices.
  @Test func forEachBlockStreamsEveryRowInOrder() {
    let n = 7, d = 3
    let values: [Float] = (0..<(n * d)).map { Float($0) * 0.5 - 3 }
    let order = [6, 0, 5, 1, 4, 2, 3]
    var seen: [Double] = [], ranges: [Range<Int>] = []
    values.withUnsafeBytes { raw in
      let table = AnyRowTable.float32(RowTable(bytes: raw, rows: n, cols: d, indices: order))
      table.forEachBlock(rows: 3) { block, rows in seen += block; ranges.append(rows) }
    }
    #expect(ranges == [0..<3, 3..<6, 6..<7])
    #expect(seen == order.flatMap { i in (0..<d).map { Double(values[i * d + $0]) } })
  }

  @Test func gramAcrossRowBlocksMatchesTheNaiveSum() {
    // 5000 rows: three blocks of the blocked rank-k update.
    var rng = SeededGenerator(seed: 3)
    let n = 5000, d = 7
    let a = Matrix(rows: n, cols: d, storage: (0..<(n * d)).map { _ in Double(rng.next() % 2001) / 1000 - 1 })
    let g = a.withRowTable(BLAS.gram)
    for i in 0..<d { for j in 0..<d {
      let naive = (0..<n).reduce(0.0) { $0 + a[$1, i] * a[$1, j] }
      #expect(abs(g[i, j] - naive) <= 1e-12 * Swift.max(1, abs(naive)))
      #expect(g[i, j] == g[j, i])
    } }
  }

  @Test func eigenvaluesOfKnownMatrix() throws {
    // [[2,1],[1,2]] has eigenvalues 3 and 1.
    let e = try SymmetricEigen.eigenvalues(Matrix(rows: 2, cols: 2, storage: [2, 1, 1, 2]))
    #expect(abs(e[0] - 3) < 1e-12 && abs(e[1] - 1) < 1e-12)
    #expect(throws: NumericsError.self) { try SymmetricEigen.eigenvalues(Matrix(rows: 2, cols: 3)) }
  }

  @Test func gslNormalPieces() {
    #expect(abs(GSL.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
    #expect(abs(GSL.normalCDF(0) - 0.5) < 1e-15)
    #expect(abs(GSL.normalUpperTail(3) - 0.0013498980316301) < 1e-14)
    #expect(GSL.polynomial([1, 2, 3], at: 2) == 17)
  }

  /// I_x(a, b): scipy.special.betainc(2, 0.5, 0.3) = 0.03784096948581308; an underflow is 0; a
  /// domain error is GSL's own status as a typed error, not a NaN.
  @Test func incompleteBetaStatusesAreTyped() throws {
    #expect(abs(try GSL.incompleteBeta(2, 0.5, 0.3) - 0.03784096948581308) < 1e-14)
    #expect(try GSL.incompleteBeta(1e6, 0.5, 0.5) == 0)
    do {
      _ = try GSL.incompleteBeta(2, 0.5, 1.5)
      Issue.record("x = 1.5 is outside [0, 1] and must throw")
    } catch let NumericsError.gsl(routine, status, message) {
      #expect(routine.hasPrefix("gsl_sf_beta_inc_e") && status != 0 && !message.isEmpty)
    }
  }

  @Test func seededGeneratorIsStable() {
    var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
    let xs = (0..<5).map { _ in a.next() }
    #expect(xs == (0..<5).map { _ in b.next() })
    var c = SeededGenerator(seed: 42)
    var v = Array(0..<10)
    c.shuffle(&v)
    #expect(v.sorted() == Array(0..<10) && v != Array(0..<10))
    // uniform(below:) is unbiased enough to hit every value
    var d = SeededGenerator(seed: 7)
    #expect(Set((0..<200).map { _ in d.uniform(below: 5) }) == [0, 1, 2, 3, 4])
  }
}

@Suite struct RadixSortTests {
  @Test(arguments: [0, 1, 2, 17, 1000, 5003])
  func sortsLikeTheStandardLibrary(n: Int) {
    var rng = SeededGenerator(seed: UInt64(n))
    var values = (0..<n).map { i -> Double in
      switch i % 5 {
      case 0: return rng.normal() * 1e-300
      case 1: return Double(Float(rng.normal()))   // float32-widened: constant low bytes
      case 2: return -rng.normal() * 1e10
      case 3: return i % 2 == 0 ? 0.0 : -0.0
      default: return rng.unitDouble() - 0.5
      }
    }
    // The documented total order: by value, and −0 before +0 (IEEE totalOrder on non-NaN values).
    let expected = values.sorted { $0 < $1 || ($0 == $1 && $0.sign == .minus && $1.sign == .plus) }
    var keys: [UInt64] = [], scratch: [UInt64] = []
    values.withUnsafeMutableBufferPointer { RadixSort.sort($0, scratch: &scratch, keys: &keys) }
    #expect(values.map(\.bitPattern) == expected.map(\.bitPattern))
    if n >= 17 { #expect(values.contains { $0 == 0 && $0.sign == .minus } && values.contains { $0 == 0 && $0.sign == .plus }) }
  }
}

@Suite struct VectorMathTests {
  @Test func expIsWithinTwoUlpsOfLibm() {
    var xs: [Float] = stride(from: -87.0, through: 88.0, by: 0.0137).map { Float($0) }
    let expected = xs.map { Foundation.exp(Double($0)) }
    xs.withUnsafeMutableBufferPointer { VectorMath.expInPlace($0) }
    var worst = 0.0
    for (v, e) in zip(xs, expected) where e > 1e-37 { worst = max(worst, abs(Double(v) - e) / e) }
    #expect(worst < 3e-7, "worst relative error \(worst)")
  }

  @Test func expUnderflowsToZeroNotNaN() {
    var xs: [Float] = [-1000, -200, -88, 0]
    xs.withUnsafeMutableBufferPointer { VectorMath.expInPlace(UnsafeMutableBufferPointer(rebasing: $0[0..<4])) }
    #expect(xs[0] >= 0 && xs[0] < 1e-37 && xs[3] == 1 && !xs.contains { $0.isNaN })
  }

  @Test func maximumAndSumFollowTheirStatedOrder() {
    var rng = SeededGenerator(seed: 5)
    for n in [1, 7, 16, 17, 100, 1300] {
      let xs = (0..<n).map { _ in Float(rng.normal() * 1000) }
      #expect(xs.withUnsafeBufferPointer { VectorMath.maximum($0) } == xs.max()!)
      // Sixteen lanes over the full blocks, the lanes in order, then the tail.
      var expected: Float = 0
      let full = n / 16 * 16
      if n >= 16 {
        var lanes = [Float](repeating: 0, count: 16)
        for i in 0..<full { lanes[i % 16] += xs[i] }
        for l in lanes { expected += l }
      }
      for i in full..<n { expected += xs[i] }
      #expect(xs.withUnsafeBufferPointer { VectorMath.sum($0) } == expected, "n = \(n)")
    }
  }
}

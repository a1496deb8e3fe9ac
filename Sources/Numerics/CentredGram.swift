import CBLAS

/// How the products of a centred Gram matrix are formed.
public enum GramPrecision: String, Sendable, CaseIterable {
  /// Float64 throughout (`dsyrk`): the reference path, within 1e-6 of scipy / scikit-learn.
  case double
  /// Float32 products (`ssyrk`, blocks of `BLAS.mixedGramBlock` rows) accumulated in Float32 over
  /// at most `BLAS.mixedGramSpan` rows, each span's result added into a Float64 accumulator.
  /// Twice the speed; every element carries a relative error of about √span · 2⁻²⁴ ≈ 4·10⁻⁶ of
  /// Σ|x_i x_j| (random-walk round-off of one span).
  case mixed

  /// How far a cumulative eigenvalue ratio Σ_{i≤k} λ_i / Σ λ_i computed on the `.mixed` path (its
  /// covariance, then `ssyevd`) may be trusted to lie from the exact one: 10⁻⁵, 20× the largest
  /// difference measured on the 32 sets of the example zoo and on N = 40000, d = 2048 (5·10⁻⁷).
  /// Statistics that compare such a ratio with a threshold ask for the exact path when closer.
  public static let mixedRatioTolerance = 1e-5
}

extension BLAS {
  /// Rows per `ssyrk` call of a `.mixed` Gram matrix (the centred Float32 block, 4 MB at d = 1024).
  public static let mixedGramBlock = 1024
  /// Rows per Float32 accumulation of a `.mixed` Gram matrix (four blocks): the longest Float32
  /// sum, after which the partial result is added into Float64. Adding d² values into Float64
  /// after every block cost ≈ 10 % of `suggest` on a 4 GB set (docs/benchmarks.md).
  public static let mixedGramSpan = 4 * mixedGramBlock

  /// The Gram matrix of the centred rows, (A − 1μᵀ)ᵀ(A − 1μᵀ), both triangles filled, computed by
  /// blocks of rows: each block is centred into a small buffer (on every core; the subtraction in
  /// Float64), then one symmetric rank-k update accumulates it. No centred copy of A is ever held,
  /// and a Float32 table is read in place.
  ///
  /// - Parameter precision: `.double` (`dsyrk` into the result) or `.mixed` (`ssyrk` per block of
  ///   at most `mixedGramBlock` rows, added into the Float64 result).
  /// - Complexity: n·d² flops; memory block·d (+ d² Float32 for `.mixed`).
  public static func centredGram(_ table: AnyRowTable, mean: [Double], precision: GramPrecision = .double) -> Matrix<Double> {
    switch table {
    case let .float32(t): centredGram(t, mean: mean, precision: precision)
    case let .float64(t): centredGram(t, mean: mean, precision: precision)
    }
  }

  /// `centredGram` of a matrix's rows.
  public static func centredGram(_ a: Matrix<Double>, mean: [Double], precision: GramPrecision = .double) -> Matrix<Double> {
    a.withRowTable { centredGram($0, mean: mean, precision: precision) }
  }

  static func centredGram<S: BinaryFloatingPoint>(_ a: RowTable<S>, mean: [Double], precision: GramPrecision) -> Matrix<Double> {
    let d = a.cols, n = a.rows
    var c = Matrix<Double>(rows: d, cols: d)
    if d == 0 || n == 0 { return c }
    c.storage.withUnsafeMutableBufferPointer { pc in
      let out = pc.baseAddress!
      switch precision {
      case .double:
        forEachCentredBlock(a, mean: mean, block: 2048, as: Double.self) { buf, rows in
          cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(rows.count), 1.0,
                      buf, Int32(d), rows.lowerBound == 0 ? 0.0 : 1.0, out, Int32(d))
        }
      case .mixed:
        var accumulator = MixedGramAccumulator(d: d, rows: n, into: out)
        forEachCentredBlock(a, mean: mean, block: mixedGramBlock, as: Float.self) { buf, rows in
          accumulator.add(buf, rows: rows)
        }
      }
    }
    for i in 0..<d { for j in 0..<i { c[i, j] = c[j, i] } }
    return c
  }

  /// The `.mixed` centred Gram matrix in one read of the rows, for callers that do not already
  /// have the column means: each block is centred about a provisional mean p (the column means
  /// of the first block) into Float32, its products are accumulated as in `.mixed`
  /// (S = Σ ỹᵢỹᵢᵀ, ỹᵢ = fl₃₂(xᵢ − p)), and the column sums t = Σ ỹᵢ beside them (Float32 per block,
  /// then Float64). Then (Ỹ − 1ȳᵀ)ᵀ(Ỹ − 1ȳᵀ) = S − t·tᵀ/n — the centred Gram of the same Float32
  /// values, so the error bound of `.mixed` holds (p differs from μ by about σ/√block, so the
  /// correction is small and cancels nothing).
  ///
  /// Why: the two-pass form reads the rows once for μ and once for the products; on a file not
  /// yet in the page cache the first pass waits on the disk. Here the products start with the
  /// first block that arrives (`tempctl suggest`, docs/benchmarks.md).
  ///
  /// - Complexity: n·d² flops; memory block·d Float32 + d² Float32 + d² Float64.
  public static func mixedCentredGramOnePass(_ table: AnyRowTable) -> Matrix<Double> {
    switch table {
    case let .float32(t): mixedCentredGramOnePass(t)
    case let .float64(t): mixedCentredGramOnePass(t)
    }
  }

  static func mixedCentredGramOnePass<S: BinaryFloatingPoint>(_ a: RowTable<S>) -> Matrix<Double> {
    let d = a.cols, n = a.rows
    var c = Matrix<Double>(rows: d, cols: d)
    if d == 0 || n == 0 { return c }
    let first = Swift.min(mixedGramBlock, n)
    var provisional = [Double](repeating: 0, count: d)
    for i in 0..<first {
      let row = a.row(i)
      for j in 0..<d { provisional[j] += Double(row[j]) }
    }
    for j in 0..<d { provisional[j] /= Double(first) }
    var sums = [Double](repeating: 0, count: d)
    let ones = [Float](repeating: 1, count: first)
    var blockSums = [Float](repeating: 0, count: d)
    c.storage.withUnsafeMutableBufferPointer { pc in
      var accumulator = MixedGramAccumulator(d: d, rows: n, into: pc.baseAddress!)
      forEachCentredBlock(a, mean: provisional, block: mixedGramBlock, as: Float.self) { block, rows in
        accumulator.add(block, rows: rows)
        // t += Ỹ_blockᵀ·1: Float32 over one block (its error, ~10⁻⁵ of Σ|ỹ|, reaches the result only
        // through the small correction t·tᵀ/n), then Float64.
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(rows.count), Int32(d), 1, block, Int32(d), ones, 1, 0, &blockSums, 1)
        for j in 0..<d { sums[j] += Double(blockSums[j]) }
      }
    }
    let invN = 1 / Double(n)
    for i in 0..<d { for j in i..<d { c[i, j] -= sums[i] * sums[j] * invN } }
    for i in 0..<d { for j in 0..<i { c[i, j] = c[j, i] } }
    return c
  }

  /// Calls `body(values, rows)` for consecutive blocks of at most `block` rows of A − 1μᵀ, in
  /// order: `values` holds rows `rows`, each value widened to Float64, centred, then stored as
  /// `T`, row-major, in one buffer reused from block to block (filled on every core). n > 0.
  static func forEachCentredBlock<S: BinaryFloatingPoint, T: BinaryFloatingPoint>(
    _ a: RowTable<S>, mean: [Double], block: Int, as: T.Type,
    _ body: (UnsafePointer<T>, Range<Int>) throws -> Void
  ) rethrows {
    let d = a.cols, n = a.rows
    var buffer = [T](repeating: 0, count: Swift.min(block, n) * d)
    try mean.withUnsafeBufferPointer { mu in
      try buffer.withUnsafeMutableBufferPointer { buf in
        let dst = buf.baseAddress!
        var start = 0
        while start < n {
          let m = Swift.min(block, n - start)
          Parallel.chunks(m, parts: m * d >= 1 << 16 ? Parallel.workers : 1) { _, rows in
            for i in rows {
              let row = a.row(start + i), out = dst + i * d
              for j in 0..<d { out[j] = T(Double(row[j]) - mu[j]) }
            }
          }
          try body(UnsafePointer(dst), start..<(start + m))
          start += m
        }
      }
    }
  }
}

/// The `.mixed` accumulation: consecutive centred Float32 blocks of rows go through `ssyrk` into a
/// Float32 partial Gram (upper triangle), which is added into the Float64 result after every
/// `BLAS.mixedGramSpan` rows and after the last block.
struct MixedGramAccumulator {
  let d: Int, rows: Int
  let out: UnsafeMutablePointer<Double>
  private var partial: [Float]
  private var spanStart = 0

  /// - Parameters: `d` columns; `rows` in all (the last block flushes); `out` the d × d Float64
  ///   result, zeroed, whose upper triangle receives the sums.
  init(d: Int, rows: Int, into out: UnsafeMutablePointer<Double>) {
    self.d = d; self.rows = rows; self.out = out
    partial = [Float](repeating: 0, count: d * d)
  }

  /// Adds the Gram matrix of `values` (row-major, rows `rows` of the table, in order).
  mutating func add(_ values: UnsafePointer<Float>, rows block: Range<Int>) {
    let d = self.d, out = self.out, first = block.lowerBound == spanStart
    let flush = block.upperBound - spanStart >= BLAS.mixedGramSpan || block.upperBound >= rows
    partial.withUnsafeMutableBufferPointer { pp in
      let part = pp.baseAddress!
      cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(block.count), 1.0,
                  values, Int32(d), first ? 0.0 : 1.0, part, Int32(d))
      guard flush else { return }
      Parallel.chunks(d) { _, rows in
        for i in rows { for j in i..<d { out[i * d + j] += Double(part[i * d + j]) } }
      }
    }
    if flush { spanStart = block.upperBound }
  }
}

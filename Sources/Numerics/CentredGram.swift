import CBLAS

/// How the products of a centred Gram matrix are formed.
public enum GramPrecision: String, Sendable, CaseIterable {
  /// Float64 throughout (`dsyrk`): the reference path, within 1e-6 of scipy / scikit-learn.
  case double
  /// Float32 products (`ssyrk`) over blocks of at most `BLAS.mixedGramBlock` rows, each block's
  /// result added into a Float64 accumulator. Twice the speed; every element carries a relative
  /// error of about √block · 2⁻²⁴ ≈ 2·10⁻⁶ of Σ|x_i x_j| (random-walk round-off of one block).
  case mixed

  /// How far a cumulative eigenvalue ratio Σ_{i≤k} λ_i / Σ λ_i computed on the `.mixed` path (its
  /// covariance, then `ssyevd`) may be trusted to lie from the exact one: 10⁻⁵, 20× the largest
  /// difference measured on the 32 sets of the example zoo and on N = 40000, d = 2048 (5·10⁻⁷).
  /// Statistics that compare such a ratio with a threshold ask for the exact path when closer.
  public static let mixedRatioTolerance = 1e-5
}

extension BLAS {
  /// Rows per Float32 block of a `.mixed` Gram matrix: the longest Float32 accumulation.
  public static let mixedGramBlock = 1024

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
        var partial = [Float](repeating: 0, count: d * d)
        partial.withUnsafeMutableBufferPointer { pp in
          let part = pp.baseAddress!
          forEachCentredBlock(a, mean: mean, block: mixedGramBlock, as: Float.self) { buf, rows in
            cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(rows.count), 1.0,
                        buf, Int32(d), 0.0, part, Int32(d))
            Parallel.chunks(d) { _, rows in
              for i in rows { for j in i..<d { out[i * d + j] += Double(part[i * d + j]) } }
            }
          }
        }
      }
    }
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

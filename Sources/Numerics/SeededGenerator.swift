import Foundation

/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64) so that every
/// random choice in tempctl (splits, subsamples, initial weights) is identical on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  @inlinable static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  public mutating func next() -> UInt64 {
    let result = SeededGenerator.rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
    s.2 ^= t
    s.3 = SeededGenerator.rotl(s.3, 45)
    return result
  }

  /// A uniform integer in 0..<n without modulo bias (Lemire's method), portable across platforms
  /// (Swift's own `Int.random(in:using:)` is not guaranteed to stay the same across versions).
  public mutating func uniform(below n: Int) -> Int {
    precondition(n > 0)
    let bound = UInt64(n)
    var m = next().multipliedFullWidth(by: bound)
    if m.low < bound {
      let threshold = (0 &- bound) % bound
      while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
    }
    return Int(m.high)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func unitDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A standard normal deviate (Box–Muller; one of the pair is discarded for simplicity).
  public mutating func normal() -> Double {
    var u = unitDouble()
    while u <= 0 { u = unitDouble() }
    let v = unitDouble()
    return (-2 * _log(u)).squareRoot() * _cos(2 * Double.pi * v)
  }

  /// Fisher–Yates shuffle, defined here so the permutation is the same on every platform.
  public mutating func shuffle<T>(_ a: inout [T]) {
    guard a.count > 1 else { return }
    for i in stride(from: a.count - 1, to: 0, by: -1) {
      a.swapAt(i, uniform(below: i + 1))
    }
  }
}

@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }

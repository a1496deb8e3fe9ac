import Testing
@testable import ClassifierCore
import Numerics

@Suite struct StableHashTests {
  /// FNV-1a 64 of "a" and of "foobar": the published test vectors.
  @Test func publishedVectors() {
    #expect(StableHash.hex(of: "a") == "af63dc4c8601ec8c")
    #expect(StableHash.hex(of: "foobar") == "85944171f73967e8")
  }

  /// The widened-Float32 shortcut (three zero bytes = one multiplication by P³) hashes exactly
  /// what the byte-wise path hashes, for every kind of Float32: zeros, subnormals, extremes, and
  /// many random values.
  @Test func wideningShortcutEqualsBytewise() {
    var values: [Float] = [0, -0, 1, -1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                           .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, .pi, Float(bitPattern: 0x0001_1170), Float(bitPattern: 0x8000_0271)]
    var rng = SeededGenerator(seed: 11)
    for _ in 0..<20_000 { values.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
    var fast = StableHash.Accumulator(), slow = StableHash.Accumulator()
    for v in values where !v.isNaN {
      fast.add(widening: v)
      slow.add(Double(v).bitPattern)
      #expect(fast.value == slow.value, "after \(v)")
      if fast.value != slow.value { return }
    }
  }
}

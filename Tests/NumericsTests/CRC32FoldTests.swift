import Numerics
import Testing

/// The carry-less-multiplication CRC-32 against the bit-by-bit definition (reflected polynomial
/// 0xEDB88320, initial and final inversion: zlib's `crc32`), on every length to 300 bytes at
/// every alignment within 16, continuing from a running value, and on a long buffer.
@Suite struct CRC32FoldTests {
  /// zlib's `crc32(crc, bytes)`, one bit at a time.
  static func reference(_ crc: UInt32, _ bytes: some Sequence<UInt8>) -> UInt32 {
    var c = ~crc
    for b in bytes {
      c ^= UInt32(b)
      for _ in 0..<8 { c = (c >> 1) ^ (0xEDB8_8320 & (0 &- (c & 1))) }
    }
    return ~c
  }

  static func folded(_ initial: UInt32, _ bytes: ArraySlice<UInt8>) -> (UInt32, Int) {
    var crc = initial
    let n = bytes.withUnsafeBytes { CRC32Fold.advance(&crc, over: $0) }
    return (reference(crc, bytes.dropFirst(n)), n)
  }

  @Test func knownValue() {
    // The CRC-32 check value: "123456789" → 0xCBF43926; 64 copies exercise the folding.
    #expect(Self.reference(0, Array("123456789".utf8)) == 0xCBF4_3926)
    let long = Array(repeating: Array("123456789".utf8), count: 64).flatMap { $0 }
    #expect(Self.folded(0, long[...]).0 == Self.reference(0, long))
  }

  @Test func everyLengthAndAlignment() {
    var rng = SeededGenerator(seed: 11)
    let data = (0..<400).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    var foldedSome = false
    for offset in 0..<16 {
      for length in 0...300 {
        let slice = data[offset..<(offset + length)]
        let (crc, n) = Self.folded(0x1234_5678, slice)
        #expect(crc == Self.reference(0x1234_5678, slice), "offset \(offset), length \(length)")
        #expect(n % 16 == 0 && n <= length && (length < 64 || n == 0 || n > length - 16))
        foldedSome = foldedSome || n > 0
      }
    }
    #if arch(x86_64)
    #expect(foldedSome, "this CPU has PCLMULQDQ (every x86-64 since 2010): the fast path ran")
    #endif
  }

  @Test func aLongBuffer() {
    var rng = SeededGenerator(seed: 12)
    let data = (0..<(1 << 20) + 37).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    #expect(Self.folded(0, data[...]).0 == Self.reference(0, data))
  }
}

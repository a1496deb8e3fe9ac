/// FNV-1a 64-bit hashing of bytes, stable across runs and platforms (Swift's `Hasher` is seeded per process).
public enum StableHash {
  public static func hex(of text: String) -> String { hex(bytes: Array(text.utf8)) }

  public static func hex<C: Sequence>(bytes: C) -> String where C.Element == UInt8 {
    var h = Accumulator()
    for b in bytes { h.add(b) }
    return h.hex
  }

  /// An incremental FNV-1a accumulator.
  public struct Accumulator {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public init() {}
    @inline(__always) public mutating func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    public mutating func add(_ word: UInt64) { for i in 0..<8 { add(UInt8(truncatingIfNeeded: word >> (8 * UInt64(i)))) } }
    /// The same as `add(Double(x).bitPattern)`, faster: a Float32 widened to Float64 has its low
    /// 29 bits zero, so its first three bytes are zero and FNV-1a's xor with them does nothing —
    /// the three steps are one multiplication by P³.
    @inline(__always) public mutating func add(widening x: Float) {
      let word = Double(x).bitPattern
      value = value &* Self.primeCubed
      for i in 3..<8 { add(UInt8(truncatingIfNeeded: word >> (8 * UInt64(i)))) }
    }
    /// P³ mod 2⁶⁴, P the 64-bit FNV prime.
    static var primeCubed: UInt64 { 0x08a9_7b00_04e7_feab }
    public var hex: String { let s = String(value, radix: 16); return String(repeating: "0", count: 16 - s.count) + s }
  }
}

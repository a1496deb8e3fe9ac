import Foundation
import Numerics

/// One array read from the NPY format (versions 1.0, 2.0 and 3.0), kept as raw bytes until a
/// typed view is asked for.
///
/// Supported dtypes: floats `f2 f4 f8`, integers `i1 i2 i4 i8 u1 u2 u4 u8`, bool `b1`, and the
/// fixed-width strings of string labels (`U<n>`: n UTF-32 code units; `S<n>`: n bytes, UTF-8);
/// either byte order, C or Fortran order. Shapes are checked against the bytes present before
/// anything is allocated.
public struct NPYArray: Sendable {
  /// The element type and byte order of an NPY array.
  public struct DType: Sendable, Equatable, CustomStringConvertible {
    /// The numpy kind character: f (float), i (signed), u (unsigned), b (bool), U (unicode
    /// string), S (byte string); and bfloat16 (`B`), which numpy has no kind for (safetensors'
    /// `BF16`: the upper 16 bits of a float32), never parsed from an NPY header.
    public enum Kind: Character, Sendable { case float = "f", signed = "i", unsigned = "u", bool = "b", unicode = "U", bytes = "S", bfloat = "B" }

    /// Numbers (floats, integers, bool) as opposed to strings.
    public var isNumeric: Bool { kind != .unicode && kind != .bytes }
    /// Floating point (binary16/32/64 or bfloat16).
    public var isFloat: Bool { kind == .float || kind == .bfloat }
    public let kind: Kind
    public let size: Int
    public let bigEndian: Bool
    public var description: String {
      if kind == .bfloat { return "bf16" }
      let order = size == 1 || kind == .bytes ? "|" : bigEndian ? ">" : "<"
      return "\(order)\(kind.rawValue)\(kind == .unicode ? size / 4 : size)"
    }

    static let allowed = "f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 (features); the integers, integral floats, b1, U<n> or S<n> strings (labels); either byte order"

    /// Parses a numpy type string such as `<f4`, `>i8`, `|u1`.
    init?(_ descr: String) {
      var chars = Array(descr)
      guard chars.count >= 2 else { return nil }
      var big = false
      switch chars[0] {
      case "<", "|", "=": chars.removeFirst()
      case ">": big = true; chars.removeFirst()
      default: break
      }
      guard let k = chars.first, let kind = Kind(rawValue: k), let count = Int(String(chars.dropFirst())) else { return nil }
      var size = count
      switch kind {
      case .float: guard [2, 4, 8].contains(size) else { return nil }
      case .signed, .unsigned: guard [1, 2, 4, 8].contains(size) else { return nil }
      case .bool: guard size == 1 else { return nil }
      case .unicode:
        guard count >= 1, count <= 1 << 16 else { return nil }
        size = 4 * count
      case .bytes: guard count >= 1, count <= 1 << 18 else { return nil }
      case .bfloat: return nil
      }
      self.kind = kind; self.size = size; self.bigEndian = kind == .unicode ? big : size > 1 && big && kind != .bytes
    }

    public init(kind: Kind, size: Int, bigEndian: Bool = false) {
      self.kind = kind; self.size = size; self.bigEndian = bigEndian
    }
  }

  public let shape: [Int]
  public let dtype: DType
  public let fortranOrder: Bool
  /// The file's bytes; the elements are `payloadRange` of them (kept in place, not copied).
  let bytes: Data
  let payloadRange: Range<Int>
  /// Where the array came from, for error messages.
  public let source: String

  public var count: Int { shape.reduce(1, *) }

  /// Parses NPY bytes. `source` names the file (and archive member) in errors. The bytes after
  /// the header must be exactly the array's elements: fewer is a truncated file, more is an error
  /// too (a file that was appended to, or a header that was edited).
  public init(data: Data, source: String) throws {
    let layout = try NPYLayout(prefix: data, source: source)
    let available = data.count - layout.headerEnd
    guard layout.payloadBytes == available else {
      if layout.payloadBytes > available {
        throw DataError.truncated(path: source, expectedBytes: String(layout.payloadBytes), actualBytes: available)
      }
      throw DataError.trailingBytes(path: source, expectedBytes: layout.payloadBytes, actualBytes: available)
    }
    let start = data.startIndex + layout.headerEnd
    self.bytes = data
    self.payloadRange = start..<(start + layout.payloadBytes)
    self.shape = layout.shape
    self.dtype = layout.dtype
    self.fortranOrder = layout.fortranOrder
    self.source = source
  }

  /// Builds an array from values, for writing.
  public init(shape: [Int], dtype: DType, payload: Data, source: String = "<memory>") {
    self.shape = shape; self.dtype = dtype; self.fortranOrder = false; self.bytes = payload
    self.payloadRange = payload.startIndex..<payload.endIndex; self.source = source
  }

  /// The elements as doubles in C (row-major) order.
  public func doubles() -> [Double] {
    let n = count
    let out = [Double](unsafeUninitializedCapacity: n) { dst, initialized in
      withPayload { raw in
        // Fast paths for the common little-endian floats (x86 and ARM are little-endian).
        if dtype.kind == .float && !dtype.bigEndian && dtype.size == 4 {
          for i in 0..<n { dst[i] = Double(raw.loadUnaligned(fromByteOffset: 4 * i, as: Float.self)) }
        } else if dtype.kind == .float && !dtype.bigEndian && dtype.size == 8 {
          for i in 0..<n { dst[i] = raw.loadUnaligned(fromByteOffset: 8 * i, as: Double.self) }
        } else {
          for i in 0..<n { dst[i] = element(raw, i) }
        }
      }
      initialized = n
    }
    return fortranOrder ? NPYArray.fortranToC(out, shape: shape) : out
  }

  /// The given rows of a 2-D array as a Float64 matrix, converted straight from the file's bytes
  /// (no intermediate copy of the whole array).
  public func rows(_ indices: [Int]) -> Matrix<Double> {
    precondition(shape.count == 2)
    let cols = shape[1]
    if fortranOrder { return Matrix(rows: shape[0], cols: cols, storage: doubles()).selectingRows(indices) }
    let out = [Double](unsafeUninitializedCapacity: indices.count * cols) { dst, initialized in
      MemoryAdvice.preferHugePages(UnsafeMutableRawBufferPointer(dst))
      withPayload { raw in
        // Row blocks on every core: the conversion and the first touch of the new pages both
        // scale with cores.
        Parallel.chunks(indices.count, parts: indices.count * cols >= 1 << 20 ? Parallel.workers : 1) { _, range in
          for k in range {
            let base = dst.baseAddress! + k * cols, first = indices[k] * cols
            if dtype.kind == .float && !dtype.bigEndian && dtype.size == 4 {
              for j in 0..<cols { base[j] = Double(raw.loadUnaligned(fromByteOffset: 4 * (first + j), as: Float.self)) }
            } else if dtype.kind == .float && !dtype.bigEndian && dtype.size == 8 {
              for j in 0..<cols { base[j] = raw.loadUnaligned(fromByteOffset: 8 * (first + j), as: Double.self) }
            } else {
              for j in 0..<cols { base[j] = element(raw, first + j) }
            }
          }
        }
      }
      initialized = indices.count * cols
    }
    return Matrix(rows: indices.count, cols: cols, storage: out)
  }

  /// How many elements are NaN or ±Inf, and the C-order index of the first one (−1 if none).
  public func nonFinite() -> (count: Int, first: Int) {
    guard dtype.isFloat else { return (0, -1) }
    var count = 0, first = -1
    withPayload { raw in
      if dtype.size == 4 && !dtype.bigEndian {
        // float32: non-finite exactly when the exponent bits are all ones. A branch-free count
        // (vectorised, unaligned loads, on every core) first; the position only when there is one.
        let n = self.count, base = raw.baseAddress!
        let isBad = { (i: Int) -> Bool in
          base.loadUnaligned(fromByteOffset: 4 &* i, as: UInt32.self) & 0x7F80_0000 == 0x7F80_0000
        }
        let parts = n >= 1 << 20 ? Parallel.workers : 1
        var counts = [Int](repeating: 0, count: parts)
        counts.withUnsafeMutableBufferPointer { out in
          Parallel.chunks(n, parts: parts) { k, range in
            var c = 0
            var p = base + 4 &* range.lowerBound
            for _ in range {
              c &+= p.loadUnaligned(as: UInt32.self) & 0x7F80_0000 == 0x7F80_0000 ? 1 : 0
              p += 4
            }
            out[k] = c
          }
        }
        count = counts.reduce(0, +)
        if count > 0 { first = (0..<n).first(where: isBad) ?? -1 }
      } else {
        for i in 0..<self.count where !element(raw, i).isFinite {
          if first < 0 { first = i }
          count += 1
        }
      }
    }
    if fortranOrder, first >= 0, shape.count == 2 {   // report the C-order position
      first = (first % shape[0]) * shape[1] + first / shape[0]
    }
    return (count, first)
  }

  /// The elements as exact integers in C order. Float elements must be integral.
  public func integers() throws -> [Int64] {
    guard dtype.isNumeric else {
      throw DataError.unsupportedDType(path: source, dtype: dtype.description, allowed: "integers, integral floats or bool for integer labels")
    }
    var out = [Int64](repeating: 0, count: count)
    try withPayload { raw in
      for i in 0..<count {
        switch dtype.kind {
        case .bool:
          out[i] = raw[i] == 0 ? 0 : 1
        case .unicode, .bytes:
          break
        case .float, .bfloat:
          let v = element(raw, i)
          guard v.isFinite, v == v.rounded(), abs(v) < 9.0e18 else {
            throw DataError.nonIntegralLabel(path: source, index: i, value: v)
          }
          out[i] = Int64(v)
        case .signed, .unsigned:
          let bits = loadBits(raw, i)
          if dtype.kind == .unsigned {
            guard bits <= UInt64(Int64.max) else { throw DataError.nonIntegralLabel(path: source, index: i, value: Double(bits)) }
            out[i] = Int64(bits)
          } else {
            let shift = UInt64(64 - 8 * dtype.size)
            out[i] = Int64(bitPattern: bits << shift) >> Int64(shift)
          }
        }
      }
    }
    return fortranOrder ? NPYArray.fortranToC(out, shape: shape) : out
  }

  /// The element bytes, without copying them.
  func withPayload<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try bytes.withUnsafeBytes { all in
      try body(UnsafeRawBufferPointer(rebasing: all[(payloadRange.lowerBound - bytes.startIndex)..<(payloadRange.upperBound - bytes.startIndex)]))
    }
  }

  @inline(__always) private func loadBits(_ raw: UnsafeRawBufferPointer, _ i: Int) -> UInt64 {
    let off = i * dtype.size
    switch dtype.size {
    case 1: return UInt64(raw[off])
    case 2:
      let v = raw.loadUnaligned(fromByteOffset: off, as: UInt16.self)
      return UInt64(dtype.bigEndian ? v.byteSwapped : v)
    case 4:
      let v = raw.loadUnaligned(fromByteOffset: off, as: UInt32.self)
      return UInt64(dtype.bigEndian ? v.byteSwapped : v)
    default:
      let v = raw.loadUnaligned(fromByteOffset: off, as: UInt64.self)
      return dtype.bigEndian ? v.byteSwapped : v
    }
  }

  @inline(__always) private func element(_ raw: UnsafeRawBufferPointer, _ i: Int) -> Double {
    let bits = loadBits(raw, i)
    switch dtype.kind {
    case .float:
      switch dtype.size {
      case 2: return HalfFloat.toDouble(UInt16(truncatingIfNeeded: bits))
      case 4: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
      default: return Double(bitPattern: bits)
      }
    case .bfloat:
      return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits) << 16))
    case .signed:
      let shift = UInt64(64 - 8 * dtype.size)
      return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
    case .unsigned:
      return Double(bits)
    case .bool:
      return bits == 0 ? 0 : 1
    case .unicode, .bytes:
      return .nan
    }
  }

  /// The elements of a string array (`U<n>` or `S<n>`) in C order, trailing NULs removed, as
  /// numpy shows them; nil for a numeric array. `S` bytes are read as UTF-8 (invalid sequences
  /// replaced).
  public func strings() -> [String]? {
    guard !dtype.isNumeric else { return nil }
    let width = dtype.size
    let out: [String] = withPayload { raw in
      (0..<count).map { i in
        let item = UnsafeRawBufferPointer(rebasing: raw[(i * width)..<((i + 1) * width)])
        if dtype.kind == .bytes {
          let end = item.firstIndex(of: 0) ?? item.count
          return String(decoding: item[0..<end], as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for j in 0..<(width / 4) {
          var v = item.loadUnaligned(fromByteOffset: 4 * j, as: UInt32.self)
          if dtype.bigEndian { v = v.byteSwapped }
          if v == 0 { break }
          scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
        return String(scalars)
      }
    }
    return fortranOrder ? NPYArray.fortranToC(out, shape: shape) : out
  }

  /// Reorders column-major elements into row-major order.
  static func fortranToC<T>(_ values: [T], shape: [Int]) -> [T] {
    guard shape.count == 2, shape[0] > 1, shape[1] > 1 else { return values }
    let (r, c) = (shape[0], shape[1])
    var out = values
    for i in 0..<r { for j in 0..<c { out[i * c + j] = values[j * r + i] } }
    return out
  }
}

/// IEEE 754 binary16 → binary64, written out so it does not depend on platform `Float16` support.
enum HalfFloat {
  static func toDouble(_ h: UInt16) -> Double {
    let sign: Double = (h & 0x8000) != 0 ? -1 : 1
    let exponent = Int((h >> 10) & 0x1F)
    let mantissa = Double(h & 0x3FF)
    switch exponent {
    case 0: return sign * mantissa * 0x1.0p-24
    case 31: return mantissa == 0 ? sign * .infinity : .nan
    default: return sign * (1 + mantissa / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
    }
  }
}

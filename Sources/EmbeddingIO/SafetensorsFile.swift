import Foundation

/// A `.safetensors` file (the Hugging Face format), read in place from its mapping.
///
/// Layout: an 8-byte little-endian header length n; n bytes of UTF-8 JSON mapping each tensor's
/// name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets relative to the byte
/// buffer that follows the header; an optional `"__metadata__"` object of strings); then the byte
/// buffer, little-endian, C order. Checked as the reference implementation checks it: the header
/// fits in the file and parses, every shape × dtype size equals its byte range, the ranges do not
/// overlap and cover the buffer exactly (no holes, nothing after the last tensor).
///
/// dtypes read: `F16 BF16 F32 F64` and every integer and `BOOL` (as numpy's `f2 bf16 f4 f8 i* u* b1`).
public struct SafetensorsFile: NamedArrayFile {
  public let path: String
  public private(set) var keys: [String] = []
  private var tensors: [String: (dtype: NPYArray.DType, shape: [Int], range: Range<Int>)] = [:]
  private let bytes: Data

  /// Header sizes beyond this are refused before anything is parsed (the reference reader's own limit is 100 MB).
  static let maxHeaderBytes = 100_000_000

  static let dtypes: [String: NPYArray.DType] = [
    "F16": .init(kind: .float, size: 2), "BF16": .init(kind: .bfloat, size: 2),
    "F32": .init(kind: .float, size: 4), "F64": .init(kind: .float, size: 8),
    "I8": .init(kind: .signed, size: 1), "I16": .init(kind: .signed, size: 2),
    "I32": .init(kind: .signed, size: 4), "I64": .init(kind: .signed, size: 8),
    "U8": .init(kind: .unsigned, size: 1), "U16": .init(kind: .unsigned, size: 2),
    "U32": .init(kind: .unsigned, size: 4), "U64": .init(kind: .unsigned, size: 8),
    "BOOL": .init(kind: .bool, size: 1),
  ]

  public init(path: String) throws {
    self.path = path
    bytes = try DatasetLoader.read(path)
    try parse()
  }

  /// The same on bytes already in memory (the fuzz harness).
  public init(data: Data, path: String) throws {
    self.path = path
    bytes = data
    try parse()
  }

  private func fail(_ reason: String) -> DataError { .badContainer(path: path, format: "safetensors", reason: reason) }

  private mutating func parse() throws {
    guard bytes.count >= 8 else { throw fail("\(bytes.count) bytes, shorter than the 8-byte header length") }
    let n = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    guard n <= UInt64(Self.maxHeaderBytes) else { throw fail("the header claims \(n) bytes (at most \(Self.maxHeaderBytes))") }
    guard Int(n) <= bytes.count - 8 else { throw fail("the header claims \(n) bytes but the file holds \(bytes.count - 8) after the length") }
    let headerStart = bytes.startIndex + 8, bufferStart = headerStart + Int(n)
    guard let text = String(data: bytes[headerStart..<bufferStart], encoding: .utf8) else { throw fail("the header is not UTF-8") }
    let json: JSONValue
    do { json = try JSONParser.parse(text) } catch { throw fail("the header is not JSON (\(error))") }
    guard case let .object(members) = json else { throw fail("the header is \(json.typeName), not an object") }
    let bufferBytes = bytes.count - 8 - Int(n)
    var ranges: [(Range<Int>, String)] = []
    for (name, entry) in members where name != "__metadata__" {
      guard tensors[name] == nil else { throw fail("tensor '\(name)' appears twice") }
      guard case let .string(code)? = entry["dtype"] else { throw fail("tensor '\(name)' has no dtype string") }
      guard let dtype = Self.dtypes[code] else {
        throw DataError.unsupportedDType(path: "\(path)[\(name)]", dtype: code, allowed: "F16 BF16 F32 F64, the integers, BOOL")
      }
      guard case let .array(dims)? = entry["shape"] else { throw fail("tensor '\(name)' has no shape list") }
      var shape: [Int] = [], count = 1
      for d in dims {
        guard case let .number(v) = d, v >= 0, v == v.rounded(), v < 0x1p53 else { throw fail("tensor '\(name)' has a shape entry that is not a natural number") }
        shape.append(Int(v))
        let (c, over) = count.multipliedReportingOverflow(by: Int(v))
        guard !over, c <= Int.max / 8 else { throw fail("tensor '\(name)' has a shape too large to exist") }
        count = c
      }
      guard case let .array(offsets)? = entry["data_offsets"], offsets.count == 2,
            case let .number(b) = offsets[0], case let .number(e) = offsets[1],
            b >= 0, b == b.rounded(), e == e.rounded(), b <= e, e < 0x1p53 else {
        throw fail("tensor '\(name)' has no valid data_offsets [begin, end]")
      }
      let range = Int(b)..<Int(e)
      guard range.count == count * dtype.size else {
        throw fail("tensor '\(name)' of shape \(shape) and dtype \(code) needs \(count * dtype.size) bytes but its offsets give \(range.count)")
      }
      guard range.upperBound <= bufferBytes else {
        throw DataError.truncated(path: "\(path)[\(name)]", expectedBytes: String(range.upperBound), actualBytes: bufferBytes)
      }
      tensors[name] = (dtype, shape, (bufferStart + range.lowerBound)..<(bufferStart + range.upperBound))
      keys.append(name)
      ranges.append((range, name))
    }
    if let metadata = json["__metadata__"], metadata != .null {
      guard case let .object(m) = metadata, m.allSatisfy({ if case .string = $0.1 { true } else { false } }) else {
        throw fail("__metadata__ must map names to strings")
      }
    }
    // The ranges must tile the buffer: sorted by start, each begins where the previous ended.
    var end = 0
    for (r, name) in ranges.sorted(by: { ($0.0.lowerBound, $0.0.upperBound) < ($1.0.lowerBound, $1.0.upperBound) }) {
      guard r.lowerBound == end else {
        throw fail(r.lowerBound < end ? "tensor '\(name)' overlaps another" : "a hole of \(r.lowerBound - end) bytes before tensor '\(name)'")
      }
      end = r.upperBound
    }
    guard end == bufferBytes else {
      throw DataError.trailingBytes(path: path, expectedBytes: end, actualBytes: bufferBytes)
    }
  }

  public func arrays(_ names: Set<String>) throws -> [String: NPYArray] {
    var out: [String: NPYArray] = [:]
    for name in names {
      guard let t = tensors[name] else { continue }
      out[name] = NPYArray(shape: t.shape, dtype: t.dtype, payload: bytes[t.range], source: "\(path)[\(name)]")
    }
    return out
  }
}

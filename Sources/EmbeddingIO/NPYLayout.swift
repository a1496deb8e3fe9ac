import Foundation

/// What an NPY stream's header declares: where the header ends, the array's shape, dtype and
/// order, and so exactly how many bytes of elements must follow (`payloadBytes`, computed with
/// overflow checks before anything is allocated).
///
/// Parsed from a prefix of the stream, so that a compressed `.npz` member can be checked
/// against its header before it is inflated whole.
struct NPYLayout {
  let headerEnd: Int
  let shape: [Int]
  let dtype: NPYArray.DType
  let fortranOrder: Bool
  let payloadBytes: Int

  static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

  /// The number of leading bytes needed to know where the header ends (10 for version 1.0,
  /// 12 for 2.0 and 3.0), or nil when `prefix` is too short to tell.
  static func headerEnd(of prefix: Data, source: String) throws -> Int? {
    guard prefix.prefix(6).elementsEqual(magic.prefix(prefix.count)) else { throw DataError.notNPY(path: source) }
    guard prefix.count >= 10 else { return nil }
    let b = [UInt8](prefix.prefix(12))
    switch b[6] {
    case 1: return 10 + (Int(b[8]) | Int(b[9]) << 8)
    case 2, 3:
      guard b.count >= 12 else { return nil }
      return 12 + (Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24)
    default:
      throw DataError.badNPYHeader(path: source, reason: "format version \(b[6]).\(b[7]) is not 1.0, 2.0 or 3.0")
    }
  }

  /// Parses the header at the start of `prefix`, which must hold it whole.
  init(prefix data: Data, source: String) throws {
    guard data.count >= 6, data.prefix(6).elementsEqual(Self.magic) else { throw DataError.notNPY(path: source) }
    guard let end = try Self.headerEnd(of: data, source: source) else {
      throw DataError.truncated(path: source, expectedBytes: "at least 12 (header)", actualBytes: data.count)
    }
    guard data.count >= end else {
      throw DataError.truncated(path: source, expectedBytes: "\(end) (header)", actualBytes: data.count)
    }
    let headerStart = data[data.startIndex + 6] == 1 ? 10 : 12
    let headerData = data.subdata(in: (data.startIndex + headerStart)..<(data.startIndex + end))
    guard let header = String(data: headerData, encoding: data[data.startIndex + 6] == 3 ? .utf8 : .isoLatin1) else {
      throw DataError.badNPYHeader(path: source, reason: "header is not text")
    }
    let parsed = try NPYHeader(parsing: header, source: source)
    guard let dtype = NPYArray.DType(parsed.descr) else {
      throw DataError.unsupportedDType(path: source, dtype: parsed.descr, allowed: NPYArray.DType.allowed)
    }
    // Overflow-safe product of the shape and the item size.
    var expected = dtype.size
    for extent in parsed.shape {
      let (p, o) = expected.multipliedReportingOverflow(by: extent)
      if o { throw DataError.truncated(path: source, expectedBytes: "more than 2^63", actualBytes: data.count - end) }
      expected = p
    }
    self.headerEnd = end
    self.shape = parsed.shape
    self.dtype = dtype
    self.fortranOrder = parsed.fortranOrder
    self.payloadBytes = expected
  }
}

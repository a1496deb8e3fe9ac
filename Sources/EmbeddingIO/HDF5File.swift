import Foundation
import Numerics

/// An HDF5 file (`.h5`, `.hdf5`; `h5py`'s `File.create_dataset`), read through Numerics'
/// `HDF5Reader` (libhdf5).
///
/// The set's arrays are datasets named like the `.npz` keys, at the root, or at a path inside
/// the file given with `--x-key/--y-key` (`embeddings/X`). Each is read whole into memory in its own width — floats
/// as float32 (binary16 and float32 datasets) or float64, integers at their size and sign,
/// `h5py`'s bool (an enum over int8) as its integers, fixed- or variable-length strings as
/// strings — and then checked like an `.npy` array. Compound, array, reference and opaque
/// datasets are refused.
struct HDF5File: NamedArrayFile {
  let path: String
  let keys: [String]
  private let file: HDF5Reader

  init(path: String) throws {
    self.path = path
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw DataError.unreadable(path: path, reason: "no such readable file")
    }
    do { file = try HDF5Reader(path: path) } catch { throw Self.failure(path, error) }
    keys = file.datasetNames
  }

  func arrays(_ names: Set<String>) throws -> [String: NPYArray] {
    var out: [String: NPYArray] = [:]
    for name in names where keys.contains(name) { out[name] = try read(name) }
    return out
  }

  private func read(_ name: String) throws -> NPYArray {
    let source = "\(path)[\(name)]"
    let dataset: HDF5Reader.Dataset
    do { dataset = try file.describe(name) } catch { throw Self.failure(path, error) }
    guard let count = dataset.count, count <= Int.max / 8 else {
      throw DataError.tooLarge(path: source, reason: "shape \(dataset.shape) has more elements than can exist")
    }
    let shape = dataset.shape
    let readType: HDF5Reader.ReadType, dtype: NPYArray.DType
    switch dataset.type {
    case let .float(bytes):
      (readType, dtype) = bytes <= 4 ? (.float32, .init(kind: .float, size: 4)) : (.float64, .init(kind: .float, size: 8))
    case let .integer(bytes, signed):
      guard [1, 2, 4, 8].contains(bytes) else {
        throw DataError.unsupportedDType(path: source, dtype: "\(bytes)-byte integer", allowed: "1-, 2-, 4- or 8-byte integers")
      }
      (readType, dtype) = (.integer(bytes: bytes, signed: signed), .init(kind: signed ? .signed : .unsigned, size: bytes))
    case let .fixedString(width):
      guard width >= 1, width <= 1 << 18 else {
        throw DataError.unsupportedDType(path: source, dtype: "\(width)-byte strings", allowed: "strings up to 262144 bytes")
      }
      let payload = try Self.read(count * width, source: source) { try file.readFixedStrings(name, width: width, into: $0) }
      return NPYArray(shape: shape, dtype: .init(kind: .bytes, size: width), payload: payload, source: source)
    case .variableString:
      return try variableStrings(name, shape: shape, count: count, source: source)
    case let .unsupported(className):
      throw DataError.unsupportedDType(path: source, dtype: className, allowed: "float, integer, bool or string datasets")
    }
    let payload = try Self.read(count * dtype.size, source: source) { try file.read(name, as: readType, into: $0) }
    return NPYArray(shape: shape, dtype: dtype, payload: payload, source: source)
  }

  /// Variable-length strings, re-packed to the longest one's width (`S<n>`, UTF-8 bytes).
  private func variableStrings(_ name: String, shape: [Int], count: Int, source: String) throws -> NPYArray {
    let texts: [[UInt8]]
    do { texts = try file.readVariableStrings(name) } catch { throw Self.failure(path, error) }
    let width = max(1, texts.map(\.count).max() ?? 1)
    var payload = Data(count: count * width)
    payload.withUnsafeMutableBytes { out in
      for (i, t) in texts.prefix(count).enumerated() { out.baseAddress!.advanced(by: i * width).copyMemory(from: t, byteCount: t.count) }
    }
    return NPYArray(shape: shape, dtype: .init(kind: .bytes, size: width), payload: payload, source: source)
  }

  /// `bytes` read by `body` into a new buffer; a `tooLarge` error when the machine cannot hold it
  /// (a compressed dataset can claim any shape).
  private static func read(_ bytes: Int, source: String, _ body: (UnsafeMutableRawBufferPointer) throws -> Void) throws -> Data {
    let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
    guard bytes <= physical, bytes <= (MemoryBudget.addressSpaceLeft ?? Int.max) else {
      throw DataError.tooLarge(path: source, reason: "its \(MemoryBudget.describe(bytes)) do not fit in this machine's memory")
    }
    guard let p = calloc(max(bytes, 1), 1) else {
      throw DataError.tooLarge(path: source, reason: "cannot allocate \(MemoryBudget.describe(bytes))")
    }
    do {
      try body(UnsafeMutableRawBufferPointer(start: p, count: bytes))
    } catch {
      free(p)
      throw DataError.badContainer(path: source, format: "HDF5", reason: "\(error)")
    }
    return Data(bytesNoCopy: p, count: bytes, deallocator: .free)
  }

  private static func failure(_ path: String, _ error: Error) -> DataError {
    .badContainer(path: path, format: "HDF5", reason: "\(error)")
  }
}

import CHDF5
import Foundation
import Numerics

/// An HDF5 file (`.h5`, `.hdf5`; `h5py`'s `File.create_dataset`), read through libhdf5.
///
/// The set's arrays are datasets named like the `.npz` keys, at the root, or at a path inside
/// the file given with `--x-key/--y-key` (`embeddings/X`). Each is read whole into memory in its own width — floats
/// as float32 (binary16 and float32 datasets) or float64, integers at their size and sign,
/// `h5py`'s bool (an enum over int8) as its integers, fixed- or variable-length strings as
/// strings — and then checked like an `.npy` array. Compound, array, reference and opaque
/// datasets are refused. libhdf5 is not thread-safe in Debian's serial build: every call goes
/// through one lock.
struct HDF5File: NamedArrayFile {
  let path: String
  let keys: [String]
  private let file: HDF5Handle

  private static let lock = NSRecursiveLock()

  init(path: String) throws {
    self.path = path
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw DataError.unreadable(path: path, reason: "no such readable file")
    }
    let (handle, names): (HDF5Handle, [String]) = try Self.locked {
      tempctl_h5_silence()
      guard H5Fis_hdf5(path) > 0 else { throw Self.failure(path, "it does not start with the HDF5 signature; write it with h5py.File(path, 'w')") }
      let id = H5Fopen(path, tempctl_h5f_acc_rdonly(), tempctl_h5p_default())
      guard id >= 0 else { throw Self.failure(path, "libhdf5 cannot open it (\(Self.lastError()))") }
      let handle = HDF5Handle(id: id, close: H5Fclose)
      return (handle, try Self.datasets(id, path: path))
    }
    file = handle
    keys = names
  }

  func arrays(_ names: Set<String>) throws -> [String: NPYArray] {
    var out: [String: NPYArray] = [:]
    for name in names where keys.contains(name) {
      out[name] = try Self.locked { try read(name) }
    }
    return out
  }

  private func read(_ name: String) throws -> NPYArray {
    let source = "\(path)[\(name)]"
    let dataset = HDF5Handle(id: H5Dopen2(file.id, name, tempctl_h5p_default()), close: H5Dclose)
    guard dataset.id >= 0 else { throw Self.failure(path, "cannot open dataset '\(name)' (\(Self.lastError()))") }
    let space = HDF5Handle(id: H5Dget_space(dataset.id), close: H5Sclose)
    let rank = H5Sget_simple_extent_ndims(space.id)
    guard rank >= 0, rank <= 32 else { throw Self.failure(path, "dataset '\(name)' has no simple shape") }
    var dims = [hsize_t](repeating: 0, count: Int(rank))
    H5Sget_simple_extent_dims(space.id, &dims, nil)
    let shape = dims.map { Int(clamping: $0) }
    var count = 1
    for d in shape {
      let (c, over) = count.multipliedReportingOverflow(by: d)
      guard !over, c <= Int.max / 8 else { throw DataError.tooLarge(path: source, reason: "shape \(shape) has more elements than can exist") }
      count = c
    }
    let fileType = HDF5Handle(id: H5Dget_type(dataset.id), close: H5Tclose)
    let typeClass = H5Tget_class(fileType.id)
    let size = H5Tget_size(fileType.id)

    if typeClass == H5T_STRING {
      return try readStrings(dataset: dataset.id, space: space.id, fileType: fileType.id, count: count, shape: shape, source: source)
    }
    let (memType, dtype): (hid_t, NPYArray.DType)
    switch typeClass {
    case H5T_FLOAT:
      (memType, dtype) = size <= 4 ? (tempctl_h5t_native_float(), .init(kind: .float, size: 4)) : (tempctl_h5t_native_double(), .init(kind: .float, size: 8))
    case H5T_INTEGER, H5T_ENUM:
      // h5py stores bool as an enum over int8 {FALSE: 0, TRUE: 1}: read as its integers.
      let base = typeClass == H5T_ENUM ? HDF5Handle(id: H5Tget_super(fileType.id), close: H5Tclose) : nil
      let intType = base?.id ?? fileType.id
      let signed = H5Tget_sign(intType) == H5T_SGN_2
      let bytes = H5Tget_size(intType)
      let native = tempctl_h5t_native_integer(bytes, signed ? 1 : 0)
      guard native >= 0 else { throw DataError.unsupportedDType(path: source, dtype: "\(bytes)-byte integer", allowed: "1-, 2-, 4- or 8-byte integers") }
      (memType, dtype) = (native, .init(kind: signed ? .signed : .unsigned, size: bytes))
    default:
      throw DataError.unsupportedDType(path: source, dtype: Self.className(typeClass), allowed: "float, integer, bool or string datasets")
    }
    let payload = try Self.read(count * dtype.size, source: source) { H5Dread(dataset.id, memType, space.id, space.id, tempctl_h5p_default(), $0) }
    return NPYArray(shape: shape, dtype: dtype, payload: payload, source: source)
  }

  /// Fixed-length strings keep their width; variable-length ones are read as C strings and
  /// re-packed to the longest one's width (`S<n>`, UTF-8 bytes).
  private func readStrings(dataset: hid_t, space: hid_t, fileType: hid_t, count: Int, shape: [Int], source: String) throws -> NPYArray {
    let memType = HDF5Handle(id: H5Tcopy(tempctl_h5t_c_s1()), close: H5Tclose)
    if H5Tis_variable_str(fileType) > 0 {
      H5Tset_size(memType.id, Int(bitPattern: UInt(bitPattern: -1)))  // H5T_VARIABLE
      H5Tset_cset(memType.id, H5Tget_cset(fileType))
      var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
      guard H5Dread(dataset, memType.id, space, space, tempctl_h5p_default(), &pointers) >= 0 else {
        throw Self.failure(path, "cannot read the strings of \(source) (\(Self.lastError()))")
      }
      let texts = pointers.map { $0.map { Array(String(cString: $0).utf8) } ?? [] }
      _ = tempctl_h5_reclaim(memType.id, space, &pointers)
      let width = max(1, texts.map(\.count).max() ?? 1)
      var payload = Data(count: count * width)
      payload.withUnsafeMutableBytes { out in
        for (i, t) in texts.enumerated() { out.baseAddress!.advanced(by: i * width).copyMemory(from: t, byteCount: t.count) }
      }
      return NPYArray(shape: shape, dtype: .init(kind: .bytes, size: width), payload: payload, source: source)
    }
    let width = H5Tget_size(fileType)
    guard width >= 1, width <= 1 << 18 else { throw DataError.unsupportedDType(path: source, dtype: "\(width)-byte strings", allowed: "strings up to 262144 bytes") }
    H5Tset_size(memType.id, width)
    H5Tset_strpad(memType.id, H5T_STR_NULLPAD)
    let payload = try Self.read(count * width, source: source) { H5Dread(dataset, memType.id, space, space, tempctl_h5p_default(), $0) }
    return NPYArray(shape: shape, dtype: .init(kind: .bytes, size: width), payload: payload, source: source)
  }

  /// `bytes` read by `body` into a new buffer; a `tooLarge` error when the machine cannot hold it
  /// (a compressed dataset can claim any shape).
  private static func read(_ bytes: Int, source: String, _ body: (UnsafeMutableRawPointer) -> herr_t) throws -> Data {
    let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
    guard bytes <= physical, bytes <= (MemoryBudget.addressSpaceLeft ?? Int.max) else {
      throw DataError.tooLarge(path: source, reason: "its \(MemoryBudget.describe(bytes)) do not fit in this machine's memory")
    }
    guard let p = calloc(max(bytes, 1), 1) else {
      throw DataError.tooLarge(path: source, reason: "cannot allocate \(MemoryBudget.describe(bytes))")
    }
    guard body(p) >= 0 else {
      free(p)
      throw DataError.badContainer(path: source, format: "HDF5", reason: "libhdf5 cannot read it (\(lastError()))")
    }
    return Data(bytesNoCopy: p, count: bytes, deallocator: .free)
  }

  /// Every dataset's path (`X`, `embeddings/vectors`), groups walked depth-first in name order,
  /// at most 8 levels and 10 000 names deep (hard links can make cycles).
  private static func datasets(_ file: hid_t, path: String) throws -> [String] {
    var names: [String] = []
    func walk(_ group: String, depth: Int) throws {
      var info = H5G_info_t()
      guard H5Gget_info_by_name(file, group, &info, tempctl_h5p_default()) >= 0 else {
        throw failure(path, "cannot list its group '\(group)' (\(lastError()))")
      }
      for i in 0..<info.nlinks where names.count < 10_000 {
        let length = H5Lget_name_by_idx(file, group, H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, tempctl_h5p_default())
        guard length > 0, length < 1 << 16 else { continue }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        H5Lget_name_by_idx(file, group, H5_INDEX_NAME, H5_ITER_INC, i, &buffer, buffer.count, tempctl_h5p_default())
        let name = (group == "/" ? "" : group + "/") + String(cString: buffer)
        switch objectType(file, name) {
        case H5I_DATASET: names.append(name)
        case H5I_GROUP where depth < 8: try walk(name, depth: depth + 1)
        default: break
        }
      }
    }
    try walk("/", depth: 0)
    return names
  }

  private static func objectType(_ file: hid_t, _ name: String) -> H5I_type_t {
    let object = H5Oopen(file, name, tempctl_h5p_default())
    guard object >= 0 else { return H5I_BADID }
    defer { H5Oclose(object) }
    return H5Iget_type(object)
  }

  private static func className(_ c: H5T_class_t) -> String {
    switch c {
    case H5T_COMPOUND: "compound (a struct)"
    case H5T_ARRAY: "array-typed"
    case H5T_REFERENCE: "reference"
    case H5T_OPAQUE: "opaque"
    case H5T_VLEN: "variable-length sequence"
    case H5T_BITFIELD: "bitfield"
    case H5T_TIME: "time"
    default: "unknown type"
    }
  }

  private static func failure(_ path: String, _ reason: String) -> DataError {
    .badContainer(path: path, format: "HDF5", reason: reason)
  }

  /// The most specific message on libhdf5's error stack.
  private static func lastError() -> String {
    var message = ""
    withUnsafeMutablePointer(to: &message) { box in
      _ = H5Ewalk2(hid_t(0), H5E_WALK_DOWNWARD, { _, entry, data in
        let box = data!.assumingMemoryBound(to: String.self)
        if box.pointee.isEmpty, let desc = entry?.pointee.desc { box.pointee = String(cString: desc) }
        return 0
      }, box)
    }
    H5Eclear2(hid_t(0))
    return message.isEmpty ? "no reason given" : message
  }

  fileprivate static func locked<R>(_ body: () throws -> R) rethrows -> R {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }
}

/// An HDF5 identifier closed when the last reference goes.
final class HDF5Handle: @unchecked Sendable {
  let id: hid_t
  private let close: (hid_t) -> herr_t

  init(id: hid_t, close: @escaping (hid_t) -> herr_t) { self.id = id; self.close = close }

  deinit {
    guard id >= 0 else { return }
    HDF5File.locked { _ = close(id) }
  }
}

import CHDF5
import Foundation

/// A read-only HDF5 file through libhdf5: its datasets' names, shapes and element types, and their
/// values read into caller buffers whose sizes are checked against the shape. Every failure is a
/// `NumericsError.hdf5` carrying libhdf5's most specific message. libhdf5 is not thread-safe in
/// Debian's serial build: every call goes through one lock.
public final class HDF5Reader: @unchecked Sendable {
  /// How a dataset's elements are stored.
  public enum ElementType: Equatable, Sendable {
    /// IEEE floats of `bytes` bytes (2, 4 or 8).
    case float(bytes: Int)
    /// Integers of `bytes` bytes; an enum over integers (`h5py`'s bool) is read as its integers.
    case integer(bytes: Int, signed: Bool)
    /// Strings of a fixed width in bytes, NUL-padded.
    case fixedString(width: Int)
    /// Variable-length strings.
    case variableString
    /// Anything else (compound, array, reference, opaque, …), by name.
    case unsupported(String)
  }

  /// One dataset: its path in the file, its shape and its element type.
  public struct Dataset: Sendable {
    public let name: String
    public let shape: [Int]
    public let type: ElementType
    /// The number of elements, or nil when the shape's product overflows.
    public var count: Int? {
      var n = 1
      for d in shape {
        let (c, over) = n.multipliedReportingOverflow(by: d)
        if over { return nil }
        n = c
      }
      return n
    }
  }

  /// The element types values can be read as (the native type of that width).
  public enum ReadType: Sendable {
    case float32, float64
    case integer(bytes: Int, signed: Bool)
    var bytes: Int {
      switch self {
      case .float32: 4
      case .float64: 8
      case let .integer(bytes, _): bytes
      }
    }
  }

  /// Every dataset's path (`X`, `embeddings/vectors`), groups walked depth-first in name order,
  /// at most 8 levels and 10 000 names deep (hard links can make cycles).
  public let datasetNames: [String]
  private let file: HDF5Handle

  private static let lock = NSRecursiveLock()

  /// Opens `path` read-only and lists its datasets.
  /// - Throws: `NumericsError.hdf5` when the file is not HDF5 or libhdf5 cannot open or list it.
  public init(path: String) throws {
    (file, datasetNames) = try Self.locked {
      tempctl_h5_silence()
      guard H5Fis_hdf5(path) > 0 else {
        throw NumericsError.hdf5("it does not start with the HDF5 signature; write it with h5py.File(path, 'w')")
      }
      let id = H5Fopen(path, tempctl_h5f_acc_rdonly(), tempctl_h5p_default())
      guard id >= 0 else { throw NumericsError.hdf5("libhdf5 cannot open it (\(Self.lastError()))") }
      let handle = HDF5Handle(id: id, close: H5Fclose)
      return (handle, try Self.datasets(id))
    }
  }

  /// The shape and element type of dataset `name`.
  public func describe(_ name: String) throws -> Dataset {
    try Self.locked {
      let (dataset, space) = try open(name)
      let rank = H5Sget_simple_extent_ndims(space.id)
      guard rank >= 0, rank <= 32 else { throw NumericsError.hdf5("dataset '\(name)' has no simple shape") }
      var dims = [hsize_t](repeating: 0, count: Int(rank))
      H5Sget_simple_extent_dims(space.id, &dims, nil)
      let fileType = HDF5Handle(id: H5Dget_type(dataset.id), close: H5Tclose)
      return Dataset(name: name, shape: dims.map { Int(clamping: $0) }, type: Self.elementType(fileType.id))
    }
  }

  /// Reads dataset `name` whole as `type`, converted by libhdf5, into `buffer`, which must hold
  /// exactly its elements.
  public func read(_ name: String, as type: ReadType, into buffer: UnsafeMutableRawBufferPointer) throws {
    let memType: hid_t
    switch type {
    case .float32: memType = tempctl_h5t_native_float()
    case .float64: memType = tempctl_h5t_native_double()
    case let .integer(bytes, signed):
      memType = tempctl_h5t_native_integer(bytes, signed ? 1 : 0)
      guard memType >= 0 else { throw NumericsError.hdf5("no native \(bytes)-byte integer type") }
    }
    try readWhole(name, memType: memType, elementBytes: type.bytes, into: buffer)
  }

  /// Reads the fixed-width strings of dataset `name` (`width` bytes each, NUL-padded) into
  /// `buffer`, which must hold exactly its elements.
  public func readFixedStrings(_ name: String, width: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
    guard width >= 1 else { throw NumericsError.hdf5("strings of width \(width)") }
    try Self.locked {
      let memType = HDF5Handle(id: H5Tcopy(tempctl_h5t_c_s1()), close: H5Tclose)
      H5Tset_size(memType.id, width)
      _ = H5Tset_strpad(memType.id, H5T_STR_NULLPAD)
      try readWhole(name, memType: memType.id, elementBytes: width, into: buffer)
    }
  }

  /// The variable-length strings of dataset `name`, as UTF-8 bytes, in storage order.
  public func readVariableStrings(_ name: String) throws -> [[UInt8]] {
    try Self.locked {
      let (dataset, space) = try open(name)
      let fileType = HDF5Handle(id: H5Dget_type(dataset.id), close: H5Tclose)
      let count = Int(H5Sget_simple_extent_npoints(space.id))
      guard count >= 0 else { throw NumericsError.hdf5("dataset '\(name)' has no simple shape") }
      let memType = HDF5Handle(id: H5Tcopy(tempctl_h5t_c_s1()), close: H5Tclose)
      H5Tset_size(memType.id, Int(bitPattern: UInt(bitPattern: -1)))  // H5T_VARIABLE
      H5Tset_cset(memType.id, H5Tget_cset(fileType.id))
      var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
      guard H5Dread(dataset.id, memType.id, space.id, space.id, tempctl_h5p_default(), &pointers) >= 0 else {
        throw NumericsError.hdf5("cannot read the strings of '\(name)' (\(Self.lastError()))")
      }
      let texts = pointers.map { $0.map { Array(String(cString: $0).utf8) } ?? [] }
      _ = tempctl_h5_reclaim(memType.id, space.id, &pointers)
      return texts
    }
  }

  private func readWhole(_ name: String, memType: hid_t, elementBytes: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
    try Self.locked {
      let (dataset, space) = try open(name)
      let count = Int(H5Sget_simple_extent_npoints(space.id))
      let (bytes, over) = count.multipliedReportingOverflow(by: elementBytes)
      guard count >= 0, !over, bytes == buffer.count else {
        throw NumericsError.shapeMismatch("HDF5 dataset '\(name)': \(count) elements of \(elementBytes) bytes into a buffer of \(buffer.count) bytes")
      }
      guard let base = buffer.baseAddress else { return }  // no elements
      guard H5Dread(dataset.id, memType, space.id, space.id, tempctl_h5p_default(), base) >= 0 else {
        throw NumericsError.hdf5("libhdf5 cannot read it (\(Self.lastError()))")
      }
    }
  }

  /// Dataset `name` and its dataspace, open (called under the lock).
  private func open(_ name: String) throws -> (dataset: HDF5Handle, space: HDF5Handle) {
    let dataset = HDF5Handle(id: H5Dopen2(file.id, name, tempctl_h5p_default()), close: H5Dclose)
    guard dataset.id >= 0 else { throw NumericsError.hdf5("cannot open dataset '\(name)' (\(Self.lastError()))") }
    return (dataset, HDF5Handle(id: H5Dget_space(dataset.id), close: H5Sclose))
  }

  private static func elementType(_ type: hid_t) -> ElementType {
    let typeClass = H5Tget_class(type)
    switch typeClass {
    case H5T_FLOAT: return .float(bytes: H5Tget_size(type))
    case H5T_INTEGER, H5T_ENUM:
      // h5py stores bool as an enum over int8 {FALSE: 0, TRUE: 1}: read as its integers.
      let base = typeClass == H5T_ENUM ? HDF5Handle(id: H5Tget_super(type), close: H5Tclose) : nil
      let intType = base?.id ?? type
      return .integer(bytes: H5Tget_size(intType), signed: H5Tget_sign(intType) == H5T_SGN_2)
    case H5T_STRING:
      return H5Tis_variable_str(type) > 0 ? .variableString : .fixedString(width: H5Tget_size(type))
    case H5T_COMPOUND: return .unsupported("compound (a struct)")
    case H5T_ARRAY: return .unsupported("array-typed")
    case H5T_REFERENCE: return .unsupported("reference")
    case H5T_OPAQUE: return .unsupported("opaque")
    case H5T_VLEN: return .unsupported("variable-length sequence")
    case H5T_BITFIELD: return .unsupported("bitfield")
    case H5T_TIME: return .unsupported("time")
    default: return .unsupported("unknown type")
    }
  }

  private static func datasets(_ file: hid_t) throws -> [String] {
    var names: [String] = []
    func walk(_ group: String, depth: Int) throws {
      var info = H5G_info_t()
      guard H5Gget_info_by_name(file, group, &info, tempctl_h5p_default()) >= 0 else {
        throw NumericsError.hdf5("cannot list its group '\(group)' (\(lastError()))")
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
private final class HDF5Handle: @unchecked Sendable {
  let id: hid_t
  private let close: (hid_t) -> herr_t

  init(id: hid_t, close: @escaping (hid_t) -> herr_t) { self.id = id; self.close = close }

  deinit {
    guard id >= 0 else { return }
    HDF5Reader.locked { _ = close(id) }
  }
}

import Foundation

/// Everything that can be wrong with an input file, as one clear line for the user:
/// what is wrong, where (file, key, row, column), and what would be valid.
public enum DataError: Error, CustomStringConvertible, Equatable {
  /// The file could not be opened or read.
  case unreadable(path: String, reason: String)
  /// An output file could not be written.
  case unwritable(path: String, reason: String)
  /// The file does not start with the NPY magic string `\x93NUMPY`.
  case notNPY(path: String)
  /// The NPY header is malformed.
  case badNPYHeader(path: String, reason: String)
  /// The NPY dtype is not one tempctl reads.
  case unsupportedDType(path: String, dtype: String, allowed: String)
  /// The file holds fewer bytes than its header promises.
  case truncated(path: String, expectedBytes: String, actualBytes: Int)
  /// The file holds more bytes than its header promises.
  case trailingBytes(path: String, expectedBytes: Int, actualBytes: Int)
  /// An array has the wrong number of dimensions.
  case wrongRank(path: String, array: String, shape: [Int], expected: String)
  /// X and y disagree on the number of samples.
  case lengthMismatch(path: String, features: Int, labels: Int)
  /// An array has no elements.
  case empty(path: String, array: String)
  /// Non-finite values in the features.
  case nonFinite(path: String, count: Int, firstRow: Int, firstColumn: Int)
  /// A label that is not an integer where integers are required.
  case nonIntegralLabel(path: String, index: Int, value: Double)
  /// Only one class: a classifier and every class-based statistic need at least two.
  case singleClass(path: String, label: String)
  /// A needed array is missing from an .npz archive.
  case missingKeys(path: String, wanted: String, present: [String])
  /// The .npz is not a readable zip archive.
  case corruptZip(path: String, reason: String)
  /// A CSV problem at a given line and column, both 1-based as an editor shows them (array
  /// positions in `.npy` errors are 0-based, as numpy indexes them).
  case csv(path: String, row: Int, column: Int?, reason: String)
  /// A path that is neither a supported file nor a folder holding X.npy and y.npy.
  case unknownFormat(path: String)
  /// A lone `.npy` file: features without labels.
  case npyWithoutLabels(path: String)
  /// A set too large for the memory this process may use.
  case tooLarge(path: String, reason: String)
  /// A set on which a probe's accuracy would measure nothing (`DataDiagnosis`).
  case degenerate(path: String, reason: String)
  /// A zoo manifest problem.
  case manifest(path: String, reason: String)
  /// An explicit split that is inconsistent.
  case badSplit(path: String, reason: String)
  /// A safetensors or HDF5 file whose structure is broken or not what tempctl reads.
  case badContainer(path: String, format: String, reason: String)

  public var description: String {
    switch self {
    case let .unreadable(path, reason):
      return "\(path): cannot read: \(reason)"
    case let .unwritable(path, reason):
      return "\(path): cannot write: \(reason); check that its folder exists and is writable and that the disk has room"
    case let .notNPY(path):
      return "\(path): not an NPY file (it does not start with the magic bytes \\x93NUMPY); save arrays with numpy.save or numpy.savez"
    case let .badNPYHeader(path, reason):
      return "\(path): malformed NPY header: \(reason)"
    case let .unsupportedDType(path, dtype, allowed):
      return "\(path): unsupported dtype '\(dtype)'; supported: \(allowed)"
    case let .truncated(path, expected, actual):
      return "\(path): truncated: the header promises \(expected) bytes of data but the file holds \(actual)"
    case let .trailingBytes(path, expected, actual):
      return "\(path): the header promises \(expected) bytes of data but the file holds \(actual) (\(actual - expected) bytes too many); the file was appended to or its header edited — save it again with numpy.save"
    case let .wrongRank(path, array, shape, expected):
      let s = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
      return "\(path): \(array) has shape \(s); expected \(expected)"
    case let .lengthMismatch(path, f, l):
      return "\(path): X has \(f) rows but y has \(l) labels; they must be equal"
    case let .empty(path, array):
      return "\(path): \(array) is empty; an embedding set needs at least one sample and one feature"
    case let .nonFinite(path, count, row, col):
      return "\(path): X holds \(count) non-finite value\(count == 1 ? "" : "s") (NaN or Inf); the first is X[\(row), \(col)] (0-based, as numpy indexes it)"
    case let .nonIntegralLabel(path, index, value):
      return "\(path): label \(index) is \(value), not an integer; labels must be integers (or strings in CSV)"
    case let .singleClass(path, label):
      return "\(path): every sample has the label '\(label)'; at least two classes are needed"
    case let .missingKeys(path, wanted, present):
      return "\(path): no \(wanted) in the file (it holds: \(present.isEmpty ? "nothing" : present.joined(separator: ", "))); name them with --x-key/--y-key"
    case let .corruptZip(path, reason):
      return "\(path): not a readable .npz (zip) archive: \(reason)"
    case let .csv(path, row, column, reason):
      if let column { return "\(path): row \(row), column \(column): \(reason)" }
      return "\(path): row \(row): \(reason)"
    case let .unknownFormat(path):
      return "\(path): not a .npz, .safetensors, .h5/.hdf5 or .csv file, nor a folder holding X.npy and y.npy (for two .npy files use --features and --labels)"
    case let .npyWithoutLabels(path):
      return "\(path): a single .npy holds one array, not features and labels; give both with --features X.npy --labels y.npy, or a folder holding X.npy and y.npy"
    case let .tooLarge(path, reason):
      return "\(path): too large: \(reason)"
    case let .degenerate(path, reason):
      return "\(path): unusable set: \(reason)"
    case let .manifest(path, reason):
      return "\(path): \(reason)"
    case let .badSplit(path, reason):
      return "\(path): invalid explicit split: \(reason)"
    case let .badContainer(path, format, reason):
      return "\(path): not a readable \(format) file: \(reason)"
    }
  }

  /// The system's short reason for a file error (`No such file or directory`), not Foundation's
  /// multi-line dump of an NSError.
  public static func reason(of error: Error) -> String {
    if let e = error as? DataError { return e.description }
    let ns = error as NSError
    if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(u.code)))
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    let text = ns.localizedFailureReason ?? ns.localizedDescription
    let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown error"
    return line.hasSuffix(".") ? String(line.dropLast()) : line
  }
}

import Foundation
import Numerics

/// How to find the arrays in a file and how to split it.
public struct LoadOptions: Sendable {
  /// Array names in an .npz (default: X/y, else features/labels).
  public var xKey: String?
  public var yKey: String?
  /// CSV label column, by name or 0-based index.
  public var labelColumn: String?
  /// Seed of the stratified 80/20 split (ignored when the file gives a split).
  public var splitSeed: UInt64 = 0
  /// Run the byte checks (a stored .npz member's CRC-32, finiteness of X) beside the caller's
  /// work instead of before it; the caller then calls `EmbeddingSet.verified()` before using
  /// what it computed (`DeferredChecks`). Every other check still runs before `load` returns.
  public var deferChecks = false
  /// Where deferred checks run (made by `DatasetLoader.load`).
  var checks: DeferredChecks?

  public init(xKey: String? = nil, yKey: String? = nil, labelColumn: String? = nil, splitSeed: UInt64 = 0) {
    self.xKey = xKey; self.yKey = yKey; self.labelColumn = labelColumn; self.splitSeed = splitSeed
  }
}

/// Loads an embedding set from any supported format (SPEC §2) and validates it.
///
/// Supported: a `.npz` archive, a `.safetensors` file, an HDF5 file (`.h5`, `.hdf5`); a folder
/// holding `X.npy` and `y.npy`; an explicit pair of `.npy` files; a `.csv` file. Every path through here ends in `validate`, so every format
/// gets the same checks (shape, lengths, emptiness, finiteness, at least two classes).
public enum DatasetLoader {
  /// Loads `path`, naming the set `name` (default: the file name without extension).
  /// Every set is then diagnosed (`DataDiagnosis`): degenerate sets throw, odd ones carry warnings.
  public static func load(path: String, name: String? = nil, options: LoadOptions = .init()) throws -> EmbeddingSet {
    guard options.deferChecks else { return try diagnosed(loadUnchecked(path: path, name: name, options: options), path: path) }
    var deferring = options
    let checks = DeferredChecks()
    deferring.checks = checks
    do {
      var set = try diagnosed(loadUnchecked(path: path, name: name, options: deferring), path: path)
      set.pendingChecks = checks
      return set
    } catch {
      try checks.wait()   // a damaged file explains the error better
      throw error
    }
  }

  /// Loads a features `.npy` and a labels `.npy` (diagnosed like `load`).
  public static func loadPair(features: String, labels: String, name: String? = nil, options: LoadOptions = .init()) throws -> EmbeddingSet {
    try diagnosed(loadPairUnchecked(features: features, labels: labels, name: name, options: options), path: features)
  }

  /// The formats alone, without `DataDiagnosis` (the format tests read 6-row files).
  static func loadPairUnchecked(features: String, labels: String, name: String? = nil, options: LoadOptions = .init()) throws -> EmbeddingSet {
    let x = try NPYArray(data: read(features), source: features)
    let y = try NPYArray(data: read(labels), source: labels)
    let setName = name ?? URL(fileURLWithPath: features).deletingPathExtension().lastPathComponent
    return try splitSet(x: x, y: y, path: features, name: setName, seed: options.splitSeed)
  }

  static func diagnosed(_ set: EmbeddingSet, path: String) throws -> EmbeddingSet {
    var s = set
    s.warnings = try DataDiagnosis.check(set, path: path)
    return s
  }

  static func loadUnchecked(path: String, name: String? = nil, options: LoadOptions = .init()) throws -> EmbeddingSet {
    let url = URL(fileURLWithPath: path)
    let setName = name ?? url.deletingPathExtension().lastPathComponent
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
      throw DataError.unreadable(path: path, reason: "no such file or folder")
    }
    if isDir.boolValue {
      let x = url.appendingPathComponent("X.npy"), y = url.appendingPathComponent("y.npy")
      guard FileManager.default.fileExists(atPath: x.path), FileManager.default.fileExists(atPath: y.path) else {
        throw DataError.unknownFormat(path: path)
      }
      return try loadPairUnchecked(features: x.path, labels: y.path, name: setName, options: options)
    }
    switch url.pathExtension.lowercased() {
    case "npz": return try loadNamed(NPZFile(path: path, deferring: options.checks), name: setName, options: options)
    case "safetensors": return try loadNamed(SafetensorsFile(path: path), name: setName, options: options)
    case "h5", "hdf5", "he5": return try loadNamed(HDF5File(path: path), name: setName, options: options)
    case "csv":
      let data = try CSVTable.read(url: url, labelColumn: options.labelColumn)
      try validate(data, path: path)
      return StratifiedSplit.split(data, name: setName, seed: options.splitSeed)
    case "npy": throw DataError.npyWithoutLabels(path: path)
    default:
      throw DataError.unknownFormat(path: path)
    }
  }

  /// Finds the set's arrays in a file of named arrays (SPEC §2): the explicit split
  /// `X_train/y_train/X_val/y_val` when all four are there (and no `--x-key`), else `--x-key`/`--y-key`,
  /// else `X`/`y`, else `features`/`labels`.
  static func loadNamed(_ file: some NamedArrayFile, name: String, options: LoadOptions) throws -> EmbeddingSet {
    let path = file.path
    let splitKeys = ["X_train", "y_train", "X_val", "y_val"]
    if options.xKey == nil, options.yKey == nil, splitKeys.allSatisfy(file.contains) {
      let a = try file.arrays(Set(splitKeys))
      guard let xt = a["X_train"], let yt = a["y_train"], let xv = a["X_val"], let yv = a["y_val"] else {
        throw DataError.missingKeys(path: path, wanted: splitKeys.joined(separator: "/"), present: file.keys)
      }
      return try explicitSplit(xt: xt, yt: yt, xv: xv, yv: yv, name: name, path: path, deferring: options.checks)
    }
    let pairs: [(String, String)] = options.xKey != nil || options.yKey != nil
      ? [(options.xKey ?? "X", options.yKey ?? "y")] : [("X", "y"), ("features", "labels")]
    guard let (xk, yk) = pairs.first(where: { file.contains($0.0) && file.contains($0.1) }) else {
      let wanted = pairs.map { "'\($0.0)'/'\($0.1)'" }.joined(separator: " or ")
      throw DataError.missingKeys(path: path, wanted: "arrays \(wanted)", present: file.keys)
    }
    let a = try file.arrays([xk, yk])
    guard let x = a[xk], let y = a[yk] else {
      throw DataError.missingKeys(path: path, wanted: "arrays '\(xk)'/'\(yk)'", present: file.keys)
    }
    return try splitSet(x: x, y: y, path: path, name: name, seed: options.splitSeed, deferring: options.checks)
  }

  static func explicitSplit(xt: NPYArray, yt: NPYArray, xv: NPYArray, yv: NPYArray, name: String, path: String,
                            deferring checks: DeferredChecks? = nil) throws -> EmbeddingSet {
    let lt = try checked(x: xt, y: yt, path: path, names: ("X_train", "y_train"))
    let lv = try checked(x: xv, y: yv, path: path, names: ("X_val", "y_val"))
    guard xt.shape[1] == xv.shape[1] else {
      throw DataError.badSplit(path: path, reason: "X_train has \(xt.shape[1]) columns but X_val has \(xv.shape[1])")
    }
    try checkFinite(xt, deferring: checks)
    try checkFinite(xv, deferring: checks)
    let encoded = (lt + lv).encoded()
    guard encoded.names.count >= 2 else { throw DataError.singleClass(path: path, label: encoded.names.first ?? "?") }
    let ft = FeatureRows(xt, indices: Array(0..<xt.shape[0])), fv = FeatureRows(xv, indices: Array(0..<xv.shape[0]))
    return EmbeddingSet(name: name, trainRows: ft, trainLabels: Array(encoded.labels[0..<lt.count]),
                        validationRows: fv, validationLabels: Array(encoded.labels[lt.count...]),
                        classNames: encoded.names, explicitSplit: true)
  }

  /// Checks an (X, y) pair, splits it (seeded, stratified) and keeps each split's rows in place
  /// (float32) or converts them straight from the file's bytes: the array is never copied whole.
  static func splitSet(x: NPYArray, y: NPYArray, path: String, name: String, seed: UInt64,
                       deferring checks: DeferredChecks? = nil) throws -> EmbeddingSet {
    let raw = try checked(x: x, y: y, path: path, names: ("X", "y"))
    try checkFinite(x, deferring: checks)
    let encoded = raw.encoded()
    guard encoded.names.count >= 2 else { throw DataError.singleClass(path: path, label: encoded.names.first ?? "?") }
    let (t, v) = StratifiedSplit.indices(labels: encoded.labels, classCount: encoded.names.count, seed: seed)
    return EmbeddingSet(name: name, trainRows: FeatureRows(x, indices: t), trainLabels: t.map { encoded.labels[$0] },
                        validationRows: FeatureRows(x, indices: v), validationLabels: v.map { encoded.labels[$0] },
                        classNames: encoded.names, explicitSplit: false)
  }

  /// NaN or Inf anywhere in a (checked, 2-D) features array is an error naming the first one;
  /// with `checks`, found on a thread of its own (`DeferredChecks`).
  static func checkFinite(_ x: NPYArray, deferring checks: DeferredChecks? = nil) throws {
    @Sendable func check() throws {
      let bad = x.nonFinite()
      if bad.count > 0 {
        throw DataError.nonFinite(path: x.source, count: bad.count, firstRow: bad.first / x.shape[1], firstColumn: bad.first % x.shape[1])
      }
    }
    if let checks { checks.start(check) } else { try check() }
  }

  /// Shape, dtype and length checks of an (X, y) pair; returns the raw labels. X may hold floats
  /// or integers (integers are widened exactly to Float64); y may be 1-D or a column (N, 1), of
  /// integers, integral floats, bool or strings.
  static func checked(x: NPYArray, y: NPYArray, path: String, names: (String, String)) throws -> RawLabels {
    guard x.dtype.isFloat || x.dtype.kind == .signed || x.dtype.kind == .unsigned else {
      throw DataError.unsupportedDType(path: x.source, dtype: "\(x.dtype) for \(names.0)", allowed: "f2 f4 f8 (F16 BF16 F32 F64) or integers for features")
    }
    guard x.shape.count == 2 else { throw DataError.wrongRank(path: x.source, array: names.0, shape: x.shape, expected: "a 2-D array (samples × features)") }
    guard y.shape.count == 1 || (y.shape.count == 2 && y.shape[1] == 1) else {
      throw DataError.wrongRank(path: y.source, array: names.1, shape: y.shape, expected: "a 1-D array of labels (or one column, N × 1)")
    }
    guard x.shape[0] > 0, x.shape[1] > 0 else { throw DataError.empty(path: x.source, array: names.0) }
    guard y.shape[0] > 0 else { throw DataError.empty(path: y.source, array: names.1) }
    guard x.shape[0] == y.shape[0] else { throw DataError.lengthMismatch(path: path, features: x.shape[0], labels: y.shape[0]) }
    if let texts = y.strings() { return .strings(texts) }
    return .integers(try y.integers())
  }

  /// The checks every format shares: non-empty, finite, at least two classes.
  public static func validate(_ data: LabeledData, path: String) throws {
    let x = data.features
    guard x.rows > 0, x.cols > 0 else { throw DataError.empty(path: path, array: "X") }
    var bad = 0, first = -1
    for (i, v) in x.storage.enumerated() where !v.isFinite {
      if first < 0 { first = i }
      bad += 1
    }
    if bad > 0 { throw DataError.nonFinite(path: path, count: bad, firstRow: first / x.cols, firstColumn: first % x.cols) }
    guard data.classCount >= 2 else { throw DataError.singleClass(path: path, label: data.classNames.first ?? "?") }
  }

  /// The file's bytes, memory-mapped: only the pages of the rows actually converted are read.
  /// (`.npy` files and `.npz` archives alike.)
  static func read(_ path: String) throws -> Data {
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw DataError.unreadable(path: path, reason: "no such readable file")
    }
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
      MemoryAdvice.readAhead(path: path, bytes: data.count)
      return data
    } catch {
      throw DataError.unreadable(path: path, reason: "cannot map it into memory (\(DataError.reason(of: error)))")
    }
  }
}

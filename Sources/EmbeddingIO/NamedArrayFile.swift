import Foundation

/// A file of named arrays — a `.npz` archive, a `.safetensors` file, an HDF5 file — read the same
/// way: the set's arrays are found by name (`X`/`y`, `features`/`labels`, the explicit split
/// `X_train`/`y_train`/`X_val`/`y_val`, or `--x-key`/`--y-key`), then checked like `.npy` arrays.
protocol NamedArrayFile {
  /// The file's path, as errors name it.
  var path: String { get }
  /// The names of the arrays the file holds, in the file's order.
  var keys: [String] { get }
  /// Whether the file holds an array of that name.
  func contains(_ name: String) -> Bool
  /// The named arrays, validated; a name the file does not hold yields no entry.
  func arrays(_ names: Set<String>) throws -> [String: NPYArray]
}

extension NamedArrayFile {
  func contains(_ name: String) -> Bool { keys.contains(name) }
}

/// `.npz`: a zip archive of `.npy` members (`NPZArchive`), mapped once.
struct NPZFile: NamedArrayFile {
  let path: String
  let keys: [String]
  private let bytes: Data
  /// Where stored members' CRC-32 checks run, when deferred (`LoadOptions.deferChecks`).
  private let checks: DeferredChecks?

  init(path: String, deferring checks: DeferredChecks? = nil) throws {
    self.path = path
    self.checks = checks
    bytes = try DatasetLoader.read(path)
    keys = try NPZArchive.keys(in: bytes, path: path)
  }

  func arrays(_ names: Set<String>) throws -> [String: NPYArray] {
    try NPZArchive.read(archive: bytes, path: path, keys: names, deferring: checks)
  }
}

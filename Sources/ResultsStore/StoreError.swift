/// Problems with a results store, one line each.
public enum StoreError: Error, CustomStringConvertible, Equatable {
  /// The file exists but is not an SQLite database (or is damaged).
  case corrupt(path: String, reason: String)
  /// The file is an SQLite database, but not a tempctl store of this schema version.
  case incompatibleSchema(path: String, found: String, expected: Int)
  /// Two copies of one unit (set, configuration, seed) hold different runs.
  case conflict(unit: String, paths: [String])
  /// A write to a store opened read-only.
  case readOnly(path: String)
  /// Any other database failure.
  case database(path: String, reason: String)

  public var description: String {
    switch self {
    case let .corrupt(path, reason):
      return "\(path): not a readable tempctl store (\(reason)); move it away or pass another --store"
    case let .incompatibleSchema(path, found, expected):
      return "\(path): store schema \(found) is not the schema \(expected) this tempctl writes; use a new --store file"
    case let .conflict(unit, paths):
      return "cannot merge: \(unit) is in \(paths.joined(separator: " and ")) with different runs (another tempctl version, or a damaged store?); merge them into separate outputs or drop one"
    case let .readOnly(path):
      return "\(path): the store is read-only (file, folder or file system); it can be read, but this command needs to write to it — copy it somewhere writable or pass another --store"
    case let .database(path, reason):
      return "\(path): database error: \(reason)"
    }
  }
}

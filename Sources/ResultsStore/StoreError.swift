/// Problems with a results store, one line each.
public enum StoreError: Error, CustomStringConvertible, Equatable {
  /// The file exists but is not an SQLite database (or is damaged).
  case corrupt(path: String, reason: String)
  /// The file is an SQLite database, but not a tempctl store of this schema version.
  case incompatibleSchema(path: String, found: String, expected: Int)
  /// `merge` was given stores that were swept with different configurations.
  case configurationsDiffer(paths: [String], hashes: [String])
  /// Any other database failure.
  case database(path: String, reason: String)

  public var description: String {
    switch self {
    case let .corrupt(path, reason):
      return "\(path): not a readable tempctl store (\(reason)); move it away or pass another --store"
    case let .incompatibleSchema(path, found, expected):
      return "\(path): store schema \(found) is not the schema \(expected) this tempctl writes; use a new --store file"
    case let .configurationsDiffer(paths, hashes):
      return "cannot merge \(paths.joined(separator: ", ")): they hold different sweep configurations (\(hashes.joined(separator: ", "))); merge only shards of one sweep"
    case let .database(path, reason):
      return "\(path): database error: \(reason)"
    }
  }
}

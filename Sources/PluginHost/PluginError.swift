/// Errors in the plugin registry and in plugins.json, each one line naming the JSON path and,
/// where it helps, the nearest valid id.
public enum PluginError: Error, CustomStringConvertible, Equatable {
  /// Two registered statistics share an id.
  case duplicateRegistration(id: String)
  /// A registered id is not snake_case.
  case badID(id: String)
  /// plugins.json could not be read.
  case unreadable(path: String)
  /// plugins.json is not valid JSON.
  case syntax(path: String, line: Int, column: Int, message: String)
  /// A structural problem at a JSON path.
  case invalid(path: String, jsonPath: String, message: String)
  /// An id that no registered statistic has.
  case unknownID(path: String, jsonPath: String, id: String, suggestion: String?)
  /// The same id listed twice.
  case repeatedID(path: String, jsonPath: String, id: String, firstAt: String)

  public var description: String {
    switch self {
    case let .duplicateRegistration(id): return "two registered statistics share the id '\(id)'; ids must be unique"
    case let .badID(id): return "statistic id '\(id)' is not snake_case (a-z, 0-9, _; starting with a letter)"
    case let .unreadable(path): return "\(path): cannot read the plugins file"
    case let .syntax(path, line, column, message): return "\(path): not valid JSON at line \(line), column \(column): \(message)"
    case let .invalid(path, jsonPath, message): return "\(path): \(jsonPath): \(message)"
    case let .unknownID(path, jsonPath, id, suggestion):
      return "\(path): \(jsonPath): unknown statistic '\(id)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; run `tempctl plugins` for the list")
    case let .repeatedID(path, jsonPath, id, firstAt):
      return "\(path): \(jsonPath): statistic '\(id)' is listed twice (first at \(firstAt)); list each id once"
    }
  }
}

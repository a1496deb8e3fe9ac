/// A failure of a sweep or a study that the caller did not cause by bad options: one line.
public struct StudyEngineError: Error, CustomStringConvertible {
  public let description: String
  public init(_ message: String) { description = message }
}

/// Some sets could not be used; each already had its line (`StudyObserver.setFailed`).
public struct SetsFailed: Error, CustomStringConvertible {
  public let names: [String]
  public var description: String { "\(names.count) set\(names.count == 1 ? "" : "s") failed: \(names.joined(separator: ", "))" }
}

import EmbeddingIO
import Foundation

/// Runs work set by set so that one bad set costs one line (`report`), not the others' results;
/// `finish()` then throws `SetsFailed` if any set failed.
public struct PerSetFailures {
  public private(set) var failed: [String] = []
  private let report: (String) -> Void

  public init(report: @escaping (String) -> Void) { self.report = report }

  /// Runs `body` for the set `name`; an error is reported (prefixed with the name unless it
  /// already names it) and remembered.
  public mutating func attempt(_ name: String, _ body: () throws -> Void) {
    do { try body() } catch {
      let text = ErrorText.line(for: error)
      report(text.contains(name) ? text : "\(name): \(text)")
      failed.append(name)
    }
  }

  /// Throws `SetsFailed` when any set failed (each already has its line).
  public func finish() throws {
    if !failed.isEmpty { throw SetsFailed(names: failed) }
  }
}

/// One line for any error: tempctl's own errors say what they mean; anything else — a Foundation
/// or system error that slipped through — is reduced to the system's short reason instead of an
/// NSError dump.
public enum ErrorText {
  public static func line(for error: Error) -> String {
    let type = String(reflecting: Swift.type(of: error))
    let ours = ["EmbeddingIO.", "ResultsStore.", "Study.", "StudyEngine.", "PluginHost.", "StatPlugins.", "Numerics.",
                "ClassifierCore.", "TempctlCLI.", "ArgumentParser."]
    if ours.contains(where: type.hasPrefix) { return "\(error)" }
    return DataError.reason(of: error)
  }
}

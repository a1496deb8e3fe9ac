import ArgumentParser
import EmbeddingIO
import Foundation

/// What the commands say on standard error besides progress: warnings (one line each, prefixed
/// `warning:`) and per-set failures that do not stop the other sets.
enum Diagnostics {
  static func warn(_ lines: [String]) {
    for l in lines { FileHandle.standardError.write(Data(("warning: " + l + "\n").utf8)) }
  }

  /// One line for any error: tempctl's own errors (and the argument parser's) say what they
  /// mean; anything else — a Foundation or system error that slipped through — is reduced to the
  /// system's short reason instead of an NSError dump.
  static func line(for error: Error) -> String {
    let type = String(reflecting: Swift.type(of: error))
    let ours = ["EmbeddingIO.", "ResultsStore.", "Study.", "PluginHost.", "StatPlugins.", "Numerics.", "ClassifierCore.",
                "TempctlCLI.", "LinearFit.", "ArgumentParser."]
    if ours.contains(where: type.hasPrefix) { return "\(error)" }
    return DataError.reason(of: error)
  }

  static func error(_ line: String) {
    FileHandle.standardError.write(Data(("Error: " + line + "\n").utf8))
  }
}

/// Runs work set by set so that one bad set costs one line on standard error, not the others'
/// results; `finish()` then exits non-zero if any set failed.
struct PerSetFailures {
  private(set) var failed: [String] = []

  /// Runs `body` for the set `name`; an error is reported and remembered.
  mutating func attempt(_ name: String, _ body: () throws -> Void) {
    do { try body() } catch {
      let text = Diagnostics.line(for: error)
      Diagnostics.error(text.hasPrefix(name) || text.contains(name) ? text : "\(name): \(text)")
      failed.append(name)
    }
  }

  /// Throws `ExitCode(1)` when any set failed (each already has its line).
  func finish() throws {
    if !failed.isEmpty { throw ExitCode(1) }
  }
}

/// A run-time failure of a command, printed as its one line (no usage text: the options were fine).
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}

/// Writing the files a user named (`--out`, `--model-out`, `-o`, `--export-trace`): any failure
/// becomes one line naming the file and the system's reason.
enum OutputFile {
  static func writing<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as DataError { throw e } catch let e as CLIError { throw e } catch {
      throw DataError.unwritable(path: path, reason: DataError.reason(of: error))
    }
  }
}

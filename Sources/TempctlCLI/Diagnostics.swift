import EmbeddingIO
import Foundation
import StudyEngine

/// What the commands say on standard error besides progress: warnings (one line each, prefixed
/// `warning:`) and per-set failures that do not stop the other sets.
enum Diagnostics {
  static func warn(_ lines: [String]) {
    for l in lines { FileHandle.standardError.write(Data(("warning: " + l + "\n").utf8)) }
  }

  /// Information a user should see but need not act on (`note:`).
  static func note(_ line: String) {
    FileHandle.standardError.write(Data(("note: " + line + "\n").utf8))
  }

  static func error(_ line: String) {
    FileHandle.standardError.write(Data(("Error: " + line + "\n").utf8))
  }
}

extension PerSetFailures {
  /// Failures reported as `Error: …` lines on standard error; `finish()` then throws `SetsFailed`,
  /// which exits 1 without another line.
  init() { self.init(report: Diagnostics.error) }
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

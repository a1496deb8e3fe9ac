import Foundation

/// Feedback on long work, on standard error: a live line on a terminal, plain lines otherwise,
/// nothing with `--quiet`.
final class ProgressReporter: @unchecked Sendable {
  private let quiet: Bool
  private let isTerminal: Bool
  private let total: Int
  private let start = Date()
  private var done = 0

  init(total: Int, quiet: Bool) {
    self.total = total
    self.quiet = quiet
    self.isTerminal = isatty(STDERR_FILENO) == 1
  }

  func begin(_ item: String) {
    guard !quiet else { return }
    if isTerminal { write("\r\u{1B}[2K[\(done + 1)/\(total)] \(item) …\(eta)") }
  }

  func finish(_ item: String, detail: String = "") {
    done += 1
    guard !quiet else { return }
    let line = "[\(done)/\(total)] \(item)\(detail.isEmpty ? "" : ": " + detail)"
    if isTerminal { write("\r\u{1B}[2K" + line + (done == total ? "\n" : "")) } else { write(line + "\n") }
  }

  private var eta: String {
    guard done > 0 else { return "" }
    let per = Date().timeIntervalSince(start) / Double(done)
    return String(format: "  ETA %.0f s", per * Double(total - done))
  }

  private func write(_ s: String) { FileHandle.standardError.write(s.data(using: .utf8)!) }
}

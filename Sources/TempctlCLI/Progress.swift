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
    if isTerminal { write("\r\u{1B}[2K" + String("[\(done + 1)/\(total)] \(item) …\(eta)".prefix(TerminalWidth.columns() - 1))) }
  }

  func finish(_ item: String, detail: String = "") {
    done += 1
    guard !quiet else { return }
    let line = "[\(done)/\(total)] \(item)\(detail.isEmpty ? "" : ": " + detail)"
    if isTerminal { write("\r\u{1B}[2K" + String(line.prefix(TerminalWidth.columns() - 1)) + (done == total ? "\n" : "")) } else { write(line + "\n") }
  }

  private var eta: String {
    guard done > 0 else { return "" }
    let per = Date().timeIntervalSince(start) / Double(done)
    return String(format: "  ETA %.0f s", per * Double(total - done))
  }

  private func write(_ s: String) { FileHandle.standardError.write(s.data(using: .utf8)!) }
}

/// The width of the terminal on standard error (`TIOCGWINSZ`), else `$COLUMNS`, else 80.
enum TerminalWidth {
  static func columns() -> Int {
    var size = winsize()
    if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
    return 80
  }
}

import Foundation

/// On Ctrl-C during training: one line on standard error saying how many units this run saved
/// and that a rerun resumes, then exit status 130 (128 + SIGINT). Finished units are committed
/// one transaction each, so the unit in progress is simply not in the store.
final class InterruptNote: @unchecked Sendable {
  private let lock = NSLock()
  private var saved = 0
  private var source: DispatchSourceSignal?
  private let storePath: String
  private let total: Int

  init(storePath: String, total: Int) {
    self.storePath = storePath
    self.total = total
  }

  /// Starts listening; SIGINT's default action is replaced until `stop`.
  func start() {
    signal(SIGINT, SIG_IGN)
    let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    s.setEventHandler { [self] in
      let n = lock.withLock { saved }
      let line = "\r\u{1B}[2K" + "interrupted: \(n) of \(total) unit\(total == 1 ? "" : "s") saved to \(storePath); the unit in progress was not. "
        + "Rerun the same command to resume: finished units are skipped.\n"
      FileHandle.standardError.write(Data((isatty(STDERR_FILENO) == 1 ? line : String(line.dropFirst(5))).utf8))
      exit(130)
    }
    s.resume()
    source = s
  }

  /// Saves a unit with the interruption held off, so the count printed is what the store holds.
  func saving(_ body: () throws -> Void) rethrows {
    try lock.withLock {
      try body()
      saved += 1
    }
  }

  func stop() {
    source?.cancel()
    source = nil
    signal(SIGINT, SIG_DFL)
  }
}

import Foundation

/// On Ctrl-C during training: one line on standard error saying how many units this run saved
/// and that a rerun resumes, then exit status 130 (128 + SIGINT).
///
/// A plain `sigaction` handler that only does what a signal handler may: it writes a line
/// formatted beforehand (after every commit) with write(2) and leaves with _exit(2) — no lock, no
/// allocation, no atexit handler that could wait on a lock the training threads hold. Each unit is
/// committed in one transaction; a Ctrl-C that arrives during a commit is held until the commit
/// and the count are done, so the number printed is what the store holds.
final class InterruptNote: @unchecked Sendable {
  /// What the handler reads: plain memory, allocated once.
  struct State {
    var committing: Int32 = 0
    var requested: Int32 = 0
    var message: UnsafeMutablePointer<CChar>? = nil
    var length: Int = 0
  }

  nonisolated(unsafe) private static var state: UnsafeMutablePointer<State> = {
    let p = UnsafeMutablePointer<State>.allocate(capacity: 1)
    p.initialize(to: State())
    return p
  }()

  private let storePath: String
  private let total: Int
  private var saved = 0
  private var previous = sigaction()

  init(storePath: String, total: Int) {
    self.storePath = storePath
    self.total = total
  }

  /// Installs the handler (until `stop`).
  func start() {
    _ = Self.state   // initialised here, never first in the handler
    publish()
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in InterruptNote.handle() }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, &previous)
    // A parent may have started us with SIGINT blocked (the mask is inherited): unblock it on
    // this thread, so a Ctrl-C is delivered here rather than left pending.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Saves a unit with the interruption held off, then counts it.
  func saving(_ body: () throws -> Void) rethrows {
    Self.state.pointee.committing = 1
    defer {
      Self.state.pointee.committing = 0
      if Self.state.pointee.requested != 0 { Self.leave() }
    }
    try body()
    saved += 1
    publish()
  }

  func stop() {
    sigaction(SIGINT, &previous, nil)
  }

  /// Formats the line for the current count (outside the handler).
  private func publish() {
    let line = (isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[2K" : "")
      + "interrupted: \(saved) of \(total) unit\(total == 1 ? "" : "s") saved to \(storePath); the unit in progress was not. "
      + "Rerun the same command to resume: finished units are skipped.\n"
    let bytes = Array(line.utf8CString)
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
    buffer.initialize(from: bytes, count: bytes.count)
    let old = Self.state.pointee.message
    Self.state.pointee.message = buffer
    Self.state.pointee.length = bytes.count - 1
    _ = old   // not freed: the handler may be reading it; one short line per unit
  }

  private static func handle() {
    if state.pointee.committing != 0 { state.pointee.requested = 1; return }
    leave()
  }

  private static func leave() -> Never {
    if let m = state.pointee.message { _ = write(STDERR_FILENO, m, state.pointee.length) }
    _exit(130)
  }
}

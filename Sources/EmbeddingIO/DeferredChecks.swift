import Foundation

/// Integrity checks of a file's bytes (a stored member's CRC-32, the finiteness of X) run on
/// threads of their own while the caller already reads the rows (`LoadOptions.deferChecks`):
/// on a file not yet in the page cache the disk then feeds the checks and the caller's first
/// pass at once, instead of the checks reading the whole file before any work starts.
///
/// The caller must `wait()` — which throws the first failed check, in the order they were
/// started — before it trusts or prints anything computed from the rows, and should wait before
/// reporting an error of its own, since a damaged file explains most (`EmbeddingSet.verified()`).
public final class DeferredChecks: @unchecked Sendable {
  private let group = DispatchGroup()
  private let lock = NSLock()
  private var failures: [(order: Int, error: Error)] = []
  private var started = 0

  public init() {}

  /// Starts `check` on a new thread.
  func start(_ check: @escaping @Sendable () throws -> Void) {
    lock.lock()
    let order = started
    started += 1
    lock.unlock()
    group.enter()
    let thread = Thread { [self] in
      do { try check() } catch {
        lock.lock()
        failures.append((order, error))
        lock.unlock()
      }
      group.leave()
    }
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Waits for every check; throws the first one's error (by start order) if any failed.
  public func wait() throws {
    group.wait()
    lock.lock()
    defer { lock.unlock() }
    if let first = failures.min(by: { $0.order < $1.order }) { throw first.error }
  }
}

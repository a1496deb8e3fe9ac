import CBLAS
import Foundation

extension BLAS {
  /// OpenBLAS's current thread count (`openblas_get_num_threads`), one setting for the process.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// Runs `body` with OpenBLAS single-threaded: for code that already runs BLAS calls on threads
  /// of its own (a `WorkerTeam`, `concurrentPerform`), where OpenBLAS's own threads would only
  /// oversubscribe the cores.
  ///
  /// OpenBLAS's thread count is one process-wide setting, and such scopes may overlap on several
  /// threads (two plugins, a trainer and a statistic). A save-set-restore in each scope would
  /// interleave and leak (A saves 2 and sets 1, B saves 1, A restores 2, B restores 1: the process
  /// stays single-threaded). So the scopes are counted under a lock: the first to enter saves
  /// the count and sets 1, the last to leave restores what the first saved. While any scope is
  /// open, every BLAS call of the process is single-threaded.
  public static func singleThreaded<T>(_ body: () throws -> T) rethrows -> T {
    SingleThreadedScopes.shared.enter()
    defer { SingleThreadedScopes.shared.leave() }
    return try body()
  }
}

/// The open `BLAS.singleThreaded` scopes of the process and the thread count to restore.
final class SingleThreadedScopes: @unchecked Sendable {
  static let shared = SingleThreadedScopes(get: { openblas_get_num_threads() }, set: { openblas_set_num_threads($0) })
  private let lock = NSLock()
  private var open = 0
  private var saved: Int32 = 1
  private let get: () -> Int32
  private let set: (Int32) -> Void

  /// `get` and `set` read and write the thread count (OpenBLAS's, or a test's stand-in).
  init(get: @escaping () -> Int32, set: @escaping (Int32) -> Void) {
    self.get = get; self.set = set
  }

  func enter() {
    lock.lock(); defer { lock.unlock() }
    if open == 0 {
      saved = get()
      set(1)
    }
    open += 1
  }

  func leave() {
    lock.lock(); defer { lock.unlock() }
    open -= 1
    if open == 0 { set(saved) }
  }
}

import Dispatch
import Foundation

/// A fixed team of threads that run the parts of a job side by side: part 0 on the calling
/// thread, part i on the team's own thread i, kept alive between jobs.
///
/// Unlike `Parallel.chunks` (libdispatch may run iterations one after another), every part of a
/// job is guaranteed to run concurrently with the others, so parts may wait for each other
/// (`ProgressFlags`). One job at a time per team.
public final class WorkerTeam: @unchecked Sendable {
  public let size: Int

  /// What the threads share; they hold this, not the team, so the team's deinit can stop them.
  private final class Shared: @unchecked Sendable {
    var job: ((Int) -> Void)? = nil
    var stopping = false
    let start: [DispatchSemaphore]
    let done = DispatchSemaphore(value: 0)
    init(workers: Int) { start = (0..<workers).map { _ in DispatchSemaphore(value: 0) } }
  }
  private let shared: Shared
  private let lock = NSLock()

  public init(size: Int) {
    precondition(size >= 1)
    self.size = size
    shared = Shared(workers: size - 1)
    for i in 1..<size {
      let shared = self.shared
      let thread = Thread {
        while true {
          shared.start[i - 1].wait()
          if shared.stopping { return }
          shared.job!(i)
          shared.done.signal()
        }
      }
      thread.stackSize = 8 << 20
      thread.name = "tempctl-part-\(i)"
      thread.start()
    }
  }

  deinit {
    shared.stopping = true
    for s in shared.start { s.signal() }
  }

  /// Runs `body(part)` for part 0..<size, concurrently; returns when all have finished.
  public func run(_ body: (Int) -> Void) {
    lock.lock(); defer { lock.unlock() }
    withoutActuallyEscaping(body) { body in
      shared.job = body
      for s in shared.start { s.signal() }
      body(0)
      for _ in 1..<size { shared.done.wait() }
      shared.job = nil
    }
  }
}

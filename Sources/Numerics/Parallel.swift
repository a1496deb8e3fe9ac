import Dispatch
import Foundation

/// Splitting work over the machine's cores.
public enum Parallel {
  /// The number of workers: the active processor count.
  public static let workers = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// Calls `body(part, range)` for `parts` contiguous slices of 0..<count, concurrently.
  public static func chunks(_ count: Int, parts: Int = workers, _ body: (Int, Range<Int>) -> Void) {
    let p = Swift.max(1, Swift.min(parts, count))
    if p == 1 { body(0, 0..<count); return }
    DispatchQueue.concurrentPerform(iterations: p) { i in
      body(i, (count * i / p)..<(count * (i + 1) / p))
    }
  }
}

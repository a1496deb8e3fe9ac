import CKernels
import Dispatch
import Foundation

/// Splitting work over the machine's cores.
public enum Parallel {
  /// The number of workers: the CPUs this process may run on (its affinity mask, so `taskset`,
  /// Slurm's `--cpus-per-task` and container cpusets are respected), else the active processor
  /// count.
  public static let workers: Int = {
    let allowed = Int(tempctl_available_cpus())
    return Swift.max(1, allowed > 0 ? allowed : ProcessInfo.processInfo.activeProcessorCount)
  }()

  /// Calls `body(part, range)` for `parts` contiguous slices of 0..<count, concurrently.
  public static func chunks(_ count: Int, parts: Int = workers, _ body: (Int, Range<Int>) -> Void) {
    let p = Swift.max(1, Swift.min(parts, count))
    if p == 1 { body(0, 0..<count); return }
    DispatchQueue.concurrentPerform(iterations: p) { i in
      body(i, (count * i / p)..<(count * (i + 1) / p))
    }
  }

  /// Runs `first` and `second` concurrently (when there is more than one core) and returns when
  /// both have finished.
  public static func both(_ first: () -> Void, _ second: () -> Void) {
    if workers == 1 { first(); second(); return }
    DispatchQueue.concurrentPerform(iterations: 2) { i in if i == 0 { first() } else { second() } }
  }

  /// An array of `count` zeros whose pages are first written by all cores at once.
  ///
  /// Fresh memory costs a page fault and the kernel's clearing of every 4 KiB page on first
  /// write; on a virtual machine that runs at 1.5–2 GB/s on one core, and faults on two cores
  /// proceed side by side (≈ 1.7× measured). For the buffers of tens of MB the sweep allocates.
  /// `Element` must be a type whose all-zero bit pattern is its zero (Float, Double, integers).
  public static func zeroed<Element: BitwiseCopyable>(_ type: Element.Type = Element.self, count: Int) -> [Element] {
    [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      zero(UnsafeMutableRawBufferPointer(buffer))
      initialized = count
    }
  }

  /// Sets `bytes` to zero, in parallel when it is larger than 1 MiB.
  public static func zero(_ bytes: UnsafeMutableRawBufferPointer) {
    guard let base = bytes.baseAddress else { return }
    let n = bytes.count, page = 4096
    guard n > 1 << 20 else { memset(base, 0, n); return }
    chunks(n / page + 1, parts: workers) { _, pages in
      let lo = Swift.min(n, pages.lowerBound * page), hi = Swift.min(n, pages.upperBound * page)
      if hi > lo { memset(base + lo, 0, hi - lo) }
    }
  }
}

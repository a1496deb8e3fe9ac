import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Hints to the kernel about large buffers that are about to be written, or that were read and
/// will not be read again.
public enum MemoryAdvice {
  /// Below this size a buffer is left alone (the hint only pays for buffers of many pages).
  public static let minimumBytes = 64 << 20

  /// Asks for transparent huge pages (`madvise(MADV_HUGEPAGE)`) on the 2 MiB-aligned interior of
  /// a freshly allocated, not yet touched buffer. On a machine whose THP mode is `madvise`, the
  /// first write then faults in 2 MiB at a time instead of 4 KiB: filling a 800 MB matrix costs
  /// ≈ 400 page faults instead of ≈ 200 000. A hint only — nothing changes where THP is off, and
  /// on other systems it does nothing.
  public static func preferHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    guard let start = buffer.baseAddress, buffer.count >= minimumBytes else { return }
    let bytes = buffer.count
    let huge = 2 << 20
    let first = (Int(bitPattern: start) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: start) + bytes) & ~(huge - 1)
    guard end > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
    _ = madvise(p, end - first, 14 /* MADV_HUGEPAGE */)
    #endif
  }

  /// Tells the kernel that the page-aligned interior of `buffer`, already read, will
  /// not be read again soon (`madvise(MADV_PAGEOUT)`, Linux ≥ 5.4): clean pages of a mapped file
  /// are dropped from this process's resident set (and read back from the file if touched
  /// again). Contents never change — unlike `MADV_DONTNEED` on anonymous memory — so it is safe
  /// on any buffer. A hint only: a kernel without it ignores it.
  public static func doneReading(_ buffer: UnsafeRawBufferPointer) {
    #if os(Linux)
    guard let start = buffer.baseAddress else { return }
    let bytes = buffer.count
    let page = 4096
    let first = (Int(bitPattern: start) + page - 1) & ~(page - 1)
    let end = (Int(bitPattern: start) + bytes) & ~(page - 1)
    guard end > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
    _ = madvise(p, end - first, 21 /* MADV_PAGEOUT */)
    #endif
  }

  /// Starts reading a file into the page cache on a background thread
  /// (`posix_fadvise(POSIX_FADV_WILLNEED)`), so that the disk reads ahead of a first pass over
  /// its memory map instead of each page fault waiting for its own read: on a 4.1 GB set not in
  /// the cache, `tempctl suggest` went from 13.6 to 11.7 s (docs/benchmarks.md). Only for files
  /// under a quarter of physical memory (a larger one would push out pages it needs later). A
  /// hint only.
  public static func readAhead(path: String, bytes: Int) {
    #if os(Linux)
    guard bytes >= 1 << 26, UInt64(bytes) <= ProcessInfo.processInfo.physicalMemory / 4 else { return }
    let t = Thread {
      let fd = open(path, O_RDONLY)
      guard fd >= 0 else { return }
      _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
      close(fd)
    }
    t.stackSize = 1 << 16
    t.start()
    #endif
  }
}

import Numerics

/// `count` values at a stable address, owned by a workspace and freed with it. A training step's
/// buffers are allocated once per classifier (one unit), not once per step, and reached without a
/// closure. New memory is zeroed on every core (`Parallel.zero`): on these VMs first-touching a
/// large buffer from one thread costs more than the work that fills it.
final class ScratchBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var count: Int

  init(count: Int) {
    base = Self.zeroed(count)
    self.count = count
  }

  deinit { base.deallocate() }

  /// Makes room for at least `n` values. A larger buffer is new and zeroed: contents are not kept.
  func reserve(_ n: Int) {
    guard n > count else { return }
    base.deallocate()
    base = Self.zeroed(n)
    count = n
  }

  /// All `count` values.
  var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

  /// Values `range`, writable.
  func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> {
    precondition(range.lowerBound >= 0 && range.upperBound <= count)
    return UnsafeMutableBufferPointer(rebasing: buffer[range])
  }

  /// The first `rows` rows of `cols` values, contiguous.
  func panel(rows: Int, cols: Int) -> MutablePanel<Element> { MutablePanel(buffer, rows: rows, cols: cols) }

  /// The first `n` values (n ≤ count), read-only.
  func values(_ n: Int) -> UnsafeBufferPointer<Element> {
    precondition(n <= count)
    return UnsafeBufferPointer(start: base, count: n)
  }

  private static func zeroed(_ n: Int) -> UnsafeMutablePointer<Element> {
    let p = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(n, 1))
    Parallel.zero(UnsafeMutableRawBufferPointer(start: p, count: Swift.max(n, 1) * MemoryLayout<Element>.stride))
    return p
  }
}

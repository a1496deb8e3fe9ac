import CKernels

/// One monotonically increasing counter per part, for parts of a `WorkerTeam` job that wait for
/// each other: a part publishes "reached stage n" and another awaits it (release/acquire).
public final class ProgressFlags: @unchecked Sendable {
  private let flags: UnsafeMutablePointer<Int64>
  public let count: Int

  public init(count: Int) {
    self.count = count
    flags = .allocate(capacity: max(count, 1))
    flags.initialize(repeating: 0, count: max(count, 1))
  }

  deinit { flags.deallocate() }

  public func publish(_ i: Int, _ value: Int64) { tempctl_publish(flags + i, value) }
  public func await(_ i: Int, atLeast value: Int64) { tempctl_await(flags + i, value) }
}

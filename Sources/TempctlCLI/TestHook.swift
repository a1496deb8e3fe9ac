import Foundation

/// A deterministic interruption point for the store's tests: `TEMPCTL_TEST_SIGNAL_AFTER_UNITS=k:KILL`
/// (or `k:INT`) makes this process signal itself while training its unit k + 1, after k units
/// were committed, then wait for the signal to act — instead of a test racing a timer against
/// the sweep.
enum TestHook {
  static let signalAfterUnits: (units: Int, signal: Int32)? = {
    guard let text = ProcessInfo.processInfo.environment["TEMPCTL_TEST_SIGNAL_AFTER_UNITS"] else { return nil }
    let parts = text.split(separator: ":")
    guard parts.count == 2, let k = Int(parts[0]) else { return nil }
    switch parts[1] {
    case "KILL": return (k, SIGKILL)
    case "INT": return (k, SIGINT)
    default: return nil
    }
  }()

  /// Called as unit `index` (0-based, this process's) trains.
  static func duringUnit(_ index: Int) {
    guard let hook = signalAfterUnits, hook.units == index else { return }
    raise(hook.signal)
    while true { sleep(1) }
  }
}

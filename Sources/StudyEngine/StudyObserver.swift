import ClassifierCore
import Foundation

/// What a sweep or a study tells the program running it, as it goes: the cost before training,
/// each unit's start, progress and end, per-set steps, warnings and failures. The library never
/// writes to the terminal itself; `tempctl` renders these as its progress bar and lines
/// (TempctlCLI's `TerminalObserver`), a test or a notebook server may collect them, and
/// `SilentObserver` drops them.
///
/// Calls come from the thread that runs the sweep, in order.
public protocol StudyObserver: AnyObject {
  /// A warning about the data or the results (one line, no "warning:" prefix).
  func warn(_ line: String)
  /// A note on what the library does (e.g. sets read from the store alone).
  func note(_ line: String)
  /// One set could not be used; the others go on (`line` names the set).
  func setFailed(_ line: String)

  /// The sweep's cost before it trains (`dryRun`: it will train nothing).
  func sweepWillStart(cost: SweepCost, dryRun: Bool)
  /// Training of `units` units into the store at `store` begins (paired with `sweepEnded`).
  func trainingWillStart(units: Int, store: String)
  /// A dry run found nothing to train (`line` says so).
  func nothingToTrain(_ line: String)
  /// Unit `index` of `total` (this process's) starts: `label` names the set, its blocks and the seed.
  func unitStarted(index: Int, total: Int, label: String)
  /// `fraction` of the current unit is done; `text` tells the solver's state.
  func unitProgress(_ fraction: Double, _ text: String)
  /// The current unit ended: its best accuracy and how many of its runs hit the iteration cap.
  func unitFinished(seconds: Double, bestAccuracy: Double, unconverged: Int)
  /// The sweep trained its `units` units.
  func sweepFinished(units: Int)
  /// The sweep stopped, finished or failed: release what `trainingWillStart` took.
  func sweepEnded()
  /// Wraps each commit of a finished unit to the store (e.g. to hold Ctrl-C until it is saved
  /// and counted).
  func committing(_ body: () throws -> Void) rethrows

  /// A per-set step of a study (statistics, heuristic runs) starts: `index` of `total`.
  func stepStarted(_ item: String, index: Int, total: Int)
  /// The step ended, with a detail (e.g. its seconds).
  func stepFinished(_ item: String, index: Int, total: Int, detail: String)
}

extension StudyObserver {
  public func warn(_ line: String) {}
  public func note(_ line: String) {}
  public func setFailed(_ line: String) {}
  public func sweepWillStart(cost: SweepCost, dryRun: Bool) {}
  public func trainingWillStart(units: Int, store: String) {}
  public func nothingToTrain(_ line: String) {}
  public func unitStarted(index: Int, total: Int, label: String) {}
  public func unitProgress(_ fraction: Double, _ text: String) {}
  public func unitFinished(seconds: Double, bestAccuracy: Double, unconverged: Int) {}
  public func sweepFinished(units: Int) {}
  public func sweepEnded() {}
  public func committing(_ body: () throws -> Void) rethrows { try body() }
  public func stepStarted(_ item: String, index: Int, total: Int) {}
  public func stepFinished(_ item: String, index: Int, total: Int, detail: String) {}
}

/// Drops everything but keeps the warnings and failures, for tests and quiet callers.
public final class SilentObserver: StudyObserver {
  public private(set) var warnings: [String] = []
  public private(set) var failures: [String] = []
  public init() {}
  public func warn(_ line: String) { warnings.append(line) }
  public func setFailed(_ line: String) { failures.append(line) }
}

/// Passes on what matters to a sweep run as a step of something larger (a study's heuristic
/// runs): warnings, failures, notes and the commit/interrupt lifecycle, not the cost line nor the
/// per-unit display.
final class MutedSweepObserver: StudyObserver {
  let base: any StudyObserver
  init(_ base: any StudyObserver) { self.base = base }
  func warn(_ line: String) { base.warn(line) }
  func note(_ line: String) { base.note(line) }
  func setFailed(_ line: String) { base.setFailed(line) }
  func trainingWillStart(units: Int, store: String) { base.trainingWillStart(units: units, store: store) }
  func committing(_ body: () throws -> Void) rethrows { try base.committing(body) }
  func sweepEnded() { base.sweepEnded() }
}

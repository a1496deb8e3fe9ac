import Foundation
import StudyEngine

/// How `tempctl` shows a sweep or a study as it runs, on standard error: warnings and per-set
/// failures always; the cost line, the live progress bar (or one line per unit when not on a
/// terminal) and the per-set steps unless quiet; a dry run's cost on standard output. Ctrl-C
/// during training says what was saved (`InterruptNote`).
final class TerminalObserver: StudyObserver {
  let quiet: Bool
  private var bar: SweepProgress?
  private var steps: ProgressReporter?
  private var interrupt: InterruptNote?
  private var unit = 0, lastStep = -1

  init(quiet: Bool) { self.quiet = quiet }

  func warn(_ line: String) { Diagnostics.warn([line]) }
  func note(_ line: String) { if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) } }
  func setFailed(_ line: String) { Diagnostics.error(line) }

  func sweepWillStart(cost: SweepCost, dryRun: Bool) {
    if dryRun { print(cost.summary) } else { note(cost.summary) }
  }

  func nothingToTrain(_ line: String) { print(line) }

  func trainingWillStart(units: Int, store: String) {
    interrupt?.stop()
    interrupt = InterruptNote(storePath: store, total: units)
    interrupt?.start()
  }

  func committing(_ body: () throws -> Void) rethrows {
    if let interrupt { try interrupt.saving(body) } else { try body() }
  }

  func sweepEnded() {
    interrupt?.stop()
    interrupt = nil
    bar = nil
  }

  func unitStarted(index: Int, total: Int, label: String) {
    if bar == nil { bar = SweepProgress(units: total, quiet: quiet) }
    unit = index
    bar?.start(unit: index, label: label)
  }

  func unitProgress(_ fraction: Double, _ text: String) {
    TestHook.duringUnit(unit)
    bar?.update(fraction, text)
  }

  func unitFinished(seconds: Double, bestAccuracy: Double, unconverged: Int) {
    bar?.finish(seconds: seconds, best: bestAccuracy, unconverged: unconverged)
  }

  func sweepFinished(units: Int) { bar?.done() }

  func stepStarted(_ item: String, index: Int, total: Int) {
    // A new series of steps (statistics, then heuristic runs: the index starts again) gets its
    // own counter and ETA.
    if steps == nil || index <= lastStep { steps = ProgressReporter(total: total, quiet: quiet) }
    lastStep = index
    steps?.begin(item)
  }

  func stepFinished(_ item: String, index: Int, total: Int, detail: String) { steps?.finish(item, detail: detail) }
}

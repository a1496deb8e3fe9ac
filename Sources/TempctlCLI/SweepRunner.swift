import ClassifierCore
import EmbeddingIO
import Foundation
import Numerics
import ResultsStore

/// Runs the (set, seed) units of a sweep into a store, skipping finished ones, with progress.
struct SweepRunner {
  let configuration: TrainingConfiguration
  let seeds: [UInt64]
  let store: ResultsStore
  let shard: Shard
  let quiet: Bool
  var exportTrace: String? = nil
  /// Whether missing units are trained, only priced, or refused.
  var policy: TrainingPolicy = .train

  /// What to do with units the store lacks.
  enum TrainingPolicy {
    /// Print the cost, then train them (Ctrl-C says what was saved).
    case train
    /// `--dry-run`: print the cost on standard output and train nothing.
    case dryRun
    /// A command that only reads: name the missing units and how to make them (`hint`), train nothing.
    case refuse(hint: String)
  }

  /// A set with its identity in the store, and its data when it was loaded (nil for a set read
  /// from the store alone, whose file is missing: it can be read, not trained).
  struct LoadedSet {
    let name: String
    let info: ResultsStore.SetInfo
    let data: PreparedSplit?

    init(name: String, info: ResultsStore.SetInfo, data: PreparedSplit?) { self.name = name; self.info = info; self.data = data }
    init(name: String, data: PreparedSplit) { self.init(name: name, info: Self.info(name: name, data), data: data) }

    static func info(name: String, _ data: PreparedSplit) -> ResultsStore.SetInfo {
      .init(hash: data.contentHash, name: name, trainCount: data.trainCount, validationCount: data.validationCount,
            dimension: data.dimension, classCount: data.classCount)
    }
  }

  /// Trains every unit of `sources` this shard owns and the store lacks. Returns the loaded sets;
  /// exits non-zero after the others are done if a set could not be loaded.
  @discardableResult
  func run(_ sources: [(name: String, load: () throws -> EmbeddingSet)]) throws -> [LoadedSet] {
    var failures = PerSetFailures()
    let loaded = try run(sources, failures: &failures)
    try failures.finish()
    return loaded
  }

  /// The same, with load failures (one line each on standard error) left in `failures` for the
  /// caller to finish after printing what the other sets gave. A set that fails still counts in
  /// the unit numbering, so shards agree on which unit is whose whatever loads.
  func run(_ sources: [(name: String, load: () throws -> EmbeddingSet)], failures: inout PerSetFailures) throws -> [LoadedSet] {
    try run(resolving: sources.map { s in (s.name, { LoadedSet(name: s.name, data: PreparedSplit(try s.load())) }) }, failures: &failures)
  }

  /// Sets already resolved (a study's entries, some perhaps read from the store alone).
  @discardableResult
  func run(sets: [LoadedSet]) throws -> [LoadedSet] {
    var failures = PerSetFailures()
    let loaded = try run(resolving: sets.map { s in (s.name, { s }) }, failures: &failures)
    try failures.finish()
    return loaded
  }

  private func run(resolving sources: [(name: String, resolve: () throws -> LoadedSet)], failures: inout PerSetFailures) throws -> [LoadedSet] {
    var loaded: [LoadedSet] = []
    var todo: [(set: Int, seed: UInt64)] = []
    var unit = 0
    for s in sources {
      var resolved: LoadedSet?
      failures.attempt(s.name) { resolved = try s.resolve() }
      guard let set = resolved else { unit += seeds.count; continue }
      loaded.append(set)
      for seed in seeds {
        defer { unit += 1 }
        guard shard.owns(unit) else { continue }
        if try !store.hasUnit(setHash: set.info.hash, configurationHash: configuration.hash, seed: seed) {
          todo.append((loaded.count - 1, seed))
        }
      }
    }
    if case let .refuse(hint) = policy, !todo.isEmpty {
      let names = todo.prefix(4).map { "\(loaded[$0.set].name) seed \($0.seed)" }.joined(separator: ", ") + (todo.count > 4 ? ", …" : "")
      throw CLIError("\(store.path) lacks \(todo.count) unit\(todo.count == 1 ? "" : "s") (set × seed) of configuration \(configuration.hash) (\(names)); this command only reads: \(hint)")
    }
    if store.isReadOnly && !todo.isEmpty {
      throw CLIError("\(store.path): the store is read-only and lacks \(todo.count) unit\(todo.count == 1 ? "" : "s") (set × seed) this command needs; everything it holds can be read, but training needs a writable --store (copy the file somewhere writable)")
    }
    let dataless = Set(todo.filter { loaded[$0.set].data == nil }.map { loaded[$0.set].name })
    if !dataless.isEmpty {   // (a refusing command has thrown above)
      throw CLIError("\(dataless.sorted().joined(separator: ", ")): \(store.path) lacks units of configuration \(configuration.hash) and the data file is missing, so they cannot be trained; restore the file, or use the training options the store was filled with (see `tempctl store ls`)")
    }
    guard !todo.isEmpty else {
      if case .dryRun = policy { print("nothing to train: the store (\(store.path)) holds every unit of configuration \(configuration.hash)") }
      return loaded
    }
    let history = try store.history(configurationHash: configuration.hash)
    let cost = SweepCost(units: todo.map { let i = loaded[$0.set].info; return (i.trainCount, i.validationCount, i.dimension, i.classCount) },
                         configuration: configuration, historyIterations: history?.iterations, secondsPerWork: history?.secondsPerWork,
                         shortestUnit: history?.shortestUnit ?? 0)
    if case .dryRun = policy {
      print(cost.summary)
      return loaded
    }
    if !quiet { FileHandle.standardError.write(Data((cost.summary + "\n").utf8)) }
    let note = InterruptNote(storePath: store.path, total: todo.count)
    note.start()
    defer { note.stop() }
    let bar = SweepProgress(units: todo.count, quiet: quiet)
    for (k, job) in todo.enumerated() {
      let set = loaded[job.set]
      guard let data = set.data else { continue }   // refused above
      if let exportTrace {
        let trainer = SeedTrainer(data: data, configuration: configuration, seed: job.seed)
        try OutputFile.writing(exportTrace) { try TraceExport.write(trainer: trainer, name: set.name, to: exportTrace) }
      }
      let t0 = Date()
      bar.start(unit: k, name: set.name, seed: job.seed, seeds: seeds.count)
      let runs = UnitTraining.run(data: data, configuration: configuration, seed: job.seed) { fraction, text in
        TestHook.duringUnit(k)
        bar.update(fraction, text)
      }
      let seconds = Date().timeIntervalSince(t0)
      // Another process may have finished this unit meanwhile: saveUnit keeps the first copy.
      try note.saving { try store.saveUnit(set: set.info, configuration: configuration, seed: job.seed, runs: runs, seconds: seconds) }
      bar.finish(unit: k, seconds: seconds, best: runs.map(\.bestAccuracy).max() ?? 0,
                 unconverged: runs.filter { !$0.converged }.count)
    }
    bar.done()
    return loaded
  }
}

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

/// The sweep's progress display: a live line on a terminal (set, seed, epoch, best accuracy, ETA),
/// one plain line per finished unit otherwise, nothing when quiet.
final class SweepProgress {
  let units: Int, quiet: Bool, terminal: Bool
  let start = Date()
  var label = "", unitIndex = 0
  var lastDraw = Date.distantPast

  init(units: Int, quiet: Bool) {
    self.units = units; self.quiet = quiet; terminal = isatty(STDERR_FILENO) == 1
  }

  func start(unit: Int, name: String, seed: UInt64, seeds: Int) {
    unitIndex = unit
    label = "[\(unit + 1)/\(units)] \(name) seed \(seed + 1)/\(seeds)"
  }

  /// Redraws the live line: `part` of the current unit is done.
  func update(_ part: Double, _ text: String) {
    guard !quiet, terminal, Date().timeIntervalSince(lastDraw) > 0.1 || part >= 1 else { return }
    lastDraw = Date()
    let fraction = (Double(unitIndex) + Swift.min(Swift.max(part, 0), 1)) / Double(max(units, 1))
    emit("\r\u{1B}[2K" + Self.line(fraction: fraction, label: label, text: text, eta: eta(fraction), columns: TerminalWidth.columns()))
  }

  func finish(unit: Int, seconds: Double, best: Double, unconverged: Int = 0) {
    guard !quiet else { return }
    let capped = unconverged > 0 ? " (\(unconverged) run\(unconverged == 1 ? "" : "s") not converged)" : ""
    if !terminal { emit("\(label): best accuracy \(String(format: "%.4f", best)) in \(String(format: "%.1f", seconds)) s\(capped)\n") }
  }

  func done() {
    guard !quiet, units > 0 else { return }
    if terminal { emit("\r\u{1B}[2K") }
    emit("swept \(units) unit\(units == 1 ? "" : "s") in \(String(format: "%.1f", Date().timeIntervalSince(start))) s\n")
  }

  /// The live line, cut to the terminal's width so it never wraps: the bar shrinks from 24 cells
  /// to 8 first, then the detail text goes, then the label is cut; the ETA stays.
  static func line(fraction: Double, label: String, text: String, eta: String, columns: Int) -> String {
    let budget = max(columns - 1, 10)
    func bar(_ width: Int) -> String {
      let filled = Int(fraction * Double(width))
      return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
    for width in [24, 16, 8] {
      let full = "\(bar(width)) \(label) \(text)\(eta)"
      if full.count <= budget { return full }
    }
    let short = "\(bar(8)) \(label)\(eta)"
    if short.count <= budget { return short }
    let keep = max(budget - eta.count - 10, 1)
    return String("\(bar(8)) \(label.prefix(keep))…\(eta)".prefix(budget))
  }

  private func eta(_ fraction: Double) -> String {
    guard fraction > 0.001 else { return "" }
    let left = Date().timeIntervalSince(start) * (1 - fraction) / fraction
    return left >= 60 ? String(format: "  ETA %dm%02ds", Int(left) / 60, Int(left) % 60) : String(format: "  ETA %.0fs", left)
  }

  private func emit(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

/// Writes what a reference implementation needs to retrain a unit exactly: the normalised data,
/// the initial weights and every epoch's batch order.
enum TraceExport {
  static func write(trainer: SeedTrainer, name: String, to dir: String) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let (initial, orders) = trainer.trace()
    let d = trainer.data.dimension, c = trainer.data.classCount
    let url = URL(fileURLWithPath: dir).appendingPathComponent("\(SafeFileName.stem(name))-seed\(trainer.seed).npz")
    let n = trainer.data.trainCount
    try NPZArchive.write([
      ("X_train", NPYWriter.matrix(trainer.data.train.map(Double.init), rows: n, cols: d, float32: true)),
      ("y_train", NPYWriter.labels(trainer.data.trainLabels.map(Int.init))),
      ("X_val", NPYWriter.matrix(trainer.data.validation.map(Double.init), rows: trainer.data.validationCount, cols: d, float32: true)),
      ("y_val", NPYWriter.labels(trainer.data.validationLabels.map(Int.init))),
      ("W0", NPYWriter.matrix(initial.map(Double.init), rows: d, cols: c, float32: true)),
      ("orders", NPYWriter.labels(orders.flatMap { $0 }).replacingShape([orders.count, n])),
    ], to: url, compressed: true)
  }
}

extension Data {
  /// An int64 vector's NPY bytes re-declared with another shape of the same element count.
  func replacingShape(_ shape: [Int]) -> Data {
    NPYWriter.encode(descr: "<i8", shape: shape, payload: self.suffix(shape.reduce(1, *) * 8))
  }
}

import ClassifierCore
import EmbeddingIO
import Foundation
import Numerics
import PluginHost
import ResultsStore
import StatPlugins
import Study

/// Runs the study's steps on a zoo — statistics, sweep, heuristic runs — through the store, so
/// every step is cached and an interrupted study resumes.
final class StudyRunner {
  /// A zoo entry: its identity in the store, and its data when the file is here. A set whose
  /// file is gone but which the store holds (by name) is read from the store alone: everything
  /// cached works, training it is refused.
  struct LoadedEntry {
    let entry: ZooManifest.Entry
    let info: ResultsStore.SetInfo
    let set: EmbeddingSet?
    let prepared: PreparedSplit?

    var hash: String { info.hash }
    var sweepSet: SweepRunner.LoadedSet { .init(name: entry.name, info: info, data: prepared) }
  }

  let manifest: ZooManifest
  let plugins: PluginsFile
  let store: ResultsStore
  let configuration: TrainingConfiguration
  let seeds: [UInt64]
  let quiet: Bool
  /// Train what the store lacks, only price it (`--dry-run`), or refuse (`report`).
  var policy: SweepRunner.TrainingPolicy = .train
  private(set) lazy var entries: [LoadedEntry] = []

  init(manifest: ZooManifest, plugins: PluginsFile, store: ResultsStore, sweep: SweepOptions, quiet: Bool) {
    self.manifest = manifest; self.plugins = plugins; self.store = store; self.quiet = quiet
    var c = sweep.configuration
    // The paper protocol trains the learned temperature beside the grid; the converged protocol
    // takes it from a paper-protocol run of its own (`learnedConfiguration`).
    c.learnAlpha = c.trainingProtocol == .paper
    configuration = c
    seeds = sweep.seedList
  }

  /// The range fitted predictions are kept in: the grid's under the paper protocol; under the
  /// converged protocol the whole range the grid may be extended to (1/16 … 4096), so a model
  /// is not clamped to the paper's 1 … 250.
  var alphaRange: [Double] {
    configuration.trainingProtocol == .converged ? [TemperatureGrid.lowerBound, TemperatureGrid.upperBound]
      : [configuration.alphas.min() ?? 1, configuration.alphas.max() ?? 250]
  }

  /// The `learned` heuristic under the converged protocol. A learned temperature is a budgeted
  /// method by nature (CLIP-style: log α trained with the weights, from 1/0.07, by the paper
  /// protocol's SGD for its default 200 epochs); its α is read from such a run (a slot at α = 1
  /// rides along), and its accuracy is then measured like every other heuristic's: by training
  /// to convergence at that α.
  var learnedConfiguration: TrainingConfiguration {
    var c = TrainingConfiguration()
    c.trainingProtocol = .paper
    c.alphas = [1]
    c.learnAlpha = true
    return c
  }

  func log(_ s: String) { if !quiet { FileHandle.standardError.write(Data((s + "\n").utf8)) } }

  /// Loads every set of the zoo once.
  func load() throws {
    guard entries.isEmpty else { return }
    var fromStore: [String] = []
    entries = try manifest.entries.map { e in
      guard !FileManager.default.fileExists(atPath: e.path) else {
        let set = try DatasetLoader.load(path: e.path, name: e.name)
        Diagnostics.warn(set.warnings)
        let prepared = PreparedSplit(set)
        return LoadedEntry(entry: e, info: SweepRunner.LoadedSet.info(name: e.name, prepared), set: set, prepared: prepared)
      }
      let stored = try store.sets(named: e.name)
      guard stored.count == 1, let info = stored.first else {
        if stored.isEmpty { throw DataError.unreadable(path: e.path, reason: "no such file or folder, and \(store.path) holds no set named '\(e.name)'") }
        throw CLIError("\(e.path) is missing and \(store.path) holds \(stored.count) different sets named '\(e.name)'; restore the file")
      }
      fromStore.append(e.name)
      return LoadedEntry(entry: e, info: info, set: nil, prepared: nil)
    }
    if !fromStore.isEmpty {
      log("read from the store alone (data file missing): \(fromStore.joined(separator: ", "))")
    }
  }

  /// A hash of the enabled statistics and their options (the statistics cache key).
  var pluginsHash: String {
    StableHash.hex(of: plugins.enabled.map { s in
      s.id + "{" + s.options.keys.sorted().map { "\($0)=\(PluginOptions.show(s.options[$0]!))" }.joined(separator: ",") + "}"
    }.joined(separator: ";"))
  }

  /// Statistics of every set (cached in the store).
  func statistics() throws -> [[ResultsStore.CachedStatistic]] {
    try load()
    let composer = FeatureVectorComposer(plugins)
    let progress = ProgressReporter(total: entries.count, quiet: quiet)
    return try entries.map { e in
      if let cached = try store.statistics(setHash: e.hash, pluginsHash: pluginsHash) { return cached }
      guard let set = e.set else {
        throw CLIError("\(e.entry.name): its statistics (this plugins configuration) are not in \(store.path) and its data file \(e.entry.path) is missing")
      }
      progress.begin("statistics of \(e.entry.name)")
      let t0 = Date()
      let report = try composer.compute(set)
      let values = report.values.map { ResultsStore.CachedStatistic(id: $0.id, value: $0.value.number, note: $0.value.note) }
      // A read-only store cannot cache them; they are recomputed next time.
      if !store.isReadOnly { try store.saveStatistics(setHash: e.hash, pluginsHash: pluginsHash, values) }
      progress.finish("statistics of \(e.entry.name)", detail: String(format: "%.2f s", Date().timeIntervalSince(t0)))
      return values
    }
  }

  /// Sweeps every set (cached) and builds the study table (once per runner: its warnings too).
  func rows() throws -> [StudyRow] {
    if let builtRows { return builtRows }
    let built = try buildRows()
    builtRows = built
    return built
  }

  private var builtRows: [StudyRow]?

  private func buildRows() throws -> [StudyRow] {
    let stats = try statistics()
    let sources = entries.map(\.sweepSet)
    try sweepRunner(configuration).run(sets: sources)
    let converged = configuration.trainingProtocol == .converged
    if converged {
      if case .train = policy { log("learned temperatures (paper protocol, \(learnedConfiguration.epochs) epochs)") }
      try sweepRunner(learnedConfiguration).run(sets: sources)
    }
    return try zip(entries, stats).compactMap { e, s in
      let runs = try store.runs(of: e.info, under: configuration)
      let perSeed = seeds.compactMap { runs[$0] }
      guard let est = OptimumEstimate(runs: perSeed) else { return nil }
      if est.flat {
        Diagnostics.warn(["\(e.entry.name): kept out of the study: its accuracy does not depend on α (every α of the grid is on the plateau), so it has no α*"])
        return nil
      }
      let learnedRuns = converged ? try store.runs(of: e.info, under: learnedConfiguration) : runs
      let learned = seeds.compactMap { learnedRuns[$0]?.first { $0.learned } }
      var values: [String: Double] = [:]
      for v in s { if let x = v.value { values[v.id] = x } }
      return StudyRow(name: e.entry.name, group: e.entry.dataset, dimension: e.info.dimension, classCount: e.info.classCount,
                      statistics: values, alphaStar: est.alphaStar, accuracyAtOptimum: est.accuracy,
                      curve: est.curve.map { ($0.alpha, $0.mean) },
                      learnedAlpha: learned.isEmpty ? nil : SampleSummary.mean(learned.map(\.finalAlpha)),
                      learnedAccuracy: learned.isEmpty || converged ? nil : SampleSummary.mean(learned.map(\.bestAccuracy)))
    }
  }

  func sweepRunner(_ c: TrainingConfiguration, quiet: Bool? = nil) -> SweepRunner {
    var runner = SweepRunner(configuration: c, seeds: seeds, store: store, shard: .whole, quiet: quiet ?? self.quiet)
    runner.policy = policy
    return runner
  }

  /// `study --dry-run`: the cost of the sweep and of the learned-temperature runs, on standard
  /// output; the heuristics' retraining (a few α per set, once the sweep is known) comes on top.
  func dryRun() throws {
    try load()
    let sources = entries.map(\.sweepSet)
    print("sweep (\(configuration.trainingProtocol.rawValue) protocol):")
    try sweepRunner(configuration).run(sets: sources)
    if configuration.trainingProtocol == .converged {
      print("learned temperatures (paper protocol):")
      try sweepRunner(learnedConfiguration).run(sets: sources)
    }
    print("then each heuristic's α is trained once per set (a few units per set, not estimated before the sweep)")
  }

  /// Every heuristic's α on every set, with the accuracy measured by training at it (cached).
  func heuristicOutcomes(rows: [StudyRow], ids: [String], target: RegressionTarget, k: Int) throws -> [HeuristicOutcome] {
    let logo = LeaveOneGroupOut(rows: rows, ids: ids, target: target, alphaRange: alphaRange)
    let fitted: [String: [String: Double]] = [
      FittedBest1.id: try logo.predictions(k: 1).alpha, FittedBestK.id: try logo.predictions(k: k).alpha,
      FittedAll.id: try logo.predictions(k: nil).alpha,
    ]
    var outcomes: [HeuristicOutcome] = []
    let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.entry.name, $0) })
    let progress = ProgressReporter(total: rows.count, quiet: quiet)
    for row in rows {
      guard let e = byName[row.name] else { continue }
      let input = HeuristicInput(name: row.name, dimension: row.dimension, classCount: row.classCount, statistics: row.statistics,
                                 learnedAlpha: row.learnedAlpha, fitted: fitted.mapValues { $0[row.name] ?? .nan })
      let proposals = BuiltInHeuristics.all.map { h in (h.id, h.init().alpha(for: input)) }
      // Train once at every distinct α the heuristics propose for this set (under the paper
      // protocol the learned one was trained with the grid).
      let converged = configuration.trainingProtocol == .converged
      let alphas = Array(Set(proposals.filter { converged || $0.0 != LearnedAlpha.id }.compactMap { $0.1.alpha }
        .filter { $0.isFinite && $0 > 0 }.map(Self.rounded))).sorted()
      var c = configuration
      c.learnAlpha = false
      c.extendGrid = false
      c.alphas = alphas
      progress.begin("heuristic runs on \(row.name)")
      try sweepRunner(c, quiet: true)
        .run(sets: [e.sweepSet])
      let runs = try store.runs(of: e.info, under: c)
      let perSeed = seeds.compactMap { runs[$0] }
      progress.finish("heuristic runs on \(row.name)")
      func accuracy(at a: Double) -> Double {
        let v = perSeed.compactMap { $0.first { $0.alpha == a }?.bestAccuracy }
        return v.reduce(0, +) / Double(Swift.max(v.count, 1))
      }
      for (id, proposal) in proposals {
        guard let a = proposal.alpha, a.isFinite else { continue }
        let acc = id == LearnedAlpha.id && !converged ? (row.learnedAccuracy ?? .nan) : accuracy(at: Self.rounded(a))
        outcomes.append(HeuristicOutcome(set: row.name, heuristic: id, alpha: a, accuracy: acc,
                                         regret: 100 * (row.accuracyAtOptimum - acc), note: proposal.note))
      }
    }
    return outcomes
  }

  /// One line describing the sweep's settings, for the report.
  var configurationSummary: String {
    let c = configuration, seedText = "\(seeds.count) seed\(seeds.count == 1 ? "" : "s")"
    if c.trainingProtocol == .converged {
      return "converged protocol (full-batch L-BFGS, max|R| ≤ \(c.criterion.gradientTolerance)·loss, cap \(c.criterion.maxIterations) iterations), \(seedText), \(c.alphas.count) temperatures, extended past an edge optimum"
    }
    return "paper protocol: \(c.epochs) epochs, \(seedText), \(c.alphas.count) temperatures, \(c.optimizer.rawValue) lr \(c.learningRate), batch \(c.batchSize), \(c.rescaleLoss ? "rescaled" : "plain") loss"
  }

  /// Over every set: runs that did not converge, runs in all, and the sets whose α* sits on the
  /// edge of the (extended) grid.
  func convergenceSummary() throws -> (unconverged: Int, runs: Int, edge: [String]) {
    var unconverged = 0, total = 0, edge: [String] = []
    for e in entries {
      let runs = try store.runs(of: e.info, under: configuration)
      let perSeed = seeds.compactMap { runs[$0] }
      total += perSeed.joined().filter { !$0.learned }.count
      guard let est = OptimumEstimate(runs: perSeed) else { continue }
      unconverged += est.unconverged
      if est.edge { edge.append(e.entry.name) }
    }
    return (unconverged, total, edge)
  }

  /// α rounded to 6 significant digits, so equal proposals share one run and hash stably.
  static func rounded(_ a: Double) -> Double { Double(String(format: "%.6g", a)) ?? a }
}

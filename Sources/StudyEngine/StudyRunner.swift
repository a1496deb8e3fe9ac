import ClassifierCore
import EmbeddingIO
import Foundation
import Numerics
import PluginHost
import ResultsStore
import StatPlugins
import Study

/// A study on a zoo — statistics, sweep, the learned-temperature runs, every heuristic's runs —
/// through the store, so every step is cached and an interrupted study resumes; then its
/// analysis (`table`, `results`, `refit`: StudyRunner+Analysis.swift).
///
/// ```swift
/// let runner = StudyRunner(manifest: try ZooManifest(contentsOf: "zoo.json"), plugins: try PluginsFile(allOf: .builtIn),
///                          store: try ResultsStore(path: "study.sqlite"), configuration: TrainingConfiguration(),
///                          seeds: [0], heuristics: .builtIn, observer: SilentObserver())
/// let results = try runner.results(k: 4, target: .alpha)
/// ```
///
/// - Complexity: the sweep dominates (`SweepRunner`); statistics cost O(N·d² + d³) per set,
///   each heuristic a few converged runs per set.
public final class StudyRunner {
  /// A zoo entry: its identity in the store, and its data when the file is here. A set whose
  /// file is gone but which the store holds (by name) is read from the store alone: everything
  /// cached works, training it is refused.
  public struct LoadedEntry {
    public let entry: ZooManifest.Entry
    public let info: ResultsStore.SetInfo
    public let set: EmbeddingSet?
    public let prepared: PreparedSplit?

    public var hash: String { info.hash }
    public var sweepSet: SweepRunner.LoadedSet { .init(name: entry.name, info: info, data: prepared) }
  }

  public let manifest: ZooManifest
  public let plugins: PluginsFile
  public let store: ResultsStore
  public let configuration: TrainingConfiguration
  public let seeds: [UInt64]
  public let heuristics: HeuristicRegistry
  public let observer: any StudyObserver
  /// Train what the store lacks, only price it (`--dry-run`), or refuse (`report`).
  public var policy: SweepRunner.TrainingPolicy = .train
  public private(set) var entries: [LoadedEntry] = []

  /// `configuration` is the sweep's; under the paper protocol the learned temperature is trained
  /// beside the grid when some heuristic reads it, under the converged protocol it comes from a
  /// paper-protocol run of its own (`learnedConfiguration`).
  public init(manifest: ZooManifest, plugins: PluginsFile, store: ResultsStore, configuration: TrainingConfiguration,
              seeds: [UInt64], heuristics: HeuristicRegistry, observer: any StudyObserver) {
    self.manifest = manifest; self.plugins = plugins; self.store = store; self.seeds = seeds
    self.heuristics = heuristics; self.observer = observer
    var c = configuration
    c.learnAlpha = c.trainingProtocol == .paper && heuristics.needsLearnedTemperature
    self.configuration = c
  }

  /// The range fitted predictions are kept in: the grid's under the paper protocol; under the
  /// converged protocol the whole range the grid may be extended to (1/16 … 4096), so a model
  /// is not clamped to the paper's 1 … 250.
  public var alphaRange: [Double] {
    configuration.trainingProtocol == .converged ? [TemperatureGrid.lowerBound, TemperatureGrid.upperBound]
      : [configuration.alphas.min() ?? 1, configuration.alphas.max() ?? 250]
  }

  /// The `learned` heuristic under the converged protocol. A learned temperature is a budgeted
  /// method by nature (CLIP-style: log α trained with the weights, from 1/0.07, by its own Adam and
  /// clamped to 1…100, the weights by the paper protocol's SGD for its default 200 epochs); its α
  /// is read from such a run (a slot at α = 1
  /// rides along), and its accuracy is then measured like every other heuristic's: by training
  /// to convergence at that α.
  public var learnedConfiguration: TrainingConfiguration {
    var c = TrainingConfiguration()
    c.trainingProtocol = .paper
    c.alphas = [1]
    c.learnAlpha = true
    return c
  }

  /// Whether the study trains learned-temperature runs of their own (converged protocol, and
  /// some heuristic reads them).
  public var trainsLearnedRuns: Bool { configuration.trainingProtocol == .converged && heuristics.needsLearnedTemperature }

  /// Loads every set of the zoo once.
  public func load() throws {
    guard entries.isEmpty else { return }
    var fromStore: [String] = []
    entries = try manifest.entries.map { e in
      guard !FileManager.default.fileExists(atPath: e.path) else {
        let set = try DatasetLoader.load(path: e.path, name: e.name)
        set.warnings.forEach(observer.warn)
        let prepared = PreparedSplit(set)
        return LoadedEntry(entry: e, info: SweepRunner.LoadedSet.info(name: e.name, prepared), set: set, prepared: prepared)
      }
      let stored = try store.sets(named: e.name)
      guard stored.count == 1, let info = stored.first else {
        if stored.isEmpty { throw DataError.unreadable(path: e.path, reason: "no such file or folder, and \(store.path) holds no set named '\(e.name)'") }
        throw StudyEngineError("\(e.path) is missing and \(store.path) holds \(stored.count) different sets named '\(e.name)'; restore the file")
      }
      fromStore.append(e.name)
      return LoadedEntry(entry: e, info: info, set: nil, prepared: nil)
    }
    if !fromStore.isEmpty {
      observer.note("read from the store alone (data file missing): \(fromStore.joined(separator: ", "))")
    }
  }

  /// A hash of the enabled statistics and their options (the statistics cache key).
  public var pluginsHash: String {
    StableHash.hex(of: plugins.enabled.map { s in
      s.id + "{" + s.options.keys.sorted().map { "\($0)=\(PluginOptions.show(s.options[$0]!))" }.joined(separator: ",") + "}"
    }.joined(separator: ";"))
  }

  /// Statistics of every set (cached in the store).
  public func statistics() throws -> [[ResultsStore.CachedStatistic]] {
    try load()
    let composer = FeatureVectorComposer(plugins)
    return try entries.enumerated().map { i, e in
      if let cached = try store.statistics(setHash: e.hash, pluginsHash: pluginsHash) { return cached }
      guard let set = e.set else {
        throw StudyEngineError("\(e.entry.name): its statistics (this plugins configuration) are not in \(store.path) and its data file \(e.entry.path) is missing")
      }
      observer.stepStarted("statistics of \(e.entry.name)", index: i, total: entries.count)
      let t0 = Date()
      let report = try composer.compute(set)
      let values = report.values.map { ResultsStore.CachedStatistic(id: $0.id, value: $0.value.number, note: $0.value.note) }
      // A read-only store cannot cache them; they are recomputed next time.
      if !store.isReadOnly { try store.saveStatistics(setHash: e.hash, pluginsHash: pluginsHash, values) }
      observer.stepFinished("statistics of \(e.entry.name)", index: i, total: entries.count,
                            detail: String(format: "%.2f s", Date().timeIntervalSince(t0)))
      return values
    }
  }

  /// Sweeps every set (cached) and builds the study table (once per runner: its warnings too).
  public func rows() throws -> [StudyRow] {
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
    if trainsLearnedRuns {
      if case .train = policy { observer.note("learned temperatures (paper protocol, \(learnedConfiguration.epochs) epochs)") }
      try sweepRunner(learnedConfiguration).run(sets: sources)
    }
    return try zip(entries, stats).compactMap { e, s in
      let runs = try store.runs(of: e.info, under: configuration)
      let perSeed = seeds.compactMap { runs[$0] }
      guard let est = OptimumEstimate(runs: perSeed) else { return nil }
      if est.flat {
        observer.warn("\(e.entry.name): kept out of the study: its accuracy does not depend on α (every α of the grid is on the plateau), so it has no α*")
        return nil
      }
      let learnedRuns = trainsLearnedRuns ? try store.runs(of: e.info, under: learnedConfiguration) : runs
      let learned = seeds.compactMap { learnedRuns[$0]?.first { $0.learned } }
      var values: [String: Double] = [:]
      for v in s { if let x = v.value { values[v.id] = x } }
      return StudyRow(name: e.entry.name, group: e.entry.dataset, family: e.entry.family, dimension: e.info.dimension, classCount: e.info.classCount,
                      statistics: values, alphaStar: est.alphaStar, accuracyAtOptimum: est.accuracy,
                      curve: est.curve.map { ($0.alpha, $0.mean) },
                      learnedAlpha: learned.isEmpty ? nil : SampleSummary.mean(learned.map(\.finalAlpha)),
                      learnedAccuracy: learned.isEmpty || converged ? nil : SampleSummary.mean(learned.map(\.bestAccuracy)))
    }
  }

  /// The sweep of `c` over this study's seeds and store, under its policy and observer.
  public func sweepRunner(_ c: TrainingConfiguration, observer: (any StudyObserver)? = nil) -> SweepRunner {
    var runner = SweepRunner(configuration: c, seeds: seeds, store: store, observer: observer ?? self.observer)
    runner.policy = policy
    return runner
  }

  /// One line describing the sweep's settings, for the report.
  public var configurationSummary: String {
    let c = configuration, seedText = "\(seeds.count) seed\(seeds.count == 1 ? "" : "s")"
    if c.trainingProtocol == .converged {
      return "converged protocol (full-batch L-BFGS, max|R| ≤ \(c.criterion.gradientTolerance)·loss, cap \(c.criterion.maxIterations) iterations), \(seedText), \(c.alphas.count) temperatures, extended past an edge optimum"
    }
    return "paper protocol: \(c.epochs) epochs, \(seedText), \(c.alphas.count) temperatures, \(c.optimizer.rawValue) lr \(c.learningRate), batch \(c.batchSize), \(c.rescaleLoss ? "rescaled" : "plain") loss"
  }

  /// Over every set: runs that did not converge, runs in all, and the sets whose α* sits on the
  /// edge of the (extended) grid.
  public func convergenceSummary() throws -> (unconverged: Int, runs: Int, edge: [String]) {
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
}

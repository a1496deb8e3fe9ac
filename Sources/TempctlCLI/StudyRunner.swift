import ClassifierCore
import EmbeddingIO
import Foundation
import PluginHost
import ResultsStore
import StatPlugins
import Study

/// Runs the study's steps on a zoo — statistics, sweep, heuristic runs — through the store, so
/// every step is cached and an interrupted study resumes.
final class StudyRunner {
  struct LoadedEntry {
    let entry: ZooManifest.Entry
    let set: EmbeddingSet
    let prepared: PreparedSplit
  }

  let zooPath: String
  let plugins: PluginsFile
  let store: ResultsStore
  let configuration: TrainingConfiguration
  let seeds: [UInt64]
  let quiet: Bool
  private(set) lazy var entries: [LoadedEntry] = []

  init(zooPath: String, plugins: PluginsFile, store: ResultsStore, sweep: SweepOptions, quiet: Bool) {
    self.zooPath = zooPath; self.plugins = plugins; self.store = store; self.quiet = quiet
    var c = sweep.configuration
    c.learnAlpha = true   // the study compares against the learned temperature
    configuration = c
    seeds = sweep.seedList
  }

  var alphaRange: [Double] { [configuration.alphas.min() ?? 1, configuration.alphas.max() ?? 250] }

  func log(_ s: String) { if !quiet { FileHandle.standardError.write(Data((s + "\n").utf8)) } }

  /// Loads every set of the zoo once.
  func load() throws {
    guard entries.isEmpty else { return }
    let manifest = try ZooManifest(contentsOf: zooPath)
    entries = try manifest.entries.map { e in
      let set = try DatasetLoader.load(path: e.path, name: e.name)
      return LoadedEntry(entry: e, set: set, prepared: PreparedSplit(set))
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
      if let cached = try store.statistics(setHash: e.prepared.contentHash, pluginsHash: pluginsHash) { return cached }
      progress.begin("statistics of \(e.entry.name)")
      let t0 = Date()
      let report = try composer.compute(e.set)
      let values = report.values.map { ResultsStore.CachedStatistic(id: $0.id, value: $0.value.number, note: $0.value.note) }
      try store.saveStatistics(setHash: e.prepared.contentHash, pluginsHash: pluginsHash, values)
      progress.finish("statistics of \(e.entry.name)", detail: String(format: "%.2f s", Date().timeIntervalSince(t0)))
      return values
    }
  }

  /// Sweeps every set (cached) and builds the study table.
  func rows() throws -> [StudyRow] {
    let stats = try statistics()
    try SweepRunner(configuration: configuration, seeds: seeds, store: store, shard: .whole, quiet: quiet)
      .run(entries.map { e in (name: e.entry.name, load: { e.set }) })
    return try zip(entries, stats).compactMap { e, s in
      let runs = try store.runs(setHash: e.prepared.contentHash, configurationHash: configuration.hash)
      let perSeed = seeds.compactMap { runs[$0] }
      guard let est = OptimumEstimate(runs: perSeed) else { return nil }
      let learned = perSeed.compactMap { $0.first { $0.learned } }
      var values: [String: Double] = [:]
      for v in s { if let x = v.value { values[v.id] = x } }
      return StudyRow(name: e.entry.name, group: e.entry.dataset, dimension: e.set.dimension, classCount: e.set.classCount,
                      statistics: values, alphaStar: est.alphaStar, accuracyAtOptimum: est.accuracy,
                      curve: est.curve.map { ($0.alpha, $0.mean) },
                      learnedAlpha: learned.isEmpty ? nil : learned.map(\.finalAlpha).reduce(0, +) / Double(learned.count),
                      learnedAccuracy: learned.isEmpty ? nil : learned.map(\.bestAccuracy).reduce(0, +) / Double(learned.count))
    }
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
      // Train once at every distinct α the (non-learned) heuristics propose for this set.
      let alphas = Array(Set(proposals.filter { $0.0 != LearnedAlpha.id }.compactMap { $0.1.alpha }.map(Self.rounded))).sorted()
      var c = configuration
      c.learnAlpha = false
      c.alphas = alphas
      progress.begin("heuristic runs on \(row.name)")
      try SweepRunner(configuration: c, seeds: seeds, store: store, shard: .whole, quiet: true)
        .run([(name: row.name, load: { e.set })])
      let runs = try store.runs(setHash: e.prepared.contentHash, configurationHash: c.hash)
      let perSeed = seeds.compactMap { runs[$0] }
      progress.finish("heuristic runs on \(row.name)")
      func accuracy(at a: Double) -> Double {
        let v = perSeed.compactMap { $0.first { $0.alpha == a }?.bestAccuracy }
        return v.reduce(0, +) / Double(Swift.max(v.count, 1))
      }
      for (id, proposal) in proposals {
        guard let a = proposal.alpha, a.isFinite else { continue }
        let acc = id == LearnedAlpha.id ? (row.learnedAccuracy ?? .nan) : accuracy(at: Self.rounded(a))
        outcomes.append(HeuristicOutcome(set: row.name, heuristic: id, alpha: a, accuracy: acc,
                                         regret: 100 * (row.accuracyAtOptimum - acc), note: proposal.note))
      }
    }
    return outcomes
  }

  /// α rounded to 6 significant digits, so equal proposals share one run and hash stably.
  static func rounded(_ a: Double) -> Double { Double(String(format: "%.6g", a)) ?? a }
}

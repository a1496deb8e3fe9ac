import ClassifierCore
import EmbeddingIO
import Foundation
import Numerics
import ResultsStore

/// Runs the (set, seed) units of a sweep into a store, skipping finished ones, with progress.
///
/// A large set's unit is cut into blocks of temperatures (`TrainingConfiguration.resolved`): the
/// numbering that assigns work to shards counts blocks, a process trains the blocks it owns of one
/// (set, seed) together and commits each on its own, and the extension block is trained once the
/// grid's blocks are all in the store — by whichever run of the sweep finds them there (after a
/// sharded sweep, rerunning it on the merged store trains exactly those).
///
/// Progress, the cost and warnings go to the `observer`; nothing is written to the terminal here.
///
/// - Complexity: each unit trains T temperatures on n_train × d rows and C classes: O(I·T·n·d·C)
///   for I solver iterations (docs/scaling.md); a finished unit costs one store lookup.
public struct SweepRunner {
  public let configuration: TrainingConfiguration
  public let seeds: [UInt64]
  public let store: ResultsStore
  public let shard: Shard
  public let observer: any StudyObserver
  /// Called before each unit trains, with its trainer and set name (`sweep --export-trace`).
  public var beforeUnit: ((SeedTrainer, String) throws -> Void)? = nil
  /// Whether missing units are trained, only priced, or refused.
  public var policy: TrainingPolicy = .train

  public init(configuration: TrainingConfiguration, seeds: [UInt64], store: ResultsStore, shard: Shard = .whole,
              observer: any StudyObserver) {
    self.configuration = configuration; self.seeds = seeds; self.store = store; self.shard = shard; self.observer = observer
  }

  /// What to do with units the store lacks.
  public enum TrainingPolicy: Sendable {
    /// Print the cost, then train them (Ctrl-C says what was saved).
    case train
    /// `--dry-run`: print the cost on standard output and train nothing.
    case dryRun
    /// A command that only reads: name the missing units and how to make them (`hint`), train nothing.
    case refuse(hint: String)
  }

  /// A set with its identity in the store, and its data when it was loaded (nil for a set read
  /// from the store alone, whose file is missing: it can be read, not trained).
  public struct LoadedSet {
    public let name: String
    public let info: ResultsStore.SetInfo
    public let data: PreparedSplit?

    public init(name: String, info: ResultsStore.SetInfo, data: PreparedSplit?) { self.name = name; self.info = info; self.data = data }
    public init(name: String, data: PreparedSplit) { self.init(name: name, info: Self.info(name: name, data), data: data) }

    public static func info(name: String, _ data: PreparedSplit) -> ResultsStore.SetInfo {
      .init(hash: data.contentHash, name: name, trainCount: data.trainCount, validationCount: data.validationCount,
            dimension: data.dimension, classCount: data.classCount)
    }
  }

  /// Trains every unit of `sources` this shard owns and the store lacks. Returns the loaded sets;
  /// exits non-zero after the others are done if a set could not be loaded.
  @discardableResult
  public func run(_ sources: [(name: String, load: () throws -> EmbeddingSet)]) throws -> [LoadedSet] {
    var failures = PerSetFailures(report: observer.setFailed)
    let loaded = try run(sources, failures: &failures)
    try failures.finish()
    return loaded
  }

  /// The same, with load failures (one line each, `StudyObserver.setFailed`) left in `failures` for the
  /// caller to finish after printing what the other sets gave. A set that fails still counts in
  /// the unit numbering, so shards agree on which unit is whose whatever loads.
  public func run(_ sources: [(name: String, load: () throws -> EmbeddingSet)], failures: inout PerSetFailures) throws -> [LoadedSet] {
    try run(resolving: sources.map { s in (s.name, { LoadedSet(name: s.name, data: PreparedSplit(try s.load())) }) }, failures: &failures)
  }

  /// Sets already resolved (a study's entries, some perhaps read from the store alone).
  @discardableResult
  public func run(sets: [LoadedSet]) throws -> [LoadedSet] {
    var failures = PerSetFailures(report: observer.setFailed)
    let loaded = try run(resolving: sets.map { s in (s.name, { s }) }, failures: &failures)
    try failures.finish()
    return loaded
  }

  private func run(resolving sources: [(name: String, resolve: () throws -> LoadedSet)], failures: inout PerSetFailures) throws -> [LoadedSet] {
    var loaded: [LoadedSet] = []
    var todo: [Job] = []
    var unit = 0
    for s in sources {
      var resolved: LoadedSet?
      failures.attempt(s.name) { resolved = try s.resolve() }
      guard let set = resolved else { unit += seeds.count; continue }
      loaded.append(set)
      let config = configuration.resolved(dimension: set.info.dimension, classes: set.info.classCount)
      for seed in seeds {
        let finished = try store.finishedBlocks(setHash: set.info.hash, configurationHash: config.hash, seed: seed)
        var blocks: [Int] = []
        for block in 0..<config.unitBlocks {
          defer { unit += 1 }
          if shard.owns(unit) && !finished.contains(block) { blocks.append(block) }
        }
        if !blocks.isEmpty { todo.append(Job(set: loaded.count - 1, seed: seed, configuration: config, blocks: blocks)) }
      }
    }
    if case let .refuse(hint) = policy, !todo.isEmpty {
      let names = todo.prefix(4).map { "\(loaded[$0.set].name) seed \($0.seed)" + ($0.configuration.isBlocked ? " blocks \($0.blocks.map(String.init).joined(separator: ","))" : "") }.joined(separator: ", ") + (todo.count > 4 ? ", …" : "")
      throw StudyEngineError("\(store.path) lacks \(todo.count) unit\(todo.count == 1 ? "" : "s") (set × seed) of configuration \(configuration.hash) (\(names)); this command only reads: \(hint)")
    }
    if store.isReadOnly && !todo.isEmpty {
      throw StudyEngineError("\(store.path): the store is read-only and lacks \(todo.count) unit\(todo.count == 1 ? "" : "s") (set × seed) this command needs; everything it holds can be read, but training needs a writable --store (copy the file somewhere writable)")
    }
    let dataless = Set(todo.filter { loaded[$0.set].data == nil }.map { loaded[$0.set].name })
    if !dataless.isEmpty {   // (a refusing command has thrown above)
      throw StudyEngineError("\(dataless.sorted().joined(separator: ", ")): \(store.path) lacks units of configuration \(configuration.hash) and the data file is missing, so they cannot be trained; restore the file, or use the training options the store was filled with (see `tempctl store ls`)")
    }
    guard !todo.isEmpty else {
      if case .dryRun = policy { observer.nothingToTrain("nothing to train: the store (\(store.path)) holds every unit of configuration \(configuration.hash)") }
      return loaded
    }
    // The ETA from the finished units of the largest job's configuration (a large set's blocked one).
    let largest = todo.max { a, b in
      let x = loaded[a.set].info, y = loaded[b.set].info
      return x.trainCount * x.dimension * x.classCount < y.trainCount * y.dimension * y.classCount
    }!
    let history = try store.history(configurationHash: largest.configuration.hash)
    let cost = SweepCost(units: todo.map { job in
                           let i = loaded[job.set].info
                           return (i.trainCount, i.validationCount, i.dimension, i.classCount, job.share) },
                         configuration: configuration, historyIterations: history?.iterations, secondsPerWork: history?.secondsPerWork,
                         shortestUnit: history?.shortestUnit ?? 0)
    if case .dryRun = policy {
      observer.sweepWillStart(cost: cost, dryRun: true)
      return loaded
    }
    observer.sweepWillStart(cost: cost, dryRun: false)
    observer.trainingWillStart(units: todo.count, store: store.path)
    defer { observer.sweepEnded() }
    var waiting = 0
    for (k, job) in todo.enumerated() {
      let set = loaded[job.set]
      guard let data = set.data else { continue }   // refused above
      if let beforeUnit { try beforeUnit(SeedTrainer(data: data, configuration: job.configuration, seed: job.seed), set.name) }
      let t0 = Date()
      observer.unitStarted(index: k, total: todo.count,
                           label: "\(set.name)\(job.blockText) seed \(job.seed + 1)/\(seeds.count)")
      let progress: UnitTraining.Progress = { fraction, text in self.observer.unitProgress(fraction, text) }
      // Another process may have finished a block meanwhile: saveUnit keeps the first copy.
      var saved: [RunResult] = []
      func save(_ runs: [RunResult], block: Int, slots: [Int]?, seconds: Double) throws {
        try observer.committing {
          try store.saveUnit(set: set.info, configuration: job.configuration, seed: job.seed, runs: runs, seconds: seconds,
                             block: block, slots: slots)
        }
        saved += runs
      }
      if !job.configuration.isBlocked {
        try save(UnitTraining.run(data: data, configuration: job.configuration, seed: job.seed, progress: progress),
                 block: 0, slots: nil, seconds: Date().timeIntervalSince(t0))
      } else {
        let trainer = ConvergedTrainer(data: data, configuration: job.configuration, seed: job.seed)
        let grid = job.blocks.filter { $0 < job.configuration.gridBlocks }
        if !grid.isEmpty {
          let results = UnitTraining.runBlocks(trainer, grid, progress: progress)
          let seconds = Date().timeIntervalSince(t0) / Double(grid.count)
          for (block, result) in zip(grid, results) { try save(result.runs, block: block, slots: result.slots, seconds: seconds) }
        }
        let extensionBlock = job.configuration.gridBlocks
        if job.blocks.contains(extensionBlock) {
          let present = try store.finishedBlocks(setHash: set.info.hash, configurationHash: job.configuration.hash, seed: job.seed)
          if present.isSuperset(of: 0..<extensionBlock) {
            let t1 = Date()
            let gridRuns = try store.blockRuns(setHash: set.info.hash, configurationHash: job.configuration.hash, seed: job.seed)
            let result = UnitTraining.runExtension(trainer, after: gridRuns, progress: progress)
            try save(result.runs, block: extensionBlock, slots: result.slots, seconds: Date().timeIntervalSince(t1))
          } else {
            waiting += 1
          }
        }
      }
      let seconds = Date().timeIntervalSince(t0)
      observer.unitFinished(seconds: seconds, bestAccuracy: saved.map(\.bestAccuracy).max() ?? 0,
                            unconverged: saved.filter { !$0.converged }.count)
    }
    observer.sweepFinished(units: todo.count)
    if waiting > 0 {
      observer.warn("\(waiting) extension block\(waiting == 1 ? "" : "s") wait\(waiting == 1 ? "s" : "") for grid blocks that other shards train: after `tempctl merge`, run this sweep once more on the merged store to train \(waiting == 1 ? "it" : "them") (nothing else is left)")
    }
    return loaded
  }

  /// The blocks of one (set, seed) this process trains, under the set's resolved configuration.
  struct Job {
    let set: Int
    let seed: UInt64
    let configuration: TrainingConfiguration
    let blocks: [Int]

    /// The share of the unit's temperatures these blocks hold, for the cost estimate (the
    /// extension block counted as 4 temperatures).
    var share: Double {
      guard configuration.isBlocked, let l = configuration.chainLength else { return 1 }
      let t = Double(configuration.alphas.count)
      return blocks.reduce(0) { $0 + ($1 < configuration.gridBlocks ? min(Double(l), t - Double($1 * l)) : 4) } / t
    }

    /// " [blocks 0,2 of 5]" for a blocked unit, "" otherwise.
    var blockText: String {
      configuration.isBlocked ? " [block\(blocks.count == 1 ? "" : "s") \(blocks.map(String.init).joined(separator: ",")) of \(configuration.unitBlocks)]" : ""
    }
  }
}

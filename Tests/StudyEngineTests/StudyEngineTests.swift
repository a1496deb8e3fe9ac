import ClassifierCore
import EmbeddingIO
import Foundation
import PluginHost
import ResultsStore
import Study
import StudyEngine
import Testing

/// `α = √(d·pca_90/100)`: reads a statistic it declares.
struct EffectiveSqrtDim: TemperatureHeuristic {
  static let id = "effective-sqrt-dim"
  static let summary = "α = √(d · pca_90 / 100)"
  static let inputs: Set<HeuristicInputKind> = [.statistic("pca_90")]
  func alpha(for input: HeuristicInput) -> HeuristicAlpha {
    .init((Double(input.dimension) * input.statistics["pca_90"]! / 100).squareRoot())
  }
}

/// Declares a statistic no set has: never asked.
struct NeedsAbsentStatistic: TemperatureHeuristic {
  static let id = "needs-absent"
  static let summary = "α = 7 if the set had 'absent'"
  static let inputs: Set<HeuristicInputKind> = [.statistic("absent")]
  func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(7) }
}

/// The fitted regression on the best 2 statistics, doubled: reads a model of its own k.
struct DoubledBest2: TemperatureHeuristic {
  static let id = "doubled-best2"
  static let summary = "2 × the out-of-fold regression on the 2 best statistics"
  static let inputs: Set<HeuristicInputKind> = [.fittedModel(.best(2))]
  func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.fitted[.best(2)].map { 2 * $0 }) }
}

@Suite(.serialized) struct StudyEngineTests {
  func runner(_ zoo: SmallZoo, store: ResultsStore, heuristics: HeuristicRegistry, observer: any StudyObserver) throws -> StudyRunner {
    StudyRunner(manifest: zoo.manifest, plugins: try SmallZoo.plugins(), store: store, configuration: SmallZoo.configuration,
                seeds: [0], heuristics: heuristics, observer: observer)
  }

  @Test func aWholeStudyRunsThroughTheLibraryAndResumesFromTheStore() throws {
    let zoo = try SmallZoo()
    defer { zoo.remove() }
    let store = try zoo.store("study.sqlite")
    // A few built-ins (one reading the learned runs, one a fitted model) and three of the test's own.
    let heuristics = try HeuristicRegistry([ConstantOne.self, SqrtDimFitted.self, LearnedAlpha.self, FittedBestK.self, EffectiveSqrtDim.self,
                                            NeedsAbsentStatistic.self, DoubledBest2.self])
    let first = RecordingObserver()
    let r = try runner(zoo, store: store, heuristics: heuristics, observer: first)
    let results: StudyResults
    do { results = try r.results(k: 2, target: .alpha) } catch {
      Issue.record("\(error); warnings: \(first.warnings)")
      return
    }
    #expect(results.rows.count == zoo.manifest.entries.count)
    #expect(first.unitsStarted > 0 && first.commits > 0)
    // Every heuristic in registry order, but the one whose input no set has: it has no outcome.
    #expect(results.summaries.map(\.heuristic) == heuristics.ids.filter { $0 != NeedsAbsentStatistic.id })
    #expect(!results.outcomes.contains { $0.heuristic == NeedsAbsentStatistic.id })
    for row in results.rows {
      let outcome = try #require(results.outcomes.first { $0.set == row.name && $0.heuristic == EffectiveSqrtDim.id })
      #expect(outcome.alpha == (Double(row.dimension) * row.statistics["pca_90"]! / 100).squareRoot())
      #expect(abs(outcome.regret - 100 * (row.accuracyAtOptimum - outcome.accuracy)) < 1e-12)
    }
    // The doubled regression is exactly twice the k = 2 fit's out-of-fold prediction.
    let logo = LeaveOneGroupOut(rows: results.rows, ids: try r.usableStatistics(rows: results.rows), target: .alpha,
                                alphaRange: r.alphaRange)
    let best2 = try logo.predictions(k: 2).alpha
    for o in results.outcomes where o.heuristic == DoubledBest2.id { #expect(o.alpha == 2 * best2[o.set]!) }
    let refit = logo.sqrtDimensionPredictions()
    #expect(results.outcomes.filter { $0.heuristic == SqrtDimFitted.id }.count == results.rows.count)
    for o in results.outcomes where o.heuristic == SqrtDimFitted.id { #expect(o.alpha == refit[o.set]!) }
    // A second runner on the same store trains nothing and gives the same numbers.
    let again = RecordingObserver()
    let cached = try runner(zoo, store: store, heuristics: heuristics, observer: again).results(k: 2, target: .alpha)
    #expect(again.unitsStarted == 0 && again.commits == 0)
    #expect(cached.outcomes.map(\.regret) == results.outcomes.map(\.regret))
    #expect(cached.table.map(\.medianRegret) == results.table.map(\.medianRegret))
  }

  @Test func learnedRunsAreTrainedOnlyWhenAHeuristicReadsThem() throws {
    let zoo = try SmallZoo(groups: ["a"], perGroup: 1, tiny: true)
    defer { zoo.remove() }
    let store = try zoo.store("s.sqlite")
    var paper = SmallZoo.configuration
    paper.trainingProtocol = .paper
    for (registry, reads) in [([ConstantOne.self, SqrtDim.self], false), ([ConstantOne.self, LearnedAlpha.self], true)]
      as [([any TemperatureHeuristic.Type], Bool)] {
      let heuristics = try HeuristicRegistry(registry)
      #expect(heuristics.needsLearnedTemperature == reads)
      let converged = StudyRunner(manifest: zoo.manifest, plugins: try SmallZoo.plugins(), store: store, configuration: SmallZoo.configuration,
                                  seeds: [0], heuristics: heuristics, observer: SilentObserver())
      #expect(converged.trainsLearnedRuns == reads && !converged.configuration.learnAlpha)
      let budgeted = StudyRunner(manifest: zoo.manifest, plugins: try SmallZoo.plugins(), store: store, configuration: paper,
                                 seeds: [0], heuristics: heuristics, observer: SilentObserver())
      #expect(!budgeted.trainsLearnedRuns && budgeted.configuration.learnAlpha == reads)
    }
  }

  @Test func anInterruptedSweepResumesWhereItStoppedAndEqualsAnUninterruptedOne() throws {
    let zoo = try SmallZoo(groups: ["a"], perGroup: 3, tiny: true)
    defer { zoo.remove() }
    let sets = try zoo.manifest.entries.map { e in
      SweepRunner.LoadedSet(name: e.name, data: PreparedSplit(try DatasetLoader.load(path: e.path, name: e.name)))
    }
    let seeds: [UInt64] = [0, 1]
    let reference = try zoo.store("reference.sqlite")
    try SweepRunner(configuration: SmallZoo.configuration, seeds: seeds, store: reference, observer: SilentObserver()).run(sets: sets)

    struct Crash: Error {}
    let store = try zoo.store("resumed.sqlite")
    var interrupted = SweepRunner(configuration: SmallZoo.configuration, seeds: seeds, store: store, observer: SilentObserver())
    var started = 0
    interrupted.beforeUnit = { _, _ in
      started += 1
      if started == 3 { throw Crash() }
    }
    #expect(throws: Crash.self) { try interrupted.run(sets: sets) }
    #expect(try store.counts().units == 2)   // the two units before the crash were committed

    let observer = RecordingObserver()
    try SweepRunner(configuration: SmallZoo.configuration, seeds: seeds, store: store, observer: observer).run(sets: sets)
    #expect(observer.unitsStarted == sets.count * seeds.count - 2)
    for s in sets {
      #expect(try store.runs(of: s.info, under: SmallZoo.configuration) == reference.runs(of: s.info, under: SmallZoo.configuration))
    }
  }

  @Test func shardsSplitTheUnitsBetweenThem() throws {
    let zoo = try SmallZoo(groups: ["a"], perGroup: 3, tiny: true)
    defer { zoo.remove() }
    let sets = try zoo.manifest.entries.map { e in
      SweepRunner.LoadedSet(name: e.name, data: PreparedSplit(try DatasetLoader.load(path: e.path, name: e.name)))
    }
    var trained = 0
    for i in 0..<2 {
      let observer = RecordingObserver()
      try SweepRunner(configuration: SmallZoo.configuration, seeds: [0], store: try zoo.store("shard\(i).sqlite"),
                      shard: Shard(index: i, count: 2), observer: observer).run(sets: sets)
      trained += observer.unitsStarted
    }
    #expect(trained == sets.count)
  }

  @Test func aRegistryRefusesDuplicateAndMalformedIds() {
    #expect(throws: StudyError.self) { try HeuristicRegistry([ConstantOne.self, ConstantOne.self]) }
    struct Bad: TemperatureHeuristic {
      static let id = "Bad Id"
      static let summary = ""
      func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(1) }
    }
    #expect(throws: StudyError.self) { try HeuristicRegistry([Bad.self]) }
  }
}

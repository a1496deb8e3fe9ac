import ArgumentParser
import ClassifierCore
import EmbeddingIO
import Foundation
import Numerics
import PluginHost
import ResultsStore
import StatPlugins
import Study
import StudyEngine

/// The options and steps every study command shares: zoo, plugins, store, sweep settings.
struct StudyPipeline: ParsableArguments {
  @OptionGroup var study: StudyOptions
  @OptionGroup var sweep: SweepOptions
  @OptionGroup var plugins: PluginsOption
  @OptionGroup var storeOption: StoreOption
  @Flag(help: "No progress output.") var quiet = false

  /// The runner, once the manifest's design passes `LeaveOneGroupOut.checkDesign` (before any work).
  func runner(_ registries: Registries) throws -> StudyRunner {
    let manifest = try study.manifest()
    try LeaveOneGroupOut.checkDesign(groupOf: manifest.entries.map(\.dataset), k: study.k)
    return StudyRunner(manifest: manifest, plugins: try plugins.load(registries.statistics), store: try ResultsStore(path: storeOption.store),
                       configuration: sweep.configuration, seeds: sweep.seedList, heuristics: registries.heuristics,
                       observer: TerminalObserver(quiet: quiet))
  }

  /// `study --dry-run`: the cost of the sweep and of the learned-temperature runs, on standard
  /// output; the heuristics' retraining (a few α per set, once the sweep is known) comes on top.
  func dryRun(_ r: StudyRunner) throws {
    r.policy = .dryRun
    try r.load()
    let sources = r.entries.map(\.sweepSet)
    print("sweep (\(r.configuration.trainingProtocol.rawValue) protocol):")
    try r.sweepRunner(r.configuration).run(sets: sources)
    if r.trainsLearnedRuns {
      print("learned temperatures (paper protocol):")
      try r.sweepRunner(r.learnedConfiguration).run(sets: sources)
    }
    print("then each heuristic's α is trained once per set (a few units per set, not estimated before the sweep)")
  }
}

/// Rendering of the study's tables.
enum StudyTables {
  static func f(_ v: Double, _ d: Int = 4) -> String { NumberText.fixed(v, d) }
  /// `%g` with `digits` significant digits; NA for a non-finite value.
  static func g(_ v: Double, _ digits: Int = 2) -> String { NumberText.significant(v, digits) }

  /// Table 1's rows as records (`select --format json|csv`), both axes (`axis`).
  static func table1Records(_ rows: [SelectionRow]) -> [JSONValue] {
    func p(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
    return rows.map { t in
      .object([("axis", .string(t.axis.rawValue)), ("statistics", .string(t.label)), ("k", t.k.map { .int($0) } ?? .null),
               ("median_corr", .number(t.medianCorrelation)),
               ("median_corr_ci_low", .number(t.medianCorrelationInterval.low)), ("median_corr_ci_high", .number(t.medianCorrelationInterval.high)),
               ("mean_corr", .number(t.meanCorrelation)), ("std_corr", .number(t.stdCorrelation)),
               ("permutation_p", p(t.permutationP)),
               ("pooled_r", .number(t.pooledCorrelation)),
               ("pooled_r_ci_low", .number(t.pooledCorrelationInterval.low)), ("pooled_r_ci_high", .number(t.pooledCorrelationInterval.high)),
               ("pooled_r_permutation_p", p(t.pooledPermutationP)), ("permutations", .int(t.permutations)),
               ("mae_alpha", .number(t.meanAbsoluteError)),
               ("median_regret_points", .number(t.medianRegret)),
               ("median_regret_ci_low", .number(t.medianRegretInterval.low)), ("median_regret_ci_high", .number(t.medianRegretInterval.high)),
               ("folds", .int(t.foldsUsed)), ("folds_skipped", .array(t.foldsSkipped.map { .string($0) })),
               ("selected", .object(t.selectionCounts.map { ($0.id, .int($0.folds)) })),
               ("selection_jaccard", .number(t.selectionStability)),
               ("ridge_penalty", .object(t.penalties.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
               ("predicted_alpha", .object(t.predictions.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
               ("regret_points_by_set", .object(t.regrets.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) }))])
    }
  }

  /// Table 1 for people: one block per axis.
  static func table1(_ rows: [SelectionRow]) -> String {
    func ci(_ i: (low: Double, high: Double), _ d: Int) -> String { "\(f(i.low, d))–\(f(i.high, d))" }
    func p(_ v: Double?) -> String { v.map { g($0, 3) } ?? "" }
    var blocks: [String] = []
    for axis in HoldOutAxis.allCases {
      let mine = rows.filter { $0.axis == axis }
      guard !mine.isEmpty else { continue }
      let header = ["statistics", "Med. Corr.", "95% CI", "Avg. Corr. (± std)", "perm. p", "pooled r", "95% CI", "perm. p",
                    "MAE (α)", "median regret", "95% CI", "folds"]
      let body = mine.map { t in [t.label, f(t.medianCorrelation), ci(t.medianCorrelationInterval, 2), "\(f(t.meanCorrelation)) ± \(f(t.stdCorrelation))",
                                  p(t.permutationP), f(t.pooledCorrelation), ci(t.pooledCorrelationInterval, 2), p(t.pooledPermutationP),
                                  f(t.meanAbsoluteError, 1), f(t.medianRegret, 2), ci(t.medianRegretInterval, 2), "\(t.foldsUsed)"] }
      var s = axis.title + "\n" + TableRenderer.table(header: header, rows: body, rightAligned: Set(1..<header.count))
      if mine.allSatisfy({ $0.foldsUsed == 0 }) {
        s += "\n\nno held-out fold has 3 or more sets, so per-fold correlations are not defined (NA); pooled r, MAE and regret are"
      }
      s += "\n\nselected statistics (folds out of \(mine.first.map { $0.foldsUsed + $0.foldsSkipped.count } ?? 0)), mean pairwise Jaccard of the folds' selections, median ridge penalty:"
      for t in mine {
        let selected = t.k == nil ? "every usable statistic" : t.selectionCounts.map { "\($0.id) (\($0.folds))" }.joined(separator: ", ")
        s += "\n  \(t.label): \(selected); Jaccard \(f(t.selectionStability, 2)); λ \(g(SampleSummary.median(Array(t.penalties.values)), 2))"
      }
      blocks.append(s)
    }
    return blocks.joined(separator: "\n\n")
  }

  /// The heuristic summary as records (`compare --format json|csv`).
  static func heuristicRecords(_ summaries: [HeuristicSummary]) -> [JSONValue] {
    summaries.map { s in
      .object([("heuristic", .string(s.heuristic)), ("r", .number(s.correlation)), ("mae_alpha", .number(s.meanAbsoluteError)),
               ("median_regret_points", .number(s.medianRegret)),
               ("median_regret_ci_low", .number(s.medianRegretInterval.low)), ("median_regret_ci_high", .number(s.medianRegretInterval.high)),
               ("worst_regret_points", .number(s.worstRegret)), ("wins", .int(s.wins)), ("sets", .int(s.sets)),
               ("regret_minus_\(HeuristicComparison.reference)", s.versusReference.map { .number($0.meanDifference) } ?? .null),
               ("p_vs_\(HeuristicComparison.reference)", s.versusReference.map { .number($0.p) } ?? .null)])
    }
  }

  /// The heuristic summary for people.
  static func heuristics(_ summaries: [HeuristicSummary]) -> String {
    let header = ["heuristic", "r with α*", "MAE (α)", "median regret", "95% CI (groups)", "worst regret", "wins",
                  "Δ vs \(HeuristicComparison.reference)", "p"]
    let body = summaries.map { s in
      [s.heuristic, f(s.correlation, 3), f(s.meanAbsoluteError, 1), f(s.medianRegret, 2),
       "\(f(s.medianRegretInterval.low, 2))–\(f(s.medianRegretInterval.high, 2))", f(s.worstRegret, 2), "\(s.wins)/\(s.sets)",
       s.versusReference.map { ($0.meanDifference >= 0 ? "+" : "") + f($0.meanDifference, 2) } ?? "",
       s.versusReference.map { f($0.p, 4) } ?? ""]
    }
    return TableRenderer.table(header: header, rows: body, rightAligned: Set(1..<9))
  }
}

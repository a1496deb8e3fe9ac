import ArgumentParser
import ClassifierCore
import EmbeddingIO
import Foundation
import PluginHost
import StatPlugins
import Study
import StudyEngine

extension Tempctl {
  /// `tempctl correlate`: Pearson r of every statistic with α* (the paper's Fig. 3).
  struct Correlate: RegistryCommand {
    static let configuration = CommandConfiguration(
      abstract: "Pearson r and two-sided p-value of every enabled statistic with α* over the zoo, sorted by |r|.",
      discussion: "Computes (or reads from the store) the statistics and the sweep of every set first.")
    @OptionGroup var pipeline: StudyPipeline
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

    func run(with registries: Registries) throws {
      let r = try pipeline.runner(registries)
      let (rows, ids) = try r.table(k: pipeline.study.k)
      let ranked = try StatisticRanking.rank(rows, ids: ids, target: pipeline.study.target)
      guard format == .table else {
        MachineOutput.print(ranked.map { .object([("statistic", .string($0.id)), ("r", .number($0.correlation.r)),
                                                 ("abs_r", .number(abs($0.correlation.r))), ("p_value", .number($0.correlation.pValue)),
                                                 ("n", .int($0.correlation.n))]) }, format: format)
        return
      }
      let header = ["statistic", "r", "|r|", "p-value", "n"]
      let body = ranked.map { [$0.id, StudyTables.f($0.correlation.r), StudyTables.f(abs($0.correlation.r)), StudyTables.g($0.correlation.pValue, 3), "\($0.correlation.n)"] }
      print(TableRenderer.table(header: header, rows: body, rightAligned: [1, 2, 3, 4]))
    }
  }

  /// `tempctl select --k K`: the paper's Table 1, leave-one-dataset-out, and the refitted model.
  struct Select: RegistryCommand {
    static let configuration = CommandConfiguration(
      abstract: "Table 1: best single statistic, the k best, all statistics — regression of α* evaluated leave-one-dataset-out and leave-one-extractor-family-out.",
      discussion: """
        In each fold (one dataset group, or one extractor family — zoo.json's `family` — held out) \
        the statistics are ranked by |r| on the training sets only, the k best standardised and \
        fitted by ridge regression, its penalty chosen among 10^-3 … 10^3 by a nested \
        cross-validation on the training folds alone; the held-out sets are predicted. Then the \
        model is refitted on every set and saved to --model-out for `suggest`.

        Columns: the median of the per-fold r with its 95% interval (bootstrap over folds); the \
        mean ± std of the per-fold r; perm. p, a permutation test of the whole pipeline (α* \
        shuffled across sets, selection and fit rerun, 999 times); the pooled out-of-fold r with \
        its interval (bootstrap over dataset groups) and permutation p; the mean |α̂ − α*|; the \
        median regret, acc(α*) − acc(α̂) with acc(α̂) measured by training at α̂ (trained here if \
        the store lacks it, the same runs as `compare`), with its interval. Below the table: the \
        statistics each fold selected, how alike the folds' selections are (mean pairwise \
        Jaccard) and the median penalty.
        """)
    @OptionGroup var pipeline: StudyPipeline
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
    @Option(name: .customLong("model-out"), help: "Where to save the refitted model (JSON).") var modelOut = "tempctl-model.json"

    func run(with registries: Registries) throws {
      let r = try pipeline.runner(registries)
      let results = try r.results(k: pipeline.study.k, target: pipeline.study.target, heuristics: false, permutations: pipeline.study.permutations)
      let (rows, ids) = (results.rows, try r.usableStatistics(rows: results.rows))
      let table = results.table
      if format == .table { print(StudyTables.table1(table)) } else { MachineOutput.print(StudyTables.table1Records(table), format: format) }
      let model = try r.refit(rows: rows, ids: ids, k: pipeline.study.k, target: pipeline.study.target)
      try OutputFile.writing(modelOut) { try model.encoded().write(to: URL(fileURLWithPath: modelOut), options: .atomic) }
      if format == .table { print("\nmodel (\(model.statistics.joined(separator: ", ")); target \(model.target.rawValue)) saved to \(modelOut)") }
    }
  }

  /// `tempctl compare`: every heuristic against the empirical optimum, in accuracy.
  struct Compare: RegistryCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare temperature heuristics with α*: each heuristic's α is trained at and its accuracy regret measured.",
      discussion: """
        For every set and heuristic: the α it gives, the accuracy measured by training at that α with \
        the sweep's settings (cached in the store), and the regret acc(α*) − acc(α_h) in points. \
        Fitted heuristics are the regressions of `select`, out-of-fold. --details prints every (set, heuristic).

        Beside each median regret: its 95% interval under a bootstrap of the dataset groups (the \
        zoo's "dataset" field; 2000 resamples), and, against `landmark` (what `suggest` ships), the \
        mean over groups of the regret difference and the exact two-sided sign-flip p-value over \
        the groups (docs/study.md).
        """)
    @OptionGroup var pipeline: StudyPipeline
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
    @Flag(help: "Print every (set, heuristic) outcome instead of the summary.") var details = false

    func run(with registries: Registries) throws {
      let r = try pipeline.runner(registries)
      // Table 1's permutation tests are not printed here: skipped.
      let results = try r.results(k: pipeline.study.k, target: pipeline.study.target, permutations: 0)
      if details {
        guard format == .table else {
          MachineOutput.print(results.outcomes.map { .object([("set", .string($0.set)), ("heuristic", .string($0.heuristic)), ("alpha", .number($0.alpha)),
                                                              ("accuracy", .number($0.accuracy)), ("regret_points", .number($0.regret)),
                                                              ("note", $0.note.map { .string($0) } ?? .null)]) }, format: format)
          return
        }
        let header = ["set", "heuristic", "alpha", "accuracy", "regret", "note"]
        let body = results.outcomes.map { [$0.set, $0.heuristic, StudyTables.f($0.alpha, 2), StudyTables.f($0.accuracy), StudyTables.f($0.regret, 2), $0.note ?? ""] }
        print(TableRenderer.table(header: header, rows: body, rightAligned: [2, 3, 4]))
        return
      }
      if format == .table { print(StudyTables.heuristics(results.summaries)) } else { MachineOutput.print(StudyTables.heuristicRecords(results.summaries), format: format) }
    }
  }

  /// `tempctl report --out DIR`: SVG figures and an HTML page.
  struct Report: RegistryCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the study's figures (SVG) and an HTML page: accuracy vs α per set, |r| per statistic, predicted vs observed α*, the tables.",
      discussion: """
        Reads the store: the training options (--protocol, --epochs, --seeds, …) must be those of the \
        study that filled it. When runs are missing, report names them and exits without training; \
        --train trains them.
        """)
    @OptionGroup var pipeline: StudyPipeline
    @Option(help: "Output folder.") var out = "tempctl-report"
    @Flag(help: "Train what the store lacks (by default report only reads, and names what is missing).") var train = false

    func run(with registries: Registries) throws {
      let r = try pipeline.runner(registries)
      if !train { r.policy = .refuse(hint: "run `tempctl study` with the same --zoo and training options first, or pass --train") }
      let results = try r.results(k: pipeline.study.k, target: pipeline.study.target, permutations: pipeline.study.permutations)
      let files = try OutputFile.writing(out) { try StudyReport.write(results, to: out) }
      print("report: \(out)/index.html (\(files.count) files)")
    }
  }

  /// `tempctl study`: the whole pipeline on a zoo.
  struct RunStudy: RegistryCommand {
    static let configuration = CommandConfiguration(
      commandName: "study",
      abstract: "The whole study on a zoo (default: the embedded example zoo): stats, sweep, optimum, correlate, select, compare, report.",
      discussion: """
        Every step is cached in the store, so a rerun is instant and an interrupted study resumes. \
        Ends by printing Table 1 and the heuristic table, and where the report and the model are.
        """)
    @OptionGroup var pipeline: StudyPipeline
    @Option(help: "Report folder.") var out = "tempctl-report"
    @Option(name: .customLong("model-out"), help: "Where to save the model fitted on every set.") var modelOut = "tempctl-model.json"
    @Flag(name: .customLong("dry-run"), help: "Print the sweep's cost (units, FLOPs, ETA) and stop; nothing is trained or written.")
    var dryRun = false

    func run(with registries: Registries) throws {
      let t0 = Date()
      let r = try pipeline.runner(registries)
      if dryRun { return try pipeline.dryRun(r) }
      let results = try r.results(k: pipeline.study.k, target: pipeline.study.target, permutations: pipeline.study.permutations)
      let rows = results.rows
      let model = try r.refit(rows: rows, ids: try r.usableStatistics(rows: rows), k: pipeline.study.k, target: pipeline.study.target)
      try OutputFile.writing(modelOut) { try model.encoded().write(to: URL(fileURLWithPath: modelOut), options: .atomic) }
      _ = try OutputFile.writing(out) { try StudyReport.write(results, to: out) }
      if r.configuration.trainingProtocol == .converged {
        let (unconverged, total, edge) = try r.convergenceSummary()
        print("Optimum: \(r.configurationSummary)")
        print("  runs that hit the iteration cap: \(unconverged) of \(total)")
        print("  sets whose α* is still on the grid's edge after extension: " + (edge.isEmpty ? "none" : edge.joined(separator: ", ")) + "\n")
      }
      print("Table 1 — predicting α* out of fold (\(rows.count) sets, \(Set(rows.map(\.group)).count) dataset groups, \(Set(rows.map(\.family)).count) extractor families; target \(pipeline.study.target.rawValue))\n")
      print(StudyTables.table1(results.table))
      print("\nHeuristics against the empirical optimum (regret in accuracy points)\n")
      print(StudyTables.heuristics(results.summaries))
      print("\nreport: \(out)/index.html\nmodel: \(modelOut) (statistics: \(model.statistics.joined(separator: ", ")))")
      print(String(format: "study finished in %.0f s", Date().timeIntervalSince(t0)))
    }
  }

  /// `tempctl suggest`: α for a new set from its statistics, in seconds.
  struct Suggest: RegistryCommand {
    static let configuration = CommandConfiguration(
      abstract: "Suggest a temperature for embedding sets, from their statistics and a model — no grid search.",
      discussion: """
        Computes only the statistics the model needs. Without --model, uses the model that ships \
        with tempctl: α = landmark_alpha, a capped converged search on the set's training rows alone \
        (median regret 0.66, worst 4.73 points on the 65-set larger zoo, 0.50 / 4.04 on the embedded \
        one; docs/study.md), for sets whose min(n_train, 4000)·d·C is at most 3.2e8 (a few seconds); \
        above that, a ridge model on four PCA statistics fitted on the larger zoo (a note on \
        standard error says so; scripts/refit-default-model.sh refits it). --format json prints one \
        object per set and line: {"name", "alpha", "statistics": {"<id>": value}}; --format csv the \
        columns name, alpha, <id>…, at full precision.

        The covariance behind the PCA statistics is formed from single-precision products \
        accumulated in double precision every 4096 rows (about 1.5x as fast as `tempctl stats` on \
        large sets). The values are still those of `tempctl stats`: when a cumulative variance \
        ratio lies within 1e-5 of a threshold, the set is recomputed in double precision. \
        --exact always uses the double-precision path.
        """)
    @OptionGroup var data: DataOptions
    @Option(help: "A model written by `tempctl select` or `tempctl study`.") var model: String?
    @OptionGroup var plugins: PluginsOption
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
    @Flag(help: "Form the covariance in double precision, exactly as `tempctl stats` does (about 1.5x slower on large sets).")
    var exact = false

    func validate() throws { try data.requireSets() }

    func run(with registries: Registries) throws {
      let m: LinearModel
      if let model {
        guard let d = FileManager.default.contents(atPath: model) else { throw CLIError("\(model): cannot read the model file (no such readable file)") }
        m = try LinearModel.decode(d, path: model)
      } else {
        m = try LinearModel.builtIn()
      }
      // Only the statistics the model needs, with the options of the plugins file when it lists them.
      let registry = registries.statistics
      let models = m.chain
      for id in models.flatMap(\.statistics) where registry.statistic(id: id) == nil {
        throw CLIError("the model needs statistic '\(id)', which is not registered in this tempctl")
      }
      let base = try plugins.load(registry)
      func composer(for model: LinearModel) throws -> FeatureVectorComposer {
        if model.statistics.allSatisfy({ id in base.entries.contains { $0.id == id } }) {
          return FeatureVectorComposer(try base.restricted(to: model.statistics, registry: registry))
        }
        return FeatureVectorComposer(try PluginsFile(allOf: registry).restricted(to: model.statistics, registry: registry))
      }
      let composers = try models.map(composer(for:))
      var tableRows: [(name: String, alpha: Double, values: [String: Double])] = [], records: [JSONValue] = []
      var columns: [String] = []
      // The byte checks run beside the statistics' first pass; compute(_:) waits for them.
      let sources = try data.sources(deferringChecks: true)
      var failures = PerSetFailures()
      for s in sources { failures.attempt(s.name) {
        let set = try s.load()
        let index = m.chainIndex(trainCount: set.trainCount, dimension: set.dimension, classCount: set.classCount)
        let m = models[index]
        if index > 0 {
          Diagnostics.note("\(s.name): min(n_train, 4000)·d·C = \(String(format: "%.3g", LinearModel.work(trainCount: set.trainCount, dimension: set.dimension, classCount: set.classCount))) "
            + "is above the model's \(String(format: "%.3g", models[index - 1].maxWork ?? 0)): suggesting with its fallback (\(m.statistics.joined(separator: ", ")))")
        }
        let report = try composers[index].compute(set, covariance: exact ? .double : .mixed)
        var values: [String: Double] = [:]
        for v in report.values { if let x = v.value.number, x.isFinite { values[v.id] = x } }
        let missing = report.values.filter { $0.value.number == nil }
        guard missing.isEmpty, let alpha = m.predictAlpha(values), alpha.isFinite else {
          throw CLIError("\(s.name): cannot suggest: " + (missing.isEmpty ? "the model gives no finite α for these statistics"
            : missing.map { "\($0.id) is missing (\($0.value.note ?? ""))" }.joined(separator: "; ")))
        }
        let record = JSONValue.object([("name", .string(s.name)), ("alpha", .number(alpha)),
                                       ("statistics", .object(m.statistics.map { ($0, .number(values[$0]!)) }))])
        switch format {
        case .json: print(record.text); fflush(stdout)
        case .csv: records.append(record)
        case .table:
          for id in m.statistics where !columns.contains(id) { columns.append(id) }
          tableRows.append((s.name, alpha, values.filter { m.statistics.contains($0.key) }))
        }
      } }
      // A set suggested by a fallback shows its own statistics; the other columns stay empty.
      let rows = tableRows.map { r in [r.name, String(format: "%.1f", r.alpha)] + columns.map { r.values[$0].map { String(format: "%.6g", $0) } ?? "" } }
      let header = ["name", "alpha"] + columns
      if format == .table { print(TableRenderer.table(header: header, rows: rows, rightAligned: Set(1..<header.count))) }
      if format == .csv { MachineOutput.print(records, format: .csv, inline: ["statistics"]) }
      try failures.finish()
    }
  }
}

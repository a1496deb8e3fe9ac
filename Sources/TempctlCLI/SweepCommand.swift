import ArgumentParser
import ClassifierCore
import EmbeddingIO
import Foundation
import Numerics
import ResultsStore
import StudyEngine

extension Tempctl {
  /// `tempctl sweep`: train every temperature of the grid, for every set and seed, into the store.
  struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sweep",
      abstract: "Train the cosine classifier at every temperature of the grid, for each set and seed, into the store.",
      discussion: """
        All temperatures of one (set, seed) unit train together: under the converged protocol \
        (default) each to convergence by full-batch L-BFGS, evaluated in shared GEMMs, the grid \
        extended past an edge optimum; under --protocol paper sharing the minibatch order for \
        --epochs epochs. Each finished unit is committed to the store at once; a rerun skips finished units, so an \
        interrupted sweep resumes where it stopped (Ctrl-C says how many units were saved). The cost \
        (units, FLOPs, an ETA from a short GEMM calibration) is printed before training; --dry-run \
        prints only that. --shard i/n runs units k with k mod n = i \
        (0-based i, set-then-seed order) into its own store; join shards with `tempctl merge`.
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var sweep: SweepOptions
    @OptionGroup var storeOption: StoreOption
    @Option(help: ArgumentHelp("Run only shard i of n (0-based): --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT.", valueName: "i/n"),
            transform: { text in try Shard.parse(text).mapError { ValidationError($0.description) }.get() })
    var shard: Shard = .whole
    @Option(name: .customLong("export-trace"), help: "Write each unit's normalised data, initial weights and batch orders to this folder (for reference implementations).")
    var exportTrace: String?
    @Flag(help: "No progress output.") var quiet = false
    @Flag(name: .customLong("dry-run"), help: "Print the cost (units, FLOPs, ETA from a short calibration) and stop; nothing is trained.")
    var dryRun = false

    func validate() throws { try data.requireSets() }

    func run() throws {
      let store = try ResultsStore(path: storeOption.store)
      var runner = SweepRunner(configuration: sweep.configuration, seeds: sweep.seedList, store: store, shard: shard,
                               observer: TerminalObserver(quiet: quiet))
      if let exportTrace {
        runner.beforeUnit = { trainer, name in
          try OutputFile.writing(exportTrace) { try TraceExport.write(trainer: trainer, name: name, to: exportTrace) }
        }
      }
      if dryRun { runner.policy = .dryRun }
      try runner.run(data.sources())
    }
  }

  /// `tempctl optimum`: α* per set from the store (sweeping what is missing).
  struct Optimum: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "optimum",
      abstract: "Print α* per set: the most accurate temperature, its plateau and the accuracy at α = 1.",
      discussion: """
        Reads the runs of the given configuration from the store and trains any missing unit first \
        (its cost printed before; --dry-run prints only the cost). With --store and no data, reads \
        every set and configuration the store holds (or those named with --set/--config) and trains \
        nothing: the embedding files are not needed. \
        Converged protocol (the default): accuracy(α) is the validation accuracy of the probe trained \
        to convergence at α; α* the most accurate α (ties to the smaller); the plateau every α not \
        measurably worse than α* on the validation rows (paired difference within 1.96 standard \
        errors); the grid is extended past an edge optimum up to 4096 (down to 1/16), and a set \
        whose α* is still on the edge is flagged ("edge"). "unconverged" counts runs that hit the \
        iteration cap. Paper protocol: the mean over seeds of the best accuracy over epochs, the \
        plateau within one standard error over seeds. --format json prints one object per set and \
        line: {"name", "alpha_star", "flat", "accuracy", "accuracy_std" (two or more seeds only), "plateau", \
        "plateau_low", "plateau_high", "accuracy_at_1", "seeds", "protocol", "edge", "unconverged_runs", "curve"}; \
        --format csv the same keys as columns (plateau and curve as JSON text).
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var sweep: SweepOptions
    @OptionGroup var storeOption: StoreOption
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
    @Flag(help: "Print every run (set, seed, α: best accuracy and its epoch, final accuracy, final loss, final α, curve) instead of α*.")
    var runs = false
    @Flag(help: "No progress output.") var quiet = false
    @Flag(name: .customLong("dry-run"), help: "Print the cost of the missing units (units, FLOPs, ETA) and stop; nothing is trained.")
    var dryRun = false
    @Option(name: .customLong("set"), help: "With no data: only the store's sets of this name (repeatable).") var setNames: [String] = []
    @Option(name: .customLong("config"), help: "With no data: only the configuration with this hash, or a prefix of it (see `tempctl store ls`).")
    var configHash: String?

    func run() throws {
      if data.isEmpty { return try fromStore() }
      let store = try ResultsStore(path: storeOption.store)
      let config = sweep.configuration
      let sources = try data.sources()
      var failures = PerSetFailures()
      var runner = SweepRunner(configuration: config, seeds: sweep.seedList, store: store, observer: TerminalObserver(quiet: quiet))
      if dryRun { runner.policy = .dryRun }
      let sets = try runner.run(sources, failures: &failures)
      if dryRun { try failures.finish(); return }
      var flat: [String] = []
      defer { if !runs { Diagnostics.warn(flat) } }
      if runs { try printRuns(sets, store: store, configuration: config); try failures.finish(); return }
      var rows: [[String]] = [], records: [JSONValue] = []
      for set in sets {
        let runs = try store.runs(of: set.info, under: config)
        let perSeed = sweep.seedList.compactMap { runs[$0] }
        guard let est = OptimumEstimate(runs: perSeed) else { continue }
        if est.flat {
          flat.append("\(set.name): accuracy does not depend on α (every α of the grid is on the plateau, accuracy \(String(format: "%.4f", est.accuracy))): no α* — shown as \"flat\", kept out of a study")
        }
        let record = Self.record(name: set.name, estimate: est, runs: perSeed, protocol: config.trainingProtocol)
        switch format {
        case .json: print(record.text); fflush(stdout)
        case .csv: records.append(record)
        case .table: rows.append(Self.tableRow(name: set.name, estimate: est))
        }
      }
      if format == .csv { MachineOutput.print(records, format: .csv) }
      if format == .table { Self.printTable(rows, maxIterations: config.criterion.maxIterations) }
      try failures.finish()
    }

    /// One set's optimum as a record (docs/cli.md): `accuracy_std` only over two or more seeds.
    static func record(name: String, estimate est: OptimumEstimate, runs perSeed: [[RunResult]], protocol: TrainingProtocol) -> JSONValue {
      var fields: [(String, JSONValue)] = [
        ("name", .string(name)), ("alpha_star", est.flat ? .null : .number(est.alphaStar)), ("flat", .bool(est.flat)),
        ("accuracy", .number(est.accuracy)),
      ]
      if est.seeds > 1 { fields.append(("accuracy_std", .number(est.accuracyStd))) }
      fields += [
        ("plateau", .array(est.plateau.map { .number($0) })),
        ("plateau_low", est.plateau.first.map { .number($0) } ?? .null), ("plateau_high", est.plateau.last.map { .number($0) } ?? .null),
        ("accuracy_at_1", est.accuracyAtOne.map { .number($0) } ?? .null), ("seeds", .int(est.seeds)),
        ("protocol", .string(`protocol`.rawValue)), ("edge", .bool(est.edge && !est.flat)),
        ("unconverged_runs", .int(est.unconverged)),
        ("curve", .object(est.curve.map { (alphaKey($0.alpha), .number($0.mean)) })),
      ]
      let learned = perSeed.compactMap { $0.first { $0.learned } }
      if !learned.isEmpty {
        fields.append(("learned_alpha", .number(SampleSummary.mean(learned.map(\.finalAlpha)))))
        fields.append(("learned_accuracy", .number(SampleSummary.mean(learned.map(\.bestAccuracy)))))
      }
      return .object(fields)
    }

    static let tableHeader = ["name", "alpha_star", "accuracy", "std", "plateau", "acc_at_1", "seeds", "edge", "unconverged"]

    static func tableRow(name: String, estimate est: OptimumEstimate) -> [String] {
      [name, est.flat ? "flat" : alphaKey(est.alphaStar), String(format: "%.4f", est.accuracy),
       est.seeds > 1 ? String(format: "%.4f", est.accuracyStd) : "",
       est.plateau.count > 6 ? "\(alphaKey(est.plateau.first!))…\(alphaKey(est.plateau.last!)) (\(est.plateau.count))"
         : est.plateau.map(alphaKey).joined(separator: " "),
       est.accuracyAtOne.map { String(format: "%.4f", $0) } ?? "NA", String(est.seeds), est.edge && !est.flat ? "yes" : "",
       String(est.unconverged)]
    }

    static func printTable(_ rows: [[String]], maxIterations: Int) {
      print(TableRenderer.table(header: tableHeader, rows: rows, rightAligned: [1, 2, 3, 5, 6, 8]))
      let capped = rows.filter { $0[8] != "0" }.count
      if capped > 0 { print("\n\(capped) set\(capped == 1 ? "" : "s") with runs that hit the iteration cap (--max-iterations \(maxIterations)): their accuracy is the last iterate's") }
      if rows.contains(where: { $0[7] == "yes" }) { print("edge: α* is the smallest or largest temperature tried, even after extending the grid (to 4096 / 1/16)") }
    }

    /// `optimum --store S` with no data: every (set, configuration) the store holds — or those
    /// named with --set/--config — from its runs alone; nothing is loaded or trained.
    func fromStore() throws {
      let store = try StoreListing.open(storeOption.store, hint: "give embedding sets to sweep, or --store with an existing store")
      let holdings = try StoreListing.select(try store.holdings(), sets: setNames, config: configHash, store: store.path)
      var rows: [[String]] = [], records: [JSONValue] = []
      for o in try StoreListing.optima(store, holdings) {
        switch format {
        case .json: print(o.record.text)
        case .csv: records.append(o.record)
        case .table: rows.append(Self.tableRow(name: o.holding.set.name, estimate: o.estimate) + [String(o.holding.configurationHash.prefix(8))])
        }
      }
      if format == .csv { MachineOutput.print(records, format: .csv) }
      if format == .table {
        print(TableRenderer.table(header: Self.tableHeader + ["config"], rows: rows, rightAligned: [1, 2, 3, 5, 6, 8]))
      }
    }

    static func alphaKey(_ a: Double) -> String { a == a.rounded() ? String(Int(a)) : String(a) }

    /// Every run of the given sets, one row (or JSON object per line) each.
    func printRuns(_ sets: [SweepRunner.LoadedSet], store: ResultsStore, configuration: TrainingConfiguration) throws {
      let header = ["name", "seed", "alpha", "learned", "best_accuracy", "best_epoch", "final_accuracy", "final_loss", "final_alpha",
                    "converged", "iterations", "grad_norm"]
      var rows: [[String]] = [], records: [JSONValue] = []
      for set in sets {
        let bySeed = try store.runs(of: set.info, under: configuration)
        for seed in sweep.seedList {
          for r in bySeed[seed] ?? [] {
            if format == .table {
              rows.append([set.name, String(seed), String(format: "%.4g", r.alpha), r.learned ? "yes" : "", String(format: "%.4f", r.bestAccuracy),
                           String(r.bestEpoch), String(format: "%.4f", r.finalAccuracy), String(format: "%.6g", r.finalLoss),
                           String(format: "%.4g", r.finalAlpha), r.converged ? "yes" : "no", String(r.iterations),
                           r.gradientNorm.isFinite ? String(format: "%.3g", r.gradientNorm) : "NA"])
            } else {
              records.append(Self.runRecord(name: set.name, seed: seed, run: r))
            }
          }
        }
      }
      if format == .table { print(TableRenderer.table(header: header, rows: rows, rightAligned: Set(1..<header.count))) } else { MachineOutput.print(records, format: format) }
    }

    /// One run as a record (`optimum --runs`, `store export`).
    static func runRecord(name: String, seed: UInt64, run r: RunResult) -> JSONValue {
      .object([("name", .string(name)), ("seed", .int(Int(seed))), ("alpha", .number(r.alpha)),
               ("learned", .bool(r.learned)), ("best_accuracy", .number(r.bestAccuracy)),
               ("best_epoch", .int(r.bestEpoch)), ("final_accuracy", .number(r.finalAccuracy)),
               ("final_loss", .number(r.finalLoss)), ("final_alpha", .number(r.finalAlpha)),
               ("converged", .bool(r.converged)), ("iterations", .int(r.iterations)),
               ("grad_norm", r.gradientNorm.isFinite ? .number(r.gradientNorm) : .null),
               ("curve", .array(r.curve.map { .number($0) }))])
    }
  }

  /// `tempctl merge`: join shard stores into one.
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Join results stores (e.g. the shards of one sweep) into one.",
      discussion: """
        Copies every unit the output lacks, whatever configurations the stores hold, in one \
        transaction. A unit present in two stores with different runs is a conflict: nothing is \
        written and the unit is named. A new output that could not be completed is removed.
        """)

    @Argument(help: "The stores to join.") var stores: [String]
    @Option(name: .shortAndLong, help: "The merged store (created, or added to).") var output: String

    func validate() throws {
      guard !stores.isEmpty else { throw ValidationError("give at least one store to merge") }
      let out = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
      for s in stores {
        guard FileManager.default.fileExists(atPath: s) else { throw ValidationError("\(s): no such store") }
        if URL(fileURLWithPath: s).standardizedFileURL.resolvingSymlinksInPath().path == out {
          throw ValidationError("\(s) is both an input and the output (-o); name another output file")
        }
      }
    }

    func run() throws {
      let created = !FileManager.default.fileExists(atPath: output)
      let added: Int, units: Int, runs: Int
      do {
        let inputs = try stores.map { try ResultsStore(path: $0, readOnly: true) }
        let out = try ResultsStore(path: output)
        added = try out.merge(from: inputs)
        (units, runs) = try out.counts()
      } catch {
        if created { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: output + suffix) } }
        throw error
      }
      print("merged \(stores.count) store\(stores.count == 1 ? "" : "s") into \(output): \(added) units added, \(units) units and \(runs) runs in all")
    }
  }
}

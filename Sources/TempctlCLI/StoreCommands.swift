import ArgumentParser
import ClassifierCore
import EmbeddingIO
import Foundation
import ResultsStore

extension Tempctl {
  /// `tempctl store ls|export`: what a results store holds, without the data that made it.
  struct Store: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "store",
      abstract: "Read a results store on its own: list what it holds, export its runs and optima.",
      discussion: "The store's schema, for querying it from pandas or sqlite3, is in docs/store.md.",
      subcommands: [List.self, Export.self])

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "Every set (name, content hash, shape) and configuration in the store, with its seeds, runs and unconverged runs.",
        discussion: """
          One row per (set, configuration). --format json prints one object per line: {"name", "set_hash", \\
          "n_train", "n_val", "dim", "classes", "config_hash", "protocol", "configuration", "seeds", "units", \\
          "runs", "unconverged_runs", "seconds"}; --format csv the same keys as columns.
          """)
      @Argument(help: "The store (default: --store, else tempctl.sqlite).") var path: String?
      @OptionGroup var storeOption: StoreOption
      @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

      func run() throws {
        let store = try StoreListing.open(path ?? storeOption.store)
        let holdings = try store.holdings()
        guard format == .table else { return MachineOutput.print(holdings.map(StoreListing.record), format: format) }
        let rows = holdings.map { h in
          [h.set.name, String(h.set.hash.prefix(12)), "\(h.set.trainCount)+\(h.set.validationCount)", "\(h.set.dimension)", "\(h.set.classCount)",
           String(h.configurationHash.prefix(8)), StoreListing.protocolName(h.configurationText),
           h.unfinishedBlocks == 0 ? StoreListing.seedList(h.seeds)
             : (h.seeds.isEmpty ? "none" : StoreListing.seedList(h.seeds)) + " (+\(h.unfinishedBlocks) block\(h.unfinishedBlocks == 1 ? "" : "s") of unfinished seeds)",
           "\(h.runs)", "\(h.unconvergedRuns)"]
        }
        print(TableRenderer.table(header: ["name", "set hash", "rows", "dim", "classes", "config", "protocol", "seeds", "runs", "unconverged"],
                                  rows: rows, rightAligned: [3, 4, 8, 9]))
        let configs = Dictionary(holdings.map { ($0.configurationHash, $0.configurationText) }, uniquingKeysWith: { a, _ in a })
        if !configs.isEmpty {
          print("\nconfigurations:")
          for (hash, text) in configs.sorted(by: { $0.key < $1.key }) { print("  \(hash.prefix(8))  \(text)") }
        }
        let (units, runs) = try store.counts()
        print("\n\(Set(holdings.map(\.set.hash)).count) sets, \(configs.count) configurations, \(units) units, \(runs) runs in \(store.path)")
      }
    }

    struct Export: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the store's runs or optima as CSV or JSON Lines, with no data files needed.",
        discussion: """
          --what runs: one record per run (set, seed, α): the keys of `optimum --runs` plus set_hash and \\
          config_hash. --what optima: one record per (set, configuration): the keys of `optimum` plus \\
          set_hash and config_hash. --set and --config narrow both.
          """)
      @Argument(help: "The store (default: --store, else tempctl.sqlite).") var path: String?
      @OptionGroup var storeOption: StoreOption
      @Option(help: "What to export: runs or optima.") var what: What = .optima
      @Option(help: "Output format: csv or json (JSON Lines).") var format: OutputFormat = .csv
      @Option(name: .customLong("set"), help: "Only sets of this name (repeatable).") var setNames: [String] = []
      @Option(name: .customLong("config"), help: "Only the configuration with this hash or hash prefix.") var configHash: String?
      @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output: String?

      enum What: String, ExpressibleByArgument, CaseIterable { case runs, optima }

      func validate() throws {
        if format == .table { throw ValidationError("store export writes csv or json; for a table use `tempctl optimum --store S` or `tempctl store ls`") }
      }

      func run() throws {
        let store = try StoreListing.open(path ?? storeOption.store)
        let holdings = try StoreListing.select(try store.holdings(), sets: setNames, config: configHash, store: store.path)
        var records: [JSONValue] = []
        switch what {
        case .optima:
          records = try StoreListing.optima(store, holdings).map(\.record)
        case .runs:
          for h in holdings {
            let bySeed = try store.runs(setHash: h.set.hash, configurationHash: h.configurationHash)
            for seed in h.seeds {
              for r in bySeed[seed] ?? [] {
                records.append(StoreListing.keyed(Optimum.runRecord(name: h.set.name, seed: seed, run: r), h))
              }
            }
          }
        }
        let text = format == .json ? MachineOutput.jsonLines(records) : MachineOutput.csv(records)
        guard let output else { return print(text) }
        try OutputFile.writing(output) { try (text + "\n").write(toFile: output, atomically: true, encoding: .utf8) }
        FileHandle.standardError.write(Data("wrote \(records.count) \(what.rawValue == "runs" ? "runs" : "optima") to \(output)\n".utf8))
      }
    }
  }
}

/// Reading a store without its data: what it holds, narrowed by name and configuration, and the
/// optimum of each (set, configuration) from its runs.
enum StoreListing {
  /// A store that must exist, opened read-only; `hint` follows "no such store" when it does not.
  static func open(_ path: String, hint: String? = nil) throws -> ResultsStore {
    guard FileManager.default.fileExists(atPath: path) else { throw CLIError("\(path): no such store" + (hint.map { "; " + $0 } ?? "")) }
    return try ResultsStore(path: path, readOnly: true)
  }

  /// The holdings of the named sets (all when none) and of the configuration whose hash starts with `config`.
  static func select(_ all: [ResultsStore.Holding], sets: [String], config: String?, store: String) throws -> [ResultsStore.Holding] {
    var out = all
    if !sets.isEmpty {
      let unknown = sets.filter { n in !all.contains { $0.set.name == n } }
      if !unknown.isEmpty {
        throw CLIError("\(store) holds no set named \(unknown.map { "'\($0)'" }.joined(separator: ", ")) (it holds: \(Set(all.map(\.set.name)).sorted().joined(separator: ", ")))")
      }
      out = out.filter { sets.contains($0.set.name) }
    }
    if let config {
      out = out.filter { $0.configurationHash.hasPrefix(config) }
      if out.isEmpty { throw CLIError("\(store) holds no configuration whose hash starts with '\(config)' (see `tempctl store ls`)") }
    }
    return out
  }

  /// One (set, configuration): α*, its plateau and the accuracy curve, as `optimum` prints them.
  static func optima(_ store: ResultsStore, _ holdings: [ResultsStore.Holding]) throws -> [(holding: ResultsStore.Holding, estimate: OptimumEstimate, record: JSONValue)] {
    try holdings.compactMap { h in
      let runs = try store.runs(setHash: h.set.hash, configurationHash: h.configurationHash)
      let perSeed = h.seeds.compactMap { runs[$0] }
      guard let est = OptimumEstimate(runs: perSeed) else { return nil }
      return (h, est, keyed(Tempctl.Optimum.record(name: h.set.name, estimate: est, runs: perSeed, protocol: trainingProtocol(h.configurationText)), h))
    }
  }

  /// A record with the holding's `set_hash` and `config_hash` after its first key (`name`).
  static func keyed(_ record: JSONValue, _ h: ResultsStore.Holding) -> JSONValue {
    guard case var .object(fields) = record else { return record }
    fields.insert(contentsOf: [("set_hash", .string(h.set.hash)), ("config_hash", .string(h.configurationHash))], at: min(1, fields.count))
    return .object(fields)
  }

  static func record(_ h: ResultsStore.Holding) -> JSONValue {
    .object([("name", .string(h.set.name)), ("set_hash", .string(h.set.hash)), ("n_train", .int(h.set.trainCount)),
             ("n_val", .int(h.set.validationCount)), ("dim", .int(h.set.dimension)), ("classes", .int(h.set.classCount)),
             ("config_hash", .string(h.configurationHash)), ("protocol", .string(protocolName(h.configurationText))),
             ("configuration", .string(h.configurationText)), ("seeds", .array(h.seeds.map { .int(Int($0)) })),
             ("units", .int(h.seeds.count)), ("runs", .int(h.runs)), ("unconverged_runs", .int(h.unconvergedRuns)),
             ("seconds", .number(h.seconds))])
  }

  static func trainingProtocol(_ text: String) -> TrainingProtocol { text.hasPrefix("protocol=converged") ? .converged : .paper }
  static func protocolName(_ text: String) -> String { trainingProtocol(text).rawValue }

  /// Seeds as ranges: 0-4,7.
  static func seedList(_ seeds: [UInt64]) -> String {
    var parts: [String] = [], i = 0
    while i < seeds.count {
      var j = i
      while j + 1 < seeds.count, seeds[j + 1] == seeds[j] + 1 { j += 1 }
      parts.append(j > i ? "\(seeds[i])-\(seeds[j])" : "\(seeds[i])")
      i = j + 1
    }
    return parts.joined(separator: ",")
  }
}

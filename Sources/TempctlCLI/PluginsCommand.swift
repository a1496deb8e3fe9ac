import ArgumentParser
import EmbeddingIO
import PluginHost
import StatPlugins
import Study

extension Tempctl {
  /// `tempctl plugins`: every registered statistic (or heuristic), what it needs, and whether it
  /// is enabled.
  struct Plugins: RegistryCommand {
    static let configuration = CommandConfiguration(
      commandName: "plugins",
      abstract: "List the registered statistics (id, description, context pieces needed, enabled or not), or with --heuristics the registered heuristics (id, inputs, formula).")

    @OptionGroup var plugins: PluginsOption
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
    @Flag(help: "List the heuristics the study compares instead of the statistics.") var heuristics = false

    func run(with registries: Registries) throws {
      if heuristics { return listHeuristics(registries.heuristics) }
      let file = try plugins.load(registries.statistics)
      let statistics = registries.statistics.statistics
      let enabled = Dictionary(file.entries.map { ($0.id, $0.enabled) }, uniquingKeysWith: { a, _ in a })
      let header = ["id", "enabled", "needs", "options", "description"]
      let rows: [[String]] = statistics.map { s in
        [s.id, (enabled[s.id] ?? false) ? "yes" : "no",
         s.requirements.map(\.rawValue).sorted().joined(separator: " "),
         s.options.map { "\($0.name)=\(PluginOptions.show($0.defaultValue))" }.joined(separator: " "),
         s.summary]
      }
      switch format {
      case .table:
        print(TableRenderer.table(header: header, rows: rows))
        print("\n\(file.enabled.count) of \(statistics.count) enabled (from \(file.path))")
      case .csv, .json:
        MachineOutput.print(statistics.map { s in
          .object([("id", .string(s.id)), ("enabled", .bool(enabled[s.id] ?? false)),
                   ("needs", .array(s.requirements.map(\.rawValue).sorted().map { .string($0) })),
                   ("options", .object(s.options.map { ($0.name, .string(PluginOptions.show($0.defaultValue))) })),
                   ("description", .string(s.summary))])
        }, format: format)
      }
    }

    /// Inputs in words: "statistic pca_90", "learned temperature", "fitted model (best k)".
    static func inputs(_ h: any TemperatureHeuristic.Type) -> [String] {
      h.inputs.map { kind -> String in
        switch kind {
        case .statistic(let id): return "statistic \(id)"
        case .learnedTemperature: return "learned temperature"
        case .fittedModel(let m): return "fitted model (\(m))"
        }
      }.sorted()
    }

    func listHeuristics(_ registry: HeuristicRegistry) {
      switch format {
      case .table:
        print(TableRenderer.table(header: ["id", "reads", "formula"],
                                  rows: registry.heuristics.map { [$0.id, Self.inputs($0).joined(separator: ", "), $0.summary] }))
      case .csv, .json:
        MachineOutput.print(registry.heuristics.map { h in
          .object([("id", .string(h.id)), ("reads", .array(Self.inputs(h).map { .string($0) })), ("formula", .string(h.summary))])
        }, format: format)
      }
    }
  }
}

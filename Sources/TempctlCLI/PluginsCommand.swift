import EmbeddingIO
import ArgumentParser
import PluginHost
import StatPlugins

extension Tempctl {
  /// `tempctl plugins`: every registered statistic, what it needs, and whether it is enabled.
  struct Plugins: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plugins",
      abstract: "List the registered statistics: id, description, context pieces needed, enabled or not.")

    @OptionGroup var plugins: PluginsOption
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

    func run() throws {
      let file = try plugins.load()
      let enabled = Dictionary(file.entries.map { ($0.id, $0.enabled) }, uniquingKeysWith: { a, _ in a })
      let header = ["id", "enabled", "needs", "options", "description"]
      let rows: [[String]] = Tempctl.registry.statistics.map { s in
        [s.id, (enabled[s.id] ?? false) ? "yes" : "no",
         s.requirements.map(\.rawValue).sorted().joined(separator: " "),
         s.options.map { "\($0.name)=\(PluginOptions.show($0.defaultValue))" }.joined(separator: " "),
         s.summary]
      }
      switch format {
      case .table:
        print(TableRenderer.table(header: header, rows: rows))
        print("\n\(file.enabled.count) of \(Tempctl.registry.statistics.count) enabled (from \(file.path))")
      case .csv, .json:
        MachineOutput.print(Tempctl.registry.statistics.map { s in
          .object([("id", .string(s.id)), ("enabled", .bool(enabled[s.id] ?? false)),
                   ("needs", .array(s.requirements.map(\.rawValue).sorted().map { .string($0) })),
                   ("options", .object(s.options.map { ($0.name, .string(PluginOptions.show($0.defaultValue))) })),
                   ("description", .string(s.summary))])
        }, format: format)
      }
    }
  }
}


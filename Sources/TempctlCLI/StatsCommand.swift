import ArgumentParser
import EmbeddingIO
import Foundation
import PluginHost
import StatPlugins
import StudyEngine

extension Tempctl {
  /// `tempctl stats`: the enabled statistics of each embedding set.
  struct Stats: RegistryCommand {
    static let configuration = CommandConfiguration(
      commandName: "stats",
      abstract: "Compute the enabled statistics of embedding sets.",
      discussion: """
        Prints one block per set (table), one JSON object per set and line (json):
        {"name", "n_train", "n_val", "statistics": {"<id>": number or null}, "missing": {"<id>": "reason"}, "notes": {"<id>": "note"}},
        or the same as CSV (name, n_train, n_val, one column per statistic id, missing, notes).
        A statistic that cannot be computed on the data is null (an empty CSV cell), with its reason under "missing".
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var plugins: PluginsOption
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
    @Option(help: "Compute only these statistics (comma-separated ids).") var only: String?
    @Flag(help: "No progress output.") var quiet = false

    func validate() throws { try data.requireSets() }

    func run(with registries: Registries) throws {
      var file = try plugins.load(registries.statistics)
      if let only { file = try file.restricted(to: only.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }, registry: registries.statistics) }
      let composer = FeatureVectorComposer(file)
      // The byte checks run beside the statistics' first pass; compute(_:) waits for them.
      let sources = try data.sources(deferringChecks: true)
      let progress = ProgressReporter(total: sources.count, quiet: quiet || sources.count < 2)
      var reports: [StatisticsReport] = []
      var failures = PerSetFailures()
      for s in sources {
        progress.begin(s.name)
        let t0 = Date()
        failures.attempt(s.name) {
          let report = try composer.compute(try s.load())
          progress.finish(s.name, detail: String(format: "%.2f s", Date().timeIntervalSince(t0)))
          if format == .json { print(Self.json(report).text); fflush(stdout) } else { reports.append(report) }
        }
      }
      guard format != .json else { try failures.finish(); return }
      if format == .csv {
        MachineOutput.print(reports.map(Self.json), format: .csv, inline: ["statistics"])
      } else {
        // Table: one block per set (statistics down, value and note across), readable for 23 ids.
        for r in reports {
          print("\(r.name)  (train \(r.trainCount), validation \(r.validationCount))")
          print(TableRenderer.table(header: ["statistic", "value", "note"],
                                    rows: r.values.map { [$0.id, Self.cell($0.value), $0.value.note ?? ""] }, rightAligned: [1]))
          print("")
        }
      }
      try failures.finish()
    }

    static func cell(_ v: StatisticValue) -> String {
      guard let x = v.number else { return "NA" }
      return String(format: "%.10g", x)
    }

    static func json(_ r: StatisticsReport) -> JSONValue {
      .object([
        ("name", .string(r.name)), ("n_train", .int(r.trainCount)), ("n_val", .int(r.validationCount)),
        ("statistics", .object(r.values.map { ($0.id, $0.value.number.map { .number($0) } ?? .null) })),
        ("missing", .object(r.values.compactMap { v in
          if case let .missing(reason) = v.value { return (v.id, .string(reason)) } else { return nil }
        })),
        ("notes", .object(r.values.compactMap { v in
          if case let .value(_, note?) = v.value { return (v.id, .string(note)) } else { return nil }
        })),
      ])
    }
  }
}

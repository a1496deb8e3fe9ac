import ArgumentParser
import Foundation
import PluginHost
import StatPlugins

/// The `tempctl` command line. A user's own executable can run it with extra statistics:
///
/// ```swift
/// import TempctlCLI
/// Tempctl.main(statistics: BuiltInStatistics.all + [MyStatistic.self])
/// ```
public struct Tempctl: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "tempctl",
    abstract: "Which softmax temperature should a linear probe use on these embeddings?",
    discussion: """
      Measures the empirically optimal temperature α* of a cosine linear probe (sweep, optimum), \
      computes cheap statistics of embedding sets (stats), learns which statistics predict α* and \
      compares published heuristics with it in accuracy (study, correlate, select, compare, report), \
      and suggests α for a new set in seconds (suggest). Inputs: .npz, .npy pairs, .csv; see docs/.
      """,
    subcommands: [RunStudy.self, Plugins.self, Stats.self, Sweep.self, Optimum.self, Correlate.self, Select.self, Compare.self,
                  Suggest.self, Report.self, Merge.self, Synth.self])

  public init() {}

  /// The registry the commands use: the built-ins unless `main(statistics:)` bound another.
  @TaskLocal public static var registry: PluginRegistry = .builtIn

  /// Runs the CLI with `statistics` registered instead of the built-ins (pass
  /// `BuiltInStatistics.all + [Yours.self]` to add to them).
  public static func main(statistics: [any DatasetStatistic.Type], arguments: [String]? = nil) {
    do {
      let registry = try PluginRegistry(statistics)
      $registry.withValue(registry) { main(arguments) }
    } catch {
      exit(withError: ValidationError("\(error)"))
    }
  }
}

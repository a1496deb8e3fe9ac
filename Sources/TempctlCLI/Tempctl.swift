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
      Computes cheap statistics of embedding sets (.npz, .npy pairs, .csv), which the study \
      relates to the empirically optimal softmax temperature. See docs/ for formats and the \
      statistics, and `tempctl plugins` for what is registered.
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

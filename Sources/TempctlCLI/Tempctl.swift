import ArgumentParser
import Foundation
import PluginHost
import StatPlugins
import Study
import StudyEngine

/// The `tempctl` command line. A user's own executable can run it with extra statistics and
/// heuristics (Examples/CustomStatistic, Examples/CustomHeuristic):
///
/// ```swift
/// import TempctlCLI
/// Tempctl.main(statistics: BuiltInStatistics.all + [MyStatistic.self],
///              heuristics: BuiltInHeuristics.all + [MyHeuristic.self])
/// ```
public struct Tempctl: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "tempctl",
    abstract: "Which softmax temperature should a linear probe use on these embeddings?",
    discussion: """
      Measures the empirically optimal temperature α* of a cosine linear probe (sweep, optimum), \
      computes cheap statistics of embedding sets (stats), learns which statistics predict α* and \
      compares published heuristics with it in accuracy (study, correlate, select, compare, report), \
      and suggests α for a new set in seconds (suggest). Inputs: .npz, .safetensors, HDF5, .npy pairs, .csv; see docs/.
      """,
    version: Tempctl.version,
    subcommands: [RunStudy.self, Plugins.self, Stats.self, Sweep.self, Optimum.self, Correlate.self, Select.self, Compare.self,
                  Suggest.self, Report.self, Merge.self, Store.self, Synth.self])

  public init() {}

  /// The release, printed by `tempctl --version` and recorded nowhere else.
  public static let version = "0.5.0"

  /// Runs the CLI with these statistics and heuristics registered instead of the built-ins
  /// (pass `BuiltInStatistics.all + [Yours.self]`, `BuiltInHeuristics.all + [Yours.self]` to add
  /// to them). A duplicate or malformed id is refused with one line.
  public static func main(statistics: [any DatasetStatistic.Type] = BuiltInStatistics.all,
                          heuristics: [any TemperatureHeuristic.Type] = BuiltInHeuristics.all, arguments: [String]? = nil) {
    let registries: Registries
    do {
      registries = Registries(statistics: try PluginRegistry(statistics), heuristics: try HeuristicRegistry(heuristics))
    } catch {
      fail(with: "\(error)", code: .validationFailure)
    }
    runWithOneLineErrors(arguments, registries: registries)
  }

  /// Parses and runs the command line. Help and `--version` print as usual; every error —
  /// a bad option or a failure while running — is one line on standard error (`Error: …`, the
  /// help pointer on the same line for a bad option) and a non-zero exit, never a usage dump.
  public static func runWithOneLineErrors(_ arguments: [String]? = nil, registries: Registries = .builtIn) -> Never {
    do {
      var command = try parseAsRoot(arguments)
      if let command = command as? any RegistryCommand { try command.run(with: registries) } else { try command.run() }
      exit()
    } catch is SetsFailed {
      Foundation.exit(1)   // each failed set already has its line
    } catch {
      let code = exitCode(for: error)
      let type = String(reflecting: Swift.type(of: error))
      let message = type.hasPrefix("ArgumentParser.") ? self.message(for: error) : ErrorText.line(for: error)
      if code == .success || message.isEmpty { exit(withError: error) }
      var line = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? message
      if code == .validationFailure {
        let sub = (arguments ?? Array(CommandLine.arguments.dropFirst())).first { !$0.hasPrefix("-") } ?? ""
        let known = configuration.subcommands.contains { $0._commandName == sub }
        line += " (see tempctl\(known ? " " + sub : "") --help)"
      }
      fail(with: line, code: code)
    }
  }

  private static func fail(with line: String, code: ExitCode) -> Never {
    FileHandle.standardError.write(Data(("Error: " + line + "\n").utf8))
    Foundation.exit(code.rawValue)
  }
}

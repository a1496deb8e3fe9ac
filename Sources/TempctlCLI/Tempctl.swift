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
      and suggests α for a new set in seconds (suggest). Inputs: .npz, .safetensors, HDF5, .npy pairs, .csv; see docs/.
      """,
    version: Tempctl.version,
    subcommands: [RunStudy.self, Plugins.self, Stats.self, Sweep.self, Optimum.self, Correlate.self, Select.self, Compare.self,
                  Suggest.self, Report.self, Merge.self, Store.self, Synth.self])

  public init() {}

  /// The release, printed by `tempctl --version` and recorded nowhere else.
  public static let version = "0.5.0"

  /// The registry the commands use: the built-ins unless `main(statistics:)` bound another.
  @TaskLocal public static var registry: PluginRegistry = .builtIn

  /// Runs the CLI with `statistics` registered instead of the built-ins (pass
  /// `BuiltInStatistics.all + [Yours.self]` to add to them).
  public static func main(statistics: [any DatasetStatistic.Type], arguments: [String]? = nil) {
    do {
      let registry = try PluginRegistry(statistics)
      $registry.withValue(registry) { runWithOneLineErrors(arguments) }
    } catch {
      fail(with: "\(error)", code: .validationFailure)
    }
  }

  /// Parses and runs the command line. Help and `--version` print as usual; every error —
  /// a bad option or a failure while running — is one line on standard error (`Error: …`, the
  /// help pointer on the same line for a bad option) and a non-zero exit, never a usage dump.
  public static func runWithOneLineErrors(_ arguments: [String]? = nil) -> Never {
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      exit()
    } catch {
      let code = exitCode(for: error)
      let type = String(reflecting: Swift.type(of: error))
      let message = type.hasPrefix("ArgumentParser.") ? self.message(for: error) : Diagnostics.line(for: error)
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

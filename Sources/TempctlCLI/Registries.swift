import ArgumentParser
import PluginHost
import StatPlugins
import Study

/// The statistics and heuristics a `tempctl` knows: one explicit value, made once in
/// `Tempctl.main(statistics:heuristics:)` and handed to the command that runs — there is no
/// ambient registry.
public struct Registries: Sendable {
  public let statistics: PluginRegistry
  public let heuristics: HeuristicRegistry

  public init(statistics: PluginRegistry, heuristics: HeuristicRegistry) {
    self.statistics = statistics; self.heuristics = heuristics
  }

  /// The built-in statistics and heuristics.
  public static let builtIn = Registries(statistics: .builtIn, heuristics: .builtIn)
}

/// A command that reads the registries: `Tempctl` runs it with the program's (`run(with:)`);
/// its plain `run()` — for a caller that parsed it alone — uses the built-ins.
protocol RegistryCommand: ParsableCommand {
  func run(with registries: Registries) throws
}

extension RegistryCommand {
  func run() throws { try run(with: .builtIn) }
}

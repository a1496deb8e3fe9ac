import Foundation

/// Trains one (set, seed) unit under the configuration's protocol: `ConvergedTrainer` or the
/// paper's `SeedTrainer`.
public enum UnitTraining {
  /// Progress of a unit: the fraction done in [0, 1] and a short text ("α 12/51", "epoch 30/200").
  public typealias Progress = (_ fraction: Double, _ text: String) -> Void

  /// The unit's runs under its protocol, one per temperature (and the learned slot).
  /// - Complexity: that of the protocol's trainer (`ConvergedTrainer.run`, `SeedTrainer.run`).
  public static func run(data: PreparedSplit, configuration: TrainingConfiguration, seed: UInt64,
                         progress: Progress? = nil) -> [RunResult] {
    switch configuration.trainingProtocol {
    case .converged:
      return ConvergedTrainer(data: data, configuration: configuration, seed: seed).run(progress: converged(progress))
    case .paper:
      return SeedTrainer(data: data, configuration: configuration, seed: seed).run { epoch, epochs, best in
        progress?(Double(epoch) / Double(Swift.max(epochs, 1)), "epoch \(epoch)/\(epochs) best \(String(format: "%.3f", best))")
      }
    }
  }

  /// The grid blocks `blocks` of a blocked unit (`ConvergedTrainer.runBlocks`): each block's
  /// slots in the unit and its runs.
  public static func runBlocks(_ trainer: ConvergedTrainer, _ blocks: [Int], progress: Progress? = nil) -> [(slots: [Int], runs: [RunResult])] {
    let slots = trainer.blockSlots
    return zip(blocks, trainer.runBlocks(blocks, progress: converged(progress))).map { (slots[$0], $1) }
  }

  /// The extension block of a blocked unit after its grid's runs (`ConvergedTrainer.runExtension`):
  /// its slots (after the grid's) and its runs.
  public static func runExtension(_ trainer: ConvergedTrainer, after grid: [RunResult], progress: Progress? = nil) -> (slots: [Int], runs: [RunResult]) {
    let runs = trainer.runExtension(after: grid, progress: converged(progress, "extension "))
    let first = trainer.configuration.alphas.count
    return (Array(first..<(first + runs.count)), runs)
  }

  /// A unit's progress from the converged trainer's (temperatures finished, known so far).
  static func converged(_ progress: Progress?, _ prefix: String = "") -> ConvergedTrainer.Progress {
    { done, total in progress?(Double(done) / Double(Swift.max(total, 1)), "\(prefix)α \(done)/\(total) converged") }
  }
}

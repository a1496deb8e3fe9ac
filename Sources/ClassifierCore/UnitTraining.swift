import Foundation

/// Trains one (set, seed) unit under the configuration's protocol: `ConvergedTrainer` or the
/// paper's `SeedTrainer`.
public enum UnitTraining {
  /// Progress of a unit: the fraction done in [0, 1] and a short text ("α 12/51", "epoch 30/200").
  public typealias Progress = (_ fraction: Double, _ text: String) -> Void

  public static func run(data: PreparedSplit, configuration: TrainingConfiguration, seed: UInt64,
                         progress: Progress? = nil) -> [RunResult] {
    switch configuration.trainingProtocol {
    case .converged:
      return ConvergedTrainer(data: data, configuration: configuration, seed: seed).run { done, total in
        progress?(Double(done) / Double(Swift.max(total, 1)), "α \(done)/\(total) converged")
      }
    case .paper:
      return SeedTrainer(data: data, configuration: configuration, seed: seed).run { epoch, epochs, best in
        progress?(Double(epoch) / Double(Swift.max(epochs, 1)), "epoch \(epoch)/\(epochs) best \(String(format: "%.3f", best))")
      }
    }
  }
}

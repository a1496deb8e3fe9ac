/// The outcome of training at one temperature for one seed.
public struct RunResult: Sendable, Equatable, Codable {
  /// The temperature trained (for a learned slot: its initial value).
  public var alpha: Double
  /// True for the learned-temperature slot.
  public var learned: Bool
  /// Best validation accuracy over epochs (what the paper tracks), in [0, 1].
  public var bestAccuracy: Double
  /// 1-based epoch of the best accuracy (the first, on ties).
  public var bestEpoch: Int
  /// Validation accuracy after the last epoch.
  public var finalAccuracy: Double
  /// Mean training loss over the last epoch (of the loss as optimised: divided by α when rescaled).
  public var finalLoss: Double
  /// The α at the end (differs from `alpha` only for a learned slot).
  public var finalAlpha: Double
  /// Validation accuracy after each epoch.
  public var curve: [Double]

  public init(alpha: Double, learned: Bool, bestAccuracy: Double, bestEpoch: Int, finalAccuracy: Double,
              finalLoss: Double, finalAlpha: Double, curve: [Double]) {
    self.alpha = alpha; self.learned = learned; self.bestAccuracy = bestAccuracy; self.bestEpoch = bestEpoch
    self.finalAccuracy = finalAccuracy; self.finalLoss = finalLoss; self.finalAlpha = finalAlpha; self.curve = curve
  }
}

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
  /// Validation accuracy after each epoch (paper protocol; empty for converged runs).
  public var curve: [Double]
  /// Converged protocol: whether the run met its `ConvergenceCriterion` (true for paper runs,
  /// which have no criterion).
  public var converged: Bool = true
  /// Converged protocol: L-BFGS iterations (paper protocol: 0).
  public var iterations: Int = 0
  /// Converged protocol: max|R| of the final iterate, R the Riemannian gradient (paper: NaN).
  public var gradientNorm: Double = .nan
  /// Converged protocol: each validation row's correctness, "1"/"0" in row order (for the paired
  /// plateau test); empty for paper runs.
  public var validationCorrect: String = ""

  /// Field by field; two NaN gradient norms (paper runs) are equal.
  public static func == (a: RunResult, b: RunResult) -> Bool {
    a.alpha == b.alpha && a.learned == b.learned && a.bestAccuracy == b.bestAccuracy && a.bestEpoch == b.bestEpoch
      && a.finalAccuracy == b.finalAccuracy && a.finalLoss == b.finalLoss && a.finalAlpha == b.finalAlpha && a.curve == b.curve
      && a.converged == b.converged && a.iterations == b.iterations && a.validationCorrect == b.validationCorrect
      && (a.gradientNorm == b.gradientNorm || (a.gradientNorm.isNaN && b.gradientNorm.isNaN))
  }

  public init(alpha: Double, learned: Bool, bestAccuracy: Double, bestEpoch: Int, finalAccuracy: Double,
              finalLoss: Double, finalAlpha: Double, curve: [Double]) {
    self.alpha = alpha; self.learned = learned; self.bestAccuracy = bestAccuracy; self.bestEpoch = bestEpoch
    self.finalAccuracy = finalAccuracy; self.finalLoss = finalLoss; self.finalAlpha = finalAlpha; self.curve = curve
  }
}

/// One row of Table 1: a feature-selection rule evaluated out of fold on one `HoldOutAxis`.
///
/// Intervals are 95 % percentile bootstrap intervals (`GroupResampling`, 2000 resamples): of the
/// median fold correlation over the folds; of the pooled r and the median regret over the
/// **dataset** groups on either axis (the sets of one dataset share their images or texts).
public struct SelectionRow: Sendable {
  /// "best single statistic", "4 best", "all statistics".
  public let label: String
  public let k: Int?
  public let axis: HoldOutAxis
  /// Median over folds of the per-fold r of predicted against observed target.
  public let medianCorrelation: Double
  public let medianCorrelationInterval: (low: Double, high: Double)
  public let meanCorrelation: Double
  public let stdCorrelation: Double
  /// The permutation test of the whole pipeline (`PipelinePermutationTest`) for the median fold
  /// r; nil when not run.
  public let permutationP: Double?
  /// Pearson r of all out-of-fold predictions against α* (target scale), pooled over folds.
  public let pooledCorrelation: Double
  public let pooledCorrelationInterval: (low: Double, high: Double)
  /// The same permutation test for the pooled r.
  public let pooledPermutationP: Double?
  public let permutations: Int
  /// Mean |α̂ − α*| over sets (α scale).
  public let meanAbsoluteError: Double
  /// Median over sets of 100·(acc(α*) − acc(α̂)), acc(α̂) measured by training at α̂ — the
  /// regret `compare` reports for the same α.
  public let medianRegret: Double
  public let medianRegretInterval: (low: Double, high: Double)
  /// The regret of every set, by name.
  public let regrets: [String: Double]
  public let foldsUsed: Int
  public let foldsSkipped: [String]
  /// How many folds selected each statistic.
  public let selectionCounts: [(id: String, folds: Int)]
  /// Mean pairwise Jaccard index of the folds' selections (1: every fold chose the same).
  public let selectionStability: Double
  /// The ridge penalty each fold chose, by held-out fold.
  public let penalties: [String: Double]
  /// Out-of-fold predicted α per set name.
  public let predictions: [String: Double]
}

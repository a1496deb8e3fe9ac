/// `feats_corr`: how far the features are from uncorrelated,
/// (1/d²) Σ_ij (R_ij − I_ij)², R the d × d Pearson correlation matrix of the training split.
///
/// Reference: `((np.corrcoef(Xt.T) - I)**2).mean()`, with the convention that a constant column
/// correlates 0 with every other column (numpy gives NaN) and 1 with itself, so dead dimensions
/// add nothing. Needs N_t ≥ 2.
/// - Complexity: O(N_t·d²) for the shared correlation matrix.
public struct FeatureCorrelation: DatasetStatistic {
  public static let id = "feats_corr"
  public static let summary = "mean squared off-diagonal Pearson correlation between features"
  public static let requirements: Set<ContextRequirement> = [.correlationMatrix]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    guard context.trainCount >= 2 else { return .missing(reason: "needs at least 2 training samples") }
    let r = try context.correlationMatrix()
    let d = r.rows
    var total = 0.0
    for i in 0..<d { for j in 0..<d where i != j { total += r[i, j] * r[i, j] } }
    return .value(total / Double(d * d))
  }
}

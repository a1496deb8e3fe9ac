/// `mean`: the mean of every value of X over both splits, (1/(N·d)) Σ x_ij.
/// Reference: `X.mean()` on float64. Closed form.
public struct Mean: DatasetStatistic {
  public static let id = "mean"
  public static let summary = "mean of every value of X (train ∪ validation)"
  public static let requirements: Set<ContextRequirement> = [.globalMoments]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue { .value(try context.globalMoments().allMean) }
}

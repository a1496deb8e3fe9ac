/// `var`: the variance (ddof 0) of every value of X over both splits, (1/(N·d)) Σ (x_ij − x̄)².
/// Reference: `X.var()` on float64. Two-pass; closed form.
public struct Variance: DatasetStatistic {
  public static let id = "var"
  public static let summary = "variance of every value of X, ddof 0 (train ∪ validation)"
  public static let requirements: Set<ContextRequirement> = [.globalMoments]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue { .value(try context.globalMoments().allVariance) }
}

/// `train_std`: the standard deviation (ddof 0) of every value of the training split.
/// Reference: `Xt.std()`.
public struct TrainStd: DatasetStatistic {
  public static let id = "train_std"
  public static let summary = "standard deviation of every value of the training split, ddof 0"
  public static let requirements: Set<ContextRequirement> = [.globalMoments]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    .value(try context.globalMoments().trainVariance.squareRoot())
  }
}

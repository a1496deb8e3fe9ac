/// `train_mean`: the mean of every value of the training split. Reference: `Xt.mean()`.
public struct TrainMean: DatasetStatistic {
  public static let id = "train_mean"
  public static let summary = "mean of every value of the training split"
  public static let requirements: Set<ContextRequirement> = [.globalMoments]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue { .value(try context.globalMoments().trainMean) }
}

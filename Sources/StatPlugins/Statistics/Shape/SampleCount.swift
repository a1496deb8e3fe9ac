/// `n_samples`: N_t, the number of training samples. Closed form.
public struct SampleCount: DatasetStatistic {
  public static let id = "n_samples"
  public static let summary = "number of training samples N_t"
  public static let requirements: Set<ContextRequirement> = []
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue { .value(Double(context.trainCount)) }
}

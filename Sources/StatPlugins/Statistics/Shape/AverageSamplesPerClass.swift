/// `avg_samp_class`: N_t / C, training samples per class. Closed form.
public struct AverageSamplesPerClass: DatasetStatistic {
  public static let id = "avg_samp_class"
  public static let summary = "training samples per class N_t / C"
  public static let requirements: Set<ContextRequirement> = []
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    .value(Double(context.trainCount) / Double(context.classCount))
  }
}

/// `n_classes`: C, the number of distinct labels in the embedding set (both splits). Closed form.
public struct ClassCount: DatasetStatistic {
  public static let id = "n_classes"
  public static let summary = "number of classes C"
  public static let requirements: Set<ContextRequirement> = []
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue { .value(Double(context.classCount)) }
}

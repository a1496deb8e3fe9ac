/// `dim`: d, the number of features. Closed form.
public struct Dimension: DatasetStatistic {
  public static let id = "dim"
  public static let summary = "number of feature dimensions d"
  public static let requirements: Set<ContextRequirement> = []
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue { .value(Double(context.dimension)) }
}

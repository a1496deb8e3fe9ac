import StatPlugins

/// `participation_ratio`: the effective number of dimensions of the training covariance,
/// (Σλ)² / Σλ², divided by d (1 for isotropic data, 1/d for data on a line).
struct ParticipationRatio: DatasetStatistic {
  static let id = "participation_ratio"
  static let summary = "effective dimensionality (Σλ)²/Σλ² of the covariance, divided by d"
  static let requirements: Set<ContextRequirement> = [.covarianceEigenvalues]

  init(options: PluginOptions) throws {}

  func compute(in context: StatisticContext) throws -> StatisticValue {
    let eigen = try context.covarianceEigenvalues().map { max($0, 0) }
    let squares = eigen.reduce(0) { $0 + $1 * $1 }
    guard squares > 0 else { return .missing(reason: "the training data have zero variance") }
    let sum = eigen.reduce(0, +)
    return .value(sum * sum / squares / Double(context.dimension))
  }
}

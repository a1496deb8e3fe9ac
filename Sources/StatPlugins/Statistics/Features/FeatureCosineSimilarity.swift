/// `feats_cos_sim`: mean cosine similarity between the (uncentred) feature columns of the training
/// split over pairs i < j: (2 / (d(d−1))) Σ_{i<j} ⟨x_i, x_j⟩ / (‖x_i‖‖x_j‖).
///
/// A pair with an all-zero column counts as 0 (dead dimensions are common in ReLU features).
/// Missing for d = 1 (no pairs).
/// - Complexity: O(N_t·d²) for the shared Gram matrix.
public struct FeatureCosineSimilarity: DatasetStatistic {
  public static let id = "feats_cos_sim"
  public static let summary = "mean cosine similarity between feature columns, pairs i < j"
  public static let requirements: Set<ContextRequirement> = [.gramMatrix]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let d = context.dimension
    guard d >= 2 else { return .missing(reason: "needs at least 2 dimensions (no column pairs)") }
    let g = try context.gramMatrix()
    let norms = (0..<d).map { g[$0, $0].squareRoot() }
    var total = 0.0
    for i in 0..<d where norms[i] > 0 {
      for j in (i + 1)..<d where norms[j] > 0 { total += g[i, j] / (norms[i] * norms[j]) }
    }
    return .value(total / Double(d * (d - 1) / 2))
  }
}

/// `davies_bouldin`: (1/C_t) Σ_c max_{c'≠c} (s_c + s_c') / ‖μ_c − μ_c'‖ on the training split,
/// s_c the mean Euclidean distance of class c's samples to its mean μ_c.
///
/// Reference: `sklearn.metrics.davies_bouldin_score(Xt, yt)`, with its conventions: 0 when every
/// s_c or every centroid distance is (close to) 0; a pair of coincident centroids is skipped
/// (distance treated as infinite). Needs 2 ≤ C_t ≤ N_t − 1, else missing.
/// - Complexity: O(C²·d) here; the spreads come from `ClassMeans`' pass over the rows (O(N_t·d)).
public struct DaviesBouldin: DatasetStatistic {
  public static let id = "davies_bouldin"
  public static let summary = "mean worst-case ratio of class spread to centroid separation"
  public static let requirements: Set<ContextRequirement> = [.classMeans]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let cm = try context.classMeans()
    let c = cm.classes.count, n = context.trainCount, d = context.dimension
    guard c >= 2, c <= n - 1 else { return .missing(reason: "needs 2 ≤ training classes ≤ N_t − 1, got \(c) classes for \(n) samples") }
    let spread = (0..<c).map { cm.withinDistanceSums[$0] / Double(cm.counts[$0]) }
    var centroid = [Double](repeating: 0, count: c * c)
    for a in 0..<c {
      for b in (a + 1)..<c {
        var s = 0.0
        for j in 0..<d { let v = cm.means[a, j] - cm.means[b, j]; s += v * v }
        centroid[a * c + b] = s.squareRoot(); centroid[b * c + a] = s.squareRoot()
      }
    }
    // numpy.allclose(v, 0): |v| ≤ 1e-8 (atol) for every element.
    if spread.allSatisfy({ abs($0) <= 1e-8 }) || centroid.allSatisfy({ abs($0) <= 1e-8 }) {
      return .value(0, note: "all spreads or all centroid distances are zero (scikit-learn's convention: 0)")
    }
    var total = 0.0
    for a in 0..<c {
      var worst = -Double.infinity
      for b in 0..<c where b != a {
        let dist = centroid[a * c + b]
        let r = dist == 0 ? 0 : (spread[a] + spread[b]) / dist
        worst = Swift.max(worst, r)
      }
      total += worst
    }
    return .value(total / Double(c))
  }
}

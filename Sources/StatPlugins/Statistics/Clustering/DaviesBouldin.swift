import Numerics

/// `davies_bouldin`: (1/C_t) Σ_c max_{c'≠c} (s_c + s_c') / ‖μ_c − μ_c'‖ on the training split,
/// s_c the mean Euclidean distance of class c's samples to its mean μ_c.
///
/// Reference: `sklearn.metrics.davies_bouldin_score(Xt, yt)`, with its conventions: 0 when every
/// s_c or every centroid distance is (close to) 0; a pair of coincident centroids is skipped
/// (distance treated as infinite). Needs 2 ≤ C_t ≤ N_t − 1, else missing.
/// - Complexity: O(N_t·d + C²·d); one streaming pass over the training rows.
public struct DaviesBouldin: DatasetStatistic {
  public static let id = "davies_bouldin"
  public static let summary = "mean worst-case ratio of class spread to centroid separation"
  public static let requirements: Set<ContextRequirement> = [.classMeans, .trainSamples]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let cm = try context.classMeans()
    let samples = try context.trainSamples()
    let c = cm.classes.count, n = context.trainCount, d = context.dimension
    guard c >= 2, c <= n - 1 else { return .missing(reason: "needs 2 ≤ training classes ≤ N_t − 1, got \(c) classes for \(n) samples") }
    var spread = samples.withRowTable { table in
      switch table {
      case let .float32(t): Self.distanceSums(t, labels: samples.labels, means: cm)
      case let .float64(t): Self.distanceSums(t, labels: samples.labels, means: cm)
      }
    }
    for k in 0..<c { spread[k] /= Double(cm.counts[k]) }
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

  /// Σ_{x ∈ X_c} ‖x − μ_c‖ for each listed class, streaming the rows in place.
  private static func distanceSums<T: BinaryFloatingPoint>(_ x: RowTable<T>, labels: [Int], means cm: ClassMeans) -> [Double] {
    let d = x.cols
    var sums = [Double](repeating: 0, count: cm.classes.count)
    for i in 0..<x.rows {
      let k = cm.rowOf[labels[i]], row = x.row(i)
      var s = 0.0
      for j in 0..<d { let v = Double(row[j]) - cm.means[k, j]; s += v * v }
      sums[k] += s.squareRoot()
    }
    return sums
  }
}

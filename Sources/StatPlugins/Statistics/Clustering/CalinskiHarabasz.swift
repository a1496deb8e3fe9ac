/// `calinski_harabasz`: the variance-ratio criterion on the training split with the true labels,
///
///     [Σ_c n_c ‖μ_c − μ‖² / (C − 1)] / [Σ_c Σ_{x∈X_c} ‖x − μ_c‖² / (N_t − C)]
///
/// Reference: `sklearn.metrics.calinski_harabasz_score(Xt, yt)`. As there, it is 1.0 when the
/// within-class dispersion is zero, and it needs 2 ≤ C_t ≤ N_t − 1 (C_t: classes in training),
/// else missing.
/// - Complexity: O(C·d) from the shared class means.
public struct CalinskiHarabasz: DatasetStatistic {
  public static let id = "calinski_harabasz"
  public static let summary = "between/within dispersion ratio (Calinski–Harabasz)"
  public static let requirements: Set<ContextRequirement> = [.classMeans]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let cm = try context.classMeans()
    let c = cm.classes.count, n = context.trainCount
    guard c >= 2, c <= n - 1 else { return .missing(reason: "needs 2 ≤ training classes ≤ N_t − 1, got \(c) classes for \(n) samples") }
    var extra = 0.0
    for k in 0..<c {
      var s = 0.0
      for j in 0..<cm.means.cols { let v = cm.means[k, j] - cm.overallMean[j]; s += v * v }
      extra += Double(cm.counts[k]) * s
    }
    let intra = cm.withinSumOfSquares.reduce(0, +)
    guard intra != 0 else { return .value(1.0, note: "zero within-class dispersion (scikit-learn's convention: 1)") }
    return .value(extra * Double(n - c) / (intra * Double(c - 1)))
  }
}

/// `avg_kurtosis`: the mean over dimensions of the excess kurtosis m4/m2² − 3 (Fisher, biased:
/// population moments), on the training split.
///
/// Reference: `np.nanmean(scipy.stats.kurtosis(Xt, axis=0))` (fisher=True, bias=True).
/// A column is constant, and skipped, under scipy's rule m2 ≤ (1e-15 · mean)²; the value's note
/// says how many were skipped. Missing when every column is constant.
/// (GSL's `gsl_stats_kurtosis` divides by the N−1 standard deviation and is not this number.)
/// - Complexity: O(N_t·d) from the shared column moments.
public struct AverageKurtosis: DatasetStatistic {
  public static let id = "avg_kurtosis"
  public static let summary = "mean excess kurtosis m4/m2² − 3 over dimensions (biased)"
  public static let requirements: Set<ContextRequirement> = [.columnMoments]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let m = try context.columnMoments()
    var total = 0.0, used = 0
    for j in m.mean.indices {
      let floor = 1e-15 * m.mean[j]
      guard m.m2[j] > floor * floor, m.maximum[j] > m.minimum[j] else { continue }
      total += m.m4[j] / (m.m2[j] * m.m2[j]) - 3
      used += 1
    }
    let skipped = m.mean.count - used
    guard used > 0 else { return .missing(reason: "every column is constant (kurtosis undefined)") }
    return .value(total / Double(used), note: skipped > 0 ? "\(skipped) constant column\(skipped == 1 ? "" : "s") skipped" : nil)
  }
}

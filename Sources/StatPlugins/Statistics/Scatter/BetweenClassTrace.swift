/// `sb_trace`: between-class spread, (1/C_t) Σ_c ‖μ_c − μ‖², μ the training mean (over samples).
///
/// Reference: `np.mean([((Xt[yt == c].mean(0) - Xt.mean(0))**2).sum() for c in classes])`.
/// - Complexity: O(C·d) from the shared class means.
public struct BetweenClassTrace: DatasetStatistic {
  public static let id = "sb_trace"
  public static let summary = "between-class spread: mean over classes of ‖μ_c − μ‖²"
  public static let requirements: Set<ContextRequirement> = [.classMeans]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let cm = try context.classMeans()
    var total = 0.0
    for k in 0..<cm.classes.count {
      for j in 0..<cm.means.cols { let c = cm.means[k, j] - cm.overallMean[j]; total += c * c }
    }
    return .value(total / Double(cm.classes.count))
  }
}

/// `sw_trace`: within-class spread, (1/C_t) Σ_c tr(Cov(X_c)) with Cov of ddof 0, i.e. the mean
/// over training classes of Σ_{x∈X_c} ‖x − μ_c‖² / n_c.
///
/// Reference: `np.mean([Xt[yt == c].var(0).sum() for c in classes])`. C_t counts the classes
/// present in the training split; a class with one sample contributes 0.
/// Note: the paper's text swaps the descriptions of sw_trace and sb_trace; this is the standard
/// meaning (w = within).
/// - Complexity: O(N_t·d) (from the shared class means).
public struct WithinClassTrace: DatasetStatistic {
  public static let id = "sw_trace"
  public static let summary = "within-class spread: mean over classes of tr(Cov(X_c)), ddof 0"
  public static let requirements: Set<ContextRequirement> = [.classMeans]
  public init(options: PluginOptions) throws {}
  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let cm = try context.classMeans()
    let total = zip(cm.withinSumOfSquares, cm.counts).reduce(0) { $0 + $1.0 / Double($1.1) }
    return .value(total / Double(cm.classes.count))
  }
}

import Numerics

/// `pca_50` … `pca_99`: 100 · k / d, where k is the number of principal components needed to
/// explain the threshold fraction of the variance of the training split: the smallest k whose
/// cumulative explained-variance ratio is strictly greater than the threshold.
///
/// Reference: scikit-learn ≥ 0.23, `PCA(n_components=t).fit(Xt).n_components_`
/// (`searchsorted(cumsum(ratio), t, side="right") + 1`). The eigenvalues come from one symmetric
/// eigen-decomposition of the d × d covariance (ddof 1), shared by all six thresholds; round-off
/// negatives are clamped to 0. Missing when N_t < 2 or the training data are constant. On the
/// fast `.mixed` covariance of `suggest`, a cumulative ratio within `GramPrecision.mixedRatioTolerance`
/// of the threshold throws `needsExactCovariance`, so the count is always the exact one.
/// - Complexity: O(N_t·d² + d³), shared.
public protocol PCAComponents: DatasetStatistic {
  static var threshold: Double { get }
}

extension PCAComponents {
  public static var id: String { "pca_\(Int((threshold * 100).rounded()))" }
  public static var summary: String { "100·k/d, k components explaining > \(Int((threshold * 100).rounded())) % of the variance" }
  public static var requirements: Set<ContextRequirement> { [.covarianceEigenvalues] }

  public func compute(in context: StatisticContext) throws -> StatisticValue {
    guard context.trainCount >= 2 else { return .missing(reason: "needs at least 2 training samples") }
    let eigen = try context.covarianceEigenvalues().map { Swift.max($0, 0) }
    let total = eigen.reduce(0, +)
    guard total > 0 else { return .missing(reason: "the training data have zero variance") }
    var cumulative = 0.0, below = 0.0
    var k = eigen.count
    for (i, v) in eigen.enumerated() {
      below = cumulative
      cumulative += v / total
      if cumulative > Self.threshold { k = i + 1; break }
    }
    if context.covariancePrecision == .mixed,
       Swift.min(cumulative - Self.threshold, Self.threshold - below) < GramPrecision.mixedRatioTolerance {
      throw StatisticError.needsExactCovariance(statistic: Self.id)
    }
    return .value(100 * Double(k) / Double(context.dimension))
  }
}

/// The six thresholds of SPEC §3, one type (and id) each.
public struct PCA50: PCAComponents { public static let threshold = 0.50; public init(options: PluginOptions) throws {} }
public struct PCA75: PCAComponents { public static let threshold = 0.75; public init(options: PluginOptions) throws {} }
public struct PCA80: PCAComponents { public static let threshold = 0.80; public init(options: PluginOptions) throws {} }
public struct PCA90: PCAComponents { public static let threshold = 0.90; public init(options: PluginOptions) throws {} }
public struct PCA95: PCAComponents { public static let threshold = 0.95; public init(options: PluginOptions) throws {} }
public struct PCA99: PCAComponents { public static let threshold = 0.99; public init(options: PluginOptions) throws {} }

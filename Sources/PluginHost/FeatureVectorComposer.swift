import EmbeddingIO
import Numerics
import StatPlugins

/// The statistics of one embedding set, in the enabled plugins' order.
public struct StatisticsReport: Sendable {
  public let name: String
  public let trainCount: Int
  public let validationCount: Int
  public let values: [(id: String, value: StatisticValue)]

  /// The feature vector (nil where a statistic is missing).
  public var vector: [Double?] { values.map { $0.value.number } }

  public func value(of id: String) -> StatisticValue? { values.first { $0.id == id }?.value }
}

/// Composes the enabled plugins into a feature vector: builds one `StatisticContext` with the
/// union of their requirements, then runs each plugin on a view restricted to what it declared.
public struct FeatureVectorComposer: Sendable {
  public let statistics: [ConfiguredStatistic]

  public init(_ file: PluginsFile) { statistics = file.enabled }
  public init(statistics: [ConfiguredStatistic]) { self.statistics = statistics.filter(\.enabled) }

  /// The union of the enabled statistics' requirements.
  public var requirements: Set<ContextRequirement> {
    statistics.reduce(into: Set()) { $0.formUnion($1.type.requirements) }
  }

  /// Computes every enabled statistic on `set`. A statistic that fails numerically is reported
  /// missing with the reason; reading an undeclared context piece is a programming error and throws.
  /// `covariance` is passed to `StatisticContext.build` (`.mixed` only for `suggest`); when a
  /// statistic cannot decide its value on the mixed covariance, everything is recomputed on the
  /// exact one, so the values are always those of the `.double` path.
  ///
  /// A set loaded with deferred byte checks (`LoadOptions.deferChecks`) is computed while they
  /// run; the report is returned only once they pass, and a failed check is thrown in place of
  /// any error the computation met on the damaged bytes.
  public func compute(_ set: EmbeddingSet, covariance: GramPrecision = .double) throws -> StatisticsReport {
    let report: StatisticsReport
    do { report = try computeUnverified(set, covariance: covariance) } catch {
      try set.verified()
      throw error
    }
    try set.verified()
    return report
  }

  private func computeUnverified(_ set: EmbeddingSet, covariance: GramPrecision) throws -> StatisticsReport {
    let context = try StatisticContext.build(for: set, requirements: requirements, covariance: covariance)
    var values: [(String, StatisticValue)] = []
    for s in statistics {
      let view = context.restricted(to: s.type.requirements, reader: s.id)
      do {
        var v = try s.instance.compute(in: view)
        if let n = v.number, !n.isFinite { v = .missing(reason: "the computation gave a non-finite value (\(n))") }
        values.append((s.id, v))
      } catch let e as StatisticError {
        switch e {
        case .undeclaredRequirement: throw e
        case .needsExactCovariance where covariance != .double: return try computeUnverified(set, covariance: .double)
        default: values.append((s.id, .missing(reason: e.description)))
        }
      }
    }
    return StatisticsReport(name: set.name, trainCount: set.trainCount, validationCount: set.validationCount,
                            values: values.map { (id: $0.0, value: $0.1) })
  }
}

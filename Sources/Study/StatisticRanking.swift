/// Statistics ranked by |r| with the target over some rows (the paper's Fig. 3).
public struct RankedStatistic: Sendable, Equatable {
  public let id: String
  public let correlation: Correlation
}

/// Ranking of statistics by the strength of their correlation with α*.
public enum StatisticRanking {
  /// Every id of `ids` with a defined correlation (present in every row, not constant), sorted by
  /// |r| descending; ties keep the order of `ids`.
  public static func rank(_ rows: [StudyRow], ids: [String], target: RegressionTarget) throws -> [RankedStatistic] {
    let y = rows.map { target.forward($0.alphaStar) }
    var out: [(Int, RankedStatistic)] = []
    for (i, id) in ids.enumerated() {
      let x = rows.compactMap { $0.statistics[id] }
      guard x.count == rows.count, let c = try Correlation(x, y) else { continue }
      out.append((i, RankedStatistic(id: id, correlation: c)))
    }
    out.sort { abs($0.1.correlation.r) != abs($1.1.correlation.r) ? abs($0.1.correlation.r) > abs($1.1.correlation.r) : $0.0 < $1.0 }
    return out.map(\.1)
  }
}

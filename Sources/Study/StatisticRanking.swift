/// Statistics ranked by |r| with the target over some rows (the paper's Fig. 3).
public struct RankedStatistic: Sendable, Equatable {
  public let id: String
  public let correlation: Correlation
}

/// Ranking of statistics by the strength of their correlation with α*.
public enum StatisticRanking {
  /// Every id of `ids` with a defined correlation (present in every row, not constant), sorted by
  /// |r| descending; ties keep the order of `ids` — the order every fold of the cross-validation
  /// selects by (`StatisticMatrix.ranked`), with each statistic's p-value.
  public static func rank(_ rows: [StudyRow], ids: [String], target: RegressionTarget) throws -> [RankedStatistic] {
    let matrix = StatisticMatrix(rows, ids: ids, target: target)
    let all = Array(rows.indices)
    return try matrix.ranked(all).map { j in
      RankedStatistic(id: ids[j], correlation: try Correlation(matrix.column(j, all), matrix.y)!)
    }
  }
}

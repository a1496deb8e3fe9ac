import Foundation

/// What the study knows of one embedding set: its group, statistics, α* and accuracy curve.
public struct StudyRow: Sendable {
  public var name: String
  /// The `dataset` group left out together in leave-one-dataset-out cross-validation.
  public var group: String
  /// The feature extractor's family (zoo.json's `family`, else its `extractor`), left out
  /// together in leave-one-extractor-family-out cross-validation (`HoldOutAxis.family`).
  public var family: String
  public var dimension: Int
  public var classCount: Int
  /// Statistic values by id (a missing statistic is absent).
  public var statistics: [String: Double]
  public var alphaStar: Double
  /// Mean best validation accuracy over seeds at α*.
  public var accuracyAtOptimum: Double
  /// Mean best accuracy for each α of the grid, ascending α.
  public var curve: [(alpha: Double, accuracy: Double)]
  /// Mean final α of the learned-temperature slot, if swept.
  public var learnedAlpha: Double?
  public var learnedAccuracy: Double?

  /// A set without a `family` is a family of its own.
  public init(name: String, group: String, family: String? = nil, dimension: Int, classCount: Int, statistics: [String: Double], alphaStar: Double,
              accuracyAtOptimum: Double, curve: [(alpha: Double, accuracy: Double)], learnedAlpha: Double? = nil, learnedAccuracy: Double? = nil) {
    self.name = name; self.group = group; self.family = family ?? name; self.dimension = dimension; self.classCount = classCount
    self.statistics = statistics; self.alphaStar = alphaStar; self.accuracyAtOptimum = accuracyAtOptimum
    self.curve = curve; self.learnedAlpha = learnedAlpha; self.learnedAccuracy = learnedAccuracy
  }

  /// Accuracy at the grid α nearest to `alpha` (on a log scale; ties to the smaller α).
  public func accuracy(nearest alpha: Double) -> Double {
    guard let best = curve.min(by: { abs(log($0.alpha) - log(alpha)) < abs(log($1.alpha) - log(alpha)) }) else { return .nan }
    return best.accuracy
  }
}

/// The regression target: α itself or its logarithm (the grid spans 1…250).
public enum RegressionTarget: String, Sendable, Codable, CaseIterable {
  case alpha
  case logAlpha = "log-alpha"

  public func forward(_ a: Double) -> Double { self == .alpha ? a : log(a) }
  public func inverse(_ v: Double) -> Double { self == .alpha ? v : exp(v) }
}

/// Statistic ids usable over `rows`: present (not missing) in every row, in `order`.
public func completeStatistics(_ rows: [StudyRow], order: [String]) -> [String] {
  order.filter { id in rows.allSatisfy { $0.statistics[id] != nil } }
}

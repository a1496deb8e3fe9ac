/// What one cross-validation fold holds out: every set of one dataset (a kind of data the fitted
/// model has never seen), or every set of one feature-extractor family (a new extractor on data
/// it knows — what `suggest` is used for most).
public enum HoldOutAxis: String, CaseIterable, Sendable, Codable {
  /// Leave-one-dataset-out: the folds are zoo.json's `dataset` groups.
  case dataset
  /// Leave-one-extractor-family-out: the folds are zoo.json's `family` (else `extractor`) values.
  case family = "extractor-family"

  /// The fold `row` belongs to on this axis.
  public func fold(of row: StudyRow) -> String { self == .dataset ? row.group : row.family }

  /// "leave-one-dataset-out", "leave-one-extractor-family-out".
  public var title: String { "leave-one-\(rawValue)-out" }
}

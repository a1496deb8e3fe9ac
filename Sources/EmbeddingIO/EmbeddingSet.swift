import Numerics

/// One embedding set ready for the statistics and the classifier: a training split and a
/// validation split, labels in 0..<C (C counted over both splits).
public struct EmbeddingSet: Sendable {
  public var name: String
  /// The training rows (read in place from a float32 file where possible).
  public var trainRows: FeatureRows
  public var trainLabels: [Int]
  public var validationRows: FeatureRows
  public var validationLabels: [Int]
  public var classNames: [String]
  /// True when the file gave the split (X_train/X_val), false for the seeded stratified split.
  public var explicitSplit: Bool
  /// What `DataDiagnosis` found odd but not disqualifying, one line each (the loader fills it;
  /// commands print it on standard error).
  public var warnings: [String] = []
  /// Byte checks still running when the set was loaded with `LoadOptions.deferChecks`.
  public var pendingChecks: DeferredChecks?

  /// Waits for the deferred byte checks, if any; throws the first that failed. Call it before
  /// using anything computed from the rows.
  public func verified() throws { try pendingChecks?.wait() }

  public init(name: String, trainRows: FeatureRows, trainLabels: [Int], validationRows: FeatureRows,
              validationLabels: [Int], classNames: [String], explicitSplit: Bool) {
    self.name = name; self.trainRows = trainRows; self.trainLabels = trainLabels
    self.validationRows = validationRows; self.validationLabels = validationLabels
    self.classNames = classNames; self.explicitSplit = explicitSplit
  }

  public init(name: String, train: Matrix<Double>, trainLabels: [Int], validation: Matrix<Double>,
              validationLabels: [Int], classNames: [String], explicitSplit: Bool) {
    self.init(name: name, trainRows: FeatureRows(train), trainLabels: trainLabels, validationRows: FeatureRows(validation),
              validationLabels: validationLabels, classNames: classNames, explicitSplit: explicitSplit)
  }

  /// The training rows as a Float64 matrix (widened once on first use when read in place).
  public var train: Matrix<Double> {
    get { trainRows.matrix }
    set { trainRows = FeatureRows(newValue) }
  }

  /// The validation rows as a Float64 matrix (widened once on first use when read in place).
  public var validation: Matrix<Double> {
    get { validationRows.matrix }
    set { validationRows = FeatureRows(newValue) }
  }

  public var trainCount: Int { trainRows.rows }
  public var validationCount: Int { validationRows.rows }
  public var dimension: Int { trainRows.cols }
  public var classCount: Int { classNames.count }
}

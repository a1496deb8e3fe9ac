import Numerics

/// One embedding set ready for the statistics and the classifier: a training split and a
/// validation split, labels in 0..<C (C counted over both splits).
public struct EmbeddingSet: Sendable {
  public var name: String
  public var train: Matrix<Double>
  public var trainLabels: [Int]
  public var validation: Matrix<Double>
  public var validationLabels: [Int]
  public var classNames: [String]
  /// True when the file gave the split (X_train/X_val), false for the seeded stratified split.
  public var explicitSplit: Bool

  public init(name: String, train: Matrix<Double>, trainLabels: [Int], validation: Matrix<Double>,
              validationLabels: [Int], classNames: [String], explicitSplit: Bool) {
    self.name = name; self.train = train; self.trainLabels = trainLabels
    self.validation = validation; self.validationLabels = validationLabels
    self.classNames = classNames; self.explicitSplit = explicitSplit
  }

  public var dimension: Int { train.cols }
  public var classCount: Int { classNames.count }
}

import EmbeddingIO
import Foundation
import Numerics

/// An embedding set ready for training: every row L2-normalised (x̂ = x/‖x‖, the norm taken in
/// Float64, the result rounded to Float32), labels as Int32. A zero row stays zero.
public struct PreparedSplit: Sendable {
  public let dimension: Int
  public let classCount: Int
  public let train: [Float]
  public let trainLabels: [Int32]
  public let validation: [Float]
  public let validationLabels: [Int32]
  /// A stable hash of the set's content (both splits' values and labels, and C).
  public let contentHash: String

  public var trainCount: Int { trainLabels.count }
  public var validationCount: Int { validationLabels.count }

  public init(_ set: EmbeddingSet) {
    dimension = set.dimension
    classCount = set.classCount
    train = PreparedSplit.normalised(set.train)
    validation = PreparedSplit.normalised(set.validation)
    trainLabels = set.trainLabels.map(Int32.init)
    validationLabels = set.validationLabels.map(Int32.init)
    var h = StableHash.Accumulator()
    h.add(UInt64(set.dimension)); h.add(UInt64(set.classCount)); h.add(UInt64(set.train.rows))
    for v in set.train.storage { h.add(v.bitPattern) }
    for l in set.trainLabels { h.add(UInt64(l)) }
    for v in set.validation.storage { h.add(v.bitPattern) }
    for l in set.validationLabels { h.add(UInt64(l)) }
    contentHash = h.hex
  }

  /// Builds directly from normalised Float32 data (tests, references).
  public init(dimension: Int, classCount: Int, train: [Float], trainLabels: [Int32], validation: [Float], validationLabels: [Int32]) {
    self.dimension = dimension; self.classCount = classCount
    self.train = train; self.trainLabels = trainLabels; self.validation = validation; self.validationLabels = validationLabels
    contentHash = "unhashed"
  }

  static func normalised(_ m: Matrix<Double>) -> [Float] {
    var out = [Float](repeating: 0, count: m.rows * m.cols)
    m.storage.withUnsafeBufferPointer { src in
      for i in 0..<m.rows {
        var s = 0.0
        for j in 0..<m.cols { let v = src[i * m.cols + j]; s += v * v }
        let inv = s > 0 ? 1 / s.squareRoot() : 0
        for j in 0..<m.cols { out[i * m.cols + j] = Float(src[i * m.cols + j] * inv) }
      }
    }
    return out
  }
}

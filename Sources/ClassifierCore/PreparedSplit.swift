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

  /// Normalises both splits' rows into Float32 and hashes the content.
  /// - Complexity: O(N·d): one pass over the rows.
  public init(_ set: EmbeddingSet) {
    dimension = set.dimension
    classCount = set.classCount
    // Straight from the rows (in place for a float32 file): no Float64 copy of the set is made.
    // The content hash (one sequential chain) runs beside the normalisation.
    var train: [Float] = [], validation: [Float] = []
    var h = StableHash.Accumulator()
    Parallel.both({
      h.add(UInt64(set.dimension)); h.add(UInt64(set.classCount)); h.add(UInt64(set.trainCount))
      set.trainRows.withRowTable { PreparedSplit.hashValues($0, into: &h) }
      for l in set.trainLabels { h.add(UInt64(l)) }
      set.validationRows.withRowTable { PreparedSplit.hashValues($0, into: &h) }
      for l in set.validationLabels { h.add(UInt64(l)) }
    }, {
      train = set.trainRows.withRowTable(PreparedSplit.normalised)
      validation = set.validationRows.withRowTable(PreparedSplit.normalised)
    })
    self.train = train; self.validation = validation
    trainLabels = set.trainLabels.map(Int32.init)
    validationLabels = set.validationLabels.map(Int32.init)
    contentHash = h.hex
  }

  /// Builds directly from normalised Float32 data (tests, references).
  public init(dimension: Int, classCount: Int, train: [Float], trainLabels: [Int32], validation: [Float], validationLabels: [Int32]) {
    self.dimension = dimension; self.classCount = classCount
    self.train = train; self.trainLabels = trainLabels; self.validation = validation; self.validationLabels = validationLabels
    contentHash = "unhashed"
  }

  /// The rows of `table` scaled to unit length as the probe sees them (x·(1/‖x‖) in Float64, then
  /// Float32; a zero row stays zero), row-major.
  /// - Complexity: O(n·d).
  public static func normalised(_ table: AnyRowTable) -> [Float] {
    switch table {
    case let .float32(t): normalised(t)
    case let .float64(t): normalised(t)
    }
  }

  static func normalised<T: BinaryFloatingPoint>(_ t: RowTable<T>) -> [Float] {
    let d = t.cols
    return [Float](unsafeUninitializedCapacity: t.rows * d) { out, initialized in
      for i in 0..<t.rows {
        let row = t.row(i)
        var s = 0.0
        for j in 0..<d { let v = Double(row[j]); s += v * v }
        let inv = s > 0 ? 1 / s.squareRoot() : 0
        for j in 0..<d { out[i * d + j] = Float(Double(row[j]) * inv) }
      }
      initialized = t.rows * d
    }
  }

  /// Adds every value, widened to Float64, in row-major order (the hash of the Float64 values).
  static func hashValues(_ table: AnyRowTable, into h: inout StableHash.Accumulator) {
    switch table {
    case let .float32(t):
      for i in 0..<t.rows { let row = t.row(i); for j in 0..<t.cols { h.add(widening: row[j]) } }
    case let .float64(t):
      for i in 0..<t.rows { let row = t.row(i); for j in 0..<t.cols { h.add(row[j].bitPattern) } }
    }
  }
}

@testable import EmbeddingIO
import Foundation
import Testing

/// Labels and features as people save them from numpy and PyTorch: string and bool labels,
/// labels of shape (N, 1), integer features.
@Suite struct LabelTypeTests {
  static let n = 30
  static let x = NPYWriter.matrix((0..<(n * 3)).map { Double(($0 * 7919) % 101) / 10 }, rows: n, cols: 3, float32: true)

  func load(_ arrays: [(String, Data)]) throws -> EmbeddingSet {
    try DatasetLoader.load(path: try BadInputTests.npz("labels-\(UUID().uuidString).npz", arrays))
  }

  /// numpy's `<U<n>`: n UTF-32 code units per element, NUL-padded.
  static func unicode(_ values: [String], width: Int) -> Data {
    var payload = Data()
    for v in values {
      let scalars = Array(v.unicodeScalars)
      for j in 0..<width { payload.le(j < scalars.count ? Int(scalars[j].value) : 0, 4) }
    }
    return NPYWriter.encode(descr: "<U\(width)", shape: [values.count], payload: payload)
  }

  @Test func unicodeAndByteStringLabels() throws {
    let names = (0..<Self.n).map { ["cat", "dög", "🐟"][$0 % 3] }
    let set = try load([("X", Self.x), ("y", Self.unicode(names, width: 4))])
    #expect(set.classNames == ["cat", "dög", "🐟"])
    var bytes = Data()
    for i in 0..<Self.n { bytes.append(contentsOf: Array(["ab", "c", "ab"][i % 3].utf8) + [UInt8](repeating: 0, count: 3 - ["ab", "c", "ab"][i % 3].utf8.count)) }
    let s = try load([("X", Self.x), ("y", NPYWriter.encode(descr: "|S3", shape: [Self.n], payload: bytes))])
    #expect(s.classNames == ["ab", "c"])
  }

  @Test func boolLabels() throws {
    let payload = Data((0..<Self.n).map { UInt8($0 % 2) })
    let set = try load([("X", Self.x), ("y", NPYWriter.encode(descr: "|b1", shape: [Self.n], payload: payload))])
    #expect(set.classNames == ["0", "1"])
  }

  @Test func labelsAsAColumn() throws {
    let column = NPYWriter.labels((0..<Self.n).map { $0 % 3 }).int64Shape([Self.n, 1])
    let set = try load([("X", Self.x), ("y", column)])
    #expect(set.classCount == 3 && set.trainCount + set.validationCount == Self.n)
    // Two columns are still an error.
    let two = NPYWriter.labels((0..<(2 * Self.n)).map { $0 % 3 }).int64Shape([Self.n, 2])
    BadInputTests().expectError(["has shape (30, 2)", "one column"]) { _ = try load([("X", Self.x), ("y", two)]) }
  }

  @Test func integerFeaturesAreWidenedExactly() throws {
    var payload = Data()
    for i in 0..<(Self.n * 3) { payload.le(i * 1000 - 7, 4) }
    let set = try load([("X", NPYWriter.encode(descr: "<i4", shape: [Self.n, 3], payload: payload)),
                        ("y", NPYWriter.labels((0..<Self.n).map { $0 % 3 }))])
    let all = (0..<set.train.rows).flatMap { Array(set.train.row($0)) } + (0..<set.validation.rows).flatMap { Array(set.validation.row($0)) }
    #expect(Set(all) == Set((0..<(Self.n * 3)).map { Double($0 * 1000 - 7) }))
  }

  @Test func stringFeaturesAreRefused() {
    BadInputTests().expectError(["<U4 for X", "features"]) {
      _ = try load([("X", Self.unicode(["a", "b"], width: 4).replacingShape(width: 4, [2, 1])), ("y", NPYWriter.labels([0, 1]))])
    }
  }
}

private extension Data {
  /// An int64 vector's NPY bytes re-declared with another shape of the same element count.
  func int64Shape(_ shape: [Int]) -> Data {
    NPYWriter.encode(descr: "<i8", shape: shape, payload: self.suffix(shape.reduce(1, *) * 8))
  }

  /// A string array's NPY bytes re-declared with another shape.
  func replacingShape(width: Int, _ shape: [Int]) -> Data {
    NPYWriter.encode(descr: "<U\(width)", shape: shape, payload: self.suffix(shape.reduce(1, *) * 4 * width))
  }
}

@testable import EmbeddingIO
import Foundation
import Testing

/// Degenerate sets are refused with one line; odd ones load with warnings (DataDiagnosis).
@Suite struct DiagnosisTests {
  func set(_ rows: [[Double]], _ labels: [Int], validationRows: [[Double]]? = nil, validationLabels: [Int] = []) throws -> String {
    let dir = BadInputTests.dir
    let name = "diag-\(UUID().uuidString).npz"
    func matrix(_ r: [[Double]]) -> Data { NPYWriter.matrix(r.flatMap { $0 }, rows: r.count, cols: r[0].count, float32: true) }
    if let validationRows {
      return try BadInputTests.npz(name, [("X_train", matrix(rows)), ("y_train", NPYWriter.labels(labels)),
                                          ("X_val", matrix(validationRows)), ("y_val", NPYWriter.labels(validationLabels))])
    }
    _ = dir
    return try BadInputTests.npz(name, [("X", matrix(rows)), ("y", NPYWriter.labels(labels))])
  }

  func random(_ n: Int, _ d: Int, seed: Int) -> [[Double]] {
    (0..<n).map { i -> [Double] in
      (0..<d).map { j -> Double in
        let phase = Double(i * 31 + j * 7 + seed)
        return sin(phase) + 0.1 * Double(j)
      }
    }
  }

  func expectRefused(_ path: String, _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    BadInputTests().expectError(["unusable set"] + fragments, sourceLocation: sourceLocation) { _ = try DatasetLoader.load(path: path) }
  }

  @Test func everySampleItsOwnClass() throws {
    expectRefused(try set(random(40, 4, seed: 1), Array(0..<40)), ["40 classes for 40 samples", "fewer than 2 per class"])
  }

  @Test func validationClassesNeverSeenInTraining() throws {
    let p = try set(random(30, 4, seed: 2), (0..<30).map { $0 % 3 }, validationRows: random(10, 4, seed: 3), validationLabels: (0..<10).map { 3 + $0 % 2 })
    expectRefused(p, ["2 validation classes never occur in training", "'3', '4'", "10 validation samples"])
  }

  @Test func constantAndZeroFeatures() throws {
    expectRefused(try set(Array(repeating: [0, 0, 0], count: 30), (0..<30).map { $0 % 3 }), ["every row of X is zero"])
    expectRefused(try set(Array(repeating: [1, 2, 3], count: 30), (0..<30).map { $0 % 3 }), ["points the same way"])
    // Multiples of one vector (and zero rows) are the same point once normalised.
    let scaled = (0..<30).map { i in i % 5 == 0 ? [0.0, 0, 0] : [1.0, 2, 3].map { $0 * Double(i) } }
    expectRefused(try set(scaled, (0..<30).map { $0 % 3 }), ["points the same way"])
  }

  @Test func noValidationSampleAtAll() throws {
    // 2 samples per class: the 80/20 split rounds every class's validation share to 0.
    expectRefused(try set(random(6, 3, seed: 4), [0, 0, 1, 1, 2, 2]), ["no validation sample"])
  }

  @Test func singletonsAndUntestedClassesWarn() throws {
    var labels = (0..<60).map { $0 % 3 }
    labels[59] = 9   // a class with one sample
    let s = try DatasetLoader.load(path: try set(random(60, 4, seed: 5), labels))
    #expect(s.warnings.count == 1 && s.warnings[0].contains("1 class has a single sample ('9')"))
    let explicit = try DatasetLoader.load(path: try set(random(30, 4, seed: 6), (0..<30).map { $0 % 3 },
                                                       validationRows: random(10, 4, seed: 7), validationLabels: (0..<10).map { $0 % 2 }))
    #expect(explicit.warnings.count == 1 && explicit.warnings[0].contains("no validation sample ('2')"))
  }

  @Test func aHealthySetHasNoWarnings() throws {
    #expect(try DatasetLoader.load(path: try set(random(60, 4, seed: 8), (0..<60).map { $0 % 3 })).warnings.isEmpty)
  }
}

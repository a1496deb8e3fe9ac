import EmbeddingIO
import Foundation
import Numerics
import PluginHost
import StatPlugins
import Testing

/// Every statistic reads the training rows by streaming them from the file (issue #15: no Float64
/// copy of X). The values must not depend on where the rows live: a float32 or float64 `.npy`
/// read in place gives exactly the statistics of the same rows held as a Float64 matrix.
@Suite struct StreamedRowsTests {
  static let all = FeatureVectorComposer(try! PluginsFile(allOf: .builtIn))

  /// 3000 rows (more than one block of every blocked pass), d = 9, 7 unequal classes; small
  /// `max_samples` would not matter: the subsets are gathered by index either way.
  static func data() -> (x: [Double], y: [Int], n: Int, d: Int) {
    var rng = SeededGenerator(seed: 15)
    let n = 3000, d = 9
    let y: [Int] = (0..<n).map { _ in Int(rng.next() % 49) % 7 }
    var x: [Double] = []
    for i in 0..<(n * d) {
      let u = Double(rng.next() % 1_000_001) / 1e6
      let shift: Double = Double(y[i / d]) * 0.25 * Double(i % d)
      // Exactly representable in Float32, so both files hold the same values.
      x.append(Double(Float(u * u * 3 - 1 + shift)))
    }
    return (x, y, n, d)
  }

  @Test("in-place rows give the dense matrix's statistics", arguments: [true, false])
  func inPlaceEqualsDense(float32: Bool) throws {
    let (x, y, n, d) = Self.data()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try NPYWriter.matrix(x, rows: n, cols: d, float32: float32).write(to: dir.appendingPathComponent("X.npy"))
    try NPYWriter.labels(y).write(to: dir.appendingPathComponent("y.npy"))
    let streamed = try DatasetLoader.loadPair(features: dir.appendingPathComponent("X.npy").path,
                                              labels: dir.appendingPathComponent("y.npy").path, name: "s")
    #expect(streamed.trainRows.isInPlace)
    var dense = streamed
    dense.train = streamed.trainRows.gather(Array(0..<streamed.trainCount))
    dense.validation = streamed.validationRows.gather(Array(0..<streamed.validationCount))
    #expect(!dense.trainRows.isInPlace)
    let a = try Self.all.compute(streamed), b = try Self.all.compute(dense)
    #expect(a.values.count == PluginRegistry.builtIn.statistics.count)
    for (u, v) in zip(a.values, b.values) {
      #expect(u.value == v.value, "\(u.id): \(u.value) streamed, \(v.value) dense")
      #expect(u.value.number != nil, "\(u.id) computed")
    }
  }
}

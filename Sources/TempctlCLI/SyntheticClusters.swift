import EmbeddingIO
import Foundation
import Numerics

/// Gaussian class clusters with controllable spread, feature correlation and class imbalance.
/// See `tempctl synth --help` for the model.
struct SyntheticClusters {
  let n, d, classes: Int
  let seed: UInt64
  let spread, correlation, imbalance: Double

  /// Class sizes ∝ imbalance^(−c/(C−1)), rounded, each at least 1, summing to n.
  func classSizes() -> [Int] {
    let weights = (0..<classes).map { c in classes == 1 ? 1 : pow(imbalance, -Double(c) / Double(classes - 1)) }
    let total = weights.reduce(0, +)
    var sizes = weights.map { max(1, Int(Double(n) * $0 / total)) }
    var k = 0
    while sizes.reduce(0, +) < n { sizes[k % classes] += 1; k += 1 }
    while sizes.reduce(0, +) > n { if let i = sizes.firstIndex(where: { $0 > 1 }) { sizes[i] -= 1 } }
    return sizes
  }

  func generate() -> LabeledData {
    var rng = SeededGenerator(seed: seed)
    let means = (0..<(classes * d)).map { _ in rng.normal() * spread }
    let sizes = classSizes()
    var labels: [Int] = []
    for (c, s) in sizes.enumerated() { labels.append(contentsOf: repeatElement(c, count: s)) }
    rng.shuffle(&labels)
    let a = (1 - correlation).squareRoot(), b = correlation.squareRoot()
    var x = [Double](repeating: 0, count: n * d)
    for i in 0..<n {
      let c = labels[i]
      let shared = rng.normal()
      for j in 0..<d { x[i * d + j] = means[c * d + j] + a * rng.normal() + b * shared }
    }
    return LabeledData(features: Matrix(rows: n, cols: d, storage: x), labels: labels, classNames: (0..<classes).map(String.init))
  }
}

import EmbeddingIO
import Numerics
import PluginHost
import StatPlugins
import Testing

/// `suggest`'s fast covariance (`.mixed`) gives exactly the statistics of the Float64 path: on
/// every set of the example zoo, and on data built so a cumulative ratio sits on a threshold,
/// where the PCA statistics must ask for the exact path.
@Suite struct MixedCovarianceTests {
  static let pca = FeatureVectorComposer(try! PluginsFile(allOf: .builtIn).restricted(
    to: PluginRegistry.builtIn.statistics.map { $0.id }.filter { $0.hasPrefix("pca_") }, registry: .builtIn))

  @Test("equals the double-precision PCA counts", arguments: ExampleZooTests.manifest.entries.indices)
  func zooSet(index: Int) throws {
    let e = ExampleZooTests.manifest.entries[index]
    let set = try DatasetLoader.load(path: e.path, name: e.name)
    #expect(set.trainRows.isInPlace, "zoo sets are float32 .npz and are read in place")
    let fast = try Self.pca.compute(set, covariance: .mixed), exact = try Self.pca.compute(set, covariance: .double)
    #expect(fast.values.count == 6)
    for (a, b) in zip(fast.values, exact.values) { #expect(a.value == b.value, "\(e.name) \(a.id)") }
  }

  /// Two uncorrelated centred columns with variances 12/11 and 4/11: the first component explains
  /// exactly 75 % of the variance.
  static let tie: EmbeddingSet = {
    let c1: [Double] = (0..<12).map { $0 % 2 == 0 ? 1 : -1 }
    let c2: [Double] = [1, 1, -1, -1] + [Double](repeating: 0, count: 8)
    let x = Matrix(rows: 12, cols: 2, storage: (0..<12).flatMap { [c1[$0], c2[$0]] })
    let labels = (0..<12).map { $0 % 2 }
    return EmbeddingSet(name: "tie", train: x, trainLabels: labels, validation: x, validationLabels: labels,
                        classNames: ["a", "b"], explicitSplit: true)
  }()

  @Test func aRatioOnItsThresholdFallsBackToTheExactPath() throws {
    let context = try StatisticContext.build(for: Self.tie, requirements: [.covarianceEigenvalues], covariance: .mixed)
    #expect(throws: StatisticError.needsExactCovariance(statistic: "pca_75")) {
      try PCA75(options: PluginOptions()).compute(in: context)
    }
    // pca_50 and pca_90 are far from their thresholds: decided on the mixed path.
    #expect(try PCA50(options: PluginOptions()).compute(in: context) == .value(50))
    let fast = try Self.pca.compute(Self.tie, covariance: .mixed), exact = try Self.pca.compute(Self.tie, covariance: .double)
    #expect(fast.values.map(\.value) == exact.values.map(\.value))
  }
}

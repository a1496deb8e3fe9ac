import ArgumentParser
import EmbeddingIO
import Foundation

extension Tempctl {
  /// `tempctl synth`: a synthetic embedding set of Gaussian class clusters.
  struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "synth",
      abstract: "Write a synthetic embedding set (Gaussian class clusters) as .npz, for tests and benchmarks.",
      discussion: """
        Sample i of class c is x = spread·μ_c + √(1−ρ)·z + √ρ·g·1, with μ_c and z standard normal \
        vectors and g one standard normal per sample shared by all features (so features have \
        pairwise correlation ρ within a class). Class sizes fall geometrically so that the largest \
        class is --imbalance times the smallest. Deterministic for a given --seed.
        """)

    @Option(help: "Number of samples.") var n: Int
    @Option(help: "Number of dimensions.") var d: Int
    @Option(help: "Number of classes.") var classes: Int
    @Option(help: "Seed.") var seed: UInt64 = 0
    @Option(help: "Distance scale of the class means relative to the unit noise.") var spread: Double = 1.0
    @Option(help: "Within-class correlation ρ between features, in [0, 1).") var correlation: Double = 0
    @Option(help: "Size ratio of the largest to the smallest class, ≥ 1.") var imbalance: Double = 1
    @Flag(help: "Write float64 instead of float32.") var float64 = false
    @Flag(help: "Write X_train/y_train/X_val/y_val with the stratified split instead of X/y.") var split = false
    @Option(name: .shortAndLong, help: "Output .npz path.") var output: String

    func validate() throws {
      guard n >= 2 else { throw ValidationError("--n must be at least 2, got \(n)") }
      guard d >= 1 else { throw ValidationError("--d must be at least 1, got \(d)") }
      guard classes >= 2, classes <= n else { throw ValidationError("--classes must be in 2...\(n) (the number of samples), got \(classes)") }
      guard (0..<1).contains(correlation) else { throw ValidationError("--correlation must be in [0, 1), got \(correlation)") }
      guard imbalance >= 1 else { throw ValidationError("--imbalance must be ≥ 1, got \(imbalance)") }
      guard spread >= 0 else { throw ValidationError("--spread must be ≥ 0, got \(spread)") }
      guard n.multipliedReportingOverflow(by: d).overflow == false, n * d <= 2_000_000_000 else {
        throw ValidationError("--n × --d must be at most 2e9 values")
      }
    }

    func run() throws {
      let data = SyntheticClusters(n: n, d: d, classes: classes, seed: seed, spread: spread,
                                   correlation: correlation, imbalance: imbalance).generate()
      let url = URL(fileURLWithPath: output)
      if split {
        let set = StratifiedSplit.split(data, name: "synth", seed: 0)
        try NPZArchive.write([
          ("X_train", NPYWriter.matrix(set.train.storage, rows: set.train.rows, cols: d, float32: !float64)),
          ("y_train", NPYWriter.labels(set.trainLabels)),
          ("X_val", NPYWriter.matrix(set.validation.storage, rows: set.validation.rows, cols: d, float32: !float64)),
          ("y_val", NPYWriter.labels(set.validationLabels)),
        ], to: url, compressed: false)
      } else {
        try NPZArchive.write([
          ("X", NPYWriter.matrix(data.features.storage, rows: n, cols: d, float32: !float64)),
          ("y", NPYWriter.labels(data.labels)),
        ], to: url, compressed: false)
      }
      print("wrote \(output): \(n) samples × \(d) dimensions, \(classes) classes")
    }
  }
}

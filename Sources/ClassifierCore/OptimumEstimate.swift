/// α* from the runs of several seeds (SPEC §4).
///
/// For each α of the grid: the mean and the sample standard deviation (ddof 1; 0 for one seed) of
/// the best validation accuracy over seeds. α* is the α with the highest mean; ties go to the
/// smaller α. The plateau is every α whose mean is within one standard error (std/√seeds) of α*'s
/// mean. Learned-α slots are not part of the grid and are ignored here.
public struct OptimumEstimate: Sendable, Equatable {
  public let alphaStar: Double
  public let accuracy: Double
  public let accuracyStd: Double
  public let plateau: [Double]
  /// Mean best accuracy per α, in grid order.
  public let curve: [(alpha: Double, mean: Double, std: Double)]
  /// Mean best accuracy at α = 1 if the grid has it.
  public let accuracyAtOne: Double?
  public let seeds: Int

  public static func == (a: OptimumEstimate, b: OptimumEstimate) -> Bool {
    a.alphaStar == b.alphaStar && a.accuracy == b.accuracy && a.accuracyStd == b.accuracyStd && a.plateau == b.plateau
      && a.curve.map(\.alpha) == b.curve.map(\.alpha) && a.curve.map(\.mean) == b.curve.map(\.mean)
  }

  /// - Parameter runs: one array of results per seed.
  public init?(runs: [[RunResult]]) {
    var byAlpha: [Double: [Double]] = [:]
    for seedRuns in runs { for r in seedRuns where !r.learned { byAlpha[r.alpha, default: []].append(r.bestAccuracy) } }
    guard !byAlpha.isEmpty else { return nil }
    let alphas = byAlpha.keys.sorted()
    curve = alphas.map { a in
      let v = byAlpha[a]!
      let mean = v.reduce(0, +) / Double(v.count)
      let std = v.count > 1 ? (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot() : 0
      return (a, mean, std)
    }
    var best = 0
    for (i, p) in curve.enumerated() where p.mean > curve[best].mean { best = i }
    alphaStar = curve[best].alpha
    accuracy = curve[best].mean
    accuracyStd = curve[best].std
    seeds = runs.count
    let threshold = curve[best].mean - curve[best].std / Double(Swift.max(runs.count, 1)).squareRoot()
    let points = curve
    plateau = points.filter { $0.mean >= threshold }.map(\.alpha)
    accuracyAtOne = points.first { $0.alpha == 1 }?.mean
  }
}

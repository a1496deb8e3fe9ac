import Numerics

/// α* from the runs of one or more seeds (SPEC §4).
///
/// For each α: the mean over seeds of the run's accuracy (converged protocol: the validation
/// accuracy of W*(α); paper protocol: the best accuracy over epochs) and its sample standard
/// deviation (ddof 1; 0 for one seed). α* is the α with the highest mean; ties go to the smaller α.
///
/// The plateau — the α not measurably worse than α*:
/// - converged runs (they carry each validation row's correctness): α is on the plateau when the
///   paired difference to α* is within 1.96 standard errors, i.e. with c_i(α) the correctness of
///   row i (mean over seeds) and δ_i = c_i(α*) − c_i(α), mean(δ) ≤ 1.96·sd(δ)/√n (ddof 1, n the
///   validation rows) — the normal approximation of McNemar's test at 5 %. The validation
///   sample carries the uncertainty; seeds barely do at convergence.
/// - paper runs: within one standard error over seeds (std/√seeds) of α*'s mean.
///
/// `edge` is true when α* is the smallest or the largest α present (the grid, after any
/// extension, did not bracket the optimum). Learned-α slots are ignored.
public struct OptimumEstimate: Sendable, Equatable {
  public let alphaStar: Double
  public let accuracy: Double
  public let accuracyStd: Double
  public let plateau: [Double]
  /// Mean accuracy per α, in increasing α.
  public let curve: [(alpha: Double, mean: Double, std: Double)]
  /// Mean accuracy at α = 1 if the grid has it.
  public let accuracyAtOne: Double?
  public let seeds: Int
  /// α* is the smallest or largest α present.
  public let edge: Bool
  /// Runs that did not meet the convergence criterion (converged protocol), over all seeds.
  public let unconverged: Int
  /// Every α of a grid of several is on the plateau: accuracy does not measurably depend on α,
  /// so α* is not defined (the set is reported as flat and kept out of the study).
  public var flat: Bool { curve.count > 1 && plateau.count == curve.count }

  public static func == (a: OptimumEstimate, b: OptimumEstimate) -> Bool {
    a.alphaStar == b.alphaStar && a.accuracy == b.accuracy && a.accuracyStd == b.accuracyStd && a.plateau == b.plateau
      && a.curve.map(\.alpha) == b.curve.map(\.alpha) && a.curve.map(\.mean) == b.curve.map(\.mean) && a.edge == b.edge
  }

  /// The index of the highest accuracy, the first (smallest α when sorted) on ties.
  public static func bestIndex(_ points: [(alpha: Double, accuracy: Double)]) -> Int? {
    guard !points.isEmpty else { return nil }
    var best = 0
    for (i, p) in points.enumerated() where p.accuracy > points[best].accuracy
      || (p.accuracy == points[best].accuracy && p.alpha < points[best].alpha) { best = i }
    return best
  }

  /// - Parameter runs: one array of results per seed.
  /// - Complexity: O(S·T) for S seeds and T temperatures.
  public init?(runs: [[RunResult]]) {
    var byAlpha: [Double: [RunResult]] = [:]
    for seedRuns in runs { for r in seedRuns where !r.learned { byAlpha[r.alpha, default: []].append(r) } }
    guard !byAlpha.isEmpty else { return nil }
    let alphas = byAlpha.keys.sorted()
    curve = alphas.map { a in
      let v = byAlpha[a]!.map(\.bestAccuracy)
      return (a, SampleSummary.mean(v), SampleSummary.standardDeviation(v, ddof: 1))
    }
    let best = Self.bestIndex(curve.map { ($0.alpha, $0.mean) })!
    alphaStar = curve[best].alpha
    accuracy = curve[best].mean
    accuracyStd = curve[best].std
    seeds = runs.count
    edge = alphas.count > 1 && (best == 0 || best == alphas.count - 1)
    unconverged = byAlpha.values.joined().filter { !$0.converged }.count
    accuracyAtOne = curve.first { $0.alpha == 1 }?.mean
    let correctness = byAlpha.mapValues(Self.meanCorrectness)
    if let star = correctness[alphaStar] ?? nil, !star.isEmpty {
      plateau = alphas.filter { a in
        guard let c = correctness[a] ?? nil, c.count == star.count else { return false }
        return Self.pairedNotWorse(star, c)
      }
    } else {
      let threshold = curve[best].mean - curve[best].std / Double(Swift.max(runs.count, 1)).squareRoot()
      plateau = curve.filter { $0.mean >= threshold }.map(\.alpha)
    }
  }

  /// Each validation row's correctness, averaged over the seeds' runs; nil without it.
  static func meanCorrectness(_ runs: [RunResult]) -> [Double]? {
    let rows = runs.map(\.validationCorrect)
    guard let n = rows.first?.utf8.count, n > 0, rows.allSatisfy({ $0.utf8.count == n }) else { return nil }
    var sum = [Double](repeating: 0, count: n)
    for r in rows { for (i, ch) in r.utf8.enumerated() where ch == UInt8(ascii: "1") { sum[i] += 1 } }
    return sum.map { $0 / Double(rows.count) }
  }

  /// mean(δ) ≤ 1.96·sd(δ)/√n for δ = star − other (a zero difference is always within).
  static func pairedNotWorse(_ star: [Double], _ other: [Double]) -> Bool {
    let delta = zip(star, other).map { $0 - $1 }
    let m = SampleSummary.mean(delta)
    if m <= 0 { return true }
    return m <= 1.96 * SampleSummary.standardDeviation(delta, ddof: 1) / Double(delta.count).squareRoot()
  }
}

import Foundation
import Numerics

/// `adacos_scale`: AdaCos's dynamic scale (Zhang et al. 2019, "AdaCos: Adaptively Scaling Cosine
/// Logits", eqs. 15–16) at its first update from the fixed scale, with the training class means as
/// the class weights:
///
///     s₀ = √2·ln(C − 1)                                   (the fixed AdaCos scale)
///     B  = (1/N) Σ_i Σ_{k ≠ y_i} exp(s₀·cos θ_{i,k}),      θ_{i,k} = ∠(x_i, μ_k)
///     θ_med = median_i θ_{i,y_i}
///     s  = ln B / cos(min(π/4, θ_med))
///
/// In AdaCos B and θ come from the minibatch and the trained weights; here, from every training
/// row and the class means μ_k — the prototypes a converged cosine probe starts from — so the
/// scale is a property of the data. Rows of norm 0 are skipped. Over a seeded stratified subset of
/// `max_samples` training rows (default 10000) on larger sets; the class means are always over
/// every training row. Missing with fewer than 3 training classes (s₀ ≤ 0) or a class mean of 0.
///
/// Reference: the formula above in numpy (scripts/reference/reference_stats.py).
/// - Complexity: O(m·d·C) for m rows (one GEMM of the unit rows and unit means).
public struct AdaCosScale: DatasetStatistic {
  public static let id = "adacos_scale"
  public static let summary = "AdaCos's dynamic scale from the class means: ln B / cos(min(π/4, θ_med))"
  public static let requirements: Set<ContextRequirement> = [.classMeans, .trainSamples]
  public static let options = RowLimit.options(defaultLimit: 10_000, subset: "stratified subset")

  let limit: RowLimit

  public init(options: PluginOptions) throws { limit = try RowLimit(options, specs: Self.options) }

  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let cm = try context.classMeans()
    let c = cm.classes.count
    guard c >= 3 else { return .missing(reason: "needs at least 3 training classes (√2·ln(C − 1) ≤ 0), got \(c)") }
    let samples = try context.trainSamples()
    let (rows, note) = limit.stratifiedRows(labels: samples.labels, classCount: context.classCount)
    // Unit class means (rows in `cm.classes` order) and unit rows.
    guard let means = Self.unitRows(cm.means) else { return .missing(reason: "a class mean is the zero vector") }
    let x = samples.gather(rows)
    let position = Dictionary(uniqueKeysWithValues: cm.classes.enumerated().map { ($1, $0) })
    var kept: [Int] = [], storage: [Double] = []
    storage.reserveCapacity(x.storage.count)
    for i in 0..<x.rows {
      let r = x.row(i)
      let norm = r.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else { continue }
      storage.append(contentsOf: r.map { $0 / norm })
      kept.append(i)
    }
    guard !kept.isEmpty else { return .missing(reason: "every training row is zero") }
    let unit = Matrix(rows: kept.count, cols: x.cols, storage: storage)
    let cosines = try BLAS.product(unit, .none, means, .transpose)   // m × C
    let s0 = 2.0.squareRoot() * log(Double(c - 1))
    var b = 0.0
    var own: [Double] = []
    own.reserveCapacity(kept.count)
    for (row, i) in kept.enumerated() {
      let y = position[samples.labels[rows[i]]]!
      var sum = 0.0
      for k in 0..<c where k != y { sum += exp(s0 * cosines[row, k]) }
      b += sum
      own.append(acos(Swift.min(Swift.max(cosines[row, y], -1), 1)))
    }
    b /= Double(kept.count)
    let thetaMedian = SampleSummary.median(own)
    return .value(log(b) / cos(Swift.min(Double.pi / 4, thetaMedian)), note: note)
  }

  /// Each row divided by its norm; nil when a row is zero.
  static func unitRows(_ m: Matrix<Double>) -> Matrix<Double>? {
    var out = m
    for i in 0..<m.rows {
      let norm = m.row(i).reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else { return nil }
      for j in 0..<m.cols { out[i, j] = m[i, j] / norm }
    }
    return out
  }
}

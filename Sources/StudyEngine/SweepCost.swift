import ClassifierCore
import Foundation
import Numerics

/// What a sweep will cost, estimated before any training: units, floating-point operations and
/// an ETA from a short calibration of this machine's single-precision GEMM.
///
/// Model (docs/cli.md, "Cost before work"): one step over n training rows of dimension d and C
/// classes costs two GEMMs, 4·n·d·C FLOPs per temperature (logits X·W and gradient Xᵀ·G); the
/// validation rows cost 2·n_val·d·C once per temperature. A converged run takes I steps, I the
/// mean iterations per run this configuration took in the store, else a prior of 300 (the zoo's
/// runs take 100–2000); a paper run takes `epochs` passes over the rows, and evaluates the
/// validation rows after each. The ETA: when the store holds finished units of this
/// configuration, their measured seconds per unit of work (n·d·C) times each unit's work, at least
/// the shortest finished unit's seconds (a unit's fixed cost) — the estimate a resumed sweep
/// gets; otherwise the FLOPs over the rate of an sgemm of the largest set's shape, timed here
/// (best of three), which assumes the sweep is GEMM-bound and is optimistic where it is not
/// (docs/cli.md gives the measured gap). A guide, not a promise.
public struct SweepCost: Sendable {
  public var units: Int
  public var flops: Double
  public var flopsPerSecond: Double
  public var iterationsPerRun: Double
  public var iterationsFromHistory: Bool
  /// Where the steps per run come from, in words.
  public var basis: String

  public static let priorIterations = 300.0

  public var seconds: Double { measuredSeconds ?? flops / max(flopsPerSecond, 1) }

  /// The measured ETA, when the store has finished units of this configuration: each unit's work
  /// times their seconds per work, at least the shortest finished unit.
  public var measuredSeconds: Double?

  /// A unit's shape, and the share of its temperatures to train (1, or a blocked unit's blocks).
  public typealias Job = (trainCount: Int, validationCount: Int, dimension: Int, classCount: Int, share: Double)

  /// A unit's work: n_train · d · C times its share.
  public static func work(_ j: Job) -> Double { Double(j.trainCount) * Double(j.dimension) * Double(j.classCount) * j.share }

  public init(units jobs: [Job], configuration: TrainingConfiguration,
       historyIterations: Double?, secondsPerWork: Double? = nil, shortestUnit: Double = 0) {
    measuredSeconds = secondsPerWork.map { rate in jobs.reduce(0) { $0 + max(rate * Self.work($1), shortestUnit) } }
    units = jobs.count
    let converged = configuration.trainingProtocol == .converged
    iterationsFromHistory = converged && historyIterations != nil
    basis = !converged ? "--epochs, each one pass over the rows"
      : historyIterations != nil ? "mean of this configuration's runs in the store" : "a prior: no run of this configuration in the store yet"
    let alphas = Double(configuration.alphas.count)
    let steps: Double, evaluations: Double
    switch configuration.trainingProtocol {
    case .converged: steps = historyIterations ?? Self.priorIterations; evaluations = 1
    case .paper: steps = Double(configuration.epochs); evaluations = steps
    }
    iterationsPerRun = steps
    flops = jobs.reduce(0) { total, j in
      let ndc = Double(j.dimension) * Double(j.classCount)
      return total + alphas * (4 * Self.work(j) * steps + 2 * Double(j.validationCount) * ndc * j.share * evaluations)
    }
    let largest = jobs.max { Self.work($0) < Self.work($1) }
    flopsPerSecond = largest.map { Self.calibrate(n: $0.trainCount, d: $0.dimension, c: $0.classCount * min(configuration.alphas.count, 8)) } ?? 1e9
  }

  /// FLOP/s of one sgemm (min(n, 4096) × d) · (d × c) on this machine.
  static func calibrate(n: Int, d: Int, c: Int) -> Double {
    BLAS.sgemmRate(m: min(n, 4096), k: d, n: min(c, 4096))
  }

  /// One line: "cost: 18 units, ≈ 2.1 TFLOP (300 iterations per run, a prior), ≈ 12m at 45 GFLOP/s (measured here)".
  public var summary: String {
    "cost: \(units) unit\(units == 1 ? "" : "s") to train, ≈ \(Self.engineering(flops))FLOP "
      + "(\(Int(iterationsPerRun.rounded())) steps per run, \(basis)), ETA ≈ \(Self.duration(seconds)) "
      + (measuredSeconds != nil ? "(from this configuration's finished units in the store)" : "at \(Self.engineering(flopsPerSecond))FLOP/s (sgemm measured here; optimistic on small sets)")
  }

  public static func engineering(_ x: Double) -> String {
    let units = [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (scale, prefix) in units where x >= scale { return String(format: "%.3g %@", x / scale, prefix) }
    return String(format: "%.3g ", x)
  }

  public static func duration(_ s: Double) -> String {
    if s < 60 { return String(format: "%.0f s", max(s, 1)) }
    if s < 3600 { return String(format: "%dm%02ds", Int(s) / 60, Int(s) % 60) }
    return String(format: "%dh%02dm", Int(s) / 3600, Int(s) % 3600 / 60)
  }
}

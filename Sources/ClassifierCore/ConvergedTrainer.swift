import Foundation
import Numerics

/// The converged protocol for one (set, seed) unit (SPEC §4, docs/sweep.md): for every α,
/// W*(α) = argmin_W f_α(W) by L-BFGS from the seed's initial weights (the same draw as
/// `SeedTrainer`), all temperatures still running evaluated together (`CosineLossEvaluator`:
/// one GEMM per direction), a finished one dropping out; accuracy(α) = validation accuracy of W*(α).
///
/// An optimum on the grid's edge is not an optimum: when the most accurate α (ties to the
/// smaller) is the largest α solved, the grid is extended by factors of √2 past it, four at a
/// time, up to `TemperatureGrid.upperBound` (4096), until the best α is interior; likewise below
/// the smallest α, down to `TemperatureGrid.lowerBound` (1/16). Extended temperatures are
/// returned after the grid's, in the order solved.
public struct ConvergedTrainer {
  public let data: PreparedSplit
  public let configuration: TrainingConfiguration
  public let seed: UInt64

  public init(data: PreparedSplit, configuration: TrainingConfiguration, seed: UInt64) {
    self.data = data; self.configuration = configuration; self.seed = seed
  }

  /// Progress: (temperatures finished, temperatures known so far).
  public typealias Progress = (_ finished: Int, _ total: Int) -> Void

  public func initialWeights() -> [Float] {
    var rng = SeededGenerator(seed: seed)
    return SeedTrainer.initialWeights(d: data.dimension, c: data.classCount, rng: &rng)
  }

  /// Threads (nil: one per CPU the process may run on); the numbers do not depend on it.
  public var parts: Int? = nil

  public func run(progress: Progress? = nil) -> [RunResult] {
    let evaluator = CosineLossEvaluator(data: data, workers: parts ?? Parallel.workers)
    let w0 = initialWeights()
    var results = solve(configuration.alphas, from: w0, evaluator: evaluator, done: 0, total: configuration.alphas.count,
                        progress: progress)
    guard configuration.extendGrid else { return results }
    while let more = extensionTemperatures(after: results) {
      results += solve(more, from: w0, evaluator: evaluator, done: results.count, total: results.count + more.count,
                       progress: progress)
    }
    return results
  }

  /// The next temperatures to solve when the best α sits on an edge, or nil: four steps of √2
  /// past it (1/√2 below the smallest), clamped to the bound, without repeats.
  func extensionTemperatures(after results: [RunResult]) -> [Double]? {
    guard results.count > 1, let best = OptimumEstimate.bestIndex(results.map { ($0.alpha, $0.bestAccuracy) }) else { return nil }
    let alphas = results.map(\.alpha), a = alphas[best]
    let up = a == alphas.max()! && a < TemperatureGrid.upperBound
    guard up || (a == alphas.min()! && a > TemperatureGrid.lowerBound) else { return nil }
    return (1...4).map { k -> Double in
      let step = pow(2.0.squareRoot(), Double(k)), v = up ? a * step : a / step
      return up ? Swift.min(v, TemperatureGrid.upperBound) : Swift.max(v, TemperatureGrid.lowerBound)
    }.reduce(into: [Double]()) { if !$0.contains($1) && $1 != a { $0.append(($1 * 1e6).rounded() / 1e6) } }
  }

  /// Solves every α in `alphas` from `start`, all running temperatures evaluated together
  /// (`CosineLossEvaluator`: every core), each run's L-BFGS step then taken on its own thread;
  /// finished runs drop out.
  func solve(_ alphas: [Double], from start: [Float], evaluator: CosineLossEvaluator, done: Int, total: Int,
             progress: Progress?) -> [RunResult] {
    let criterion = configuration.criterion
    let first = evaluator.evaluate([[Float]](repeating: start, count: alphas.count), alphas: alphas)
    var runs = zip(alphas, first).map { ConvergedRun(alpha: $0, start: start, evaluation: $1, criterion: criterion) }
    var running = runs.indices.filter { runs[$0].running }
    var finished = alphas.count - running.count
    progress?(done + finished, total)
    while !running.isEmpty {
      let evaluations = evaluator.evaluate(running.map { runs[$0].trial }, alphas: running.map { alphas[$0] })
      let ids = running
      runs.withUnsafeMutableBufferPointer { r in
        let r = r
        evaluator.team.run { p in
          for k in stride(from: p, to: ids.count, by: evaluator.workers) { r[ids[k]].take(evaluations[k]) }
        }
      }
      running = running.filter { runs[$0].running }
      let now = alphas.count - running.count
      if now != finished { finished = now; progress?(done + finished, total) }
    }
    let correct = evaluator.validationCorrect(runs.map(\.x))
    return runs.indices.map { i in
      let r = runs[i], hits = correct[i]
      let acc = Double(hits.filter { $0 }.count) / Double(Swift.max(hits.count, 1))
      var result = RunResult(alpha: r.alpha, learned: false, bestAccuracy: acc, bestEpoch: r.iterations, finalAccuracy: acc,
                             finalLoss: r.loss, finalAlpha: r.alpha, curve: [])
      result.converged = r.converged
      result.iterations = r.iterations
      result.gradientNorm = r.riemannianMax
      result.validationCorrect = String(hits.map { $0 ? "1" : "0" })
      return result
    }
  }
}

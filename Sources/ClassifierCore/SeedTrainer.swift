import Foundation
import Numerics

/// Trains every temperature of one (set, seed) unit together: the batched sweep of SPEC §4.
///
/// Randomness, all from `SeededGenerator(seed:)`, in this order: the initial weights of one slot
/// (d × C row-major, each (2u − 1)/√d with u uniform in [0, 1)), then one Fisher–Yates shuffle of
/// the training indices per epoch. Batches are consecutive runs of `batchSize` shuffled indices
/// (the last one smaller, like a PyTorch DataLoader without drop_last); batchSize is capped at N_t.
/// Every slot sees the same batches. Same data + configuration + seed ⇒ the same numbers.
public struct SeedTrainer {
  public let data: PreparedSplit
  public let configuration: TrainingConfiguration
  public let seed: UInt64
  /// Threads per step (nil: one per core); the numbers do not depend on it.
  public var parts: Int? = nil

  public init(data: PreparedSplit, configuration: TrainingConfiguration, seed: UInt64) {
    self.data = data; self.configuration = configuration; self.seed = seed
  }

  /// Progress after each epoch: (epoch, epochs, best validation accuracy so far over slots).
  public typealias Progress = (_ epoch: Int, _ epochs: Int, _ bestAccuracy: Double) -> Void

  /// The initial weights and the batch order of every epoch, as this trainer draws them.
  public func trace() -> (initial: [Float], orders: [[Int]]) {
    var rng = SeededGenerator(seed: seed)
    let initial = Self.initialWeights(d: data.dimension, c: data.classCount, rng: &rng)
    var orders: [[Int]] = []
    var order = Array(0..<data.trainCount)
    for _ in 0..<configuration.epochs {
      rng.shuffle(&order)
      orders.append(order)
    }
    return (initial, orders)
  }

  static func initialWeights(d: Int, c: Int, rng: inout SeededGenerator) -> [Float] {
    let bound = 1 / Double(d).squareRoot()
    return (0..<(d * c)).map { _ in Float((2 * rng.unitDouble() - 1) * bound) }
  }

  /// Trains and returns one result per slot: the grid's temperatures in order, then the learned
  /// slot when `learnAlpha` is set.
  /// - Complexity: O(E·n·d·T·C) for E epochs over n training rows and T slots, plus one
  ///   validation pass per epoch.
  public func run(progress: Progress? = nil) -> [RunResult] {
    let (initial, orders) = trace()
    return run(initial: initial, orders: orders, progress: progress)
  }

  /// Trains from given initial weights (d × C) and batch orders (one permutation per epoch).
  public func run(initial: [Float], orders: [[Int]], progress: Progress? = nil) -> [RunResult] {
    train(initial: initial, orders: orders, progress: progress).results
  }

  /// As `run(initial:orders:)`, also returning the trained model (for tests and references).
  public func train(initial: [Float], orders: [[Int]], progress: Progress? = nil) -> (results: [RunResult], model: BatchedCosineClassifier) {
    let c = configuration
    var alphas = c.alphas
    var learnable = [Bool](repeating: false, count: alphas.count)
    if c.learnAlpha { alphas.append(TrainingConfiguration.learnedAlphaInitial); learnable.append(true) }
    let model = BatchedCosineClassifier(dimension: data.dimension, classCount: data.classCount, alphas: alphas,
                                        learnable: learnable, initial: initial, configuration: c, parts: parts)
    let batch = Swift.max(1, Swift.min(c.batchSize, data.trainCount))
    var curves = [[Double]](repeating: [], count: alphas.count)
    var epochLoss = [Double](repeating: 0, count: alphas.count)
    var bestSoFar = 0.0
    for (e, order) in orders.enumerated() {
      epochLoss = [Double](repeating: 0, count: alphas.count)
      var start = 0
      while start < order.count {
        let end = Swift.min(start + batch, order.count)
        let losses = model.step(rows: order[start..<end], x: data.train, labels: data.trainLabels)
        for t in losses.indices { epochLoss[t] += losses[t] }
        start = end
      }
      let correct = model.correctCounts(x: data.validation, labels: data.validationLabels)
      let n = Double(Swift.max(data.validationCount, 1))
      for t in correct.indices {
        let acc = Double(correct[t]) / n
        curves[t].append(acc)
        bestSoFar = Swift.max(bestSoFar, acc)
      }
      progress?(e + 1, orders.count, bestSoFar)
    }
    let results = alphas.indices.map { t in
      let curve = curves[t]
      var best = 0
      for (i, a) in curve.enumerated() where a > curve[best] { best = i }
      return RunResult(alpha: alphas[t], learned: learnable[t], bestAccuracy: curve.isEmpty ? 0 : curve[best],
                       bestEpoch: curve.isEmpty ? 0 : best + 1, finalAccuracy: curve.last ?? 0,
                       finalLoss: epochLoss[t] / Double(Swift.max(data.trainCount, 1)),
                       finalAlpha: Double(model.alphas[t]), curve: curve)
    }
    return (results, model)
  }
}

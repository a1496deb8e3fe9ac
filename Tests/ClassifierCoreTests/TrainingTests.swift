import ClassifierCore
import EmbeddingIO
import Foundation
import Numerics
import Testing

/// Training correctness: parity with an independent numpy implementation, finite-difference
/// gradients, batched = separate, determinism.
@Suite struct TrainingTests {
  static func fixture(_ name: String) -> URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
  }

  /// The trace written by `tempctl sweep --export-trace` (scripts/reference/make_classifier_fixtures.py).
  static let trace: (data: PreparedSplit, initial: [Float], orders: [[Int]]) = {
    let a = try! NPZArchive.read(at: fixture("trace.npz"), keys: ["X_train", "y_train", "X_val", "y_val", "W0", "orders"])
    let x = a["X_train"]!, w = a["W0"]!, o = a["orders"]!
    let data = PreparedSplit(dimension: x.shape[1], classCount: w.shape[1], train: x.doubles().map(Float.init),
                             trainLabels: try! a["y_train"]!.integers().map { Int32($0) },
                             validation: a["X_val"]!.doubles().map(Float.init),
                             validationLabels: try! a["y_val"]!.integers().map { Int32($0) })
    let flat = try! o.integers().map(Int.init)
    let orders = (0..<o.shape[0]).map { Array(flat[($0 * o.shape[1])..<(($0 + 1) * o.shape[1])]) }
    return (data, w.doubles().map(Float.init), orders)
  }()

  static let reference = try! NPZArchive.read(at: fixture("reference_weights.npz"), keys: Set(
    ["sgd", "adam"].flatMap { o in ["rescaled", "plain"].flatMap { r in ["1", "10", "60"].map { "\(o)_\(r)_\($0)" } } }))

  static func configuration(_ optimizer: OptimizerKind, rescale: Bool, alphas: [Double] = [1, 10, 60]) -> TrainingConfiguration {
    var c = TrainingConfiguration()
    c.trainingProtocol = .paper
    c.optimizer = optimizer
    c.learningRate = optimizer.defaultLearningRate
    c.rescaleLoss = rescale
    c.alphas = alphas
    c.batchSize = 64
    c.epochs = 3
    return c
  }

  @Test("weights after 3 epochs match numpy within 1e-4", arguments: [(OptimizerKind.sgd, true), (.sgd, false), (.adam, true), (.adam, false)])
  func parityWithNumpy(optimizer: OptimizerKind, rescale: Bool) {
    let t = Self.trace
    let trainer = SeedTrainer(data: t.data, configuration: Self.configuration(optimizer, rescale: rescale), seed: 0)
    let model = trainer.train(initial: t.initial, orders: t.orders).model
    for (slot, alpha) in ["1", "10", "60"].enumerated() {
      let ref = Self.reference["\(optimizer.rawValue)_\(rescale ? "rescaled" : "plain")_\(alpha)"]!.doubles()
      let ours = model.weights(slot: slot).map(Double.init)
      let scale = ref.map(abs).max()!
      let worst = zip(ours, ref).map { abs($0 - $1) }.max()!
      #expect(worst / scale <= 1e-4, "\(optimizer) rescale=\(rescale) α=\(alpha): max |Δ| / max |W| = \(worst / scale)")
      // And training moved the weights: the comparison is not trivially between two copies of W0.
      let moved = zip(t.initial.map(Double.init), ref).map { abs($0 - $1) }.max()!
      #expect(moved / scale > 1e-2)
    }
  }

  /// ∂L/∂W from one SGD step (lr 1, no momentum: W₁ = W₀ − g) against central differences of the
  /// loss (lr 0 steps return the loss without moving W), for both losses.
  @Test(arguments: [true, false])
  func finiteDifferenceGradient(rescale: Bool) {
    var rng = SeededGenerator(seed: 5)
    let d = 4, c = 3, n = 6
    var x = (0..<(n * d)).map { _ in Float(rng.normal()) }
    for i in 0..<n {   // normalise rows
      let s = (0..<d).map { x[i * d + $0] * x[i * d + $0] }.reduce(0, +).squareRoot()
      for j in 0..<d { x[i * d + j] /= s }
    }
    let labels: [Int32] = [0, 1, 2, 0, 1, 2]
    let w0 = (0..<(d * c)).map { _ in Float(rng.normal()) * 0.5 }
    func config(lr: Double) -> TrainingConfiguration {
      var k = TrainingConfiguration(); k.learningRate = lr; k.momentum = 0; k.rescaleLoss = rescale; return k
    }
    let alpha = 4.0
    func loss(_ w: [Float]) -> Double {
      let m = BatchedCosineClassifier(dimension: d, classCount: c, alphas: [alpha], learnable: [false], initial: w, configuration: config(lr: 0))
      return m.step(rows: Array(0..<n)[...], x: x, labels: labels)[0] / Double(n)
    }
    let m = BatchedCosineClassifier(dimension: d, classCount: c, alphas: [alpha], learnable: [false], initial: w0, configuration: config(lr: 1))
    m.step(rows: Array(0..<n)[...], x: x, labels: labels)
    let analytic = zip(w0, m.weights(slot: 0)).map { Double($0 - $1) }
    let h: Float = 1e-2
    for k in 0..<(d * c) {
      var plus = w0, minus = w0
      plus[k] += h; minus[k] -= h
      let numeric = (loss(plus) - loss(minus)) / Double(2 * h)
      #expect(abs(numeric - analytic[k]) <= 2e-3 * max(1, abs(analytic[k])), "∂L/∂w[\(k)]: analytic \(analytic[k]), numeric \(numeric)")
    }
  }

  /// Training all temperatures together gives, bit for bit, what training each alone gives —
  /// with the grid's columns split over the parts differently each time (3 slots: the middle
  /// one is cut by the part boundary; 1 slot: cut in two), for both optimisers.
  @Test(arguments: [OptimizerKind.sgd, .adam])
  func batchedEqualsSeparate(optimizer: OptimizerKind) {
    let t = Self.trace
    var batched = SeedTrainer(data: t.data, configuration: Self.configuration(optimizer, rescale: true, alphas: [1, 10, 60]), seed: 0)
    batched.parts = 2
    let together = batched.train(initial: t.initial, orders: t.orders)
    for (slot, alpha) in [1.0, 10, 60].enumerated() {
      var single = SeedTrainer(data: t.data, configuration: Self.configuration(optimizer, rescale: true, alphas: [alpha]), seed: 0)
      single.parts = 2
      let alone = single.train(initial: t.initial, orders: t.orders)
      let a = together.model.weights(slot: slot), b = alone.model.weights(slot: 0)
      let worst = zip(a, b).map { abs($0 - $1) }.max()!
      #expect(a == b, "α=\(alpha): max |Δw| = \(worst)")
      #expect(together.results[slot] == alone.results[0])
    }
  }

  /// The number of threads sharing a step does not change a single bit: 1, 2, 3 and 5 parts
  /// (different column cuts, different slots cut by a boundary), a learned slot included.
  @Test func partsDoNotChangeTheNumbers() {
    let t = Self.trace
    var c = Self.configuration(.adam, rescale: true, alphas: [1, 4, 10, 25, 60, 120, 250])
    c.learnAlpha = true
    var reference: (results: [RunResult], model: BatchedCosineClassifier)? = nil
    for parts in [1, 2, 3, 5] {
      var trainer = SeedTrainer(data: t.data, configuration: c, seed: 0)
      trainer.parts = parts
      let run = trainer.train(initial: t.initial, orders: t.orders)
      #expect(run.model.parts == parts)
      guard let reference else { reference = run; continue }
      #expect(run.results == reference.results, "\(parts) parts")
      #expect(run.model.weights == reference.model.weights, "\(parts) parts")
    }
  }

  @Test func sameSeedSameNumbersOtherSeedOtherNumbers() {
    let t = Self.trace
    var c = Self.configuration(.adam, rescale: true, alphas: [5, 50])
    c.epochs = 4
    let a = SeedTrainer(data: t.data, configuration: c, seed: 3).run()
    let b = SeedTrainer(data: t.data, configuration: c, seed: 3).run()
    let other = SeedTrainer(data: t.data, configuration: c, seed: 4).run()
    #expect(a == b)
    #expect(a.map(\.finalLoss) != other.map(\.finalLoss))
    #expect(a[0].curve.count == 4 && a[0].bestEpoch >= 1 && a[0].bestAccuracy == a[0].curve.max())
  }

  @Test func learnedTemperatureMovesAndIsReported() {
    let t = Self.trace
    var c = Self.configuration(.sgd, rescale: true, alphas: [10])
    c.learnAlpha = true
    c.epochs = 5
    let r = SeedTrainer(data: t.data, configuration: c, seed: 1).run()
    #expect(r.count == 2 && r[1].learned && !r[0].learned)
    #expect(r[1].alpha == TrainingConfiguration.learnedAlphaInitial)
    #expect(abs(r[1].finalAlpha - r[1].alpha) > 1e-3)
    #expect(r[0].finalAlpha == 10)
  }

  /// CLIP's way (`TrainingConfiguration.learnedAlphaOptimizer`): log α has its own Adam — whose
  /// first step moves a parameter by lr·g/(|g| + ε) ≈ lr = 5·10⁻⁴ whatever optimises the weights —
  /// and stays in [0, ln 100].
  @Test func learnedTemperatureHasItsOwnAdamAndCLIPsClamp() {
    // Two classes, every row on its class's side by a small margin (columns of W nearly alike), the
    // weights frozen (lr 0): a larger α always lowers the training loss, so s is pushed up.
    let d = 2, c = 2
    let x: [Float] = [1, 0,  0, 1,  1, 0,  0, 1]
    let y: [Int32] = [0, 1, 0, 1]
    let w: [Float] = [1, 0.98,  0.98, 1]
    var sgd = TrainingConfiguration()
    sgd.trainingProtocol = .paper
    sgd.optimizer = .sgd
    sgd.learningRate = 0
    let start = TrainingConfiguration.learnedAlphaInitial
    let m = BatchedCosineClassifier(dimension: d, classCount: c, alphas: [start], learnable: [true], initial: w, configuration: sgd)
    m.step(rows: [0, 1, 2, 3], x: x, labels: y)
    let moved = Double(Foundation.log(m.alphas[0])) - Foundation.log(start)
    #expect(abs(moved - 5e-4) < 2e-5, "first step moved log α by \(moved)")
    let high = BatchedCosineClassifier(dimension: d, classCount: c, alphas: [99.9], learnable: [true], initial: w, configuration: sgd)
    for _ in 0..<50 { high.step(rows: [0, 1, 2, 3], x: x, labels: y) }
    #expect(abs(Double(high.alphas[0]) - 100) < 1e-3, "α = \(high.alphas[0]) past CLIP's clamp")
  }

  @Test func learnsSomething() {
    let t = Self.trace
    var c = Self.configuration(.sgd, rescale: true, alphas: [16])
    c.epochs = 10
    let r = SeedTrainer(data: t.data, configuration: c, seed: 2).run()
    #expect(r[0].bestAccuracy > 0.5)   // 5 classes: chance is about 0.2
  }
}

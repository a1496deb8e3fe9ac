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
///
/// A large unit can be cut into blocks of neighbouring α (`TrainingConfiguration.chainLength`):
/// each block is one continuation chain from the initial weights, trained alone (`runBlocks`) or
/// with others, and the extension is a block of its own (`runExtension`) once the grid is known.
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

  /// Every temperature of the unit: the grid's, in grid order, then the extension's in the order
  /// solved. With blocks (`TrainingConfiguration.isBlocked`) this is exactly every grid block's
  /// `runBlocks` then `runExtension`, whichever process trains which.
  /// - Complexity: O(I·T·n·d·C) for T temperatures of I L-BFGS iterations each over n training
  ///   rows (docs/scaling.md); memory O(n·d) Float32 rows + O(T·m·d·C) L-BFGS pairs.
  public func run(progress: Progress? = nil) -> [RunResult] {
    let evaluator = CosineLossEvaluator(data: data, workers: parts ?? Parallel.workers)
    let alphas = configuration.alphas
    let w0 = initialWeights()
    let chains = Self.chains(alphas, length: configuration.chainLength)
    let solved = solve(alphas, chains: chains, starts: chains.map { _ in Start(x: w0, memory: nil) }, evaluator: evaluator,
                       done: 0, total: alphas.count, progress: progress)
    guard configuration.extendGrid else { return solved.map(\.result) }
    let grid = solved.map(\.result)
    // Unblocked, the extension continues from the edge temperature's solution; blocked, it is a
    // block of its own and starts from the initial weights.
    return grid + extend(after: grid, continuing: configuration.isBlocked ? [] : solved, evaluator: evaluator, progress: progress)
  }

  /// The slots (indices into the grid, ascending) of each block of a blocked configuration; one
  /// block of every slot otherwise.
  public var blockSlots: [[Int]] { Self.chains(configuration.alphas, length: configuration.chainLength).map { $0.sorted() } }

  /// Trains the grid blocks `blocks` (indices into `blockSlots`) together, each from the initial
  /// weights, and returns each block's runs in slot order: the same numbers as inside `run()`
  /// (every block's GEMM columns and L-BFGS runs are its own).
  /// - Complexity: as `run()`, for the blocks' temperatures only.
  public func runBlocks(_ blocks: [Int], progress: Progress? = nil) -> [[RunResult]] {
    let evaluator = CosineLossEvaluator(data: data, workers: parts ?? Parallel.workers)
    let all = Self.chains(configuration.alphas, length: configuration.chainLength)
    let picked = blocks.map { all[$0] }
    let slots = picked.flatMap { $0 }
    var next = 0
    let chains = picked.map { chain in chain.map { _ in defer { next += 1 }; return next } }
    let w0 = initialWeights()
    let solved = solve(slots.map { configuration.alphas[$0] }, chains: chains, starts: chains.map { _ in Start(x: w0, memory: nil) },
                       evaluator: evaluator, done: 0, total: slots.count, progress: progress)
    let bySlot = Dictionary(uniqueKeysWithValues: zip(slots, solved.map(\.result)))
    return picked.map { $0.sorted().map { bySlot[$0]! } }
  }

  /// The extension block of a blocked configuration, given the grid's runs (grid order): the
  /// temperatures past an edge optimum, from the initial weights; none when the best α is interior.
  public func runExtension(after grid: [RunResult], progress: Progress? = nil) -> [RunResult] {
    guard configuration.extendGrid else { return [] }
    let evaluator = CosineLossEvaluator(data: data, workers: parts ?? Parallel.workers)
    return extend(after: grid, continuing: [], evaluator: evaluator, progress: progress)
  }

  /// Extends the grid four √2 steps at a time while the best α sits on an edge. Each round starts
  /// from the solution nearest its first α among `continuing` and the rounds already solved, or
  /// from the initial weights when there is none.
  func extend(after grid: [RunResult], continuing: [Solved], evaluator: CosineLossEvaluator, progress: Progress?) -> [RunResult] {
    var results = grid
    var pool = continuing
    var extended: [RunResult] = []
    while let more = extensionTemperatures(after: results) {
      let start = pool.min { abs(log($0.result.alpha / more[0])) < abs(log($1.result.alpha / more[0])) }
        .map { Start(x: $0.x, memory: $0.memory) } ?? Start(x: initialWeights(), memory: nil)
      let solved = solve(more, chains: [Array(more.indices)], starts: [start], evaluator: evaluator,
                         done: results.count, total: results.count + more.count, progress: progress)
      pool += solved
      results += solved.map(\.result)
      extended += solved.map(\.result)
    }
    return extended
  }

  /// The continuation chains of a grid: the temperatures' indices sorted by α, cut into runs of
  /// `length` neighbours (the last may be shorter; nil: one chain). A chain's first α starts from the initial
  /// weights; each next one from the previous one's solution and curvature pairs.
  static func chains(_ alphas: [Double], length: Int?) -> [[Int]] {
    let order = alphas.indices.sorted { (alphas[$0], $0) < (alphas[$1], $1) }
    let l = Swift.max(1, length ?? order.count)
    return stride(from: 0, to: order.count, by: l).map { Array(order[$0..<Swift.min($0 + l, order.count)]) }
  }

  /// The predictor of the continuation: the start for α₊ after a chain's last two solutions
  /// W(α₋₁), W(α₀) is the secant step in log α, W(α₀) + r·(W(α₀) − W(α₋₁)) with
  /// r = ln(α₊/α₀)/ln(α₀/α₋₁); W(α₀) itself when there is no earlier solution. Measured on the
  /// benchmark set (51 α): 1915 → 990 iterations, the same losses to 5e-6 relative.
  static func predicted(_ alpha: Double, from last: ConvergedRun, earlier: ConvergedRun?) -> [Float] {
    guard let earlier, earlier.alpha != last.alpha else { return last.x }
    let r = Float(log(alpha / last.alpha) / log(last.alpha / earlier.alpha))
    return zip(last.x, earlier.x).map { $0 + r * ($0 - $1) }
  }

  /// Where a chain starts: a point and (continuing a solved temperature) its curvature pairs.
  struct Start {
    var x: [Float]
    var memory: LBFGSMemory?
  }

  /// A solved temperature: its result, and the point and pairs a chain's next α starts from.
  struct Solved {
    var result: RunResult
    var x: [Float]
    var memory: LBFGSMemory
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

  /// Solves every α in `alphas`, chain by chain (`chains`: indices into `alphas`, each started
  /// from its `starts` entry): the current temperature of every chain is evaluated in turn
  /// (`CosineLossEvaluator`: every core), each run's L-BFGS step then taken on its own thread; a
  /// finished run hands its point and pairs to its chain's next α. Returns the temperatures in
  /// the order of `alphas`.
  func solve(_ alphas: [Double], chains: [[Int]], starts: [Start], evaluator: CosineLossEvaluator, done: Int, total: Int,
             progress: Progress?) -> [Solved] {
    let criterion = configuration.criterion
    let polisher = configuration.newtonPolish && NewtonPolish.applies(to: data) ? NewtonPolish(data: data, alpha: 1) : nil
    var runs = zip(chains, starts).map { ConvergedRun(alpha: alphas[$0[0]], start: $1.x, memory: $1.memory, criterion: criterion) }
    var position = [Int](repeating: 0, count: chains.count)
    var finished: [Int: ConvergedRun] = [:]
    var active = Array(chains.indices)
    while !active.isEmpty {
      // One evaluation per chain: the GEMMs then have the same shapes whichever chains run
      // together, so a block trained alone gets exactly its numbers inside the whole unit
      // (OpenBLAS picks other kernels, summing in another order, for other shapes — e.g. its
      // small-matrix kernels below 64³ multiply-adds).
      let evaluations = active.map { evaluator.evaluate([runs[$0].trial], alphas: [runs[$0].alpha])[0] }
      let ids = active
      runs.withUnsafeMutableBufferPointer { r in
        let r = r
        evaluator.team.run { p in
          for k in stride(from: p, to: ids.count, by: evaluator.workers) { r[ids[k]].take(evaluations[k]) }
        }
      }
      let before = finished.count
      for c in active where !runs[c].running {
        if var polish = polisher {  // a copy shares the Float64 X (copy on write)
          polish.alpha = runs[c].alpha
          runs[c].take(polish.polish(runs[c].x, tolerance: 1e-3 * criterion.gradientBound(loss: runs[c].loss)))
        }
        finished[chains[c][position[c]]] = runs[c]
        position[c] += 1
        if position[c] < chains[c].count {
          let next = alphas[chains[c][position[c]]]
          let earlier = position[c] >= 2 ? finished[chains[c][position[c] - 2]] : nil
          runs[c] = ConvergedRun(alpha: next, start: Self.predicted(next, from: runs[c], earlier: earlier), memory: runs[c].memory,
                                 criterion: criterion)
        }
      }
      active = active.filter { position[$0] < chains[$0].count }
      if finished.count != before { progress?(done + finished.count, total) }
    }
    let ordered = alphas.indices.map { finished[$0]! }
    let correct = ordered.map { evaluator.validationCorrect([$0.x])[0] }
    return ordered.indices.map { i in
      let r = ordered[i], hits = correct[i]
      let acc = Double(hits.filter { $0 }.count) / Double(Swift.max(hits.count, 1))
      var result = RunResult(alpha: r.alpha, learned: false, bestAccuracy: acc, bestEpoch: r.iterations, finalAccuracy: acc,
                             finalLoss: r.loss, finalAlpha: r.alpha, curve: [])
      result.converged = r.converged
      result.iterations = r.iterations
      result.gradientNorm = r.riemannianMax
      result.validationCorrect = String(hits.map { $0 ? "1" : "0" })
      return Solved(result: result, x: r.x, memory: r.memory)
    }
  }
}

import Foundation
import Numerics

/// T cosine classifiers trained side by side, one per temperature slot, sharing every minibatch.
///
/// Model (SPEC §4): logits z = α·x̂ᵀŵ_c with x̂ and each column ŵ_c = w_c/‖w_c‖ L2-normalised, no
/// bias; p = softmax(z); loss = mean cross-entropy over the batch, divided by α when rescaled.
/// The weights of all slots live in one d × (T·C) row-major matrix W = [W_α1 … W_αT], so a step
/// is one GEMM X̂_b·Ŵ forward and one X̂_bᵀ·G backward, whatever T is. Gradients flow through the
/// normalisation of W: ∂L/∂w = (g − ŵ(ŵ·g))/‖w‖. A learned slot has α = exp(s), and s is trained
/// as CLIP trains its logit scale (`TrainingConfiguration.learnedAlphaOptimizer`: its own Adam,
/// ∂L/∂s = α·∂L/∂α, s clamped to [0, ln 100] after each step).
/// Float32 arithmetic (like PyTorch); loss and accuracy accumulate in Float64.
public final class BatchedCosineClassifier {
  public let dimension: Int
  public let classCount: Int
  public let slots: Int
  /// Weights, d × (T·C) row-major (a copy of the workspace's).
  public var weights: [Float] { Array(workspace.weights.values(dimension * slots * classCount)) }
  /// Current α of each slot.
  public private(set) var alphas: [Float]
  let learnable: [Bool]
  let rescale: Bool
  var logAlpha: [Float]
  var weightState: OptimizerState
  var alphaState: OptimizerState
  /// Every buffer of a step, allocated here once (`StepWorkspace`).
  private let workspace: StepWorkspace
  private var stepCount: Int64 = 0
  /// True until the first step: every slot still holds the same initial weights, so the first
  /// forward product of every slot is the same b × C block (computed once per part, then copied).
  private var slotsEqual = true

  /// - Parameters:
  ///   - initial: the weights of one slot (d × C, row-major); every slot starts from them.
  ///   - parts: how many threads share a step (default: `defaultParts`); the numbers do not
  ///     depend on it.
  public init(dimension d: Int, classCount c: Int, alphas: [Double], learnable: [Bool], initial: [Float],
              configuration: TrainingConfiguration, parts: Int? = nil) {
    precondition(initial.count == d * c, "initial weights: \(initial.count) values for \(d) × \(c)")
    precondition(learnable.count == alphas.count, "\(learnable.count) learnable flags for \(alphas.count) temperatures")
    dimension = d; classCount = c; slots = alphas.count
    self.alphas = alphas.map(Float.init)
    self.learnable = learnable
    self.logAlpha = alphas.map { Float(Foundation.log($0)) }
    rescale = configuration.rescaleLoss
    let tc = slots * c
    let p = Swift.max(1, parts ?? Self.defaultParts(columns: tc))
    self.parts = p
    workspace = StepWorkspace(dimension: d, classes: c, slots: slots, parts: p)
    let w = workspace.weights.base, slotCount = slots
    initial.withUnsafeBufferPointer { one in
      // Row i of W is row i of the initial weights, once per slot; written on all cores.
      Parallel.chunks(d) { _, rows in
        for i in rows { for t in 0..<slotCount { (w + i * tc + t * c).update(from: one.baseAddress! + i * c, count: c) } }
      }
    }
    for t in 0..<slots { workspace.learnable.base[t] = learnable[t] ? 1 : 0 }
    weightState = OptimizerState(configuration, count: d * tc)
    alphaState = OptimizerState(TrainingConfiguration.learnedAlphaOptimizer, count: slots)
  }

  /// The weights of one slot (d × C), for tests and references.
  public func weights(slot t: Int) -> [Float] {
    let tc = slots * classCount, w = workspace.weights.base
    var out = [Float](repeating: 0, count: dimension * classCount)
    for i in 0..<dimension { for k in 0..<classCount { out[i * classCount + k] = w[i * tc + t * classCount + k] } }
    return out
  }

  /// A step's work is split into parts (`PartLayout`: equal column shares), run side by side by a
  /// `WorkerTeam`, with OpenBLAS single-threaded inside each part (`StepWorkspace`). A slot's
  /// numbers never depend on the split (tests train with 1, 2, 3 and 5 parts and compare bit for
  /// bit).
  public let parts: Int

  /// One part per core, each with at least 32 columns of W.
  public static func defaultParts(columns: Int) -> Int { Swift.max(1, Swift.min(Parallel.workers, columns / 32)) }

  var layout: PartLayout { workspace.layout }

  /// One optimisation step on the rows `rows` of `x` (n × d, normalised; n = labels.count).
  /// Returns each slot's batch loss (as optimised: divided by α for rescaled slots), summed over
  /// the batch rows.
  /// - Precondition: x holds labels.count rows of d values; every index of `rows` is a row.
  /// - Complexity: 4·b·d·T·C flops for b rows and T slots (two GEMMs) + O(b·T·C) softmax.
  @discardableResult
  public func step(rows: ArraySlice<Int>, x: [Float], labels: [Int32]) -> [Double] {
    let n = labels.count
    precondition(x.count == n * dimension, "x: \(x.count) values for \(n) rows of \(dimension)")
    precondition(rows.allSatisfy { $0 >= 0 && $0 < n }, "a batch row outside 0..<\(n)")
    let ws = workspace, b = rows.count
    labels.withUnsafeBufferPointer { ws.prepare(rows: rows, labels: $0) }
    for t in 0..<slots {
      // What each slot's loss is multiplied by: 1/α when rescaled (not for learned α).
      ws.alphas.base[t] = alphas[t]
      ws.lossScales.base[t] = rescale && !learnable[t] ? 1 / alphas[t] : 1
    }
    stepCount += 1
    let shareForward = slotsEqual
    slotsEqual = false
    weightState.begin()
    BLAS.singleThreaded {
      x.withUnsafeBufferPointer { xs in
        ws.run(StepWorkspace.Batch(x: Panel(xs, rows: n, cols: dimension), count: b, inverseCount: 1 / Float(b), step: stepCount,
                                   slotsEqual: shareForward), optimizer: weightState)
      }
    }
    let losses = Array(ws.losses.values(slots))
    if learnable.contains(true) {
      var grad = (0..<slots).map { learnable[$0] ? Float(ws.alphaGradient.base[$0] * Double(alphas[$0])) : 0 }
      logAlpha.withUnsafeMutableBufferPointer { s in
        grad.withUnsafeMutableBufferPointer { g in alphaState.update(s.baseAddress!, g.baseAddress!) }
      }
      let ceiling = Float(Foundation.log(TrainingConfiguration.learnedAlphaMaximum))
      for t in 0..<slots where learnable[t] {
        logAlpha[t] = Swift.min(Swift.max(logAlpha[t], 0), ceiling)
        self.alphas[t] = Foundation.exp(logAlpha[t])
      }
    }
    return losses
  }

  /// Number of correct validation predictions per slot (argmax of the cosine; the first maximum
  /// wins ties, like `torch.argmax`). α > 0 does not change the argmax. Each part normalises its
  /// columns of W, then scores every slot on its share of the rows, 1024 rows at a time.
  /// - Precondition: x holds labels.count rows of d values.
  /// - Complexity: 2·n·d·T·C flops for n rows and T slots.
  public func correctCounts(x: [Float], labels: [Int32]) -> [Int] {
    let d = dimension, c = classCount, tc = slots * c, n = labels.count, parts = self.parts, ws = workspace
    precondition(x.count == n * d, "x: \(x.count) values for \(n) rows of \(d)")
    return BLAS.singleThreaded {
      var perPart = [[Int]](repeating: [Int](repeating: 0, count: slots), count: parts)
      let chunk = 1024
      ws.team.run { p in ws.normaliseColumns(ws.layout.columns(p)) }
      // Part p scores rows [n·p/P, n·(p+1)/P) in equal chunks of at most 1024 rows.
      let shares = (0..<parts).map { p in (n * p / parts)..<(n * (p + 1) / parts) }
      let chunkRows = shares.map { rows -> Int in
        let pieces = Swift.max(1, (rows.count + chunk - 1) / chunk)
        return (rows.count + pieces - 1) / pieces
      }
      let region = (chunkRows.max() ?? 0) * tc
      ws.validationLogits.reserve(parts * region)
      x.withUnsafeBufferPointer { xs in
      labels.withUnsafeBufferPointer { y in
      perPart.withUnsafeMutableBufferPointer { out in
        ws.team.run { p in
          let rows = shares[p], size = chunkRows[p]
          guard !rows.isEmpty else { return }
          let zp = ws.validationLogits.base + p * region
          var counts = [Int64](repeating: 0, count: slots)
          var start = rows.lowerBound
          while start < rows.upperBound {
            let m = Swift.min(size, rows.upperBound - start)
            let z = MutablePanel(UnsafeMutableBufferPointer(start: zp, count: region), rows: m, cols: tc)
            BLAS.sgemm(Panel(xs, rows: n, cols: d).rows(start..<(start + m)), ws.unitWeights.panel(rows: d, cols: tc).readOnly, into: z)
            TrainingKernels.argmaxHits(z.readOnly, slots: slots, classes: c, labels: UnsafeBufferPointer(rebasing: y[start..<(start + m)]),
                                       hits: &counts)
            start += m
          }
          out[p] = counts.map(Int.init)
        }
      }
      }
      }
      return (0..<slots).map { t in perPart.reduce(0) { $0 + $1[t] } }
    }
  }
}

import Foundation
import Numerics

/// T cosine classifiers trained side by side, one per temperature slot, sharing every minibatch.
///
/// Model (SPEC §4): logits z = α·x̂ᵀŵ_c with x̂ and each column ŵ_c = w_c/‖w_c‖ L2-normalised, no
/// bias; p = softmax(z); loss = mean cross-entropy over the batch, divided by α when rescaled.
/// The weights of all slots live in one d × (T·C) row-major matrix W = [W_α1 … W_αT], so a step
/// is one GEMM X̂_b·Ŵ forward and one X̂_bᵀ·G backward, whatever T is. Gradients flow through the
/// normalisation of W: ∂L/∂w = (g − ŵ(ŵ·g))/‖w‖. A learned slot has α = exp(s), and s is trained
/// with the same optimiser (∂L/∂s = α·∂L/∂α).
/// Float32 arithmetic (like PyTorch); loss and accuracy accumulate in Float64.
public final class BatchedCosineClassifier {
  public let dimension: Int
  public let classCount: Int
  public let slots: Int
  /// Weights, d × (T·C) row-major.
  public private(set) var weights: [Float]
  /// Current α of each slot.
  public private(set) var alphas: [Float]
  let learnable: [Bool]
  let rescale: Bool
  var logAlpha: [Float]
  var weightState: OptimizerState
  var alphaState: OptimizerState

  // Scratch, reused across steps.
  private var normalised: [Float]
  private var norms: [Float]
  private var batchX: [Float] = []
  private var logits: [Float] = []
  private var gradNormalised: [Float]

  /// - Parameters:
  ///   - initial: the weights of one slot (d × C, row-major); every slot starts from them.
  ///   - parts: how many threads share a step (default: `defaultParts`); the numbers do not
  ///     depend on it.
  public init(dimension d: Int, classCount c: Int, alphas: [Double], learnable: [Bool], initial: [Float],
              configuration: TrainingConfiguration, parts: Int? = nil) {
    precondition(initial.count == d * c && learnable.count == alphas.count)
    dimension = d; classCount = c; slots = alphas.count
    self.alphas = alphas.map(Float.init)
    self.learnable = learnable
    self.logAlpha = alphas.map { Float(Foundation.log($0)) }
    rescale = configuration.rescaleLoss
    let tc = slots * c
    let slotCount = alphas.count
    weights = [Float](unsafeUninitializedCapacity: d * tc) { w, count in
      initial.withUnsafeBufferPointer { one in
        // Row i of W is row i of the initial weights, once per slot; first written on all cores.
        Parallel.chunks(d) { _, rows in
          for i in rows { for t in 0..<slotCount { (w.baseAddress! + i * tc + t * c).update(from: one.baseAddress! + i * c, count: c) } }
        }
      }
      count = d * tc
    }
    weightState = OptimizerState(configuration, count: d * tc)
    alphaState = OptimizerState(configuration, count: slots)
    normalised = Parallel.zeroed(Float.self, count: d * tc)
    norms = [Float](repeating: 0, count: tc)
    gradNormalised = Parallel.zeroed(Float.self, count: d * tc)
    let p = Swift.max(1, parts ?? Self.defaultParts(columns: tc))
    self.parts = p
    layout = PartLayout(parts: p, slots: slots, classes: c)
    team = WorkerTeam(size: p)
    stage = ProgressFlags(count: StepStage.allCases.count * p)
  }

  /// The weights of one slot (d × C), for tests and references.
  public func weights(slot t: Int) -> [Float] {
    let tc = slots * classCount
    var out = [Float](repeating: 0, count: dimension * classCount)
    for i in 0..<dimension { for k in 0..<classCount { out[i * classCount + k] = weights[i * tc + t * classCount + k] } }
    return out
  }

  /// A step's work is split into parts (`PartLayout`: equal column shares), run side by side by a
  /// `WorkerTeam`, with OpenBLAS single-threaded inside each part. A slot's numbers never depend
  /// on the split: every column of a GEMM is the same dot product wherever the column falls, and
  /// every sum over a slot is formed by one part in row order (tests train with 1, 2, 3 and 5
  /// parts and compare bit for bit).
  public let parts: Int

  /// One part per core, each with at least 32 columns of W.
  public static func defaultParts(columns: Int) -> Int { Swift.max(1, Swift.min(Parallel.workers, columns / 32)) }

  let layout: PartLayout
  private let team: WorkerTeam
  /// Per part and stage: the last step whose stage that part has finished (`StepStage`).
  private let stage: ProgressFlags
  private var stepCount: Int64 = 0
  /// True until the first step: every slot still holds the same initial weights, so the first
  /// forward product of every slot is the same b × C block (computed once per part, then copied).
  private var slotsEqual = true
  /// The validation logits of a chunk of rows, one region per part (reused across epochs).
  private var validationLogits: [Float] = []

  /// Ŵ = W with unit columns on `cols`, keeping the norms for the backward pass (a zero column
  /// stays zero). CKernels: vectorised for the CPU at hand, the same bits everywhere.
  private static func normaliseColumns(_ cols: Range<Int>, d: Int, tc: Int, w: UnsafePointer<Float>,
                                       norms: UnsafeMutablePointer<Float>, into wn: UnsafeMutablePointer<Float>) {
    guard !cols.isEmpty else { return }
    TrainingKernels.normaliseColumns(w + cols.lowerBound, ld: tc, rows: d, columns: cols.count, norms: norms + cols.lowerBound,
                                     unit: wn + cols.lowerBound)
  }

  /// One optimisation step on the rows `rows` of `x` (n × d, normalised). Returns each slot's
  /// batch loss (as optimised: divided by α for rescaled slots), summed over the batch rows.
  /// - Complexity: 4·b·d·T·C flops for b rows and T slots (two GEMMs) + O(b·T·C) softmax.
  @discardableResult
  public func step(rows: ArraySlice<Int>, x: [Float], labels: [Int32]) -> [Double] {
    BLAS.singleThreaded { stepSingleThreadedBLAS(rows: rows, x: x, labels: labels) }
  }

  /// Each part runs the whole step on its columns: gather its share of the batch rows, normalise
  /// its columns of W, forward Z = X̂_b·Ŵ (its columns), softmax, loss and ∂L/∂Z in place for its
  /// slots, backward X̂_bᵀ·G while G is still in cache, the gradient through the normalisation,
  /// and the optimiser update. The only waits: for the other parts' batch rows, and around a slot
  /// cut by a part boundary (`PartLayout`).
  private func stepSingleThreadedBLAS(rows: ArraySlice<Int>, x: [Float], labels: [Int32]) -> [Double] {
    let d = dimension, c = classCount, tc = slots * c, b = rows.count
    if batchX.count < b * d { batchX = Parallel.zeroed(Float.self, count: b * d) }
    if logits.count < b * tc { logits = Parallel.zeroed(Float.self, count: b * tc) }
    let rowIndex = Array(rows)
    let batchLabels = rowIndex.map { labels[$0] }
    var losses = [Double](repeating: 0, count: slots), alphaGrad = [Double](repeating: 0, count: slots)
    let invB = 1 / Float(b)
    let alphas = self.alphas
    // What each slot's loss is multiplied by: 1/α when rescaled (not for learned α).
    let scales: [Float] = (0..<slots).map { rescale && !learnable[$0] ? 1 / alphas[$0] : 1 }
    let learnFlags: [UInt8] = learnable.map { $0 ? 1 : 0 }
    let optimizer = weightState, layout = self.layout, stage = self.stage, parts = self.parts
    stepCount += 1
    let now = stepCount, shareForward = slotsEqual
    slotsEqual = false
    optimizer.begin()
    x.withUnsafeBufferPointer { xAll in
    rowIndex.withUnsafeBufferPointer { batchRows in
    batchX.withUnsafeMutableBufferPointer { xbBuffer in
    weights.withUnsafeMutableBufferPointer { wBuffer in
    normalised.withUnsafeMutableBufferPointer { wnBuffer in
    norms.withUnsafeMutableBufferPointer { nrmBuffer in
    logits.withUnsafeMutableBufferPointer { zBuffer in
    gradNormalised.withUnsafeMutableBufferPointer { gwBuffer in
    losses.withUnsafeMutableBufferPointer { lossOut in
    alphaGrad.withUnsafeMutableBufferPointer { gradOut in
    alphas.withUnsafeBufferPointer { alphaIn in
    scales.withUnsafeBufferPointer { scaleIn in
    learnFlags.withUnsafeBufferPointer { learnIn in
    batchLabels.withUnsafeBufferPointer { y in
      let xb = xbBuffer.baseAddress!, w = wBuffer.baseAddress!, wn = wnBuffer.baseAddress!
      let nrm = nrmBuffer.baseAddress!, zb = zBuffer.baseAddress!, gw = gwBuffer.baseAddress!
      team.run { p in
        // Gather this part's share of the batch rows into X̂_b; normalise this part's columns of
        // W; then wait for the other parts' rows (the forward product reads all of X̂_b).
        for r in (b * p / parts)..<(b * (p + 1) / parts) {
          (xb + r * d).update(from: xAll.baseAddress! + batchRows[r] * d, count: d)
        }
        stage.publish(StepStage.rows.flag(p, parts), now)
        let cols = layout.columns(p)
        Self.normaliseColumns(cols, d: d, tc: tc, w: w, norms: nrm, into: wn)
        for q in 0..<parts where q != p { stage.await(StepStage.rows.flag(q, parts), atLeast: now) }
        // Forward for these columns: Z[:, cols] = X̂_b · Ŵ[:, cols].
        if shareForward, let s = Self.wholeSlot(in: cols, classes: c) {
          // All slots equal: one slot's product, copied to the other columns (the same bits).
          BLAS.sgemm(.none, .none, m: b, n: c, k: d, a: xb, lda: d, b: wn + s * c, ldb: tc, c: zb + s * c, ldc: tc)
          Self.replicate(slot: s, over: cols, classes: c, rows: b, z: zb, ldz: tc)
        } else if !cols.isEmpty {
          BLAS.sgemm(.none, .none, m: b, n: cols.count, k: d, a: xb, lda: d, b: wn + cols.lowerBound, ldb: tc,
                     c: zb + cols.lowerBound, ldc: tc)
        }
        stage.publish(StepStage.forward.flag(p, parts), now)
        // Softmax, loss and ∂L/∂Z in place, a row at a time (CKernels: m_t = α_t·max z,
        // e = exp(α_t·z − m_t), loss, ∂L/∂α for learned slots, G = scale·α/b·(p − y)).
        func softmax(_ slotRange: Range<Int>) {
          guard !slotRange.isEmpty else { return }
          let u0 = slotRange.lowerBound
          var scratch = [Float](repeating: 0, count: slotRange.count * c)
          scratch.withUnsafeMutableBufferPointer { e in
            let block = TrainingKernels.SlotBlock(alphas: alphaIn.baseAddress! + u0, lossScales: scaleIn.baseAddress! + u0,
                                                  learnable: learnIn.baseAddress! + u0, slots: slotRange.count,
                                                  classes: c, inverseBatch: invB)
            TrainingKernels.softmaxRows(block, z: zb + u0 * c, ldz: tc, rows: b, labels: y.baseAddress!, scratch: e.baseAddress!,
                                        loss: lossOut.baseAddress! + u0, alphaGradient: gradOut.baseAddress! + u0)
          }
        }
        let plan = layout.softmaxPlan(p)
        softmax(plan.inner)
        if let spanning = plan.spanning {
          for q in spanning.parts { stage.await(StepStage.forward.flag(q, parts), atLeast: now) }
          softmax(spanning.slot..<(spanning.slot + 1))
        }
        stage.publish(StepStage.softmax.flag(p, parts), now)
        // Backward: ∂L/∂Ŵ[:, cols] = X̂_bᵀ · G[:, cols], the columns whose G is ready first.
        func backward(_ range: Range<Int>) {
          guard !range.isEmpty else { return }
          BLAS.sgemm(.transpose, .none, m: d, n: range.count, k: b, a: xb, lda: d, b: zb + range.lowerBound, ldb: tc,
                     c: gw + range.lowerBound, ldc: tc)
        }
        let back = layout.backwardPlan(p)
        backward(back.free)
        if let waiting = back.waiting {
          stage.await(StepStage.softmax.flag(waiting.owner, parts), atLeast: now)
          backward(waiting.columns)
        }
        // Through the normalisation, ∂L/∂w = (g − ŵ(ŵ·g))/‖w‖; then the optimiser, row segment by
        // row segment.
        guard !cols.isEmpty else { return }
        let c0 = cols.lowerBound, nc = cols.count
        var dotsBuffer = [Float](repeating: 0, count: nc)
        dotsBuffer.withUnsafeMutableBufferPointer { dots in
          let dots = dots.baseAddress!
          TrainingKernels.columnDots(wn + c0, gw + c0, ld: tc, rows: d, columns: nc, into: dots)
          for i in 0..<d {
            TrainingKernels.projectRow(unit: wn + (i * tc + c0), gradient: gw + (i * tc + c0), dots: dots, norms: nrm + c0, columns: nc)
            optimizer.apply(w, gw, offset: i * tc + c0, count: nc)
          }
        }
      }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    if learnable.contains(true) {
      var grad = (0..<slots).map { learnable[$0] ? Float(alphaGrad[$0] * Double(alphas[$0])) : 0 }
      logAlpha.withUnsafeMutableBufferPointer { s in
        grad.withUnsafeMutableBufferPointer { g in alphaState.update(s.baseAddress!, g.baseAddress!) }
      }
      for t in 0..<slots where learnable[t] { self.alphas[t] = Foundation.exp(logAlpha[t]) }
    }
    return losses
  }

  /// The first slot lying wholly in `cols`, if any.
  private static func wholeSlot(in cols: Range<Int>, classes c: Int) -> Int? {
    let s = (cols.lowerBound + c - 1) / c
    return (s + 1) * c <= cols.upperBound ? s : nil
  }

  /// Copies slot `s`'s columns of each row of z to every other column j of `cols` (from column
  /// s·C + j mod C).
  private static func replicate(slot s: Int, over cols: Range<Int>, classes c: Int, rows: Int,
                                z: UnsafeMutablePointer<Float>, ldz: Int) {
    for r in 0..<rows {
      let row = z + r * ldz, source = row + s * c
      var j = cols.lowerBound
      while j < cols.upperBound {
        let k = j % c, n = Swift.min(c - k, cols.upperBound - j)
        if j != s * c { (row + j).update(from: source + k, count: n) }
        j += n
      }
    }
  }

  /// Number of correct validation predictions per slot (argmax of the cosine; the first maximum
  /// wins ties, like `torch.argmax`). α > 0 does not change the argmax. Each part normalises its
  /// columns of W, then scores every slot on its share of the rows, 1024 rows at a time.
  /// - Complexity: 2·n·d·T·C flops for n rows and T slots.
  public func correctCounts(x: [Float], labels: [Int32]) -> [Int] {
    BLAS.singleThreaded {
      let d = dimension, c = classCount, tc = slots * c, n = labels.count, parts = self.parts
      var perPart = [[Int]](repeating: [Int](repeating: 0, count: slots), count: parts)
      let chunk = 1024
      x.withUnsafeBufferPointer { xs in
      weights.withUnsafeBufferPointer { w in
      normalised.withUnsafeMutableBufferPointer { wn in
      norms.withUnsafeMutableBufferPointer { nrm in
        let layout = self.layout
        team.run { p in
          Self.normaliseColumns(layout.columns(p), d: d, tc: tc, w: w.baseAddress!, norms: nrm.baseAddress!, into: wn.baseAddress!)
        }
        // Part p scores rows [n·p/P, n·(p+1)/P) in equal chunks of at most 1024 rows.
        let shares = (0..<parts).map { p in (n * p / parts)..<(n * (p + 1) / parts) }
        let chunkRows = shares.map { rows -> Int in
          let pieces = Swift.max(1, (rows.count + chunk - 1) / chunk)
          return (rows.count + pieces - 1) / pieces
        }
        let region = (chunkRows.max() ?? 0) * tc
        if validationLogits.count < parts * region { validationLogits = Parallel.zeroed(Float.self, count: parts * region) }
        perPart.withUnsafeMutableBufferPointer { out in
        validationLogits.withUnsafeMutableBufferPointer { zAll in
          team.run { p in
            let rows = shares[p], size = chunkRows[p]
            guard !rows.isEmpty else { return }
            let zp = zAll.baseAddress! + p * region
            var counts = [Int64](repeating: 0, count: slots)
            var start = rows.lowerBound
            while start < rows.upperBound {
              let m = Swift.min(size, rows.upperBound - start)
              BLAS.sgemm(.none, .none, m: m, n: tc, k: d, a: xs.baseAddress! + start * d, lda: d, b: wn.baseAddress!, ldb: tc,
                         c: zp, ldc: tc)
              labels.withUnsafeBufferPointer { y in
                TrainingKernels.argmaxHits(zp, ldz: tc, rows: m, slots: slots, classes: c, labels: y.baseAddress! + start, hits: &counts)
              }
              start += m
            }
            out[p] = counts.map(Int.init)
          }
        }
        }
      }
      }
      }
      }
      return (0..<slots).map { t in perPart.reduce(0) { $0 + $1[t] } }
    }
  }
}

/// The points of a training step that other parts wait for; each part publishes the step number
/// when it has passed one (`ProgressFlags`, one flag per stage and part).
enum StepStage: Int, CaseIterable {
  /// Its share of the batch rows is gathered into X̂_b.
  case rows
  /// Its columns of the forward product Z are written.
  case forward
  /// The softmax of its slots has turned their logits into ∂L/∂Z.
  case softmax

  func flag(_ part: Int, _ parts: Int) -> Int { rawValue * parts + part }
}

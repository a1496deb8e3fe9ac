import CKernels
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
  public init(dimension d: Int, classCount c: Int, alphas: [Double], learnable: [Bool], initial: [Float],
              configuration: TrainingConfiguration) {
    precondition(initial.count == d * c && learnable.count == alphas.count)
    dimension = d; classCount = c; slots = alphas.count
    self.alphas = alphas.map(Float.init)
    self.learnable = learnable
    self.logAlpha = alphas.map { Float(Foundation.log($0)) }
    rescale = configuration.rescaleLoss
    let tc = slots * c
    var w = Parallel.zeroed(Float.self, count: d * tc)
    for i in 0..<d { for t in 0..<slots { for k in 0..<c { w[i * tc + t * c + k] = initial[i * c + k] } } }
    weights = w
    weightState = OptimizerState(configuration, count: d * tc)
    alphaState = OptimizerState(configuration, count: slots)
    normalised = Parallel.zeroed(Float.self, count: d * tc)
    norms = [Float](repeating: 0, count: tc)
    gradNormalised = Parallel.zeroed(Float.self, count: d * tc)
  }

  /// The weights of one slot (d × C), for tests and references.
  public func weights(slot t: Int) -> [Float] {
    let tc = slots * classCount
    var out = [Float](repeating: 0, count: dimension * classCount)
    for i in 0..<dimension { for k in 0..<classCount { out[i * classCount + k] = weights[i * tc + t * classCount + k] } }
    return out
  }

  /// Work is split over a fixed number of parts, each owning a contiguous range of slots (their
  /// columns of W), with OpenBLAS single-threaded inside each part. A slot's numbers never depend
  /// on the split: every sum over a slot is formed by the part that owns it, in row order.
  static let parts = 2

  /// The column range of slots `slotRange`.
  private func columns(_ slotRange: Range<Int>) -> Range<Int> {
    (slotRange.lowerBound * classCount)..<(slotRange.upperBound * classCount)
  }

  /// Ŵ = W with unit columns on `cols`, keeping the norms for the backward pass. (Inner loops
  /// index from per-row base pointers, so they vectorise.)
  private static func normaliseColumns(_ cols: Range<Int>, d: Int, tc: Int, w: UnsafePointer<Float>,
                                       norms: UnsafeMutablePointer<Float>, into wn: UnsafeMutablePointer<Float>) {
    let n = cols.count, nrm = norms + cols.lowerBound
    for k in 0..<n { nrm[k] = 0 }
    for i in 0..<d {
      let wr = w + (i * tc + cols.lowerBound)
      for k in 0..<n { nrm[k] += wr[k] * wr[k] }
    }
    for k in 0..<n { nrm[k] = nrm[k].squareRoot() }
    for i in 0..<d {
      let wr = w + (i * tc + cols.lowerBound), out = wn + (i * tc + cols.lowerBound)
      // A zero column (norm 0) stays zero: 0/1. A select of the divisor, not of the quotient,
      // keeps the loop vectorised.
      for k in 0..<n { out[k] = wr[k] / (nrm[k] > 0 ? nrm[k] : 1) }
    }
  }

  /// One optimisation step on the rows `rows` of `x` (n × d, normalised). Returns each slot's
  /// batch loss (as optimised: divided by α for rescaled slots), summed over the batch rows.
  @discardableResult
  public func step(rows: ArraySlice<Int>, x: [Float], labels: [Int32]) -> [Double] {
    BLAS.withThreads(1) { stepSingleThreadedBLAS(rows: rows, x: x, labels: labels) }
  }

  /// Each part runs the whole step on its slots, with no barrier in between: normalise its
  /// columns of W, forward Z = X̂_b·Ŵ (its columns), softmax, loss and ∂L/∂Z in place, backward
  /// X̂_bᵀ·G while G is still in cache, the gradient through the normalisation, and the
  /// optimiser update of its columns.
  private func stepSingleThreadedBLAS(rows: ArraySlice<Int>, x: [Float], labels: [Int32]) -> [Double] {
    let d = dimension, c = classCount, tc = slots * c, b = rows.count
    if batchX.count < b * d { batchX = Parallel.zeroed(Float.self, count: b * d) }
    if logits.count < b * tc { logits = Parallel.zeroed(Float.self, count: b * tc) }
    let rowIndex = Array(rows)
    x.withUnsafeBufferPointer { src in
      batchX.withUnsafeMutableBufferPointer { dst in
        for (r, i) in rowIndex.enumerated() {
          (dst.baseAddress! + r * d).update(from: src.baseAddress! + i * d, count: d)
        }
      }
    }
    let batchLabels = rowIndex.map { labels[$0] }
    var losses = [Double](repeating: 0, count: slots), alphaGrad = [Double](repeating: 0, count: slots)
    let invB = 1 / Float(b)
    let alphas = self.alphas
    // What each slot's loss is multiplied by: 1/α when rescaled (not for learned α).
    let scales: [Float] = (0..<slots).map { rescale && !learnable[$0] ? 1 / alphas[$0] : 1 }
    let learnFlags: [UInt8] = learnable.map { $0 ? 1 : 0 }
    let optimizer = weightState
    optimizer.begin()
    batchX.withUnsafeBufferPointer { xbBuffer in
    weights.withUnsafeMutableBufferPointer { wBuffer in
    normalised.withUnsafeMutableBufferPointer { wnBuffer in
    norms.withUnsafeMutableBufferPointer { nrmBuffer in
    logits.withUnsafeMutableBufferPointer { zBuffer in
    gradNormalised.withUnsafeMutableBufferPointer { gwBuffer in
    losses.withUnsafeMutableBufferPointer { lossOut in
    alphaGrad.withUnsafeMutableBufferPointer { gradOut in
      let xb = xbBuffer.baseAddress!, w = wBuffer.baseAddress!, wn = wnBuffer.baseAddress!
      let nrm = nrmBuffer.baseAddress!, zb = zBuffer.baseAddress!, gw = gwBuffer.baseAddress!
      Parallel.chunks(slots, parts: Self.parts) { _, slotRange in
        guard !slotRange.isEmpty else { return }
        let cols = columns(slotRange), c0 = cols.lowerBound, nc = cols.count
        Self.normaliseColumns(cols, d: d, tc: tc, w: w, norms: nrm, into: wn)
        // Forward for these slots: Z[:, cols] = X̂_b · Ŵ[:, cols].
        BLAS.sgemm(.none, .none, m: b, n: nc, k: d, a: xb, lda: d, b: wn + c0, ldb: tc, c: zb + c0, ldc: tc)
        // Softmax, loss and ∂L/∂Z in place, a row at a time (CKernels: m_t = α_t·max z,
        // e = exp(α_t·z − m_t), loss, ∂L/∂α for learned slots, G = scale·α/b·(p − y)).
        let u0 = slotRange.lowerBound
        var scratch = [Float](repeating: 0, count: nc)
        Array(alphas[slotRange]).withUnsafeBufferPointer { a in
        Array(scales[slotRange]).withUnsafeBufferPointer { sc in
        Array(learnFlags[slotRange]).withUnsafeBufferPointer { lf in
        batchLabels.withUnsafeBufferPointer { y in
        scratch.withUnsafeMutableBufferPointer { e in
          var block = tempctl_slot_block(alphas: a.baseAddress!, loss_scales: sc.baseAddress!, learnable: lf.baseAddress!,
                                         slots: Int32(slotRange.count), classes: Int32(c), inv_batch: invB)
          tempctl_softmax_rows(&block, zb + c0, tc, b, y.baseAddress!, e.baseAddress!,
                               lossOut.baseAddress! + u0, gradOut.baseAddress! + u0)
        }
        }
        }
        }
        }
        // Backward: ∂L/∂Ŵ[:, cols] = X̂_bᵀ · G[:, cols]; then through the normalisation,
        // ∂L/∂w = (g − ŵ(ŵ·g))/‖w‖; then the optimiser, row segment by row segment.
        BLAS.sgemm(.transpose, .none, m: d, n: nc, k: b, a: xb, lda: d, b: zb + c0, ldb: tc, c: gw + c0, ldc: tc)
        var dotsBuffer = [Float](repeating: 0, count: nc)
        dotsBuffer.withUnsafeMutableBufferPointer { dots in
          let dots = dots.baseAddress!, norm = nrm + c0
          for i in 0..<d {
            let wr = wn + (i * tc + c0), gr = gw + (i * tc + c0)
            for k in 0..<nc { dots[k] += wr[k] * gr[k] }
          }
          for i in 0..<d {
            let wr = wn + (i * tc + c0), gr = gw + (i * tc + c0)
            for k in 0..<nc {
              let live: Float = norm[k] > 0 ? 1 : 0   // a zero column gets no gradient
              gr[k] = live * ((gr[k] - wr[k] * dots[k]) / (norm[k] > 0 ? norm[k] : 1))
            }
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
    if learnable.contains(true) {
      var grad = (0..<slots).map { learnable[$0] ? Float(alphaGrad[$0] * Double(alphas[$0])) : 0 }
      logAlpha.withUnsafeMutableBufferPointer { s in
        grad.withUnsafeMutableBufferPointer { g in alphaState.update(s.baseAddress!, g.baseAddress!) }
      }
      for t in 0..<slots where learnable[t] { self.alphas[t] = Foundation.exp(logAlpha[t]) }
    }
    return losses
  }

  /// Number of correct validation predictions per slot (argmax of the cosine; the first maximum
  /// wins ties, like `torch.argmax`). α > 0 does not change the argmax. Each part scores its own
  /// slots on every row, 1024 rows at a time.
  public func correctCounts(x: [Float], labels: [Int32]) -> [Int] {
    BLAS.withThreads(1) {
      let d = dimension, c = classCount, tc = slots * c, n = labels.count
      var correct = [Int](repeating: 0, count: slots)
      let chunk = 1024
      x.withUnsafeBufferPointer { xs in
      weights.withUnsafeBufferPointer { w in
      normalised.withUnsafeMutableBufferPointer { wn in
      norms.withUnsafeMutableBufferPointer { nrm in
      correct.withUnsafeMutableBufferPointer { out in
        Parallel.chunks(slots, parts: Self.parts) { _, slotRange in
          guard !slotRange.isEmpty else { return }
          let cols = columns(slotRange), c0 = cols.lowerBound, nc = cols.count
          Self.normaliseColumns(cols, d: d, tc: tc, w: w.baseAddress!, norms: nrm.baseAddress!, into: wn.baseAddress!)
          var z = [Float](repeating: 0, count: Swift.min(chunk, Swift.max(n, 1)) * nc)
          var start = 0
          while start < n {
            let m = Swift.min(chunk, n - start)
            z.withUnsafeMutableBufferPointer { zp in
              BLAS.sgemm(.none, .none, m: m, n: nc, k: d, a: xs.baseAddress! + start * d, lda: d, b: wn.baseAddress! + c0, ldb: tc,
                         c: zp.baseAddress!, ldc: nc)
              for r in 0..<m {
                let y = Int(labels[start + r])
                for (u, t) in slotRange.enumerated() {
                  let row = zp.baseAddress! + r * nc + u * c
                  var best = 0
                  for k in 1..<c where row[k] > row[best] { best = k }
                  if best == y { out[t] += 1 }
                }
              }
            }
            start += m
          }
        }
      }
      }
      }
      }
      }
      return correct
    }
  }
}

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
    var w = [Float](repeating: 0, count: d * tc)
    for i in 0..<d { for t in 0..<slots { for k in 0..<c { w[i * tc + t * c + k] = initial[i * c + k] } } }
    weights = w
    weightState = OptimizerState(configuration, count: d * tc)
    alphaState = OptimizerState(configuration, count: slots)
    normalised = [Float](repeating: 0, count: d * tc)
    norms = [Float](repeating: 0, count: tc)
    gradNormalised = [Float](repeating: 0, count: d * tc)
  }

  /// The weights of one slot (d × C), for tests and references.
  public func weights(slot t: Int) -> [Float] {
    let tc = slots * classCount
    var out = [Float](repeating: 0, count: dimension * classCount)
    for i in 0..<dimension { for k in 0..<classCount { out[i * classCount + k] = weights[i * tc + t * classCount + k] } }
    return out
  }

  /// Work is split into a fixed number of parts (not the core count), so every sum is formed in
  /// the same order on every machine; OpenBLAS runs single-threaded inside each part.
  static let parts = 4

  /// Ŵ = W with unit columns; keeps the norms for the backward pass. Parallel over columns.
  private func normaliseColumns() {
    let d = dimension, tc = slots * classCount
    weights.withUnsafeBufferPointer { w in
      norms.withUnsafeMutableBufferPointer { nrm in
        normalised.withUnsafeMutableBufferPointer { wn in
          Parallel.chunks(tc, parts: Self.parts) { _, cols in
            for k in cols { nrm[k] = 0 }
            for i in 0..<d { let row = i * tc; for k in cols { nrm[k] += w[row + k] * w[row + k] } }
            for k in cols { nrm[k] = nrm[k].squareRoot() }
            for i in 0..<d {
              let row = i * tc
              for k in cols { wn[row + k] = nrm[k] > 0 ? w[row + k] / nrm[k] : 0 }
            }
          }
        }
      }
    }
  }

  /// One optimisation step on the rows `rows` of `x` (n × d, normalised). Returns each slot's
  /// batch loss (as optimised: divided by α for rescaled slots), summed over the batch rows.
  @discardableResult
  public func step(rows: ArraySlice<Int>, x: [Float], labels: [Int32]) -> [Double] {
    BLAS.withThreads(1) { stepSingleThreadedBLAS(rows: rows, x: x, labels: labels) }
  }

  private func stepSingleThreadedBLAS(rows: ArraySlice<Int>, x: [Float], labels: [Int32]) -> [Double] {
    let d = dimension, c = classCount, tc = slots * c, b = rows.count
    if batchX.count < b * d { batchX = [Float](repeating: 0, count: b * d) }
    if logits.count < b * tc { logits = [Float](repeating: 0, count: b * tc) }
    let rowIndex = Array(rows)
    x.withUnsafeBufferPointer { src in
      batchX.withUnsafeMutableBufferPointer { dst in
        for (r, i) in rowIndex.enumerated() {
          (dst.baseAddress! + r * d).update(from: src.baseAddress! + i * d, count: d)
        }
      }
    }
    normaliseColumns()
    let batchLabels = rowIndex.map { Int(labels[$0]) }
    var partLosses = [[Double]](repeating: [Double](repeating: 0, count: slots), count: Self.parts)
    var partAlphaGrad = [[Double]](repeating: [Double](repeating: 0, count: slots), count: Self.parts)
    let invB = 1 / Float(b)
    let alphas = self.alphas, learnable = self.learnable, rescale = self.rescale
    batchX.withUnsafeBufferPointer { xb in
      normalised.withUnsafeBufferPointer { wn in
        logits.withUnsafeMutableBufferPointer { zb in
          partLosses.withUnsafeMutableBufferPointer { lossOut in
            partAlphaGrad.withUnsafeMutableBufferPointer { gradOut in
              Parallel.chunks(b, parts: Self.parts) { part, rowRange in
                guard !rowRange.isEmpty else { return }
                // Forward for these rows: Z = X̂_b · Ŵ.
                BLAS.sgemm(.none, .none, m: rowRange.count, n: tc, k: d, a: xb.baseAddress! + rowRange.lowerBound * d, lda: d,
                           b: wn.baseAddress!, ldb: tc, c: zb.baseAddress! + rowRange.lowerBound * tc, ldc: tc)
                // Softmax, loss and ∂L/∂Z in place, a row at a time, all slots together:
                // e = α_t·z − max_t, then one vectorised exp over T·C values.
                var losses = [Double](repeating: 0, count: slots)
                var alphaGrad = [Double](repeating: 0, count: slots)
                var e = [Float](repeating: 0, count: tc)
                var maxima = [Float](repeating: 0, count: slots)
                e.withUnsafeMutableBufferPointer { e in
                  for r in rowRange {
                    let y = batchLabels[r]
                    let zrow = zb.baseAddress! + r * tc
                    for t in 0..<slots {
                      let a = alphas[t], base = t * c
                      var m = -Float.infinity
                      for k in 0..<c { let v = a * zrow[base + k]; e[base + k] = v; m = v > m ? v : m }
                      for k in 0..<c { e[base + k] -= m }
                      maxima[t] = m
                    }
                    VectorMath.expInPlace(e.baseAddress!, count: tc)
                    for t in 0..<slots {
                      let a = alphas[t], base = t * c
                      let z = zrow + base
                      var s: Float = 0
                      for k in 0..<c { s += e[base + k] }
                      let zy = a * z[y]
                      let scale: Float = (rescale && !learnable[t]) ? 1 / a : 1
                      losses[t] += Double(scale) * (Double(Foundation.log(s)) + Double(maxima[t]) - Double(zy))
                      let inv = 1 / s
                      if learnable[t] {
                        // ∂L/∂α = Σ_k (p_k − y_k)·z_k / b
                        var g = 0.0
                        for k in 0..<c { g += Double((e[base + k] * inv - (k == y ? 1 : 0)) * z[k]) }
                        alphaGrad[t] += g * Double(invB)
                      }
                      let factor = scale * a * invB
                      for k in 0..<c { z[k] = factor * e[base + k] * inv }
                      z[y] -= factor
                    }
                  }
                }
                lossOut[part] = losses
                gradOut[part] = alphaGrad
              }
            }
          }
        }
      }
    }
    var losses = [Double](repeating: 0, count: slots), alphaGrad = [Double](repeating: 0, count: slots)
    for p in 0..<Self.parts { for t in 0..<slots { losses[t] += partLosses[p][t]; alphaGrad[t] += partAlphaGrad[p][t] } }
    // Backward: ∂L/∂Ŵ = X̂_bᵀ · G (d × TC), split over columns; then through the normalisation,
    // ∂L/∂w = (g − ŵ(ŵ·g))/‖w‖, and the optimiser update, on the same columns.
    batchX.withUnsafeBufferPointer { xb in
      logits.withUnsafeBufferPointer { g in
        gradNormalised.withUnsafeMutableBufferPointer { gw in
          normalised.withUnsafeBufferPointer { wn in
            norms.withUnsafeBufferPointer { nrm in
              Parallel.chunks(tc, parts: Self.parts) { _, cols in
                guard !cols.isEmpty else { return }
                let c0 = cols.lowerBound
                BLAS.sgemm(.transpose, .none, m: d, n: cols.count, k: b, a: xb.baseAddress!, lda: d,
                           b: g.baseAddress! + c0, ldb: tc, c: gw.baseAddress! + c0, ldc: tc)
                var dots = [Float](repeating: 0, count: cols.count)
                for i in 0..<d { let row = i * tc; for k in cols { dots[k - c0] += wn[row + k] * gw[row + k] } }
                for i in 0..<d {
                  let row = i * tc
                  for k in cols { gw[row + k] = nrm[k] > 0 ? (gw[row + k] - wn[row + k] * dots[k - c0]) / nrm[k] : 0 }
                }
              }
            }
          }
        }
      }
    }
    weights.withUnsafeMutableBufferPointer { w in
      gradNormalised.withUnsafeBufferPointer { g in weightState.update(w.baseAddress!, g.baseAddress!, count: d * tc) }
    }
    if learnable.contains(true) {
      var grad = (0..<slots).map { learnable[$0] ? Float(alphaGrad[$0] * Double(alphas[$0])) : 0 }
      logAlpha.withUnsafeMutableBufferPointer { s in
        grad.withUnsafeMutableBufferPointer { g in alphaState.update(s.baseAddress!, g.baseAddress!, count: slots) }
      }
      for t in 0..<slots where learnable[t] { self.alphas[t] = Foundation.exp(logAlpha[t]) }
    }
    return losses
  }

  /// Number of correct validation predictions per slot (argmax of the cosine; the first maximum
  /// wins ties, like `torch.argmax`). α > 0 does not change the argmax. Rows in chunks of 4096.
  public func correctCounts(x: [Float], labels: [Int32]) -> [Int] {
    BLAS.withThreads(1) {
      let d = dimension, c = classCount, tc = slots * c, n = labels.count
      normaliseColumns()
      var partCorrect = [[Int]](repeating: [Int](repeating: 0, count: slots), count: Self.parts)
      let chunk = 1024
      x.withUnsafeBufferPointer { xs in
        normalised.withUnsafeBufferPointer { wn in
          partCorrect.withUnsafeMutableBufferPointer { out in
            Parallel.chunks(n, parts: Self.parts) { part, rows in
              var correct = [Int](repeating: 0, count: slots)
              var z = [Float](repeating: 0, count: Swift.min(chunk, Swift.max(rows.count, 1)) * tc)
              var start = rows.lowerBound
              while start < rows.upperBound {
                let m = Swift.min(chunk, rows.upperBound - start)
                z.withUnsafeMutableBufferPointer { zp in
                  BLAS.sgemm(.none, .none, m: m, n: tc, k: d, a: xs.baseAddress! + start * d, lda: d, b: wn.baseAddress!, ldb: tc,
                             c: zp.baseAddress!, ldc: tc)
                  for r in 0..<m {
                    let y = Int(labels[start + r])
                    for t in 0..<slots {
                      let row = zp.baseAddress! + r * tc + t * c
                      var best = 0
                      for k in 1..<c where row[k] > row[best] { best = k }
                      if best == y { correct[t] += 1 }
                    }
                  }
                }
                start += m
              }
              out[part] = correct
            }
          }
        }
      }
      return (0..<slots).map { t in partCorrect.reduce(0) { $0 + $1[t] } }
    }
  }
}

import Dispatch
import Foundation
import Numerics

/// The full-batch loss and gradient of several cosine classifiers at once (the converged
/// protocol's inner step).
///
/// For each point W_t (d × C, row-major) with temperature α_t: Ŵ_t = W_t with unit columns,
/// f_t = (1/(α_t·N)) Σ_i CE(α_t·x̂_iᵀŴ_t, y_i), G = (P − Y)/N, ∂f/∂Ŵ = X̂ᵀG and
/// ∂f/∂W = R/‖w‖ with R = ∂f/∂Ŵ − Ŵ·diag(ŵ_cᵀ ∂f/∂ŵ_c), the Riemannian gradient.
///
/// The points are packed side by side into one d × (T·C) matrix. The work is cut into items —
/// a block of `rowBlock` training rows × a group of points — each doing a forward GEMM, the
/// softmax (`TrainingKernels.convergedRows`) and a backward GEMM with single-threaded BLAS; the items run
/// on every core and their partial sums are added in Float64 in row-block order. Row blocks are
/// fixed by N alone, so the numbers do not depend on the number of threads. They may depend on
/// which points share an evaluation: OpenBLAS chooses its kernels (and so the order of each dot
/// product's sum) by the GEMM's shape, e.g. small-matrix kernels below 64³ multiply-adds — which
/// is why `ConvergedTrainer` evaluates each chain's point on its own.
/// (OpenBLAS's own threading is slower than one thread on these shapes: measured 2.1 against
/// 0.6 ms for N = 1438, d = 256, C = 10.)
/// - Complexity: 4·N·d·T·C flops (two GEMMs) plus O(N·T·C) exponentials per evaluation.
final class CosineLossEvaluator {
  let data: PreparedSplit
  let workers: Int
  /// Training rows per item: the rows cut into ⌈N/512⌉ blocks (at most 16) of equal size, so the
  /// items take the same time.
  let rowBlock: Int
  private var logits: [[Float]]
  private var partials: [[Float]] = []
  /// The threads that run the items (and the runs' steps, `ConvergedTrainer`).
  let team: WorkerTeam

  init(data: PreparedSplit, workers: Int) {
    self.data = data
    self.workers = Swift.max(1, workers)
    let n = Swift.max(data.trainCount, 1)
    let blocks = Swift.min(16, (n + 511) / 512)
    rowBlock = (n + blocks - 1) / blocks
    logits = [[Float]](repeating: [], count: self.workers)
    team = WorkerTeam(size: self.workers)
  }

  struct Evaluation {
    /// f, the loss as minimised (cross-entropy divided by α).
    var loss: Double
    /// ∂f/∂W, d × C row-major.
    var gradient: [Float]
    /// max_ij |R_ij|.
    var riemannianMax: Double
  }

  /// Unit columns of the packed points, and the norms (each point on the team's threads in turn).
  private func packed(_ points: [[Float]]) -> (unit: [Float], norms: [Double]) {
    let d = data.dimension, c = data.classCount, t = points.count, tc = t * c
    var w = [Float](repeating: 0, count: d * tc)
    var norms = [Double](repeating: 0, count: tc)
    let workers = self.workers
    w.withUnsafeMutableBufferPointer { w in
      norms.withUnsafeMutableBufferPointer { norms in
        let w = w, norms = norms
        team.run { part in
          for s in stride(from: part, to: t, by: workers) {
            points[s].withUnsafeBufferPointer { p in
              for k in 0..<c {
                var sum = 0.0
                for i in 0..<d { let v = Double(p[i * c + k]); sum += v * v }
                let norm = sum.squareRoot(), j = s * c + k
                norms[j] = norm
                for i in 0..<d { w[i * tc + j] = norm > 0 ? Float(Double(p[i * c + k]) / norm) : p[i * c + k] }
              }
            }
          }
        }
      }
    }
    return (w, norms)
  }

  func evaluate(_ points: [[Float]], alphas: [Double]) -> [Evaluation] {
    let d = data.dimension, c = data.classCount, t = points.count, tc = t * c, n = data.trainCount
    guard t > 0 else { return [] }
    let (unit, norms) = packed(points)
    let alpha32 = alphas.map(Float.init)
    let blocks = Swift.max(1, (n + rowBlock - 1) / rowBlock)
    // Point groups: two when that evens out the items over the cores.
    let groups = (blocks % workers != 0 && t >= 2) ? 2 : 1
    let groupSlots = (0..<groups).map { g in (t * g / groups)..<(t * (g + 1) / groups) }
    let items = blocks * groups
    if partials.count < items { partials += [[Float]](repeating: [], count: items - partials.count) }
    for i in 0..<items where partials[i].count < d * tc { partials[i] = [Float](repeating: 0, count: d * tc) }
    let maxBlockColumns = groupSlots.map(\.count).max()! * c
    for w in 0..<workers where logits[w].count < rowBlock * maxBlockColumns { logits[w] = [Float](repeating: 0, count: rowBlock * maxBlockColumns) }
    var partialLoss = [Double](repeating: 0, count: items * t)
    let invN = 1 / Float(Swift.max(n, 1))
    let rowBlock = self.rowBlock, workers = self.workers
    data.train.withUnsafeBufferPointer { x in
    data.trainLabels.withUnsafeBufferPointer { y in
    unit.withUnsafeBufferPointer { wn in
    alpha32.withUnsafeBufferPointer { a in
    partialLoss.withUnsafeMutableBufferPointer { pl in
    partials.withUnsafeMutableBufferPointer { parts in
    logits.withUnsafeMutableBufferPointer { zs in
      let parts = parts, zs = zs, pl = pl
      let work = { (w: Int) in
        zs[w].withUnsafeMutableBufferPointer { z in
          for item in stride(from: w, to: items, by: workers) {
            let block = item / groups, slots = groupSlots[item % groups]
            let r0 = block * rowBlock, b = Swift.min(rowBlock, n - r0), cols = slots.count * c, c0 = slots.lowerBound * c
            guard b > 0, cols > 0 else { continue }
            let xb = Panel(x, rows: n, cols: d).rows(r0..<(r0 + b))
            let zb = MutablePanel(z, rows: b, cols: cols)
            BLAS.sgemm(xb, Panel(wn, rows: d, cols: tc).columns(c0..<(c0 + cols)), into: zb)
            let first = item * t + slots.lowerBound
            TrainingKernels.convergedRows(alphas: UnsafeBufferPointer(rebasing: a[slots]), classes: c, inverseRows: invN, z: zb,
                                          labels: UnsafeBufferPointer(rebasing: y[r0..<(r0 + b)]),
                                          loss: UnsafeMutableBufferPointer(rebasing: pl[first..<(first + slots.count)]))
            parts[item].withUnsafeMutableBufferPointer { g in
              BLAS.sgemm(xb, zb.readOnly, into: MutablePanel(g, rows: d, cols: tc).columns(c0..<(c0 + cols)), transA: .transpose)
            }
          }
        }
      }
      BLAS.singleThreaded { team.run(work) }
    }
    }
    }
    }
    }
    }
    }
    var loss = [Double](repeating: 0, count: t)
    for block in 0..<blocks { for g in 0..<groups { let item = block * groups + g; for s in groupSlots[g] { loss[s] += partialLoss[item * t + s] } } }
    for s in 0..<t { loss[s] /= Double(Swift.max(n, 1)) }
    // ∂f/∂Ŵ: the row blocks' partial products added in Float64, in block order (each row of Ŵ
    // on its own thread: the order per element is fixed).
    var gU = [Double](repeating: 0, count: d * tc)
    gU.withUnsafeMutableBufferPointer { acc in
      let acc = acc
      partials.withUnsafeBufferPointer { parts in
        team.run { p in
          let rows = (d * p / workers)..<(d * (p + 1) / workers)
          for block in 0..<blocks {
            for g in 0..<groups {
              let cols = groupSlots[g].lowerBound * c..<groupSlots[g].upperBound * c
              parts[block * groups + g].withUnsafeBufferPointer { p in
                for i in rows { let o = i * tc; for j in cols { acc[o + j] += Double(p[o + j]) } }
              }
            }
          }
        }
      }
    }
    // Through the normalisation: R = g − ŵ(ŵ·g), ∂f/∂W = R/‖w‖ (0 for a zero column); each point
    // on the team's threads in turn.
    var out = [Evaluation](repeating: Evaluation(loss: 0, gradient: [], riemannianMax: 0), count: t)
    out.withUnsafeMutableBufferPointer { out in
      let out = out
      team.run { part in
        for s in stride(from: part, to: t, by: workers) {
          var g = [Float](repeating: 0, count: d * c)
          var rmax = 0.0
          for k in 0..<c {
            let j = s * c + k
            var dot = 0.0
            for i in 0..<d { dot += Double(unit[i * tc + j]) * gU[i * tc + j] }
            for i in 0..<d {
              let r = gU[i * tc + j] - Double(unit[i * tc + j]) * dot
              rmax = Swift.max(rmax, abs(r))
              g[i * c + k] = norms[j] > 0 ? Float(r / norms[j]) : 0
            }
          }
          out[s] = Evaluation(loss: loss[s], gradient: g, riemannianMax: rmax)
        }
      }
    }
    return out
  }

  /// Per point, which validation rows it classifies correctly (argmax of the cosine, the first
  /// maximum on ties, like `torch.argmax`).
  func validationCorrect(_ points: [[Float]]) -> [[Bool]] {
    let d = data.dimension, c = data.classCount, t = points.count, tc = t * c, n = data.validationCount
    guard t > 0 else { return [] }
    var out = [[Bool]](repeating: [Bool](repeating: false, count: n), count: t)
    guard n > 0 else { return out }
    let (unit, _) = packed(points)
    let block = Swift.min(rowBlock, n)
    var z = [Float](repeating: 0, count: block * tc)
    data.validation.withUnsafeBufferPointer { x in
      var start = 0
      while start < n {
        let b = Swift.min(block, n - start)
        unit.withUnsafeBufferPointer { wn in
          z.withUnsafeMutableBufferPointer { zp in
            BLAS.sgemm(Panel(x, rows: n, cols: d).rows(start..<(start + b)), Panel(wn, rows: d, cols: tc),
                       into: MutablePanel(zp, rows: b, cols: tc))
          }
        }
        for r in 0..<b {
          let label = Int(data.validationLabels[start + r])
          for s in 0..<t {
            let o = r * tc + s * c
            var best = 0
            for k in 0..<c where z[o + k] > z[o + best] { best = k }
            out[s][start + r] = best == label
          }
        }
        start += b
      }
    }
    return out
  }
}

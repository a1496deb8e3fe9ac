import Dispatch
import Foundation
import Numerics

/// The O(N²·d) part of the silhouette: for every sample i and class c, the sum of Euclidean
/// distances from i to the members of c.
///
/// Samples are first sorted by class, so each class is a contiguous run. Distances are computed
/// per pair of row blocks (I, J ≥ I) as ‖x_i‖² + ‖x_j‖² − 2·X_I·X_Jᵀ (one dgemm per block pair,
/// clamped at 0, then √, the diagonal set to exactly 0, as scikit-learn's `euclidean_distances`
/// does). Each off-diagonal block is used twice (symmetry): its row sums over J's class runs go to
/// the rows of I, its column sums over I's class runs go to the rows of J. Workers take block
/// pairs round-robin, each with its own N × C accumulator, with OpenBLAS single-threaded inside.
/// Memory: workers × (N·C + B²) doubles; never N × N.
enum SilhouetteKernel {
  static let blockSize = 512

  /// Mean silhouette coefficient. Requires 2 ≤ classes present ≤ N − 1 (checked by the caller).
  static func mean(_ x: Matrix<Double>, labels: [Int], classCount: Int) -> Double {
    let n = x.rows, d = x.cols
    // Sort by class (stable) so classes form runs.
    let order = (0..<n).sorted { labels[$0] != labels[$1] ? labels[$0] < labels[$1] : $0 < $1 }
    let xs = x.selectingRows(order)
    let ys = order.map { labels[$0] }
    var counts = [Int](repeating: 0, count: classCount)
    for c in ys { counts[c] += 1 }
    let norms: [Double] = (0..<n).map { i in xs.row(i).reduce(0) { $0 + $1 * $1 } }
    let b = blockSize
    let blocks = (n + b - 1) / b
    var pairs: [(Int, Int)] = []
    for i in 0..<blocks { for j in i..<blocks { pairs.append((i, j)) } }
    let workers = max(1, min(Parallel.workers, pairs.count))
    // Class runs inside each block: (class, start, end) in absolute row indices.
    let runs: [[(Int, Int, Int)]] = (0..<blocks).map { blk in
      let lo = blk * b, hi = min(n, lo + b)
      var out: [(Int, Int, Int)] = []
      var s = lo
      while s < hi {
        var e = s + 1
        while e < hi && ys[e] == ys[s] { e += 1 }
        out.append((ys[s], s, e)); s = e
      }
      return out
    }
    var partial = [[Double]](repeating: [], count: workers)
    let lock = NSLock()
    BLAS.singleThreaded {
      xs.storage.withUnsafeBufferPointer { xp in
        DispatchQueue.concurrentPerform(iterations: workers) { w in
          var sums = [Double](repeating: 0, count: n * classCount)
          var g = [Double](repeating: 0, count: b * b)
          var colAcc = [Double](repeating: 0, count: b)
          var p = w
          while p < pairs.count {
            let (bi, bj) = pairs[p]
            p += workers
            let i0 = bi * b, i1 = min(n, i0 + b), j0 = bj * b, j1 = min(n, j0 + b)
            let mi = i1 - i0, mj = j1 - j0
            g.withUnsafeMutableBufferPointer { gp in
              let rows = Panel(xp, rows: n, cols: d)
              BLAS.gemm(rows.rows(i0..<i1), rows.rows(j0..<j1), into: MutablePanel(gp, rows: mi, cols: mj), transB: .transpose)
              // Distances in place.
              for i in 0..<mi {
                let ni = norms[i0 + i]
                let rowp = gp.baseAddress! + i * mj
                for j in 0..<mj {
                  let sq = ni + norms[j0 + j] - 2 * rowp[j]
                  rowp[j] = sq > 0 ? sq.squareRoot() : 0
                }
                if bi == bj { rowp[i] = 0 }
              }
              sums.withUnsafeMutableBufferPointer { sp in
                // Row sums over J's class runs → rows of I.
                for i in 0..<mi {
                  let rowp = gp.baseAddress! + i * mj
                  let dst = sp.baseAddress! + (i0 + i) * classCount
                  for (c, s, e) in runs[bj] {
                    var acc = 0.0
                    for j in (s - j0)..<(e - j0) { acc += rowp[j] }
                    dst[c] += acc
                  }
                }
                // Column sums over I's class runs → rows of J (off-diagonal blocks only).
                if bi != bj {
                  colAcc.withUnsafeMutableBufferPointer { cp in
                    for (c, s, e) in runs[bi] {
                      for j in 0..<mj { cp[j] = 0 }
                      for i in (s - i0)..<(e - i0) {
                        let rowp = gp.baseAddress! + i * mj
                        for j in 0..<mj { cp[j] += rowp[j] }
                      }
                      for j in 0..<mj { sp[(j0 + j) * classCount + c] += cp[j] }
                    }
                  }
                }
              }
            }
          }
          lock.lock(); partial[w] = sums; lock.unlock()
        }
      }
    }
    var sums = partial[0]
    for w in 1..<workers { for k in sums.indices { sums[k] += partial[w][k] } }
    var total = 0.0
    for i in 0..<n {
      let c = ys[i]
      guard counts[c] > 1 else { continue }  // s(i) = 0 for a singleton class
      let a = sums[i * classCount + c] / Double(counts[c] - 1)
      var bmin = Double.infinity
      for k in 0..<classCount where k != c && counts[k] > 0 {
        bmin = min(bmin, sums[i * classCount + k] / Double(counts[k]))
      }
      let denom = max(a, bmin)
      if denom > 0 { total += (bmin - a) / denom }
    }
    return total / Double(n)
  }
}

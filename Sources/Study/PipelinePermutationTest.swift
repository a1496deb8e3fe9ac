import Foundation
import Numerics

/// A permutation test of the whole select-and-fit pipeline (#14), in place of a mean of per-fold
/// p-values (which is not a test): α* is shuffled across the sets — breaking any link between
/// statistics and α* while keeping both distributions — and the pipeline is rerun unchanged (the
/// ranking, the selection, the nested ridge penalty and the fit inside every fold). The p-value
/// of a statistic T (the median fold r, the pooled r) is (1 + #{T_perm ≥ T_obs}) / (1 + P), one-sided:
/// how often predictions from statistics unrelated to α* correlate at least as well.
public enum PipelinePermutationTest {
  /// P: the smallest p-value it can give is 1/1000.
  public static let defaultPermutations = 999

  /// p-values of the median fold r and the pooled r of `logo`'s rule with `k`. The P shuffles are
  /// drawn in order from `SeededGenerator(seed:)` (Fisher–Yates), then evaluated on every core;
  /// the result does not depend on the number of cores.
  /// - Complexity: P runs of the pipeline, each O(F²·L) fits for F folds and L penalties.
  public static func run(_ logo: LeaveOneGroupOut, k: Int?, observedMedian: Double, observedPooled: Double,
                         permutations: Int, seed: UInt64 = 0) throws -> (median: Double, pooled: Double) {
    var rng = SeededGenerator(seed: seed)
    let alphaStar = logo.rows.map(\.alphaStar)
    let orders: [[Int]] = (0..<permutations).map { _ in
      var order = Array(alphaStar.indices)
      for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
      return order
    }
    var reached = [(median: Bool, pooled: Bool)](repeating: (false, false), count: permutations)
    var failure: Error?
    let lock = NSLock()
    reached.withUnsafeMutableBufferPointer { out in
      let slots = out
      Parallel.chunks(permutations) { _, range in
        for b in range {
          do {
            let shuffled = logo.with(alphaStar: orders[b].map { alphaStar[$0] })
            let c = try shuffled.correlations(try shuffled.predictions(k: k).alpha)
            // A permutation whose r is undefined (NaN) counts as not reaching the observed value.
            slots[b] = (SampleSummary.median(c.fold.map(\.r)) >= observedMedian, c.pooled >= observedPooled)
          } catch {
            lock.withLock { failure = failure ?? error }
          }
        }
      }
    }
    if let failure { throw failure }
    let denominator = Double(permutations + 1)
    return (Double(reached.filter(\.median).count + 1) / denominator, Double(reached.filter(\.pooled).count + 1) / denominator)
  }
}

import Foundation
import Numerics

/// `avg_normality`: the mean over dimensions of the Shapiro–Wilk W statistic of each training
/// column (Royston's AS R94, as `scipy.stats.shapiro(col).statistic`).
///
/// Constant columns (zero range) have no W and are skipped; the note says how many. Missing when
/// N_t < 3 or every column is constant. Above `max_samples` training rows (default 5000, the
/// algorithm's validated range) one seeded random subset of `max_samples` rows (without
/// replacement, `seed` option) is used for every column. The coefficients depend only on n and
/// are computed once; columns run in parallel.
/// - Complexity: O(d · n log n), n = min(N_t, max_samples).
public struct AverageNormality: DatasetStatistic {
  public static let id = "avg_normality"
  public static let summary = "mean Shapiro–Wilk W over dimensions (AS R94)"
  public static let requirements: Set<ContextRequirement> = [.trainSamples]
  public static let options = RowLimit.options(defaultLimit: 5000, subset: "random subset (one for every column)")

  let limit: RowLimit

  public init(options: PluginOptions) throws { limit = try RowLimit(options, specs: Self.options) }

  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let samples = try context.trainSamples()
    let total = samples.rows.rows
    guard total >= 3 else { return .missing(reason: "needs at least 3 training samples") }
    var rows = Array(0..<total)
    if total > limit.maxRows {
      var rng = SeededGenerator(seed: limit.seed)
      rng.shuffle(&rows)
      rows = Array(rows[0..<limit.maxRows]).sorted()
    }
    let n = rows.count, d = samples.rows.cols
    let sw = ShapiroWilk(n: n)
    // Columns as contiguous rows (a blocked transpose of the chosen rows): one cache-friendly
    // pass instead of d strided gathers.
    let columns = samples.gather(rows).transposed()
    var w = [Double](repeating: .nan, count: d)
    let workers = Swift.max(1, Swift.min(Parallel.workers, d))
    w.withUnsafeMutableBufferPointer { out in
      let outBase = out.baseAddress!
      columns.storage.withUnsafeBufferPointer { src in
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
          var column = [Double](repeating: 0, count: n)
          var keys: [UInt64] = [], scratch: [UInt64] = []
          var j = worker
          while j < d {
            column.withUnsafeMutableBufferPointer { c in
              _ = c.initialize(from: src[(j * n)..<((j + 1) * n)])
            }
            let shift = column[n / 2]
            column.withUnsafeMutableBufferPointer { RadixSort.sort($0, scratch: &scratch, keys: &keys) }
            outBase[j] = column.withUnsafeBufferPointer { sw.statistic(sorted: $0, shift: shift) } ?? .nan
            j += workers
          }
        }
      }
    }
    let valid = w.filter { !$0.isNaN }
    guard !valid.isEmpty else { return .missing(reason: "every column is constant (W undefined)") }
    let skipped = d - valid.count
    var note: [String] = []
    if skipped > 0 { note.append("\(skipped) constant column\(skipped == 1 ? "" : "s") skipped") }
    if n < total { note.append("W on a seeded subset of \(n) of \(total) rows") }
    return .value(SampleSummary.mean(valid), note: note.isEmpty ? nil : note.joined(separator: "; "))
  }
}

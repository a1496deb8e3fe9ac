import Numerics

/// Uncertainty over dataset groups: the sets of one dataset (its extractors) are not independent,
/// so both procedures resample or flip whole groups (the `dataset` field of zoo.json).
public enum GroupResampling {
  /// Resamples drawn by `medianInterval`.
  public static let bootstrapResamples = 2000

  /// The 95 % percentile interval of the median of `values` under a dataset-group bootstrap: B
  /// resamples of the G groups with replacement (each draw `SeededGenerator(seed:).next() mod G`
  /// over the group names sorted), each the median of the values of the sets of its groups; the
  /// 2.5 % and 97.5 % quantiles (linear interpolation, numpy's default) of the B medians.
  /// - Parameter values: one value per set; `groups` its group.
  /// - Complexity: O(B·n log n).
  public static func medianInterval(_ values: [Double], groups: [String], seed: UInt64 = 0) -> (low: Double, high: Double) {
    precondition(values.count == groups.count && !values.isEmpty)
    return interval(groups: groups, seed: seed) { idx in SampleSummary.median(idx.map { values[$0] }) }
  }

  /// The 95 % percentile interval of any statistic of the sets under the same dataset-group
  /// bootstrap: `statistic` gets the indices of one resample's sets (a group drawn twice appears
  /// twice); resamples where it is NaN (e.g. a correlation of a constant) are left out.
  /// - Parameter groups: each set's group.
  public static func interval(groups: [String], seed: UInt64 = 0, _ statistic: ([Int]) -> Double) -> (low: Double, high: Double) {
    precondition(!groups.isEmpty)
    let names = Array(Set(groups)).sorted()
    let members = names.map { g in groups.indices.filter { groups[$0] == g } }
    var rng = SeededGenerator(seed: seed)
    var values: [Double] = []
    values.reserveCapacity(bootstrapResamples)
    for _ in 0..<bootstrapResamples {
      var sample: [Int] = []
      for _ in names.indices { sample += members[Int(rng.next() % UInt64(names.count))] }
      let v = statistic(sample)
      if !v.isNaN { values.append(v) }
    }
    guard !values.isEmpty else { return (.nan, .nan) }
    values.sort()
    return (quantile(values, 0.025), quantile(values, 0.975))
  }

  /// Sign assignments drawn by `signFlipTest` beyond `exactSignFlipGroups` groups.
  public static let signFlipDraws = 200_000
  /// Up to this many groups the sign-flip test enumerates every assignment.
  public static let exactSignFlipGroups = 20

  /// A paired test of two methods' per-set values, clustered by dataset group: d_g = the mean of
  /// (a − b) over the sets of group g, T = mean_g d_g; under the null hypothesis each group's
  /// difference is as likely to have either sign, so p = the share of the 2^G sign assignments
  /// s ∈ {±1}^G with |mean_g s_g·d_g| ≥ |T| (two-sided). Exact for G ≤ 20; above, a Monte Carlo
  /// estimate from `signFlipDraws` assignments drawn with `SeededGenerator(seed:)`,
  /// p = (1 + #{≥})/(1 + draws).
  /// - Returns: (T, p); p = 1 when every d_g is 0.
  /// - Complexity: O(min(2^G, draws)·G).
  public static func signFlipTest(_ a: [Double], _ b: [Double], groups: [String], seed: UInt64 = 0) -> (meanDifference: Double, p: Double) {
    precondition(a.count == b.count && a.count == groups.count && !a.isEmpty)
    let names = Array(Set(groups)).sorted()
    let d = names.map { g in SampleSummary.mean(a.indices.filter { groups[$0] == g }.map { a[$0] - b[$0] }) }
    let observed = abs(SampleSummary.mean(d))
    let tolerance = 1e-12 * Swift.max(1, observed)
    func reaches(_ sign: (Int) -> Bool) -> Bool {
      var s = 0.0
      for (i, x) in d.enumerated() { s += sign(i) ? -x : x }
      return abs(s / Double(d.count)) >= observed - tolerance
    }
    guard d.count > exactSignFlipGroups else {
      let total = 1 << d.count
      let atLeast = (0..<total).filter { mask in reaches { (mask >> $0) & 1 == 1 } }.count
      return (SampleSummary.mean(d), Double(atLeast) / Double(total))
    }
    var rng = SeededGenerator(seed: seed)
    var atLeast = 0
    for _ in 0..<signFlipDraws {
      var bits: [UInt64] = []
      for _ in 0..<((d.count + 63) / 64) { bits.append(rng.next()) }
      if reaches({ (bits[$0 / 64] >> UInt64($0 % 64)) & 1 == 1 }) { atLeast += 1 }
    }
    return (SampleSummary.mean(d), Double(atLeast + 1) / Double(signFlipDraws + 1))
  }

  /// The q-quantile of ascending `v` with linear interpolation (numpy's default method).
  static func quantile(_ v: [Double], _ q: Double) -> Double {
    let h = Double(v.count - 1) * q, lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, v.count - 1)
    return v[lo] + (h - Double(lo)) * (v[hi] - v[lo])
  }
}

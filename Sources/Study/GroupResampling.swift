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

  /// A paired test of two methods' per-set values, clustered by dataset group: d_g = the mean of
  /// (a − b) over the sets of group g, T = mean_g d_g; under the null hypothesis each group's
  /// difference is as likely to have either sign, so p = the share of the 2^G sign assignments
  /// s ∈ {±1}^G with |mean_g s_g·d_g| ≥ |T| (two-sided, exact; G ≤ 20).
  /// - Returns: (T, p); p = 1 when every d_g is 0.
  /// - Complexity: O(2^G·G).
  public static func signFlipTest(_ a: [Double], _ b: [Double], groups: [String]) -> (meanDifference: Double, p: Double) {
    precondition(a.count == b.count && a.count == groups.count && !a.isEmpty)
    let names = Array(Set(groups)).sorted()
    precondition(names.count <= 20, "an exact sign-flip test over \(names.count) groups")
    let d = names.map { g in SampleSummary.mean(a.indices.filter { groups[$0] == g }.map { a[$0] - b[$0] }) }
    let observed = abs(SampleSummary.mean(d))
    let tolerance = 1e-12 * Swift.max(1, observed)
    var atLeast = 0
    let total = 1 << d.count
    for mask in 0..<total {
      var s = 0.0
      for (i, x) in d.enumerated() { s += (mask >> i) & 1 == 1 ? -x : x }
      if abs(s / Double(d.count)) >= observed - tolerance { atLeast += 1 }
    }
    return (SampleSummary.mean(d), Double(atLeast) / Double(total))
  }

  /// The q-quantile of ascending `v` with linear interpolation (numpy's default method).
  static func quantile(_ v: [Double], _ q: Double) -> Double {
    let h = Double(v.count - 1) * q, lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, v.count - 1)
    return v[lo] + (h - Double(lo)) * (v[hi] - v[lo])
  }
}

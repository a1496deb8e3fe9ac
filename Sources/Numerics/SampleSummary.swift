/// Summaries of a sample of numbers, with their conventions stated once (issue #13: the package
/// had a dozen inline averages and three standard deviations in two ddof conventions).
public enum SampleSummary {
  /// Σv / n, summed left to right; NaN when empty.
  public static func mean(_ v: [Double]) -> Double {
    v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
  }

  /// Σ(v − mean)² / (n − ddof): ddof 0 the population variance (numpy's default), ddof 1 the
  /// unbiased sample variance. NaN when empty; 0 when n ≤ ddof (one value has no spread).
  public static func variance(_ v: [Double], ddof: Int) -> Double {
    guard !v.isEmpty else { return .nan }
    guard v.count > ddof else { return 0 }
    let m = mean(v)
    return v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - ddof)
  }

  /// √`variance(v, ddof:)`.
  public static func standardDeviation(_ v: [Double], ddof: Int) -> Double {
    variance(v, ddof: ddof).squareRoot()
  }

  /// The median: the middle value, or the mean of the two middle values for an even count
  /// (numpy's `median`); NaN when empty.
  public static func median(_ v: [Double]) -> Double {
    guard !v.isEmpty else { return .nan }
    let s = v.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}

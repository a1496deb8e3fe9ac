/// A direct O(N²·d) silhouette, written independently of the blocked kernel, for cross-checks.
enum NaiveSilhouette {
  static func mean(_ x: [[Double]], _ y: [Int]) -> Double {
    let n = x.count
    var total = 0.0
    for i in 0..<n {
      var sums: [Int: Double] = [:], counts: [Int: Int] = [:]
      for j in 0..<n {
        counts[y[j], default: 0] += 1
        guard i != j else { continue }
        var s = 0.0
        for k in x[i].indices { s += (x[i][k] - x[j][k]) * (x[i][k] - x[j][k]) }
        sums[y[j], default: 0] += s.squareRoot()
      }
      guard counts[y[i]]! > 1 else { continue }
      let a = sums[y[i], default: 0] / Double(counts[y[i]]! - 1)
      let b = counts.keys.filter { $0 != y[i] }.map { sums[$0, default: 0] / Double(counts[$0]!) }.min()!
      total += (b - a) / max(a, b)
    }
    return total / Double(n)
  }
}

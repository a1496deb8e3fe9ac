import Dispatch

/// Column means of a row table, summed in Float64.
public enum ColumnMeans {
  /// Fixed row blocks: four, whatever the machine, so the sums are added in the same order and
  /// the means have the same bits everywhere.
  static let parts = 4

  /// The d column means of `table`: four fixed row blocks summed on the available cores, then
  /// added in block order.
  /// - Complexity: O(n·d).
  public static func of(_ table: AnyRowTable) -> [Double] {
    switch table {
    case let .float32(t): means(t)
    case let .float64(t): means(t)
    }
  }

  static func means<T: BinaryFloatingPoint>(_ t: RowTable<T>) -> [Double] {
    let n = t.rows, d = t.cols
    guard n > 0 else { return [Double](repeating: .nan, count: d) }
    var partial = [Double](repeating: 0, count: parts * d)
    partial.withUnsafeMutableBufferPointer { acc in
      let sums = acc.baseAddress!
      DispatchQueue.concurrentPerform(iterations: parts) { k in
        let out = sums + k * d
        for i in (n * k / parts)..<(n * (k + 1) / parts) {
          let row = t.row(i)
          for j in 0..<d { out[j] += Double(row[j]) }
        }
      }
    }
    return (0..<d).map { j in
      var s = 0.0
      for k in 0..<parts { s += partial[k * d + j] }
      return s / Double(n)
    }
  }
}

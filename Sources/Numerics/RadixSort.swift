/// Sorting doubles by their bits: least-significant-digit radix sort, 8 passes of 8 bits, with
/// passes skipped where every key has the same byte (data widened from float32 have 29 constant
/// low bits, so three passes vanish). Keys map IEEE doubles to unsigned integers that order the
/// same way (flip the sign bit of non-negatives, every bit of negatives). NaN must not occur;
/// −0 sorts before +0.
///
/// Used by Shapiro–Wilk, which sorts every column: 3–5× faster than the standard library's
/// comparison sort at n ≥ 1000.
/// - Complexity: O(8·n) time, O(n) extra space.
public enum RadixSort {
  public static func sort(_ values: UnsafeMutableBufferPointer<Double>, scratch: inout [UInt64], keys: inout [UInt64]) {
    let n = values.count
    guard n > 1 else { return }
    if keys.count < n { keys = [UInt64](repeating: 0, count: n) }
    if scratch.count < n { scratch = [UInt64](repeating: 0, count: n) }
    keys.withUnsafeMutableBufferPointer { a in
      scratch.withUnsafeMutableBufferPointer { b in
        var src = a.baseAddress!, dst = b.baseAddress!
        for i in 0..<n {
          let bits = values[i].bitPattern
          src[i] = (bits >> 63) == 0 ? bits ^ 0x8000_0000_0000_0000 : ~bits
        }
        var counts = [Int](repeating: 0, count: 256)
        for pass in 0..<8 {
          let shift = UInt64(pass * 8)
          for k in 0..<256 { counts[k] = 0 }
          for i in 0..<n { counts[Int((src[i] >> shift) & 0xFF)] += 1 }
          if counts[Int((src[0] >> shift) & 0xFF)] == n { continue }  // every key shares this byte
          var total = 0
          for k in 0..<256 { let c = counts[k]; counts[k] = total; total += c }
          for i in 0..<n {
            let k = Int((src[i] >> shift) & 0xFF)
            dst[counts[k]] = src[i]
            counts[k] += 1
          }
          swap(&src, &dst)
        }
        for i in 0..<n {
          let key = src[i]
          values[i] = Double(bitPattern: (key >> 63) == 1 ? key ^ 0x8000_0000_0000_0000 : ~key)
        }
      }
    }
  }
}

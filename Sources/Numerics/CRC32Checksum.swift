import CZipLib
import Foundation

/// The zip CRC-32 (reflected polynomial 0xEDB88320, zlib's `crc32`) of a byte buffer, computed on
/// all cores: contiguous slices are checksummed side by side (carry-less multiplication where the
/// CPU has it, `CRC32Fold`, the rest by zlib) and joined with zlib's `crc32_combine`.
public enum CRC32Checksum {
  /// The CRC-32 of `bytes`; with `continuing`, of the bytes whose CRC that was, followed by these.
  /// - Complexity: O(n), on every core above 8 MB.
  public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing initial: UInt32 = 0) -> UInt32 {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), bytes.count > 0 else { return initial }
    // Below a few MB the threads cost more than they save.
    let parts = bytes.count < 8 << 20 ? 1 : Parallel.workers
    var partial = [(crc: uLong, length: Int)](repeating: (0, 0), count: parts)
    partial.withUnsafeMutableBufferPointer { out in
      Parallel.chunks(bytes.count, parts: parts) { i, range in
        out[i] = (uLong(slice(base + range.lowerBound, count: range.count)), range.count)
      }
    }
    var crc = uLong(initial)
    for p in partial { crc = crc32_combine(crc, p.crc, off_t(p.length)) }
    return UInt32(truncatingIfNeeded: crc)
  }

  /// `checksum` of the bytes of `data`.
  public static func checksum(_ data: Data, continuing initial: UInt32 = 0) -> UInt32 {
    data.withUnsafeBytes { checksum($0, continuing: initial) }
  }

  /// The CRC-32 of one slice: folded with carry-less multiplication (`CRC32Fold`) where the CPU
  /// can, the rest by zlib.
  static func slice(_ start: UnsafePointer<Bytef>, count: Int) -> UInt32 {
    var crc: UInt32 = 0
    let folded = CRC32Fold.advance(&crc, over: UnsafeRawBufferPointer(start: start, count: count))
    var z = uLong(crc)
    var o = folded
    while o < count {
      let n = Swift.min(count - o, 1 << 30)
      z = crc32(z, start + o, uInt(n))
      o += n
    }
    return UInt32(truncatingIfNeeded: z)
  }
}

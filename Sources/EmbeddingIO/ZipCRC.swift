import CZipLib
import Foundation
import Numerics

/// The zip CRC-32 (polynomial 0xEDB88320, zlib's `crc32`) of a byte buffer, computed on all
/// cores: contiguous slices are checksummed side by side and joined with `crc32_combine`.
enum ZipCRC {
  /// The CRC-32 of `d`; with `continuing`, of the bytes whose CRC that was followed by `d`.
  static func checksum(_ d: Data, continuing initial: UInt32 = 0) -> UInt32 {
    d.withUnsafeBytes { raw -> UInt32 in
      guard let base = raw.baseAddress?.assumingMemoryBound(to: Bytef.self), raw.count > 0 else { return initial }
      // Below a few MB the threads cost more than they save.
      let parts = raw.count < 8 << 20 ? 1 : Parallel.workers
      var partial = [(crc: uLong, length: Int)](repeating: (0, 0), count: parts)
      partial.withUnsafeMutableBufferPointer { out in
        Parallel.chunks(raw.count, parts: parts) { i, range in
          var crc = crc32(0, nil, 0)
          var o = range.lowerBound
          while o < range.upperBound {
            let n = Swift.min(range.upperBound - o, 1 << 30)
            crc = crc32(crc, base + o, uInt(n))
            o += n
          }
          out[i] = (crc, range.count)
        }
      }
      var crc = uLong(initial)
      for p in partial { crc = crc32_combine(crc, p.crc, off_t(p.length)) }
      return UInt32(truncatingIfNeeded: crc)
    }
  }
}

import CZipLib
import Foundation
import Numerics

/// The zip CRC-32 (polynomial 0xEDB88320, zlib's `crc32`) of a byte buffer, computed on all
/// cores: contiguous slices are checksummed side by side (carry-less multiplication where the CPU
/// has it, `CRC32Fold`) and joined with `crc32_combine`.
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
          out[i] = (uLong(Self.slice(base + range.lowerBound, count: range.count)), range.count)
        }
      }
      var crc = uLong(initial)
      for p in partial { crc = crc32_combine(crc, p.crc, off_t(p.length)) }
      return UInt32(truncatingIfNeeded: crc)
    }
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

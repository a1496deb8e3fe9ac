import CKernels

/// The fast part of the zip CRC-32 (zlib's `crc32`, reflected polynomial 0xEDB88320):
/// carry-less-multiplication folding (`tempctl_crc32_fold`, 64 bytes per step on x86-64 with
/// PCLMULQDQ — ≈ 5× zlib's table-driven loop here). The bytes it leaves (fewer than 16, or all
/// of them on a CPU without the instructions) are for zlib.
public enum CRC32Fold {
  /// Advances `crc` (a zlib CRC-32 value) over a prefix of `bytes` and returns the prefix's length.
  public static func advance(_ crc: inout UInt32, over bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress, bytes.count >= 64 else { return 0 }
    return tempctl_crc32_fold(&crc, base.assumingMemoryBound(to: UInt8.self), bytes.count)
  }
}

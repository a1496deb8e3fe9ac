import Foundation

/// Writes stored-member zip files byte by byte, independently of the reader under test, so
/// tests can make exactly the archive they need: zip64 with every field in the extra record,
/// a local header that disagrees with the directory, a wrong CRC.
struct ZipBuilder {
  struct Member {
    var name: String
    var data: Data
    /// Written into both headers; nil means the true CRC-32.
    var crc: UInt32? = nil
    /// Written into the local header only, when set (to make the two disagree).
    var localCRC: UInt32? = nil
    /// Claimed uncompressed and compressed size in both headers; nil means the true size.
    var claimedSize: Int? = nil
  }

  /// Every size and offset saturated in the central directory and carried in the zip64 extra
  /// field (uncompressed size, compressed size and local offset together), with zip64 EOCD records.
  var zip64 = false

  func bytes(_ members: [Member]) -> Data {
    var out = Data()
    var central = Data()
    for m in members {
      let offset = out.count
      let crc = m.crc ?? Self.crc32(m.data)
      let size = m.claimedSize ?? m.data.count
      let name = Data(m.name.utf8)
      // Local header.
      out.le(0x0403_4b50, 4); out.le(zip64 ? 45 : 20, 2); out.le(0, 2); out.le(0, 2); out.le(0, 4)
      out.le(Int(m.localCRC ?? crc), 4)
      if zip64 {
        out.le(0xFFFF_FFFF, 4); out.le(0xFFFF_FFFF, 4); out.le(name.count, 2); out.le(20, 2); out.append(name)
        out.le(1, 2); out.le(16, 2); out.le(size, 8); out.le(size, 8)
      } else {
        out.le(size, 4); out.le(size, 4); out.le(name.count, 2); out.le(0, 2); out.append(name)
      }
      out.append(m.data)
      // Central entry.
      central.le(0x0201_4b50, 4); central.le(zip64 ? 45 : 20, 2); central.le(zip64 ? 45 : 20, 2)
      central.le(0, 2); central.le(0, 2); central.le(0, 4); central.le(Int(crc), 4)
      if zip64 {
        central.le(0xFFFF_FFFF, 4); central.le(0xFFFF_FFFF, 4); central.le(name.count, 2); central.le(28, 2)
      } else {
        central.le(size, 4); central.le(size, 4); central.le(name.count, 2); central.le(0, 2)
      }
      central.le(0, 2); central.le(0, 2); central.le(0, 2); central.le(0, 4)
      central.le(zip64 ? 0xFFFF_FFFF : offset, 4); central.append(name)
      if zip64 { central.le(1, 2); central.le(24, 2); central.le(size, 8); central.le(size, 8); central.le(offset, 8) }
    }
    let cdOffset = out.count
    out.append(central)
    if zip64 {
      let record = out.count
      out.le(0x0606_4b50, 4); out.le(44, 8); out.le(45, 2); out.le(45, 2); out.le(0, 4); out.le(0, 4)
      out.le(members.count, 8); out.le(members.count, 8); out.le(central.count, 8); out.le(cdOffset, 8)
      out.le(0x0706_4b50, 4); out.le(0, 4); out.le(record, 8); out.le(1, 4)
      out.le(0x0605_4b50, 4); out.le(0, 2); out.le(0, 2); out.le(0xFFFF, 2); out.le(0xFFFF, 2)
      out.le(0xFFFF_FFFF, 4); out.le(0xFFFF_FFFF, 4); out.le(0, 2)
    } else {
      out.le(0x0605_4b50, 4); out.le(0, 2); out.le(0, 2); out.le(members.count, 2); out.le(members.count, 2)
      out.le(central.count, 4); out.le(cdOffset, 4); out.le(0, 2)
    }
    return out
  }

  /// Bitwise CRC-32 (reflected polynomial 0xEDB88320), the textbook definition.
  static func crc32(_ d: Data) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in d {
      c ^= UInt32(b)
      for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
    }
    return ~c
  }
}

extension Data {
  /// Appends `value` as `bytes` little-endian bytes.
  mutating func le(_ value: Int, _ bytes: Int) {
    for i in 0..<bytes { append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
  }
}

import Foundation

/// A minimal reader of a zip file's central directory (zip64 included), enough to find where
/// each *stored* (uncompressed) member's bytes begin, so that `.npz` files written by
/// `numpy.savez` can be read in place from a memory map instead of being extracted.
/// Anything unexpected returns nil and the caller falls back to full extraction.
struct ZipDirectory {
  struct Member {
    let name: String
    let method: UInt16
    let size: Int
    let localHeaderOffset: Int
  }

  let members: [Member]

  init?(_ d: Data) {
    func u16(_ o: Int) -> Int? { o >= 0 && o + 2 <= d.count ? Int(d[d.startIndex + o]) | Int(d[d.startIndex + o + 1]) << 8 : nil }
    func u32(_ o: Int) -> Int? { guard let a = u16(o), let b = u16(o + 2) else { return nil }; return a | b << 16 }
    func u64(_ o: Int) -> Int? { guard let a = u32(o), let b = u32(o + 4), b < 1 << 31 else { return nil }; return a | b << 32 }
    // End of central directory: scan back over at most a 64 KiB comment.
    var eocd = -1
    var o = d.count - 22
    while o >= Swift.max(0, d.count - 22 - 65_535) {
      if u32(o) == 0x0605_4b50 { eocd = o; break }
      o -= 1
    }
    guard eocd >= 0, var count = u16(eocd + 10), var cdOffset = u32(eocd + 16) else { return nil }
    if count == 0xFFFF || cdOffset == 0xFFFF_FFFF {
      // zip64: the locator sits just before the EOCD and points at the zip64 EOCD record.
      guard u32(eocd - 20) == 0x0706_4b50, let rec = u64(eocd - 12), u32(rec) == 0x0606_4b50,
            let c = u64(rec + 32), let off = u64(rec + 48) else { return nil }
      count = c; cdOffset = off
    }
    var members: [Member] = []
    var p = cdOffset
    for _ in 0..<count {
      guard u32(p) == 0x0201_4b50, let method = u16(p + 10), var size = u32(p + 24), let nameLen = u16(p + 28),
            let extraLen = u16(p + 30), let commentLen = u16(p + 32), var local = u32(p + 42),
            p + 46 + nameLen <= d.count else { return nil }
      let nameBytes = d[(d.startIndex + p + 46)..<(d.startIndex + p + 46 + nameLen)]
      // zip64 extended information: the 64-bit values, in order, of the fields saturated above.
      var e = p + 46 + nameLen
      let extraEnd = e + extraLen
      while e + 4 <= extraEnd, let id = u16(e), let len = u16(e + 2) {
        if id == 0x0001 {
          var f = e + 4
          if size == 0xFFFF_FFFF { guard let v = u64(f) else { return nil }; size = v; f += 8 }
          if u32(p + 20) == 0xFFFF_FFFF { f += 8 }   // compressed size
          if local == 0xFFFF_FFFF { guard let v = u64(f) else { return nil }; local = v }
        }
        e += 4 + len
      }
      members.append(Member(name: String(decoding: nameBytes, as: UTF8.self), method: UInt16(method), size: size,
                            localHeaderOffset: local))
      p += 46 + nameLen + extraLen + commentLen
    }
    self.members = members
  }

  /// The bytes of a stored member, as a slice of `d` (no copy), or nil when it is compressed or
  /// its local header does not check out.
  static func storedBytes(of m: Member, in d: Data) -> Data? {
    guard m.method == 0 else { return nil }
    let o = m.localHeaderOffset
    guard o + 30 <= d.count else { return nil }
    func u16(_ o: Int) -> Int { Int(d[d.startIndex + o]) | Int(d[d.startIndex + o + 1]) << 8 }
    guard u16(o) == 0x4b50, u16(o + 2) == 0x0403 else { return nil }
    let start = o + 30 + u16(o + 26) + u16(o + 28)
    guard start + m.size <= d.count else { return nil }
    return d[(d.startIndex + start)..<(d.startIndex + start + m.size)]
  }
}

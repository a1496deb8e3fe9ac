import Foundation

/// A strict reader of a zip file's directory (zip64 included), as `numpy.savez` and
/// `numpy.savez_compressed` write them.
///
/// Every number read from the file is untrusted: each offset and size is checked against the
/// file's length before it is used, each member's local header is compared with its central
/// directory entry (name, method, and — unless the member uses a data descriptor — CRC-32 and
/// both sizes), and each member's bytes must lie between its local header and the central
/// directory. A disagreement is a `DataError.corruptZip` naming the member.
struct ZipDirectory {
  /// One member, as its central directory entry and its checked local header describe it.
  struct Member {
    let name: String
    /// 0 = stored, 8 = deflated (the only two methods read).
    let method: Int
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    /// Where the member's (compressed) bytes begin in the file.
    let dataOffset: Int
  }

  let members: [Member]

  init(_ d: Data, path: String) throws {
    let reader = ZipFields(d)
    func fail(_ reason: String) -> DataError { .corruptZip(path: path, reason: reason) }
    // End of central directory: scan back over at most a 64 KiB comment.
    var eocd = -1
    var o = d.count - 22
    while o >= Swift.max(0, d.count - 22 - 65_535) {
      if reader.u32(o) == 0x0605_4b50 { eocd = o; break }
      o -= 1
    }
    guard eocd >= 0, var count = reader.u16(eocd + 10), var cdOffset = reader.u32(eocd + 16),
          var cdSize = reader.u32(eocd + 12) else {
      throw fail("no end-of-central-directory record (not a zip file, or truncated)")
    }
    var cdEnd = eocd
    if count == 0xFFFF || cdOffset == 0xFFFF_FFFF || cdSize == 0xFFFF_FFFF {
      // zip64: the locator sits just before the EOCD and points at the zip64 EOCD record.
      guard reader.u32(eocd - 20) == 0x0706_4b50, let rec = reader.u64(eocd - 12), rec < eocd - 20,
            reader.u32(rec) == 0x0606_4b50, let c = reader.u64(rec + 32), let s = reader.u64(rec + 40),
            let off = reader.u64(rec + 48) else {
        throw fail("the zip64 end-of-central-directory record is missing or damaged")
      }
      count = c; cdSize = s; cdOffset = off; cdEnd = rec
    }
    // Each entry takes at least 46 bytes: a count the directory cannot hold is refused before
    // anything is reserved for it.
    guard cdOffset <= cdEnd, cdSize <= cdEnd - cdOffset, count <= cdSize / 46 else {
      throw fail("the central directory claims \(count) members in \(cdSize) bytes at offset \(cdOffset), which the file cannot hold")
    }
    var members: [Member] = []
    members.reserveCapacity(count)
    var p = cdOffset
    for index in 0..<count {
      guard reader.u32(p) == 0x0201_4b50, let flags = reader.u16(p + 8), let method = reader.u16(p + 10),
            let crc = reader.u32(p + 16), var compressed = reader.u32(p + 20), var size = reader.u32(p + 24),
            let nameLen = reader.u16(p + 28), let extraLen = reader.u16(p + 30), let commentLen = reader.u16(p + 32),
            var local = reader.u32(p + 42), p + 46 + nameLen + extraLen + commentLen <= cdOffset + cdSize else {
        throw fail("central directory entry \(index + 1) of \(count) is damaged")
      }
      let name = reader.text(p + 46, nameLen)
      // zip64 extended information: the 64-bit values, in this order, of the fields saturated above.
      if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
        guard let extra = reader.extraField(0x0001, at: p + 46 + nameLen, length: extraLen) else {
          throw fail("member \(name) has saturated sizes but no zip64 extra field")
        }
        var f = extra.lowerBound
        func next() throws -> Int {
          guard f + 8 <= extra.upperBound, let v = reader.u64(f) else { throw fail("member \(name): zip64 extra field too short") }
          f += 8
          return v
        }
        if size == 0xFFFF_FFFF { size = try next() }
        if compressed == 0xFFFF_FFFF { compressed = try next() }
        if local == 0xFFFF_FFFF { local = try next() }
      }
      guard flags & 1 == 0 else { throw fail("member \(name) is encrypted") }
      guard method == 0 || method == 8 else {
        throw fail("member \(name) uses compression method \(method); only stored (0) and deflated (8) are read")
      }
      if method == 0 && compressed != size {
        throw fail("member \(name) is stored but its sizes differ (\(compressed) compressed, \(size) uncompressed)")
      }
      let dataOffset = try Self.checkLocalHeader(reader, at: local, name: name, method: method, flags: flags, crc: crc,
                                                 compressed: compressed, size: size, path: path)
      guard dataOffset <= cdOffset, compressed <= cdOffset - dataOffset else {
        throw fail("member \(name) claims \(compressed) bytes at offset \(dataOffset), past the start of the central directory (\(cdOffset))")
      }
      members.append(Member(name: name, method: method, crc32: UInt32(crc), compressedSize: compressed,
                            uncompressedSize: size, dataOffset: dataOffset))
      p += 46 + nameLen + extraLen + commentLen
    }
    self.members = members
  }

  /// Compares a member's local header with its central directory entry; returns where its data begins.
  private static func checkLocalHeader(_ r: ZipFields, at o: Int, name: String, method: Int, flags: Int, crc: Int,
                                       compressed: Int, size: Int, path: String) throws -> Int {
    func fail(_ reason: String) -> DataError { .corruptZip(path: path, reason: "member \(name): \(reason)") }
    guard r.u32(o) == 0x0403_4b50, let lMethod = r.u16(o + 8), let lCRC = r.u32(o + 14),
          var lCompressed = r.u32(o + 18), var lSize = r.u32(o + 22), let nameLen = r.u16(o + 26),
          let extraLen = r.u16(o + 28), o + 30 + nameLen + extraLen <= r.count else {
      throw fail("no local header at offset \(o)")
    }
    guard r.text(o + 30, nameLen) == name else { throw fail("the local header names '\(r.text(o + 30, nameLen))'") }
    guard lMethod == method else { throw fail("the local header says method \(lMethod), the directory \(method)") }
    // With a data descriptor (flag bit 3) the local CRC and sizes are zero; the directory's hold.
    if flags & 8 == 0 {
      if lCompressed == 0xFFFF_FFFF || lSize == 0xFFFF_FFFF {
        guard let extra = r.extraField(0x0001, at: o + 30 + nameLen, length: extraLen), extra.count >= 16,
              let s = r.u64(extra.lowerBound), let c = r.u64(extra.lowerBound + 8) else {
          throw fail("the local header has saturated sizes but no zip64 extra field")
        }
        lSize = s; lCompressed = c
      }
      guard lCRC == crc, lCompressed == compressed, lSize == size else {
        throw fail("the local header (CRC \(lCRC), \(lCompressed) → \(lSize) bytes) disagrees with the directory (CRC \(crc), \(compressed) → \(size) bytes)")
      }
    }
    return o + 30 + nameLen + extraLen
  }

  /// The member's bytes as stored in the file (compressed when deflated): a slice, not a copy.
  func rawBytes(of m: Member, in d: Data) -> Data {
    d[(d.startIndex + m.dataOffset)..<(d.startIndex + m.dataOffset + m.compressedSize)]
  }
}

/// Little-endian fields of an untrusted byte buffer: every read is bounds-checked and returns
/// nil outside it; 64-bit values of 2^62 or more (no real file) are refused too.
struct ZipFields {
  let d: Data
  init(_ d: Data) { self.d = d }
  var count: Int { d.count }

  func u16(_ o: Int) -> Int? { o >= 0 && o <= d.count - 2 ? Int(d[d.startIndex + o]) | Int(d[d.startIndex + o + 1]) << 8 : nil }
  func u32(_ o: Int) -> Int? { guard let a = u16(o), let b = u16(o + 2) else { return nil }; return a | b << 16 }
  func u64(_ o: Int) -> Int? { guard let a = u32(o), let b = u32(o + 4), b < 1 << 30 else { return nil }; return a | b << 32 }

  /// The bytes at `o..<o+n` as UTF-8 text (invalid sequences replaced); empty when out of bounds.
  func text(_ o: Int, _ n: Int) -> String {
    guard o >= 0, n >= 0, o <= d.count - n else { return "" }
    return String(decoding: d[(d.startIndex + o)..<(d.startIndex + o + n)], as: UTF8.self)
  }

  /// The payload range of the extra field with header `id` inside `at..<at+length`, if any.
  func extraField(_ id: Int, at start: Int, length: Int) -> Range<Int>? {
    var e = start
    while e + 4 <= start + length, let tag = u16(e), let len = u16(e + 2) {
      if e + 4 + len > start + length { return nil }
      if tag == id { return (e + 4)..<(e + 4 + len) }
      e += 4 + len
    }
    return nil
  }
}

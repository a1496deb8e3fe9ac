import Foundation
import Numerics
import ZIPFoundation

/// Reads and writes `.npz` files: zip archives of `.npy` members, stored or deflated, as
/// `numpy.savez` and `numpy.savez_compressed` write them (zip64 headers included).
public enum NPZArchive {
  /// The names of the arrays in the archive (member names without `.npy`).
  public static func keys(at url: URL) throws -> [String] {
    try keys(in: DatasetLoader.read(url.path), path: url.path)
  }

  /// Reads the named arrays; a missing name yields no entry in the result.
  ///
  /// The file is memory-mapped and its zip directory checked member by member (`ZipDirectory`:
  /// local header against central entry, every offset and size against the file). A wanted member
  /// is then checked against its CRC-32 whether stored or deflated: stored members
  /// (`numpy.savez`) are read in place — no extraction, the checksum runs on all cores over the
  /// mapped bytes; deflated ones (`savez_compressed`) are inflated under `NPYMemberInflater`'s
  /// bounds. Their NPY header must then account for every byte (`NPYArray`).
  public static func read(at url: URL, keys wanted: Set<String>) throws -> [String: NPYArray] {
    try read(archive: DatasetLoader.read(url.path), path: url.path, keys: wanted)
  }

  /// The same as `read(at:keys:)` on bytes already in memory (`path` names them in errors). With
  /// `checks`, a stored member's CRC-32 runs there, beside the caller's work (`DeferredChecks`);
  /// a deflated member is checked as it is inflated, before anything reads it.
  public static func read(archive d: Data, path: String, keys wanted: Set<String>,
                          deferring checks: DeferredChecks? = nil) throws -> [String: NPYArray] {
    let directory = try ZipDirectory(d, path: path)
    var out: [String: NPYArray] = [:]
    for m in directory.members {
      let name = arrayName(m.name)
      guard wanted.contains(name) else { continue }
      let source = "\(path)[\(name)]"
      guard out[name] == nil else { throw DataError.corruptZip(path: path, reason: "member \(m.name) appears twice") }
      let raw = directory.rawBytes(of: m, in: d)
      let bytes: Data
      if m.method == 0 {
        bytes = raw
      } else {
        // Deflate expands at most 1032:1; a larger claim cannot be true.
        guard m.uncompressedSize / 1032 <= m.compressedSize else {
          throw DataError.corruptZip(path: path, reason: "member \(m.name) claims \(m.uncompressedSize) bytes from \(m.compressedSize) compressed, more than deflate can produce")
        }
        bytes = try NPYMemberInflater(member: m.name, source: source, path: path).inflate(raw, claimed: m.uncompressedSize)
      }
      let expected = m.crc32, member = m.name
      @Sendable func check() throws {
        let crc = CRC32Checksum.checksum(bytes)
        guard crc == expected else {
          throw DataError.corruptZip(path: path, reason: "member \(member) fails its CRC-32 check (stored \(expected), computed \(crc)); the file is damaged — download or save it again")
        }
      }
      if let checks, m.method == 0 { checks.start(check) } else { try check() }
      out[name] = try NPYArray(data: bytes, source: source)
    }
    return out
  }

  /// The array names (member names without `.npy`) of an archive already in memory.
  public static func keys(in d: Data, path: String) throws -> [String] {
    try ZipDirectory(d, path: path).members.map(\.name).filter { $0.hasSuffix(".npy") }.map(arrayName)
  }

  private static func arrayName(_ member: String) -> String {
    member.hasSuffix(".npy") ? String(member.dropLast(4)) : member
  }

  /// Writes arrays (already NPY-encoded) as a new archive; deflated when `compressed`.
  /// The archive is written beside `url` and renamed over it when complete: a failure leaves
  /// no partial file, and an existing file is replaced only by a whole new one.
  public static func write(_ arrays: [(String, Data)], to url: URL, compressed: Bool) throws {
    let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
    do {
      try? FileManager.default.removeItem(at: partial)
      let archive = try Archive(url: partial, accessMode: .create)
      for (name, data) in arrays {
        try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: compressed ? .deflate : .none) { position, size in
          data.subdata(in: Int(position)..<(Int(position) + size))
        }
      }
      // rename(2) replaces an existing file atomically.
      guard rename(partial.path, url.path) == 0 else {
        throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno))
      }
    } catch {
      try? FileManager.default.removeItem(at: partial)
      var isFolder: ObjCBool = false
      let folder = url.deletingLastPathComponent().path
      if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
        throw DataError.unwritable(path: url.path, reason: "the folder \(folder) does not exist")
      }
      throw DataError.unwritable(path: url.path, reason: DataError.reason(of: error))
    }
  }
}

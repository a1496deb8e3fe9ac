import Foundation
import ZIPFoundation

/// Reads and writes `.npz` files: zip archives of `.npy` members, stored or deflated, as
/// `numpy.savez` and `numpy.savez_compressed` write them (zip64 headers included).
public enum NPZArchive {
  /// The names of the arrays in the archive (member names without `.npy`).
  public static func keys(at url: URL) throws -> [String] {
    let archive = try open(url)
    return archive.map { $0.path }.filter { $0.hasSuffix(".npy") }.map { String($0.dropLast(4)) }
  }

  /// Reads the named arrays; a missing name yields no entry in the result.
  ///
  /// Stored (uncompressed) members, as `numpy.savez` writes them, are read in place from a memory
  /// map of the file — no extraction, and only the pages of the rows used are touched; their zip
  /// CRC is not checked (the NPY header and the data's shape and finiteness still are).
  /// Deflated members (`savez_compressed`) are extracted with their CRC-32 compared with the
  /// header's, inflation bounded by the size the header claims, and that size checked.
  public static func read(at url: URL, keys wanted: Set<String>) throws -> [String: NPYArray] {
    var out: [String: NPYArray] = [:]
    if let mapped = try? Data(contentsOf: url, options: .alwaysMapped), let dir = ZipDirectory(mapped) {
      for m in dir.members {
        let name = m.name.hasSuffix(".npy") ? String(m.name.dropLast(4)) : m.name
        guard wanted.contains(name), let bytes = ZipDirectory.storedBytes(of: m, in: mapped) else { continue }
        out[name] = try NPYArray(data: bytes, source: "\(url.path)[\(name)]")
      }
      if out.count == wanted.count { return out }
    }
    let archive = try open(url)
    let fileSize = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int64) ?? 0
    for entry in archive where entry.type == .file {
      let name = entry.path.hasSuffix(".npy") ? String(entry.path.dropLast(4)) : entry.path
      guard wanted.contains(name), out[name] == nil else { continue }
      // The claimed size is untrusted: reserve no more than the file could inflate to (deflate's
      // ratio is at most 1032:1), and stop as soon as the member yields more than it claims.
      let claimed = Int64(clamping: entry.uncompressedSize)
      var data = Data(capacity: Int(clamping: Swift.min(claimed, Swift.max(fileSize, 0) * 1032, 1 << 30)))
      let checksum: CRC32
      do {
        checksum = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: false) { chunk in
          guard Int64(data.count) + Int64(chunk.count) <= claimed else {
            throw DataError.corruptZip(path: url.path, reason: "member \(entry.path) inflates past the \(claimed) bytes its header claims")
          }
          data.append(chunk)
        }
      } catch let e as DataError {
        throw e
      } catch {
        throw DataError.corruptZip(path: url.path, reason: "member \(entry.path): \(error)")
      }
      guard Int64(data.count) == claimed else {
        throw DataError.corruptZip(path: url.path, reason: "member \(entry.path) holds \(data.count) bytes, its header claims \(claimed)")
      }
      guard checksum == entry.checksum else {
        throw DataError.corruptZip(path: url.path, reason: "member \(entry.path) fails its CRC-32 check (stored \(entry.checksum), computed \(checksum))")
      }
      out[name] = try NPYArray(data: data, source: "\(url.path)[\(name)]")
    }
    return out
  }

  /// Writes arrays (already NPY-encoded) as a new archive; deflated when `compressed`.
  public static func write(_ arrays: [(String, Data)], to url: URL, compressed: Bool) throws {
    try? FileManager.default.removeItem(at: url)
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .create) } catch {
      throw DataError.unreadable(path: url.path, reason: "cannot create archive: \(error)")
    }
    for (name, data) in arrays {
      try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(data.count),
                           compressionMethod: compressed ? .deflate : .none) { position, size in
        data.subdata(in: Int(position)..<(Int(position) + size))
      }
    }
  }

  private static func open(_ url: URL) throws -> Archive {
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw DataError.unreadable(path: url.path, reason: "no such readable file")
    }
    do { return try Archive(url: url, accessMode: .read) } catch {
      throw DataError.corruptZip(path: url.path, reason: "\(error)")
    }
  }
}

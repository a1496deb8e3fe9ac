@testable import EmbeddingIO
import Foundation
import Numerics
import Testing

/// Every format of SPEC §2, as numpy writes it (scripts/reference/make_format_fixtures.py).
/// All files hold X = arange(24).reshape(6, 4) / 8 and labels [3, 1, 3, 7, 1, 7].
@Suite struct FormatTests {
  static let x = (0..<24).map { Double($0) / 8 }
  static let classes = [1, 0, 1, 2, 0, 2]

  static func fixture(_ name: String) -> String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
  }

  /// Rebuilds the full data set (any split) in original row order and checks it.
  static func expectOriginal(_ set: EmbeddingSet, labelNames: [String] = ["1", "3", "7"]) {
    #expect(set.dimension == 4)
    #expect(set.classNames == labelNames)
    #expect(set.train.rows + set.validation.rows == 6)
    var rows: [([Double], Int)] = []
    for i in 0..<set.train.rows { rows.append((Array(set.train.row(i)), set.trainLabels[i])) }
    for i in 0..<set.validation.rows { rows.append((Array(set.validation.row(i)), set.validationLabels[i])) }
    rows.sort { $0.0[0] < $1.0[0] }
    #expect(rows.flatMap(\.0) == x)
    #expect(rows.map(\.1) == classes)
  }

  // The fixtures have 2 samples per class, too few for a validation split: the formats are read
  // without `DataDiagnosis` here (DiagnosisTests covers it).
  @Test(arguments: ["stored.npz", "deflated.npz", "named.npz", "pair_f2", "pair_f4be", "pair_f8", "no_header.csv"])
  func readsFormat(name: String) throws {
    Self.expectOriginal(try DatasetLoader.loadUnchecked(path: Self.fixture(name)))
  }

  @Test func customKeys() throws {
    Self.expectOriginal(try DatasetLoader.loadUnchecked(path: Self.fixture("custom_keys.npz"), options: LoadOptions(xKey: "emb", yKey: "cls")))
  }

  @Test func explicitSplitIsUsedAsGiven() throws {
    let set = try DatasetLoader.load(path: Self.fixture("explicit_split.npz"))
    #expect(set.explicitSplit)
    #expect(set.train.rows == 4 && set.validation.rows == 2)
    #expect(set.trainLabels == [1, 0, 1, 2] && set.validationLabels == [0, 2])
  }

  @Test(arguments: ["fortran_X.npy", "v2_X.npy", "v3_X.npy"])
  func npyVariants(name: String) throws {
    Self.expectOriginal(try DatasetLoader.loadPairUnchecked(features: Self.fixture(name), labels: Self.fixture("y_u2.npy")))
  }

  @Test(arguments: ["y_u2.npy", "y_float.npy", "y_i1.npy"])
  func labelTypes(name: String) throws {
    Self.expectOriginal(try DatasetLoader.loadPairUnchecked(features: Self.fixture("v2_X.npy"), labels: Self.fixture(name)))
  }

  @Test func csvWithHeaderAndStringLabels() throws {
    Self.expectOriginal(try DatasetLoader.loadUnchecked(path: Self.fixture("with_header.csv")), labelNames: ["ant", "cat", "dog"])
  }

  @Test func splitIsStratifiedSeededAndStable() throws {
    let labels = (0..<1000).map { $0 % 7 == 0 ? 1 : 0 }
    let (t, v) = StratifiedSplit.indices(labels: labels, classCount: 2, seed: 0)
    #expect(Set(t).isDisjoint(with: v) && t.count + v.count == 1000)
    #expect(v.filter { labels[$0] == 1 }.count == 29)  // ⌊0.2·143 + 0.5⌋
    #expect(v.count == 29 + 171)                       // ⌊0.2·857 + 0.5⌋ = 171
    let again = StratifiedSplit.indices(labels: labels, classCount: 2, seed: 0)
    #expect(again.validation == v)
    #expect(StratifiedSplit.indices(labels: labels, classCount: 2, seed: 1).validation != v)
    // Pinned: the split must be the same on every machine and release.
    #expect(Array(v.prefix(5)) == Self.pinnedFirstValidation)
  }

  /// First five validation indices of the split above, from the independent Python implementation
  /// of the generator and split (scripts/reference/split_reference.py).
  static let pinnedFirstValidation = [9, 11, 13, 16, 17]

  @Test func singletonClassStaysInTraining() {
    let (t, v) = StratifiedSplit.indices(labels: [0, 0, 0, 0, 0, 1], classCount: 2, seed: 3)
    #expect(t.contains(5) && !v.contains(5))
  }

  @Test func manifestResolvesRelativePaths() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zoo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try #"{"sets": [{"name": "a", "dataset": "g", "extractor": "e", "path": "sub/a.npz"}]}"#
      .write(to: dir.appendingPathComponent("zoo.json"), atomically: true, encoding: .utf8)
    let m = try ZooManifest(contentsOf: dir.appendingPathComponent("zoo.json").path)
    #expect(m.entries == [.init(name: "a", dataset: "g", extractor: "e", path: dir.appendingPathComponent("sub/a.npz").path)])
  }
}

@Suite struct ZipDirectoryTests {
  @Test func readsNumpysZip64DirectoryAndFindsStoredMembersInPlace() throws {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/stored.npz")
    let data = try Data(contentsOf: url, options: .alwaysMapped)
    let dir = try ZipDirectory(data, path: "stored.npz")
    #expect(dir.members.map(\.name).sorted() == ["X.npy", "y.npy"])
    #expect(dir.members.allSatisfy { $0.method == 0 && $0.compressedSize == $0.uncompressedSize })
    let x = try #require(dir.members.first { $0.name == "X.npy" })
    let bytes = dir.rawBytes(of: x, in: data)
    #expect(CRC32Checksum.checksum(bytes) == x.crc32)
    #expect(try NPYArray(data: bytes, source: "x").doubles() == (0..<24).map { Double($0) / 8 })
  }

  @Test func deflatedMembersInflateToTheirHeaderSize() throws {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/deflated.npz")
    let data = try Data(contentsOf: url)
    let dir = try ZipDirectory(data, path: "deflated.npz")
    #expect(dir.members.allSatisfy { $0.method == 8 })
    for m in dir.members {
      let bytes = try NPYMemberInflater(member: m.name, source: m.name, path: "deflated.npz")
        .inflate(dir.rawBytes(of: m, in: data), claimed: m.uncompressedSize)
      #expect(bytes.count == m.uncompressedSize)
      #expect(CRC32Checksum.checksum(bytes) == m.crc32)
    }
  }

  @Test func garbageIsNotADirectory() {
    #expect(throws: DataError.self) { try ZipDirectory(Data("PK\u{5}\u{6} not really".utf8), path: "g") }
    #expect(throws: DataError.self) { try ZipDirectory(Data(), path: "g") }
  }

  @Test func parallelChecksumEqualsZlibsOnePass() {
    // 20 MB: large enough to be split over the cores and joined with crc32_combine.
    var d = Data(count: 20 << 20)
    d.withUnsafeMutableBytes { raw in
      var state: UInt64 = 0x9E37_79B9_7F4A_7C15
      for i in 0..<(raw.count / 8) {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        raw.storeBytes(of: state, toByteOffset: 8 * i, as: UInt64.self)
      }
    }
    var one: UInt32 = 0
    for chunk in stride(from: 0, to: d.count, by: 1 << 16) {
      one = CRC32Checksum.checksum(d[chunk..<Swift.min(d.count, chunk + (1 << 16))], continuing: one)
    }
    #expect(CRC32Checksum.checksum(d) == one)
    #expect(CRC32Checksum.checksum(Data("123456789".utf8)) == 0xCBF4_3926)   // the CRC-32 check value
  }
}

@Suite struct ManifestPathTests {
  static func manifest(_ sets: String) throws -> (dir: URL, path: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zoo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("zoo.json").path
    try "{\"sets\": [\(sets)]}".write(toFile: path, atomically: true, encoding: .utf8)
    return (dir, path)
  }

  @Test func pathsThatLeaveTheFolderAreRefusedUnlessAllowed() throws {
    for rel in ["../x.npz", "/tmp/x.npz", "sub/../../x.npz"] {
      let (_, path) = try Self.manifest("{\"name\": \"a\", \"path\": \"\(rel)\"}")
      #expect(throws: DataError.self) { try ZooManifest(contentsOf: path) }
      do { _ = try ZooManifest(contentsOf: path) } catch let e as DataError {
        #expect(e.description.contains("leaves the manifest's folder") && e.description.contains("--allow-outside-paths"))
      }
      #expect(try ZooManifest(contentsOf: path, allowOutsidePaths: true).entries.count == 1)
    }
    // Inside, even through a detour.
    let (dir, path) = try Self.manifest("{\"name\": \"a\", \"path\": \"sub/../b/x.npz\"}")
    #expect(try ZooManifest(contentsOf: path).entries[0].path == dir.appendingPathComponent("b/x.npz").standardizedFileURL.path)
  }

  @Test func theSameFileTwiceIsAWarning() throws {
    let (_, path) = try Self.manifest("{\"name\": \"a\", \"path\": \"x.npz\"}, {\"name\": \"b\", \"path\": \"./x.npz\"}")
    let m = try ZooManifest(contentsOf: path)
    #expect(m.entries.count == 2)
    #expect(m.warnings.count == 1 && m.warnings[0].contains("same file as 'a'"))
  }

  @Test func namesWithControlCharactersOrNonStringFieldsAreRefused() throws {
    let (_, p1) = try Self.manifest("{\"name\": \"a\\u0000b\", \"path\": \"x.npz\"}")
    #expect(throws: DataError.self) { try ZooManifest(contentsOf: p1) }
    let (_, p2) = try Self.manifest("{\"name\": \"a\", \"dataset\": 3, \"path\": \"x.npz\"}")
    #expect(throws: DataError.self) { try ZooManifest(contentsOf: p2) }
  }

  @Test func safeFileNamesAreDistinctAndPlain() {
    #expect(SafeFileName.stem("letters") == "letters")
    let names = ["a/b", "a_b", "A_B", "/../../x", String(repeating: "é", count: 200), ".env", "a_b"]
    let stems = SafeFileName.stems(for: names)
    #expect(stems["a_b"] == "a_b")
    #expect(Set(stems.values.map { $0.lowercased() }).count == Set(names).count)
    #expect(stems.values.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") && $0.count <= 64 && !$0.isEmpty })
  }
}

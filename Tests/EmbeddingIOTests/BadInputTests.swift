import EmbeddingIO
import Foundation
import Testing

/// Bad input gets one clear error naming what is wrong and where — never a crash or a huge allocation.
@Suite struct BadInputTests {
  static let dir: URL = {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("tempctl-bad-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }()

  static func write(_ name: String, _ data: Data) -> String {
    let url = dir.appendingPathComponent(name)
    try? data.write(to: url)
    return url.path
  }

  static func npz(_ name: String, _ arrays: [(String, Data)]) throws -> String {
    let url = dir.appendingPathComponent(name)
    try NPZArchive.write(arrays, to: url, compressed: false)
    return url.path
  }

  static let goodX = NPYWriter.matrix([1, 2, 3, 4, 5, 6], rows: 3, cols: 2, float32: true)
  static let goodY = NPYWriter.labels([0, 1, 1])

  /// Runs `body`, expecting a `DataError` whose message contains every fragment.
  func expectError(_ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
      try body()
      Issue.record("expected an error containing \(fragments)", sourceLocation: sourceLocation)
    } catch let e as DataError {
      let text = e.description
      #expect(!text.contains("\n"), "one line: \(text)", sourceLocation: sourceLocation)
      for f in fragments { #expect(text.contains(f), "'\(text)' should contain '\(f)'", sourceLocation: sourceLocation) }
    } catch {
      Issue.record("unexpected error type \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func wrongMagic() {
    let p = Self.write("magic.npy", Data("PK\u{3}\u{4}not numpy at all".utf8))
    expectError(["not an NPY file", "magic.npy"]) { _ = try DatasetLoader.loadPair(features: p, labels: p) }
  }

  @Test func truncatedData() {
    let p = Self.write("trunc_X.npy", Self.goodX.prefix(Self.goodX.count - 5))
    let y = Self.write("trunc_y.npy", Self.goodY)
    expectError(["truncated", "promises 24 bytes", "holds 19"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func hugeShapeIsRefusedBeforeAllocating() {
    let p = Self.write("huge.npy", NPYWriter.encode(descr: "<f4", shape: [1_000_000_000_000, 512], payload: Data(count: 64)))
    let y = Self.write("huge_y.npy", Self.goodY)
    expectError(["truncated", "promises 2048000000000000 bytes"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
    let q = Self.write("overflow.npy", NPYWriter.encode(descr: "<f8", shape: [Int(1) << 40, Int(1) << 40], payload: Data(count: 8)))
    expectError(["more than 2^63"]) { _ = try DatasetLoader.loadPair(features: q, labels: y) }
  }

  @Test(arguments: ["<c8", "|O", "<f16", "<m8", "<U0"])
  func unsupportedDType(descr: String) {
    let tag = descr.unicodeScalars.map { String($0.value) }.joined(separator: "-")
    let p = Self.write("dtype\(tag).npy", NPYWriter.encode(descr: descr, shape: [3, 2], payload: Data(count: 3 * 2 * 16)))
    let y = Self.write("dtype\(tag)_y.npy", Self.goodY)
    expectError(["unsupported dtype", descr, "supported:"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func structuredDTypeIsUnsupported() {
    var header = "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (3,), }"
    header += String(repeating: " ", count: 64 - (10 + header.utf8.count + 1) % 64) + "\n"
    var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count), 0])
    data.append(contentsOf: Array(header.utf8)); data.append(Data(count: 12))
    let p = Self.write("struct.npy", data)
    expectError(["unsupported dtype"]) { _ = try DatasetLoader.loadPair(features: p, labels: p) }
  }

  @Test func boolFeaturesAreRejected() {
    let p = Self.write("boolX.npy", NPYWriter.encode(descr: "|b1", shape: [3, 1], payload: Data(count: 3)))
    let y = Self.write("boolX_y.npy", Self.goodY)
    expectError(["unsupported dtype", "|b1 for X", "or integers for features"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func xNotTwoDimensional() {
    let p = Self.write("x1d.npy", NPYWriter.encode(descr: "<f8", shape: [6], payload: Data(count: 48)))
    let y = Self.write("x1d_y.npy", Self.goodY)
    expectError(["X has shape (6,)", "2-D"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func yNotOneDimensional() {
    let p = Self.write("y2d_X.npy", Self.goodX)
    let y = Self.write("y2d.npy", NPYWriter.encode(descr: "<i8", shape: [3, 2], payload: Data(count: 48)))
    expectError(["y has shape (3, 2)", "1-D", "one column"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func lengthMismatch() {
    let p = Self.write("len_X.npy", Self.goodX)
    let y = Self.write("len_y.npy", NPYWriter.labels([0, 1]))
    expectError(["3 rows", "2 labels"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func emptyArrays() {
    let p = Self.write("empty_X.npy", NPYWriter.encode(descr: "<f4", shape: [0, 4], payload: Data()))
    let y = Self.write("empty_y.npy", NPYWriter.labels([]))
    expectError(["is empty"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func nonFiniteValues() {
    let p = Self.write("nan_X.npy", NPYWriter.matrix([1, 2, 3, .nan, 5, .infinity], rows: 3, cols: 2, float32: false))
    let y = Self.write("nan_y.npy", Self.goodY)
    expectError(["2 non-finite values", "X[1, 1] (0-based"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func nonFiniteInAnExplicitValidationSplitNamesTheArray() throws {
    let p = try Self.npz("split_nan.npz", [
      ("X_train", Self.goodX), ("y_train", Self.goodY),
      ("X_val", NPYWriter.matrix([1, 2, .infinity, 4], rows: 2, cols: 2, float32: true)), ("y_val", NPYWriter.labels([0, 1])),
    ])
    expectError(["[X_val]", "1 non-finite value", "X[1, 0]"]) { _ = try DatasetLoader.load(path: p) }
  }

  @Test func singleClass() {
    let p = Self.write("one_X.npy", Self.goodX)
    let y = Self.write("one_y.npy", NPYWriter.labels([4, 4, 4]))
    expectError(["label '4'", "at least two classes"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func nonIntegralLabels() {
    let p = Self.write("frac_X.npy", Self.goodX)
    let y = Self.write("frac_y.npy", NPYWriter.encode(descr: "<f8", shape: [3], payload: NPYWriter.matrix([0, 1.5, 1], rows: 3, cols: 1, float32: false).suffix(24)))
    expectError(["label 1 is 1.5"]) { _ = try DatasetLoader.loadPair(features: p, labels: y) }
  }

  @Test func npzWithoutExpectedKeys() throws {
    let p = try Self.npz("keys.npz", [("emb", Self.goodX), ("target", Self.goodY)])
    expectError(["'X'/'y' or 'features'/'labels'", "emb, target", "--x-key"]) { _ = try DatasetLoader.load(path: p) }
  }

  @Test func corruptZip() {
    let p = Self.write("corrupt.npz", Data("PK\u{3}\u{4}garbage that is not a zip".utf8))
    expectError(["not a readable .npz"]) { _ = try DatasetLoader.load(path: p) }
  }

  @Test func csvRaggedRows() {
    let p = Self.write("ragged.csv", Data("a,b,label\n1,2,x\n3,y\n".utf8))
    expectError(["row 3", "2 fields", "first row has 3"]) { _ = try DatasetLoader.load(path: p) }
  }

  @Test func csvNonNumericCell() {
    let p = Self.write("text.csv", Data("a,b,label\n1,2,x\n3,oops,y\n5,6,x\n".utf8))
    expectError(["row 3, column 2", "'oops' is not a number"]) { _ = try DatasetLoader.load(path: p) }
  }

  @Test func csvNonFiniteCellNamesItsLine() {
    let p = Self.write("nan.csv", Data("a,b,label\n1,2,x\n3,nan,y\n5,6,x\n".utf8))
    expectError(["row 3, column 2", "'nan' is not finite"]) { _ = try DatasetLoader.load(path: p) }
  }

  @Test func unknownFormatAndMissingFile() {
    let p = Self.write("data.parquet", Data("x".utf8))
    expectError(["not a .npz, .safetensors, .h5/.hdf5 or .csv file"]) { _ = try DatasetLoader.load(path: p) }
    expectError(["single .npy", "--features X.npy --labels y.npy"]) { _ = try DatasetLoader.load(path: Self.write("lone.npy", Self.goodX)) }
    expectError(["no such file"]) { _ = try DatasetLoader.load(path: "/nonexistent/x.npz") }
  }

  @Test func manifestErrors() {
    let bad = Self.write("zoo_bad.json", Data("{\"sets\": [ {\"path\": 3} ]}".utf8))
    expectError(["$.sets[0].path must be a string"]) { _ = try ZooManifest(contentsOf: bad) }
    let syntax = Self.write("zoo_syntax.json", Data("{\"sets\": [\n  {\"path\" \"a\"}]}".utf8))
    expectError(["line 2, column 11"]) { _ = try ZooManifest(contentsOf: syntax) }
  }

  /// A compressed `.npz` (deflated members) with one change to its bytes.
  static func compressedNPZ(_ name: String, patch: (inout [UInt8]) -> Void) throws -> String {
    let url = dir.appendingPathComponent(name)
    let x = NPYWriter.matrix((0..<400).map { Double($0 % 17) }, rows: 100, cols: 4, float32: true)
    try NPZArchive.write([("X", x), ("y", NPYWriter.labels((0..<100).map { $0 % 3 }))], to: url, compressed: true)
    var bytes = [UInt8](try Data(contentsOf: url))
    patch(&bytes)
    try Data(bytes).write(to: url)
    return url.path
  }

  /// Offsets of every local (PK\u{3}\u{4}) and central (PK\u{1}\u{2}) header.
  static func headers(_ b: [UInt8], _ third: UInt8, _ fourth: UInt8) -> [Int] {
    (0..<(b.count - 4)).filter { b[$0] == 0x50 && b[$0 + 1] == 0x4b && b[$0 + 2] == third && b[$0 + 3] == fourth }
  }

  @Test func aDeflatedMemberWithAWrongCRCIsRefused() throws {
    // Both headers carry the same wrong CRC: only comparing it with the data's catches it.
    let path = try Self.compressedNPZ("badcrc.npz") { b in
      for o in Self.headers(b, 3, 4) { b[o + 14] ^= 0xff }
      for o in Self.headers(b, 1, 2) { b[o + 16] ^= 0xff }
    }
    expectError(["badcrc.npz", "CRC-32"]) { _ = try NPZArchive.read(at: URL(fileURLWithPath: path), keys: ["X", "y"]) }
  }

  @Test func aDeflatedMemberWhoseDataIsCorruptIsRefused() throws {
    // One byte in the middle of the first member's deflate stream.
    let path = try Self.compressedNPZ("baddata.npz") { b in
      let o = Self.headers(b, 3, 4)[0]
      let nameLength = Int(b[o + 26]) | Int(b[o + 27]) << 8, extra = Int(b[o + 28]) | Int(b[o + 29]) << 8
      b[o + 30 + nameLength + extra + 40] ^= 0x55
    }
    expectError(["baddata.npz"]) { _ = try NPZArchive.read(at: URL(fileURLWithPath: path), keys: ["X", "y"]) }
  }

  @Test func aDeflatedMemberThatClaimsTooFewBytesIsRefused() throws {
    // The claimed uncompressed size (local and central) is 16 bytes: inflation stops there.
    let path = try Self.compressedNPZ("short.npz") { b in
      for o in Self.headers(b, 3, 4) { b[o + 22] = 16; b[o + 23] = 0; b[o + 24] = 0; b[o + 25] = 0 }
      for o in Self.headers(b, 1, 2) { b[o + 24] = 16; b[o + 25] = 0; b[o + 26] = 0; b[o + 27] = 0 }
    }
    expectError(["short.npz"]) { _ = try NPZArchive.read(at: URL(fileURLWithPath: path), keys: ["X", "y"]) }
  }
}

/// Container integrity of stored members and of the zip directory itself (archives written by
/// `ZipBuilder`, byte by byte).
@Suite struct ZipIntegrityTests {
  static let x = NPYWriter.matrix((0..<400).map { Double($0 % 17) }, rows: 100, cols: 4, float32: true)
  static let y = NPYWriter.labels((0..<100).map { $0 % 3 })

  func read(_ data: Data) throws -> [String: NPYArray] {
    try NPZArchive.read(archive: data, path: "hostile.npz", keys: ["X", "y"])
  }

  func expectError(_ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    BadInputTests().expectError(fragments, sourceLocation: sourceLocation, body)
  }

  @Test func aHandWrittenArchiveReadsBack() throws {
    for zip64 in [false, true] {
      let a = try read(ZipBuilder(zip64: zip64).bytes([.init(name: "X.npy", data: Self.x), .init(name: "y.npy", data: Self.y)]))
      #expect(a["X"]?.shape == [100, 4] && a["y"]?.shape == [100], "zip64 \(zip64)")
      #expect(a["X"]?.doubles() == (0..<400).map { Double($0 % 17) })
    }
  }

  @Test func aStoredMemberWithFlippedDataFailsItsCRC() {
    var bad = Self.x
    bad[bad.count - 5] ^= 0x40   // one element changes; shape and finiteness still fine
    for zip64 in [false, true] {
      let archive = ZipBuilder(zip64: zip64).bytes([.init(name: "X.npy", data: bad, crc: ZipBuilder.crc32(Self.x)),
                                                    .init(name: "y.npy", data: Self.y)])
      expectError(["hostile.npz", "member X.npy", "CRC-32"]) { _ = try read(archive) }
    }
  }

  /// With the byte checks deferred (`LoadOptions.deferChecks`, what `stats` and `suggest` use),
  /// the set loads, but `verified()` throws the same CRC error — and a NaN's error — before
  /// anything may be trusted; a good file verifies.
  @Test func deferredChecksStillRefuseDamagedBytes() throws {
    var bad = Self.x
    bad[bad.count - 5] ^= 0x40
    var withNaN = NPYWriter.matrix((0..<400).map { Double($0 % 17) }, rows: 100, cols: 4, float32: true)
    withNaN.replaceSubrange(withNaN.count - 4..<withNaN.count, with: [0x00, 0x00, 0xC0, 0x7F])   // the last float32 is NaN
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tempctl-deferred-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var options = LoadOptions()
    options.deferChecks = true
    func load(_ x: Data, crc: UInt32? = nil, _ name: String) throws -> EmbeddingSet {
      let path = folder.appendingPathComponent(name).path
      try ZipBuilder().bytes([.init(name: "X.npy", data: x, crc: crc), .init(name: "y.npy", data: Self.y)]).write(to: URL(fileURLWithPath: path))
      return try DatasetLoader.load(path: path, options: options)
    }
    let flipped = try load(bad, crc: ZipBuilder.crc32(Self.x), "flipped.npz")
    expectError(["flipped.npz", "member X.npy", "CRC-32"]) { try flipped.verified() }
    let nan = try load(withNaN, "nan.npz")
    expectError(["nan.npz", "non-finite value", "X[99, 3]"]) { try nan.verified() }
    try load(Self.x, "good.npz").verified()
  }

  @Test func localHeaderMustAgreeWithTheDirectory() {
    let archive = ZipBuilder().bytes([.init(name: "X.npy", data: Self.x, localCRC: 0x1234_5678), .init(name: "y.npy", data: Self.y)])
    expectError(["member X.npy", "local header", "disagrees"]) { _ = try read(archive) }
  }

  @Test func aStoredMemberClaimingAHugeSizeIsRefusedWithoutAllocating() {
    for zip64 in [false, true] {
      let archive = ZipBuilder(zip64: zip64).bytes([.init(name: "X.npy", data: Self.x, claimedSize: zip64 ? 1 << 40 : 0xFFFF_FFF0),
                                                    .init(name: "y.npy", data: Self.y)])
      expectError(["member X.npy", "central directory"]) { _ = try read(archive) }
    }
  }

  @Test func npyBytesMustMatchItsHeaderEitherWay() {
    expectError(["hostile.npz[X]", "too many"]) {
      _ = try read(ZipBuilder().bytes([.init(name: "X.npy", data: Self.x + Data([0, 0, 0, 0])), .init(name: "y.npy", data: Self.y)]))
    }
    expectError(["appended to"]) { _ = try NPYArray(data: Self.y + Data([1]), source: "y.npy") }
    expectError(["truncated"]) { _ = try NPYArray(data: Self.y.dropLast(8), source: "y.npy") }
  }

  @Test func aMemberListedTwiceIsRefused() {
    let archive = ZipBuilder().bytes([.init(name: "X.npy", data: Self.x), .init(name: "X.npy", data: Self.x), .init(name: "y.npy", data: Self.y)])
    expectError(["X.npy appears twice"]) { _ = try read(archive) }
  }

  @Test func aDirectoryClaimingMoreEntriesThanItHoldsIsRefused() {
    var archive = ZipBuilder().bytes([.init(name: "X.npy", data: Self.x), .init(name: "y.npy", data: Self.y)])
    // EOCD entry counts → 65000.
    let eocd = archive.count - 22
    archive[eocd + 8] = 0xE8; archive[eocd + 9] = 0xFD; archive[eocd + 10] = 0xE8; archive[eocd + 11] = 0xFD
    expectError(["65000 members"]) { _ = try read(archive) }
  }

  @Test func aDeflateBombIsRefusedBeforeItIsInflated() throws {
    // 64 MiB of zeros compress to ~64 KB; the member's header is honest, but the directory claims
    // only 1 KB: inflation stops after the header (the header implies 64 MiB ≠ 1 KB).
    let url = BadInputTests.dir.appendingPathComponent("bomb.npz")
    let zeros = NPYWriter.encode(descr: "<f4", shape: [1 << 22, 4], payload: Data(count: 64 << 20))
    try NPZArchive.write([("X", zeros), ("y", Self.y)], to: url, compressed: true)
    var b = [UInt8](try Data(contentsOf: url))
    for o in BadInputTests.headers(b, 3, 4) where b[o + 30] == UInt8(ascii: "X") { b[o + 22] = 0; b[o + 23] = 4; b[o + 24] = 0; b[o + 25] = 0 }
    for o in BadInputTests.headers(b, 1, 2) where b[o + 46] == UInt8(ascii: "X") { b[o + 24] = 0; b[o + 25] = 4; b[o + 26] = 0; b[o + 27] = 0 }
    expectError(["member X.npy", "header implying", "claims 1024"]) { _ = try read(Data(b)) }
  }
}

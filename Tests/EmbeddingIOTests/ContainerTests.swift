@testable import EmbeddingIO
import Foundation
import Testing

/// `.safetensors` and HDF5 files written by the real libraries (safetensors, torch, h5py:
/// scripts/reference/make_container_fixtures.py), read back value for value against what those
/// libraries decode (`expected.npz`), and broken ones refused with one line.
@Suite struct ContainerTests {
  static func fixture(_ name: String) -> String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/containers").appendingPathComponent(name).path
  }

  static let expected = try! NPZArchive.read(at: URL(fileURLWithPath: fixture("expected.npz")),
                                             keys: Set(try! NPZArchive.keys(at: URL(fileURLWithPath: fixture("expected.npz")))))

  /// Puts the split rows back in file order (column 0 is the row number) and compares them with
  /// the writing library's decoding, the classes and their names.
  static func expectMatches(_ set: EmbeddingSet, stem: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let x = expected["\(stem)_X"]!, d = x.shape[1]
    var rows: [([Double], Int)] = []
    for i in 0..<set.train.rows { rows.append((Array(set.train.row(i)), set.trainLabels[i])) }
    for i in 0..<set.validation.rows { rows.append((Array(set.validation.row(i)), set.validationLabels[i])) }
    rows.sort { $0.0[0] < $1.0[0] }
    #expect(set.dimension == d, sourceLocation: sourceLocation)
    #expect(rows.flatMap(\.0) == x.doubles(), sourceLocation: sourceLocation)
    #expect(rows.map(\.1) == (try expected["\(stem)_classes"]!.integers()).map(Int.init), sourceLocation: sourceLocation)
    #expect(set.classNames == expected["\(stem)_names"]!.strings(), sourceLocation: sourceLocation)
  }

  @Test(arguments: ["st_f32.safetensors", "st_f16.safetensors", "st_f64.safetensors", "st_bf16.safetensors", "st_bool.safetensors",
                    "h5_f32.h5", "h5_f16_gzip.hdf5", "h5_strings.h5", "h5_fixed_strings.h5"])
  func readsWhatTheLibraryWrote(file: String) throws {
    let set = try DatasetLoader.loadUnchecked(path: Self.fixture(file))
    try Self.expectMatches(set, stem: String(file.split(separator: ".")[0]))
  }

  @Test func hdf5DatasetsInsideGroupsByPath() throws {
    let set = try DatasetLoader.loadUnchecked(path: Self.fixture("h5_nested.h5"),
                                              options: LoadOptions(xKey: "embeddings/vectors", yKey: "embeddings/targets"))
    try Self.expectMatches(set, stem: "h5_nested")
  }

  @Test func missingKeysListWhatTheFileHolds() {
    BadInputTests().expectError(["no arrays 'X'/'y' or 'features'/'labels'", "embeddings/targets, embeddings/vectors", "--x-key"]) {
      _ = try DatasetLoader.load(path: Self.fixture("h5_nested.h5"))
    }
  }

  @Test func hdf5CompoundAndNonHDF5Refused() {
    BadInputTests().expectError(["h5_compound.h5[X]", "compound"]) { _ = try DatasetLoader.load(path: Self.fixture("h5_compound.h5")) }
    let p = BadInputTests.write("fake.h5", Data("not an hdf5 file at all".utf8))
    BadInputTests().expectError(["fake.h5", "not a readable HDF5 file", "signature"]) { _ = try DatasetLoader.load(path: p) }
  }

  // MARK: broken safetensors, built from a good one

  /// A safetensors file from a header object (JSON text) and a buffer.
  static func safetensors(_ name: String, header: String, buffer: Data, claimedLength: UInt64? = nil) -> String {
    var d = Data()
    withUnsafeBytes(of: (claimedLength ?? UInt64(header.utf8.count)).littleEndian) { d.append(contentsOf: $0) }
    d.append(Data(header.utf8))
    d.append(buffer)
    return BadInputTests.write(name, d)
  }

  static let x32 = Data((0..<6).flatMap { withUnsafeBytes(of: Float($0).bitPattern.littleEndian, Array.init) })
  static let y8 = Data([0, 1, 1])

  static func header(x: String = "[0, 24]", xDType: String = "F32", xShape: String = "[3, 2]", y: String = "[24, 27]") -> String {
    #"{"X": {"dtype": "\#(xDType)", "shape": \#(xShape), "data_offsets": \#(x)}, "y": {"dtype": "U8", "shape": [3], "data_offsets": \#(y)}}"#
  }

  @Test func wellFormedSafetensorsFromBytes() throws {
    let p = Self.safetensors("ok.safetensors", header: Self.header(), buffer: Self.x32 + Self.y8)
    let set = try DatasetLoader.loadUnchecked(path: p)
    #expect(set.dimension == 2 && set.classNames == ["0", "1"])
  }

  @Test(arguments: [
    // (case, header, buffer length, fragments)
    ("header longer than file", nil as String?, 27, ["claims", "bytes but the file holds"]),
    ("not JSON", "{\"X\": ", 27, ["not JSON"]),
    ("not an object", "[1, 2]", 27, ["an array, not an object"]),
    ("byte count", header(x: "[0, 20]", y: "[20, 23]"), 23, ["needs 24 bytes but its offsets give 20"]),
    ("overlap", header(y: "[20, 23]"), 24, ["overlaps another"]),
    ("hole", header(x: "[4, 28]", y: "[28, 31]"), 31, ["a hole of 4 bytes before tensor 'X'"]),
    ("trailing", header(), 40, ["13 bytes too many"]),
    ("beyond buffer", header(y: "[24, 27]"), 26, ["truncated"]),
    ("fp8", header(x: "[0, 6]", xDType: "F8_E4M3", y: "[6, 9]"), 9, ["unsupported dtype 'F8_E4M3'"]),
    ("negative offset", header(x: "[-1, 23]"), 27, ["data_offsets"]),
    ("fractional shape", header(xShape: "[3.5, 2]"), 27, ["natural number"]),
    ("huge shape", header(xShape: "[1099511627776, 1099511627776]"), 27, ["too large"]),
  ])
  func brokenSafetensorsRefused(name: String, header: String?, bufferBytes: Int, fragments: [String]) {
    let buffer = (Self.x32 + Self.y8 + Data(repeating: 0, count: 64)).prefix(bufferBytes)
    let file = "bad-\(name.replacingOccurrences(of: " ", with: "-")).safetensors"
    let p = header.map { Self.safetensors(file, header: $0, buffer: buffer) }
      ?? Self.safetensors(file, header: Self.header(), buffer: buffer, claimedLength: 1 << 20)
    BadInputTests().expectError([file] + fragments) { _ = try DatasetLoader.loadUnchecked(path: p) }
  }

  @Test func shortFileRefused() {
    let p = BadInputTests.write("short.safetensors", Data([1, 2, 3]))
    BadInputTests().expectError(["short.safetensors", "shorter than the 8-byte header length"]) { _ = try DatasetLoader.loadUnchecked(path: p) }
  }
}

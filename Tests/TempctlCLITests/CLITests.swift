import ArgumentParser
import EmbeddingIO
import Foundation
import Testing
@testable import TempctlCLI

/// The command line: parsing, validation messages, and the built binary's exit codes.
@Suite struct CLITests {
  static let dir: URL = {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("tempctl-cli-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }()

  /// The `tempctl` executable built beside the test bundle.
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tempctl")
  }

  static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out; p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }

  @Test func parsesSubcommands() throws {
    #expect(try Tempctl.parseAsRoot(["stats", "a.npz", "--format", "json"]) is Tempctl.Stats)
    #expect(try Tempctl.parseAsRoot(["plugins", "--format", "csv"]) is Tempctl.Plugins)
    #expect(try Tempctl.parseAsRoot(["synth", "--n", "10", "--d", "2", "--classes", "2", "-o", "x.npz"]) is Tempctl.Synth)
  }

  @Test(arguments: [
    (["stats"], "give at least one embedding set"),
    (["stats", "--features", "x.npy"], "--features and --labels go together"),
    (["synth", "--n", "10", "--d", "2", "--classes", "1", "-o", "x.npz"], "--classes must be in 2...10"),
    (["synth", "--n", "10", "--d", "2", "--classes", "2", "--correlation", "1", "-o", "x.npz"], "--correlation must be in [0, 1)"),
    (["stats", "a.npz", "--format", "xml"], "xml"),
  ])
  func validationMessages(args: [String], fragment: String) {
    do {
      _ = try Tempctl.parseAsRoot(args)
      Issue.record("expected \(args) to be rejected")
    } catch {
      #expect(Tempctl.message(for: error).contains(fragment), "\(Tempctl.message(for: error))")
    }
  }

  @Test func synthThenStatsEndToEnd() throws {
    let path = Self.dir.appendingPathComponent("s.npz").path
    var synth = try Tempctl.parseAsRoot(["synth", "--n", "120", "--d", "5", "--classes", "3", "--imbalance", "4", "-o", path])
    try synth.run()
    let set = try DatasetLoader.load(path: path)
    #expect(set.train.rows + set.validation.rows == 120 && set.dimension == 5 && set.classCount == 3)
    let r = try Self.run(["stats", path, "--format", "json", "--plugins", Self.packageRoot + "/plugins.json"])
    #expect(r.status == 0)
    let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
    #expect(obj["name"] as? String == "s")
    #expect(((obj["statistics"] as! [String: Any]).count) == 23)
    #expect((obj["statistics"] as! [String: Any])["dim"] as? Int == 5)
  }

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  @Test func badInputExitsNonZeroWithOneLine() throws {
    let bad = Self.dir.appendingPathComponent("bad.npz")
    try Data("not a zip".utf8).write(to: bad)
    let r = try Self.run(["stats", bad.path])
    #expect(r.status != 0)
    #expect(r.err.contains("not a readable .npz"))
    #expect(r.err.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "\(r.err)")
    let p = try Self.run(["stats", bad.path, "--plugins", "/nonexistent/plugins.json"])
    #expect(p.status != 0 && p.err.contains("cannot read the plugins file"))
  }

  @Test func formatsAreConsistent() throws {
    let path = Self.dir.appendingPathComponent("f.npz").path
    _ = try Self.run(["synth", "--n", "60", "--d", "3", "--classes", "2", "-o", path])
    let csv = try Self.run(["stats", path, "--format", "csv", "--only", "dim,mean"])
    let lines = csv.out.split(separator: "\n")
    #expect(lines.first == "name,n_train,n_val,dim,mean")
    #expect(lines.count == 2 && lines[1].hasPrefix("f,48,12,3,"))
    let table = try Self.run(["stats", path, "--only", "dim"])
    #expect(table.out.contains("dim") && table.status == 0)
  }
}

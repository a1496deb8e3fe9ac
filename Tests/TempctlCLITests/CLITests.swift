import ArgumentParser
import EmbeddingIO
import Foundation
import PluginHost
import StudyEngine
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
    for c in ["study", "sweep a.npz", "optimum a.npz", "correlate", "select --k 3", "compare", "suggest a.npz", "report"] {
      #expect((try? Tempctl.parseAsRoot(c.split(separator: " ").map(String.init))) != nil, "\(c)")
    }
    let shard = try #require(try Tempctl.parseAsRoot(["sweep", "a.npz", "--shard", "1/3"]) as? Tempctl.Sweep)
    #expect(shard.shard == Shard(index: 1, count: 3))
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
    (["sweep", "a.npz", "--shard", "3/3"], "--shard"),
    (["sweep", "a.npz", "--protocol", "paper", "--epochs", "0"], "--epochs must be in 1...100000"),
    (["sweep", "a.npz", "--epochs", "10"], "--epochs applies to --protocol paper"),
    (["sweep", "a.npz", "--gtol", "0"], "--gtol must be in (0, 1)"),
    (["sweep", "a.npz", "--chain", "0"], "--alpha-block must be in 1...10000"),
    (["sweep", "a.npz", "--alpha-block", "0"], "--alpha-block must be in 1...10000"),
    (["sweep", "a.npz", "--alphas", "5:1:1"], "--alphas: invalid temperature grid"),
    (["sweep", "a.npz", "--alphas", "1e20"], "temperatures must lie in 0.001…10000"),
    (["optimum", "a.npz", "--alphas", "1e-45,1"], "temperatures must lie in 0.001…10000"),
    (["sweep", "a.npz", "--optimizer", "rmsprop"], "rmsprop"),
    (["optimum", "a.npz", "--lr", "0"], "--lr must be a positive number"),
    (["select", "--k", "0"], "--k must be at least 1"),
    (["merge", "-o", "x.sqlite"], "Missing expected argument"),
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
    let enabled = try PluginsFile(contentsOf: Self.packageRoot + "/plugins.json", registry: .builtIn).enabled.count
    #expect(((obj["statistics"] as! [String: Any]).count) == enabled)
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

  @Test func convergedOptimumReportsConvergenceAndEdges() throws {
    let path = Self.dir.appendingPathComponent("c.npz").path, store = Self.dir.appendingPathComponent("c.sqlite").path
    // Many classes of unequal size: accuracy depends on α (a flat curve has no α*).
    _ = try Self.run(["synth", "--n", "700", "--d", "40", "--classes", "12", "--spread", "0.5", "--imbalance", "4", "--seed", "5", "-o", path])
    let r = try Self.run(["optimum", path, "--store", store, "--alphas", "1,16,128", "--format", "json", "--quiet"])
    #expect(r.status == 0, "\(r.err)")
    let o = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
    #expect(o["protocol"] as? String == "converged" && o["seeds"] as? Int == 1)
    #expect(o["unconverged_runs"] as? Int == 0)
    // The grid is extended past an edge optimum: α* is interior unless the bound was reached.
    let curve = (o["curve"] as! [String: Any]).keys.compactMap(Double.init).sorted()
    let star = try #require(o["alpha_star"] as? Double)
    #expect(o["edge"] as? Bool == (star == curve.first! || star == curve.last!))
    if star == 128 || star == 1 { #expect(curve.count > 3) }
    let runs = try Self.run(["optimum", path, "--store", store, "--alphas", "1,16,128", "--runs", "--format", "json", "--quiet"])
    let first = try JSONSerialization.jsonObject(with: Data(runs.out.split(separator: "\n")[0].utf8)) as! [String: Any]
    #expect(first["converged"] as? Bool == true && (first["iterations"] as! Int) >= 1 && (first["grad_norm"] as! Double) >= 0)
    #expect((first["curve"] as! [Any]).isEmpty)
  }

  @Test func sweepOptimumAndSuggestEndToEnd() throws {
    let path = Self.dir.appendingPathComponent("o.npz").path, store = Self.dir.appendingPathComponent("o.sqlite").path
    // Spread 0.3, 20 epochs: accuracy depends on α beyond the seeds' noise (a flat curve has no α*).
    _ = try Self.run(["synth", "--n", "200", "--d", "6", "--classes", "3", "--spread", "0.3", "-o", path])
    let r = try Self.run(["optimum", path, "--store", store, "--seeds", "2", "--protocol", "paper", "--epochs", "20", "--alphas", "1,8,64", "--format", "json", "--quiet"])
    #expect(r.status == 0, "\(r.err)")
    let o = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
    #expect(o["flat"] as? Bool == false)
    #expect([1.0, 8, 64].contains(o["alpha_star"] as? Double ?? .nan))
    #expect((o["curve"] as! [String: Any]).keys.sorted() == ["1", "64", "8"])
    #expect((o["plateau"] as! [Double]).contains(o["alpha_star"] as? Double ?? .nan))
    let runs = try Self.run(["optimum", path, "--store", store, "--seeds", "2", "--protocol", "paper", "--epochs", "20", "--alphas", "1,8,64", "--runs", "--format", "json", "--quiet"])
    let lines = runs.out.split(separator: "\n")
    #expect(lines.count == 6)   // 2 seeds × 3 temperatures, all from the store
    let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
    #expect((first["curve"] as! [Double]).count == 20 && (first["best_epoch"] as! Int) >= 1)
    let s = try Self.run(["suggest", path, "--format", "json"])   // the shipped default model
    #expect(s.status == 0, "\(s.err)")
    let j = try JSONSerialization.jsonObject(with: Data(s.out.utf8)) as! [String: Any]
    let alpha = j["alpha"] as! Double
    #expect(alpha >= 1.0 / 16 && alpha <= 4096)   // the model is not clamped to the paper's grid
    // A small set: the shipped model's landmark search, whose α it suggests as it is.
    let used = (j["statistics"] as! [String: Any])
    #expect(Array(used.keys) == ["landmark_alpha"] && used["landmark_alpha"] as? Double == alpha)
    // The fast covariance gives what `--exact` and `tempctl stats` give.
    let exact = try Self.run(["suggest", path, "--format", "json", "--exact"])
    #expect(exact.status == 0 && exact.out == s.out, "\(exact.err)")
    let stats = try Self.run(["stats", path, "--format", "json", "--only", used.keys.sorted().joined(separator: ",")])
    let st = try JSONSerialization.jsonObject(with: Data(stats.out.utf8)) as! [String: Any]
    let values = st["statistics"] as! [String: Any]
    for (id, v) in j["statistics"] as! [String: Any] { #expect(values[id] as? Double == v as? Double, "\(id)") }
  }

  /// Above the shipped model's work limit (min(n_train, 4000)·d·C > 3.2e8) `suggest` uses its
  /// fallback, the PCA model, says so on standard error, and its fast covariance gives exactly the
  /// values of `--exact` and `tempctl stats`.
  @Test func aLargeSetIsSuggestedByTheFallback() throws {
    let path = Self.dir.appendingPathComponent("large.npz").path
    _ = try Self.run(["synth", "--n", "5000", "--d", "1024", "--classes", "100", "-o", path])
    let s = try Self.run(["suggest", path, "--format", "json"])
    #expect(s.status == 0 && s.err.contains("fallback"), "\(s.err)")
    let j = try JSONSerialization.jsonObject(with: Data(s.out.utf8)) as! [String: Any]
    let used = j["statistics"] as! [String: Any]
    #expect(Set(used.keys) == ["pca_75", "pca_80", "pca_90", "pca_95"])
    let exact = try Self.run(["suggest", path, "--format", "json", "--exact"])
    #expect(exact.status == 0 && exact.out == s.out, "\(exact.err)")
    let stats = try Self.run(["stats", path, "--format", "json", "--only", used.keys.sorted().joined(separator: ",")])
    let values = (try JSONSerialization.jsonObject(with: Data(stats.out.utf8)) as! [String: Any])["statistics"] as! [String: Any]
    for (id, v) in used { #expect(values[id] as? Double == v as? Double, "\(id)") }
  }

  @Test func formatsAreConsistent() throws {
    let path = Self.dir.appendingPathComponent("f.npz").path
    _ = try Self.run(["synth", "--n", "60", "--d", "3", "--classes", "2", "-o", path])
    let csv = try Self.run(["stats", path, "--format", "csv", "--only", "dim,mean"])
    let lines = csv.out.split(separator: "\n")
    #expect(lines.first == "name,n_train,n_val,dim,mean,missing,notes")
    #expect(lines.count == 2 && lines[1].hasPrefix("f,48,12,3,"))
    let table = try Self.run(["stats", path, "--only", "dim"])
    #expect(table.out.contains("dim") && table.status == 0)
  }
}

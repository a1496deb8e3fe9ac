import ClassifierCore
import EmbeddingIO
import Foundation
import Numerics
import PluginHost
import ResultsStore
import Study
import StudyEngine

/// A small zoo written to a temporary folder: Gaussian class clusters of unequal size, a few
/// hundred training rows and 2000 validation rows per set (so that accuracy measurably depends on
/// α on sets this cheap to train), four dataset groups of two sets each.
struct SmallZoo {
  let folder: URL
  let manifest: ZooManifest

  /// `tiny`: 150–200 rows in 6–10 dimensions, split by the loader, for sweeps whose curves do
  /// not matter.
  init(groups: [String] = ["a", "b", "c", "d"], perGroup: Int = 2, tiny: Bool = false) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("tempctl-engine-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var entries: [String] = []
    var i = 0
    for g in groups {
      for s in 1...perGroup {
        i += 1
        let name = "\(g)\(s)"
        let url = folder.appendingPathComponent("\(name).npz")
        if tiny {
          try Self.write(train: 150 + 10 * i, validation: 0, d: 5 + i, classes: 4, spread: 0.8, seed: UInt64(i), to: url)
        } else {
          try Self.write(train: 240 + 10 * i, validation: 2000, d: 8 + i % 3, classes: 12 + 2 * (i % 3), spread: 0.9 + 0.1 * Double(i % 4),
                         seed: UInt64(i), to: url)
        }
        entries.append(#"{"name": "\#(name)", "dataset": "\#(g)", "extractor": "e\#(s)", "path": "\#(name).npz"}"#)
      }
    }
    let path = folder.appendingPathComponent("zoo.json").path
    let text = #"{"sets": [\#(entries.joined(separator: ","))]}"#
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    manifest = try ZooManifest(contentsOf: path)
  }

  /// Class c drawn with probability ∝ 4^(−c/(C−1)); each row is its class mean (spread·N(0, 1)
  /// per coordinate) plus N(0, 1) noise. `validation` 0: one X/y pair the loader splits.
  static func write(train: Int, validation: Int, d: Int, classes: Int, spread: Double, seed: UInt64, to url: URL) throws {
    var rng = SeededGenerator(seed: seed)
    let means = (0..<(classes * d)).map { _ in rng.normal() * spread }
    let weights = (0..<classes).map { pow(4, -Double($0) / Double(classes - 1)) }
    let total = weights.reduce(0, +)
    func rows(_ n: Int) -> (x: [Double], y: [Int]) {
      var x: [Double] = [], y: [Int] = []
      for r in 0..<n {
        // Every class at least twice, then by weight.
        var c = r < 2 * classes ? r % classes : classes - 1
        if r >= 2 * classes {
          var u = rng.unitDouble() * total
          for (k, w) in weights.enumerated() { if u < w { c = k; break }; u -= w }
        }
        y.append(c)
        for j in 0..<d { x.append(means[c * d + j] + rng.normal()) }
      }
      return (x, y)
    }
    let t = rows(train)
    var arrays = [(validation == 0 ? "X" : "X_train", NPYWriter.matrix(t.x, rows: train, cols: d, float32: true)),
                  (validation == 0 ? "y" : "y_train", NPYWriter.labels(t.y))]
    if validation > 0 {
      let v = rows(validation)
      arrays += [("X_val", NPYWriter.matrix(v.x, rows: validation, cols: d, float32: true)), ("y_val", NPYWriter.labels(v.y))]
    }
    try NPZArchive.write(arrays, to: url, compressed: false)
  }

  func store(_ name: String) throws -> ResultsStore { try ResultsStore(path: folder.appendingPathComponent(name).path) }

  /// A few cheap statistics, enough to fit on.
  static func plugins() throws -> PluginsFile {
    try PluginsFile(allOf: .builtIn).restricted(to: ["dim", "n_classes", "n_samples", "sb_trace", "sw_trace", "pca_90"], registry: .builtIn)
  }

  /// A short grid, a loose tolerance: seconds, not minutes, in a debug build.
  static var configuration: TrainingConfiguration {
    var c = TrainingConfiguration()
    c.alphas = [0.25, 1, 4, 16, 64]
    c.extendGrid = false
    c.criterion.maxIterations = 60
    return c
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Counts what a sweep reports; `stopBefore` makes `beforeUnit` fail at that unit (a crash
/// between two commits).
final class RecordingObserver: StudyObserver {
  var unitsStarted = 0, commits = 0, steps = 0
  var warnings: [String] = [], notes: [String] = []
  func warn(_ line: String) { warnings.append(line) }
  func note(_ line: String) { notes.append(line) }
  func unitStarted(index: Int, total: Int, label: String) { unitsStarted += 1 }
  func committing(_ body: () throws -> Void) rethrows { try body(); commits += 1 }
  func stepStarted(_ item: String, index: Int, total: Int) { steps += 1 }
}

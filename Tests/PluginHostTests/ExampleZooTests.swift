import EmbeddingIO
import Foundation
import PluginHost
import StatPlugins
import Testing

/// The embedded example zoo (Examples/zoo): every set loads through tempctl's loaders, matches its
/// manifest, and has every statistic (no missing value).
@Suite struct ExampleZooTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let manifestPath = root.appendingPathComponent("Examples/zoo/zoo.json").path
  static let manifest = try! ZooManifest(contentsOf: manifestPath)
  static let raw: [[String: Any]] = {
    let d = try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as! [String: Any]
    return d["sets"] as! [[String: Any]]
  }()

  @Test func sizeAndShape() {
    #expect(Self.manifest.entries.count >= 24)
    let groups = Dictionary(grouping: Self.manifest.entries, by: \.dataset)
    #expect(groups.count >= 7)
    #expect(groups.values.allSatisfy { $0.count >= 3 }, "every dataset needs at least 3 extractors")
    let classes = Self.raw.map { $0["C"] as! Int }, dims = Self.raw.map { $0["d"] as! Int }
    #expect(classes.min()! <= 6 && classes.max()! >= 66)
    #expect(dims.min()! <= 16 && dims.max()! >= 1280)
    // At most 40 MB in all.
    let bytes = Self.manifest.entries.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
    #expect(bytes <= 40_000_000, "zoo is \(bytes) bytes")
  }

  @Test("loads and matches its manifest entry", arguments: manifest.entries.indices)
  func loadsAndMatchesManifest(index: Int) throws {
    let e = Self.manifest.entries[index], m = Self.raw[index]
    let set = try DatasetLoader.load(path: e.path, name: e.name)
    #expect(set.explicitSplit)
    #expect(set.dimension == m["d"] as! Int && set.classCount == m["C"] as! Int)
    #expect(set.train.rows == m["n_train"] as! Int && set.validation.rows == m["n_val"] as! Int)
    #expect(set.train.rows + set.validation.rows == m["N"] as! Int)
    #expect(set.train.rows >= 700)
  }

  @Test("has every statistic", arguments: manifest.entries.indices)
  func everyStatistic(index: Int) throws {
    let e = Self.manifest.entries[index]
    let set = try DatasetLoader.load(path: e.path, name: e.name)
    let file = try PluginsFile(contentsOf: Self.root.appendingPathComponent("plugins.json").path, registry: .builtIn)
    let report = try FeatureVectorComposer(file).compute(set)
    #expect(report.values.count == file.enabled.count && file.enabled.count == PluginRegistry.builtIn.statistics.count)
    for v in report.values { #expect(v.value.number != nil, "\(e.name): \(v.id) is \(v.value)") }
  }
}

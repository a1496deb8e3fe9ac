import Foundation

/// A zoo manifest (`zoo.json`): the embedding sets of a study.
///
/// `{"sets": [{"name": "cifar10-resnet18", "dataset": "cifar10", "extractor": "resnet18",
/// "path": "cifar10/resnet18.npz"}]}`. Paths are relative to the manifest's folder; `dataset`
/// is the group left out together in cross-validation. Extra members (N, d, C, notes) are kept
/// as they are and ignored here.
public struct ZooManifest: Sendable {
  /// One embedding set of the zoo.
  public struct Entry: Sendable, Equatable {
    public var name: String
    public var dataset: String
    public var extractor: String
    /// Absolute (resolved) path of the set.
    public var path: String

    public init(name: String, dataset: String, extractor: String, path: String) {
      self.name = name; self.dataset = dataset; self.extractor = extractor; self.path = path
    }
  }

  public var entries: [Entry]
  public var path: String

  public init(contentsOf path: String) throws {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw DataError.unreadable(path: path, reason: "no such readable file")
    }
    let json: JSONValue
    do { json = try JSONParser.parse(text) } catch let e as JSONSyntaxError {
      throw DataError.manifest(path: path, reason: "not valid JSON: \(e)")
    }
    guard case let .array(sets)? = json["sets"] else {
      throw DataError.manifest(path: path, reason: "$.sets must be an array of {name, dataset, extractor, path}")
    }
    let base = URL(fileURLWithPath: path).deletingLastPathComponent()
    var entries: [Entry] = []
    var seen = Set<String>()
    for (i, s) in sets.enumerated() {
      func field(_ key: String, required: Bool = true) throws -> String? {
        if case let .string(v)? = s[key] { return v }
        if required { throw DataError.manifest(path: path, reason: "$.sets[\(i)].\(key) must be a string") }
        return nil
      }
      let rel = try field("path")!
      let name = try field("name", required: false) ?? URL(fileURLWithPath: rel).deletingPathExtension().lastPathComponent
      guard seen.insert(name).inserted else {
        throw DataError.manifest(path: path, reason: "$.sets[\(i)].name '\(name)' is used twice; names must be unique")
      }
      let resolved = rel.hasPrefix("/") ? rel : base.appendingPathComponent(rel).path
      entries.append(Entry(name: name, dataset: try field("dataset", required: false) ?? name,
                           extractor: try field("extractor", required: false) ?? "", path: resolved))
    }
    self.entries = entries
    self.path = path
  }
}

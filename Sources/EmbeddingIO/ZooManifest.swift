import Foundation

/// A zoo manifest (`zoo.json`): the embedding sets of a study.
///
/// `{"sets": [{"name": "cifar10-resnet18", "dataset": "cifar10", "extractor": "resnet18",
/// "path": "cifar10/resnet18.npz"}]}`. Paths are relative to the manifest's folder; `dataset`
/// is the group left out together in leave-one-dataset-out cross-validation, `family` (optional,
/// default: the extractor, else the name) the extractor family left out together in
/// leave-one-extractor-family-out. Extra members (N, d, C, notes) are kept as they are and ignored here.
public struct ZooManifest: Sendable {
  /// One embedding set of the zoo.
  public struct Entry: Sendable, Equatable {
    public var name: String
    public var dataset: String
    public var extractor: String
    /// The extractor's family ("pretrained CNN", "random network", …).
    public var family: String
    /// Absolute (resolved) path of the set.
    public var path: String

    public init(name: String, dataset: String, extractor: String, family: String? = nil, path: String) {
      self.name = name; self.dataset = dataset; self.extractor = extractor
      self.family = family ?? (extractor.isEmpty ? name : extractor); self.path = path
    }
  }

  public var entries: [Entry]
  public var path: String
  /// Things worth saying that do not stop the study (the same file listed twice), one line each.
  public var warnings: [String] = []

  /// Reads the manifest at `path`. A set's path must stay inside the manifest's folder (checked
  /// lexically, after `..` is resolved) unless `allowOutsidePaths`; absolute paths and paths
  /// through `..` out of the folder are refused with a line saying how to allow them.
  public init(contentsOf path: String, allowOutsidePaths: Bool = false) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DataError.unreadable(path: path, reason: "no such readable file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw DataError.manifest(path: path, reason: "not UTF-8 text; a zoo manifest is a JSON file")
    }
    try self.init(text: text, path: path, allowOutsidePaths: allowOutsidePaths)
  }

  /// Parses manifest text; `path` names it in errors and sets the folder relative paths start from.
  public init(text: String, path: String, allowOutsidePaths: Bool = false) throws {
    let json: JSONValue
    do { json = try JSONParser.parse(text) } catch let e as JSONSyntaxError {
      throw DataError.manifest(path: path, reason: "not valid JSON: \(e)")
    }
    guard case let .array(sets)? = json["sets"] else {
      throw DataError.manifest(path: path, reason: "$.sets must be an array of {name, dataset, extractor, path}")
    }
    let base = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL
    var entries: [Entry] = []
    var seen = Set<String>()
    var files: [String: String] = [:]
    var warnings: [String] = []
    for (i, s) in sets.enumerated() {
      func field(_ key: String, required: Bool = true) throws -> String? {
        if case let .string(v)? = s[key] { return v }
        if required || s[key] != nil { throw DataError.manifest(path: path, reason: "$.sets[\(i)].\(key) must be a string") }
        return nil
      }
      let rel = try field("path")!
      guard !rel.isEmpty, !rel.contains("\0") else {
        throw DataError.manifest(path: path, reason: "$.sets[\(i)].path must be a non-empty file path")
      }
      let name = try field("name", required: false) ?? URL(fileURLWithPath: rel).deletingPathExtension().lastPathComponent
      guard !name.isEmpty, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
        throw DataError.manifest(path: path, reason: "$.sets[\(i)].name must be non-empty, without control characters")
      }
      guard seen.insert(name).inserted else {
        throw DataError.manifest(path: path, reason: "$.sets[\(i)].name '\(name)' is used twice; names must be unique")
      }
      let resolved = (rel.hasPrefix("/") ? URL(fileURLWithPath: rel) : base.appendingPathComponent(rel)).standardizedFileURL.path
      if !allowOutsidePaths && !resolved.hasPrefix(base.path.hasSuffix("/") ? base.path : base.path + "/") {
        throw DataError.manifest(path: path, reason: "$.sets[\(i)].path '\(rel)' leaves the manifest's folder \(base.path); move the file under it, or pass --allow-outside-paths if you trust this manifest")
      }
      if let first = files[resolved] {
        warnings.append("\(path): $.sets[\(i)] ('\(name)') lists the same file as '\(first)' (\(resolved)); both are used")
      } else {
        files[resolved] = name
      }
      entries.append(Entry(name: name, dataset: try field("dataset", required: false) ?? name,
                           extractor: try field("extractor", required: false) ?? "", family: try field("family", required: false),
                           path: resolved))
    }
    self.entries = entries
    self.path = path
    self.warnings = warnings
  }
}

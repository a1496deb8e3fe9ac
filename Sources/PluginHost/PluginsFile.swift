import EmbeddingIO
import Foundation
import StatPlugins

/// One enabled (or listed but disabled) statistic, with its validated options.
public struct ConfiguredStatistic: Sendable {
  public let type: any DatasetStatistic.Type
  public let instance: any DatasetStatistic
  public let enabled: Bool
  public let options: [String: JSONValue]
  public var id: String { type.id }
}

/// The parsed plugins.json: which statistics are enabled, in feature-vector order, with options.
///
/// ```json
/// {"statistics": [
///   {"id": "dim"},
///   {"id": "avg_normality", "options": {"max_samples": 5000}},
///   {"id": "silhouette", "enabled": false}
/// ]}
/// ```
/// Statistics not listed are disabled. Errors name the file, the JSON path and the nearest id.
public struct PluginsFile: Sendable {
  public let entries: [ConfiguredStatistic]
  public let path: String

  public var enabled: [ConfiguredStatistic] { entries.filter(\.enabled) }

  /// Parses the file at `path` against `registry`.
  public init(contentsOf path: String, registry: PluginRegistry) throws {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw PluginError.unreadable(path: path)
    }
    try self.init(text: text, path: path, registry: registry)
  }

  /// Parses JSON text; `path` names it in errors.
  public init(text: String, path: String, registry: PluginRegistry) throws {
    let json: JSONValue
    do { json = try JSONParser.parse(text) } catch let e as JSONSyntaxError {
      throw PluginError.syntax(path: path, line: e.line, column: e.column, message: e.message)
    }
    guard case .object = json else { throw PluginError.invalid(path: path, jsonPath: "$", message: "must be an object with a \"statistics\" array") }
    guard case let .array(items)? = json["statistics"] else {
      throw PluginError.invalid(path: path, jsonPath: "$.statistics", message: "must be an array of {\"id\": ..., \"options\": {...}}")
    }
    var entries: [ConfiguredStatistic] = []
    var seen: [String: String] = [:]
    for (i, item) in items.enumerated() {
      let here = "$.statistics[\(i)]"
      guard case let .object(members) = item else {
        throw PluginError.invalid(path: path, jsonPath: here, message: "must be an object, got \(item.typeName)")
      }
      for (key, _) in members where !["id", "enabled", "options"].contains(key) {
        throw PluginError.invalid(path: path, jsonPath: "\(here).\(key)", message: "unknown member; allowed: id, enabled, options")
      }
      guard case let .string(id)? = item["id"] else {
        throw PluginError.invalid(path: path, jsonPath: "\(here).id", message: "must be a string naming a statistic")
      }
      guard let type = registry.statistic(id: id) else {
        throw PluginError.unknownID(path: path, jsonPath: "\(here).id", id: id, suggestion: registry.nearest(to: id))
      }
      if let first = seen[id] { throw PluginError.repeatedID(path: path, jsonPath: "\(here).id", id: id, firstAt: first) }
      seen[id] = "\(here).id"
      var enabled = true
      if let e = item["enabled"] {
        guard case let .bool(b) = e else {
          throw PluginError.invalid(path: path, jsonPath: "\(here).enabled", message: "must be true or false, got \(e.typeName)")
        }
        enabled = b
      }
      var options: [String: JSONValue] = [:]
      if let o = item["options"] {
        guard case let .object(pairs) = o else {
          throw PluginError.invalid(path: path, jsonPath: "\(here).options", message: "must be an object, got \(o.typeName)")
        }
        let known = type.options.map(\.name)
        for (name, value) in pairs {
          guard known.contains(name) else {
            let hint = known.isEmpty ? "'\(id)' takes no options"
              : (EditDistance.nearest(to: name, among: known).map { "did you mean '\($0)'?" } ?? "valid: \(known.joined(separator: ", "))")
            throw PluginError.invalid(path: path, jsonPath: "\(here).options.\(name)", message: "unknown option; \(hint)")
          }
          options[name] = value
        }
      }
      let instance: any DatasetStatistic
      do { instance = try type.init(options: PluginOptions(options, path: "\(here).options")) } catch let e as StatisticError {
        if case let .badOption(jp, message) = e { throw PluginError.invalid(path: path, jsonPath: jp, message: message) }
        throw e
      }
      entries.append(ConfiguredStatistic(type: type, instance: instance, enabled: enabled, options: options))
    }
    self.entries = entries
    self.path = path
  }

  /// Every statistic of `registry`, enabled with default options, in registry order.
  public init(allOf registry: PluginRegistry) throws {
    entries = try registry.statistics.map {
      ConfiguredStatistic(type: $0, instance: try $0.init(options: PluginOptions()), enabled: true, options: [:])
    }
    path = "<all registered statistics>"
  }

  /// A copy in which only `ids` are enabled (in the file's order); unknown ids are an error.
  public func restricted(to ids: [String], registry: PluginRegistry) throws -> PluginsFile {
    for id in ids where !entries.contains(where: { $0.id == id }) {
      throw PluginError.unknownID(path: path, jsonPath: "--only", id: id, suggestion: registry.nearest(to: id))
    }
    return PluginsFile(entries: entries.map {
      ConfiguredStatistic(type: $0.type, instance: $0.instance, enabled: ids.contains($0.id), options: $0.options)
    }, path: path)
  }

  init(entries: [ConfiguredStatistic], path: String) { self.entries = entries; self.path = path }
}

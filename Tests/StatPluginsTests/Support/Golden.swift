import EmbeddingIO
import Foundation
import PluginHost
import StatPlugins
import Testing

/// Golden values written by scripts/reference/make_stat_fixtures.py (numpy, scipy, scikit-learn;
/// versions recorded in Fixtures/statistics.json) and the fixture sets they were computed on.
enum Golden {
  static let fixtureNames = ["gauss_f64", "gauss_f32", "constant_cols", "imbalanced", "d_gt_n", "two_classes", "relu_like"]

  static func url(_ file: String) -> URL {
    Bundle.module.url(forResource: "Fixtures/" + file, withExtension: nil)
      ?? Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(file)
  }

  static let document: [String: Any] = {
    let data = try! Data(contentsOf: url("statistics.json"))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  }()

  /// The reference value of `id` on fixture `set` (nil when the reference has none).
  static func value(_ id: String, set: String) -> Double? {
    let sets = document["sets"] as! [String: Any]
    let s = (sets[set] as! [String: Any])["statistics"] as! [String: Any]
    return (s[id] as? NSNumber)?.doubleValue
  }

  static func load(_ set: String) throws -> EmbeddingSet {
    try DatasetLoader.load(path: url(set + ".npz").path)
  }

  /// Computes statistic `type` alone (with default options) on fixture `set`.
  static func compute(_ type: any DatasetStatistic.Type, on set: String, options: [String: JSONValue] = [:]) throws -> StatisticValue {
    try compute(type, on: load(set), options: options)
  }

  static func compute(_ type: any DatasetStatistic.Type, on set: EmbeddingSet, options: [String: JSONValue] = [:]) throws -> StatisticValue {
    let context = try StatisticContext.build(for: set, requirements: type.requirements)
    return try type.init(options: PluginOptions(options)).compute(in: context.restricted(to: type.requirements, reader: type.id))
  }

  /// Checks `type` against the reference on every fixture, within `tolerance` (relative).
  static func expectMatches(_ type: any DatasetStatistic.Type, set: String, tolerance: Double,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
    let ours = try compute(type, on: set)
    guard let reference = value(type.id, set: set) else {
      #expect(ours.number == nil, "\(type.id) on \(set): reference has no value, ours is \(ours)", sourceLocation: sourceLocation)
      return
    }
    guard let v = ours.number else {
      Issue.record("\(type.id) on \(set): missing (\(ours)), reference \(reference)", sourceLocation: sourceLocation)
      return
    }
    let rel = abs(v - reference) / max(abs(reference), 1e-300)
    #expect(rel <= tolerance, "\(type.id) on \(set): \(v) vs reference \(reference) (relative \(rel))", sourceLocation: sourceLocation)
  }
}

/// Small in-memory sets for degenerate cases.
enum Sets {
  static func make(_ rows: [[Double]], _ labels: [Int], validation: [[Double]] = [], validationLabels: [Int] = [], name: String = "t") -> EmbeddingSet {
    let d = rows.first?.count ?? 0
    let classes = (Set(labels).union(validationLabels).max() ?? 0) + 1
    return EmbeddingSet(name: name, train: .init(rows: rows.count, cols: d, storage: rows.flatMap { $0 }), trainLabels: labels,
                        validation: .init(rows: validation.count, cols: d, storage: validation.flatMap { $0 }),
                        validationLabels: validationLabels, classNames: (0..<classes).map(String.init), explicitSplit: true)
  }
}

import Foundation
import StatPlugins

/// An immutable, explicit list of the statistics a program knows, looked up by id.
///
/// Built from `BuiltInStatistics.all`, optionally with a user's own types appended; there is no
/// global mutable registry and no reflection.
public struct PluginRegistry: Sendable {
  public let statistics: [any DatasetStatistic.Type]
  private let byID: [String: Int]

  /// Fails when two types share an id or an id is not snake_case.
  public init(_ statistics: [any DatasetStatistic.Type]) throws {
    var index: [String: Int] = [:]
    for (i, s) in statistics.enumerated() {
      guard s.id.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil else {
        throw PluginError.badID(id: s.id)
      }
      if index[s.id] != nil { throw PluginError.duplicateRegistration(id: s.id) }
      index[s.id] = i
    }
    self.statistics = statistics
    self.byID = index
  }

  /// The registry of the built-in statistics.
  public static let builtIn: PluginRegistry = {
    do { return try PluginRegistry(BuiltInStatistics.all) } catch { preconditionFailure("built-in registry: \(error)") }
  }()

  public var ids: [String] { statistics.map { $0.id } }

  public func statistic(id: String) -> (any DatasetStatistic.Type)? { byID[id].map { statistics[$0] } }

  /// The registered id closest to `id` (edit distance), for "did you mean" hints.
  public func nearest(to id: String) -> String? { EditDistance.nearest(to: id, among: ids) }
}

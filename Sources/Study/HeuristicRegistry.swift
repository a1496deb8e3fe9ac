import Foundation

/// An immutable, explicit list of the heuristics a program compares, in report order, looked up
/// by id. Built from `BuiltInHeuristics.all`, optionally with a user's own types appended; it is
/// passed to whatever needs it — there is no global registry.
public struct HeuristicRegistry: Sendable {
  public let heuristics: [any TemperatureHeuristic.Type]
  private let byID: [String: Int]

  /// Fails when two types share an id or an id is not kebab-case.
  public init(_ heuristics: [any TemperatureHeuristic.Type]) throws {
    var index: [String: Int] = [:]
    for (i, h) in heuristics.enumerated() {
      guard h.id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
        throw StudyError.badHeuristic(id: h.id, reason: "ids are kebab-case: lowercase letters, digits and '-'")
      }
      if index[h.id] != nil { throw StudyError.badHeuristic(id: h.id, reason: "two heuristics share this id") }
      index[h.id] = i
    }
    self.heuristics = heuristics
    byID = index
  }

  /// The registry of the built-in heuristics.
  public static let builtIn: HeuristicRegistry = {
    do { return try HeuristicRegistry(BuiltInHeuristics.all) } catch { preconditionFailure("built-in heuristics: \(error)") }
  }()

  public var ids: [String] { heuristics.map { $0.id } }

  public func heuristic(id: String) -> (any TemperatureHeuristic.Type)? { byID[id].map { heuristics[$0] } }

  /// Every input some heuristic declares.
  public var inputs: Set<HeuristicInputKind> { heuristics.reduce(into: []) { $0.formUnion($1.inputs) } }

  /// The fitted regressions some heuristic reads, in a stable order.
  public var fittedModels: [FittedModel] {
    inputs.compactMap { if case .fittedModel(let m) = $0 { return m } else { return nil } }
      .sorted { $0.description < $1.description }
  }

  /// Whether some heuristic reads the learned-temperature runs (the study trains them only then).
  public var needsLearnedTemperature: Bool { inputs.contains(.learnedTemperature) }
}

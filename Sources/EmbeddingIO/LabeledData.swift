import Numerics

/// A feature matrix with one class index per row, classes numbered 0..<C in the sorted order
/// of their original labels.
public struct LabeledData: Sendable {
  public var features: Matrix<Double>
  public var labels: [Int]
  /// The original label of each class index, as text.
  public var classNames: [String]

  public init(features: Matrix<Double>, labels: [Int], classNames: [String]) {
    precondition(features.rows == labels.count)
    self.features = features; self.labels = labels; self.classNames = classNames
  }

  public var classCount: Int { classNames.count }
}

/// Maps raw labels to 0..<C in sorted order: integers numerically, strings lexicographically
/// (by Unicode scalars, like numpy's sort of a string array).
public enum LabelEncoder {
  public static func encode(integers: [Int64]) -> (labels: [Int], names: [String]) {
    let sorted = Array(Set(integers)).sorted()
    let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
    return (integers.map { index[$0]! }, sorted.map(String.init))
  }

  public static func encode(strings: [String]) -> (labels: [Int], names: [String]) {
    let sorted = Array(Set(strings)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
    return (strings.map { index[$0]! }, sorted)
  }
}

/// Labels as a file holds them, before they become classes 0..<C: integers (integer, bool or
/// integral float arrays) or strings (CSV cells, `U<n>`/`S<n>` arrays).
public enum RawLabels: Equatable {
  case integers([Int64])
  case strings([String])

  public var count: Int { switch self { case let .integers(v): v.count; case let .strings(v): v.count } }

  /// Both splits' labels, encoded together; integers and strings mixed are compared as text.
  public static func + (a: RawLabels, b: RawLabels) -> RawLabels {
    switch (a, b) {
    case let (.integers(x), .integers(y)): return .integers(x + y)
    default: return .strings(a.texts + b.texts)
    }
  }

  var texts: [String] { switch self { case let .integers(v): v.map(String.init); case let .strings(v): v } }

  /// Classes 0..<C in sorted order (integers numerically, strings by code points) and their names.
  public func encoded() -> (labels: [Int], names: [String]) {
    switch self {
    case let .integers(v): return LabelEncoder.encode(integers: v)
    case let .strings(v): return LabelEncoder.encode(strings: v)
    }
  }
}

import EmbeddingIO

/// The declaration of one plugin option: its name, type, valid range and default.
public struct OptionSpec: Sendable {
  /// The option's JSON type and valid range.
  public enum Kind: Sendable {
    case integer(ClosedRange<Int>)
    case number(ClosedRange<Double>)
    case boolean
  }
  public let name: String
  public let kind: Kind
  public let defaultValue: JSONValue
  public let summary: String

  public init(_ name: String, _ kind: Kind, default defaultValue: JSONValue, _ summary: String) {
    self.name = name; self.kind = kind; self.defaultValue = defaultValue; self.summary = summary
  }

  /// Valid values, as shown in errors and `tempctl plugins`.
  public var validRange: String {
    switch kind {
    case let .integer(r): return "an integer in \(r.lowerBound)...\(r.upperBound)"
    case let .number(r): return "a number in \(r.lowerBound)...\(r.upperBound)"
    case .boolean: return "true or false"
    }
  }
}

/// The options given to one plugin in plugins.json, with the JSON path used in error messages.
public struct PluginOptions: Sendable {
  public let values: [String: JSONValue]
  /// JSON path of the options object, e.g. `$.statistics[19].options`.
  public let path: String

  public init(_ values: [String: JSONValue] = [:], path: String = "$.options") {
    self.values = values; self.path = path
  }

  /// The integer value of `spec`, its default when absent; throws on a wrong type or range.
  public func integer(_ spec: OptionSpec) throws -> Int {
    guard case let .integer(range) = spec.kind else { preconditionFailure("option \(spec.name) is not an integer") }
    let v = values[spec.name] ?? spec.defaultValue
    guard case let .number(x) = v, x == x.rounded(), abs(x) < 1e15, range.contains(Int(x)) else {
      throw StatisticError.badOption(path: "\(path).\(spec.name)", message: "must be \(spec.validRange), got \(Self.show(v))")
    }
    return Int(x)
  }

  /// The numeric value of `spec`.
  public func number(_ spec: OptionSpec) throws -> Double {
    guard case let .number(range) = spec.kind else { preconditionFailure("option \(spec.name) is not a number") }
    let v = values[spec.name] ?? spec.defaultValue
    guard case let .number(x) = v, range.contains(x) else {
      throw StatisticError.badOption(path: "\(path).\(spec.name)", message: "must be \(spec.validRange), got \(Self.show(v))")
    }
    return x
  }

  /// The boolean value of `spec`.
  public func boolean(_ spec: OptionSpec) throws -> Bool {
    let v = values[spec.name] ?? spec.defaultValue
    guard case let .bool(b) = v else {
      throw StatisticError.badOption(path: "\(path).\(spec.name)", message: "must be \(spec.validRange), got \(Self.show(v))")
    }
    return b
  }

  /// A value as shown in messages and listings.
  public static func show(_ v: JSONValue) -> String {
    switch v {
    case let .number(x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    case let .string(s): return "\"\(s)\""
    case let .bool(b): return String(b)
    default: return v.typeName
    }
  }
}

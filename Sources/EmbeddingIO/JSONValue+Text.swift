import Foundation

extension JSONValue {
  /// The value as compact JSON text, members in their stored order. Integral numbers below 10¹⁵
  /// print without a fraction, others in Swift's shortest round-trip form; non-finite numbers
  /// print as null.
  public var text: String {
    switch self {
    case .null: return "null"
    case let .bool(b): return b ? "true" : "false"
    case let .number(x):
      guard x.isFinite else { return "null" }
      if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
      return "\(x)"
    case let .string(s): return JSONValue.quote(s)
    case let .array(a): return "[" + a.map(\.text).joined(separator: ", ") + "]"
    case let .object(o): return "{" + o.map { JSONValue.quote($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
    }
  }

  /// An integer as a JSON number.
  public static func int(_ i: Int) -> JSONValue { .number(Double(i)) }

  /// A JSON string literal for `s`.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
      }
    }
    return out + "\""
  }
}

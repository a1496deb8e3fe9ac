import Foundation

/// Minimal JSON output with stable key order. Numbers print in Swift's shortest round-trip form;
/// non-finite numbers print as null.
indirect enum JSONOut {
  case null, bool(Bool), number(Double), int(Int), string(String), array([JSONOut]), object([(String, JSONOut)])

  var text: String {
    switch self {
    case .null: return "null"
    case let .bool(b): return b ? "true" : "false"
    case let .int(i): return String(i)
    case let .number(x):
      guard x.isFinite else { return "null" }
      if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
      return "\(x)"
    case let .string(s): return JSONOut.quote(s)
    case let .array(a): return "[" + a.map(\.text).joined(separator: ", ") + "]"
    case let .object(o): return "{" + o.map { JSONOut.quote($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
    }
  }

  static func quote(_ s: String) -> String {
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

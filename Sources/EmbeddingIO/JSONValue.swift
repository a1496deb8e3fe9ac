/// A parsed JSON document. tempctl parses its own configuration files (plugins.json, zoo.json)
/// with `JSONParser` so that errors can name the line and column, and the JSON path.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case let (.bool(x), .bool(y)): return x == y
    case let (.number(x), .number(y)): return x == y
    case let (.string(x), .string(y)): return x == y
    case let (.array(x), .array(y)): return x == y
    case let (.object(x), .object(y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
    default: return false
    }
  }

  /// The member `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    if case let .object(members) = self { return members.first { $0.0 == key }?.1 }
    return nil
  }

  /// A short name of the value's JSON type, for error messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// A JSON syntax error at a 1-based line and column.
public struct JSONSyntaxError: Error, CustomStringConvertible, Equatable {
  public let line: Int
  public let column: Int
  public let message: String
  public var description: String { "line \(line), column \(column): \(message)" }
}

/// A small strict JSON parser (RFC 8259) that reports the line and column of an error.
public struct JSONParser {
  private let bytes: [UInt8]
  private var pos = 0

  public static func parse(_ text: String) throws -> JSONValue {
    var p = JSONParser(bytes: Array(text.utf8))
    p.skipSpace()
    let v = try p.value(depth: 0)
    p.skipSpace()
    guard p.pos == p.bytes.count else { throw p.error("unexpected text after the JSON value") }
    return v
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func error(_ message: String) -> JSONSyntaxError {
    var line = 1, col = 1
    for b in bytes[0..<min(pos, bytes.count)] { if b == 0x0A { line += 1; col = 1 } else { col += 1 } }
    return JSONSyntaxError(line: line, column: col, message: message)
  }

  private mutating func skipSpace() {
    while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
  }

  private mutating func expect(_ literal: String, _ v: JSONValue) throws -> JSONValue {
    let l = Array(literal.utf8)
    guard pos + l.count <= bytes.count, Array(bytes[pos..<(pos + l.count)]) == l else {
      throw error("invalid literal; expected \(literal)")
    }
    pos += l.count
    return v
  }

  private mutating func value(depth: Int) throws -> JSONValue {
    guard depth < 512 else { throw error("nesting too deep") }
    guard pos < bytes.count else { throw error("unexpected end of input; expected a value") }
    switch bytes[pos] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try expect("true", .bool(true))
    case UInt8(ascii: "f"): return try expect("false", .bool(false))
    case UInt8(ascii: "n"): return try expect("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw error("unexpected character '\(Character(UnicodeScalar(bytes[pos])))'; expected a value")
    }
  }

  private mutating func object(depth: Int) throws -> JSONValue {
    pos += 1
    var members: [(String, JSONValue)] = []
    skipSpace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
    while true {
      skipSpace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a quoted member name") }
      let key = try string()
      skipSpace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected ':' after member name") }
      pos += 1
      skipSpace()
      members.append((key, try value(depth: depth + 1)))
      skipSpace()
      guard pos < bytes.count else { throw error("unexpected end of input; expected ',' or '}'") }
      if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
      if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
      throw error("expected ',' or '}'")
    }
  }

  private mutating func array(depth: Int) throws -> JSONValue {
    pos += 1
    var items: [JSONValue] = []
    skipSpace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
    while true {
      skipSpace()
      items.append(try value(depth: depth + 1))
      skipSpace()
      guard pos < bytes.count else { throw error("unexpected end of input; expected ',' or ']'") }
      if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
      if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
      throw error("expected ',' or ']'")
    }
  }

  private mutating func string() throws -> String {
    pos += 1
    var out: [UInt8] = []
    while pos < bytes.count {
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") { pos += 1; return String(decoding: out, as: UTF8.self) }
      if b < 0x20 { throw error("control character in string") }
      if b == UInt8(ascii: "\\") {
        pos += 1
        guard pos < bytes.count else { break }
        switch bytes[pos] {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          guard pos + 4 < bytes.count, let code = UInt32(String(decoding: bytes[(pos + 1)...(pos + 4)], as: UTF8.self), radix: 16) else {
            throw error("invalid \\u escape")
          }
          out.append(contentsOf: Array(String(UnicodeScalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
          pos += 4
        default: throw error("invalid escape")
        }
        pos += 1
        continue
      }
      out.append(b)
      pos += 1
    }
    throw error("unterminated string")
  }

  private mutating func number() throws -> JSONValue {
    let start = pos
    if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
    let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
    guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("invalid number") }
    while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
      pos += 1
      guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("invalid number: digits expected after '.'") }
      while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
    }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
      pos += 1
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
      guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("invalid number: exponent digits expected") }
      while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
    }
    guard let v = Double(String(decoding: bytes[start..<pos], as: UTF8.self)) else { throw error("invalid number") }
    return .number(v)
  }
}

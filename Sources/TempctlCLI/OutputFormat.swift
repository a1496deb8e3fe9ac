import ArgumentParser
import EmbeddingIO

/// `--format table|json|csv`, shared by every table command.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case table, json, csv
}

/// Renders rows as an aligned text table (for people; rounded, with display labels).
enum TableRenderer {
  static func table(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: widths[i] - c.count)
        return rightAligned.contains(i) ? pad + c : c + pad
      }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
      .joined(separator: "\n")
  }
}

/// The machine output of every table command (docs/cli.md, "Machine output"): one record — a
/// JSON object — per row.
///
/// - `--format json`: JSON Lines, one record per line, numbers at full precision (shortest
///   round-trip form), a missing value `null`, an undefined one (a standard deviation over one
///   seed) absent.
/// - `--format csv`: a header of the records' keys (snake_case; the union in order of first
///   appearance), one line per record, the same numbers, a missing value an empty cell. The
///   members of an object named in `inline` become columns of their own (`stats`' statistics);
///   other arrays and objects are one cell holding their JSON text.
enum MachineOutput {
  static func jsonLines(_ records: [JSONValue]) -> String {
    records.map(\.text).joined(separator: "\n")
  }

  static func csv(_ records: [JSONValue], inline: Set<String> = []) -> String {
    let flat = records.map { flatten($0, inline: inline) }
    var header: [String] = [], seen = Set<String>()
    for r in flat { for (k, _) in r where seen.insert(k).inserted { header.append(k) } }
    let lines = flat.map { r -> String in
      let byKey = Dictionary(r, uniquingKeysWith: { a, _ in a })
      return header.map { quote(cell(byKey[$0] ?? .null)) }.joined(separator: ",")
    }
    return ([header.map(quote).joined(separator: ",")] + lines).joined(separator: "\n")
  }

  /// Prints records in `format` (json or csv); nothing for an empty list of CSV records but the header.
  static func print(_ records: [JSONValue], format: OutputFormat, inline: Set<String> = []) {
    switch format {
    case .json: if !records.isEmpty { Swift.print(jsonLines(records)) }
    case .csv: Swift.print(csv(records, inline: inline))
    case .table: preconditionFailure("tables are rendered by each command")
    }
  }

  private static func flatten(_ record: JSONValue, inline: Set<String>) -> [(String, JSONValue)] {
    guard case let .object(fields) = record else { return [("value", record)] }
    return fields.flatMap { k, v -> [(String, JSONValue)] in
      if inline.contains(k), case let .object(inner) = v { return inner }
      return [(k, v)]
    }
  }

  static func cell(_ v: JSONValue) -> String {
    switch v {
    case .null: return ""
    case let .string(s): return s
    case .number(let x) where !x.isFinite: return ""
    default: return v.text
    }
  }

  static func quote(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }
}

import ArgumentParser

/// `--format table|json|csv`, shared by every table command.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case table, json, csv
}

/// Renders rows as an aligned text table or as CSV.
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

  static func csv(header: [String], rows: [[String]]) -> String {
    func quote(_ s: String) -> String {
      s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    return ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n")
  }
}

import Foundation

import Foundation

/// Reads a CSV embedding file: one row per sample, numeric feature columns, and a label column
/// named `label` (or chosen with `labelColumn`, by name or 0-based index), else the last column.
/// A header is detected when the first row has a non-numeric cell among the feature columns.
/// Fields may be double-quoted; separators are commas.
public enum CSVTable {
  public static func read(url: URL, labelColumn: String?) throws -> LabeledData {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw DataError.unreadable(path: url.path, reason: "not readable as UTF-8 text")
    }
    return try read(text: text, path: url.path, labelColumn: labelColumn)
  }

  /// Parses CSV text; `path` names it in errors.
  public static func read(text: String, path: String, labelColumn: String?) throws -> LabeledData {
    var rows: [(line: Int, cells: [String])] = []
    var lineNo = 0
    text.enumerateLines { line, _ in
      lineNo += 1
      if line.trimmingCharacters(in: .whitespaces).isEmpty { return }
      rows.append((lineNo, split(line)))
    }
    guard let first = rows.first else { throw DataError.empty(path: path, array: "the CSV file") }
    let width = first.cells.count
    guard width >= 2 else { throw DataError.csv(path: path, row: first.line, column: nil, reason: "need at least one feature column and a label column, found \(width) column") }
    for r in rows where r.cells.count != width {
      throw DataError.csv(path: path, row: r.line, column: nil, reason: "has \(r.cells.count) fields but the first row has \(width)")
    }
    // Which column holds the label, and is the first row a header?
    let firstIsHeader: Bool = {
      let numeric = first.cells.filter { Double($0.trimmingCharacters(in: .whitespaces)) != nil }.count
      return numeric < width - 1
    }()
    let header = firstIsHeader ? first.cells.map { $0.trimmingCharacters(in: .whitespaces) } : nil
    var labelIndex = width - 1
    if let labelColumn {
      if let h = header, let i = h.firstIndex(of: labelColumn) { labelIndex = i }
      else if let i = Int(labelColumn), i >= 0, i < width { labelIndex = i }
      else {
        throw DataError.csv(path: path, row: first.line, column: nil,
                            reason: "no label column '\(labelColumn)' (columns: \(header?.joined(separator: ", ") ?? "0..<\(width)"))")
      }
    } else if let h = header, let i = h.firstIndex(of: "label") { labelIndex = i }
    let body = firstIsHeader ? Array(rows.dropFirst()) : rows
    guard !body.isEmpty else { throw DataError.empty(path: path, array: "the CSV body") }
    let d = width - 1
    var values = [Double](repeating: 0, count: body.count * d)
    var rawLabels: [String] = []
    rawLabels.reserveCapacity(body.count)
    for (i, r) in body.enumerated() {
      var k = 0
      for (j, cell) in r.cells.enumerated() {
        if j == labelIndex { rawLabels.append(cell.trimmingCharacters(in: .whitespaces)); continue }
        guard let v = Double(cell.trimmingCharacters(in: .whitespaces)) else {
          throw DataError.csv(path: path, row: r.line, column: j + 1, reason: "'\(cell)' is not a number")
        }
        guard v.isFinite else {
          throw DataError.csv(path: path, row: r.line, column: j + 1, reason: "'\(cell)' is not finite; features must be finite numbers")
        }
        values[i * d + k] = v
        k += 1
      }
    }
    let ints = rawLabels.compactMap { Int64($0) }
    let encoded = ints.count == rawLabels.count ? LabelEncoder.encode(integers: ints) : LabelEncoder.encode(strings: rawLabels)
    return LabeledData(features: .init(rows: body.count, cols: d, storage: values), labels: encoded.labels, classNames: encoded.names)
  }

  /// Splits one CSV line on commas, honouring double quotes ("" is a literal quote).
  static func split(_ line: String) -> [String] {
    guard line.contains("\"") else { return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    var cells: [String] = [], current = "", quoted = false
    var it = line.makeIterator()
    while let c = it.next() {
      if quoted {
        if c == "\"" {
          if let n = it.next() {
            if n == "\"" { current.append("\"") } else { quoted = false; if n == "," { cells.append(current); current = "" } else { current.append(n) } }
          } else { quoted = false }
        } else { current.append(c) }
      } else if c == "\"" { quoted = true }
      else if c == "," { cells.append(current); current = "" }
      else { current.append(c) }
    }
    cells.append(current)
    return cells
  }
}

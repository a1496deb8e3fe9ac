/// The Python-literal dictionary at the head of an NPY file:
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (100, 64), }`.
struct NPYHeader {
  var descr: String
  var fortranOrder: Bool
  var shape: [Int]

  init(parsing header: String, source: String) throws {
    func fail(_ reason: String) -> DataError { .badNPYHeader(path: source, reason: reason) }
    func value(of key: String) throws -> Substring {
      guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\"") else {
        throw fail("no '\(key)' entry")
      }
      var rest = header[keyRange.upperBound...].drop { $0 == " " }
      guard rest.first == ":" else { throw fail("no ':' after '\(key)'") }
      rest = rest.dropFirst().drop { $0 == " " }
      return rest
    }
    // descr: a quoted string; a list means a structured dtype, which is not supported.
    let d = try value(of: "descr")
    guard let quote = d.first, quote == "'" || quote == "\"" else {
      throw DataError.unsupportedDType(path: source, dtype: String(String(d).prefix(40)).trimmedOf([" ", ","]),
                                       allowed: NPYArray.DType.allowed)
    }
    guard let close = d.dropFirst().firstIndex(of: quote) else { throw fail("unterminated descr string") }
    descr = String(d[d.index(after: d.startIndex)..<close])
    let f = try value(of: "fortran_order")
    if f.hasPrefix("True") { fortranOrder = true } else if f.hasPrefix("False") { fortranOrder = false } else {
      throw fail("fortran_order is neither True nor False")
    }
    let s = try value(of: "shape")
    guard s.first == "(", let end = s.firstIndex(of: ")") else { throw fail("shape is not a tuple") }
    let inner = s[s.index(after: s.startIndex)..<end]
    var dims: [Int] = []
    for part in inner.split(separator: ",") {
      let t = part.trimmedOf([" ", "L"])
      if t.isEmpty { continue }
      guard let v = Int(t), v >= 0 else { throw fail("shape entry '\(t)' is not a non-negative integer") }
      dims.append(v)
    }
    shape = dims
  }
}

extension StringProtocol {
  func trimmedOf(_ set: Set<Character>) -> String {
    var s = Substring(self)
    while let c = s.first, set.contains(c) { s.removeFirst() }
    while let c = s.last, set.contains(c) { s.removeLast() }
    return String(s)
  }
}

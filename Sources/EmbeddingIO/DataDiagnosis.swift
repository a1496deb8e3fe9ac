import Numerics

/// Sets on which a probe's accuracy measures nothing are refused before any work is done; sets
/// that are usable but odd get a warning. The policy, case by case (docs/formats.md has the table):
///
/// | case | verdict |
/// |---|---|
/// | no validation sample at all | error |
/// | fewer than 2 samples per class on average (N / C < 2) | error |
/// | a validation class with no training sample (explicit split) | error: those samples cannot be predicted |
/// | every row zero, or every non-zero row pointing the same way (constant X) | error: nothing to learn |
/// | a training class with no validation sample | warning: accuracy does not test it |
/// | singleton classes (one sample in all) | warning: they stay in training, never validated |
///
/// The scan for constant X stops at the first row that differs, so it costs a few rows on real data.
public enum DataDiagnosis {
  /// Throws `DataError.degenerate` for the first error case; returns the warnings, one line each.
  public static func check(_ set: EmbeddingSet, path: String) throws -> [String] {
    func fail(_ reason: String) -> DataError { .degenerate(path: path, reason: reason) }
    try checkMemory(set, path: path)
    let c = set.classCount, n = set.trainCount + set.validationCount
    guard n >= 2 * c else {
      throw fail("\(c) classes for \(n) samples (fewer than 2 per class on average); accuracy over such a split measures nothing")
    }
    guard set.validationCount > 0 else {
      throw fail("no validation sample (\(n) samples in \(c) classes); a probe's accuracy needs a validation split — give more samples per class")
    }
    var inTrain = [Int](repeating: 0, count: c), inValidation = [Int](repeating: 0, count: c)
    for l in set.trainLabels { inTrain[l] += 1 }
    for l in set.validationLabels { inValidation[l] += 1 }
    let unseen = (0..<c).filter { inTrain[$0] == 0 && inValidation[$0] > 0 }
    if !unseen.isEmpty {
      let count = unseen.reduce(0) { $0 + inValidation[$1] }
      throw fail("\(unseen.count) validation class\(unseen.count == 1 ? "" : "es") never occur\(unseen.count == 1 ? "s" : "") in training (\(names(unseen, set)); \(count) validation samples); a probe cannot predict them")
    }
    if let reason = constantRows(set) { throw fail(reason) }
    var warnings: [String] = []
    let untested = (0..<c).filter { inTrain[$0] > 0 && inValidation[$0] == 0 }
    let singletons = untested.filter { inTrain[$0] == 1 }
    if !singletons.isEmpty {
      warnings.append("\(path): \(singletons.count) class\(singletons.count == 1 ? " has" : "es have") a single sample (\(names(singletons, set))); kept in training, never validated")
    }
    let others = untested.filter { inTrain[$0] > 1 }
    if !others.isEmpty {
      warnings.append("\(path): \(others.count) training class\(others.count == 1 ? " has" : "es have") no validation sample (\(names(others, set))); accuracy does not test \(others.count == 1 ? "it" : "them")")
    }
    return warnings
  }

  /// A reason when every row is zero or every non-zero row has the same direction (cosine
  /// within 1e-9 of 1), over both splits; nil as soon as two directions differ.
  static func constantRows(_ set: EmbeddingSet) -> String? {
    var reference: [Double]? = nil
    var differs = false
    func scan(_ rows: FeatureRows) {
      rows.withRowTable { t in
        for i in 0..<t.rows where !differs {
          let r = t.row(i)
          let norm = r.reduce(0) { $0 + $1 * $1 }.squareRoot()
          guard norm > 0 else { continue }
          let unit = r.map { $0 / norm }
          if let ref = reference {
            let cosine = zip(ref, unit).reduce(0) { $0 + $1.0 * $1.1 }
            if cosine < 1 - 1e-9 { differs = true }
          } else {
            reference = unit
          }
        }
      }
    }
    scan(set.trainRows)
    if !differs { scan(set.validationRows) }
    if differs { return nil }
    return reference == nil ? "every row of X is zero; there is nothing to learn"
      : "every row of X points the same way (X is constant up to scale); the normalised probe sees one point"
  }

  /// The largest buffer any command makes for a set is a Float64 copy of its rows (8·N·d bytes;
  /// a sweep's Float32 copies and the statistics' Float64 copy of the training split are smaller
  /// together). Under an address-space limit that cannot hold it, the set is refused now with
  /// the numbers, rather than an allocation trapping later.
  static func checkMemory(_ set: EmbeddingSet, path: String) throws {
    guard let left = MemoryBudget.addressSpaceLeft else { return }
    let (rows, overflowRows) = (set.trainCount + set.validationCount).multipliedReportingOverflow(by: set.dimension)
    let (bytes, overflowBytes) = rows.multipliedReportingOverflow(by: 8)
    guard overflowRows || overflowBytes || bytes > left else { return }
    throw DataError.tooLarge(path: path, reason: "\(set.trainCount + set.validationCount) × \(set.dimension) rows need about \(MemoryBudget.describe(bytes)) of working memory (a Float64 copy), but this process may map only \(MemoryBudget.describe(left)) more (ulimit -v); raise the limit or use a subset of the rows")
  }

  private static func names(_ classes: [Int], _ set: EmbeddingSet) -> String {
    let shown = classes.prefix(5).map { "'\(set.classNames[$0])'" }.joined(separator: ", ")
    return classes.count > 5 ? shown + ", …" : shown
  }
}

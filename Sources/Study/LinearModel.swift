import Foundation
import LinearFit

/// A least-squares model of the target on standardised statistics: the model `select` fits and
/// `suggest` applies. Stored as JSON.
///
/// Standardisation as scikit-learn's StandardScaler: z = (s − mean)/scale with the ddof-0
/// standard deviation, scale 1 for a constant statistic. Fit as LinearRegression: centred target,
/// minimum-norm least squares (GSL truncated SVD), intercept = mean target.
public struct LinearModel: Codable, Sendable, Equatable {
  public var statistics: [String]
  public var means: [Double]
  public var scales: [Double]
  public var coefficients: [Double]
  public var intercept: Double
  public var target: RegressionTarget
  /// Predictions are clamped to this α range (the grid the optimum was searched on).
  public var alphaRange: [Double]
  /// Provenance: the zoo, the plugins file and the sets it was fitted on.
  public var zoo: String
  public var plugins: String
  public var fittedOn: [String]
  public var format: String = "tempctl-linear-model-1"

  /// Fits on `rows` with the statistics `ids` (all present in every row).
  public static func fit(_ rows: [StudyRow], ids: [String], target: RegressionTarget, alphaRange: [Double],
                         zoo: String = "", plugins: String = "") throws -> LinearModel {
    let n = rows.count, p = ids.count
    var means = [Double](repeating: 0, count: p), scales = [Double](repeating: 1, count: p)
    for (j, id) in ids.enumerated() {
      let v = rows.map { $0.statistics[id]! }
      let m = v.reduce(0, +) / Double(n)
      let sd = (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n)).squareRoot()
      means[j] = m
      scales[j] = sd > 0 ? sd : 1
    }
    let y = rows.map { target.forward($0.alphaStar) }
    let ym = y.reduce(0, +) / Double(n)
    var x = [Double](repeating: 0, count: n * p)
    for i in 0..<n { for (j, id) in ids.enumerated() { x[i * p + j] = (rows[i].statistics[id]! - means[j]) / scales[j] } }
    let beta = try LeastSquares.solve(x, rows: n, cols: p, y.map { $0 - ym }).beta
    return LinearModel(statistics: ids, means: means, scales: scales, coefficients: beta, intercept: ym, target: target,
                       alphaRange: alphaRange, zoo: zoo, plugins: plugins, fittedOn: rows.map(\.name))
  }

  /// The raw prediction on the target scale (no clamping).
  public func predictTarget(_ stats: [String: Double]) -> Double? {
    var v = intercept
    for (j, id) in statistics.enumerated() {
      guard let s = stats[id] else { return nil }
      v += coefficients[j] * (s - means[j]) / scales[j]
    }
    return v
  }

  /// The suggested α, clamped to `alphaRange`.
  public func predictAlpha(_ stats: [String: Double]) -> Double? {
    guard let t = predictTarget(stats) else { return nil }
    let a = target.inverse(t)
    guard a.isFinite else { return alphaRange.first }
    return Swift.min(Swift.max(a, alphaRange.first ?? 1), alphaRange.last ?? 250)
  }

  public func encoded() throws -> Data {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try e.encode(self)
  }

  public static func decode(_ data: Data, path: String) throws -> LinearModel {
    do { return try JSONDecoder().decode(LinearModel.self, from: data) } catch {
      throw StudyError.badModel(path: path, reason: "\(error)")
    }
  }

  /// The model fitted on the embedded example zoo, shipped with tempctl.
  public static func builtIn() throws -> LinearModel {
    guard let url = Bundle.module.url(forResource: "Resources/default-model", withExtension: "json")
            ?? Bundle.module.resourceURL?.appendingPathComponent("Resources/default-model.json"),
          let data = FileManager.default.contents(atPath: url.path) else {
      throw StudyError.badModel(path: "<built-in>", reason: "the default model is not bundled")
    }
    return try decode(data, path: "<built-in default model>")
  }
}

/// Study errors, one line each.
public enum StudyError: Error, CustomStringConvertible {
  case badModel(path: String, reason: String)
  case tooFewSets(needed: Int, got: Int)
  case noUsableStatistics

  public var description: String {
    switch self {
    case let .badModel(path, reason): return "\(path): not a tempctl model: \(reason)"
    case let .tooFewSets(needed, got): return "the study needs at least \(needed) embedding sets with an optimum, got \(got)"
    case .noUsableStatistics: return "no statistic is present (not missing) on every set; check `tempctl stats`"
    }
  }
}

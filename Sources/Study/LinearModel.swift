import Foundation
import Numerics

/// A least-squares model of the target on standardised statistics: the model `select` fits and
/// `suggest` applies. Stored as JSON.
///
/// Standardisation as scikit-learn's StandardScaler: z = (s − mean)/scale with the ddof-0
/// standard deviation, scale 1 for a constant statistic. Fit as Ridge(alpha: `penalty`) on the
/// centred target (`RidgeRegression`), or with penalty 0 as LinearRegression (minimum-norm least
/// squares, GSL truncated SVD); intercept = mean target.
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
  /// The ridge penalty λ it was fitted with (0 or absent: least squares).
  public var penalty: Double?
  /// For a model whose statistics cost more as the set grows (the landmark search,
  /// O(rows·d·C) per iteration): the largest work `min(n_train, 4000)·d·C` it is applied to.
  /// Above it, `fallback` is. Both nil for a model that applies to every set.
  public var maxWork: Double?
  public var fallback: FallbackModel?

  public init(statistics: [String], means: [Double], scales: [Double], coefficients: [Double], intercept: Double,
              target: RegressionTarget, alphaRange: [Double], zoo: String, plugins: String, fittedOn: [String],
              maxWork: Double? = nil, fallback: FallbackModel? = nil) {
    self.statistics = statistics; self.means = means; self.scales = scales; self.coefficients = coefficients
    self.intercept = intercept; self.target = target; self.alphaRange = alphaRange
    self.zoo = zoo; self.plugins = plugins; self.fittedOn = fittedOn; self.maxWork = maxWork; self.fallback = fallback
  }

  /// The work measure of `maxWork` for a set: its training rows (at most 4000, the landmark
  /// search's default `max_samples`) × d × C.
  public static func work(trainCount: Int, dimension: Int, classCount: Int) -> Double {
    Double(Swift.min(trainCount, 4000)) * Double(dimension) * Double(classCount)
  }

  /// This model, then its fallback, then the fallback's, …
  public var chain: [LinearModel] { [self] + (fallback?.model.chain ?? []) }

  /// The position in `chain` of the model `suggest` applies to a set of this size: the first whose
  /// `maxWork` the set does not exceed (a model without a limit applies to every set).
  public func chainIndex(trainCount: Int, dimension: Int, classCount: Int) -> Int {
    let work = Self.work(trainCount: trainCount, dimension: dimension, classCount: classCount)
    return chain.firstIndex { $0.maxWork.map { work <= $0 } ?? true } ?? chain.count - 1
  }

  /// The model `suggest` applies to a set of this size: this one, or its fallback above `maxWork`.
  public func applicable(trainCount: Int, dimension: Int, classCount: Int) -> LinearModel {
    chain[chainIndex(trainCount: trainCount, dimension: dimension, classCount: classCount)]
  }

  /// Fits on `rows` with the statistics `ids` (all present in every row), ridge with `penalty`
  /// λ > 0, least squares with 0.
  public static func fit(_ rows: [StudyRow], ids: [String], target: RegressionTarget, alphaRange: [Double], penalty: Double = 0,
                         zoo: String = "", plugins: String = "") throws -> LinearModel {
    let design = StatisticMatrix(rows, ids: ids, target: target).design(Array(rows.indices), columns: Array(ids.indices))
    let beta = try design.coefficients(penalty: penalty)
    var model = LinearModel(statistics: ids, means: design.means, scales: design.scales, coefficients: beta, intercept: design.targetMean, target: target,
                            alphaRange: alphaRange, zoo: zoo, plugins: plugins, fittedOn: rows.map(\.name))
    model.penalty = penalty > 0 ? penalty : nil
    return model
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

  /// The model as JSON. A model with a non-finite number (a fit on degenerate data) is refused
  /// here, with the statistic it concerns, rather than written or passed to the encoder.
  public func encoded() throws -> Data {
    let numbers = zip(statistics, zip(means, zip(scales, coefficients))).map { ($0, [$1.0, $1.1.0, $1.1.1]) }
    if let bad = numbers.first(where: { !$0.1.allSatisfy(\.isFinite) }) {
      throw StudyError.nonFiniteModel(reason: "statistic '\(bad.0)' has mean/scale/coefficient \(bad.1)")
    }
    guard intercept.isFinite, alphaRange.allSatisfy(\.isFinite) else {
      throw StudyError.nonFiniteModel(reason: "intercept \(intercept), α range \(alphaRange)")
    }
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try e.encode(self)
  }

  public static func decode(_ data: Data, path: String) throws -> LinearModel {
    let m: LinearModel
    do { m = try JSONDecoder().decode(LinearModel.self, from: data) } catch let e as DecodingError {
      throw StudyError.badModel(path: path, reason: Self.describe(e))
    } catch {
      throw StudyError.badModel(path: path, reason: "not JSON")
    }
    try validate(m, path: path)
    return m
  }

  /// The checks `decode` makes, on a model and its fallback.
  static func validate(_ m: LinearModel, path: String) throws {
    let p = m.statistics.count
    guard m.maxWork.map({ $0.isFinite && $0 > 0 }) ?? true, (m.maxWork == nil) == (m.fallback == nil) else {
      throw StudyError.badModel(path: path, reason: "maxWork and fallback go together, maxWork a positive number")
    }
    guard m.means.count == p, m.scales.count == p, m.coefficients.count == p, m.alphaRange.count == 2,
          (m.means + m.scales + m.coefficients + m.alphaRange + [m.intercept]).allSatisfy(\.isFinite),
          m.scales.allSatisfy({ $0 > 0 }), m.alphaRange[0] > 0, m.alphaRange[0] <= m.alphaRange[1] else {
      throw StudyError.badModel(path: path, reason: "inconsistent: means, scales and coefficients must have one finite number per statistic, scales > 0, and alphaRange two positive numbers in order")
    }
    if let f = m.fallback { try validate(f.model, path: path + " (fallback)") }
  }

  /// One line for a decoding error: what is wrong and at which key.
  static func describe(_ e: DecodingError) -> String {
    func at(_ path: [CodingKey]) -> String { path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined() }
    switch e {
    case let .keyNotFound(key, c): return "missing key '\(key.stringValue)' at \(at(c.codingPath))"
    case let .typeMismatch(_, c), let .valueNotFound(_, c): return "wrong type at \(at(c.codingPath))"
    case let .dataCorrupted(c): return c.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(at(c.codingPath))"
    @unknown default: return "not a tempctl model"
    }
  }

  /// The model shipped with tempctl (Resources/default-model.json, written by
  /// scripts/refit-default-model.sh): α = landmark_alpha, its fallback fitted on the larger zoo.
  public static func builtIn() throws -> LinearModel {
    guard let url = Bundle.module.url(forResource: "Resources/default-model", withExtension: "json")
            ?? Bundle.module.resourceURL?.appendingPathComponent("Resources/default-model.json"),
          let data = FileManager.default.contents(atPath: url.path) else {
      throw StudyError.badModel(path: "<built-in>", reason: "the default model is not bundled")
    }
    return try decode(data, path: "<built-in default model>")
  }
}

/// A `LinearModel` held by another as its fallback (a class: a struct cannot hold itself). Encoded
/// as the model itself.
public final class FallbackModel: Codable, Sendable, Equatable {
  public let model: LinearModel
  public init(_ model: LinearModel) { self.model = model }
  public init(from decoder: Decoder) throws { model = try LinearModel(from: decoder) }
  public func encode(to encoder: Encoder) throws { try model.encode(to: encoder) }
  public static func == (a: FallbackModel, b: FallbackModel) -> Bool { a.model == b.model }
}

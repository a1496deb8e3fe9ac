import Foundation
import Study
import Testing

/// A model with a fallback: applied up to its work limit, the fallback above; the limit and the
/// fallback go together; the shipped model is such a pair.
@Suite struct LinearModelFallbackTests {
  static func model(_ ids: [String], maxWork: Double? = nil, fallback: LinearModel? = nil) -> LinearModel {
    LinearModel(statistics: ids, means: ids.map { _ in 0 }, scales: ids.map { _ in 1 }, coefficients: ids.map { _ in 1 },
                intercept: 0, target: .alpha, alphaRange: [0.0625, 4096], zoo: "", plugins: "", fittedOn: [],
                maxWork: maxWork, fallback: fallback.map(FallbackModel.init))
  }

  @Test func theFallbackTakesOverAboveTheLimit() throws {
    let cheap = Self.model(["pca_80"]), costly = Self.model(["landmark_alpha"], maxWork: 1e6, fallback: cheap)
    #expect(costly.applicable(trainCount: 100, dimension: 100, classCount: 100) == costly)      // 1e6: at the limit
    #expect(costly.applicable(trainCount: 101, dimension: 100, classCount: 100) == cheap)
    #expect(costly.applicable(trainCount: 50_000, dimension: 10, classCount: 25) == costly)     // rows counted up to 4000
    // Round trip through JSON keeps the pair.
    let back = try LinearModel.decode(try costly.encoded(), path: "m.json")
    #expect(back == costly)
  }

  @Test func aLimitWithoutAFallbackIsRefused() throws {
    var m = Self.model(["landmark_alpha"])
    m.maxWork = 1e6
    #expect(throws: StudyError.self) { try LinearModel.decode(try m.encoded(), path: "m.json") }
  }

  @Test func theShippedModelIsTheLandmarkWithThePCAFallback() throws {
    let m = try LinearModel.builtIn()
    #expect(m.statistics == ["landmark_alpha"] && m.target == .alpha && m.coefficients == [1] && m.intercept == 0)
    #expect(m.predictAlpha(["landmark_alpha": 32]) == 32)
    let f = try #require(m.fallback?.model)
    #expect(f.statistics.allSatisfy { $0.hasPrefix("pca_") } && f.fallback == nil)
  }
}

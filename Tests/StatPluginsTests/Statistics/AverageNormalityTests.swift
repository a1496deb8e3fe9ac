import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct AverageNormalityTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-6", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(AverageNormality.self, set: set, tolerance: 1e-6)
  }

  @Test func missingBelowThreeSamples() throws {
    let s = Sets.make([[1], [2]], [0, 1])
    #expect(try Golden.compute(AverageNormality.self, on: s).number == nil)
  }
  @Test func subsamplesAboveMaxSamples() throws {
    let set = try Golden.load("gauss_f32")
    let v = try Golden.compute(AverageNormality.self, on: set, options: ["max_samples": .number(100)])
    #expect(v.note?.contains("subset of 100") == true)
    #expect(v.number! > 0.8 && v.number! <= 1)
  }
  @Test func rejectsOutOfRangeOption() {
    #expect(throws: StatisticError.self) { try AverageNormality(options: PluginOptions(["max_samples": .number(2)])) }
    #expect(throws: StatisticError.self) { try AverageNormality(options: PluginOptions(["max_samples": .string("all")])) }
  }
}

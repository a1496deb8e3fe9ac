import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct TrainMeanTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(TrainMean.self, set: set, tolerance: 1e-9)
  }

  @Test func ignoresValidation() throws {
    let s = Sets.make([[1, 2], [3, 4]], [0, 1], validation: [[100, 100]], validationLabels: [0])
    #expect(try Golden.compute(TrainMean.self, on: s) == .value(2.5))
  }
}

import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct FeatureCorrelationTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(FeatureCorrelation.self, set: set, tolerance: 1e-9)
  }

  @Test func constantColumnCountsZero() throws {
    // column 1 constant; columns 0 and 2 perfectly correlated → R01 = R12 = 0, R02 = 1 → 2/9
    let s = Sets.make([[1, 5, 2], [2, 5, 4], [3, 5, 6]], [0, 1, 1])
    #expect(abs(try Golden.compute(FeatureCorrelation.self, on: s).number! - 2.0 / 9) < 1e-12)
  }
  @Test func missingWithOneSample() throws {
    let s = Sets.make([[1, 2]], [0], validation: [[1, 1]], validationLabels: [1])
    #expect(try Golden.compute(FeatureCorrelation.self, on: s).number == nil)
  }
}

import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct MeanTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(Mean.self, set: set, tolerance: 1e-9)
  }

  @Test func countsBothSplits() throws {
    let s = Sets.make([[1, 2], [3, 4]], [0, 1], validation: [[10, 10]], validationLabels: [0])
    #expect(try Golden.compute(Mean.self, on: s) == .value(30.0 / 6))
  }
}

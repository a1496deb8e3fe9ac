import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct CalinskiHarabaszTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(CalinskiHarabasz.self, set: set, tolerance: 1e-9)
  }

  @Test func zeroWithinDispersionIsOne() throws {
    let s = Sets.make([[0], [0], [5], [5]], [0, 0, 1, 1])
    #expect(try Golden.compute(CalinskiHarabasz.self, on: s).number == 1)
  }
}

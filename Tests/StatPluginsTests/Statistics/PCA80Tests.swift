import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct PCA80Tests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 0", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(PCA80.self, set: set, tolerance: 0)
  }

  @Test func constantDataIsMissing() throws {
    let s = Sets.make([[1, 1], [1, 1], [1, 1]], [0, 1, 1])
    #expect(try Golden.compute(PCA80.self, on: s).number == nil)
  }
}

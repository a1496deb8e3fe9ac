import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct SampleCountTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 0", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(SampleCount.self, set: set, tolerance: 0)
  }

}

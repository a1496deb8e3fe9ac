import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct AverageSamplesPerClassTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-12", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(AverageSamplesPerClass.self, set: set, tolerance: 1e-12)
  }

}

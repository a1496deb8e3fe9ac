import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct TrainStdTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(TrainStd.self, set: set, tolerance: 1e-9)
  }

}

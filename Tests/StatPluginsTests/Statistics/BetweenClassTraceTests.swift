import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct BetweenClassTraceTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(BetweenClassTrace.self, set: set, tolerance: 1e-9)
  }

  @Test func handComputed() throws {
    // μ = 7/3; μ0 = 1, μ1 = 5 → ((1 − 7/3)² + (5 − 7/3)²)/2
    let s = Sets.make([[0], [2], [5]], [0, 0, 1])
    let expected: Double = (pow(1.0 - 7.0 / 3.0, 2.0) + pow(5.0 - 7.0 / 3.0, 2.0)) / 2.0
    #expect(abs(try Golden.compute(BetweenClassTrace.self, on: s).number! - expected) < 1e-12)
  }
}

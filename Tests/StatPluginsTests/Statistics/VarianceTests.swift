import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct VarianceTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(Variance.self, set: set, tolerance: 1e-9)
  }

  @Test func isZeroForConstantData() throws {
    let s = Sets.make([[2, 2], [2, 2], [2, 2]], [0, 1, 1])
    #expect(try Golden.compute(Variance.self, on: s) == .value(0))
  }
}

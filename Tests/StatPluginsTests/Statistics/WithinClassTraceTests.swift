import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct WithinClassTraceTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(WithinClassTrace.self, set: set, tolerance: 1e-9)
  }

  @Test func singleSampleClassContributesZero() throws {
    // class 0: {0, 2} → tr Cov = 1; class 1: one sample → 0; mean over 2 classes = 0.5
    let s = Sets.make([[0], [2], [5]], [0, 0, 1])
    #expect(try Golden.compute(WithinClassTrace.self, on: s) == .value(0.5))
  }
}

import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct FeatureCosineSimilarityTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(FeatureCosineSimilarity.self, set: set, tolerance: 1e-9)
  }

  @Test func zeroColumnCountsZeroAndDimensionOneIsMissing() throws {
    // columns: a=(1,0), b=(1,0), zero=(0,0): pairs (a,b)=1, (a,0)=0, (b,0)=0 → 1/3
    let s = Sets.make([[1, 1, 0], [0, 0, 0]], [0, 1])
    #expect(abs(try Golden.compute(FeatureCosineSimilarity.self, on: s).number! - 1.0 / 3) < 1e-12)
    let one = Sets.make([[1], [2]], [0, 1])
    #expect(try Golden.compute(FeatureCosineSimilarity.self, on: one).number == nil)
  }
}

import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct SilhouetteTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-6", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(Silhouette.self, set: set, tolerance: 1e-6)
  }

  @Test func singletonClassScoresZeroAndOneClassIsMissing() throws {
    // class 1 is a singleton: s = 0 for it. class 0: a = 1, b = mean(4, 3) … computed by hand.
    let s = Sets.make([[0], [1], [4]], [0, 0, 1])
    // s(0): a = 1, b = 4 → 0.75; s(1): a = 1, b = 3 → 2/3; s(2) = 0
    #expect(abs(try Golden.compute(Silhouette.self, on: s).number! - (0.75 + 2.0 / 3) / 3) < 1e-12)
    let one = Sets.make([[0], [1], [4]], [0, 0, 0], validation: [[1]], validationLabels: [1])
    #expect(try Golden.compute(Silhouette.self, on: one).number == nil)
  }
  @Test func blockedKernelMatchesAcrossBlockBoundaries() throws {
    // More rows than one 256-row block, so off-diagonal blocks and their transposes are used.
    var rng = SeededGenerator(seed: 3)
    let rows = (0..<700).map { _ in (0..<5).map { _ in rng.normal() } }
    let labels = (0..<700).map { $0 % 7 }
    let s = Sets.make(rows, labels)
    let fast = try Golden.compute(Silhouette.self, on: s).number!
    #expect(abs(fast - NaiveSilhouette.mean(rows, labels)) < 1e-12)
  }
  @Test func stratifiedSubsetAboveMaxSamples() throws {
    let v = try Golden.compute(Silhouette.self, on: "gauss_f32", options: ["max_samples": .number(120)])
    #expect(v.note?.contains("subset of 120") == true)
  }
}

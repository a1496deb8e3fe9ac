import Foundation
import Numerics
import StatPlugins
import Testing

@Suite struct AdaCosScaleTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (the formula in numpy; two_classes is missing).
  @Test("matches the reference within 1e-9", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(AdaCosScale.self, set: set, tolerance: 1e-9)
  }

  /// Three classes on the axes of the plane and one row per class exactly on its mean: every
  /// own angle is 0 and every other cosine is that of 120°, by hand.
  @Test func threeSymmetricClassesByHand() throws {
    let r3 = 3.0.squareRoot() / 2
    let rows = [[1.0, 0], [-0.5, r3], [-0.5, -r3]]
    let s = Sets.make(rows + rows, [0, 1, 2, 0, 1, 2])
    let s0 = 2.0.squareRoot() * log(2.0)
    let expected = log(2 * exp(-0.5 * s0)) / cos(0.0)
    #expect(abs(try Golden.compute(AdaCosScale.self, on: s).number! - expected) < 1e-12)
  }

  @Test func twoClassesAreMissing() throws {
    let s = Sets.make([[1, 0], [0, 1], [1, 0.1], [0.1, 1]], [0, 1, 0, 1])
    #expect(try Golden.compute(AdaCosScale.self, on: s).number == nil)
  }

  @Test func stratifiedSubsetAboveMaxSamples() throws {
    let v = try Golden.compute(AdaCosScale.self, on: "gauss_f32", options: ["max_samples": .number(120)])
    #expect(v.note?.contains("subset of 120") == true && v.number != nil)
  }
}

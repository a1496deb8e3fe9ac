import StatPlugins
import Foundation
import Numerics
import Testing

@Suite struct AverageKurtosisTests {
  /// Reference: scripts/reference/make_stat_fixtures.py (see Fixtures/statistics.json for versions).
  @Test("matches the reference within 1e-6", arguments: Golden.fixtureNames)
  func matchesReference(set: String) throws {
    try Golden.expectMatches(AverageKurtosis.self, set: set, tolerance: 1e-6)
  }

  @Test func skipsConstantColumnsAndSaysSo() throws {
    let v = try Golden.compute(AverageKurtosis.self, on: "constant_cols")
    #expect(v.note == "2 constant columns skipped")
    let allConstant = Sets.make([[1, 0], [1, 0], [1, 0]], [0, 1, 1])
    #expect(try Golden.compute(AverageKurtosis.self, on: allConstant).number == nil)
  }
  @Test func handComputed() throws {
    // x = (0, 0, 0, 1): m2 = 3/16, m4 = (3·(1/4)^4 + (3/4)^4)/4 = 21/256·… → scipy gives -2/3 + … ; check formula directly
    let x: [Double] = [0, 0, 0, 1]
    let mean = 0.25
    let m2 = x.map { pow($0 - mean, 2) }.reduce(0, +) / 4, m4 = x.map { pow($0 - mean, 4) }.reduce(0, +) / 4
    let s = Sets.make(x.map { [$0] }, [0, 0, 1, 1])
    #expect(abs(try Golden.compute(AverageKurtosis.self, on: s).number! - (m4 / (m2 * m2) - 3)) < 1e-12)
  }
}

import Foundation
import Numerics
import Testing

/// Shapiro–Wilk W against `scipy.stats.shapiro` (values in Fixtures/shapiro.json, written by
/// scripts/reference/make_stat_fixtures.py) at n = 3, 4, 5, 11, 12, 50, 1000, 5000.
@Suite struct ShapiroWilkTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let n: Int, distribution: String, x: [Double], w: Double, p: Double
    var testDescription: String { "n=\(n) \(distribution)" }
  }

  static let cases: [Case] = {
    let data = try! Data(contentsOf: Golden.url("shapiro.json"))
    let doc = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    return (doc["cases"] as! [[String: Any]]).map {
      Case(n: $0["n"] as! Int, distribution: $0["distribution"] as! String,
           x: ($0["x"] as! [NSNumber]).map(\.doubleValue), w: ($0["w"] as! NSNumber).doubleValue,
           p: ($0["p"] as! NSNumber).doubleValue)
    }
  }()

  @Test("W matches scipy within 1e-6", arguments: cases)
  func matchesScipy(_ c: Case) {
    let w = ShapiroWilk(n: c.n).statistic(c.x)
    #expect(w != nil)
    #expect(abs(w! - c.w) <= 1e-6, "n=\(c.n): \(w!) vs scipy \(c.w)")
  }

  /// p-values: Royston's transformation with GSL's normal tail, against scipy's (which uses AS 66).
  @Test("p-value matches scipy within 1e-6", arguments: cases)
  func pValueMatchesScipy(_ c: Case) {
    let sw = ShapiroWilk(n: c.n)
    let p = sw.pValue(sw.statistic(c.x)!)
    #expect(abs(p - c.p) <= 1e-6, "n=\(c.n): p \(p) vs scipy \(c.p)")
  }

  @Test func coversTheRequiredSizes() {
    #expect(Set(Self.cases.map(\.n)) == [3, 4, 5, 11, 12, 50, 1000, 5000])
  }

  @Test func zeroRangeHasNoW() {
    #expect(ShapiroWilk(n: 4).statistic([2, 2, 2, 2]) == nil)
  }

  @Test func invariantToShiftAndScale() {
    let x: [Double] = [0.3, 1.9, -0.4, 2.2, 0.8, 1.1, -1.5]
    let sw = ShapiroWilk(n: x.count)
    #expect(abs(sw.statistic(x)! - sw.statistic(x.map { 3 * $0 + 100 })!) < 1e-12)
  }
}

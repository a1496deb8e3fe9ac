import Foundation
import Study
import Testing

@Suite struct HeuristicTests {
  func alpha(_ h: any TemperatureHeuristic.Type, d: Int = 256, c: Int = 10) -> HeuristicAlpha {
    h.init().alpha(for: HeuristicInput(name: "x", dimension: d, classCount: c))
  }

  @Test func publishedFormulas() {
    #expect(alpha(ConstantOne.self).alpha == 1)
    #expect(alpha(SqrtDim.self, d: 256).alpha == 16)
    #expect(abs(alpha(AdaCos.self, c: 11).alpha! - 2.0.squareRoot() * log(10)) < 1e-12)
    #expect(abs(alpha(L2Softmax.self, c: 12).alpha! - log(0.9 * 10 / 0.1)) < 1e-12)
    #expect(abs(alpha(SimplexBound.self, c: 10).alpha! - 0.9 * log(9 / (exp(1e-3) - 1))) < 1e-12)
    #expect(abs(alpha(ClipInit.self).alpha! - 1 / 0.07) < 1e-12)
    #expect(alpha(Scale30.self).alpha == 30 && alpha(Scale64.self).alpha == 64)
  }

  @Test func degenerateClassCountsFallBackAndSaySo() {
    for h in [AdaCos.self, L2Softmax.self] as [any TemperatureHeuristic.Type] {
      let a = alpha(h, c: 2)
      #expect(a.alpha == 1 && a.note?.contains("fell back") == true)
    }
  }

  @Test func idsAreUnique() {
    let ids = BuiltInHeuristics.all.map { $0.id }
    #expect(Set(ids).count == ids.count && !ids.isEmpty)
  }

  @Test func summaryCountsWinsAndRegrets() {
    let o = [HeuristicOutcome(set: "a", heuristic: "h1", alpha: 10, accuracy: 0.9, regret: 0, note: nil),
             HeuristicOutcome(set: "a", heuristic: "h2", alpha: 20, accuracy: 0.8, regret: 10, note: nil),
             HeuristicOutcome(set: "b", heuristic: "h1", alpha: 30, accuracy: 0.5, regret: 3, note: nil),
             HeuristicOutcome(set: "b", heuristic: "h2", alpha: 40, accuracy: 0.5, regret: 3, note: nil)]
    let s = HeuristicComparison.summarise(o, alphaStar: ["a": 10, "b": 40], order: ["h1", "h2"])
    #expect(s[0].wins == 2 && s[1].wins == 1)
    #expect(s[0].medianRegret == 1.5 && s[1].worstRegret == 10)
    #expect(s[0].meanAbsoluteError == 5 && s[1].meanAbsoluteError == 5)
  }
}

import Foundation
import Study
import Testing

@Suite struct HeuristicTests {
  func alpha(_ h: any TemperatureHeuristic.Type, d: Int = 256, c: Int = 10) -> HeuristicAlpha {
    h.init().alpha(for: HeuristicInput(name: "x", dimension: d, classCount: c))
  }

  /// Every published heuristic against the papers' formulas evaluated by a reference script
  /// (scripts/reference/make_heuristic_fixtures.py; the simplex bound solved by bisection there).
  @Test func publishedFormulasMatchTheReferenceScript() throws {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/heuristics_reference.json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    let cases = json["cases"] as! [[String: Any]]
    #expect(cases.count == 25)
    let published: [any TemperatureHeuristic.Type] = [ConstantOne.self, SqrtDim.self, AdaCos.self, L2Softmax.self, SimplexBound.self,
                                                       ClipInit.self, Scale30.self, Scale64.self]
    for c in cases {
      let d = c["dimension"] as! Int, classes = c["classes"] as! Int
      for h in published {
        let expected = try #require(c[h.id] as? Double, "no reference value for \(h.id)")
        let got = try #require(alpha(h, d: d, c: classes).alpha)
        #expect(abs(got - expected) <= 1e-12 * max(1, abs(expected)), "\(h.id) at d = \(d), C = \(classes): \(got) vs \(expected)")
      }
    }
  }

  @Test func degenerateClassCountsFallBackAndSaySo() {
    for h in [AdaCos.self, L2Softmax.self] as [any TemperatureHeuristic.Type] {
      let a = alpha(h, c: 2)
      #expect(a.alpha == 1 && a.note?.contains("fell back") == true)
    }
  }

  @Test func theBuiltInsFormAValidRegistry() throws {
    let registry = try HeuristicRegistry(BuiltInHeuristics.all)
    #expect(registry.ids.count == BuiltInHeuristics.all.count && !registry.ids.isEmpty)
    #expect(registry.needsLearnedTemperature)
    #expect(Set(registry.fittedModels) == [.best(1), .bestK, .all, .sqrtDimension])
  }

  /// α* exactly 2·√d + 1: every out-of-fold fit recovers the line, whatever group it leaves out;
  /// predictions are clamped to the range.
  @Test func theSqrtDimensionRefitRecoversALine() {
    let rows = (0..<9).map { i -> StudyRow in
      let d = 16 * (i + 1)
      return StudyRow(name: "s\(i)", group: "g\(i % 3)", dimension: d, classCount: 5, statistics: [:],
                      alphaStar: 2 * Double(d).squareRoot() + 1, accuracyAtOptimum: 0.9, curve: [(1, 0.5)])
    }
    let p = LeaveOneGroupOut(rows: rows, ids: [], target: .alpha, alphaRange: [1, 4096]).sqrtDimensionPredictions()
    for r in rows { #expect(abs(p[r.name]! - r.alphaStar) < 1e-9 * r.alphaStar) }
    let clamped = LeaveOneGroupOut(rows: rows, ids: [], target: .alpha, alphaRange: [1, 20]).sqrtDimensionPredictions()
    #expect(clamped.values.max() == 20)
  }

  /// The two heuristics that read a statistic propose its value, and name it when it is missing.
  @Test func statisticHeuristicsProposeTheStatistic() {
    let input = HeuristicInput(name: "x", dimension: 8, classCount: 3, statistics: ["landmark_alpha": 32, "adacos_scale": 11.5])
    #expect(Landmark().alpha(for: input).alpha == 32)
    #expect(AdaCosDynamic().alpha(for: input).alpha == 11.5)
    let lacking = HeuristicInput(name: "x", dimension: 8, classCount: 3)
    #expect(lacking.missing(for: Landmark.self) != nil)
  }

  @Test func aLackingInputIsNamedNotGuessed() {
    let input = HeuristicInput(name: "x", dimension: 8, classCount: 3, statistics: ["pca_90": .nan])
    #expect(input.missing(for: LearnedAlpha.self) == "missing input: a learned-temperature run")
    #expect(input.missing(for: FittedBestK.self) == "missing input: the fitted regression (best k)")
    #expect(input.missing(for: ConstantOne.self) == nil)
  }

  @Test func summaryCountsWinsAndRegrets() throws {
    let o = [HeuristicOutcome(set: "a", heuristic: "h1", alpha: 10, accuracy: 0.9, regret: 0, note: nil),
             HeuristicOutcome(set: "a", heuristic: "h2", alpha: 20, accuracy: 0.8, regret: 10, note: nil),
             HeuristicOutcome(set: "b", heuristic: "h1", alpha: 30, accuracy: 0.5, regret: 3, note: nil),
             HeuristicOutcome(set: "b", heuristic: "h2", alpha: 40, accuracy: 0.5, regret: 3, note: nil)]
    let s = try HeuristicComparison.summarise(o, alphaStar: ["a": 10, "b": 40], order: ["h1", "h2"])
    #expect(s[0].wins == 2 && s[1].wins == 1)
    #expect(s[0].medianRegret == 1.5 && s[1].worstRegret == 10)
    #expect(s[0].meanAbsoluteError == 5 && s[1].meanAbsoluteError == 5)
  }
}

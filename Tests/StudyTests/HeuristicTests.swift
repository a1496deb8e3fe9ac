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
  @Test func statisticHeuristicsProposeTheStatistic() throws {
    let input = HeuristicInput(name: "x", dimension: 8, classCount: 3, statistics: ["landmark_alpha": 32, "adacos_scale": 11.5])
    #expect(Landmark().alpha(for: input).alpha == 32)
    // `suggest` is the shipped model: the landmark on a small set, the fallback (and a note) on a large one.
    let shipped = try #require(ShippedModel.model)
    let small = HeuristicInput(name: "s", dimension: 8, classCount: 3, trainCount: 100, statistics: ["landmark_alpha": 32])
    #expect(ShippedModel().alpha(for: small) == HeuristicAlpha(32))
    let fallback = shipped.chain[1]
    let stats = Dictionary(uniqueKeysWithValues: zip(fallback.statistics, fallback.means))
    let large = HeuristicInput(name: "l", dimension: 1024, classCount: 1000, trainCount: 1_000_000, statistics: stats.merging(["landmark_alpha": 32]) { a, _ in a })
    #expect(ShippedModel().alpha(for: large) == HeuristicAlpha(fallback.predictAlpha(stats), note: "fallback model"))
    #expect(ShippedModel().alpha(for: large).alpha != 32)
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
    let s = try HeuristicComparison.summarise(o, alphaStar: ["a": 10, "b": 40], groups: ["a": "g1", "b": "g2"], order: ["h1", "h2"])
    #expect(s[0].wins == 2 && s[1].wins == 1)
    #expect(s[0].medianRegret == 1.5 && s[1].worstRegret == 10)
    #expect(s[0].meanAbsoluteError == 5 && s[1].meanAbsoluteError == 5)
    #expect(s.allSatisfy { $0.versusReference == nil }, "no landmark among them: nothing to test against")
    // Two groups: the bootstrap medians lie between the smallest and largest regret.
    #expect(s[1].medianRegretInterval.low >= 3 && s[1].medianRegretInterval.high <= 10)
  }

  /// The exact sign-flip test over groups, by hand: group differences 1, 2, 3 (T = 2); of the 8
  /// sign assignments only +++ and −−− reach |mean| ≥ 2, so p = 2/8.
  /// Beyond 20 groups the test draws sign assignments: with every group's difference positive and
  /// alike, almost no assignment reaches the observed mean; with differences of both signs
  /// cancelling, almost every one does. Below the limit the same data give the exact p.
  @Test func signFlipTestSamplesBeyondTwentyGroups() {
    let groups = (0..<24).map { "g\($0)" }
    let one = GroupResampling.signFlipTest(groups.map { _ in 2 }, groups.map { _ in 1 }, groups: groups)
    #expect(one.meanDifference == 1 && one.p < 1e-4)
    let mixed = GroupResampling.signFlipTest(groups.indices.map { $0 % 2 == 0 ? 2 : 0 }, groups.map { _ in 1 }, groups: groups)
    #expect(mixed.meanDifference == 0 && mixed.p == 1)
    // 21 groups, integer differences of both signs: the sampled p against the exact share of the 2^21
    // assignments, counted here by the distribution of Σ s_g·d_g (its standard error at 200 000 draws
    // is below 0.0012).
    let d = (0..<21).map { i in i % 3 == 0 ? -3 : 1 + i % 4 }
    let sampled = GroupResampling.signFlipTest(d.map(Double.init), d.map { _ in 0 }, groups: (0..<21).map { "g\($0)" })
    var ways: [Int: Int] = [0: 1]                     // sum → number of sign assignments
    for x in d { var next: [Int: Int] = [:]; for (s, n) in ways { next[s + x, default: 0] += n; next[s - x, default: 0] += n }; ways = next }
    let observed = abs(d.reduce(0, +))
    let exact = Double(ways.filter { abs($0.key) >= observed }.map(\.value).reduce(0, +)) / Double(1 << 21)
    #expect(exact > 0.01 && exact < 0.9 && abs(sampled.p - exact) < 0.005, "sampled \(sampled.p), exact \(exact)")
  }

  @Test func signFlipTestByHand() {
    let (t, p) = GroupResampling.signFlipTest([1, 2, 2, 3, 5], [0, 0, 0, 0, 2], groups: ["x", "y", "y", "z", "z"])
    // x: 1; y: mean(2, 2) = 2; z: mean(3, 3) = 3.
    #expect(t == 2 && p == 0.25)
    #expect(GroupResampling.signFlipTest([1, 1], [1, 1], groups: ["x", "y"]).p == 1)
  }

  /// The group bootstrap of a median: one group holding every value gives that median on every
  /// resample; identical groups give the common median; the interval always holds the values' range.
  @Test func groupBootstrapIntervals() {
    let one = GroupResampling.medianInterval([1, 2, 3, 10], groups: ["g", "g", "g", "g"])
    #expect(one.low == 2.5 && one.high == 2.5)
    let same = GroupResampling.medianInterval([1, 5, 1, 5], groups: ["a", "a", "b", "b"])
    #expect(same.low == 3 && same.high == 3)
    let spread = GroupResampling.medianInterval([0, 0, 1, 1, 9, 9], groups: ["a", "a", "b", "b", "c", "c"])
    #expect(spread.low == 0 && spread.high == 9 && spread.low < spread.high)
  }

  /// Against the landmark: a heuristic worse on every group by 2 points has Δ = +2.
  @Test func summariesTestAgainstTheLandmark() throws {
    var o: [HeuristicOutcome] = []
    for (i, g) in ["a", "b", "c"].enumerated() {
      o.append(HeuristicOutcome(set: g, heuristic: Landmark.id, alpha: 10, accuracy: 0.9, regret: Double(i), note: nil))
      o.append(HeuristicOutcome(set: g, heuristic: "h", alpha: 20, accuracy: 0.8, regret: Double(i) + 2, note: nil))
    }
    let s = try HeuristicComparison.summarise(o, alphaStar: ["a": 10, "b": 10, "c": 10], groups: ["a": "a", "b": "b", "c": "c"],
                                              order: [Landmark.id, "h"])
    #expect(s[0].versusReference == nil)
    let v = try #require(s[1].versusReference)
    #expect(v.meanDifference == 2 && v.p == 0.25)
  }
}

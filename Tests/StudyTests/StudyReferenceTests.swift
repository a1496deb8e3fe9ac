import Foundation
import Numerics
@testable import Study
import Testing

/// The study's numbers against scipy.stats.pearsonr and scikit-learn's LeaveOneGroupOut +
/// StandardScaler + LinearRegression, and + Ridge with its penalty chosen by nested
/// LeaveOneGroupOut (Fixtures/study_reference.json, scripts/reference/make_study_fixtures.py), to 1e-9.
@Suite struct StudyReferenceTests {
  static let doc: [String: Any] = {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/study_reference.json")
    return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  }()
  static let ids = doc["ids"] as! [String]
  static let rows: [StudyRow] = (doc["rows"] as! [[String: Any]]).map { r in
    StudyRow(name: r["name"] as! String, group: r["group"] as! String, dimension: 1, classCount: 2,
             statistics: (r["statistics"] as! [String: NSNumber]).mapValues(\.doubleValue),
             alphaStar: (r["alpha_star"] as! NSNumber).doubleValue, accuracyAtOptimum: 1, curve: [(1, 1)])
  }

  static func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

  @Test(arguments: RegressionTarget.allCases)
  func correlationsMatchScipy(target: RegressionTarget) throws {
    let ref = (Self.doc["correlations"] as! [String: Any])[target.rawValue] as! [String: [String: NSNumber]]
    let ranked = try StatisticRanking.rank(Self.rows, ids: Self.ids, target: target)
    #expect(ranked.count == Self.ids.count)
    for s in ranked {
      let r = ref[s.id]!["r"]!.doubleValue, p = ref[s.id]!["p"]!.doubleValue
      #expect(Self.close(s.correlation.r, r), "\(s.id) r: \(s.correlation.r) vs \(r)")
      #expect(abs(s.correlation.pValue - p) <= 1e-9 * max(p, 1e-300) || abs(s.correlation.pValue - p) < 1e-15, "\(s.id) p: \(s.correlation.pValue) vs \(p)")
    }
    let rs = ranked.map { abs($0.correlation.r) }
    #expect(rs == rs.sorted(by: >))
  }

  @Test(arguments: [(RegressionTarget.alpha, 1), (.alpha, 3), (.alpha, 0), (.logAlpha, 1), (.logAlpha, 3), (.logAlpha, 0)])
  func leaveOneGroupOutMatchesScikitLearn(target: RegressionTarget, k: Int) throws {
    let key = "\(target.rawValue)/\(k == 0 ? "all" : String(k))"
    let ref = ((Self.doc["predictions"] as! [String: Any])[key] as! [NSNumber]).map(\.doubleValue)
    // Unclamped range so that the raw regression output is compared.
    let logo = LeaveOneGroupOut(rows: Self.rows, ids: Self.ids, target: target, alphaRange: [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude],
                                penalties: [0])
    let pred = try logo.predictions(k: k == 0 ? nil : k).alpha
    for (i, r) in Self.rows.enumerated() {
      let ours = target.forward(pred[r.name]!)
      #expect(Self.close(ours, ref[i]), "\(key) \(r.name): \(ours) vs \(ref[i])")
    }
  }

  @Test(arguments: [(RegressionTarget.alpha, 1), (.alpha, 3), (.alpha, 0), (.logAlpha, 1), (.logAlpha, 3), (.logAlpha, 0)])
  func nestedRidgeMatchesScikitLearn(target: RegressionTarget, k: Int) throws {
    let key = "\(target.rawValue)/\(k == 0 ? "all" : String(k))"
    let ref = ((Self.doc["ridge_predictions"] as! [String: Any])[key] as! [NSNumber]).map(\.doubleValue)
    let penalties = ((Self.doc["ridge_penalties"] as! [String: Any])[key] as! [String: NSNumber]).mapValues(\.doubleValue)
    let logo = LeaveOneGroupOut(rows: Self.rows, ids: Self.ids, target: target, alphaRange: [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude])
    let folds = try logo.predictions(k: k == 0 ? nil : k)
    for (g, lambda) in penalties { #expect(Self.close(folds.penalty[g]!, lambda, 1e-12), "\(key) fold \(g): λ \(folds.penalty[g]!) vs \(lambda)") }
    for (i, r) in Self.rows.enumerated() {
      let ours = target.forward(folds.alpha[r.name]!)
      #expect(Self.close(ours, ref[i]), "\(key) \(r.name): \(ours) vs \(ref[i])")
    }
    // The penalties differ between folds in this fixture, so the nested choice is exercised.
    #expect(Set(penalties.values).count > 1 || k == 1)
  }

  @Test func heldOutTargetsDoNotLeakIntoTheirOwnPredictions() throws {
    let logo = LeaveOneGroupOut(rows: Self.rows, ids: Self.ids, target: .logAlpha, alphaRange: [1, 250])
    let before = try logo.predictions(k: 3).alpha
    for g in logo.groups {
      var changed = Self.rows
      for i in changed.indices where changed[i].group == g { changed[i].alphaStar = Double(7 + i * 13 % 200) }
      let after = try LeaveOneGroupOut(rows: changed, ids: Self.ids, target: .logAlpha, alphaRange: [1, 250]).predictions(k: 3).alpha
      for r in Self.rows where r.group == g { #expect(after[r.name] == before[r.name], "\(r.name) moved when its own α* changed") }
      // …while other groups' predictions do depend on it (the test can fail).
      #expect(Self.rows.contains { $0.group != g && after[$0.name] != before[$0.name] })
    }
  }

  @Test func tableRowsHaveTheDocumentedShape() throws {
    let logo = LeaveOneGroupOut(rows: Self.rows, ids: Self.ids, target: .alpha, alphaRange: [1, 250])
    let t = try logo.table(k: 3, accuracy: { $0.accuracy(nearest: $1) }, permutations: 19)
    #expect(t.map(\.label) == ["best single statistic", "3 best", "all statistics"])
    #expect(t[0].selectionCounts.reduce(0) { $0 + $1.folds } == 5)
    #expect(t[1].selectionCounts.reduce(0) { $0 + $1.folds } == 15)
    #expect(t.allSatisfy { $0.foldsUsed == 5 && $0.medianCorrelation.isFinite && $0.axis == .dataset && $0.penalties.count == 5 })
    for row in t {
      for (value, interval) in [(row.medianCorrelation, row.medianCorrelationInterval), (row.pooledCorrelation, row.pooledCorrelationInterval),
                                (row.medianRegret, row.medianRegretInterval)] {
        #expect(interval.low <= interval.high && interval.low <= value + 1e-12 && value <= interval.high + 1e-12,
                "\(row.label): \(value) outside its interval \(interval)")
      }
      #expect(row.permutationP.map { $0 >= 1.0 / 20 && $0 <= 1 } == true)
      #expect(row.regrets.count == Self.rows.count)
    }
    #expect(t[2].selectionStability == 1)   // every fold uses every statistic
  }

  /// The fixture's α* is a function of s0 and s1, so the pipeline predicts far better than with
  /// α* shuffled (p at its floor 1/(P + 1)); with α* unrelated to every statistic it does not.
  @Test func thePermutationTestSeparatesSignalFromNoise() throws {
    let logo = LeaveOneGroupOut(rows: Self.rows, ids: Self.ids, target: .logAlpha, alphaRange: [1, 250])
    let signal = try logo.evaluate(logo.predictions(k: 3), k: 3, label: "3 best", accuracy: { _, _ in 1 }, permutations: 99)
    #expect(signal.pooledPermutationP == 0.01)
    var rng = SeededGenerator(seed: 7)
    let noise = Self.rows.map { r -> StudyRow in var r = r; r.alphaStar = Double(1 + rng.next() % 250); return r }
    let null = LeaveOneGroupOut(rows: noise, ids: Self.ids, target: .logAlpha, alphaRange: [1, 250])
    let unrelated = try null.evaluate(null.predictions(k: 3), k: 3, label: "3 best", accuracy: { _, _ in 1 }, permutations: 99)
    #expect(unrelated.pooledPermutationP! > 0.05 && unrelated.permutationP! > 0.05)
  }

  /// Leave-one-extractor-family-out holds out families: a set's prediction does not move when the
  /// α* of its own family's sets change, and does when another family's do.
  @Test func theFamilyAxisHoldsOutFamilies() throws {
    let rows = Self.rows.enumerated().map { i, r -> StudyRow in var r = r; r.family = "f\(i % 4)"; return r }
    let logo = LeaveOneGroupOut(rows: rows, ids: Self.ids, target: .logAlpha, alphaRange: [1, 250], axis: .family)
    #expect(logo.groups == ["f0", "f1", "f2", "f3"])
    let before = try logo.predictions(k: 2).alpha
    for f in logo.groups {
      var changed = rows
      for i in changed.indices where changed[i].family == f { changed[i].alphaStar *= 3 }
      let after = try LeaveOneGroupOut(rows: changed, ids: Self.ids, target: .logAlpha, alphaRange: [1, 250], axis: .family).predictions(k: 2).alpha
      for r in rows where r.family == f { #expect(after[r.name] == before[r.name], "\(r.name) moved when its own family's α* changed") }
      #expect(rows.contains { $0.family != f && after[$0.name] != before[$0.name] })
    }
  }

  @Test func selectionStabilityIsTheMeanPairwiseJaccardIndex() {
    #expect(LeaveOneGroupOut.meanJaccard([["a", "b"], ["a", "b"]]) == 1)
    // {a,b}·{a,c}: 1/3; {a,b}·{d}: 0; {a,c}·{d}: 0.
    #expect(abs(LeaveOneGroupOut.meanJaccard([["a", "b"], ["a", "c"], ["d"]]) - 1.0 / 9) < 1e-15)
    #expect(LeaveOneGroupOut.meanJaccard([["a"]]).isNaN)
  }
}

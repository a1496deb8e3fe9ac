import Foundation
import Study
import Testing

/// The study's numbers against scipy.stats.pearsonr and scikit-learn's LeaveOneGroupOut +
/// StandardScaler + LinearRegression (Fixtures/study_reference.json,
/// scripts/reference/make_study_fixtures.py), to 1e-9.
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
    let logo = LeaveOneGroupOut(rows: Self.rows, ids: Self.ids, target: target, alphaRange: [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude])
    let pred = try logo.predictions(k: k == 0 ? nil : k).alpha
    for (i, r) in Self.rows.enumerated() {
      let ours = target.forward(pred[r.name]!)
      #expect(Self.close(ours, ref[i]), "\(key) \(r.name): \(ours) vs \(ref[i])")
    }
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
    let t = try logo.table(k: 3)
    #expect(t.map(\.label) == ["best single statistic", "3 best", "all statistics"])
    #expect(t[0].selectionCounts.reduce(0) { $0 + $1.folds } == 5)
    #expect(t[1].selectionCounts.reduce(0) { $0 + $1.folds } == 15)
    #expect(t.allSatisfy { $0.foldsUsed == 5 && $0.medianCorrelation.isFinite })
  }
}

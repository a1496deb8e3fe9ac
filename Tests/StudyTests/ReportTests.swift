import Foundation
import Study
import Testing

@Suite struct ReportTests {
  static func results() throws -> StudyResults {
    let rows = (0..<8).map { i in
      StudyRow(name: "g\(i % 2)-e\(i)", group: "g\(i % 2)", dimension: 16 * (i + 1), classCount: 3 + i,
               statistics: ["a": Double(i), "b": Double(i * i % 5)], alphaStar: [1, 5, 10, 20, 40, 80, 160, 250][i],
               accuracyAtOptimum: 0.9, curve: [(1, 0.5), (10, 0.8), (100, 0.9), (250, 0.85)])
    }
    let ranking = try StatisticRanking.rank(rows, ids: ["a", "b"], target: .logAlpha)
    let table = try! LeaveOneGroupOut(rows: rows, ids: ["a", "b"], target: .logAlpha, alphaRange: [1, 250]).table(k: 1, accuracy: { $0.accuracy(nearest: $1) }, permutations: 9)
    return StudyResults(rows: rows, plateaus: [:], ranking: ranking, table: table, summaries: [], outcomes: [],
                        target: .logAlpha, zoo: "zoo.json", configuration: "test")
  }

  @Test func writesEveryFigureAndAPageThatLinksThem() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)").path
    let files = try StudyReport.write(try Self.results(), to: dir)
    #expect(files.contains("index.html") && files.contains("fig3-correlations.svg") && files.contains("fig4-predicted.svg"))
    #expect(files.filter { $0.hasPrefix("fig2-") }.count == 2)
    let html = try String(contentsOfFile: dir + "/index.html", encoding: .utf8)
    for f in files where f.hasSuffix(".svg") {
      #expect(html.contains("src=\"\(f)\""), "index.html does not show \(f)")
      let svg = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
      #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
      #expect(!svg.contains("nan") && !svg.contains("inf"), "\(f) has non-finite coordinates")
    }
    let fig4 = try String(contentsOfFile: dir + "/fig4-predicted.svg", encoding: .utf8)
    #expect(fig4.components(separatedBy: "<circle").count - 1 == 8)   // one point per set
    #expect(fig4.contains("observed α*") && fig4.contains("predicted α*"))
  }

  @Test func hostileGroupNamesStayInsideTheReportFolder() throws {
    var r = try Self.results()
    let hostile = ["/../../escaped", "a/b", "a_b", String(repeating: "x", count: 300), "<b>x</b>", ".hidden"]
    r.rows = r.rows.enumerated().map { i, row in
      var row = row
      row.group = hostile[i % hostile.count]
      row.name = row.group + "/e\(i)"
      return row
    }
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
    let dir = parent.appendingPathComponent("out").path
    let files = try StudyReport.write(r, to: dir)
    // Exactly the reported files, all inside `out`, none hidden, one figure per distinct group.
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == Set(files))
    #expect(files.filter { $0.hasPrefix("fig2-") }.count == hostile.count)
    #expect(files.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") && $0.count <= 80 })
    let html = try String(contentsOfFile: dir + "/index.html", encoding: .utf8)
    #expect(!html.contains("<b>x") && html.contains("&lt;b&gt;x"))
  }

  @Test func ticksAreReadable() {
    #expect(SVGChart.ticks(1...250, log: true) == [1, 2, 5, 10, 20, 50, 100, 200])
    #expect(SVGChart.ticks(0...1, log: false).first == 0 && SVGChart.ticks(0...1, log: false).last == 1)
  }
}

import EmbeddingIO
import Foundation

/// Everything the report shows.
public struct StudyResults: Sendable {
  public var rows: [StudyRow]
  public var plateaus: [String: [Double]]
  public var ranking: [RankedStatistic]
  public var table: [SelectionRow]
  public var summaries: [HeuristicSummary]
  public var outcomes: [HeuristicOutcome]
  public var target: RegressionTarget
  public var zoo: String
  public var configuration: String

  public init(rows: [StudyRow], plateaus: [String: [Double]], ranking: [RankedStatistic], table: [SelectionRow],
              summaries: [HeuristicSummary], outcomes: [HeuristicOutcome], target: RegressionTarget, zoo: String, configuration: String) {
    self.rows = rows; self.plateaus = plateaus; self.ranking = ranking; self.table = table; self.summaries = summaries
    self.outcomes = outcomes; self.target = target; self.zoo = zoo; self.configuration = configuration
  }
}

/// Writes the report: SVG figures (Fig. 2 per dataset group, Fig. 3, Fig. 4) and index.html.
public enum StudyReport {
  public static func write(_ r: StudyResults, to dir: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var files: [String: String] = [:]
    var groups: [String] = []
    for row in r.rows where !groups.contains(row.group) { groups.append(row.group) }
    // Group names come from the manifest: they name files only through `SafeFileName`.
    let groupFiles = SafeFileName.stems(for: groups).mapValues { "fig2-\($0).svg" }
    let alphaMax = r.rows.flatMap { $0.curve.map(\.alpha) }.max() ?? 250
    let alphaMin = r.rows.flatMap { $0.curve.map(\.alpha) }.min() ?? 1
    // Fig. 2: accuracy against α, one chart per dataset group, one line per extractor.
    for g in groups {
      let members = r.rows.filter { $0.group == g }
      let accs = members.flatMap { $0.curve.map(\.accuracy) }
      let lo = Swift.max(0, (accs.min() ?? 0) - 0.03), hi = Swift.min(1, (accs.max() ?? 1) + 0.06)
      var c = SVGChart(title: "Fig. 2 — \(g): validation accuracy vs temperature", xLabel: "temperature α (log scale)",
                       yLabel: "best validation accuracy (mean over seeds)", x: alphaMin...alphaMax, y: lo...hi, logX: true)
      for (i, m) in members.enumerated() {
        let color = SVGChart.palette[i % SVGChart.palette.count]
        let p = r.plateaus[m.name] ?? []
        if let a = p.first, let b = p.last, b > a { c.line([(a, m.accuracyAtOptimum + 0.012), (b, m.accuracyAtOptimum + 0.012)], color: color, width: 4) }
        c.line(m.curve.map { ($0.alpha, $0.accuracy) }, color: color, label: String(m.name.dropFirst(g.count + 1)))
        c.marker(x: m.alphaStar, y: m.accuracyAtOptimum, color: color, text: "α*=\(SVGChart.format(m.alphaStar))")
      }
      files[groupFiles[g]!] = c.render()
    }
    // Fig. 3: |r| per statistic.
    var c3 = SVGChart(title: "Fig. 3 — |Pearson r| of each statistic with \(r.target == .alpha ? "α*" : "log α*")", xLabel: "|r|",
                      yLabel: "", x: 0...1, y: 0...1)
    c3.height = Swift.max(260, 22 * Double(r.ranking.count) + 90)
    c3.margin.left = 130
    c3.margin.right = 40
    c3.horizontalBars(r.ranking.map { s in
      (s.id, abs(s.correlation.r), s.correlation.r >= 0 ? "#4e79a7" : "#e15759")
    })
    files["fig3-correlations.svg"] = c3.render(axes: true, yTicks: false)
    // Fig. 4: predicted vs observed α* (out of fold), one colour per dataset group.
    if let best = r.table.dropFirst().first {
      let lo = Swift.max(0.8, alphaMin * 0.8), hi = alphaMax * 1.25
      var c4 = SVGChart(title: "Fig. 4 — predicted vs observed α* (\(best.label), leave-one-dataset-out)", xLabel: "observed α*",
                        yLabel: "predicted α*", x: lo...hi, y: lo...hi, logX: true, logY: true)
      c4.line([(lo, lo), (hi, hi)], color: "#999", width: 1, dashed: true)
      for (i, g) in groups.enumerated() {
        let members = r.rows.filter { $0.group == g }
        c4.points(members.map { ($0.alphaStar, best.predictions[$0.name] ?? .nan) }, color: SVGChart.palette[i % SVGChart.palette.count],
                  radius: 5, label: g, titles: members.map { "\($0.name): α* \($0.alphaStar), predicted \(String(format: "%.1f", best.predictions[$0.name] ?? .nan))" })
      }
      files["fig4-predicted.svg"] = c4.render()
    }
    for (name, svg) in files { try svg.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    let html = page(r, groups: groups, groupFiles: groupFiles)
    try html.write(toFile: dir + "/index.html", atomically: true, encoding: .utf8)
    return ["index.html"] + files.keys.sorted()
  }

  static func f(_ v: Double, _ digits: Int = 4) -> String { NumberText.fixed(v, digits) }

  static func page(_ r: StudyResults, groups: [String], groupFiles: [String: String]) -> String {
    var h = """
    <!doctype html><html><head><meta charset="utf-8"><title>tempctl study</title>
    <style>body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:24px auto;color:#222}
    table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
    th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}img{max-width:100%;margin:8px 0}
    .grid{display:grid;grid-template-columns:1fr 1fr;gap:8px}</style>
    <script>/* self-check for headless renders: how many figures loaded */
    window.addEventListener('load', () => { const imgs = [...document.images];
      document.body.dataset.figures = imgs.filter(i => i.complete && i.naturalWidth > 0).length + '/' + imgs.length; });</script>
    </head><body>
    <h1>tempctl study</h1>
    <p>Zoo: <code>\(SVGChart.esc(r.zoo))</code> — \(r.rows.count) embedding sets in \(groups.count) dataset groups.
    Sweep: <code>\(SVGChart.esc(r.configuration))</code>. Regression target: \(r.target.rawValue).</p>
    """
    func ci(_ i: (low: Double, high: Double), _ d: Int) -> String { "\(f(i.low, d))–\(f(i.high, d))" }
    for axis in HoldOutAxis.allCases {
      let rows = r.table.filter { $0.axis == axis }
      guard !rows.isEmpty else { continue }
      h += "<h2>Table 1 — predicting α* \(axis.title)</h2>\n<table><tr><th>statistics</th><th>Med. Corr. [95% CI]</th><th>Avg. Corr. (± std)</th><th>perm. p</th><th>pooled r [95% CI]</th><th>perm. p</th><th>MAE (α)</th><th>median regret (points) [95% CI]</th><th>folds</th><th>selection Jaccard</th></tr>\n"
      for t in rows {
        h += "<tr><td>\(SVGChart.esc(t.label))</td><td>\(f(t.medianCorrelation)) [\(ci(t.medianCorrelationInterval, 2))]</td><td>\(f(t.meanCorrelation)) ± \(f(t.stdCorrelation))</td><td>\(t.permutationP.map { NumberText.significant($0) } ?? "")</td><td>\(f(t.pooledCorrelation)) [\(ci(t.pooledCorrelationInterval, 2))]</td><td>\(t.pooledPermutationP.map { NumberText.significant($0) } ?? "")</td><td>\(f(t.meanAbsoluteError, 1))</td><td>\(f(t.medianRegret, 2)) [\(ci(t.medianRegretInterval, 2))]</td><td>\(t.foldsUsed)</td><td>\(f(t.selectionStability, 2))</td></tr>\n"
      }
      h += "</table>\n"
    }
    h += "<p>Ridge regression, its penalty chosen by nested cross-validation on the same axis. Intervals: 95 % bootstrap over the folds (median correlation) or the dataset groups (pooled r, regret). perm. p: the whole select-and-fit pipeline rerun with α* shuffled across sets. Regret: accuracy at α* minus the accuracy measured by training at the predicted α — the same measurement as the heuristics'. The paper (Table 1): 0.9262 / 0.9265 / 0.9563 median correlation for best single / 4 best / all statistics.</p>\n"
    h += "<h2>Heuristics against the empirical optimum</h2><table><tr><th>heuristic</th><th>r with α*</th><th>MAE (α)</th><th>median regret [95% CI]</th><th>worst regret</th><th>wins</th><th>Δ vs \(HeuristicComparison.reference)</th><th>p</th></tr>\n"
    for s in r.summaries {
      h += "<tr><td>\(SVGChart.esc(s.heuristic))</td><td>\(f(s.correlation, 3))</td><td>\(f(s.meanAbsoluteError, 1))</td><td>\(f(s.medianRegret, 2)) [\(f(s.medianRegretInterval.low, 2))–\(f(s.medianRegretInterval.high, 2))]</td><td>\(f(s.worstRegret, 2))</td><td>\(s.wins)/\(s.sets)</td><td>\(s.versusReference.map { f($0.meanDifference, 2) } ?? "")</td><td>\(s.versusReference.map { f($0.p, 4) } ?? "")</td></tr>\n"
    }
    h += "</table><p>Regret = accuracy at α* minus accuracy measured by training at the heuristic's α, in points.</p>\n"
    h += "<h2>Fig. 3 and Fig. 4</h2><p>Fig. 3: blue bars are positive correlations, red negative. Fig. 4: out-of-fold predictions of the k-best regression, one colour per dataset group; the dashed line is perfect prediction.</p><div class=\"grid\"><img src=\"fig3-correlations.svg\" alt=\"Fig. 3\"><img src=\"fig4-predicted.svg\" alt=\"Fig. 4\"></div>\n"
    h += "<h2>Fig. 2 — accuracy against temperature</h2><p>Triangles mark α*; the thick bar above a curve spans its plateau (α within one standard error of the best).</p><div class=\"grid\">\n"
    for g in groups { h += "<img src=\"\(groupFiles[g]!)\" alt=\"Fig. 2 \(SVGChart.esc(g))\">\n" }
    h += "</div><h2>Sets</h2><table><tr><th>set</th><th>d</th><th>C</th><th>α*</th><th>accuracy at α*</th><th>accuracy at α=1</th><th>learned α</th></tr>\n"
    for row in r.rows {
      let one = row.curve.first { $0.alpha == 1 }?.accuracy ?? .nan
      h += "<tr><td>\(SVGChart.esc(row.name))</td><td>\(row.dimension)</td><td>\(row.classCount)</td><td>\(SVGChart.format(row.alphaStar))</td><td>\(f(row.accuracyAtOptimum))</td><td>\(f(one))</td><td>\(f(row.learnedAlpha ?? .nan, 1))</td></tr>\n"
    }
    return h + "</table></body></html>\n"
  }
}

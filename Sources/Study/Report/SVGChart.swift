import Foundation

/// A small SVG chart writer: axes with ticks and labels, lines, points, bars, a legend.
/// Enough for the report's three figures; no dependencies.
public struct SVGChart {
  public var width: Double = 640, height: Double = 400
  public var title: String
  public var xLabel: String, yLabel: String
  public var xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
  public var logX = false, logY = false
  private var body: [String] = []
  private var legend: [(String, String)] = []
  public var margin = (left: 64.0, right: 150.0, top: 36.0, bottom: 52.0)

  public init(title: String, xLabel: String, yLabel: String, x: ClosedRange<Double>, y: ClosedRange<Double>, logX: Bool = false, logY: Bool = false) {
    self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; xRange = x; yRange = y; self.logX = logX; self.logY = logY
  }

  /// A qualitative palette (Tableau 10).
  public static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

  func px(_ x: Double) -> Double {
    let (a, b, v) = logX ? (log10(xRange.lowerBound), log10(xRange.upperBound), log10(x)) : (xRange.lowerBound, xRange.upperBound, x)
    return margin.left + (v - a) / (b - a) * (width - margin.left - margin.right)
  }

  func py(_ y: Double) -> Double {
    let (a, b, v) = logY ? (log10(yRange.lowerBound), log10(yRange.upperBound), log10(y)) : (yRange.lowerBound, yRange.upperBound, y)
    return height - margin.bottom - (v - a) / (b - a) * (height - margin.top - margin.bottom)
  }

  static func esc(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }

  public mutating func line(_ points: [(Double, Double)], color: String, width w: Double = 1.6, dashed: Bool = false, label: String? = nil) {
    guard points.count > 1 else { return }
    let d = points.map { String(format: "%.1f,%.1f", px($0.0), py($0.1)) }.joined(separator: " ")
    body.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(w)\"\(dashed ? " stroke-dasharray=\"5,4\"" : "") points=\"\(d)\"/>")
    if let label { legend.append((label, color)) }
  }

  public mutating func points(_ pts: [(Double, Double)], color: String, radius: Double = 4, label: String? = nil, titles: [String]? = nil) {
    for (i, p) in pts.enumerated() {
      let t = titles.map { "<title>\(Self.esc($0[i]))</title>" } ?? ""
      body.append(String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%@\" fill-opacity=\"0.85\" stroke=\"white\" stroke-width=\"0.8\">%@</circle>",
                         px(p.0), py(p.1), radius, color, t))
    }
    if let label { legend.append((label, color)) }
  }

  public mutating func marker(x: Double, y: Double, color: String, text: String) {
    body.append(String(format: "<path d=\"M%.1f,%.1f l6,-11 l-12,0 z\" fill=\"%@\"/>", px(x), py(y) - 2, color))
    body.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"%@\">%@</text>", px(x), py(y) - 16, color, Self.esc(text)))
  }

  public mutating func band(from x0: Double, to x1: Double, color: String) {
    body.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\" fill-opacity=\"0.12\"/>",
                       px(x0), margin.top, Swift.max(px(x1) - px(x0), 2), height - margin.top - margin.bottom, color))
  }

  /// Horizontal bars, one per label, from 0 to value (for |r| per statistic).
  public mutating func horizontalBars(_ items: [(label: String, value: Double, color: String)]) {
    let h = (height - margin.top - margin.bottom) / Double(Swift.max(items.count, 1))
    for (i, it) in items.enumerated() {
      let y = margin.top + Double(i) * h
      body.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"/>", px(0), y + h * 0.15,
                         Swift.max(px(it.value) - px(0), 0.5), h * 0.7, it.color))
      body.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%@</text>", margin.left - 6, y + h * 0.65, Self.esc(it.label)))
      body.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#333\">%.3f</text>", px(it.value) + 4, y + h * 0.65, it.value))
    }
  }

  /// Tick positions: 1-2-5 per decade on a log axis, about six round steps on a linear one.
  public static func ticks(_ r: ClosedRange<Double>, log: Bool) -> [Double] {
    if log {
      var out: [Double] = []
      var p = pow(10, floor(log10(r.lowerBound)))
      while p <= r.upperBound * 1.0001 {
        for m in [1.0, 2, 5] where p * m >= r.lowerBound * 0.9999 && p * m <= r.upperBound * 1.0001 { out.append(p * m) }
        p *= 10
      }
      return out
    }
    let span = r.upperBound - r.lowerBound
    let raw = span / 6, mag = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
    var v = ceil(r.lowerBound / step) * step, out: [Double] = []
    while v <= r.upperBound + step * 1e-9 { out.append(v); v += step }
    return out
  }

  static func format(_ v: Double) -> String {
    abs(v) >= 1000 || (abs(v) < 0.01 && v != 0) ? String(format: "%.2g", v) : (v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression))
  }

  public func render(axes: Bool = true, yTicks: Bool = true) -> String {
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
    s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    s += "<text x=\"\(Int(width / 2 - margin.right / 2 + margin.left / 2))\" y=\"22\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\">\(Self.esc(title))</text>\n"
    let x0 = margin.left, x1 = width - margin.right, y0 = height - margin.bottom, y1 = margin.top
    if axes {
      for t in Self.ticks(xRange, log: logX) {
        let x = px(t)
        s += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>", x, y0, x, y1)
        s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%@</text>\n", x, y0 + 16, Self.format(t))
      }
      if yTicks {
        for t in Self.ticks(yRange, log: logY) {
          let y = py(t)
          s += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>", x0, y, x1, y)
          s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%@</text>\n", x0 - 6, y + 4, Self.format(t))
        }
      }
      s += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>\n", x0, y1, x1 - x0, y0 - y1)
    }
    s += body.joined(separator: "\n") + "\n"
    s += "<text x=\"\((x0 + x1) / 2)\" y=\"\(height - 12)\" font-size=\"12\" text-anchor=\"middle\">\(Self.esc(xLabel))</text>\n"
    s += "<text x=\"16\" y=\"\((y0 + y1) / 2)\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 \((y0 + y1) / 2))\">\(Self.esc(yLabel))</text>\n"
    for (i, (label, color)) in legend.enumerated() {
      let y = margin.top + 6 + Double(i) * 16
      s += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"10\" fill=\"%@\"/>", x1 + 12, y, color)
      s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%@</text>\n", x1 + 28, y + 9, Self.esc(label))
    }
    return s + "</svg>\n"
  }
}

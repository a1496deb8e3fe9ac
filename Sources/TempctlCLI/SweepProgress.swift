import Foundation

/// The sweep's progress display: a live line on a terminal (set, seed, epoch, best accuracy, ETA),
/// one plain line per finished unit otherwise, nothing when quiet.
final class SweepProgress {
  let units: Int, quiet: Bool, terminal: Bool
  let start = Date()
  var label = "", unitIndex = 0
  var lastDraw = Date.distantPast

  init(units: Int, quiet: Bool) {
    self.units = units; self.quiet = quiet; terminal = isatty(STDERR_FILENO) == 1
  }

  /// Unit `unit` (0-based) starts; `label` names its set, blocks and seed.
  func start(unit: Int, label: String) {
    unitIndex = unit
    self.label = "[\(unit + 1)/\(units)] \(label)"
  }

  /// Redraws the live line: `part` of the current unit is done.
  func update(_ part: Double, _ text: String) {
    guard !quiet, terminal, Date().timeIntervalSince(lastDraw) > 0.1 || part >= 1 else { return }
    lastDraw = Date()
    let fraction = (Double(unitIndex) + Swift.min(Swift.max(part, 0), 1)) / Double(max(units, 1))
    emit("\r\u{1B}[2K" + Self.line(fraction: fraction, label: label, text: text, eta: eta(fraction), columns: TerminalWidth.columns()))
  }

  func finish(seconds: Double, best: Double, unconverged: Int = 0) {
    guard !quiet else { return }
    let capped = unconverged > 0 ? " (\(unconverged) run\(unconverged == 1 ? "" : "s") not converged)" : ""
    if !terminal { emit("\(label): best accuracy \(String(format: "%.4f", best)) in \(String(format: "%.1f", seconds)) s\(capped)\n") }
  }

  func done() {
    guard !quiet, units > 0 else { return }
    if terminal { emit("\r\u{1B}[2K") }
    emit("swept \(units) unit\(units == 1 ? "" : "s") in \(String(format: "%.1f", Date().timeIntervalSince(start))) s\n")
  }

  /// The live line, cut to the terminal's width so it never wraps: the bar shrinks from 24 cells
  /// to 8 first, then the detail text goes, then the label is cut; the ETA stays.
  static func line(fraction: Double, label: String, text: String, eta: String, columns: Int) -> String {
    let budget = max(columns - 1, 10)
    func bar(_ width: Int) -> String {
      let filled = Int(fraction * Double(width))
      return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
    for width in [24, 16, 8] {
      let full = "\(bar(width)) \(label) \(text)\(eta)"
      if full.count <= budget { return full }
    }
    let short = "\(bar(8)) \(label)\(eta)"
    if short.count <= budget { return short }
    let keep = max(budget - eta.count - 10, 1)
    return String("\(bar(8)) \(label.prefix(keep))…\(eta)".prefix(budget))
  }

  private func eta(_ fraction: Double) -> String {
    guard fraction > 0.001 else { return "" }
    let left = Date().timeIntervalSince(start) * (1 - fraction) / fraction
    return left >= 60 ? String(format: "  ETA %dm%02ds", Int(left) / 60, Int(left) % 60) : String(format: "  ETA %.0fs", left)
  }

  private func emit(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

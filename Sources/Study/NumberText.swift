import Foundation

/// How the study's tables show numbers to people — the terminal tables and the HTML report alike:
/// fixed or significant digits, and "NA" for a value that is not defined (a correlation over
/// fewer than 3 points, a p-value of a perfect fit).
public enum NumberText {
  /// `digits` decimals (`%.4f`); "NA" when not finite.
  public static func fixed(_ v: Double, _ digits: Int = 4) -> String { v.isFinite ? String(format: "%.\(digits)f", v) : "NA" }

  /// `digits` significant digits (`%.2g`); "NA" when not finite.
  public static func significant(_ v: Double, _ digits: Int = 2) -> String { v.isFinite ? String(format: "%.\(digits)g", v) : "NA" }
}

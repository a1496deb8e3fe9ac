import Foundation

/// `adacos`: α = √2·ln(C − 1), AdaCos' fixed scale (Zhang et al. 2019, eq. 13: the scale at
/// which the predicted probability's gradient is largest near θ = π/4). For C ≤ 2 it is ≤ 0:
/// falls back to 1, with a note.
public struct AdaCos: TemperatureHeuristic {
  public static let id = "adacos"
  public static let summary = "α = √2·ln(C − 1) (AdaCos' fixed scale); 1 when C ≤ 2"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha {
    let c = Double(input.classCount)
    guard c > 2 else { return .init(1, note: "C ≤ 2: √2·ln(C − 1) ≤ 0, fell back to α = 1") }
    return .init(2.0.squareRoot() * log(c - 1))
  }
}

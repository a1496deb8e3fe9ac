import Foundation

/// `l2-softmax`: α = ln(p(C − 2)/(1 − p)), p = 0.9, the lower bound on the feature scale of
/// L2-constrained softmax (Ranjan et al. 2017, eq. 4) for a target probability p, at least 1.
/// For C ≤ 2 it is undefined: falls back to 1, with a note.
public struct L2Softmax: TemperatureHeuristic {
  public static let id = "l2-softmax"
  public static let summary = "α = ln(p(C−2)/(1−p)), p = 0.9 (L2-softmax lower bound); 1 when C ≤ 2"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha {
    let c = Double(input.classCount), p = 0.9
    guard c > 2 else { return .init(1, note: "C ≤ 2: ln(p(C−2)/(1−p)) undefined, fell back to α = 1") }
    return .init(Swift.max(log(p * (c - 2) / (1 - p)), 1))
  }
}

import Foundation

/// `simplex-bound`: α = ((C−1)/C)·ln((C−1)/(e^ε − 1)), ε = 1e-3: the scale at which the softmax
/// loss of class weights on a regular simplex (cosines 1 and −1/(C−1)) falls to ε — NormFace's
/// lower bound (Wang et al. 2017, Proposition 2) solved for the scale.
public struct SimplexBound: TemperatureHeuristic {
  public static let id = "simplex-bound"
  public static let summary = "α = ((C−1)/C)·ln((C−1)/(e^ε−1)), ε = 1e-3"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha {
    let c = Double(input.classCount), eps = 1e-3
    return .init((c - 1) / c * log((c - 1) / (exp(eps) - 1)))
  }
}

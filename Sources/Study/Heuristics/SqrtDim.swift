import Foundation

/// `sqrt-dim`: α = √d, the scaling of dot-product attention (Vaswani et al. 2017, §3.2.1:
/// logits divided by √d_k, i.e. a temperature of √d on unit-variance features).
public struct SqrtDim: TemperatureHeuristic {
  public static let id = "sqrt-dim"
  public static let summary = "α = √d (Transformers' scaling)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(Double(input.dimension).squareRoot()) }
}

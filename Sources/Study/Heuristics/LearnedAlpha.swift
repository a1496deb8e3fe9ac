import Foundation

/// `learned`: the α a learned-temperature run ends at — log α trained with the weights from
/// 1/0.07, as CLIP does (Radford et al. 2021, §2.5). Under the paper protocol its accuracy is the
/// learned run's own; under the converged protocol the probe is retrained to convergence at it.
public struct LearnedAlpha: TemperatureHeuristic {
  public static let id = "learned"
  public static let summary = "α trained with the weights (log-parameterised, from 1/0.07)"
  public static let inputs: Set<HeuristicInputKind> = [.learnedTemperature]
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.learnedAlpha) }
}

import Foundation

/// `learned`: the α a learned-temperature run ends at — log α trained with the weights from
/// 1/0.07 as CLIP trains its logit scale (Radford et al. 2021, §2.5): by its own Adam (lr 5·10⁻⁴,
/// β = (0.9, 0.98), ε = 10⁻⁶) and clamped to 1 ≤ α ≤ 100 after every step, as open_clip does
/// (`TrainingConfiguration.learnedAlphaOptimizer`). Under the paper protocol its accuracy is the
/// learned run's own; under the converged protocol the probe is retrained to convergence at it.
public struct LearnedAlpha: TemperatureHeuristic {
  public static let id = "learned"
  public static let summary = "α trained with the weights as CLIP does (log α from 1/0.07, own Adam, clamped to 1…100)"
  public static let inputs: Set<HeuristicInputKind> = [.learnedTemperature]
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.learnedAlpha) }
}

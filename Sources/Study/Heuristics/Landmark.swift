import Foundation

/// `landmark`: the temperature a capped converged search on the training rows alone picks (the
/// statistic `landmark_alpha`: a held-out 20 % of the training split, α = 1, 2, 4, …, 512, at most
/// 100 L-BFGS iterations each). Not a published heuristic: the landmarking idea (pymfe; Pfahringer
/// et al. 2000, "Meta-learning by landmarking various learning algorithms") applied to the probe.
public struct Landmark: TemperatureHeuristic {
  public static let id = "landmark"
  public static let summary = "a capped converged search on the training rows alone (statistic landmark_alpha)"
  public static let inputs: Set<HeuristicInputKind> = [.statistic("landmark_alpha")]
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.statistics["landmark_alpha"]) }
}

import Foundation

/// `adacos-dynamic`: AdaCos's dynamic scale (Zhang et al. 2019, eqs. 15–16) computed from the
/// data — the statistic `adacos_scale`: ln B / cos(min(π/4, θ_med)) at the first update from the
/// fixed scale, the training class means standing in for the class weights.
public struct AdaCosDynamic: TemperatureHeuristic {
  public static let id = "adacos-dynamic"
  public static let summary = "AdaCos's dynamic scale from the class means (statistic adacos_scale)"
  public static let inputs: Set<HeuristicInputKind> = [.statistic("adacos_scale")]
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.statistics["adacos_scale"]) }
}

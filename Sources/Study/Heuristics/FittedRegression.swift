import Foundation

/// `fitted-best1`: the regression of α* on the single best statistic, out-of-fold (the study fits
/// it without the set's dataset group; `tempctl select`).
public struct FittedBest1: TemperatureHeuristic {
  public static let id = "fitted-best1"
  public static let summary = "regression on the best statistic (leave-one-dataset-out)"
  public static let inputs: Set<HeuristicInputKind> = [.fittedModel(.best(1))]
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.fitted[.best(1)]) }
}

/// `fitted-bestk`: the regression on the study's k best statistics, out-of-fold (the model
/// `suggest` ships, fitted on every set).
public struct FittedBestK: TemperatureHeuristic {
  public static let id = "fitted-bestk"
  public static let summary = "regression on the k best statistics (leave-one-dataset-out)"
  public static let inputs: Set<HeuristicInputKind> = [.fittedModel(.bestK)]
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.fitted[.bestK]) }
}

/// `sqrt-dim-fitted`: α = a·√d + b, a and b fitted by least squares on α* of the other dataset
/// groups' sets (out of fold) — the form of Hasegawa & Sakai (2025), T ≈ a√d + b, refitted on the
/// zoo instead of taken from their models.
public struct SqrtDimFitted: TemperatureHeuristic {
  public static let id = "sqrt-dim-fitted"
  public static let summary = "α = a·√d + b, refitted on the other dataset groups (Hasegawa & Sakai 2025's form)"
  public static let inputs: Set<HeuristicInputKind> = [.fittedModel(.sqrtDimension)]
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.fitted[.sqrtDimension]) }
}

/// `fitted-all`: the regression on every usable statistic, out-of-fold.
public struct FittedAll: TemperatureHeuristic {
  public static let id = "fitted-all"
  public static let summary = "regression on all statistics (leave-one-dataset-out)"
  public static let inputs: Set<HeuristicInputKind> = [.fittedModel(.all)]
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.fitted[.all]) }
}

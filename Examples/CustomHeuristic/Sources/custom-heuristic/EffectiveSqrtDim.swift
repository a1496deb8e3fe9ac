import Study

/// `effective-sqrt-dim`: the √d rule on the effective dimension instead of d,
/// α = √(d · pca_90 / 100) — √ of the number of principal components that hold 90 % of the
/// training variance (`pca_90` is that number as a percentage of d).
struct EffectiveSqrtDim: TemperatureHeuristic {
  static let id = "effective-sqrt-dim"
  static let summary = "α = √(d · pca_90 / 100): √d on the components holding 90 % of the variance"
  /// The study computes `pca_90` for every set and hands it over; a set without it is skipped.
  static let inputs: Set<HeuristicInputKind> = [.statistic("pca_90")]

  func alpha(for input: HeuristicInput) -> HeuristicAlpha {
    let components = Double(input.dimension) * input.statistics["pca_90"]! / 100
    return .init(components.squareRoot())
  }
}

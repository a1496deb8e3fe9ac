import Foundation

/// `constant-1`: α = 1, the untuned default (plain softmax on cosine logits).
public struct ConstantOne: TemperatureHeuristic {
  public static let id = "constant-1"
  public static let summary = "α = 1 (the untuned default)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(1) }
}

/// `clip-init`: α = 1/0.07, the initial logit scale of CLIP (Radford et al. 2021, §2.5: "the
/// learnable temperature parameter τ was initialized to the equivalent of 0.07").
public struct ClipInit: TemperatureHeuristic {
  public static let id = "clip-init"
  public static let summary = "α = 1/0.07 (CLIP's initial scale)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(1 / 0.07) }
}

/// `scale-30`: α = 30, CosFace's scale (Wang et al. 2018, §4.1: s = 64 in their experiments,
/// 30 the common default of its open implementations).
public struct Scale30: TemperatureHeuristic {
  public static let id = "scale-30"
  public static let summary = "α = 30 (CosFace default)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(30) }
}

/// `scale-64`: α = 64, ArcFace's feature scale (Deng et al. 2019, §4.1: "we set the feature
/// scale s to 64").
public struct Scale64: TemperatureHeuristic {
  public static let id = "scale-64"
  public static let summary = "α = 64 (ArcFace default)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(64) }
}

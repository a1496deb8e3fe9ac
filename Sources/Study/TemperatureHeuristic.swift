import Foundation

/// What a heuristic may look at for one embedding set.
public struct HeuristicInput: Sendable {
  public var name: String
  public var dimension: Int
  public var classCount: Int
  public var statistics: [String: Double]
  /// Final α of the learned-temperature run, when swept.
  public var learnedAlpha: Double?
  /// Out-of-fold predictions of the fitted regressions, by heuristic id.
  public var fitted: [String: Double]

  public init(name: String, dimension: Int, classCount: Int, statistics: [String: Double] = [:],
              learnedAlpha: Double? = nil, fitted: [String: Double] = [:]) {
    self.name = name; self.dimension = dimension; self.classCount = classCount
    self.statistics = statistics; self.learnedAlpha = learnedAlpha; self.fitted = fitted
  }
}

/// A heuristic's α for one set, with a note when it fell back.
public struct HeuristicAlpha: Sendable, Equatable {
  public var alpha: Double?
  public var note: String?
  public init(_ alpha: Double?, note: String? = nil) { self.alpha = alpha; self.note = note }
}

/// A rule that gives α from cheap facts of a set. Like statistics, heuristics are plugins: one
/// type, one line in `BuiltInHeuristics.all`.
public protocol TemperatureHeuristic: Sendable {
  static var id: String { get }
  static var summary: String { get }
  init()
  func alpha(for input: HeuristicInput) -> HeuristicAlpha
}

/// `constant-1`: α = 1, the untuned default.
public struct ConstantOne: TemperatureHeuristic {
  public static let id = "constant-1"
  public static let summary = "α = 1 (the untuned default)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(1) }
}

/// `sqrt-dim`: α = √d (the Transformers' scaling).
public struct SqrtDim: TemperatureHeuristic {
  public static let id = "sqrt-dim"
  public static let summary = "α = √d (Transformers' scaling)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(Double(input.dimension).squareRoot()) }
}

/// `adacos`: α = √2·ln(C − 1), AdaCos' fixed scale. For C ≤ 2 it is ≤ 0: falls back to 1.
public struct AdaCos: TemperatureHeuristic {
  public static let id = "adacos"
  public static let summary = "α = √2·ln(C − 1) (AdaCos' fixed scale); 1 when C ≤ 2"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha {
    let c = Double(input.classCount)
    guard c > 2 else { return .init(1, note: "C ≤ 2: √2·ln(C − 1) ≤ 0, fell back to α = 1") }
    return .init(2.0.squareRoot() * log(c - 1))
  }
}

/// `l2-softmax`: α = ln(p(C − 2)/(1 − p)), p = 0.9, Ranjan et al.'s lower bound. For C ≤ 2 it
/// is undefined: falls back to 1.
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

/// `simplex-bound`: α = ((C−1)/C)·ln((C−1)/(e^ε − 1)), ε = 1e-3: where the loss lower bound of
/// class weights on a regular simplex reaches ε (NormFace / CoCo family).
public struct SimplexBound: TemperatureHeuristic {
  public static let id = "simplex-bound"
  public static let summary = "α = ((C−1)/C)·ln((C−1)/(e^ε−1)), ε = 1e-3"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha {
    let c = Double(input.classCount), eps = 1e-3
    return .init((c - 1) / c * log((c - 1) / (exp(eps) - 1)))
  }
}

/// `clip-init`: α = 1/0.07, CLIP's initial logit scale.
public struct ClipInit: TemperatureHeuristic {
  public static let id = "clip-init"
  public static let summary = "α = 1/0.07 (CLIP's initial scale)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(1 / 0.07) }
}

/// `scale-30`: α = 30 (CosFace's default).
public struct Scale30: TemperatureHeuristic {
  public static let id = "scale-30"
  public static let summary = "α = 30 (CosFace default)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(30) }
}

/// `scale-64`: α = 64 (ArcFace's default).
public struct Scale64: TemperatureHeuristic {
  public static let id = "scale-64"
  public static let summary = "α = 64 (ArcFace default)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(64) }
}

/// `learned`: the α a learned-temperature run ends at (CLIP-style, trained with the weights).
public struct LearnedAlpha: TemperatureHeuristic {
  public static let id = "learned"
  public static let summary = "α trained with the weights (log-parameterised, from 1/0.07)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha {
    input.learnedAlpha.map { .init($0) } ?? .init(nil, note: "no learned-temperature run")
  }
}

/// `fitted-best1`, `fitted-bestk`, `fitted-all`: the regressions of `select`, out-of-fold.
public struct FittedBest1: TemperatureHeuristic {
  public static let id = "fitted-best1"
  public static let summary = "regression on the best statistic (leave-one-dataset-out)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.fitted[Self.id]) }
}

/// `fitted-bestk`: the k-best regression of `select`, out-of-fold (what `suggest` ships).
public struct FittedBestK: TemperatureHeuristic {
  public static let id = "fitted-bestk"
  public static let summary = "regression on the k best statistics (leave-one-dataset-out)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.fitted[Self.id]) }
}

/// `fitted-all`: the regression on every usable statistic, out-of-fold.
public struct FittedAll: TemperatureHeuristic {
  public static let id = "fitted-all"
  public static let summary = "regression on all statistics (leave-one-dataset-out)"
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha { .init(input.fitted[Self.id]) }
}

/// The registered heuristics, in report order.
public enum BuiltInHeuristics {
  public static let all: [any TemperatureHeuristic.Type] = [
    ConstantOne.self, SqrtDim.self, AdaCos.self, L2Softmax.self, SimplexBound.self, ClipInit.self, Scale30.self,
    Scale64.self, LearnedAlpha.self, FittedBest1.self, FittedBestK.self, FittedAll.self,
  ]
  /// The published heuristics (everything but the fitted regressions).
  public static let published: Set<String> = ["constant-1", "sqrt-dim", "adacos", "l2-softmax", "simplex-bound", "clip-init",
                                              "scale-30", "scale-64", "learned"]
}

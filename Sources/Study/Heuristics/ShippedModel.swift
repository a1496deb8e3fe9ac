import Foundation

/// `suggest`: exactly what `tempctl suggest` answers with no `--model` — the shipped model
/// (`LinearModel.builtIn()`, Resources/default-model.json): α = landmark_alpha while
/// min(n_train, 4000)·d·C ≤ its `maxWork`, the fallback regression above. Measured like the
/// others, so that the study reports `suggest` itself and not only its main part (`landmark`).
/// The fallback is fitted on the zoo it ships from: on that zoo its sets are in-sample.
public struct ShippedModel: TemperatureHeuristic {
  public static let id = "suggest"
  public static let summary = "the model `tempctl suggest` ships: landmark_alpha, its fallback regression above maxWork"
  public static let model = try? LinearModel.builtIn()
  public static let inputs: Set<HeuristicInputKind> = Set((model?.chain.flatMap(\.statistics) ?? []).map { .statistic($0) })
  public init() {}
  public func alpha(for input: HeuristicInput) -> HeuristicAlpha {
    guard let model = Self.model else { return .init(nil, note: "the shipped model is not bundled") }
    let index = model.chainIndex(trainCount: input.trainCount, dimension: input.dimension, classCount: input.classCount)
    return .init(model.chain[index].predictAlpha(input.statistics), note: index > 0 ? "fallback model" : nil)
  }
}

/// The built-in heuristics, in report order. Adding one: its file in Heuristics/, one line here,
/// its reference value in scripts/reference/make_heuristic_fixtures.py and its line in docs/study.md
/// (docs/adding-a-heuristic.md).
public enum BuiltInHeuristics {
  public static let all: [any TemperatureHeuristic.Type] = [
    ConstantOne.self, SqrtDim.self, SqrtDimFitted.self, AdaCos.self, AdaCosDynamic.self, Landmark.self, ShippedModel.self, L2Softmax.self, SimplexBound.self, ClipInit.self, Scale30.self,
    Scale64.self, LearnedAlpha.self, FittedBest1.self, FittedBestK.self, FittedAll.self,
  ]
}

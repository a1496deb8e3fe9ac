/// The built-in heuristics, in report order. Adding one: its file in Heuristics/, one line here,
/// its test and its line in docs/heuristics.md (docs/adding-a-heuristic.md).
public enum BuiltInHeuristics {
  public static let all: [any TemperatureHeuristic.Type] = [
    ConstantOne.self, SqrtDim.self, AdaCos.self, L2Softmax.self, SimplexBound.self, ClipInit.self, Scale30.self,
    Scale64.self, LearnedAlpha.self, FittedBest1.self, FittedBestK.self, FittedAll.self,
  ]
}

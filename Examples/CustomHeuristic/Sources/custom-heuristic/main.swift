import Study
import TempctlCLI

Tempctl.main(heuristics: BuiltInHeuristics.all + [EffectiveSqrtDim.self])

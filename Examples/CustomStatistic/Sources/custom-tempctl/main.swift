import StatPlugins
import TempctlCLI

Tempctl.main(statistics: BuiltInStatistics.all + [ParticipationRatio.self])

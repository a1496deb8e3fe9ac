import Numerics
import TempctlCLI

BLASCoreType.restartIfMisdetected()
Tempctl.main()

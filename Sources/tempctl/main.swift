import Numerics
import TempctlCLI

BLASCoreType.restartIfMisdetected()
Tempctl.runWithOneLineErrors()

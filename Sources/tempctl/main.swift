import TempctlCLI

Tempctl.main()

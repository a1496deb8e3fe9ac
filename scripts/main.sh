#!/usr/bin/env bash
# The main job: set-up, a release build, then the full study on the embedded example zoo
# (statistics, sweep, optimum, correlations, Table 1, heuristics, report). Every step is cached
# in tempctl.sqlite, so a rerun is instant and an interrupted study resumes.
# Extra arguments go to `tempctl study` (e.g. --target alpha, or --protocol paper --epochs 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product tempctl 2>&1 | tail -1
exec .build/release/tempctl study "$@"

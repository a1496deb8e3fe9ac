#!/usr/bin/env bash
# The main job: set-up, a release build, then the statistics of every set of the embedded example
# zoo (Examples/zoo/zoo.json). Extra arguments go to `tempctl stats`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product tempctl 2>&1 | tail -1
exec .build/release/tempctl stats --zoo Examples/zoo/zoo.json "$@"

#!/usr/bin/env bash
# The test command: set-up, a release build, the unit/golden/CLI/store tests, the BLAS binding
# check, the kernels' same-bits-on-every-instruction-set check, the custom-statistic example, and an end-to-end study rendered in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
TEMPCTL_SETUP_TESTS=1 bash scripts/setup.sh
echo "== release build"
swift build -c release --product tempctl 2>&1 | tail -1
bash scripts/check-blas-binding.sh .build/release/tempctl
bash scripts/check-kernels.sh
echo "== Examples/CustomStatistic (a user's own statistic, without forking)"
(cd Examples/CustomStatistic && swift build 2>&1 | tail -1 && bash ../../scripts/check-custom-example.sh .build/debug/custom-tempctl)
echo "== end-to-end study on a synthetic zoo"
bash scripts/check-study.sh .build/release/tempctl
echo "== swift test"
log=$(mktemp)
swift test 2>&1 | tee "$log" | grep -vE "^(◇|✔ (Test|Suite) .* (started|passed))" | grep -vE "^\s*$" || true
grep -E "^(✔|✘) Test run" "$log" | tail -1
grep -qE "^✔ Test run .* passed after" "$log"
echo "test command finished in $(( $(date +%s) - start )) s"

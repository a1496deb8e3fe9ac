#!/usr/bin/env bash
# The test command: set-up, a release build, the unit/golden/CLI/store tests, the BLAS binding
# check, the custom-statistic example, and an end-to-end study rendered in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
TEMPCTL_SETUP_TESTS=1 bash scripts/setup.sh
echo "== release build"
swift build -c release --product tempctl 2>&1 | tail -1
bash scripts/check-blas-binding.sh .build/release/tempctl
echo "== Examples/CustomStatistic (a user's own statistic, without forking)"
(cd Examples/CustomStatistic && swift build 2>&1 | tail -1 && bash ../../scripts/check-custom-example.sh .build/debug/custom-tempctl)
echo "== end-to-end study on a synthetic zoo"
bash scripts/check-study.sh .build/release/tempctl
echo "== swift test"
swift test 2>&1 | grep -vE "^(◇|✔ Test .* (started|passed))" | grep -vE "^\s*$" || true
swift test --skip-build 2>&1 | grep -E "^(✔|✘) Test run" | tail -1 | tee /tmp/tempctl-test-summary.txt
grep -q "passed after" /tmp/tempctl-test-summary.txt
echo "test command finished in $(( $(date +%s) - start )) s"

#!/usr/bin/env bash
# The test command: set-up, the unit tests, the BLAS binding check, and the custom-statistic example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product tempctl
bash scripts/check-blas-binding.sh .build/release/tempctl
echo "== building Examples/CustomStatistic (a user's own statistic, without forking)"
(cd Examples/CustomStatistic && swift build 2>&1 | tail -1 && bash ../../scripts/check-custom-example.sh .build/debug/custom-tempctl)
echo "== swift test"
swift test 2>&1 | grep -vE "^(Test Case|Test Suite|\s+Executed|◇|↳ Testing|\[[0-9]+/[0-9]+\])" | grep -vE "^✔ (Test|Suite) .* (passed|started)" || true
swift test --skip-build 2>&1 | tail -1 | tee /tmp/tempctl-test-summary.txt
grep -q "passed after" /tmp/tempctl-test-summary.txt

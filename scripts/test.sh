#!/usr/bin/env bash
# The test command: set-up, a release build, the unit/golden/CLI/store tests, the BLAS binding
# check, the kernels' same-bits-on-every-instruction-set check, the custom-statistic and custom-heuristic examples, an
# end-to-end study rendered in headless Chromium, a sharded sweep under a real single-node Slurm, landmark_alpha against its
# reference on the zoo, every hostile input of docs/formats.md, the Python
# package's tests in a fresh virtual environment, and a short fuzzing run over the parsers.
#
# Every stage is bounded (`stage NAME SECONDS command…`): a stage that hangs — a stalled download,
# a deadlock — is killed and named instead of running into CI's limit, and the stages after it
# still run. The whole command has one budget (TEMPCTL_TEST_BUDGET, 3000 s): a stage never gets
# more than what is left of it, so the test command ends within about 50 minutes whatever hangs.
# The exit status is non-zero when any stage failed; the last lines name every failed stage.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
budget=${TEMPCTL_TEST_BUDGET:-3000}
failed=()
stage() {
  local name=$1 limit=$2; shift 2
  local left=$(( budget - ($(date +%s) - start) ))
  (( left < limit )) && limit=$left
  if (( limit <= 0 )); then
    echo "test command: '$name' not run, the budget of $budget s is spent" >&2
    failed+=("$name (not run: budget spent)"); return 0
  fi
  local rc=0
  timeout --kill-after=30 "$limit" "$@" || rc=$?
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    echo "test command: '$name' did not finish within $limit s" >&2
    failed+=("$name (timed out after $limit s)")
  elif [ "$rc" != 0 ]; then
    failed+=("$name (exit $rc)")
  fi
  return 0
}
# Set-up and the release build come first and stop the command when they fail: nothing after
# them can run without the packages and the binary.
TEMPCTL_SETUP_TESTS=1 timeout --kill-after=30 1200 bash scripts/setup.sh
echo "== release build"
timeout --kill-after=30 1800 swift build -c release --product tempctl 2>&1 | tail -1
tempctl=.build/release/tempctl
stage "BLAS binding check" 120 bash scripts/check-blas-binding.sh "$tempctl"
stage "kernels check" 900 bash scripts/check-kernels.sh
echo "== Examples/CustomStatistic (a user's own statistic, without forking)"
stage "Examples/CustomStatistic" 900 bash -c 'cd Examples/CustomStatistic && swift build 2>&1 | tail -1 && bash ../../scripts/check-custom-example.sh .build/debug/custom-tempctl'
echo "== Examples/CustomHeuristic (a user's own heuristic, measured beside the built-ins)"
stage "Examples/CustomHeuristic" 900 bash -c 'cd Examples/CustomHeuristic && swift build 2>&1 | tail -1 && bash ../../scripts/check-custom-heuristic.sh .build/debug/custom-heuristic'
echo "== end-to-end study on a synthetic zoo"
stage "end-to-end study" 900 bash scripts/check-study.sh "$tempctl"
echo "== a sharded, blocked sweep under a real single-node Slurm (slurm-wlm, munge)"
stage "Slurm" 1200 bash scripts/check-slurm.sh "$tempctl"
echo "== landmark_alpha against its independent reference on every zoo set"
stage "landmark check" 600 python3 scripts/check-landmark.py "$tempctl"
echo "== hostile and degenerate input (docs/formats.md's bad-input table)"
stage "hostile input" 900 python3 scripts/check-hostile.py "$tempctl"
echo "== the Python package in a fresh virtual environment (pip install ./python, pytest)"
stage "Python package" 1500 bash scripts/check-python.sh
echo "== fuzzing: every regression file, then 10 s per parser (the full 10^6 runs: bash scripts/fuzz.sh)"
stage "fuzzing" 1200 bash -c 'FUZZ_RUNS=0 FUZZ_SECONDS=10 bash scripts/fuzz.sh | tail -6'
echo "== swift test"
# OpenBLAS picks its kernels from the CPU's model number and falls back to SSE3 "Prescott" kernels
# on models it does not know (this workplace's VMs). tempctl restarts itself with the right
# OPENBLAS_CORETYPE (Numerics/BLASCoreType.swift); the test process must run under the same
# kernels, whose GEMM columns do not depend on the matrix's width (the tests check bit identity).
if [ -z "${OPENBLAS_CORETYPE:-}" ] && OPENBLAS_VERBOSE=2 TEMPCTL_KEEP_BLAS_CORE=1 "$tempctl" plugins 2>&1 >/dev/null | grep -q "Core: Prescott"; then
  if grep -qw avx512f /proc/cpuinfo && grep -qw avx512bw /proc/cpuinfo && grep -qw avx512vl /proc/cpuinfo && grep -qw avx512dq /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=Haswell
  fi
  echo "OpenBLAS misdetected this CPU as Prescott: tests run with OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
fi
log=$(mktemp)
swift_test() {
  swift build --build-tests 2>&1 | tail -1
  swift test --skip-build 2>&1 | tee "$log" | grep -vE "^(◇|✔ (Test|Suite) .* (started|passed))" | grep -vE "^\s*$" || true
  grep -E "^(✔|✘) Test run" "$log" | tail -1
  grep -qE "^✔ Test run .* passed after" "$log"
}
export -f swift_test; export log
stage "swift test" 2700 bash -c swift_test
echo "test command finished in $(( $(date +%s) - start )) s"
if ((${#failed[@]})); then
  echo "test command FAILED: ${#failed[@]} stage(s):" >&2
  printf '  - %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "test command: every stage passed"

#!/usr/bin/env bash
# The test command: set-up, a release build, the unit/golden/CLI/store tests, the BLAS binding
# check, the kernels' same-bits-on-every-instruction-set check, the custom-statistic and custom-heuristic examples, an
# end-to-end study rendered in headless Chromium, a sharded sweep under a real single-node Slurm, every hostile input of docs/formats.md, the Python
# package's tests in a fresh virtual environment, and a short fuzzing run over the parsers.
#
# Every stage is bounded (`bounded SECONDS command…`): a stage that hangs — a stalled download,
# a deadlock — fails the test command with its name instead of running into CI's limit.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bounded() {
  local limit=$1; shift
  local rc=0
  timeout --kill-after=30 "$limit" "$@" || rc=$?
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then echo "test command FAILED: '$*' did not finish within $limit s" >&2; fi
  return "$rc"
}
TEMPCTL_SETUP_TESTS=1 bash scripts/setup.sh
echo "== release build"
swift build -c release --product tempctl 2>&1 | tail -1
bash scripts/check-blas-binding.sh .build/release/tempctl
bash scripts/check-kernels.sh
echo "== Examples/CustomStatistic (a user's own statistic, without forking)"
(cd Examples/CustomStatistic && swift build 2>&1 | tail -1 && bash ../../scripts/check-custom-example.sh .build/debug/custom-tempctl)
echo "== Examples/CustomHeuristic (a user's own heuristic, measured beside the built-ins)"
(cd Examples/CustomHeuristic && swift build 2>&1 | tail -1 && bounded 600 bash ../../scripts/check-custom-heuristic.sh .build/debug/custom-heuristic)
echo "== end-to-end study on a synthetic zoo"
bounded 900 bash scripts/check-study.sh .build/release/tempctl
echo "== a sharded, blocked sweep under a real single-node Slurm (slurm-wlm, munge)"
bounded 1200 bash scripts/check-slurm.sh .build/release/tempctl
echo "== hostile and degenerate input (docs/formats.md's bad-input table)"
bounded 900 python3 scripts/check-hostile.py .build/release/tempctl
echo "== the Python package in a fresh virtual environment (pip install ./python, pytest)"
bounded 2400 bash scripts/check-python.sh
echo "== fuzzing: every regression file, then 10 s per parser (the full 10^6 runs: bash scripts/fuzz.sh)"
FUZZ_RUNS=0 FUZZ_SECONDS=10 bounded 1200 bash scripts/fuzz.sh | tail -6
echo "== swift test"
# OpenBLAS picks its kernels from the CPU's model number and falls back to SSE3 "Prescott" kernels
# on models it does not know (this workplace's VMs). tempctl restarts itself with the right
# OPENBLAS_CORETYPE (Numerics/BLASCoreType.swift); the test process must run under the same
# kernels, whose GEMM columns do not depend on the matrix's width (the tests check bit identity).
if [ -z "${OPENBLAS_CORETYPE:-}" ] && OPENBLAS_VERBOSE=2 TEMPCTL_KEEP_BLAS_CORE=1 .build/release/tempctl plugins 2>&1 >/dev/null | grep -q "Core: Prescott"; then
  if grep -qw avx512f /proc/cpuinfo && grep -qw avx512bw /proc/cpuinfo && grep -qw avx512vl /proc/cpuinfo && grep -qw avx512dq /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=Haswell
  fi
  echo "OpenBLAS misdetected this CPU as Prescott: tests run with OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
fi
log=$(mktemp)
bounded 2700 swift test 2>&1 | tee "$log" | grep -vE "^(◇|✔ (Test|Suite) .* (started|passed))" | grep -vE "^\s*$" || true
grep -E "^(✔|✘) Test run" "$log" | tail -1
grep -qE "^✔ Test run .* passed after" "$log"
echo "test command finished in $(( $(date +%s) - start )) s"

#!/usr/bin/env bash
# libFuzzer + AddressSanitizer (LeakSanitizer included) over every parser of untrusted input:
# the .npy header and body, the .npz zip directory and members, .safetensors, CSV, zoo.json and plugins.json
# (fuzz/Sources/tempctl-fuzz/Harness.swift). Builds the harness, replays every regression file
# (fuzz/regressions/<target>/, one per finding, kept forever), then fuzzes each target from its
# seed corpus (fuzz/corpus/<target>/) for a bounded number of executions or seconds.
#
#   bash scripts/fuzz.sh                      # 10^6 executions per target (docs/fuzzing.md)
#   FUZZ_RUNS=0 FUZZ_SECONDS=10 bash scripts/fuzz.sh   # 10 s per target (the test command)
#
# A crash, a sanitizer report or a leak stops the script with libFuzzer's report and the input
# that caused it (saved as fuzz/findings/<target>/crash-*): fix the parser, then move the input
# into fuzz/regressions/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${FUZZ_RUNS:-1000000}
seconds=${FUZZ_SECONDS:-0}
targets=${FUZZ_TARGETS:-"npy npz safetensors csv zoo plugins"}
echo "== building the fuzz harness (release, -sanitize=fuzzer,address)"
(cd fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld 2>&1 | tail -1)
bin=$root/fuzz/.build/release/tempctl-fuzz
summary=()
for t in $targets; do
  work=$(mktemp -d)
  cp -r "fuzz/corpus/$t/." "$work/"
  mkdir -p "fuzz/findings/$t"
  if compgen -G "fuzz/regressions/$t/*" > /dev/null; then
    TEMPCTL_FUZZ_TARGET=$t "$bin" -runs=1 fuzz/regressions/$t/* 2>&1 | tail -1
    echo "$t: $(ls fuzz/regressions/$t | wc -l) regression file(s) replayed without a finding"
  fi
  limit=()
  [ "$runs" != 0 ] && limit+=(-runs="$runs")
  [ "$seconds" != 0 ] && limit+=(-max_total_time="$seconds")
  log=$(mktemp)
  start=$(date +%s)
  if ! TEMPCTL_FUZZ_TARGET=$t "$bin" "$work" "${limit[@]}" -max_len=65536 -rss_limit_mb=4096 -timeout=20 \
      -artifact_prefix="fuzz/findings/$t/" -print_final_stats=1 > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz target $t: FINDING (input saved under fuzz/findings/$t/)"
    exit 1
  fi
  execs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
  peak=$(grep -oE "stat::peak_rss_mb: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
  cov=$(grep -oE "cov: [0-9]+" "$log" | tail -1 | grep -oE "[0-9]+" || echo "?")
  summary+=("$(printf "%-8s %10s executions in %4d s, coverage %5s edges, peak RSS %4s MB, corpus %s → %s files, no finding" \
    "$t" "$execs" $(( $(date +%s) - start )) "$cov" "$peak" "$(ls fuzz/corpus/$t | wc -l)" "$(ls "$work" | wc -l)")")
  echo "${summary[-1]}"
  rm -rf "$work" "$log"
done
echo "== fuzz summary"
printf '%s\n' "${summary[@]}"

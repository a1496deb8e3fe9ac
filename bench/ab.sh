#!/usr/bin/env bash
# Side-by-side timing of two tempctl builds on one sweep, alternating runs (the machine is noisy;
# only a comparison within one run means anything).
#
#   bench/ab.sh OLD_TEMPCTL NEW_TEMPCTL [RUNS] [SET.npz]
#
# Without SET, makes the sweep benchmark's set (N 12500, d 512, C 100, explicit split).
set -euo pipefail
a=$1; b=$2; runs=${3:-5}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
set_path=${4:-$tmp/data.npz}
[ -e "$set_path" ] || "$a" synth --n 12500 --d 512 --classes 100 --spread 0.3 --split -o "$set_path" >/dev/null
for i in $(seq "$runs"); do
  for bin in "$a" "$b"; do
    rm -f "$tmp"/s.sqlite*
    s=$(date +%s.%N)
    "$bin" sweep "$set_path" --store "$tmp/s.sqlite" --seeds 1 --epochs 5 --quiet
    echo "$bin $(echo "$(date +%s.%N) - $s" | bc)"
  done
done | awk '{t[$1] = t[$1] " " sprintf("%.2f", $2)} END {for (k in t) print k ":" t[k]}'

#!/usr/bin/env bash
# Runs the custom-statistic example: its statistic must be listed and computed.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" plugins | grep -q "^participation_ratio" || { echo "custom statistic not listed by plugins" >&2; exit 1; }
"$bin" synth --n 300 --d 6 --classes 3 -o "$tmp/s.npz" >/dev/null
out=$("$bin" stats "$tmp/s.npz" --format json --only participation_ratio)
grep -q '"participation_ratio": 0\.' <<<"$out" || { echo "custom statistic not computed: $out" >&2; exit 1; }
echo "custom example: $out"

#!/usr/bin/env bash
# End-to-end check of the study pipeline on a small synthetic zoo (fast settings): study, rerun
# from the cache, suggest with the fitted model, and the report rendered in headless Chromium.
#   bash scripts/check-study.sh [path/to/tempctl]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "${1:-$root/.build/release/tempctl}")" && pwd)/$(basename "${1:-tempctl}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
sets=""
i=0
for g in a b c; do
  for s in 1 2 3; do
    i=$((i + 1))
    # Many classes of unequal size: accuracy depends on α (a set with a flat curve is kept out).
    "$bin" synth --n $((500 + 40 * i)) --d $((4 * i + 20)) --classes $((10 + 2 * (i % 4))) --spread "0.$((4 + i % 4))" --imbalance 4 --seed $i -o "$g$s.npz" >/dev/null
    sets="$sets{\"name\": \"$g$s\", \"dataset\": \"$g\", \"extractor\": \"e$s\", \"path\": \"$g$s.npz\"},"
  done
done
echo "{\"sets\": [${sets%,}]}" > zoo.json
args=(--zoo zoo.json --plugins "$root/plugins.json" --alphas 1,4,16,64,128 --k 2 --quiet)
t0=$(date +%s)
"$bin" study "${args[@]}" > study.txt
grep -q "Table 1" study.txt && grep -q "fitted-bestk" study.txt
t1=$(date +%s)
"$bin" study "${args[@]}" > again.txt
t2=$(date +%s)
diff <(grep -v "study finished" study.txt) <(grep -v "study finished" again.txt)  # the cached rerun prints the same tables
"$bin" suggest a1.npz --model tempctl-model.json --format json | grep -q '"alpha": '
echo "study check: first run $((t1 - t0)) s, cached rerun $((t2 - t1)) s; suggest works with the fitted model"
bash "$root/scripts/check-report.sh" tempctl-report

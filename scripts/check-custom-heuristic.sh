#!/usr/bin/env bash
# Runs the custom-heuristic example (Examples/CustomHeuristic): its heuristic must be listed, be
# given the statistic it declares, and be measured like the built-ins by `compare` on a small zoo.
#   bash scripts/check-custom-heuristic.sh path/to/custom-heuristic
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" plugins --heuristics | grep -q "^effective-sqrt-dim .*statistic pca_90" || { echo "custom heuristic not listed by plugins --heuristics" >&2; exit 1; }
cd "$tmp"
# Eight small sets in four groups: a few hundred training rows and 2000 validation rows each, so
# accuracy measurably depends on α on sets this cheap to train (the example is a debug build).
python3 - <<'PY'
import json, numpy as np
sets = []
for i in range(1, 9):
    rng = np.random.default_rng(i)
    d, c, spread = 8 + i % 3, 12 + 2 * (i % 3), 0.9 + 0.1 * (i % 4)
    means = rng.normal(size=(c, d)) * spread
    w = 4.0 ** (-np.arange(c) / (c - 1)); w /= w.sum()
    def rows(n):
        y = np.concatenate([np.arange(c), rng.choice(c, size=n - c, p=w)])
        return (means[y] + rng.normal(size=(n, d))).astype(np.float32), y.astype(np.int64)
    xt, yt = rows(240 + 10 * i); xv, yv = rows(2000)
    name = "g%d-%d" % ((i + 1) // 2, i % 2)
    np.savez(name + ".npz", X_train=xt, y_train=yt, X_val=xv, y_val=yv)
    sets.append({"name": name, "dataset": "g%d" % ((i + 1) // 2), "extractor": "e%d" % (i % 2), "path": name + ".npz"})
json.dump({"sets": sets}, open("zoo.json", "w"))
PY
echo '{"statistics": [{"id": "dim"}, {"id": "n_classes"}, {"id": "sb_trace"}, {"id": "pca_90"}]}' > plugins.json
args=(--zoo zoo.json --plugins plugins.json --alphas 0.25,1,4,16,64 --no-extend --max-iterations 60 --k 1 --quiet)
out=$("$bin" compare "${args[@]}" --details --format csv)
rows=$(grep -c "^g[0-9]-[0-9],effective-sqrt-dim," <<<"$out" || true)
[ "$rows" = 8 ] || { echo "custom heuristic measured on $rows of 8 sets:" >&2; echo "$out" | head -5 >&2; exit 1; }
"$bin" compare "${args[@]}" | grep -E "^(heuristic|effective-sqrt-dim|sqrt-dim) "
echo "custom heuristic: measured on all 8 sets beside the built-ins"

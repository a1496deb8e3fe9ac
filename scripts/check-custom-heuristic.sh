#!/usr/bin/env bash
# Runs the custom-heuristic example (Examples/CustomHeuristic): its heuristic must be listed, be
# given the statistic it declares, and be measured like the built-ins by `compare` on a small zoo.
#   bash scripts/check-custom-heuristic.sh path/to/custom-heuristic
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scripts=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" plugins --heuristics | grep -q "^effective-sqrt-dim .*statistic pca_90" || { echo "custom heuristic not listed by plugins --heuristics" >&2; exit 1; }
cd "$tmp"
# Eight small sets in four groups: a few hundred training rows and 2000 validation rows each, so
# accuracy measurably depends on α on sets this cheap to train (the example is a debug build).
# Python's standard library only (the .npy/.npz writers of check-hostile.py): no numpy needed.
SCRIPTS=$scripts python3 - <<'PY'
import importlib.util, json, os, random
spec = importlib.util.spec_from_file_location("hostile", os.path.join(os.environ["SCRIPTS"], "check-hostile.py"))
h = importlib.util.module_from_spec(spec); spec.loader.exec_module(h)
sets = []
for i in range(1, 9):
    rng = random.Random(i)
    d, c, spread = 8 + i % 3, 12 + 2 * (i % 3), 0.9 + 0.1 * (i % 4)
    means = [[rng.gauss(0, 1) * spread for _ in range(d)] for _ in range(c)]
    weights = [4.0 ** (-k / (c - 1)) for k in range(c)]
    def rows(n):
        y = list(range(c)) + rng.choices(range(c), weights=weights, k=n - c)   # every class at least once
        return [means[k][j] + rng.gauss(0, 1) for k in y for j in range(d)], y
    xt, yt = rows(240 + 10 * i); xv, yv = rows(2000)
    name = "g%d-%d" % ((i + 1) // 2, i % 2)
    h.write_npz(name + ".npz", {"X_train": h.npy([len(yt), d], h.f32(xt)), "y_train": h.npy([len(yt)], h.i64(yt), "<i8"),
                                "X_val": h.npy([len(yv), d], h.f32(xv)), "y_val": h.npy([len(yv)], h.i64(yv), "<i8")})
    sets.append({"name": name, "dataset": "g%d" % ((i + 1) // 2), "extractor": "e%d" % (i % 2), "path": name + ".npz"})
json.dump({"sets": sets}, open("zoo.json", "w"))
PY
echo '{"statistics": [{"id": "dim"}, {"id": "n_classes"}, {"id": "sb_trace"}, {"id": "pca_90"}]}' > plugins.json
args=(--zoo zoo.json --plugins plugins.json --alphas 0.25,1,4,16,64 --no-extend --max-iterations 60 --k 1 --quiet)
out=$("$bin" compare "${args[@]}" --details --format csv)
# On every set the study keeps (a set whose accuracy does not depend on α is kept out), as the
# built-in constant-1 is.
rows=$(grep -c "^g[0-9]-[0-9],effective-sqrt-dim," <<<"$out" || true)
sets=$(grep -c "^g[0-9]-[0-9],constant-1," <<<"$out" || true)
[ "$rows" = "$sets" ] && [ "$rows" -ge 6 ] || { echo "custom heuristic measured on $rows sets, constant-1 on $sets:" >&2; echo "$out" | head -5 >&2; exit 1; }
"$bin" compare "${args[@]}" | grep -E "^(heuristic|effective-sqrt-dim|sqrt-dim) "
echo "custom heuristic: measured on all $rows sets the study keeps (of 8), beside the built-ins"

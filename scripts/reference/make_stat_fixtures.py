#!/usr/bin/env python3
"""Golden values for tempctl's statistics (SPEC §3), from the reference implementations.

Writes, into Tests/StatPluginsTests/Fixtures/:
  <name>.npz          small embedding sets with an explicit split (X_train, y_train, X_val, y_val),
                      so the reference and tempctl see the same training split;
  statistics.json     every statistic of every set, computed here with numpy / scipy / scikit-learn;
  shapiro.json        samples of n = 3, 4, 5, 11, 12, 50, 1000, 5000 and scipy.stats.shapiro's W.

All references run on float64 copies of the data: tempctl accumulates in Float64 (SPEC §3), and
numpy's float32 reductions would differ from it in the 7th digit.

Rerun:  python3 scripts/reference/make_stat_fixtures.py
Needs:  numpy, scipy, scikit-learn (versions are recorded in the JSON).
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.stats
import sklearn

from reference_stats import reference_statistics

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "StatPluginsTests", "Fixtures")


def stratified_split(y, rng):
    """An 80/20 split per class (any split works: it is written into the file)."""
    train, val = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        v = min(int(np.floor(0.2 * len(idx) + 0.5)), len(idx) - 1)
        val.extend(idx[:v]); train.extend(idx[v:])
    return np.sort(np.array(train, dtype=np.int64)), np.sort(np.array(val, dtype=np.int64))


def make_sets():
    rng = np.random.default_rng(20261126)
    sets = {}

    def clusters(n, d, C, spread=1.0, sizes=None):
        sizes = sizes or [n // C + (1 if i < n % C else 0) for i in range(C)]
        means = rng.normal(size=(C, d)) * spread
        y = np.concatenate([np.full(s_, c) for c, s_ in enumerate(sizes)])
        X = means[y] + rng.normal(size=(len(y), d))
        return X, y

    X, y = clusters(300, 12, 4, spread=1.5)
    sets["gauss_f64"] = (X.astype(np.float64), y)
    X, y = clusters(400, 24, 6, spread=0.8)
    sets["gauss_f32"] = (X.astype(np.float32), y)
    X, y = clusters(200, 10, 3)
    X[:, 2] = 3.25          # a constant column
    X[:, 7] = 0.0           # a dead (all-zero) column
    sets["constant_cols"] = (X, y)
    X, y = clusters(0, 8, 4, spread=2.0, sizes=[150, 20, 5, 2])   # class 3: 1 train + 1 val sample
    sets["imbalanced"] = (X, y)
    X, y = clusters(40, 64, 3, spread=1.0)
    sets["d_gt_n"] = (X, y)
    n = 250
    y = (rng.random(n) < 0.4).astype(np.int64)
    X = rng.standard_t(df=4, size=(n, 16)) + 0.7 * y[:, None]
    sets["two_classes"] = (X.astype(np.float32), y)
    X, y = clusters(360, 20, 5, spread=1.2)
    X = np.maximum(X - 0.5, 0.0)   # ReLU-like, many exact zeros
    X[:, :3] = 0.0                  # dead units
    sets["relu_like"] = (X.astype(np.float32), y + 10)   # labels 10..14: mapped to 0..4
    return sets, rng


def main():
    os.makedirs(OUT, exist_ok=True)
    sets, rng = make_sets()
    golden = {"generator": "scripts/reference/make_stat_fixtures.py",
              "versions": {"python": sys.version.split()[0], "numpy": np.__version__,
                           "scipy": scipy.__version__, "scikit-learn": sklearn.__version__},
              "sets": {}}
    for name, (X, y) in sets.items():
        tr, va = stratified_split(y, rng)
        Xt, yt, Xv, yv = X[tr], y[tr], X[va], y[va]
        np.savez(os.path.join(OUT, f"{name}.npz"), X_train=Xt, y_train=yt, X_val=Xv, y_val=yv)
        s = reference_statistics(Xt, yt, Xv)
        C = len(np.unique(np.concatenate([yt, yv])))
        s["n_classes"] = C
        s["avg_samp_class"] = len(yt) / C
        golden["sets"][name] = {"dtype": str(X.dtype), "n_train": int(len(yt)), "n_val": int(len(yv)),
                                "statistics": s}
        print(f"{name}: {X.dtype} train {Xt.shape} classes {C}")
    with open(os.path.join(OUT, "statistics.json"), "w") as f:
        json.dump(golden, f, indent=1, default=float)

    sw = {"generator": golden["generator"], "versions": golden["versions"], "cases": []}
    for n in (3, 4, 5, 11, 12, 50, 1000, 5000):
        for dist in ("normal", "exponential"):
            x = rng.normal(size=n) if dist == "normal" else rng.exponential(size=n) * 10 + 100
            r = scipy.stats.shapiro(x)
            sw["cases"].append({"n": n, "distribution": dist, "x": x.tolist(),
                                "w": float(r.statistic), "p": float(r.pvalue)})
    with open(os.path.join(OUT, "shapiro.json"), "w") as f:
        json.dump(sw, f)
    print("wrote", OUT)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark: `tempctl suggest` on a large set (issue #5: under 2 s at N = 50000, d = 2048).

Writes one synthetic float32 set with numpy, in the three layouts a user has (np.savez, a
directory of .npy files, np.savez_compressed), then times, alternating in one run:

- `tempctl suggest` (the default model: pca_75/80/90/95 of the training split),
- `tempctl suggest --exact` (the double-precision covariance of `tempctl stats`),
- the numpy way to get the same four statistics: np.load, then np.cov + np.linalg.eigvalsh of the
  same training rows (what `PCA(n_components=t).fit` computes, once for all four). Its time is
  measured inside the script, from loading the array to the values (the split, done in pure
  Python to reproduce tempctl's, is not counted).

It prints the median wall times and checks that all three give the same four values.

    python3 bench/suggest_bench.py [--n 50000 --d 2048 --repeats 5]

Build first: swift build -c release.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PEER = r"""
import json, sys, time, numpy as np
sys.path.insert(0, sys.argv[2])
from split_reference import split
z = np.load(sys.argv[1])
_, inv = np.unique(z["y"], return_inverse=True)
train, _ = split(inv.tolist(), int(inv.max()) + 1, 0)   # tempctl's split (pure Python: not timed)
t0 = time.perf_counter()
X = np.load(sys.argv[1])["X"]
Xt = X[train].astype(np.float64)
ev = np.clip(np.linalg.eigvalsh(np.cov(Xt, rowvar=False))[::-1], 0, None)
ratio = np.cumsum(ev / ev.sum())
out = {}
for t in (0.75, 0.80, 0.90, 0.95):
    k = int(np.searchsorted(ratio, t, side="right")) + 1
    out[f"pca_{int(round(t * 100))}"] = 100.0 * k / X.shape[1]
print(json.dumps({"statistics": out, "seconds": time.perf_counter() - t0}))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50000)
    ap.add_argument("--d", type=int, default=2048)
    ap.add_argument("--classes", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--tempctl", default=os.path.join(ROOT, ".build", "release", "tempctl"))
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    rng = np.random.default_rng(3)
    y = rng.integers(0, args.classes, args.n)
    centres = rng.normal(size=(args.classes, args.d)).astype(np.float32)
    scale = np.linspace(0.1, 2, args.d, dtype=np.float32)
    X = centres[y] * 0.3 + rng.normal(size=(args.n, args.d)).astype(np.float32) * scale
    paths = {"npz": os.path.join(tmp, "big.npz"), "npy-dir": os.path.join(tmp, "bigdir"),
             "npz-deflated": os.path.join(tmp, "big_c.npz")}
    np.savez(paths["npz"], X=X, y=y)
    os.makedirs(paths["npy-dir"])
    np.save(os.path.join(paths["npy-dir"], "X.npy"), X)
    np.save(os.path.join(paths["npy-dir"], "y.npy"), y)
    np.savez_compressed(paths["npz-deflated"], X=X, y=y)
    del X
    print(f"set: N={args.n}, d={args.d}, C={args.classes}, float32 ({os.path.getsize(paths['npz']) / 1e6:.0f} MB)")

    def run(cmd):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        inner = json.loads(out.splitlines()[0]).get("seconds")
        return (inner if inner is not None else time.perf_counter() - t0), out

    peer_cmd = [sys.executable, "-c", PEER, paths["npz"], os.path.join(ROOT, "scripts", "reference")]
    cases = [(f"suggest {k}", [args.tempctl, "suggest", p, "--format", "json"]) for k, p in paths.items()]
    cases += [("suggest --exact npz", [args.tempctl, "suggest", paths["npz"], "--format", "json", "--exact"]),
              ("numpy cov+eigvalsh", peer_cmd)]
    times = {name: [] for name, _ in cases}
    values = {}
    for r in range(args.repeats):
        for name, cmd in cases:
            t, out = run(cmd)
            times[name].append(t)
            values[name] = json.loads(out.splitlines()[0])["statistics"]
    print("median wall time over", args.repeats, "runs (min–max):")
    for name, _ in cases:
        ts = times[name]
        print(f"  {name:22s} {statistics.median(ts):6.2f} s  ({min(ts):.2f}–{max(ts):.2f})")
    ref = values["numpy cov+eigvalsh"]
    same = all(values[name] == ref for name, _ in cases)
    print("pca_75/80/90/95:", ref, "— identical on every path" if same else "— DIFFER:")
    if not same:
        for name, _ in cases:
            print(f"  {name}: {values[name]}")
        sys.exit(1)


if __name__ == "__main__":
    main()

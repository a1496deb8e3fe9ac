#!/usr/bin/env python3
"""Writes one large synthetic float32 set the way a user's extraction script would: `np.savez`
(stored members) of X (N × d, float32, C order) and y (int64), C Gaussian classes of equal
expected size. Rows are generated and written in blocks, so the generator itself never holds
more than one block beyond the output array.

    python3 bench/make_large_set.py --n 1000000 --d 1024 --classes 1000 -o /tmp/large.npz
"""
import argparse

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--d", type=int, default=1024)
    ap.add_argument("--classes", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--spread", type=float, default=1.0, help="noise scale around the class means")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    means = rng.standard_normal((a.classes, a.d), dtype=np.float32)
    # A decaying spectrum, as real embeddings have: column j scaled by (1 + j)^-0.5.
    scale = (1.0 + np.arange(a.d, dtype=np.float32)) ** -0.5
    y = rng.integers(0, a.classes, size=a.n, dtype=np.int64)
    X = np.empty((a.n, a.d), dtype=np.float32)
    block = 65536
    for s in range(0, a.n, block):
        e = min(a.n, s + block)
        noise = rng.standard_normal((e - s, a.d), dtype=np.float32)
        X[s:e] = (means[y[s:e]] + a.spread * noise) * scale
    np.savez(a.output, X=X, y=y)


if __name__ == "__main__":
    main()

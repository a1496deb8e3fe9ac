#!/usr/bin/env python3
"""Benchmark (issue #15, docs/scaling.md): how `tempctl stats`, `tempctl suggest` and one converged
L-BFGS iteration scale with N, d and C on this machine. One axis at a time around a base set
(N = 100000, d = 256, C = 100; sweeps around N = 20000), each set written by make_large_set.py
(float32, np.savez), each command timed once under /usr/bin/time -v (wall, peak RSS). The
exponent of each axis is the least-squares slope of log(time) on log(size).

The sweep column is the wall time of one α capped at 30 iterations (`--max-iterations 30
--no-newton --no-extend`, one seed) divided by 30, after subtracting the same sweep capped at 1
iteration (loading, hashing, the split): the cost of one full-batch iteration.

    python3 bench/scaling_bench.py [--quick]
"""
import argparse
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPCTL = os.path.join(ROOT, ".build", "release", "tempctl")


def make(path, n, d, c):
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make_large_set.py"), "--n", str(n), "--d", str(d),
                    "--classes", str(c), "-o", path], check=True)


def timed(args):
    p = subprocess.run(["/usr/bin/time", "-v", TEMPCTL] + args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: tempctl {' '.join(args)}\n{p.stderr[-1500:]}")
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    wall = float(m.group(1) or 0) * 3600 + float(m.group(2)) * 60 + float(m.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1e6
    return wall, rss


def iteration_seconds(path, tmp):
    def sweep(iterations):
        store = os.path.join(tmp, f"s{iterations}.sqlite")
        for f in (store, store + "-wal", store + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        return timed(["sweep", path, "--store", store, "--seeds", "1", "--alphas", "16", "--max-iterations", str(iterations),
                      "--no-newton", "--no-extend", "--gtol", "1e-12", "--ftol", "1e-15", "--gfloor", "0", "--quiet"])
    base, _ = sweep(1)
    wall, rss = sweep(31)
    return max(wall - base, 1e-3) / 30, rss


def slope(xs, ys):
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller sets (a smoke test)")
    a = ap.parse_args()
    scale = 10 if a.quick else 1
    base = dict(n=100_000 // scale, d=256, c=100)
    axes = {"n": [25_000, 50_000, 100_000, 200_000, 400_000], "d": [128, 256, 512, 1024], "c": [10, 100, 1000]}
    sweep_base = dict(n=20_000 // scale, d=256, c=100)
    sweep_axes = {"n": [10_000, 20_000, 40_000, 80_000], "d": [128, 256, 512], "c": [25, 50, 100, 200]}
    tmp = tempfile.mkdtemp()
    rows = []
    print(f"{'axis':4s} {'N':>8s} {'d':>5s} {'C':>5s} {'MB':>7s} {'stats s':>8s} {'GB':>5s} {'suggest s':>9s} {'GB':>5s}", flush=True)
    for axis, values in axes.items():
        for v in values:
            shape = dict(base, **{axis: v // scale if axis == "n" else v})
            path = os.path.join(tmp, "set.npz")
            make(path, shape["n"], shape["d"], shape["c"])
            st, sr = timed(["stats", path, "--format", "json", "--quiet"])
            gt, gr = timed(["suggest", path, "--format", "json"])
            mb = os.path.getsize(path) / 1e6
            rows.append((axis, shape, st, gt))
            print(f"{axis:4s} {shape['n']:8d} {shape['d']:5d} {shape['c']:5d} {mb:7.0f} {st:8.2f} {sr:5.2f} {gt:9.2f} {gr:5.2f}", flush=True)
            os.remove(path)
    print("\nper-iteration cost of the converged solver (one α):")
    print(f"{'axis':4s} {'N':>8s} {'d':>5s} {'C':>5s} {'s/iter':>8s} {'GB':>5s}", flush=True)
    sweep_rows = []
    for axis, values in sweep_axes.items():
        for v in values:
            shape = dict(sweep_base, **{axis: v // scale if axis == "n" else v})
            path = os.path.join(tmp, "sweep.npz")
            make(path, shape["n"], shape["d"], shape["c"])
            it, rss = iteration_seconds(path, tmp)
            sweep_rows.append((axis, shape, it))
            print(f"{axis:4s} {shape['n']:8d} {shape['d']:5d} {shape['c']:5d} {it:8.4f} {rss:5.2f}", flush=True)
            os.remove(path)
    print("\nfitted exponents (time ∝ size^k, one axis at a time):")
    for axis in axes:
        r = [x for x in rows if x[0] == axis]
        xs = [x[1][axis] for x in r]
        print(f"  {axis}: stats {slope(xs, [x[2] for x in r]):.2f}, suggest {slope(xs, [x[3] for x in r]):.2f}", end="")
        s = [x for x in sweep_rows if x[0] == axis]
        print(f", converged iteration {slope([x[1][axis] for x in s], [x[2] for x in s]):.2f}")


if __name__ == "__main__":
    main()

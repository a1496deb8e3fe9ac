#!/usr/bin/env python3
"""Benchmark: continuation along α (the default, the grid one chain) against a cold start of
every α (`--chain 1`), side by side on the same sets in one run.

For each set: wall time of `tempctl optimum SET` (converged protocol, grid extension on, fresh
store) both ways, the iterations summed over α, α* both ways, and how far the accuracies of the
same α differ (in accuracy points). Runs alternate within a repeat.

    python3 bench/continuation_bench.py SET.npz... [--repeats 1] [--extra "--alphas 1,5,10"]
Build first: swift build -c release.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(tempctl, path, store, extra):
    t0 = time.perf_counter()
    out = subprocess.run([tempctl, "optimum", path, "--store", store, "--runs", "--format", "json", "--quiet"] + extra,
                         check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - t0
    runs = [json.loads(l) for l in out.splitlines() if l.strip()]
    est = json.loads(subprocess.run([tempctl, "optimum", path, "--store", store, "--format", "json", "--quiet"] + extra,
                                    check=True, capture_output=True, text=True).stdout)
    return seconds, runs, est["alpha_star"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--extra", default="")
    a = ap.parse_args()
    tempctl = os.path.join(ROOT, ".build", "release", "tempctl")
    tmp = tempfile.mkdtemp()
    total = {"cold": 0.0, "chained": 0.0}
    print(f"{'set':34s} {'cold s':>8s} {'chained s':>9s} {'ratio':>6s} {'iter cold':>9s} {'chained':>8s} "
          f"{'α* cold':>8s} {'chained':>8s} {'max Δ pts':>10s}")
    for path in a.sets:
        best = {}
        for r in range(a.repeats):
            for mode, extra in (("cold", ["--chain", "1"]), ("chained", [])):
                store = os.path.join(tmp, f"{mode}-{r}-{os.path.basename(path)}.sqlite")
                got = run(tempctl, path, store, extra + a.extra.split())
                if mode not in best or got[0] < best[mode][0]:
                    best[mode] = got
        (tc, rc, sc), (tw, rw, sw) = best["cold"], best["chained"]
        total["cold"] += tc; total["chained"] += tw
        acc_c = {r["alpha"]: r["best_accuracy"] for r in rc}
        diffs = [abs(r["best_accuracy"] - acc_c[r["alpha"]]) for r in rw if r["alpha"] in acc_c]
        points = f"{100 * max(diffs, default=0):.2f}"
        name = os.path.relpath(path, ROOT) if path.startswith(ROOT) else path
        print(f"{name:34s} {tc:8.1f} {tw:9.1f} {tc / tw:6.2f} {sum(r['iterations'] for r in rc):9d} "
              f"{sum(r['iterations'] for r in rw):8d} {sc:8g} {sw:8g} {points:>10s}", flush=True)
    print(f"{'all':34s} {total['cold']:8.1f} {total['chained']:9.1f} {total['cold'] / total['chained']:6.2f}")


if __name__ == "__main__":
    main()

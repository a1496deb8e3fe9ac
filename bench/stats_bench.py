#!/usr/bin/env python3
"""Benchmark: `tempctl stats` against the numpy/scipy/scikit-learn reference on the same set.

Both sides compute every statistic of SPEC §3 exactly (no subsampling: max_samples above N on
the tempctl side, full data on the reference side) on one synthetic set with an explicit split,
alternating runs in one process tree, and this prints the median wall-time ratio and the largest
relative difference between the two sides' values.

    python3 bench/stats_bench.py [--n 20000 --d 512 --classes 100 --repeats 3]

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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--d", type=int, default=512)
    ap.add_argument("--classes", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--tempctl", default=os.path.join(ROOT, ".build", "release", "tempctl"))
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    data = os.path.join(tmp, "bench.npz")
    subprocess.run([args.tempctl, "synth", "--n", str(args.n), "--d", str(args.d), "--classes", str(args.classes),
                    "--correlation", "0.2", "--spread", "0.5", "--split", "-o", data], check=True, capture_output=True)
    ours_cmd = [args.tempctl, "stats", data, "--plugins", os.path.join(ROOT, "bench", "plugins-exact.json"),
                "--format", "json", "--quiet"]
    ref_cmd = [sys.executable, os.path.join(ROOT, "scripts", "reference", "reference_stats.py"), data, "--one-pca"]
    times = {"tempctl": [], "reference": []}
    outputs = {}
    for r in range(args.repeats):
        for name, cmd in (("tempctl", ours_cmd), ("reference", ref_cmd)):
            t0 = time.perf_counter()
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            times[name].append(time.perf_counter() - t0)
            outputs[name] = out
            print(f"run {r + 1} {name:9s} {times[name][-1]:7.2f} s", flush=True)
    ours = json.loads(outputs["tempctl"])["statistics"]
    ref = json.loads(outputs["reference"])
    worst, worst_id = 0.0, None
    for k, v in ref.items():
        if v is None or ours.get(k) is None:
            continue
        rel = abs(ours[k] - v) / max(abs(v), 1e-300)
        if rel > worst:
            worst, worst_id = rel, k
    med_t, med_r = statistics.median(times["tempctl"]), statistics.median(times["reference"])
    print(f"set: N={args.n} (train {int(json.loads(outputs['tempctl'])['n_train'])}), d={args.d}, C={args.classes}, float32")
    print(f"median wall time: tempctl {med_t:.2f} s, reference {med_r:.2f} s, ratio reference/tempctl = {med_r / med_t:.2f}x")
    print(f"largest relative difference: {worst:.2e} ({worst_id})")


if __name__ == "__main__":
    main()

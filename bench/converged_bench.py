#!/usr/bin/env python3
"""Benchmark: tempctl's converged optimum against the loop a researcher would write — one
torch.optim.LBFGS (strong Wolfe) run per temperature, to the same convergence criterion
(scripts/reference/torch_converged.py).

Synthetic set: N_train = 10000, N_val = 2500, d = 512, C = 100 (`tempctl synth --spread S
--correlation R`: overlapping classes, so accuracy is far from 100 % and the runs are long); the
paper's 51 temperatures (tempctl's grid extension switched off so both do the same work), one
seed. Runs alternate; prints each side's wall time, the ratio, the iterations and evaluations,
and the largest per-α accuracy difference (target: within 0.5 point).

    python3 bench/converged_bench.py [--repeats 1] [--torch-python VENV/bin/python] [--alphas 1,5,...]
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
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--torch-python", default=sys.executable)
    ap.add_argument("--alphas", default=",".join(str(a) for a in [1] + list(range(5, 251, 5))))
    ap.add_argument("--spread", default="0.12")
    ap.add_argument("--correlation", default="0.3")
    a = ap.parse_args()
    tempctl = os.path.join(ROOT, ".build", "release", "tempctl")
    tmp = tempfile.mkdtemp()
    data = os.path.join(tmp, "bench.npz")
    subprocess.run([tempctl, "synth", "--n", "12500", "--d", "512", "--classes", "100", "--spread", a.spread,
                    "--correlation", a.correlation, "--split", "-o", data], check=True, capture_output=True)
    times = {"tempctl": [], "torch": []}
    for r in range(a.repeats):
        store = os.path.join(tmp, f"s{r}.sqlite")
        t0 = time.perf_counter()
        out = subprocess.run([tempctl, "optimum", data, "--store", store, "--alphas", a.alphas, "--no-extend", "--runs",
                              "--format", "json", "--quiet"], check=True, capture_output=True, text=True).stdout
        times["tempctl"].append(time.perf_counter() - t0)
        ours = [json.loads(l) for l in out.splitlines() if l.strip()]
        t0 = time.perf_counter()
        ref = json.loads(subprocess.run([a.torch_python, os.path.join(ROOT, "scripts", "reference", "torch_converged.py"), data,
                                         "--alphas", a.alphas], check=True, capture_output=True, text=True).stdout)
        times["torch"].append(time.perf_counter() - t0)
        print(f"run {r + 1}: tempctl {times['tempctl'][-1]:.1f} s, torch loop {times['torch'][-1]:.1f} s", flush=True)
    acc = {float(o["alpha"]): o["best_accuracy"] for o in ours}
    diffs = [abs(acc[al] - ra) for al, ra in zip(ref["alphas"], ref["accuracy"])]
    worst = max(range(len(diffs)), key=lambda i: diffs[i])
    mt, mp = statistics.median(times["tempctl"]), statistics.median(times["torch"])
    print(f"set: N_train=10000, N_val=2500, d=512, C=100, spread {a.spread}, correlation {a.correlation}; "
          f"{len(ref['alphas'])} temperatures, 1 seed")
    print(f"accuracy: tempctl best {max(acc.values()):.4f} at α={max(acc, key=lambda k: (acc[k], -k)):g}, torch best "
          f"{max(ref['accuracy']):.4f}; largest per-α difference {100 * diffs[worst]:.2f} points (α={ref['alphas'][worst]:g}); "
          f"{sum(d <= 0.005 for d in diffs)}/{len(diffs)} α within 0.5 point")
    print(f"iterations: tempctl {sum(o['iterations'] for o in ours)} (not converged: {sum(not o['converged'] for o in ours)}), "
          f"torch {sum(ref['iterations'])} ({sum(ref['evaluations'])} evaluations)")
    print(f"median wall time: tempctl {mt:.1f} s, torch LBFGS loop {mp:.1f} s, ratio = {mp / mt:.2f}x")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark: tempctl's batched sweep against the PyTorch loop a researcher would write.

Same synthetic set (N_train = 10000, d = 512, C = 100), one seed, all 51 temperatures of the
paper's grid, 5 epochs, batch 2048, SGD; alternating runs; prints the median wall-time ratio (and
the median of the per-run ratios), and tempctl's achieved GFLOP/s (the GEMM flops it executes /
its wall time) against OpenBLAS's own sgemm GFLOP/s on the sweep's forward shape (best of 20
calls, both cores), measured in the same run.

    python3 bench/sweep_bench.py [--repeats 3] [--torch-python .zoo-venv/bin/python]
Build first: swift build -c release. Torch: the zoo's environment (scripts/zoo/requirements.txt).
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
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=5)
    default_py = os.path.join(ROOT, ".zoo-venv", "bin", "python")
    ap.add_argument("--torch-python", default=default_py if os.path.exists(default_py) else sys.executable)
    args = ap.parse_args()
    tempctl = os.path.join(ROOT, ".build", "release", "tempctl")
    tmp = tempfile.mkdtemp()
    data = os.path.join(tmp, "sweep.npz")
    # 12500 samples → 10000 train / 2500 validation with the stratified split.
    subprocess.run([tempctl, "synth", "--n", "12500", "--d", "512", "--classes", "100", "--spread", "0.3", "--split",
                    "-o", data], check=True, capture_output=True)
    peak_bin = os.path.join(tmp, "sgemm_peak")
    subprocess.run(["cc", "-O2", os.path.join(ROOT, "bench", "sgemm_peak.c"), "-I/usr/include/x86_64-linux-gnu",
                    "-lopenblas", "-o", peak_bin], check=True)
    T, C, d, n_train, n_val, b, E = 51, 100, 512, 10000, 2500, 2048, args.epochs
    flops = E * (2 * 2 * n_train * d * T * C + 2 * n_val * d * T * C)   # forward + backward GEMMs, validation GEMM
    # What tempctl executes: all slots start from the same weights, so the first step's forward
    # product is computed for one slot per part (2 parts) and copied to the others.
    executed = flops - 2 * b * d * C * (T - 2)
    times = {"tempctl": [], "torch": []}
    peaks = []
    for r in range(args.repeats):
        store = os.path.join(tmp, f"s{r}.sqlite")
        t0 = time.perf_counter()
        subprocess.run([tempctl, "sweep", data, "--store", store, "--seeds", "1", "--epochs", str(E), "--quiet"], check=True)
        times["tempctl"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        out = subprocess.run([args.torch_python, os.path.join(ROOT, "scripts", "reference", "torch_sweep.py"), data,
                              "--epochs", str(E)], check=True, capture_output=True, text=True).stdout
        times["torch"].append(time.perf_counter() - t0)
        peaks.append(float(subprocess.run([peak_bin, str(b), str(T * C), str(d)], capture_output=True, text=True, check=True).stdout))
        print(f"run {r + 1}: tempctl {times['tempctl'][-1]:.2f} s, torch {times['torch'][-1]:.2f} s, sgemm peak {peaks[-1]:.1f} GFLOP/s", flush=True)
    mt, mp = statistics.median(times["tempctl"]), statistics.median(times["torch"])
    paired = statistics.median(p / t for p, t in zip(times["torch"], times["tempctl"]))
    peak = statistics.median(peaks)
    print(f"set: N_train={n_train}, N_val={n_val}, d={d}, C={C}; 51 temperatures, {E} epochs, 1 seed")
    print(f"median wall time: tempctl {mt:.2f} s, PyTorch loop {mp:.2f} s, ratio = {mp / mt:.2f}x "
          f"(median of the per-run ratios {paired:.2f}x)")
    print(f"tempctl GEMM throughput {executed / mt / 1e9:.1f} GFLOP/s executed = {100 * executed / mt / 1e9 / peak:.0f}% "
          f"of OpenBLAS sgemm ({peak:.1f} GFLOP/s); {flops / mt / 1e9:.1f} GFLOP/s counting the loop's full "
          f"{flops / 1e9:.0f} GFLOP")

if __name__ == "__main__":
    main()

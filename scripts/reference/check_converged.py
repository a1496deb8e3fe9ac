#!/usr/bin/env python3
"""Checks tempctl's converged optimum against the independent float64 reference, set by set.

For every reference JSON (written by converged_reference.py) and tempctl's runs of the same set
(`tempctl optimum SET --runs --format json`, converged protocol), prints per set how many grid α
have converged accuracies equal within one validation sample, tempctl's α* and whether it lies in
the reference's plateau (the α whose paired difference to the reference's best is within 1.96
standard errors — the rule tempctl uses), and overall the share of (set, α) that agree. Exits 1
when fewer than 95 % agree or some α* lies outside the reference plateau.

    python3 scripts/reference/check_converged.py --tempctl .build/release/tempctl REF.json... \
        [--zoo-root Examples/zoo] [--extra-args "--gtol 1e-6"]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile


def plateau(alphas, correct):
    rows = [[c == "1" for c in s] for s in correct]
    acc = [sum(r) / len(r) for r in rows]
    best = max(range(len(alphas)), key=lambda i: (acc[i], -alphas[i]))
    out = []
    for i, r in enumerate(rows):
        d = [int(a) - int(b) for a, b in zip(rows[best], r)]
        m = sum(d) / len(d)
        sd = math.sqrt(sum((x - m) ** 2 for x in d) / (len(d) - 1)) if len(d) > 1 else 0
        if m <= 0 or m <= 1.96 * sd / math.sqrt(len(d)):
            out.append(alphas[i])
    return alphas[best], out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("refs", nargs="+")
    ap.add_argument("--tempctl", default=".build/release/tempctl")
    ap.add_argument("--extra-args", default="")
    ap.add_argument("--store", default=None)
    a = ap.parse_args()
    store = a.store or os.path.join(tempfile.mkdtemp(), "check.sqlite")
    agree = total = 0
    outside = []
    for ref_path in a.refs:
        ref = json.load(open(ref_path))
        out = subprocess.run([a.tempctl, "optimum", ref["set"], "--runs", "--format", "json", "--quiet", "--store", store]
                             + a.extra_args.split(), check=True, capture_output=True, text=True).stdout
        runs = [json.loads(l) for l in out.splitlines() if l.strip()]
        ours = {float(r["alpha"]): r["best_accuracy"] for r in runs}
        n = ref["n_val"]
        ok = sum(1 for al, acc in zip(ref["alphas"], ref["accuracy"]) if al in ours and abs(ours[al] - acc) <= 1 / n + 1e-12)
        grid = [al for al in ref["alphas"] if al in ours]
        agree += ok; total += len(grid)
        star_ref, plat = plateau(ref["alphas"], ref["correct"])
        grid_best = max(grid, key=lambda al: (ours[al], -al))
        est = json.loads(subprocess.run([a.tempctl, "optimum", ref["set"], "--format", "json", "--quiet", "--store", store]
                                        + a.extra_args.split(), check=True, capture_output=True, text=True).stdout)
        star = est["alpha_star"]
        inside = star in plat or (star > max(ref["alphas"]) and max(ref["alphas"]) in plat)
        if not inside:
            outside.append(ref["set"])
        print(f"{os.path.relpath(ref['set']):45s} agree {ok:2d}/{len(grid)}  α* {star:g} (grid {grid_best:g}), "
              f"reference α* {star_ref:g}, plateau {min(plat):g}…{max(plat):g} ({len(plat)}): {'inside' if inside else 'OUTSIDE'}"
              + (" [edge-extended]" if est.get("edge") else ""))
    share = agree / max(total, 1)
    print(f"\n{agree}/{total} (set, α) agree within one validation sample = {100 * share:.1f} %; "
          f"α* outside the reference plateau: {len(outside)} ({', '.join(outside) or 'none'})")
    sys.exit(0 if share >= 0.95 and not outside else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A landmarking prototype (issue #14, item 4): how far does a cheap search on the training rows alone
get towards the converged optimum?

For each set of the example zoo: the training split is split again (stratified, 25 % held out,
numpy default_rng(0)); the converged probe's loss (SPEC §4; scripts/reference/converged_reference.py's
loss_grad) is minimised with scipy's L-BFGS-B for at most MAXITER iterations at each α of GRID in
increasing order, each α starting from the previous one's solution; the landmark α is the one with
the best held-out accuracy (ties to the smaller). No validation row is used. Its regret is read
off the study's converged accuracy curve (nearest grid α in log α).

    bash scripts/main.sh && .build/release/tempctl optimum --format json > /tmp/opt.json
    python3 scripts/experiments/landmark.py 1,2,4,8,16,32,64,128,256,512 100 --optimum /tmp/opt.json \
        --out scripts/experiments/landmark_reference.json

Needs numpy and scipy. Measured 2026-12-04 (docs/study.md): median regret 0.56, worst 4.04 points
over the 32 zoo sets, 1–14 s per set in float64 Python.
"""
import json
import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import scipy.optimize as so

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "reference"))
from converged_reference import load, loss_grad  # noqa: E402

def fit(X, y, alpha, d, C, W0, maxiter):
    def fun(w):
        f, g, _ = loss_grad(w, X, y, alpha, d, C)
        return f, g
    r = so.minimize(fun, W0.ravel(), jac=True, method="L-BFGS-B", options={"maxiter": maxiter, "maxcor": 30})
    W = r.x.reshape(d, C)
    nr = np.linalg.norm(W, axis=0); nr[nr == 0] = 1
    return W / nr, r.nit

def acc(W, X, y):
    return float(((X @ W).argmax(1) == y).mean())

def landmark(path, grid, maxiter, frac=0.25, seed=0, max_rows=2000):
    Xt, yt, Xv, yv, C = load(path)
    rng = np.random.default_rng(seed)
    fit_idx, hold_idx = [], []
    for c in range(C):
        m = np.flatnonzero(yt == c); rng.shuffle(m)
        v = int(frac * len(m) + 0.5); v = min(v, len(m) - 1)
        hold_idx += list(m[:v]); fit_idx += list(m[v:])
    fit_idx = np.array(sorted(fit_idx)); hold_idx = np.array(sorted(hold_idx))
    d = Xt.shape[1]
    W = np.random.default_rng(1).uniform(-1/np.sqrt(d), 1/np.sqrt(d), (d, C))
    accs = []; its = 0
    for a in grid:
        W, n = fit(Xt[fit_idx], yt[fit_idx], a, d, C, W, maxiter); its += n
        accs.append(acc(W, Xt[hold_idx], yt[hold_idx]))
    best = max(range(len(grid)), key=lambda i: (accs[i], -i))
    return grid[best], accs, its


def main():
    import argparse
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("grid", help="comma-separated temperatures, e.g. 1,2,4,8,16,32,64,128,256,512")
    p.add_argument("maxiter", type=int, help="L-BFGS iterations per temperature")
    p.add_argument("--optimum", help="`tempctl optimum --format json` of the study's store: print each set's regret")
    p.add_argument("--out", help="write {set name: landmark α} as JSON (the fixture of scripts/check-landmark.py and LandmarkAlphaTests)")
    a = p.parse_args()
    grid = [float(x) for x in a.grid.split(",")]
    curves = {}
    if a.optimum:
        optimum = [o for o in (json.loads(l) for l in open(a.optimum) if l.strip().startswith("{"))
                   if o["protocol"] == "converged" and len(o["curve"]) == 51]
        curves = {o["name"]: {float(k): v for k, v in o["curve"].items()} for o in optimum}
    zoo = json.load(open(ROOT / "Examples" / "zoo" / "zoo.json"))
    regrets, found = [], {}
    for e in zoo["sets"]:
        t = time.time()
        alpha, accs, its = landmark(str(ROOT / "Examples" / "zoo" / e["path"]), grid, a.maxiter)
        found[e["name"]] = alpha
        line = f"{e['name']:24s} landmark α {alpha:8.2f}"
        if e["name"] in curves:
            curve = curves[e["name"]]
            near = min(curve, key=lambda g: abs(math.log(g) - math.log(alpha)))
            regrets.append(100 * (max(curve.values()) - curve[near]))
            line += f"  regret {regrets[-1]:5.2f}"
        print(f"{line}  ({its} iterations, {time.time() - t:.1f} s)", flush=True)
    if regrets:
        print(f"median regret {statistics.median(regrets):.2f}, worst {max(regrets):.2f} over {len(regrets)} sets")
    if a.out:
        json.dump({"grid": grid, "maxiter": a.maxiter, "landmark": found}, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()

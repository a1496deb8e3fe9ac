#!/usr/bin/env python3
"""Recomputes the study's intervals and paired tests from a store, independently of tempctl's
code (numpy's generator, not tempctl's): the dataset-group bootstrap 95 % intervals of every
heuristic's median regret and of Table 1's pooled r and median regret, and the exact sign-flip
test of every heuristic against `landmark` over dataset groups. Prints tempctl's value beside
each; bootstrap intervals agree up to Monte Carlo error (2000 resamples), p-values exactly.

    python3 scripts/experiments/recompute_intervals.py --zoo Examples/zoo/zoo.json --store tempctl.sqlite

Reads (never trains): `tempctl compare --details`, `compare`, `select` with --format json.
Needs numpy only.
"""
import argparse
import itertools
import json
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
B = 2000


def records(tempctl, args):
    out = subprocess.run([tempctl, *args, "--format", "json", "--quiet"], capture_output=True, text=True, check=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def bootstrap(values_by_group, statistic, rng):
    groups = sorted(values_by_group)
    draws = []
    for _ in range(B):
        pick = rng.integers(0, len(groups), size=len(groups))
        sample = [v for g in pick for v in values_by_group[groups[g]]]
        s = statistic(sample)
        if np.isfinite(s):
            draws.append(s)
    return np.percentile(draws, [2.5, 97.5])


def sign_flip(d):
    d = np.asarray(d)
    observed = abs(d.mean())
    hits = sum(abs((np.array(s) * d).mean()) >= observed - 1e-12 * max(1, observed)
               for s in itertools.product([1, -1], repeat=len(d)))
    return d.mean(), hits / 2 ** len(d)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zoo", required=True)
    ap.add_argument("--store", required=True)
    ap.add_argument("--tempctl", default=os.path.join(ROOT, ".build", "release", "tempctl"))
    args = ap.parse_args()
    common = ["--zoo", args.zoo, "--store", args.store]
    group = {s["name"]: s.get("dataset", s["name"]) for s in json.load(open(args.zoo))["sets"]}
    rng = np.random.default_rng(0)

    details = records(args.tempctl, ["compare", "--details", *common])
    summary = {r["heuristic"]: r for r in records(args.tempctl, ["compare", *common])}
    regret = {}
    for r in details:
        regret.setdefault(r["heuristic"], {})[r["set"]] = r["regret_points"]
    print(f"{'heuristic':16s} {'median':>7s} {'95% CI (numpy)':>16s} {'95% CI (tempctl)':>17s} {'p vs landmark':>13s} {'(tempctl)':>9s}")
    for h, by_set in regret.items():
        by_group = {}
        for s, v in by_set.items():
            by_group.setdefault(group[s], []).append(v)
        lo, hi = bootstrap(by_group, np.median, rng)
        t = summary[h]
        p = ""
        if h != "landmark" and "landmark" in regret:
            diffs = {}
            for s, v in by_set.items():
                if s in regret["landmark"]:
                    diffs.setdefault(group[s], []).append(v - regret["landmark"][s])
            p = f"{sign_flip([np.mean(v) for _, v in sorted(diffs.items())])[1]:.4f}"
        tp = t.get("p_vs_landmark")
        print(f"{h:16s} {np.median(list(by_set.values())):7.2f} {lo:7.2f}–{hi:<8.2f} {t['median_regret_ci_low']:8.2f}–{t['median_regret_ci_high']:<8.2f} "
              f"{p:>13s} {'' if tp is None else f'{tp:.4f}':>9s}")

    print(f"\n{'Table 1 row':40s} {'pooled r CI (numpy)':>20s} {'(tempctl)':>14s} {'regret CI (numpy)':>18s} {'(tempctl)':>14s}")
    for row in records(args.tempctl, ["select", *common, "--model-out", os.devnull]):
        sets = sorted(row["predicted_alpha"])
        alpha_star = {r["name"]: r["alpha_star"] for r in records(args.tempctl, ["optimum", *common])}
        transform = np.log  # the study's default target (log-alpha)
        pairs = {}
        for s in sets:
            pairs.setdefault(group[s], []).append((transform(row["predicted_alpha"][s]), transform(alpha_star[s])))
        lo, hi = bootstrap(pairs, lambda v: np.corrcoef(np.array(v).T)[0, 1] if len(v) > 2 else np.nan, rng)
        regrets = {}
        for s in sets:
            regrets.setdefault(group[s], []).append(row["regret_points_by_set"][s])
        rlo, rhi = bootstrap(regrets, np.median, rng)
        label = f"{row['axis']}: {row['statistics']}"
        print(f"{label:40s} {lo:9.2f}–{hi:<9.2f} {row['pooled_r_ci_low']:6.2f}–{row['pooled_r_ci_high']:<6.2f} "
              f"{rlo:8.2f}–{rhi:<8.2f} {row['median_regret_ci_low']:6.2f}–{row['median_regret_ci_high']:<6.2f}")


if __name__ == "__main__":
    sys.exit(main())

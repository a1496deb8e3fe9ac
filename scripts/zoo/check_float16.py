#!/usr/bin/env python3
"""Does storing features as float16 change anything the study sees? (#14 asked for float16 where it
loses nothing; this check is why the larger zoo is float32.) Every set of a float32 zoo (default:
the embedded Examples/zoo) is cast to float16 exactly as `build_zoo.py --float16` casts
(`build_zoo.to_float16`: training and validation features divided by one power of two when beyond
±30000),
then `tempctl stats` and `tempctl optimum` (converged protocol, default settings) run on both
zoos; printed: per statistic, the largest difference over the sets relative to the value and
relative to the statistic's spread over the zoo (max − min: what a regression on standardised
statistics sees); per set, α* and the accuracy at α* on both.

    python3 scripts/zoo/check_float16.py [--zoo Examples/zoo/zoo.json] [--tempctl .build/release/tempctl]

Needs numpy only. Writes into a temporary folder; takes about two sweeps of the zoo.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_zoo import to_float16   # noqa: E402  the builder's own cast

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def records(tempctl, args):
    out = subprocess.run([tempctl, *args, "--format", "json"], capture_output=True, text=True, check=True).stdout
    return {r["name"]: r for r in map(json.loads, filter(None, out.splitlines()))}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zoo", default=os.path.join(ROOT, "Examples", "zoo", "zoo.json"))
    ap.add_argument("--tempctl", default=os.path.join(ROOT, ".build", "release", "tempctl"))
    args = ap.parse_args()
    manifest = json.load(open(args.zoo))
    base = os.path.dirname(os.path.abspath(args.zoo))
    work = tempfile.mkdtemp(prefix="tempctl-f16-")
    half = {"sets": []}
    for s in manifest["sets"]:
        a = np.load(os.path.join(base, s["path"]))
        rel = s["path"].replace("/", "__")
        arrays = {k: a[k] for k in a.files}
        keys = [k for k in arrays if k.startswith("X")]
        arrays.update(zip(keys, to_float16(*(arrays[k] for k in keys))))
        np.savez(os.path.join(work, rel), **arrays)
        half["sets"].append({**s, "path": rel})
    half_zoo = os.path.join(work, "zoo.json")
    json.dump(half, open(half_zoo, "w"))
    zoos = {"float32": args.zoo, "float16": half_zoo}
    print(f"(working in {work})", file=sys.stderr)
    stats = {k: records(args.tempctl, ["stats", "--zoo", z]) for k, z in zoos.items()}
    optima = {k: records(args.tempctl, ["optimum", "--zoo", z, "--quiet", "--store", os.path.join(work, k + ".sqlite")])
              for k, z in zoos.items()}
    ids = list(next(iter(stats["float32"].values()))["statistics"])
    print(f"{len(manifest['sets'])} sets of {args.zoo}, float32 against float16\n")
    print(f"{'statistic':22s} {'rel. to value':>14s}  {'set':28s} {'rel. to spread':>14s}  set")
    for sid in ids:
        pairs = [(name, r["statistics"].get(sid), stats["float16"][name]["statistics"].get(sid)) for name, r in stats["float32"].items()]
        pairs = [(n, a, b) for n, a, b in pairs if a is not None and b is not None]
        spread = max(a for _, a, _ in pairs) - min(a for _, a, _ in pairs)
        by_value = max(pairs, key=lambda t: abs(t[1] - t[2]) / max(abs(t[1]), 1e-12))
        by_spread = max(pairs, key=lambda t: abs(t[1] - t[2]))
        v = abs(by_value[1] - by_value[2]) / max(abs(by_value[1]), 1e-12)
        w = abs(by_spread[1] - by_spread[2]) / spread if spread > 0 else 0.0
        print(f"{sid:22s} {v:14.2e}  {by_value[0] if v else '':28s} {w:14.2e}  {by_spread[0] if w else ''}")
    print(f"\n{'set':30s} {'α* float32':>11s} {'α* float16':>11s} {'acc float32':>11s} {'acc float16':>11s}")
    moved, gaps = 0, []
    for name, r in optima["float32"].items():
        h = optima["float16"][name]
        moved += h["alpha_star"] != r["alpha_star"]
        gaps.append(abs(h["accuracy"] - r["accuracy"]))
        print(f"{name:30s} {r['alpha_star']:11.4g} {h['alpha_star']:11.4g} {r['accuracy']:11.4f} {h['accuracy']:11.4f}")
    print(f"\nα* moved on {moved} of {len(gaps)} sets; accuracy at α* differs by at most {100 * max(gaps):.2f} points")


if __name__ == "__main__":
    sys.exit(main())

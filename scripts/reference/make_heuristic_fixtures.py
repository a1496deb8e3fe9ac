"""Golden values of the published temperature heuristics, from the papers' formulas (numpy),
for Tests/StudyTests/HeuristicReferenceTests.swift.

    python3 scripts/reference/make_heuristic_fixtures.py > Tests/StudyTests/Fixtures/heuristics_reference.json

Each formula is written from its paper, not from tempctl's code:
  sqrt-dim       Vaswani et al. 2017, §3.2.1: logits scaled by 1/√d_k  →  α = √d
  adacos         Zhang et al. 2019, eq. 13 (fixed AdaCos): s = √2 · ln(C − 1)
  l2-softmax     Ranjan et al. 2017, eq. 4: α_low = ln(p (C − 2) / (1 − p)), p = 0.9 (at least 1)
  simplex-bound  Wang et al. 2017 (NormFace), Prop. 2: loss ≥ ln(1 + (C−1) e^{−s C/(C−1)}) on a
                 regular simplex; the s at which that bound equals ε = 1e-3, solved numerically
                 (bisection) rather than in closed form
  clip-init      Radford et al. 2021, §2.5: τ initialised to 0.07  →  α = 1/0.07
  scale-30/64    CosFace (s = 30 in common implementations), ArcFace §4.1 (s = 64)
where the formula is undefined (C ≤ 2 for adacos and l2-softmax) the expected value is 1, the
documented fallback.
"""
import json
import math

import numpy as np


def simplex_bound(c, eps=1e-3):
    # The bound ln(1 + (C−1)·exp(−s·C/(C−1))) decreases in s: bisect for where it equals ε.
    f = lambda s: math.log1p((c - 1) * math.exp(-s * c / (c - 1))) - eps
    lo, hi = 0.0, 1.0
    while f(hi) > 0:
        hi *= 2
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if f(mid) > 0 else (lo, mid)
    return 0.5 * (lo + hi)


cases = []
for d in (2, 16, 256, 1000, 4096):
    for c in (2, 3, 10, 100, 1854):
        cases.append({
            "dimension": d, "classes": c,
            "constant-1": 1.0,
            "sqrt-dim": float(np.sqrt(d)),
            "adacos": float(np.sqrt(2) * np.log(c - 1)) if c > 2 else 1.0,
            "l2-softmax": max(float(np.log(0.9 * (c - 2) / 0.1)), 1.0) if c > 2 else 1.0,
            "simplex-bound": simplex_bound(c),
            "clip-init": 1 / 0.07,
            "scale-30": 30.0,
            "scale-64": 64.0,
        })
print(json.dumps({"source": "scripts/reference/make_heuristic_fixtures.py", "cases": cases}, indent=1))

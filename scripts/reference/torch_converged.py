#!/usr/bin/env python3
"""The loop a researcher would write for the converged optimum: one torch.optim.LBFGS run
(strong Wolfe line search, 10 correction pairs) per temperature, to tempctl's convergence criterion.

Same model and loss as tempctl (SPEC §4): x̂ and the columns of W L2-normalised, logits α·x̂ᵀŵ_c,
cross-entropy divided by α, no bias, no regulariser, float32; W from uniform(−1/√d, 1/√d).
Stops a run when max|R| ≤ gtol·f (R = ‖w_c‖·∂f/∂w_c, the Riemannian gradient on unit columns),
checked at every loss evaluation; or when f fell by at most 2e-6·f over one call of
LBFGS.step (its default 20 iterations; tempctl: 1e-6 over 10); or after --max-iterations
iterations. torch's own tolerances are switched off. Prints one JSON object: alphas, accuracies, iterations, evaluations,
losses, seconds.

    python scripts/reference/torch_converged.py SET.npz [--alphas 1,5,10] [--gtol 1e-6]
"""
import argparse
import json
import time

import numpy as np
import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set")
    ap.add_argument("--alphas", default=",".join(str(a) for a in [1] + list(range(5, 251, 5))))
    ap.add_argument("--gtol", type=float, default=1e-6)
    ap.add_argument("--ftol", type=float, default=1e-6)
    ap.add_argument("--window", type=int, default=10)
    ap.add_argument("--max-iterations", type=int, default=3000)
    a = ap.parse_args()
    z = np.load(a.set)
    def norm(X):
        X = np.asarray(X, dtype=np.float64)
        r = np.linalg.norm(X, axis=1, keepdims=True)
        r[r == 0] = 1
        return torch.tensor(X / r, dtype=torch.float32)
    Xt, Xv = norm(z["X_train"]), norm(z["X_val"])
    yt, yv = torch.tensor(z["y_train"].astype(np.int64)), torch.tensor(z["y_val"].astype(np.int64))
    d, C = Xt.shape[1], int(max(yt.max(), yv.max())) + 1
    g = torch.Generator().manual_seed(0)
    W0 = (torch.rand(d, C, generator=g, dtype=torch.float64) * 2 - 1).float() / d ** 0.5
    out = {"alphas": [], "accuracy": [], "iterations": [], "evaluations": [], "loss": [], "seconds": []}
    for alpha in [float(x) for x in a.alphas.split(",")]:
        t0 = time.perf_counter()
        W = W0.clone().requires_grad_(True)
        opt = torch.optim.LBFGS([W], lr=1, max_iter=20, history_size=10, line_search_fn="strong_wolfe",
                                tolerance_grad=0, tolerance_change=0)
        evals = [0]
        last = [float("inf")]

        class Converged(Exception):
            pass

        def closure():
            opt.zero_grad()
            evals[0] += 1
            U = W / W.norm(dim=0)
            loss = torch.nn.functional.cross_entropy(alpha * (Xt @ U), yt) / alpha
            loss.backward()
            f = loss.item()
            last[0] = f
            with torch.no_grad():
                R = (W.grad * W.norm(dim=0)).abs().max().item()
            if f == 0 or R <= a.gtol * f:
                raise Converged()   # W stays at this point (the line search restores it only after)
            return loss

        history = []
        calls = 0
        try:
            while opt.state[W].get("n_iter", 0) < a.max_iterations:
                f = float(opt.step(closure))
                calls += 1
                history = (history + [f])[-2:]
                if len(history) == 2 and history[0] - history[1] <= 2 * a.ftol * history[1]:
                    break
        except Converged:
            pass
        iterations = opt.state[W].get("n_iter", 0)
        f = last[0]
        with torch.no_grad():
            U = W / W.norm(dim=0)
            acc = ((Xv @ U).argmax(1) == yv).float().mean().item()
        out["alphas"].append(alpha); out["accuracy"].append(acc); out["iterations"].append(iterations)
        out["evaluations"].append(evals[0]); out["loss"].append(f); out["seconds"].append(time.perf_counter() - t0)
    print(json.dumps(out))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""An independent float64 minimisation of tempctl's converged-probe loss (SPEC §4), for checks.

For each α: W*(α) = argmin_W (1/α)·mean_i CE(α·x̂_iᵀŴ, y_i), Ŵ = W with unit columns, no bias,
no regulariser; minimised with scipy's L-BFGS-B (float64, 10 correction pairs) from the SPEC's
initial weights (uniform in (−1/√d, 1/√d), numpy's default_rng(seed)), until the projected
gradient's largest entry is ≤ --pgtol (scipy's criterion, on ∂f/∂W) or --maxiter iterations.
accuracy(α) = validation accuracy of argmax_c x̂ᵀŵ_c. Rows are L2-normalised in float64.

    python3 scripts/reference/converged_reference.py SET.npz [--alphas 1,5,10] [--out ref.json]

Prints (and writes) one JSON object: alphas, accuracies, validation size, iterations, losses,
final Riemannian gradient norms, and each α's validation correctness as a 0/1 string.
Needs numpy and scipy only.
"""
import argparse
import json
import time

import numpy as np
import scipy.optimize as so


def load(path):
    z = np.load(path)
    def norm(X):
        X = np.asarray(X, dtype=np.float64)
        r = np.linalg.norm(X, axis=1, keepdims=True)
        r[r == 0] = 1
        return X / r
    if "X_train" in z:
        Xt, yt, Xv, yv = z["X_train"], z["y_train"], z["X_val"], z["y_val"]
    else:
        raise SystemExit("the reference reads sets with an explicit split (X_train, y_train, X_val, y_val)")
    classes = np.unique(np.concatenate([yt, yv]))
    remap = {c: i for i, c in enumerate(classes)}
    yt = np.array([remap[c] for c in yt]); yv = np.array([remap[c] for c in yv])
    return norm(Xt), yt, norm(Xv), yv, len(classes)


def loss_grad(w, X, y, alpha, d, C):
    W = w.reshape(d, C)
    nr = np.linalg.norm(W, axis=0)
    nr[nr == 0] = 1
    U = W / nr
    Z = alpha * (X @ U)
    Z -= Z.max(1, keepdims=True)
    E = np.exp(Z)
    S = E.sum(1, keepdims=True)
    n = len(X)
    f = (np.log(S).ravel() - Z[np.arange(n), y]).sum() / (alpha * n)
    G = E / S
    G[np.arange(n), y] -= 1
    G /= n
    gU = X.T @ G
    R = gU - U * (U * gU).sum(0)   # the Riemannian gradient on unit columns
    return f, (R / nr).ravel(), np.abs(R).max()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set")
    ap.add_argument("--alphas", default=",".join(str(a) for a in [1] + list(range(5, 251, 5))))
    ap.add_argument("--pgtol", type=float, default=1e-7)
    ap.add_argument("--maxiter", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out")
    a = ap.parse_args()
    Xt, yt, Xv, yv, C = load(a.set)
    d = Xt.shape[1]
    W0 = np.random.default_rng(a.seed).uniform(-1, 1, (d, C)) / np.sqrt(d)
    out = {"set": a.set, "n_val": int(len(yv)), "alphas": [], "accuracy": [], "iterations": [], "loss": [],
           "grad_norm": [], "converged": [], "correct": [], "seconds": []}
    for alpha in [float(x) for x in a.alphas.split(",")]:
        t0 = time.time()
        r = so.minimize(lambda w: loss_grad(w, Xt, yt, alpha, d, C)[:2], W0.ravel(), jac=True, method="L-BFGS-B",
                        options=dict(gtol=a.pgtol, ftol=1e-15, maxiter=a.maxiter, maxfun=4 * a.maxiter, maxcor=10))
        f, _, pg = loss_grad(r.x, Xt, yt, alpha, d, C)
        W = r.x.reshape(d, C)
        U = W / np.linalg.norm(W, axis=0)
        correct = (np.argmax(Xv @ U, 1) == yv)
        out["alphas"].append(alpha); out["accuracy"].append(float(correct.mean())); out["iterations"].append(int(r.nit))
        out["loss"].append(float(f)); out["grad_norm"].append(float(pg)); out["converged"].append(bool(r.success))
        out["correct"].append("".join("1" if c else "0" for c in correct)); out["seconds"].append(time.time() - t0)
        if a.out:
            with open(a.out, "w") as fh:
                json.dump(out, fh)
    if not a.out:
        print(json.dumps(out))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""An independent float64 minimisation of tempctl's converged-probe loss (SPEC §4), for checks.

For each α: W*(α) = argmin_W (1/α)·mean_i CE(α·x̂_iᵀŴ, y_i), Ŵ = W with unit columns, no bias,
no regulariser; minimised with scipy's L-BFGS-B (float64, 30 correction pairs) from the SPEC's
initial weights (uniform in (−1/√d, 1/√d), numpy's default_rng(seed)), until the Riemannian
gradient on the unit columns is small relative to the loss: max|R| ≤ --rtol · f (default 1e-6,
tempctl's own gradient tolerance), or --maxiter iterations in all.

f does not depend on the columns' norms, and ∂f/∂W = R/‖w_c‖: as L-BFGS-B's steps lengthen the
columns, its own gradient test (on ∂f/∂W) passes while R is still large, and its line search can
end "abnormally" far from the minimum. So each time scipy stops before the criterion holds, the
columns are rescaled to unit length (f unchanged) and L-BFGS-B restarts from there, until the
criterion holds or a restart no longer lowers f (then the α is reported as not converged).

By default each α after the smallest starts from the previous α's solution (the α are solved
in increasing order): the minimiser is the same, far fewer iterations reach it at large α.
--cold starts every α from the initial weights.
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


class Converged(Exception):
    """Raised inside the objective once the criterion holds at the point just evaluated."""
    def __init__(self, w):
        self.w = w


def minimise(X, y, alpha, d, C, W0, rtol, maxiter):
    """L-BFGS-B with restarts from unit columns; returns (w, f, max|R|, iterations, converged)."""
    w = W0.ravel().copy()
    count = [0]

    def step(_):
        count[0] += 1

    def fun(v):
        f, g, r = loss_grad(v, X, y, alpha, d, C)
        if r <= rtol * f:
            raise Converged(v.copy())
        return f, g

    f_before = np.inf
    f, _, pg = loss_grad(w, X, y, alpha, d, C)
    while count[0] < maxiter:
        W = w.reshape(d, C)
        w = (W / np.linalg.norm(W, axis=0)).ravel()
        try:
            r = so.minimize(fun, w, jac=True, method="L-BFGS-B",
                            callback=step, options=dict(gtol=0, ftol=0, maxiter=maxiter - count[0],
                                                        maxfun=4 * (maxiter - count[0]), maxcor=30))
            w = r.x
        except Converged as c:
            f, _, pg = loss_grad(c.w, X, y, alpha, d, C)
            return c.w, f, pg, count[0], True
        f, _, pg = loss_grad(w, X, y, alpha, d, C)
        if not f < f_before:
            break
        f_before = f
    return w, f, pg, count[0], bool(pg <= rtol * f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set")
    ap.add_argument("--alphas", default=",".join(str(a) for a in [1] + list(range(5, 251, 5))))
    ap.add_argument("--rtol", type=float, default=1e-6)
    ap.add_argument("--maxiter", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cold", action="store_true", help="start every α from the initial weights")
    ap.add_argument("--out")
    a = ap.parse_args()
    Xt, yt, Xv, yv, C = load(a.set)
    d = Xt.shape[1]
    W0 = np.random.default_rng(a.seed).uniform(-1, 1, (d, C)) / np.sqrt(d)
    out = {"set": a.set, "n_val": int(len(yv)), "alphas": [], "accuracy": [], "iterations": [], "loss": [],
           "grad_norm": [], "converged": [], "correct": [], "seconds": []}
    start = W0
    for alpha in sorted(float(x) for x in a.alphas.split(",")):
        t0 = time.time()
        w, f, pg, nit, ok = minimise(Xt, yt, alpha, d, C, start, a.rtol, a.maxiter)
        if not a.cold:
            start = w.reshape(d, C)
        U = w.reshape(d, C) / np.linalg.norm(w.reshape(d, C), axis=0)
        correct = (np.argmax(Xv @ U, 1) == yv)
        out["alphas"].append(alpha); out["accuracy"].append(float(correct.mean())); out["iterations"].append(nit)
        out["loss"].append(float(f)); out["grad_norm"].append(float(pg)); out["converged"].append(ok)
        out["correct"].append("".join("1" if c else "0" for c in correct)); out["seconds"].append(time.time() - t0)
        if a.out:
            with open(a.out, "w") as fh:
                json.dump(out, fh)
    if not a.out:
        print(json.dumps(out))


if __name__ == "__main__":
    main()

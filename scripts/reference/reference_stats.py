#!/usr/bin/env python3
"""The reference computation of every statistic of SPEC §3 (numpy, scipy, scikit-learn).

Used by make_stat_fixtures.py (golden values) and by bench/stats_bench.sh (the peer side of the
benchmark). As a command it prints the statistics of one .npz with an explicit split as JSON:

    python3 scripts/reference/reference_stats.py set.npz [--one-pca]
"""
import json
import sys
import warnings

import numpy as np
import scipy.stats
from sklearn.decomposition import PCA
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score


def reference_statistics(Xt, yt, Xv, one_pca=False, silhouette_sample=None):
    """Every statistic of SPEC §3 with the reference function named there.

    one_pca: fit one PCA and read all six thresholds from it with scikit-learn's own rule
    (searchsorted(cumsum(ratio), t, side="right") + 1) instead of six fits: what a user timing
    this would write. The values are identical.
    """
    Xt = Xt.astype(np.float64); Xv = Xv.astype(np.float64)
    X = np.vstack([Xt, Xv])
    n, d = Xt.shape
    classes = np.unique(yt)
    s = {}
    s["dim"] = d
    s["n_samples"] = n
    s["mean"] = X.mean()
    s["var"] = X.var()
    s["train_mean"] = Xt.mean()
    s["train_std"] = Xt.std()
    s["sw_trace"] = float(np.mean([Xt[yt == c].var(0).sum() for c in classes]))
    mu = Xt.mean(0)
    s["sb_trace"] = float(np.mean([((Xt[yt == c].mean(0) - mu) ** 2).sum() for c in classes]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        R = np.corrcoef(Xt.T) if d > 1 else np.ones((1, 1))
    R = np.atleast_2d(R)
    R = np.where(np.isnan(R), 0.0, R)      # constant column: correlation 0 ...
    np.fill_diagonal(R, 1.0)                # ... and 1 with itself
    s["feats_corr"] = float(((R - np.eye(d)) ** 2).mean())
    if d >= 2:
        G = Xt.T @ Xt
        norms = np.sqrt(np.diag(G))
        iu = np.triu_indices(d, 1)
        denom = np.outer(norms, norms)[iu]
        cos = np.where(denom > 0, G[iu] / np.where(denom > 0, denom, 1), 0.0)
        s["feats_cos_sim"] = float(cos.mean())
    else:
        s["feats_cos_sim"] = None
    if one_pca:
        ratio = np.cumsum(PCA(svd_solver="full").fit(Xt).explained_variance_ratio_)
    for t in (50, 75, 80, 90, 95, 99):
        if one_pca:
            k = np.searchsorted(ratio, t / 100, side="right") + 1
        else:
            k = PCA(n_components=t / 100, svd_solver="full").fit(Xt).n_components_
        s[f"pca_{t}"] = 100.0 * k / d
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kurt = scipy.stats.kurtosis(Xt, axis=0, fisher=True, bias=True)
    s["avg_kurtosis"] = float(np.nanmean(kurt)) if np.any(~np.isnan(kurt)) else None
    ws = [scipy.stats.shapiro(Xt[:, j]).statistic for j in range(d) if np.ptp(Xt[:, j]) > 0]
    s["avg_normality"] = float(np.mean(ws)) if ws else None
    s["silhouette"] = float(silhouette_score(Xt, yt))
    s["calinski_harabasz"] = float(calinski_harabasz_score(Xt, yt))
    s["davies_bouldin"] = float(davies_bouldin_score(Xt, yt))
    s["adacos_scale"] = adacos_scale(Xt, yt)
    return s


def adacos_scale(Xt, yt):
    """AdaCos's dynamic scale (Zhang et al. 2019, eqs. 15-16) at its first update from the fixed
    scale s0 = sqrt(2)·ln(C - 1), the class means standing in for the class weights:
    B = mean_i sum_{k != y_i} exp(s0·cos θ_ik), θ_med = median_i θ_{i,y_i},
    s = ln B / cos(min(π/4, θ_med)). Rows of norm 0 are skipped; None with fewer than 3 classes."""
    classes = np.unique(yt)
    if len(classes) < 3:
        return None
    mu = np.stack([Xt[yt == c].mean(0) for c in classes])
    mu_norm = np.linalg.norm(mu, axis=1)
    if np.any(mu_norm == 0):
        return None
    norms = np.linalg.norm(Xt, axis=1)
    keep = norms > 0
    cos = (Xt[keep] / norms[keep, None]) @ (mu / mu_norm[:, None]).T
    own = np.searchsorted(classes, yt[keep])
    s0 = np.sqrt(2) * np.log(len(classes) - 1)
    e = np.exp(s0 * cos)
    e[np.arange(len(own)), own] = 0.0
    b = e.sum(1).mean()
    theta_med = np.median(np.arccos(np.clip(cos[np.arange(len(own)), own], -1, 1)))
    return float(np.log(b) / np.cos(min(np.pi / 4, theta_med)))


def main():
    path = sys.argv[1]
    a = np.load(path)
    Xt, yt, Xv, yv = a["X_train"], a["y_train"], a["X_val"], a["y_val"]
    s = reference_statistics(Xt, yt, Xv, one_pca="--one-pca" in sys.argv)
    C = len(np.unique(np.concatenate([yt, yv])))
    s["n_classes"] = C
    s["avg_samp_class"] = len(yt) / C
    print(json.dumps(s, default=float))


if __name__ == "__main__":
    main()

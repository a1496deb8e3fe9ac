#!/usr/bin/env python3
"""Golden values for the study (SPEC §5, #14): correlations with scipy.stats.pearsonr;
leave-one-dataset-out predictions with scikit-learn (LeaveOneGroupOut, StandardScaler,
LinearRegression) with the k statistics of highest |r| selected inside each training fold; and
the same with Ridge, its penalty chosen among numpy.logspace(-3, 3, 13) by a nested
LeaveOneGroupOut on the training folds (selection and scaling redone in every inner fold; score =
mean over inner folds of the mean squared error, as GridSearchCV's neg_mean_squared_error; ties
to the smaller penalty, as GridSearchCV's first best index).

Writes Tests/StudyTests/Fixtures/study_reference.json.
    python3 scripts/reference/make_study_fixtures.py
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.stats import pearsonr
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.model_selection import LeaveOneGroupOut
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "StudyTests", "Fixtures")


def select(X, y, k):
    r = np.array([abs(np.corrcoef(X[:, j], y)[0, 1]) for j in range(X.shape[1])])
    order = sorted(range(X.shape[1]), key=lambda j: (-r[j], j))   # ties keep column order
    return sorted(order[:k]) if k is not None else list(range(X.shape[1]))


def logo_predictions(X, y, groups, k):
    pred = np.zeros(len(y))
    for tr, te in LeaveOneGroupOut().split(X, y, groups):
        cols = select(X[tr], y[tr], k)
        sc = StandardScaler().fit(X[tr][:, cols])
        model = LinearRegression().fit(sc.transform(X[tr][:, cols]), y[tr])
        pred[te] = model.predict(sc.transform(X[te][:, cols]))
    return pred


PENALTIES = np.logspace(-3, 3, 13)


def fit_predict(Xtr, ytr, Xte, k, penalty):
    cols = select(Xtr, ytr, k)
    sc = StandardScaler().fit(Xtr[:, cols])
    model = Ridge(alpha=penalty).fit(sc.transform(Xtr[:, cols]), ytr) if penalty > 0 else LinearRegression().fit(sc.transform(Xtr[:, cols]), ytr)
    return model.predict(sc.transform(Xte[:, cols]))


def nested_penalty(X, y, groups, k):
    scores = []
    for penalty in PENALTIES:
        fold_mse = [np.mean((fit_predict(X[tr], y[tr], X[te], k, penalty) - y[te]) ** 2)
                    for tr, te in LeaveOneGroupOut().split(X, y, groups)]
        scores.append(np.mean(fold_mse))
    return float(PENALTIES[int(np.argmin(scores))])


def ridge_logo_predictions(X, y, groups, k):
    pred, chosen = np.zeros(len(y)), {}
    for tr, te in LeaveOneGroupOut().split(X, y, groups):
        penalty = nested_penalty(X[tr], y[tr], groups[tr], k)
        chosen[str(groups[te][0])] = penalty
        pred[te] = fit_predict(X[tr], y[tr], X[te], k, penalty)
    return pred, chosen


def main():
    rng = np.random.default_rng(42)
    n, p = 20, 6
    groups = np.repeat(["g0", "g1", "g2", "g3", "g4"], 4)
    X = rng.normal(size=(n, p))
    X[:, 3] = X[:, 0] * 2 + rng.normal(scale=0.1, size=n)     # strongly collinear pair
    X[:, 5] = np.exp(X[:, 5])                                 # skewed statistic
    alpha = np.clip(np.exp(2.5 + 0.8 * X[:, 0] - 0.4 * X[:, 1] + 0.2 * rng.normal(size=n)), 1, 250)
    ids = [f"s{j}" for j in range(p)]
    out = {"generator": "scripts/reference/make_study_fixtures.py",
           "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__},
           "ids": ids, "rows": [{"name": f"set{i}", "group": str(groups[i]), "alpha_star": float(alpha[i]),
                                 "statistics": {ids[j]: float(X[i, j]) for j in range(p)}} for i in range(n)],
           "correlations": {}, "predictions": {}, "ridge_predictions": {}, "ridge_penalties": {}}
    for target in ("alpha", "log-alpha"):
        y = alpha if target == "alpha" else np.log(alpha)
        out["correlations"][target] = {ids[j]: {"r": float(pearsonr(X[:, j], y).statistic),
                                                "p": float(pearsonr(X[:, j], y).pvalue)} for j in range(p)}
        for k in (1, 3, None):
            pred = logo_predictions(X, y, groups, k)
            out["predictions"][f"{target}/{k if k else 'all'}"] = pred.tolist()   # on the target scale
            pred, chosen = ridge_logo_predictions(X, y, groups, k)
            out["ridge_predictions"][f"{target}/{k if k else 'all'}"] = pred.tolist()
            out["ridge_penalties"][f"{target}/{k if k else 'all'}"] = chosen
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "study_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", OUT)


if __name__ == "__main__":
    main()

"""tempctl from Python: which softmax temperature should a linear probe use on these embeddings?

A client of the `tempctl` command line (bundled with this package): arrays are handed over
through temporary files the tool reads in place, results come back as Python values and pandas
DataFrames (lists of dicts when pandas is not installed). Every failure raises `TempctlError`
carrying tempctl's one-line message.

    >>> import numpy as np, tempctl
    >>> X = np.random.default_rng(0).normal(size=(600, 32)).astype(np.float32)
    >>> y = np.arange(600) % 6
    >>> alpha = tempctl.suggest(X, y)            # seconds, from cheap statistics
    >>> result = tempctl.optimum(X, y)           # the empirical optimum: every α trained to convergence
    >>> result.alpha_star, result.plateau, result.curve
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Union

from . import _runner
from ._arrays import dataset_files
from ._runner import TempctlError

__all__ = ["suggest", "stats", "optimum", "study", "read_store", "Optimum", "StudyResult", "TempctlError", "version", "default_store"]

Table = Any  # a pandas.DataFrame, or a list of dicts without pandas


def _frame(records: List[Dict[str, Any]]) -> Table:
    try:
        import pandas as pd
    except ImportError:
        return records
    return pd.DataFrame.from_records(records)


def version() -> str:
    """The bundled tempctl's version (`tempctl --version`)."""
    return _runner.run(["--version"]).strip()


def default_store() -> str:
    """The results store used when none is given: $TEMPCTL_STORE, else ~/.cache/tempctl/tempctl.sqlite.
    Runs are keyed by the data's content hash and the training configuration, so a notebook that
    asks again for the same set gets the stored optimum at once."""
    path = os.environ.get("TEMPCTL_STORE") or os.path.join(os.path.expanduser("~"), ".cache", "tempctl", "tempctl.sqlite")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def suggest(X: Any, y: Any = None, *, model: Optional[str] = None, exact: bool = False) -> float:
    """A temperature α for (X, y) from its statistics and a fitted model, in seconds, without training.

    X: (n, d) features — a numpy array, a PyTorch tensor, anything with `__array__` or DLPack.
    y: (n,) labels — integers, strings or bools. X may instead be a file tempctl reads (.npz,
    .safetensors, .h5, .csv, a folder of X.npy/y.npy), with y left out. model: a model file written by `tempctl select`
    or `tempctl study` (default: the one shipped with tempctl, `tempctl suggest --help`).
    """
    with dataset_files(X, y) as data:
        out = _runner.records(["suggest", *data, *_runner.options({"model": model, "exact": exact})])
    return float(out[0]["alpha"])


def stats(X: Any, y: Any = None, *, only: Optional[Sequence[str]] = None, plugins: Optional[str] = None) -> Dict[str, Optional[float]]:
    """The statistics of (X, y) (`tempctl stats`), by id; a statistic that cannot be computed is None."""
    with dataset_files(X, y) as data:
        out = _runner.records(["stats", *data, *_runner.options({"only": list(only) if only else None, "plugins": plugins}), "--quiet"])
    return dict(out[0]["statistics"])


@dataclass
class Optimum:
    """The empirical optimum of one set (`tempctl optimum`)."""

    alpha_star: Optional[float]
    """The most accurate temperature (None for a flat curve: accuracy does not depend on α)."""
    accuracy: float
    """Validation accuracy at α*."""
    plateau: List[float]
    """Every α not measurably worse than α* on the validation rows."""
    accuracy_at_1: Optional[float]
    edge: bool
    """α* is still on the edge of the grid after extending it."""
    unconverged_runs: int
    curve: Table
    """Accuracy per α: a DataFrame (alpha, accuracy) with pandas, else a list of dicts."""
    record: Dict[str, Any] = field(repr=False, default_factory=dict)
    """Everything `tempctl optimum --format json` printed."""


def optimum(X: Any, y: Any = None, *, store: Optional[str] = None, progress: bool = False, **sweep_options: Any) -> Optimum:
    """Trains the cosine probe at every temperature of the grid (to convergence by default) and
    returns α*, its plateau and the accuracy curve. Results are cached in `store` (default:
    `default_store()`). Keyword options are `tempctl optimum`'s: `alphas=[1, 10, 100]`,
    `protocol="paper"`, `epochs=200`, `seeds=2`, `max_iterations=3000`, … (docs/cli.md).
    """
    args = _runner.options({"store": store or default_store(), **sweep_options})
    with dataset_files(X, y) as data:
        out = _runner.records(["optimum", *data, *args, *([] if progress else ["--quiet"])], progress=progress)
    r = out[0]
    curve = [{"alpha": float(a), "accuracy": acc} for a, acc in r["curve"].items()]
    return Optimum(alpha_star=r["alpha_star"], accuracy=r["accuracy"], plateau=r["plateau"], accuracy_at_1=r["accuracy_at_1"],
                   edge=r["edge"], unconverged_runs=r["unconverged_runs"], curve=_frame(curve), record=r)


@dataclass
class StudyResult:
    """A study's tables (`tempctl study`, then `select` and `compare` read from the store)."""

    table1: Table
    """Predicting α* out of fold (Table 1): one row per rule and axis (`axis`: dataset or extractor-family), with intervals and permutation p-values."""
    heuristics: Table
    """Every heuristic against the empirical optimum, regret in accuracy points."""
    optima: Table
    """α* of every set and configuration in the store."""
    store: str


def study(zoo: Optional[str] = None, *, store: Optional[str] = None, k: int = 4, progress: bool = True,
          out: Optional[str] = None, model_out: Optional[str] = None, **sweep_options: Any) -> StudyResult:
    """Runs the whole study on a zoo manifest (default: the embedded example zoo, when run from a
    clone) and returns its tables. Long: progress is shown on standard error. `out` and
    `model_out` place the report and the fitted model (default: tempctl-report/ and
    tempctl-model.json in the working directory); other keywords are the sweep's options."""
    store = store or default_store()
    files = _runner.options({"out": out, "model_out": model_out})
    common = _runner.options({"zoo": zoo, "store": store, "k": k, **sweep_options})
    _runner.run(["study", *common, *files], progress=progress)
    with tempfile.TemporaryDirectory(prefix="tempctl-") as folder:
        table1 = _runner.records(["select", *common, "--quiet", "--model-out", os.path.join(folder, "model.json")])
    heuristics = _runner.records(["compare", *common, "--quiet"])
    return StudyResult(table1=_frame(table1), heuristics=_frame(heuristics), optima=read_store(store)["optima"], store=store)


def read_store(path: Optional[str] = None) -> Dict[str, Table]:
    """A results store as tables, without the data that made it: `sets` (what it holds: one row
    per set and configuration), `optima` (α*, plateau, curve per set and configuration) and `runs`
    (one row per set, seed and α)."""
    path = path or default_store()
    return {
        "sets": _frame(_runner.records(["store", "ls", path])),
        "optima": _frame(_runner.records(["optimum", "--store", path])),
        "runs": _frame(_runner.records(["store", "export", path, "--what", "runs"])),
    }

"""The Python API on numpy arrays, torch tensors, objects with __array__, and files written by the
real libraries; errors carry tempctl's one-line message."""
import json

import numpy as np
import pandas as pd
import pytest

import tempctl
from tempctl import TempctlError, _runner

from conftest import load, synth


def cli_json(args):
    return [json.loads(l) for l in _runner.run([*args, "--format", "json"]).splitlines() if l.strip()]


def test_version():
    assert tempctl.version().startswith("0.")


def test_suggest_on_numpy_equals_the_command_line(small_set):
    X, y = load(small_set)
    alpha = tempctl.suggest(X, y)
    assert isinstance(alpha, float)
    assert alpha == cli_json(["suggest", small_set])[0]["alpha"]
    assert tempctl.suggest(small_set) == alpha          # a file path, as tempctl reads it


def test_stats_are_the_command_lines(small_set):
    X, y = load(small_set)
    values = tempctl.stats(X, y, only=["dim", "n_classes", "pca_90", "silhouette"])
    assert values == cli_json(["stats", small_set, "--only", "dim,n_classes,pca_90,silhouette"])[0]["statistics"]
    assert values["dim"] == X.shape[1]


def test_torch_tensors_float32_and_bfloat16(small_set):
    import torch  # installed by the test command from the local wheel folder: missing is a failure, not a skip
    X, y = load(small_set)
    t = torch.from_numpy(X)
    assert tempctl.suggest(t, torch.from_numpy(y)) == tempctl.suggest(X, y)
    # bfloat16 goes through .safetensors (numpy has no bfloat16); its values are those of the
    # tensor converted to float32, exactly.
    b = t.to(torch.bfloat16)
    assert tempctl.stats(b, y, only=["mean", "var", "pca_90"]) == tempctl.stats(b.float().numpy(), y, only=["mean", "var", "pca_90"])
    assert tempctl.stats(t.requires_grad_(True), y, only=["dim"])["dim"] == X.shape[1]


def test_array_protocol_and_label_types(small_set):
    X, y = load(small_set)

    class Wrapped:
        def __init__(self, a):
            self.a = a

        def __array__(self, dtype=None, copy=None):
            return self.a

    names = np.array([f"class-{v:03d}" for v in y])  # same class order as the integers, so the same split
    base = tempctl.stats(X, y, only=["n_classes", "silhouette"])
    assert tempctl.stats(Wrapped(X), names, only=["n_classes", "silhouette"]) == base
    assert tempctl.stats(X.astype(np.float64), list(names), only=["n_classes", "silhouette"]) == base
    assert tempctl.stats(X, y.reshape(-1, 1), only=["n_classes"])["n_classes"] == base["n_classes"]
    assert tempctl.stats(X, y % 2 == 0, only=["n_classes"])["n_classes"] == 2


def test_errors_raise_with_the_one_line_message(small_set):
    X, y = load(small_set)
    with pytest.raises(TempctlError, match="at least two classes"):
        tempctl.stats(X, np.zeros(len(y), dtype=int))
    bad = X.copy()
    bad[3, 2] = np.nan
    with pytest.raises(TempctlError, match=r"non-finite.*X\[3, 2\]") as e:
        tempctl.suggest(bad, y)
    assert "\n" not in str(e.value)
    with pytest.raises(TempctlError, match="no such file"):
        tempctl.suggest("/nonexistent/set.npz")
    with pytest.raises(ValueError, match="2-D"):
        tempctl.suggest(X[0], y[:1])


def test_optimum_returns_alpha_star_plateau_and_curve(small_set):
    X, y = load(small_set)
    r = tempctl.optimum(X, y, alphas=[1, 4, 16, 64])
    assert isinstance(r.curve, pd.DataFrame) and list(r.curve.columns) == ["alpha", "accuracy"]
    assert r.alpha_star in r.plateau and r.alpha_star in list(r.curve["alpha"])
    assert r.accuracy == r.curve["accuracy"].max()
    # the same as the command line on the same store, now cached
    cli = cli_json(["optimum", small_set, "--alphas", "1,4,16,64", "--store", tempctl.default_store(), "--quiet"])[0]
    assert (cli["alpha_star"], cli["accuracy"], cli["plateau"]) == (r.alpha_star, r.accuracy, r.plateau)


def test_files_written_by_safetensors_and_h5py(tmp_path, small_set):
    import h5py  # the real libraries, installed by the test command
    import safetensors.numpy as st
    X, y = load(small_set)
    base = tempctl.stats(X, y, only=["mean", "pca_90", "silhouette"])
    st.save_file({"X": X, "y": y.astype(np.int64)}, str(tmp_path / "s.safetensors"))
    assert tempctl.stats(str(tmp_path / "s.safetensors"), only=["mean", "pca_90", "silhouette"]) == base
    with h5py.File(tmp_path / "s.h5", "w") as f:
        f.create_dataset("emb/X", data=X, compression="gzip")
        f.create_dataset("emb/y", data=y)
    out = cli_json(["stats", str(tmp_path / "s.h5"), "--x-key", "emb/X", "--y-key", "emb/y", "--only", "mean,pca_90,silhouette"])
    assert out[0]["statistics"] == base

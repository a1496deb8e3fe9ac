"""Shared fixtures: synthetic sets made by `tempctl synth`, a small zoo studied once per session."""
import json
import os
import subprocess

import numpy as np
import pytest

import tempctl
from tempctl import _runner


def synth(path, i, n=None):
    """The recipe of the repository's tests: many classes of unequal size, so accuracy depends on α."""
    _runner.run(["synth", "--n", str(n or 500 + 40 * i), "--d", str(4 * i + 20), "--classes", str(10 + 2 * (i % 4)),
                 "--spread", f"0.{4 + i % 4}", "--imbalance", "4", "--seed", str(i), "-o", str(path)])
    return str(path)


def load(path):
    with np.load(path) as f:
        return f["X"], f["y"]


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch):
    """Every test gets its own default store."""
    monkeypatch.setenv("TEMPCTL_STORE", str(tmp_path / "default.sqlite"))


@pytest.fixture(scope="session")
def small_set(tmp_path_factory):
    return synth(tmp_path_factory.mktemp("sets") / "s1.npz", 1)


ALPHAS = [1, 4, 16, 64]


@pytest.fixture(scope="session")
def zoo(tmp_path_factory):
    """Nine sets in three dataset groups, studied once (alphas 1,4,16,64) into its own store."""
    folder = tmp_path_factory.mktemp("zoo")
    entries = []
    i = 0
    for g in "abc":
        for s in (1, 2, 3):
            i += 1
            synth(folder / f"{g}{s}.npz", i)
            entries.append({"name": f"{g}{s}", "dataset": g, "extractor": f"e{s}", "path": f"{g}{s}.npz"})
    (folder / "zoo.json").write_text(json.dumps({"sets": entries}))
    store = str(folder / "zoo.sqlite")
    result = tempctl.study(str(folder / "zoo.json"), store=store, k=2, alphas=ALPHAS, progress=False,
                           out=str(folder / "report"), model_out=str(folder / "model.json"))
    assert (folder / "report" / "index.html").exists() and (folder / "model.json").exists()
    return {"folder": folder, "zoo": str(folder / "zoo.json"), "store": store, "result": result}

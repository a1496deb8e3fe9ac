"""A merged store read with no data present; every table command's JSON Lines and CSV parsed by
the standard library and pandas, and the two agreeing to the last digit."""
import csv
import io
import json
import os
import shutil

import pandas as pd
import pytest

import tempctl
from tempctl import TempctlError, _runner

from conftest import ALPHAS, synth


def test_merged_store_without_the_data(tmp_path):
    paths = [synth(tmp_path / f"s{i}.npz", i) for i in (1, 2, 3)]
    grid = ",".join(map(str, ALPHAS))
    for shard in (0, 1):
        _runner.run(["sweep", *paths, "--alphas", grid, "--store", str(tmp_path / f"shard{shard}.sqlite"), "--shard", f"{shard}/2", "--quiet"])
    _runner.run(["merge", str(tmp_path / "shard0.sqlite"), str(tmp_path / "shard1.sqlite"), "-o", str(tmp_path / "all.sqlite")])
    before = {r["name"]: r for r in json.loads("[" + ",".join(_runner.run(
        ["optimum", *paths, "--alphas", grid, "--store", str(tmp_path / "all.sqlite"), "--format", "json", "--quiet"]).split("\n")[:-1]) + "]")}
    for p in paths:
        os.remove(p)
    tables = tempctl.read_store(str(tmp_path / "all.sqlite"))
    assert sorted(tables["sets"]["name"]) == ["s1", "s2", "s3"]
    assert (tables["sets"]["units"] == 1).all() and (tables["sets"]["unconverged_runs"] >= 0).all()
    optima = tables["optima"].set_index("name")
    for name, r in before.items():
        assert optima.loc[name, "alpha_star"] == r["alpha_star"]
        assert optima.loc[name, "accuracy"] == r["accuracy"]
    runs = tables["runs"]
    assert set(runs["alpha"]) >= set(ALPHAS) and len(runs) == tables["sets"]["runs"].sum()
    with pytest.raises(TempctlError, match="holds no set named 'nope'"):
        _runner.run(["optimum", "--store", str(tmp_path / "all.sqlite"), "--set", "nope"])


def test_report_never_trains_silently(zoo, tmp_path):
    # Other training options than the study's: the runs are missing, and report says so.
    with pytest.raises(TempctlError, match=r"lacks \d+ units?.*only reads.*tempctl study"):
        _runner.run(["report", "--zoo", zoo["zoo"], "--store", zoo["store"], "--alphas", "2,8", "--out", str(tmp_path / "r")])
    assert not (tmp_path / "r").exists()
    out = _runner.run(["report", "--zoo", zoo["zoo"], "--store", zoo["store"], "--alphas", ",".join(map(str, ALPHAS)), "--k", "2",
                       "--out", str(tmp_path / "r"), "--quiet"])
    assert "index.html" in out


def test_report_and_compare_from_the_store_without_the_data(zoo, tmp_path):
    copy = tmp_path / "zoo"
    shutil.copytree(zoo["folder"], copy, ignore=shutil.ignore_patterns("*.npz", "report"))
    assert not list(copy.glob("*.npz"))
    args = ["--zoo", str(copy / "zoo.json"), "--store", str(copy / "zoo.sqlite"), "--alphas", ",".join(map(str, ALPHAS)), "--k", "2", "--quiet"]
    with_data = _runner.records(["compare", "--zoo", zoo["zoo"], "--store", zoo["store"], "--alphas", ",".join(map(str, ALPHAS)), "--k", "2", "--quiet"])
    assert _runner.records(["compare", *args]) == with_data
    assert "index.html" in _runner.run(["report", *args, "--out", str(tmp_path / "r")])
    with pytest.raises(TempctlError, match="data file is missing, so they cannot be trained"):
        _runner.run(["compare", *args[:4], "--alphas", "2,8", "--k", "2", "--quiet"])


def test_dry_run_prices_and_trains_nothing(small_set, tmp_path):
    store = str(tmp_path / "dry.sqlite")
    out = _runner.run(["sweep", small_set, "--store", store, "--dry-run"])
    assert out.startswith("cost: 1 unit to train") and "FLOP" in out and "ETA" in out
    assert "nothing to train" not in out
    listing = _runner.records(["store", "ls", store])
    assert listing == []


def test_study_tables(zoo):
    r = zoo["result"]
    # Three rules on each of the two axes (leave-one-dataset-out, leave-one-extractor-family-out).
    assert isinstance(r.table1, pd.DataFrame) and len(r.table1) == 6
    assert r.table1.groupby("axis").size().to_dict() == {"dataset": 3, "extractor-family": 3}
    assert (r.table1["median_regret_ci_low"] <= r.table1["median_regret_points"]).all()
    assert set(r.heuristics["heuristic"]) >= {"fitted-bestk", "sqrt-dim"}
    assert len(r.optima) >= 9


def commands(zoo, small_set):
    z = ["--zoo", zoo["zoo"], "--store", zoo["store"], "--alphas", ",".join(map(str, ALPHAS)), "--k", "2", "--quiet"]
    grid = ["--alphas", ",".join(map(str, ALPHAS)), "--store", zoo["store"], "--quiet"]
    return {
        "plugins": (["plugins"], set()),
        "plugins --heuristics": (["plugins", "--heuristics"], set()),
        "stats": (["stats", small_set, "--quiet"], {"statistics"}),
        "suggest": (["suggest", small_set], {"statistics"}),
        "optimum": (["optimum", small_set, *grid], set()),
        "optimum --runs": (["optimum", small_set, *grid, "--runs"], set()),
        "optimum --store": (["optimum", "--store", zoo["store"]], set()),
        "correlate": (["correlate", *z], set()),
        "select": (["select", *z, "--model-out", os.path.join(str(zoo["folder"]), "m.json")], set()),
        "compare": (["compare", *z], set()),
        "compare --details": (["compare", *z, "--details"], set()),
        "store ls": (["store", "ls", zoo["store"]], set()),
        "store export runs": (["store", "export", zoo["store"], "--what", "runs"], set()),
        "store export optima": (["store", "export", zoo["store"], "--what", "optima"], set()),
    }


def flatten(record, inline):
    out = {}
    for k, v in record.items():
        if k in inline and isinstance(v, dict):
            out.update(v)
        else:
            out[k] = v
    return out


def same(cell, value):
    """A CSV cell against its JSON value: numbers to the last digit, null as empty, lists and objects as JSON text."""
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, (int, float)):
        return float(cell) == value
    if isinstance(value, (list, dict)):
        return json.loads(cell) == value
    return cell == value


@pytest.mark.parametrize("name", ["plugins", "plugins --heuristics", "stats", "suggest", "optimum", "optimum --runs", "optimum --store", "correlate",
                                  "select", "compare", "compare --details", "store ls", "store export runs", "store export optima"])
def test_json_lines_and_csv_agree(zoo, small_set, name):
    args, inline = commands(zoo, small_set)[name]
    text = _runner.run([*args, "--format", "json"])
    records = [json.loads(line) for line in text.splitlines()]          # JSON Lines: one object per line
    assert records and all(isinstance(r, dict) for r in records)
    for r in records:
        assert all(k == k.lower() and " " not in k for k in flatten(r, inline)), "snake_case keys"
        assert r.get("accuracy_std", 1) != 0 or r.get("seeds", 2) > 1, "no std over one seed"
        if r.get("seeds") == 1:
            assert "accuracy_std" not in r
    csv_text = _runner.run([*args, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(rows) == len(records)
    flat = [flatten(r, inline) for r in records]
    header = next(csv.reader(io.StringIO(csv_text)))
    keys = []
    for r in flat:
        keys += [k for k in r if k not in keys]
    assert header == keys
    for row, r in zip(rows, flat):
        for k in header:
            assert same(row[k], r.get(k)), f"{name}: {k}: csv {row[k]!r} vs json {r.get(k)!r}"
    frame = pd.read_csv(io.StringIO(csv_text))
    assert list(frame.columns) == header and len(frame) == len(records)
    assert len(pd.read_json(io.StringIO(text), lines=True)) == len(records)

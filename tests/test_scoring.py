"""The generic engine: tiny hand-computed frameworks, the COINr ASEM example, rescore."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assess.engine import aggregation as ag
from assess.engine import normalisation as nm
from assess.engine.classify import rank_desc
from assess.engine.scoring import score
from assess.engine.spec import spec_from_coinr, spec_from_dict
from assess.engine.table import read_table
from assess.errors import DataError, ScoringError

ASEM = Path(__file__).resolve().parents[1] / "data" / "coinr_asem"

TINY = {
    "id": "tiny", "scale": {"min": 0, "max": 1},
    "components": [{"id": "index"}, {"id": "p1", "parent": "index", "weight": 2},
                   {"id": "p2", "parent": "index", "weight": 1}],
    "indicators": [{"id": "a", "parent": "p1"}, {"id": "b", "parent": "p1", "direction": -1},
                   {"id": "c", "parent": "p2"}],
}
DATA = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [10.0, 30.0, 20.0], "c": [5.0, 6.0, 8.0]},
                    index=["x", "y", "z"])
PARAMS = {"goalposts": {"lo": 0, "hi": 40}, "distance_to_reference": {"reference": 4.0},
          "distance_to_target": {"target": 8.0}, "scaled": {"npara": (0, 40)}, "distance_to_unit": {"ref": "z"}}


@pytest.fixture(scope="module")
def tiny():
    return spec_from_dict(TINY)


@pytest.mark.parametrize("norm", sorted(set(nm.NORMALISERS) - {"none"}))
@pytest.mark.parametrize("agg", ["arithmetic_mean", "geometric_mean", "harmonic_mean"])
def test_tiny_framework_by_hand(tiny, norm, agg):
    """Each method against a by-hand computation with plain numpy."""
    prm = PARAMS.get(norm, {})
    if norm == "goalposts":
        prm = {"lo": 0, "hi": 40}
    entry = {"method": norm, **prm}
    try:
        a = score(tiny, DATA, normalise=entry, aggregate=agg)
    except ScoringError as e:  # non-positive values cannot be geometric/harmonic-averaged
        assert agg != "arithmetic_mean" and "values must be > 0" in str(e)
        return
    n = {}
    for col, d in (("a", 1), ("b", -1), ("c", 1)):
        x = DATA[col].to_numpy()
        if norm in ("minmax", "zscore_minmax"):
            y = d * x
            n[col] = (y - y.min()) / (y.max() - y.min())
        elif norm == "zscore":
            # COINr's n_zscore divides by stats::sd, the sample sd (R/normalise.R): ddof=1 by default
            y = d * x
            n[col] = (y - y.mean()) / y.std(ddof=1)
        elif norm == "goalposts":
            n[col] = x / 40 if d == 1 else 1 - x / 40
        elif norm == "rank":
            n[col] = np.argsort(np.argsort(d * x)) + 1.0
        elif norm == "percentile":
            n[col] = np.argsort(np.argsort(d * x)) / 2.0
        elif norm == "borda":
            n[col] = np.argsort(np.argsort(d * x)) * 1.0
        elif norm == "distance_to_reference":
            n[col] = x / 4.0 if d == 1 else 4.0 / x
        elif norm == "distance_to_frontier":
            n[col] = x / x.max() if d == 1 else x.min() / x
        elif norm == "distance_to_target":
            # COINr's n_dist2targ does not cap by default (cap_max = FALSE, R/normalise.R)
            y, t = d * x, d * 8.0
            n[col] = (y - y.min()) / (t - y.min())
        elif norm == "scaled":
            n[col] = (d * x - 0) / (40 - 0) * 100
        elif norm == "distance_to_max":
            y = d * x
            n[col] = 1 - (y.max() - y) / (y.max() - y.min())
        elif norm == "distance_to_unit":
            y = d * x
            n[col] = 1 - (y[2] - y) / (y[2] - y.min())  # unit "z" is the third row
    if norm == "zscore_minmax":  # z-scores for indicators, min-max of the component
        for col, d in (("a", 1), ("b", -1), ("c", 1)):
            y = d * DATA[col].to_numpy()
            n[col] = (y - y.mean()) / y.std()
    mean = {"arithmetic_mean": lambda v, w: (v * w).sum(1) / w.sum(),
            "geometric_mean": lambda v, w: np.exp((np.log(v) * w).sum(1) / w.sum()),
            "harmonic_mean": lambda v, w: w.sum() / (w / v).sum(1)}[agg]
    p1 = mean(np.c_[n["a"], n["b"]], np.array([1.0, 1.0]))
    p2 = n["c"]
    if norm == "zscore_minmax":
        p1 = (p1 - p1.min()) / (p1.max() - p1.min())
        p2 = (p2 - p2.min()) / (p2.max() - p2.min())
    idx = mean(np.c_[p1, p2], np.array([2.0, 1.0]))
    np.testing.assert_allclose(a["scores"]["p1"], p1, rtol=1e-12)
    np.testing.assert_allclose(a["scores"]["index"], idx, rtol=1e-12)
    assert a["ranks"]["index"].tolist() == rank_desc(pd.Series(idx)).tolist()


def test_tiny_minmax_exact_values(tiny):
    a = score(tiny, DATA)
    # a: 0, 1/3, 1 ; b (reversed): 1, 0, 0.5 ; c: 0, 1/3, 1
    assert a["scores"]["p1"].tolist() == pytest.approx([0.5, 1 / 6, 0.75])
    assert a["scores"]["index"].tolist() == pytest.approx([1 / 3, 2 / 9, 5 / 6])
    assert a["ranks"]["index"].tolist() == [2, 3, 1]
    assert list(a["scores"].columns) == ["index", "p1", "p2", "a", "b", "c"]


def test_rescore_unchanged_equals_original_and_changes_apply(tiny):
    a = score(tiny, DATA, aggregate={"index": "geometric_mean", "*": "arithmetic_mean"},
              normalise={"c": {"method": "goalposts", "lo": 0, "hi": 10}, "*": "minmax"})
    assert a.rescore().equals(a)
    b = a.rescore(weights={"p2": 2})
    assert not b.equals(a)
    assert b.params["weights"] == {"p2": 2} and "weights" not in a.params
    # weights given at rescore replace the earlier ones; the spec keeps the original weights
    assert b.rescore(weights=None).equals(a)
    assert [s.name for s in a.log] == ["select", "missing", "normalise", "aggregate", "rank"]


def test_per_level_aggregation(tiny):
    a = score(tiny, DATA, aggregate={0: "minimum", 1: "maximum"}, normalise="minmax")
    s = a["scores"]
    np.testing.assert_allclose(s["p1"], s[["a", "b"]].max(axis=1))
    np.testing.assert_allclose(s["index"], s[["p1", "p2"]].min(axis=1))


def test_missing_reweight_is_shown(tiny):
    d = DATA.copy()
    d.loc["y", "a"] = np.nan
    a = score(tiny, d)
    assert a["coverage"].loc["y", "p1"] == 0.5 and a["coverage"].loc["x", "p1"] == 1.0
    # y's p1 is b alone (reweighted): b reversed minmax over 10,30,20 -> y = 0
    assert a["scores"].loc["y", "p1"] == 0.0
    assert "1 missing cell(s) left missing" in a.log[1].message
    m = score(tiny, d, missing="mean")
    assert m["imputed"].loc["y", "a"] and m["imputed"].to_numpy().sum() == 1
    assert m["treated"].loc["y", "a"] == pytest.approx(2.5)
    g = score(tiny, d, missing="group_mean", groups_by={"x": "g", "y": "g", "z": "h"})
    assert g["treated"].loc["y", "a"] == 1.0
    with pytest.raises(ScoringError, match="needs groups"):
        score(tiny, d, missing="group_mean")
    cov = score(tiny, d, min_coverage=0.75)
    assert np.isnan(cov["scores"].loc["y", "p1"])


def test_latest_year_policy(tiny):
    long = DATA.rename_axis("iso3").reset_index().melt(id_vars="iso3", var_name="indicator")
    long = pd.concat([long.assign(year=2019), long.assign(year=2020, value=long["value"] + 1)])
    long = long[~((long.iso3 == "y") & (long.indicator == "a") & (long.year == 2020))]
    a = score(tiny, long, year=2020, missing="latest")
    assert a["years"].loc["y", "a"] == 2019 and a["raw"].loc["y", "a"] == 2.0
    assert a["raw"].loc["x", "a"] == 2.0
    b = score(tiny, long, year=2020)
    assert np.isnan(b["raw"].loc["y", "a"])


def test_read_table_long_wide_csv(tmp_path):
    long = pd.DataFrame({"iso3": ["A", "B"], "indicator": ["x", "x"], "year": [2020, 2020], "value": [1, 2]})
    p = tmp_path / "t.csv"
    long.to_csv(p, index=False)
    assert read_table(p)["x"].tolist() == [1.0, 2.0]
    with pytest.raises(DataError, match="must appear once per year"):
        read_table(pd.concat([long, long]))
    with pytest.raises(DataError, match="file not found"):
        read_table(tmp_path / "nope.csv")


def test_errors(tiny):
    with pytest.raises(ScoringError, match="unknown parameter"):
        score(tiny, DATA, weigths={"a": 1})
    with pytest.raises(ScoringError, match="unknown node"):
        score(tiny, DATA, weights={"zz": 1})
    with pytest.raises(DataError, match="indicator 'c'"):
        score(tiny, DATA.drop(columns="c"))
    with pytest.raises(ScoringError, match="exactly one root"):
        spec_from_dict({"id": "bad", "components": [{"id": "r"}, {"id": "s"}]})
    with pytest.raises(ScoringError, match=r"weight: must be a finite number >= 0"):
        spec_from_dict({"id": "bad", "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r", "weight": -1}]})


@pytest.fixture(scope="module")
def asem():
    meta = pd.read_csv(ASEM / "asem_iMeta.csv")
    data = pd.read_csv(ASEM / "asem_iData.csv")
    return meta, data


def test_asem_four_levels_against_independent_computation(asem):
    """The COINr ASEM index: denominators, directions, min-max 0-100, arithmetic means."""
    meta, data = asem
    spec = spec_from_coinr(meta)
    a = score(spec, data)
    # independent computation straight from the CSVs
    d = data.set_index("uCode")
    ind = meta[meta.Type == "Indicator"].set_index("iCode")
    x = d[ind.index].astype(float).copy()
    for code, den in ind["Denominator"].dropna().items():
        x[code] = x[code] / d[den]
    x = x * ind["Direction"]
    n = (x - x.min()) / (x.max() - x.min()) * 100
    level = n
    for lev in (2, 3, 4):
        agg_meta = meta[meta.Level == lev]
        parent = meta.set_index("iCode")["Parent"]
        level = pd.DataFrame({c: level[[k for k in level.columns if parent[k] == c]].mean(axis=1)
                              for c in agg_meta.iCode})
    np.testing.assert_allclose(a.scores.to_numpy(), level["Index"].to_numpy(), rtol=1e-10)
    assert a.scores.idxmax() == "CHE"
    assert len(a.scores) == 51 and a["scores"].shape[1] == 49 + 11
    assert a["denominated"].loc["AUT", "Flights"] == pytest.approx(29.01725 / 8735.453)


def test_asem_treatment_and_imputation_logged(asem):
    meta, data = asem
    a = score(spec_from_coinr(meta), data, missing="group_mean",
              groups_by=data.set_index("uCode")["EurAsia_group"], treat=True)
    assert int(a["imputed"].to_numpy().sum()) == int(a["denominated"].isna().to_numpy().sum())
    step = next(s for s in a.log if s.name == "treat")
    assert "'Flights': ['MLT']" in step.message
    tab = step.details["table"]  # COINr's treat vignette: Flights winsorised at one point (MLT)
    assert tab.loc["Flights", "treatment"] == "winsorise" and tab.loc["Flights", "units_winsorised"] == ["MLT"]
    assert sorted(tab.loc["Services", "units_winsorised"]) == ["IRL", "LUX", "MLT", "SGP"]
    # winsorised value is the next one inward
    assert a["treated"].loc["MLT", "Flights"] == a["denominated"]["Flights"].drop("MLT").max()
    assert a.rescore().equals(a)


def test_to_frame_is_tidy(tiny):
    spec = spec_from_dict({**TINY, "groups": [{"id": "lo", "min": 0}, {"id": "hi", "min": 0.5}]})
    f = score(spec, DATA).to_frame()
    assert set(f.columns) >= {"unit", "node", "level", "score", "rank", "group"}
    root = f[f.node == "index"].set_index("unit")
    assert root.loc["z", "group"] == "hi" and root.loc["x", "group"] == "lo"
    assert len(f) == 3 * 6


def test_aggregators_registry_used(tiny):
    for name in ag.AGGREGATORS:
        kw = {"aggregate": {"method": name, "p": 2}} if name == "generalised_mean" else {"aggregate": name}
        a = score(tiny, DATA, normalise={"method": "goalposts", "lo": -1, "hi": 40}, **kw)
        assert a.scores.notna().all()

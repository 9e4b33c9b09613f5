"""Sobol' indices (SALib) on an analytic function and on COINr's ASEM sensitivity design; Monte Carlo rank statistics."""

from pathlib import Path

import numpy as np
import pytest
from SALib.test_functions import Ishigami

from assess.cli.parser import main
from assess.engine.regeneration import pipeline_of
from assess.engine.scoring import score
from assess.engine.sensitivity import (
    Factor,
    factors_of,
    saltelli_sample,
    sample,
    sensitivity,
    sobol_indices,
    uncertainty,
)
from assess.errors import ScoringError

DATA = str(Path(__file__).resolve().parents[1] / "data" / "coinr_asem" / "asem_iData.csv")

# Ishigami (a = 7, b = 0.1): analytic first-order and total indices
S1_TRUE = np.array([0.3139, 0.4424, 0.0])
ST_TRUE = np.array([0.5576, 0.4424, 0.2437])


@pytest.fixture(scope="module")
def full():
    return score("asem", DATA, steps="full")


def test_ishigami_indices_are_right():
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
    X = saltelli_sample(problem, 2 ** 13, seed=5)
    assert X.shape == (2 ** 13 * 5, 3)
    si = sobol_indices(problem, Ishigami.evaluate(X), num_resamples=200, seed=5)
    np.testing.assert_allclose(si["S1"], S1_TRUE, atol=0.03)
    np.testing.assert_allclose(si["ST"], ST_TRUE, atol=0.03)
    # sensible sums: first-order indices add up to at most 1, total ones to at least 1 (interactions)
    assert si["S1"].sum() <= 1.02 and si["ST"].sum() >= 0.98
    assert (si["ST"] >= si["S1"] - 0.02).all()
    # the bootstrap intervals are real intervals around the estimates
    assert (si["S1_q5"] <= si["S1"]).all() and (si["S1"] <= si["S1_q95"]).all() and (si["ST_conf"] > 0).all()


def test_sobol_indices_refuse_bad_output():
    problem = {"num_vars": 2, "names": ["a", "b"], "bounds": [[0, 1]] * 2}
    X = saltelli_sample(problem, 8, seed=0)
    with pytest.raises(ScoringError, match="NaN or infinite"):
        sobol_indices(problem, np.where(X[:, 0] > 0.5, np.nan, 1.0))
    with pytest.raises(ScoringError, match="does not vary"):
        sobol_indices(problem, np.ones(len(X)))


def test_the_frameworks_factors_map_unit_values_to_choices(full):
    p = pipeline_of(full)
    f = factors_of(full.spec)
    assert [x.name for x in f] == ["Winmax", "Normalisation", "Weights", "Aggregation"]
    s = sample(p, f, 200, kind="UA", seed=4)
    k = np.minimum((s.X[:, 0] * 5).astype(int), 4)
    assert (s.design["winmax"].to_numpy() == k + 1).all()
    assert set(s.design["aggregate"]) == {"arithmetic_mean", "geometric_mean"}
    zs = s.design["normalise"] == "zscore"
    assert all(prm == {"m_sd": [10, 2]} for prm in s.design.loc[zs, "normalise_params"])
    t = p.tree
    lev = np.array([t.level[c] for c in t.codes])
    ratio = s.weights / t.weights_array()
    assert (ratio[:, (lev == 1) | (lev == 4)] == 1).all()
    m = (lev == 2) | (lev == 3)
    assert (ratio[:, m] >= 0.75).all() and (ratio[:, m] <= 1.25).all() and ratio[:, m].std() > 0.1
    assert len(np.unique(s.weights, axis=0)) <= 100  # picked from COINr's 100 noisy weight sets


def test_asem_sensitivity_like_coinrs_vignette(full):
    r = sensitivity(full, factors_of(full.spec), 128, seed=2, num_resamples=100)
    idx = r.indices
    assert r.batch.ranks.shape == (51, 128 * 6) and not r.batch.failed.any()
    R = r.batch.ranks.to_numpy().T  # output: mean |rank - nominal rank| (COINr's), recomputed here
    np.testing.assert_allclose(r.y, np.abs(R - r.batch.nominal["Rank"].to_numpy()).mean(axis=1))
    assert np.isfinite(idx[["S1", "ST"]].to_numpy()).all()
    # COINr's vignette: the aggregation method matters most, the winsorisation limit least
    assert idx["ST"].idxmax() == "Aggregation" and idx["ST"].idxmin() == "Winmax"
    assert idx["S1"].sum() <= 1.2 and (idx["ST"] >= idx["S1"] - 0.15).all()


def test_uncertainty_rank_stats(full):
    res, _ = uncertainty(full, factors_of(full.spec), 100, seed=1)
    st = res.rank_stats()
    assert (st["Q5"] <= st["Median"]).all() and (st["Median"] <= st["Q95"]).all()
    assert st.loc["CHE", "Nominal"] == 1 and st.loc["CHE", "Q95"] <= 3
    # every replication ranks the 51 units 1..51 (no ties here)
    assert (np.sort(res.ranks.to_numpy(), axis=0) == np.arange(1, 52)[:, None]).all()


def test_include_impute_and_weight_factors(full):
    a = full.rescore(normalise={"method": "minmax", "l_u": [1, 100]})  # the geometric mean needs values > 0
    f = (Factor("Drop", "include", ((), ("flights",), ("co2", "forest"))),
         Factor("Impute", "impute", ("group_mean", "mean")),
         Factor("Aggregation", "aggregate", ("arithmetic_mean", "geometric_mean")),
         Factor("w_conn", "weight", node="Conn", range=(0.5, 1.5)))
    s = sample(a, f, 32, kind="SA", seed=9)
    assert s.include.shape == (32 * 6, 49) and set(s.design["impute"]) == {"group_mean", "mean"}
    j = pipeline_of(a).tree.codes.index("conn")
    np.testing.assert_allclose(s.weights[:, j], s.X[:, 3] + 0.5)
    r = sensitivity(a, f, 32, seed=9, num_resamples=20)
    assert list(r.indices.index) == ["Drop", "Impute", "Aggregation", "w_conn"]
    with pytest.raises(ScoringError, match="unknown indicator"):
        sample(a, (Factor("x", "include", (("Nope",),)), f[2]), 8, kind="SA")
    with pytest.raises(ScoringError, match="at least two factors"):
        sample(a, f[:1], 8, kind="SA")
    with pytest.raises(ScoringError, match="target must be one of"):
        Factor("x", "colour", (1,))


def test_cli_sensitivity(tmp_path, capsys):
    out = tmp_path / "si.csv"
    assert main(["composite", "sensitivity", "asem", "--data", DATA, "--steps", "full", "--n", "64", "-o",
                 str(out)]) == 0
    assert "Sobol' indices from 384 regenerations" in capsys.readouterr().out
    import pandas as pd

    si = pd.read_csv(out, index_col="factor")
    assert list(si.index) == ["Winmax", "Normalisation", "Weights", "Aggregation"]
    assert list(si.columns) == ["S1", "S1_conf", "ST", "ST_conf", "S1_q5", "S1_q95", "ST_q5", "ST_q95"]
    assert si["ST"].idxmax() == "Aggregation"
    assert main(["composite", "sensitivity", "un_egdi", "--n", "64", "-o", str(out)]) == 2
    assert "declares no uncertain factors" in capsys.readouterr().err

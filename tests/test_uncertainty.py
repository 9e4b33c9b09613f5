"""Monte Carlo rank distributions and Sobol indices."""

import numpy as np
import pytest

from assess.engine.scoring import score
from assess.engine.spec import spec_from_dict
from assess.errors import ScoringError
from assess.indices import published
from assess.indices.rank_uncertainty import AGG_CHOICES, _normalised, evaluate, sobol, uncertainty


def test_nominal_ranks_match_published_and_intervals_contain_median():
    u = uncertainty(2024, n=10_000, seed=3)
    t = u.table
    assert u.ranks.shape == (10_000, 193)
    pub = published.published(2024).loc[t.index, "egdi_rank"]
    # nominal = equal-weight arithmetic mean of published components: published ranks up to rounding
    assert (t["nominal_rank"] - pub).abs().max() <= 1
    assert ((t["p5"] <= t["median_rank"]) & (t["median_rank"] <= t["p95"])).all()
    assert t.loc["DNK", "p95"] == 1  # Denmark leads under every choice sampled
    # every rank row is a permutation
    assert (np.sort(u.ranks[:5], axis=1) == np.arange(1, 194)).all()


def test_evaluate_matches_hand_computation():
    X = np.array([[0.2, 0.8], [0.5, 0.5], [0.9, 0.1]])
    N = _normalised(X)
    W = np.array([[1.0, 3.0]] * 3)
    S = evaluate(N, np.array([0, 0, 0]), np.array([0, 1, 2]), W)
    assert S[0, 0] == pytest.approx(0.25 * 0.2 + 0.75 * 0.8)
    assert S[1, 0] == pytest.approx(0.2 ** 0.25 * 0.8 ** 0.75)
    assert S[2, 0] == pytest.approx(1 / (0.25 / 0.2 + 0.75 / 0.8))
    assert len(AGG_CHOICES) == 3


def test_fixed_choices_give_no_uncertainty():
    u = uncertainty(2024, n=200, weight_range=0.0, norms=("none",), aggs=("arithmetic_mean",))
    assert (u.table["p5"] == u.table["p95"]).all()
    with pytest.raises(ScoringError, match="unknown method"):
        uncertainty(2024, n=10, norms=("bogus",))


def test_uncertainty_on_an_assessment():
    spec = spec_from_dict({"id": "t", "components": [{"id": "r"}, {"id": "p", "parent": "r"}, {"id": "q", "parent": "r"}],
                           "indicators": [{"id": "a", "parent": "p"}, {"id": "b", "parent": "q"}]})
    import pandas as pd
    d = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 3.0, 1.0, 2.0]}, index=list("wxyz"))
    u = uncertainty(assessment=score(spec, d), n=300)
    assert set(u.table.index) == set("wxyz")


def test_sobol_indices():
    s = sobol(2024, n=256)
    assert list(s.index) == ["w_osi", "w_hci", "w_tii", "normalise", "aggregate"]
    assert (s["ST"] >= s["S1"] - 0.1).all() and (s["ST"] > 0).all()
    aze = sobol(2024, n=256, output="AZE")
    assert aze["ST"].sum() > 0
    with pytest.raises(ScoringError, match="output must be"):
        sobol(2024, n=16, output="XXX")

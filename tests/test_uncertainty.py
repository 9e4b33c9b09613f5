"""Monte Carlo rank distributions and Sobol indices."""

import numpy as np
import pandas as pd
import pytest

from assess.engine.regeneration import regenerate
from assess.engine.scoring import score
from assess.engine.spec import spec_from_dict
from assess.errors import ScoringError
from assess.indices import published
from assess.indices.rank_uncertainty import AGG_CHOICES, components_matrix, nominal_run, sobol, uncertainty


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


def test_engine_replications_match_hand_computation():
    """The analysis runs through the general engine: its means against plain arithmetic."""
    X = pd.DataFrame([[0.2, 0.8], [0.5, 0.5], [0.9, 0.1]], index=["a", "b", "c"], columns=["x", "y"])
    a = nominal_run(X, np.ones(2))
    res = regenerate(a, pd.DataFrame({"aggregate": list(AGG_CHOICES)}), weights=np.array([[1.0, 3.0, 1.0]] * 3))
    S = res.scores.to_numpy().T
    assert S[0, 0] == pytest.approx(0.25 * 0.2 + 0.75 * 0.8)
    assert S[1, 0] == pytest.approx(0.2 ** 0.25 * 0.8 ** 0.75)
    assert S[2, 0] == pytest.approx(1 / (0.25 / 0.2 + 0.75 / 0.8))
    assert len(AGG_CHOICES) == 3
    # min-max puts c's y at 0: the geometric mean floors it at 0.01 (else c would score 0 whatever x)
    mm = regenerate(a, pd.DataFrame({"normalise": ["minmax"], "normalise_params": [{"l_u": (0, 1)}],
                                     "aggregate": ["geometric_mean"]}))
    assert mm.scores.loc["c", "r_1"] == pytest.approx((1.0 * 0.01) ** 0.5)


def test_replications_equal_a_hand_computation_of_their_draws():
    """Each of the first replications of the EGDI analysis: its drawn normalisation, aggregation and weights
    applied by hand with numpy to the published components give the engine's ranks."""
    u = uncertainty(2024, n=200, seed=3)
    X, _ = components_matrix(2024)
    V = X.to_numpy(float)
    pct = (pd.DataFrame(V).rank(method="min").to_numpy() - 1) / (len(V) - 1)
    norm = {"none": V, "minmax": (V - V.min(0)) / (V.max(0) - V.min(0)), "rank": pct}
    for i in range(20):
        d = u.draws.iloc[i]
        N = np.maximum(norm[d["normalise"]], 0.01) if d["aggregate"] != "arithmetic_mean" else norm[d["normalise"]]
        w = d[["w_osi", "w_hci", "w_tii"]].to_numpy(float)
        w = w / w.sum()
        if d["aggregate"] == "arithmetic_mean":
            s = N @ w
        elif d["aggregate"] == "geometric_mean":
            s = np.exp(np.log(N) @ w)
        else:
            s = 1 / ((1 / N) @ w)
        ranks = pd.Series(-s).rank(method="min").to_numpy()
        assert (u.ranks[i] == ranks).all(), i


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

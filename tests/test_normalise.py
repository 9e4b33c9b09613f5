"""Normalisers: registry conformance and hand-computed values."""

import numpy as np
import pandas as pd
import pytest

from assess.engine import normalisation as nm
from assess.errors import ScoringError

X = pd.Series([4.0, 1.0, np.nan, 3.0, 2.0], index=list("abcde"))
PARAMS = {"goalposts": {"lo": 0, "hi": 5}, "distance_to_reference": {"reference": 2.0},
          "distance_to_target": {"target": 3.5}, "scaled": {"npara": (0, 5)}, "distance_to_unit": {"ref": "d"}}


def test_registry_names_are_function_names():
    for name, fn in nm.NORMALISERS.items():
        assert fn is getattr(nm, name)
        assert fn.__doc__ and "Examples" in fn.__doc__


@pytest.mark.parametrize("name", sorted(set(nm.NORMALISERS) - {"none"}))
def test_order_preserved_reversed_and_nan_kept(name):
    f = nm.NORMALISERS[name]
    up = f(X, **PARAMS.get(name, {}))
    down = f(X, direction=-1, **PARAMS.get(name, {}))
    assert np.isnan(up["c"]) and np.isnan(down["c"])
    order = X.dropna().sort_values().index
    assert up[order].is_monotonic_increasing
    assert down[order].is_monotonic_decreasing
    # strictly for the unbounded ones (distance_to_target caps at 1)
    if name not in ("distance_to_target", "goalposts"):
        assert up[order].is_unique


def test_hand_values():
    v = X.dropna()
    assert nm.minmax(v).tolist() == [1.0, 0.0, 2 / 3, 1 / 3]
    z = nm.zscore(v)
    # COINr's n_zscore divides by stats::sd, the sample sd (R/normalise.R): the default is ddof=1
    sd = np.sqrt(((v - 2.5) ** 2).sum() / 3)  # sample sd = sqrt(5/3)
    np.testing.assert_allclose(z, (v - 2.5) / sd)
    pop = np.sqrt(((v - 2.5) ** 2).mean())  # population sd = sqrt(1.25), the UN's
    np.testing.assert_allclose(nm.zscore(v, ddof=0), (v - 2.5) / pop)
    np.testing.assert_allclose(nm.zscore(v, m_sd=(10, 2)), 10 + 2 * (v - 2.5) / sd)
    np.testing.assert_allclose(nm.zscore_minmax(v), nm.minmax(v))
    assert nm.goalposts(v, lo=0, hi=5).tolist() == [0.8, 0.2, 0.6, 0.4]
    assert nm.goalposts(pd.Series([6.0, -1.0]), lo=0, hi=5).tolist() == [1.0, 0.0]
    assert nm.goalposts(pd.Series([6.0]), lo=0, hi=5, trunc=False).tolist() == [1.2]
    assert nm.rank(v).tolist() == [4.0, 1.0, 3.0, 2.0]
    assert nm.percentile(v).tolist() == [1.0, 0.0, 2 / 3, 1 / 3]
    assert nm.borda(v).tolist() == [3.0, 0.0, 2.0, 1.0]
    assert nm.distance_to_reference(v, reference=2.0).tolist() == [2.0, 0.5, 1.5, 1.0]
    assert nm.distance_to_reference(v, reference=2.0, direction=-1).tolist() == [0.5, 2.0, 2 / 3, 1.0]
    assert nm.distance_to_frontier(v).tolist() == [1.0, 0.25, 0.75, 0.5]
    # COINr's n_dist2targ does not cap by default (cap_max = FALSE, R/normalise.R); cap=True caps at 1
    assert nm.distance_to_target(v, target=3.5).tolist() == pytest.approx([1.2, 0.0, 0.8, 0.4])
    assert nm.distance_to_target(v, target=3.5, cap=True).tolist() == pytest.approx([1.0, 0.0, 0.8, 0.4])
    assert nm.scaled(v, npara=(0, 5)).tolist() == [80.0, 20.0, 60.0, 40.0]
    assert nm.distance_to_max(v).tolist() == pytest.approx([1.0, 0.0, 2 / 3, 1 / 3], abs=1e-15)
    assert nm.distance_to_unit(v, ref="d").tolist() == [1.5, 0.0, 1.0, 0.5]  # 1 - (3 - x) / (3 - 1)
    # ties share the lowest rank (COINr's n_rank uses ties.method = "min", R/normalise.R)
    assert nm.rank(pd.Series([2.0, 1.0, 2.0])).tolist() == [2.0, 1.0, 2.0]


def test_minmax_on_frame_is_columnwise_and_constant_column_is_nan():
    # a constant column has no range: COINr's n_minmax gives 0/0 = NaN (R/normalise.R), and so do we
    df = pd.DataFrame({"a": [1.0, 3.0], "b": [7.0, 7.0]})
    out = nm.minmax(df)
    assert out["a"].tolist() == [0.0, 1.0] and out["b"].isna().all()


def test_errors():
    with pytest.raises(ScoringError, match="unknown method 'minmx'"):
        nm.normalise(X, "minmx")
    with pytest.raises(ScoringError, match="direction must be 1 or -1"):
        nm.minmax(X, direction=2)
    with pytest.raises(ScoringError, match="needs lo < hi"):
        nm.goalposts(X, lo=5, hi=1)
    with pytest.raises(ScoringError, match="values must be > 0"):
        nm.distance_to_frontier(pd.Series([0.0, 1.0]))
    with pytest.raises(ScoringError, match="bad parameters"):
        nm.normalise(X, "minmax", bogus=1)

"""Aggregators: registry conformance and hand-computed values."""

import numpy as np
import pandas as pd
import pytest

from assess.engine import aggregation as ag
from assess.errors import ScoringError

V = pd.DataFrame({"a": [0.2, 0.5, np.nan, np.nan], "b": [0.8, 0.5, 0.4, np.nan]}, index=list("wxyz"))


def test_registry_names_are_function_names():
    for name, fn in ag.AGGREGATORS.items():
        assert fn is getattr(ag, name)
        assert fn.__doc__ and "Examples" in fn.__doc__


@pytest.mark.parametrize("name", sorted(set(ag.AGGREGATORS) - {"copeland"}))  # copeland scores, it is no mean
def test_conformance(name):
    f = ag.AGGREGATORS[name]
    out = f(V, [1, 3])
    # missing value drops with its weight; all missing gives NaN
    assert out["y"] == pytest.approx(0.4)
    assert np.isnan(out["z"])
    # equal values aggregate to that value; between min and max
    assert out["x"] == pytest.approx(0.5)
    assert 0.2 <= out["w"] <= 0.8
    # doubling all weights changes nothing
    pd.testing.assert_series_equal(out, f(V, [2, 6]))


def test_hand_values():
    w = [1, 3]
    assert ag.arithmetic_mean(V, w)["w"] == pytest.approx((0.2 + 3 * 0.8) / 4)
    assert ag.geometric_mean(V, w)["w"] == pytest.approx(0.2 ** 0.25 * 0.8 ** 0.75)
    assert ag.harmonic_mean(V, w)["w"] == pytest.approx(4 / (1 / 0.2 + 3 / 0.8))
    assert ag.generalised_mean(V, w, p=2)["w"] == pytest.approx(((0.04 + 3 * 0.64) / 4) ** 0.5)
    assert ag.generalised_mean(V, w, p=0)["w"] == pytest.approx(ag.geometric_mean(V, w)["w"])
    assert ag.minimum(V, w)["w"] == 0.2 and ag.maximum(V, w)["w"] == 0.8
    # mean inequality: harmonic <= geometric <= arithmetic
    h, g, a = (ag.AGGREGATORS[n](V, w)["w"] for n in ("harmonic_mean", "geometric_mean", "arithmetic_mean"))
    assert h < g < a


def test_errors():
    with pytest.raises(ScoringError, match="one weight per column"):
        ag.arithmetic_mean(V, [1])
    with pytest.raises(ScoringError, match="must not all be zero"):
        ag.arithmetic_mean(V, [0, 0])
    with pytest.raises(ScoringError, match=r"weights must be finite numbers >= 0"):
        ag.arithmetic_mean(V, [1, -1])
    with pytest.raises(ScoringError, match="values must be > 0"):
        ag.geometric_mean(pd.DataFrame({"a": [0.0]}), [1])
    with pytest.raises(ScoringError, match="unknown method 'median'"):
        ag.aggregate(V, [1, 1], "median")
    assert ag.resolve("geometric") == "geometric_mean"


def test_copeland_by_hand():
    """COINr's a_copeland: weighted pairwise majorities (ties half), +1 per majority won, -1 per one lost."""
    v = pd.DataFrame({"a": [3.0, 2.0, 1.0, 2.0], "b": [1.0, 3.0, 2.0, 2.0]}, index=list("wxyz"))
    # weights 2:1 — w beats x (2/3), y (2/3), z (2/3); x beats y (1), z (1/2 + 1/3 = 5/6); y vs z: a loses, b tie → 1/6
    assert ag.copeland(v, [2, 1]).tolist() == [3.0, 1.0, -3.0, -1.0]
    # equal weights: w ties x, y and z (1/2 each: wins a, loses b) → 0; x beats y (1) and z (1/4 + 1/2) → 2;
    # y loses to x and to z (0 + 1/4) → -2; z loses to x, beats y → 0
    assert ag.copeland(v, [1, 1]).tolist() == [0.0, 2.0, -2.0, 0.0]

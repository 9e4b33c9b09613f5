"""Aggregation methods, looked up by the names used in framework YAML.

Every method is a pure function ``f(values, weights) -> pd.Series`` where ``values`` is a
:class:`pandas.DataFrame` (rows = units, columns = the children of one node) and
``weights`` one non-negative number per column. A NaN value drops out *with its weight*
(re-weighting over what is available), the usual "drop and re-weight" missing-data policy;
a unit with no value at all gets NaN. Weights are relative: only their ratios matter.

Examples
--------
>>> import pandas as pd
>>> v = pd.DataFrame({"a": [0.2, 0.8], "b": [0.4, None]}, index=["x", "y"])
>>> AGGREGATORS["arithmetic_mean"](v, [1, 1]).tolist()
[0.30000000000000004, 0.8]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from assess.errors import ScoringError
from assess.frameworks import vocabulary
from assess.frameworks.vocabulary import check_registry

__all__ = [
    "AGGREGATORS",
    "aggregate",
    "arithmetic_mean",
    "generalised_mean",
    "geometric_mean",
    "harmonic_mean",
    "maximum",
    "minimum",
]


def _prepare(values, weights):
    v = values.astype(float).to_numpy()
    w = np.asarray(weights, dtype=float).reshape(-1)
    if w.shape[0] != v.shape[1]:
        raise ScoringError(f"aggregate: needs one weight per column ({v.shape[1]}). "
                           f"Got {w.shape[0]} instead.")
    if (w < 0).any() or not np.isfinite(w).all():
        raise ScoringError(f"aggregate: weights must be finite numbers >= 0. Got {w.tolist()} instead.")
    if w.sum() == 0:
        raise ScoringError("aggregate: weights must not all be zero.")
    present = ~np.isnan(v)
    W = np.where(present, w, 0.0)
    wsum = W.sum(axis=1)
    return v, W, wsum


def _finish(values, num, wsum):
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(wsum > 0, num, np.nan)
    return pd.Series(out, index=values.index, dtype=float)


def arithmetic_mean(values, weights):
    """Weighted arithmetic mean ``sum(w x) / sum(w)`` over the available values.

    Examples
    --------
    >>> import pandas as pd
    >>> arithmetic_mean(pd.DataFrame({"a": [1.0], "b": [4.0]}), [3, 1]).tolist()
    [1.75]
    """
    v, W, wsum = _prepare(values, weights)
    with np.errstate(invalid="ignore", divide="ignore"):
        num = np.nansum(np.nan_to_num(v) * W, axis=1) / wsum
    return _finish(values, num, wsum)


def geometric_mean(values, weights):
    """Weighted geometric mean ``exp(sum(w log x) / sum(w))``; values must be > 0.

    Less compensatory than the arithmetic mean: a weak dimension pulls the score down more.

    Examples
    --------
    >>> import pandas as pd
    >>> geometric_mean(pd.DataFrame({"a": [1.0], "b": [4.0]}), [1, 1]).tolist()
    [2.0]
    """
    v, W, wsum = _prepare(values, weights)
    if (v[~np.isnan(v)] <= 0).any():
        raise ScoringError("aggregate 'geometric_mean': values must be > 0 "
                           f"(normalise to a positive range first). Got a minimum of {np.nanmin(v)} instead.")
    with np.errstate(invalid="ignore", divide="ignore"):
        num = np.exp(np.nansum(np.log(np.where(np.isnan(v), 1.0, v)) * W, axis=1) / wsum)
    return _finish(values, num, wsum)


def harmonic_mean(values, weights):
    """Weighted harmonic mean ``sum(w) / sum(w / x)``; values must be > 0.

    Examples
    --------
    >>> import pandas as pd
    >>> harmonic_mean(pd.DataFrame({"a": [1.0], "b": [4.0]}), [1, 1]).tolist()
    [1.6]
    """
    v, W, wsum = _prepare(values, weights)
    if (v[~np.isnan(v)] <= 0).any():
        raise ScoringError("aggregate 'harmonic_mean': values must be > 0 "
                           f"(normalise to a positive range first). Got a minimum of {np.nanmin(v)} instead.")
    with np.errstate(invalid="ignore", divide="ignore"):
        num = wsum / np.nansum(W / np.where(np.isnan(v), 1.0, v), axis=1)
    return _finish(values, num, wsum)


def generalised_mean(values, weights, p=1.0):
    """Weighted power mean ``(sum(w x^p) / sum(w))^(1/p)``; ``p=0`` is the geometric mean.

    Examples
    --------
    >>> import pandas as pd
    >>> generalised_mean(pd.DataFrame({"a": [1.0], "b": [7.0]}), [1, 1], p=2).round(4).tolist()
    [5.0]
    """
    if p == 0:
        return geometric_mean(values, weights)
    v, W, wsum = _prepare(values, weights)
    with np.errstate(invalid="ignore", divide="ignore"):
        num = (np.nansum(np.where(np.isnan(v), 0.0, v) ** p * W, axis=1) / wsum) ** (1 / p)
    return _finish(values, num, wsum)


def minimum(values, weights):
    """The smallest available value among children with a positive weight (no compensation).

    Examples
    --------
    >>> import pandas as pd
    >>> minimum(pd.DataFrame({"a": [0.3], "b": [0.9], "c": [0.1]}), [1, 1, 0]).tolist()
    [0.3]
    """
    v, W, wsum = _prepare(values, weights)
    with np.errstate(invalid="ignore"):
        num = np.nanmin(np.where(W > 0, v, np.inf), axis=1)
    return _finish(values, num, wsum)


def maximum(values, weights):
    """The largest available value among children with a positive weight.

    Examples
    --------
    >>> import pandas as pd
    >>> maximum(pd.DataFrame({"a": [0.3], "b": [0.9]}), [1, 1]).tolist()
    [0.9]
    """
    v, W, wsum = _prepare(values, weights)
    num = np.nanmax(np.where(W > 0, v, -np.inf), axis=1)
    return _finish(values, num, wsum)


AGGREGATORS: dict[str, Callable] = {
    "arithmetic_mean": arithmetic_mean,
    "geometric_mean": geometric_mean,
    "harmonic_mean": harmonic_mean,
    "generalised_mean": generalised_mean,
    "minimum": minimum,
    "maximum": maximum,
}
"""Aggregators by YAML name; ``mean``, ``arithmetic``, ``geometric``, ``harmonic`` are aliases."""
check_registry(AGGREGATORS, vocabulary.AGGREGATORS, "aggregators")


_ALIASES = {"mean": "arithmetic_mean", "arithmetic": "arithmetic_mean", "geometric": "geometric_mean",
            "harmonic": "harmonic_mean", "amean": "arithmetic_mean", "gmean": "geometric_mean",
            "hmean": "harmonic_mean"}


def resolve(method):
    """Return the registry name for ``method`` (accepting the aliases).

    Examples
    --------
    >>> resolve("geometric")
    'geometric_mean'
    """
    name = _ALIASES.get(method, method)
    if name not in AGGREGATORS:
        raise ScoringError(f"aggregate: unknown method {method!r}. Expected one of: "
                           f"{', '.join(sorted(AGGREGATORS))}.")
    return name


def aggregate(values, weights, method="arithmetic_mean", **params):
    """Apply the aggregator named ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> aggregate(pd.DataFrame({"a": [1.0], "b": [4.0]}), [1, 1], "geometric").tolist()
    [2.0]
    """
    return AGGREGATORS[resolve(method)](values, weights, **params)

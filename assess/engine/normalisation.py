"""Normalisation methods, looked up by the names used in framework YAML.

Every method is a pure function ``f(x, *, direction=1, **params)`` taking a
:class:`pandas.Series` (one indicator over units) or a :class:`pandas.DataFrame`
(several indicators, column by column) and returning the same shape. NaN stays NaN and
is ignored when the cross-section statistics (min, max, mean, standard deviation, ranks)
are computed. ``direction=-1`` means "lower is better": the result is reversed so that a
higher normalised value is always better.

The registry :data:`NORMALISERS` maps YAML names to functions, so
``NORMALISERS["minmax"] is minmax`` (cf. COINr's ``n_minmax``).

Examples
--------
>>> import pandas as pd
>>> x = pd.Series([1.0, 2.0, 3.0], index=["a", "b", "c"])
>>> NORMALISERS["minmax"](x).tolist()
[0.0, 0.5, 1.0]
>>> NORMALISERS["minmax"](x, direction=-1).tolist()
[1.0, 0.5, 0.0]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from assess.errors import ScoringError
from assess.frameworks import vocabulary
from assess.frameworks.vocabulary import check_registry

__all__ = [
    "NORMALISERS",
    "borda",
    "distance_to_frontier",
    "distance_to_reference",
    "distance_to_target",
    "goalposts",
    "minmax",
    "none",
    "normalise",
    "percentile",
    "rank",
    "zscore",
    "zscore_minmax",
]


def _oriented(x, direction):
    if direction not in (1, -1):
        raise ScoringError(f"normalise: direction must be 1 or -1. Got {direction!r} instead.")
    return x * direction


def none(x, *, direction=1):
    """Leave values as they are (for data already on a common scale).

    ``direction=-1`` is refused: reversing an unnormalised value has no natural scale.

    Examples
    --------
    >>> import pandas as pd
    >>> none(pd.Series([0.2, 0.9])).tolist()
    [0.2, 0.9]
    """
    if direction != 1:
        raise ScoringError("normalise 'none': direction must be 1 (values are used as they are). "
                           f"Got {direction!r} instead.")
    return x.astype(float)


def minmax(x, *, direction=1, lo=0.0, hi=1.0):
    """Min-max rescaling to ``[lo, hi]``: ``lo + (x - min) / (max - min) * (hi - lo)``.

    A constant column (max == min) maps to the middle of the range.

    Examples
    --------
    >>> import pandas as pd
    >>> minmax(pd.Series([2.0, 4.0, 6.0]), lo=0, hi=100).tolist()
    [0.0, 50.0, 100.0]
    >>> minmax(pd.Series([5.0, 5.0])).tolist()
    [0.5, 0.5]
    """
    y = _oriented(x.astype(float), direction)
    mn, mx = y.min(), y.max()
    span = mx - mn
    if isinstance(span, pd.Series):
        out = (y - mn) / span.where(span != 0)
        out = out.fillna(0.5).where(y.notna())
    else:
        out = (y - mn) / span if span != 0 else (y * 0 + 0.5)
    return lo + out * (hi - lo)


def zscore(x, *, direction=1, mean=0.0, sd=1.0):
    """Standardise with the population standard deviation: ``mean + sd * (x - mu) / sigma``.

    The UN E-Government Survey uses the population standard deviation (``ddof=0``).
    A constant column gives ``mean``.

    Examples
    --------
    >>> import pandas as pd
    >>> zscore(pd.Series([1.0, 2.0, 3.0])).round(4).tolist()
    [-1.2247, 0.0, 1.2247]
    """
    y = _oriented(x.astype(float), direction)
    mu, sigma = y.mean(), y.std(ddof=0)
    if isinstance(sigma, pd.Series):
        z = ((y - mu) / sigma.where(sigma != 0)).fillna(0.0).where(y.notna())
    else:
        z = (y - mu) / sigma if sigma != 0 else y * 0
    return mean + sd * z


def zscore_minmax(x, *, direction=1):
    """The UN's two-step method: z-score, then min-max to ``[0, 1]``.

    On a single indicator this equals :func:`minmax` (min-max is invariant to the affine
    z-transform). Its point is in a framework: the scoring engine z-scores each indicator
    and min-max rescales the *component* (the mean of the z-scores), as the UN does for
    OSI, HCI and TII.

    Examples
    --------
    >>> import pandas as pd
    >>> zscore_minmax(pd.Series([3.0, 1.0, 2.0])).tolist()
    [1.0, 0.0, 0.5]
    """
    return minmax(zscore(x, direction=direction))


def goalposts(x, *, direction=1, lo=None, hi=None, scale=1.0, trunc=True):
    """Fixed goalposts: ``scale * (x - lo) / (hi - lo)``, optionally clipped to ``[0, scale]``.

    Unlike min-max, the result does not depend on the other units, so scores compare across
    years (DESI). With ``direction=-1``, ``hi`` is the worst value: ``scale * (hi - x) / (hi - lo)``.

    Examples
    --------
    >>> import pandas as pd
    >>> goalposts(pd.Series([10.0, 55.0, 120.0]), lo=10, hi=100).tolist()
    [0.0, 0.5, 1.0]
    >>> goalposts(pd.Series([10.0, 55.0]), lo=10, hi=100, direction=-1).tolist()
    [1.0, 0.5]
    """
    if lo is None or hi is None or not hi > lo:
        raise ScoringError(f"normalise 'goalposts': needs lo < hi. Got lo={lo!r}, hi={hi!r} instead.")
    _oriented(x, direction)
    y = (x.astype(float) - lo) / (hi - lo)
    if direction == -1:
        y = 1 - y
    if trunc:
        y = y.clip(0, 1)
    return y * scale


def rank(x, *, direction=1):
    """Rank, 1 for the lowest and ``n`` for the highest (ties take their average rank).

    Examples
    --------
    >>> import pandas as pd
    >>> rank(pd.Series([0.3, 0.1, 0.3])).tolist()
    [2.5, 1.0, 2.5]
    """
    return _oriented(x.astype(float), direction).rank(method="average")


def percentile(x, *, direction=1):
    """Percentile rank in ``[0, 1]``: ``(min_rank - 1) / (n - 1)`` (dplyr's ``percent_rank``).

    Examples
    --------
    >>> import pandas as pd
    >>> percentile(pd.Series([10.0, 30.0, 20.0, 30.0])).round(4).tolist()
    [0.0, 0.6667, 0.3333, 0.6667]
    """
    y = _oriented(x.astype(float), direction)
    r = y.rank(method="min")
    n = y.notna().sum()
    if isinstance(n, pd.Series):
        return (r - 1) / (n - 1).where(n > 1)
    return (r - 1) / (n - 1) if n > 1 else r * 0 + 0.5


def borda(x, *, direction=1):
    """Borda score: the number of units each unit beats (``min`` rank minus one).

    Examples
    --------
    >>> import pandas as pd
    >>> borda(pd.Series([5.0, 1.0, 3.0])).tolist()
    [2.0, 0.0, 1.0]
    """
    return _oriented(x.astype(float), direction).rank(method="min") - 1


def distance_to_reference(x, *, direction=1, reference=None):
    """Ratio to a reference value (a benchmark country's value): ``x / reference``.

    With ``direction=-1`` the ratio is inverted (``reference / x``), so 1 still means "as
    good as the reference" and more than 1 "better".

    Examples
    --------
    >>> import pandas as pd
    >>> distance_to_reference(pd.Series([50.0, 100.0]), reference=80).tolist()
    [0.625, 1.25]
    """
    if reference is None or reference == 0:
        raise ScoringError("normalise 'distance_to_reference': needs a non-zero reference. "
                           f"Got {reference!r} instead.")
    _oriented(x, direction)
    x = x.astype(float)
    return x / reference if direction == 1 else reference / x


def distance_to_frontier(x, *, direction=1):
    """Share of the frontier (the best unit): ``x / max(x)``; for ``direction=-1``, ``min(x) / x``.

    Values must be positive.

    Examples
    --------
    >>> import pandas as pd
    >>> distance_to_frontier(pd.Series([2.0, 4.0, 8.0])).tolist()
    [0.25, 0.5, 1.0]
    """
    x = x.astype(float)
    if (x <= 0).to_numpy().any():
        raise ScoringError("normalise 'distance_to_frontier': values must be > 0. "
                           f"Got a minimum of {np.nanmin(x.to_numpy())} instead.")
    _oriented(x, direction)
    return x / x.max() if direction == 1 else x.min() / x


def distance_to_target(x, *, direction=1, target=None, cap=True):
    """Progress from the worst unit to a target: ``(x - min) / (target - min)``, capped at 1.

    COINr's ``n_dist2targ``. With ``direction=-1`` the target is a low value.

    Examples
    --------
    >>> import pandas as pd
    >>> distance_to_target(pd.Series([0.0, 5.0, 20.0]), target=10).tolist()
    [0.0, 0.5, 1.0]
    """
    if target is None:
        raise ScoringError("normalise 'distance_to_target': needs a target. Got None instead.")
    y = _oriented(x.astype(float), direction)
    t = target * direction
    mn = y.min()
    out = (y - mn) / (t - mn)
    return out.clip(upper=1) if cap else out


NORMALISERS: dict[str, Callable] = {
    "none": none,
    "minmax": minmax,
    "zscore": zscore,
    "zscore_minmax": zscore_minmax,
    "goalposts": goalposts,
    "rank": rank,
    "percentile": percentile,
    "borda": borda,
    "distance_to_reference": distance_to_reference,
    "distance_to_frontier": distance_to_frontier,
    "distance_to_target": distance_to_target,
}
"""Normalisers by YAML name."""
check_registry(NORMALISERS, vocabulary.NORMALISERS, "normalisers")



def normalise(x, method="minmax", *, direction=1, **params):
    """Apply the normaliser named ``method`` (a key of :data:`NORMALISERS`).

    Examples
    --------
    >>> import pandas as pd
    >>> normalise(pd.Series([1.0, 3.0]), "zscore").tolist()
    [-1.0, 1.0]
    >>> normalise(pd.Series([1.0]), "minmx")
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: normalise: unknown method 'minmx'. Expected one of: borda, distance_to_frontier, distance_to_reference, distance_to_target, goalposts, minmax, none, percentile, rank, zscore, zscore_minmax.
    """
    try:
        fn = NORMALISERS[method]
    except KeyError:
        raise ScoringError(f"normalise: unknown method {method!r}. Expected one of: "
                           f"{', '.join(sorted(NORMALISERS))}.") from None
    try:
        return fn(x, direction=direction, **params)
    except TypeError as e:
        raise ScoringError(f"normalise {method!r}: bad parameters {params!r} ({e}).") from None

"""Normalisation methods equal to COINr 1.1.14's ``n_*`` functions, looked up by the names used in framework YAML.

Every method is a vectorised *kernel* (:mod:`assess.engine.norm_kernels`) on an array whose last axis is the
units axis (one row per indicator), used by both the nominal run (:func:`assess.engine.scoring.score`) and the batched
regenerations (:mod:`assess.engine.regeneration`), so both give the same numbers bit for bit. The
registry :data:`NORMALISERS` maps each YAML name to a public function ``f(x, *, direction=1, **params)``
taking a :class:`pandas.Series` (one indicator over units) or a :class:`pandas.DataFrame` (column by
column) and returning the same shape. NaN stays NaN and is ignored by the statistics (min, max, mean,
standard deviation, ranks). ``direction=-1`` ("lower is better") multiplies the values by -1 first, as
COINr's ``Normalise.numeric`` does, so that a higher normalised value is always better.

================================  ====================================================  =================
name                              formula on the oriented ``x``                         COINr
================================  ====================================================  =================
``minmax``                        ``(x - min) / (max - min) * (hi - lo) + lo``           ``n_minmax``
``zscore``                        ``(x - mean) / sd * s + m``, sample sd (``ddof=1``)    ``n_zscore``
``zscore_minmax``                 z-score (population sd), parent min-max rescaled       (UN DESA)
``scaled``                        ``(x - l) / (u - l) * 100``                            ``n_scaled``
``distance_to_max``               ``1 - (max - x) / (max - min)``                        ``n_dist2max``
``distance_to_unit``              ``1 - (x_ref - x) / (x_ref - min)``                    ``n_dist2ref``
``distance_to_target``            ``(x - min) / (target - min)``, optionally capped      ``n_dist2targ``
``distance_to_frontier``          ``x / max`` (``min / x`` for ``direction=-1``)         ``n_fracmax``
``distance_to_reference``         ``x / reference`` (``reference / x``)                  (assess)
``percentile``                    ``(rank - 1) / (n - 1)``, ties take the lowest rank    ``n_prank``
``rank``                          ``rank(x, ties = "min")``                              ``n_rank``
``borda``                         ``rank(x, ties = "min") - 1``                          ``n_borda``
``goalposts``                     ``(x - lo) / (hi - lo)``, truncated to [0, 1], × scale ``n_goalposts``
``none``                          ``x``                                                  ``"none"``
================================  ====================================================  =================

Defaults are COINr's: the z-score uses the sample standard deviation (``stats::sd``; ``ddof=0`` gives
the population one, as the UN does); a constant column (zero range or zero sd) gives NaN, as COINr's
``0/0``; ranks share the lowest rank (``ties.method = "min"``); ``distance_to_target`` is not capped
(``cap_max = FALSE``). COINr's ``n_*`` names and parameter names (``l_u``, ``m_sd``, ``npara``, ``iref``,
``targ``, ``cap_max``, ``gposts``, ``trunc2posts``) are accepted (:data:`ALIASES`).

Examples
--------
>>> import pandas as pd
>>> x = pd.Series([1.0, 2.0, 3.0], index=["a", "b", "c"])
>>> NORMALISERS["minmax"](x).tolist()
[0.0, 0.5, 1.0]
>>> NORMALISERS["minmax"](x, direction=-1).tolist()
[1.0, 0.5, 0.0]
>>> normalise_array(np.array([[2.0, 4.0, 6.0]]), "zscore", m_sd=(10, 2)).tolist()
[[8.0, 10.0, 12.0]]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from assess.engine.assessment import Step
from assess.engine.norm_kernels import (
    _PARAMS,
    ALIASES,
    KERNELS,
    canonical_params,
    normalise_array,
    params_on_scale,
    rank_min,
    resolve,
)
from assess.errors import ScoringError, shown
from assess.frameworks import vocabulary
from assess.frameworks.vocabulary import check_registry

__all__ = ["ALIASES", "NORMALISERS", "borda", "canonical_params", "distance_to_frontier", "distance_to_max",
           "distance_to_reference", "distance_to_target", "distance_to_unit", "goalposts", "minmax", "none",
           "normalise", "normalise_array", "normalise_indicators", "params_on_scale", "percentile", "rank", "rank_min", "resolve",
           "scaled", "zscore", "zscore_minmax"]



def _apply(name, x, direction, params):
    if direction not in (1, -1) or isinstance(direction, bool):
        raise ScoringError(f"normalise: direction must be 1 or -1. Got {shown(direction)} instead.")
    frame = x.to_frame() if isinstance(x, pd.Series) else x
    X = frame.to_numpy(dtype=float).T
    params = dict(params)
    if name == "distance_to_unit" and "ref" in params:
        params = canonical_params(name, params, units=frame.index)
    out = pd.DataFrame(normalise_array(X, name, directions=np.full(X.shape[0], direction), **params).T,
                       index=frame.index, columns=frame.columns)
    return out.iloc[:, 0].rename(x.name) if isinstance(x, pd.Series) else out


def none(x, *, direction=1):
    """Leave values as they are (for data already on a common scale); ``direction=-1`` is refused.

    Examples
    --------
    >>> none(pd.Series([0.2, 0.9])).tolist()
    [0.2, 0.9]
    """
    return _apply("none", x, direction, {})


def minmax(x, *, direction=1, **params):
    """Min-max onto ``l_u = (lo, hi)`` (default ``[0, 1]``): ``lo + (x - min) / (max - min) * (hi - lo)``.

    A constant column (max == min) gives NaN, as COINr's ``n_minmax``.

    Examples
    --------
    >>> minmax(pd.Series([2.0, 4.0, 6.0]), lo=0, hi=100).tolist()
    [0.0, 50.0, 100.0]
    >>> minmax(pd.Series([5.0, 5.0])).tolist()
    [nan, nan]
    """
    return _apply("minmax", x, direction, params)


def zscore(x, *, direction=1, **params):
    """Standardise: ``m + s * (x - mean) / sd`` with ``m_sd = (m, s)``; sample sd (``ddof=1``) by default.

    COINr's ``n_zscore`` uses R's ``sd`` (sample); the UN's method uses the population sd (``ddof=0``).
    A constant column gives NaN.

    Examples
    --------
    >>> zscore(pd.Series([1.0, 2.0, 3.0])).tolist()
    [-1.0, 0.0, 1.0]
    >>> zscore(pd.Series([1.0, 2.0, 3.0]), ddof=0).round(4).tolist()
    [-1.2247, 0.0, 1.2247]
    """
    return _apply("zscore", x, direction, params)


def zscore_minmax(x, *, direction=1, **params):
    """The UN's two-step method: z-score (population sd), then min-max to ``[0, 1]``.

    On a single indicator this equals :func:`minmax`. Its point is in a framework: the scoring engine
    z-scores each indicator and min-max rescales the *component* (the mean of the z-scores), as the UN
    does for OSI, HCI and TII.

    Examples
    --------
    >>> zscore_minmax(pd.Series([3.0, 1.0, 2.0])).tolist()
    [1.0, 0.0, 0.5]
    """
    return minmax(_apply("zscore_minmax", x, direction, params))


def scaled(x, *, direction=1, **params):
    """COINr's ``n_scaled``: ``(x - l) / (u - l) * 100`` with ``npara = (l, u)`` (default ``(0, 100)``).

    Examples
    --------
    >>> scaled(pd.Series([5.0, 10.0]), npara=(0, 20)).tolist()
    [25.0, 50.0]
    """
    return _apply("scaled", x, direction, params)


def distance_to_max(x, *, direction=1):
    """COINr's ``n_dist2max``: ``1 - (max - x) / (max - min)``.

    Examples
    --------
    >>> distance_to_max(pd.Series([2.0, 4.0, 6.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    return _apply("distance_to_max", x, direction, {})


def distance_to_unit(x, *, direction=1, **params):
    """COINr's ``n_dist2ref``: ``1 - (x_ref - x) / (x_ref - min)`` against a reference unit.

    ``ref`` names the unit (or ``iref`` its 0-based position); ``cap_max=True`` caps at 1.

    Examples
    --------
    >>> distance_to_unit(pd.Series([2.0, 4.0, 6.0], index=["a", "b", "c"]), ref="b").tolist()
    [0.0, 1.0, 2.0]
    """
    return _apply("distance_to_unit", x, direction, params)


def goalposts(x, *, direction=1, **params):
    """Fixed goalposts: ``scale * (x - lo) / (hi - lo)``, truncated to ``[0, scale]`` (``trunc=False`` not).

    Unlike min-max, the result does not depend on the other units, so scores compare across years (DESI).
    With ``direction=-1``, ``hi`` is the worst value: ``scale * (hi - x) / (hi - lo)``.

    Examples
    --------
    >>> goalposts(pd.Series([10.0, 55.0, 120.0]), lo=10, hi=100).tolist()
    [0.0, 0.5, 1.0]
    >>> goalposts(pd.Series([10.0, 55.0]), lo=10, hi=100, direction=-1).tolist()
    [1.0, 0.5]
    """
    return _apply("goalposts", x, direction, params)


def rank(x, *, direction=1):
    """Rank, 1 for the lowest and ``n`` for the highest; ties share the lowest rank (COINr's ``n_rank``).

    Examples
    --------
    >>> rank(pd.Series([0.3, 0.1, 0.3])).tolist()
    [2.0, 1.0, 2.0]
    """
    return _apply("rank", x, direction, {})


def percentile(x, *, direction=1):
    """Percentile rank in ``[0, 1]``: ``(min_rank - 1) / (n - 1)`` (COINr's ``n_prank``, dplyr's ``percent_rank``).

    Examples
    --------
    >>> percentile(pd.Series([10.0, 30.0, 20.0, 30.0])).round(4).tolist()
    [0.0, 0.6667, 0.3333, 0.6667]
    """
    return _apply("percentile", x, direction, {})


def borda(x, *, direction=1):
    """Borda score: the number of units each unit beats (``min`` rank minus one, COINr's ``n_borda``).

    Examples
    --------
    >>> borda(pd.Series([5.0, 1.0, 3.0])).tolist()
    [2.0, 0.0, 1.0]
    """
    return _apply("borda", x, direction, {})


def distance_to_reference(x, *, direction=1, **params):
    """Ratio to a reference value (a benchmark country's value): ``x / reference``.

    With ``direction=-1`` the ratio is inverted (``reference / x``), so 1 still means "as good as the
    reference" and more than 1 "better".

    Examples
    --------
    >>> distance_to_reference(pd.Series([50.0, 100.0]), reference=80).tolist()
    [0.625, 1.25]
    """
    return _apply("distance_to_reference", x, direction, params)


def distance_to_frontier(x, *, direction=1):
    """Share of the frontier (the best unit): ``x / max(x)``; for ``direction=-1``, ``min(x) / x``.

    COINr's ``n_fracmax`` for ``direction=1``; values must be > 0.

    Examples
    --------
    >>> distance_to_frontier(pd.Series([2.0, 4.0, 8.0])).tolist()
    [0.25, 0.5, 1.0]
    """
    return _apply("distance_to_frontier", x, direction, {})


def distance_to_target(x, *, direction=1, **params):
    """Progress from the worst unit to a target: ``(x - min) / (target - min)`` (COINr's ``n_dist2targ``).

    ``cap=True`` (COINr's ``cap_max``) caps at 1; by default, as COINr, it does not.

    Examples
    --------
    >>> distance_to_target(pd.Series([0.0, 5.0, 20.0]), target=10).tolist()
    [0.0, 0.5, 2.0]
    >>> distance_to_target(pd.Series([0.0, 5.0, 20.0]), target=10, cap=True).tolist()
    [0.0, 0.5, 1.0]
    """
    return _apply("distance_to_target", x, direction, params)


NORMALISERS: dict[str, Callable] = {
    "none": none, "minmax": minmax, "zscore": zscore, "zscore_minmax": zscore_minmax, "scaled": scaled,
    "goalposts": goalposts, "rank": rank, "percentile": percentile, "borda": borda,
    "distance_to_max": distance_to_max, "distance_to_unit": distance_to_unit,
    "distance_to_reference": distance_to_reference, "distance_to_frontier": distance_to_frontier,
    "distance_to_target": distance_to_target,
}
"""Normalisers by YAML name."""
check_registry(NORMALISERS, vocabulary.NORMALISERS, "normalisers")
check_registry(ALIASES, vocabulary.NORMALISER_ALIASES, "normaliser aliases")
check_registry(_PARAMS | {m: () for m in KERNELS if m not in _PARAMS}, vocabulary.NORMALISER_PARAMS, "normaliser parameters")


def normalise(x, method="minmax", *, direction=1, **params):
    """Apply the normaliser named ``method`` (a key of :data:`NORMALISERS` or a COINr name).

    Examples
    --------
    >>> normalise(pd.Series([1.0, 3.0]), "zscore", ddof=0).tolist()
    [-1.0, 1.0]
    >>> normalise(pd.Series([1.0]), "minmx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: normalise: unknown method 'minmx' (did you mean 'minmax'?). Expected one of: ...
    """
    return NORMALISERS[resolve(method)](x, direction=direction, **params)


def normalise_indicators(df, method="minmax", *, directions=None, indiv=None, **params):
    """Normalise every indicator of ``df`` (units × indicators), as COINr's ``Normalise()``: the step function.

    Parameters
    ----------
    df : pandas.DataFrame
    method : str
        Method for every indicator not in ``indiv``.
    directions : mapping or pandas.Series, optional
        Indicator → +1/-1 (default +1).
    indiv : mapping, optional
        ``{indicator: {"method": ..., **params}}``: COINr's ``indiv_specs``.
    **params
        Parameters of ``method``.

    Returns
    -------
    (pandas.DataFrame, Step)
        ``details``: ``methods`` (indicator → method), ``nan_constant`` (indicators that gave NaN).

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1.0, 2, 3], "b": [30.0, 10, 20], "c": [1.0, 1, 1]}, index=list("xyz"))
    >>> out, step = normalise_indicators(df, directions={"b": -1}, l_u=(0, 100))
    >>> out[["a", "b"]].to_dict("list"), step.details["nan_constant"]
    ({'a': [0.0, 50.0, 100.0], 'b': [0.0, 100.0, 50.0]}, ['c'])
    """
    name = resolve(method)
    dirs = pd.Series(1.0, index=df.columns)
    if directions is not None:
        given = pd.Series(dict(directions), dtype=float)
        unknown = sorted(set(given.index) - set(df.columns), key=str)
        if unknown:
            raise ScoringError(f"normalise: directions name unknown indicator(s) {shown(unknown)}.")
        dirs.update(given)
    indiv = dict(indiv or {})
    unknown = sorted(set(indiv) - set(df.columns), key=str)
    if unknown:
        raise ScoringError(f"normalise: indiv names unknown indicator(s) {shown(unknown)}.")
    X = df.to_numpy(dtype=float).T
    out = np.empty_like(X)
    d = dirs.to_numpy()
    plain = [j for j, c in enumerate(df.columns) if c not in indiv]
    if plain:
        out[plain] = normalise_array(X[plain], name, directions=d[plain], **params)
    used = {c: name for c in df.columns}
    for c, spec in indiv.items():
        spec = dict(spec) if isinstance(spec, Mapping) else {"method": spec}
        m = resolve(spec.pop("method", name))
        if m == "distance_to_unit" and "ref" in spec:
            spec = canonical_params(m, spec, units=df.index)
        j = df.columns.get_loc(c)
        out[[j]] = normalise_array(X[[j]], m, directions=d[[j]], **spec)
        used[c] = m
    res = pd.DataFrame(out.T, index=df.index, columns=df.columns)
    const = [c for c in df.columns if res[c].notna().sum() == 0 and df[c].notna().any()]
    msg = f"{len(df.columns)} indicator(s) normalised by {name}" + (
        f"; {len(indiv)} with their own method" if indiv else "") + (
        f"; {len(const)} constant indicator(s) gave NaN: {const}" if const else "")
    return res, Step("normalise", {"method": name, **params, **({"indiv": indiv} if indiv else {}),
                                   "directions": {k: int(v) for k, v in dirs.items() if v != 1}},
                     msg, {"methods": used, "nan_constant": const})

"""Normalisation methods equal to COINr 1.1.14's ``n_*`` functions, looked up by the names used in framework YAML.

Every method is a vectorised *kernel* on an array whose last axis is the units axis (one row per
indicator), used by both the nominal run (:func:`assess.engine.scoring.score`) and the batched
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
from assess.errors import ScoringError, shown
from assess.frameworks import vocabulary
from assess.frameworks.vocabulary import check_registry

__all__ = ["ALIASES", "NORMALISERS", "borda", "canonical_params", "distance_to_frontier", "distance_to_max",
           "distance_to_reference", "distance_to_target", "distance_to_unit", "goalposts", "minmax", "none",
           "normalise", "normalise_array", "normalise_indicators", "params_on_scale", "percentile", "rank", "rank_min", "resolve",
           "scaled", "zscore", "zscore_minmax"]


# --------------------------------------------------------------------------- kernels (last axis = units)
def _nanmin(x):
    return np.min(np.where(np.isnan(x), np.inf, x), axis=-1, keepdims=True, initial=np.inf)


def _nanmax(x):
    return np.max(np.where(np.isnan(x), -np.inf, x), axis=-1, keepdims=True, initial=-np.inf)


def _count(x):
    return (~np.isnan(x)).sum(axis=-1, keepdims=True).astype(float)


def rank_min(x):
    """``rank(x, ties.method = "min", na.last = "keep")`` over the last axis (1 = lowest).

    Examples
    --------
    >>> rank_min(np.array([[3.0, 1.0, 3.0, np.nan, 2.0]])).tolist()
    [[3.0, 1.0, 3.0, nan, 2.0]]
    """
    x = np.asarray(x, dtype=float)
    key = np.where(np.isnan(x), np.inf, x)
    order = np.argsort(key, axis=-1, kind="stable")
    v = np.take_along_axis(key, order, axis=-1)
    n = x.shape[-1]
    pos = np.broadcast_to(np.arange(n), v.shape)
    start = np.concatenate([np.ones(v.shape[:-1] + (1,), bool), v[..., 1:] != v[..., :-1]], axis=-1)
    first = np.maximum.accumulate(np.where(start, pos, 0), axis=-1)
    r = np.empty_like(v)
    np.put_along_axis(r, order, first + 1.0, axis=-1)
    return np.where(np.isnan(x), np.nan, r)


def _k_minmax(x, l_u=(0.0, 1.0)):
    lo, hi = l_u
    mn, mx = _nanmin(x), _nanmax(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (x - mn) / (mx - mn) * (hi - lo) + lo


def _k_zscore(x, m_sd=(0.0, 1.0), ddof=1):
    m, s = m_sd
    n = _count(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(np.isnan(x), 0.0, x).sum(axis=-1, keepdims=True) / n
        d = np.where(np.isnan(x), 0.0, x - mean)
        sd = np.sqrt((d * d).sum(axis=-1, keepdims=True) / (n - ddof))
        return (x - mean) / sd * s + m


def _k_scaled(x, npara=(0.0, 100.0)):
    lo, hi = npara
    return (x - lo) / (hi - lo) * 100.0


def _k_dist2max(x):
    mn, mx = _nanmin(x), _nanmax(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return 1 - (mx - x) / (mx - mn)


def _k_dist2ref(x, iref=0, cap_max=False):
    xref = x[..., [int(iref)]]
    mn = _nanmin(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        y = 1 - (xref - x) / (xref - mn)
    return np.where(cap_max & (y > 1), 1.0, y)


def _k_dist2targ(x, targ, cap_max=False):
    t = np.asarray(targ, dtype=float)
    t = t.reshape(t.shape + (1,)) if t.ndim else float(t)
    mn = _nanmin(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        y = (x - mn) / (t - mn)
    return np.where(cap_max & (y > 1), 1.0, y)


def _k_prank(x):
    with np.errstate(invalid="ignore", divide="ignore"):
        return (rank_min(x) - 1) / (_count(x) - 1)


def _k_goalposts(x, gposts, trunc2posts=True):
    g = np.asarray(gposts, dtype=float)
    lo, hi, a = (g[..., 0:1], g[..., 1:2], g[..., 2:3]) if g.ndim > 1 else (g[0], g[1], g[2])
    with np.errstate(invalid="ignore", divide="ignore"):
        y = (x - lo) / (hi - lo)
    if trunc2posts:
        y = np.where(y > 1, 1.0, np.where(y < 0, 0.0, y))
    return y * a


# the two ratio methods orient themselves (x / max and min / x; x / ref and ref / x): they get the raw x
def _k_frontier(x, d):
    if (x[~np.isnan(x)] <= 0).any():
        raise ScoringError("normalise 'distance_to_frontier': values must be > 0. "
                           f"Got a minimum of {np.nanmin(x)} instead.")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(d > 0, x / _nanmax(x), _nanmin(x) / x)


def _k_ratio(x, d, reference):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(d > 0, x / reference, reference / x)


_KERNELS: dict[str, Callable] = {
    "none": lambda x: x, "minmax": _k_minmax, "zscore": _k_zscore, "zscore_minmax": _k_zscore,
    "scaled": _k_scaled, "distance_to_max": _k_dist2max, "distance_to_unit": _k_dist2ref,
    "distance_to_target": _k_dist2targ, "distance_to_frontier": _k_frontier, "distance_to_reference": _k_ratio,
    "percentile": _k_prank, "rank": rank_min, "borda": lambda x: rank_min(x) - 1, "goalposts": _k_goalposts,
}
_SELF_ORIENTED = ("distance_to_frontier", "distance_to_reference")

ALIASES = {
    "n_minmax": "minmax", "n_zscore": "zscore", "n_scaled": "scaled", "n_dist2max": "distance_to_max",
    "dist2max": "distance_to_max", "n_dist2ref": "distance_to_unit", "dist2ref": "distance_to_unit",
    "n_dist2targ": "distance_to_target", "dist2targ": "distance_to_target", "n_fracmax": "distance_to_frontier",
    "fracmax": "distance_to_frontier", "n_prank": "percentile", "prank": "percentile", "n_rank": "rank",
    "n_borda": "borda", "n_goalposts": "goalposts",
}
"""COINr's names (``n_minmax``, ``n_prank``, ``dist2targ``, …) → the YAML names of :data:`NORMALISERS`."""

# parameter names: assess's → COINr's, and defaults
_PARAMS = {"minmax": {"l_u": (0.0, 1.0)}, "zscore": {"m_sd": (0.0, 1.0), "ddof": 1},
           "zscore_minmax": {"m_sd": (0.0, 1.0), "ddof": 0}, "scaled": {"npara": (0.0, 100.0)},
           "distance_to_unit": {"iref": None, "cap_max": False}, "distance_to_target": {"targ": None, "cap_max": False},
           "distance_to_reference": {"reference": None}, "goalposts": {"gposts": None, "trunc2posts": True}}


def resolve(method) -> str:
    """The YAML name of ``method`` (COINr's ``n_*`` names accepted).

    Examples
    --------
    >>> resolve("n_zscore"), resolve("prank")
    ('zscore', 'percentile')
    >>> resolve("minmx")
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: normalise: unknown method 'minmx' (did you mean 'minmax'?). Expected one of: borda, distance_to_frontier, distance_to_max, distance_to_reference, distance_to_target, distance_to_unit, goalposts, minmax, none, percentile, rank, scaled, zscore, zscore_minmax (or a COINr n_* name).
    """
    name = ALIASES.get(method, method) if isinstance(method, str) else method
    if name not in _KERNELS:
        import difflib

        close = difflib.get_close_matches(method, list(_KERNELS) + list(ALIASES), n=1) \
            if isinstance(method, str) and len(method) < 100 else []
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ScoringError(f"normalise: unknown method {shown(method)}{hint}. Expected one of: "
                           f"{', '.join(sorted(_KERNELS))} (or a COINr n_* name).")
    return name


def _pair(name, key, v, *, positive_gap=False):
    try:
        a, b = (float(t) for t in v)
    except (TypeError, ValueError):
        raise ScoringError(f"normalise {name!r}: {key} must be two numbers. Got {shown(v)} instead.") from None
    if not (np.isfinite(a) and np.isfinite(b)) or (positive_gap and not a < b):
        raise ScoringError(f"normalise {name!r}: {key} must be two finite numbers" + (" with lo < hi" if positive_gap
                           else "") + f". Got {shown(v)} instead.")
    return a, b


def _finite(name, key, v):
    if isinstance(v, bool) or not isinstance(v, int | float | np.number) or not np.isfinite(v):
        raise ScoringError(f"normalise {name!r}: {key} must be a finite number. Got {shown(v)} instead.")
    return float(v)


def canonical_params(method, params=None, *, units=None) -> dict:
    """The kernel's keyword arguments for ``method`` from YAML/API parameters, checked.

    assess's names are mapped to COINr's: ``lo``/``hi`` → ``l_u`` (minmax) or the goalposts, ``mean``/``sd``
    → ``m_sd``, ``target`` → ``targ``, ``cap`` → ``cap_max``, ``scale`` → the goalposts' scale, ``trunc`` →
    ``trunc2posts``; ``distance_to_unit`` takes ``ref`` (a unit id, looked up in ``units``) or a 0-based ``iref``.

    Examples
    --------
    >>> canonical_params("minmax", {"lo": 0, "hi": 100})
    {'l_u': (0.0, 100.0)}
    >>> canonical_params("zscore", {"m_sd": [10, 2]})
    {'m_sd': (10.0, 2.0), 'ddof': 1}
    >>> canonical_params("goalposts", {"lo": 0, "hi": 5})
    {'gposts': (0.0, 5.0, 1.0), 'trunc2posts': True}
    """
    name = resolve(method)
    if params is not None and not isinstance(params, Mapping):
        raise ScoringError(f"normalise {name!r}: parameters must be a mapping. Got {shown(params)} instead.")
    given = dict(params or {})
    p = dict(given)
    out = dict(_PARAMS.get(name, {}))
    ren = {"lo": None, "hi": None, "mean": None, "sd": None, "scale": None, "target": "targ", "cap": "cap_max",
           "trunc": "trunc2posts", "ref": None}
    lo, hi, mean, sd, scale, ref = (p.pop(k, None) for k in ("lo", "hi", "mean", "sd", "scale", "ref"))
    for k in list(p):
        if ren.get(k):
            p[ren[k]] = p.pop(k)
    unknown = sorted(set(p) - set(out), key=str)
    accepted = vocabulary.NORMALISER_PARAMS[name]
    if unknown or any(k not in accepted for k in ("lo", "hi", "mean", "sd", "scale", "ref") if k in given):
        unknown = unknown or [k for k in ("lo", "hi", "mean", "sd", "scale", "ref") if k in given]
        raise ScoringError(f"normalise {name!r}: bad parameters {shown(unknown)}. Expected some of "
                           f"{', '.join(accepted) or 'none'}.")
    out.update(p)
    if name == "minmax":
        if lo is not None or hi is not None:
            out["l_u"] = (0.0 if lo is None else lo, 1.0 if hi is None else hi)
        out["l_u"] = _pair(name, "l_u", out["l_u"])
    elif name in ("zscore", "zscore_minmax"):
        if mean is not None or sd is not None:
            out["m_sd"] = (0.0 if mean is None else mean, 1.0 if sd is None else sd)
        out["m_sd"] = _pair(name, "m_sd", out["m_sd"])
        if not out["m_sd"][1] > 0:
            raise ScoringError(f"normalise {name!r}: the target sd must be > 0. Got {shown(out['m_sd'][1])} instead.")
        if out["ddof"] not in (0, 1) or isinstance(out["ddof"], bool):
            raise ScoringError(f"normalise {name!r}: ddof must be 1 (sample sd) or 0 (population sd). "
                               f"Got {shown(out['ddof'])} instead.")
    elif name == "scaled":
        out["npara"] = _pair(name, "npara", out["npara"], positive_gap=True)
    elif name == "goalposts":
        g = out["gposts"]
        if lo is not None or hi is not None:
            g = (lo, hi, 1.0 if scale is None else scale)
        elif g is not None and len(g) == 2:
            g = (*g, 1.0 if scale is None else scale)
        if g is None or len(g) != 3 or any(v is None for v in g):
            raise ScoringError(f"normalise 'goalposts': needs lo < hi. Got lo={shown(lo)}, hi={shown(hi)} instead.")
        a, b = _pair(name, "goalposts (lo, hi)", g[:2])
        if not a < b:
            raise ScoringError(f"normalise 'goalposts': needs lo < hi. Got lo={a:g}, hi={b:g} instead.")
        out["gposts"] = (a, b, _finite(name, "scale", g[2]))
    elif name == "distance_to_target":
        if out["targ"] is None:
            raise ScoringError("normalise 'distance_to_target': needs a target. Got None instead.")
        out["targ"] = _finite(name, "target", out["targ"])
    elif name == "distance_to_reference":
        r = out["reference"]
        if r is None or isinstance(r, bool) or not isinstance(r, int | float) or r == 0 or not np.isfinite(r):
            raise ScoringError("normalise 'distance_to_reference': needs a non-zero reference. "
                               f"Got {shown(r)} instead.")
    elif name == "distance_to_unit":
        if ref is not None:
            if units is None or ref not in list(units):
                raise ScoringError(f"normalise 'distance_to_unit': ref must be a unit of the data. Got {shown(ref)} "
                                   "instead.")
            out["iref"] = list(units).index(ref)
        if out["iref"] is None or isinstance(out["iref"], bool) or not isinstance(out["iref"], int | np.integer):
            raise ScoringError("normalise 'distance_to_unit': needs ref (a unit id) or iref (its position). "
                               f"Got {shown(out['iref'])} instead.")
    for k in ("cap_max", "trunc2posts"):
        if k in out and not isinstance(out[k], bool | np.bool_):
            raise ScoringError(f"normalise {name!r}: {k} must be true or false. Got {shown(out[k])} instead.")
    return out


def params_on_scale(method, params=None, scale=(0.0, 1.0), *, units=None) -> dict:
    """:func:`canonical_params`, with a framework's scale as the default range: ``minmax`` onto ``scale``
    and ``goalposts`` times its top, unless the parameters say otherwise.

    Examples
    --------
    >>> params_on_scale("minmax", {}, (0, 100))
    {'l_u': (0.0, 100.0)}
    >>> params_on_scale("minmax", {"l_u": [1, 100]}, (0, 1))
    {'l_u': (1.0, 100.0)}
    """
    name = resolve(method)
    prm = dict(params or {})
    if name == "minmax" and not {"l_u", "lo", "hi"} & set(prm):
        prm["l_u"] = tuple(scale)
    if name == "goalposts" and "scale" not in prm and "gposts" not in prm:
        prm["scale"] = scale[1]
    return canonical_params(name, prm, units=units)


def normalise_array(X, method="minmax", *, directions=None, **params):
    """Normalise rows of ``X`` (rows = indicators, last axis = units) with COINr's semantics.

    Parameters
    ----------
    X : ndarray (..., n)
    method : str
        A key of :data:`NORMALISERS` or an alias.
    directions : ndarray (m,), optional
        +1 / -1 per row; the row is multiplied by it first. For ``distance_to_target`` the target and
        for ``goalposts`` the posts are given in the indicator's units and flipped the same way (COINr's
        ``get_iMeta_norm_paras``), so a negative indicator needs no hand-flipped target.
    **params
        Parameters (see :func:`canonical_params`).

    Examples
    --------
    >>> normalise_array(np.array([[1.0, 2, 3]]), "minmax", directions=np.array([-1])).tolist()
    [[1.0, 0.5, 0.0]]
    >>> normalise_array(np.array([[10.0, 30, 20]]), "distance_to_target", directions=np.array([-1]), targ=10).tolist()
    [[1.0, 0.0, 0.5]]
    """
    name = resolve(method)
    X = np.asarray(X, dtype=float)
    p = canonical_params(name, params)
    d = np.ones(X.shape[:-1] or (1,)) if directions is None else np.asarray(directions, dtype=float).reshape(-1)
    if not np.isin(d, (1.0, -1.0)).all():
        raise ScoringError(f"normalise: directions must be 1 or -1. Got {shown(sorted(set(d.tolist())))} instead.")
    dcol = d.reshape(d.shape + (1,)) if X.ndim > 1 else d[0]
    if name in _SELF_ORIENTED:
        return _KERNELS[name](X, dcol, **p)
    if name == "none" and (d != 1).any():
        raise ScoringError("normalise 'none': direction must be 1 (values are used as they are). Got -1 instead.")
    if name == "distance_to_target":
        p["targ"] = p["targ"] * d if X.ndim > 1 else p["targ"] * d[0]
    if name == "goalposts":
        g = np.broadcast_to(np.asarray(p["gposts"], float), d.shape + (3,))
        g = np.where((d == -1)[:, None], np.stack([-g[:, 1], -g[:, 0], g[:, 2]], 1), g)
        p["gposts"] = g if X.ndim > 1 else g[0]
    return _KERNELS[name](X * dcol, **p)


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
check_registry(_PARAMS | {m: () for m in _KERNELS if m not in _PARAMS}, vocabulary.NORMALISER_PARAMS, "normaliser parameters")


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

"""The normalisation kernels: COINr 1.1.14's ``n_*`` formulas on arrays whose last axis is the units axis.

One row per indicator (any leading axes), so the nominal run and the batched regenerations call the same code.
:func:`normalise_array` applies a method by name with its direction; :func:`canonical_params` reads the
parameters a framework or a COINr design gives (assess's names and COINr's). The public, pandas-level
functions and the registry are in :mod:`assess.engine.normalisation`.

Examples
--------
>>> import numpy as np
>>> normalise_array(np.array([[2.0, 4.0, 6.0]]), "minmax", l_u=(0, 100)).tolist()
[[0.0, 50.0, 100.0]]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from assess.errors import ScoringError, shown
from assess.frameworks import vocabulary

__all__ = ["ALIASES", "KERNELS", "canonical_params", "normalise_array", "params_on_scale", "rank_min", "resolve"]


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


KERNELS: dict[str, Callable] = {
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
    if name not in KERNELS:
        import difflib

        close = difflib.get_close_matches(method, list(KERNELS) + list(ALIASES), n=1) \
            if isinstance(method, str) and len(method) < 100 else []
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ScoringError(f"normalise: unknown method {shown(method)}{hint}. Expected one of: "
                           f"{', '.join(sorted(KERNELS))} (or a COINr n_* name).")
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
        return KERNELS[name](X, dcol, **p)
    if name == "none" and (d != 1).any():
        raise ScoringError("normalise 'none': direction must be 1 (values are used as they are). Got -1 instead.")
    if name == "distance_to_target":
        p["targ"] = p["targ"] * d if X.ndim > 1 else p["targ"] * d[0]
    if name == "goalposts":
        g = np.broadcast_to(np.asarray(p["gposts"], float), d.shape + (3,))
        g = np.where((d == -1)[:, None], np.stack([-g[:, 1], -g[:, 0], g[:, 2]], 1), g)
        p["gposts"] = g if X.ndim > 1 else g[0]
    return KERNELS[name](X * dcol, **p)



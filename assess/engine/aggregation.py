"""Aggregation methods equal to COINr 1.1.14's ``a_*`` functions, looked up by the names used in framework YAML.

Every method is one vectorised kernel over an array ``(replications, children, units)``, used by both
the nominal run (:func:`assess.engine.scoring.score`, one replication) and the batched regenerations
(:func:`aggregate_tree`), so both give the same numbers bit for bit: children are added one by one in
a fixed order, so a replication's result never depends on which others share the batch.

The registry :data:`AGGREGATORS` maps each YAML name to a function ``f(values, weights) -> pd.Series``
where ``values`` is a :class:`pandas.DataFrame` (rows = units, columns = the children of one node) and
``weights`` one non-negative number per column. A NaN value drops out *with its weight* (re-weighting
over what is available); a unit with no value at all gets NaN. Weights are relative.

================  ==========================================================  ==============
name              formula (per unit, over the available children)             COINr
================  ==========================================================  ==============
arithmetic_mean   ``sum(w x) / sum(w)``                                       ``a_amean``
geometric_mean    ``exp(sum(w log x) / sum(w))``; values must be > 0          ``a_gmean``
harmonic_mean     ``sum(w) / sum(w / x)``; values must be > 0                 ``a_hmean``
generalised_mean  ``(sum(w x^p) / sum(w))^(1/p)``                             ``a_genmean``
copeland          weighted pairwise majorities: wins minus losses             ``a_copeland``
minimum/maximum   the weakest / strongest child with a positive weight        (assess)
================  ==========================================================  ==============

Examples
--------
>>> import pandas as pd
>>> v = pd.DataFrame({"a": [0.2, 0.8], "b": [0.4, None]}, index=["x", "y"])
>>> AGGREGATORS["arithmetic_mean"](v, [1, 1]).tolist()
[0.30000000000000004, 0.8]
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from assess.engine.norm_kernels import rank_min
from assess.errors import ScoringError, shown
from assess.frameworks import vocabulary
from assess.frameworks.vocabulary import check_registry

__all__ = ["AGGREGATORS", "ALIASES", "aggregate", "aggregate_one", "aggregate_tree", "arithmetic_mean", "copeland",
           "generalised_mean", "geometric_mean", "harmonic_mean", "maximum", "minimum", "rank_rows", "resolve"]

_POSITIVE = ("geometric_mean", "harmonic_mean")


def _mean_family(vals, w, method, p=1.0, floor=None, genmean_nan="drop"):
    """vals (R, k, u), w (R, k) → (result (R, u), error (R,) bool: a value the method cannot take)."""
    R, k, u = vals.shape
    present = ~np.isnan(vals)
    err = np.zeros(R, bool)
    if floor is not None and method in ("geometric_mean", "harmonic_mean", "generalised_mean"):
        vals = np.where(present, np.maximum(vals, floor), vals)
    if method in _POSITIVE or (method == "generalised_mean" and p < 0):
        err |= (present & (vals <= 0)).any(axis=(1, 2))
    num = np.zeros((R, u))
    den = np.zeros((R, u))
    npres = np.zeros((R, u), np.int32)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for j in range(k):
            x = vals[:, j, :]
            pj = present[:, j, :]
            wj = w[:, j][:, None]
            if method == "arithmetic_mean":
                t = wj * x
            elif method == "geometric_mean":
                t = wj * np.log(x)
            elif method == "harmonic_mean":
                t = wj / x
            else:
                t = wj * x ** p
            num += np.where(pj, t, 0.0)
            den += np.where(pj, wj, 0.0)
            npres += pj
        if method == "arithmetic_mean":
            out = num / den
        elif method == "geometric_mean":
            out = np.exp(num / den)
        elif method == "harmonic_mean":
            out = den / num
        else:
            out = (num / den) ** (1.0 / p)
    out[(npres == 0) | (den == 0)] = np.nan
    if method == "generalised_mean" and genmean_nan == "coinr":
        out[npres < k] = np.nan
    return out, err


def _copeland(vals, w):
    """COINr's ``outrankMatrix`` + ``a_copeland``: vals (R, k, u), w (R, k) → (R, u).

    Units with no value at all (screened out) take no part in the comparisons.
    """
    R, k, u = vals.shape
    wn = w / np.nansum(w, axis=1, keepdims=True)
    v = np.swapaxes(vals, 1, 2)  # (R, u, k)
    a, b = v[:, :, None, :], v[:, None, :, :]
    with np.errstate(invalid="ignore"):
        gt, eq = (a > b), (a == b)
    orm = (gt * wn[:, None, None, :]).sum(-1) + (eq * wn[:, None, None, :]).sum(-1) / 2
    iu = np.triu_indices(u, 1)  # COINr computes the upper triangle and sets the lower one to 1 - upper
    orm[:, iu[1], iu[0]] = 1 - orm[:, iu[0], iu[1]]
    sgn = np.where(orm > 0.5, 1.0, np.where(orm < 0.5, -1.0, 0.0))
    sgn[:, np.arange(u), np.arange(u)] = 0.0
    absent = np.isnan(v).all(axis=2)
    sgn = np.where(absent[:, :, None] | absent[:, None, :], 0.0, sgn)
    return np.where(absent, np.nan, sgn.sum(-1))


def _kernel(vals, w, method, p=1.0, floor=None, genmean_nan="drop"):
    if method == "copeland":
        return _copeland(vals, w), np.zeros(len(vals), bool)
    if method in ("minimum", "maximum"):
        v = np.where(w[:, :, None] > 0, vals, np.nan)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return (np.nanmin if method == "minimum" else np.nanmax)(v, axis=1), np.zeros(len(vals), bool)
    return _mean_family(vals, w, method, p, floor, genmean_nan)


def aggregate_one(values, weights, method, *, p=1.0, floor=None, genmean_nan="drop"):
    """One aggregation of a units × children frame by the registry name ``method`` (the step's kernel).

    ``p`` is the generalised mean's order, ``floor`` floors values before a geometric/harmonic/generalised
    mean, ``genmean_nan="coinr"`` makes a missing child give NaN under the generalised mean (COINr).

    Examples
    --------
    >>> import pandas as pd
    >>> aggregate_one(pd.DataFrame({"a": [0.0, 1.0], "b": [4.0, 4.0]}), [1, 1], "geometric_mean", floor=1).tolist()
    [2.0, 2.0]
    """
    return _one(values, weights, method, p=p, floor=floor, genmean_nan=genmean_nan)


def _one(values, weights, method, **kw):
    """A single aggregation of a units × children frame (the registry functions)."""
    v = values.astype(float).to_numpy()
    w = np.asarray(weights, dtype=float).reshape(-1)
    if w.shape[0] != v.shape[1]:
        raise ScoringError(f"aggregate: needs one weight per column ({v.shape[1]}). Got {w.shape[0]} instead.")
    if (w < 0).any() or not np.isfinite(w).all():
        raise ScoringError(f"aggregate: weights must be finite numbers >= 0. Got {w.tolist()} instead.")
    if w.sum() == 0:
        raise ScoringError("aggregate: weights must not all be zero.")
    p = kw.get("p", 1.0)
    if method == "generalised_mean" and (isinstance(p, bool) or not isinstance(p, int | float) or not np.isfinite(p)):
        raise ScoringError(f"aggregate 'generalised_mean': p must be a finite number. Got {shown(p)} instead.")
    out, err = _kernel(v.T[None], w[None], method, **kw)
    if err[0]:
        raise ScoringError(f"aggregate {method!r}: values must be > 0 (normalise to a positive range first, e.g. "
                           f"minmax onto [1, 100]). Got a minimum of {np.nanmin(v):g} instead.")
    return pd.Series(out[0], index=values.index, dtype=float)


def arithmetic_mean(values, weights):
    """Weighted arithmetic mean ``sum(w x) / sum(w)`` over the available values.

    Examples
    --------
    >>> import pandas as pd
    >>> arithmetic_mean(pd.DataFrame({"a": [1.0], "b": [4.0]}), [3, 1]).tolist()
    [1.75]
    """
    return _one(values, weights, "arithmetic_mean")


def geometric_mean(values, weights, *, floor=None):
    """Weighted geometric mean ``exp(sum(w log x) / sum(w))``; values must be > 0 (or floored at ``floor``).

    Less compensatory than the arithmetic mean: a weak dimension pulls the score down more.

    Examples
    --------
    >>> import pandas as pd
    >>> geometric_mean(pd.DataFrame({"a": [1.0], "b": [4.0]}), [1, 1]).tolist()
    [2.0]
    """
    return _one(values, weights, "geometric_mean", floor=floor)


def harmonic_mean(values, weights, *, floor=None):
    """Weighted harmonic mean ``sum(w) / sum(w / x)``; values must be > 0 (or floored at ``floor``).

    Examples
    --------
    >>> import pandas as pd
    >>> harmonic_mean(pd.DataFrame({"a": [1.0], "b": [4.0]}), [1, 1]).tolist()
    [1.6]
    """
    return _one(values, weights, "harmonic_mean", floor=floor)


def generalised_mean(values, weights, p=1.0, *, genmean_nan="drop"):
    """Weighted power mean ``(sum(w x^p) / sum(w))^(1/p)``; ``p=0`` is the geometric mean (its limit).

    ``genmean_nan="coinr"`` gives NaN when any child is missing, as COINr's ``a_genmean`` (no ``na.rm``).

    Examples
    --------
    >>> import pandas as pd
    >>> generalised_mean(pd.DataFrame({"a": [1.0], "b": [7.0]}), [1, 1], p=2).round(4).tolist()
    [5.0]
    """
    if p == 0:
        return geometric_mean(values, weights)
    return _one(values, weights, "generalised_mean", p=p, genmean_nan=genmean_nan)


def minimum(values, weights):
    """The smallest available value among children with a positive weight (no compensation).

    Examples
    --------
    >>> import pandas as pd
    >>> minimum(pd.DataFrame({"a": [0.3], "b": [0.9], "c": [0.1]}), [1, 1, 0]).tolist()
    [0.3]
    """
    return _one(values, weights, "minimum")


def maximum(values, weights):
    """The largest available value among children with a positive weight.

    Examples
    --------
    >>> import pandas as pd
    >>> maximum(pd.DataFrame({"a": [0.3], "b": [0.9]}), [1, 1]).tolist()
    [0.9]
    """
    return _one(values, weights, "maximum")


def copeland(values, weights):
    """Copeland score (COINr's ``a_copeland``): per pair of units, the weighted share of children where
    one beats the other (ties count half); a unit scores +1 per majority won, -1 per majority lost.

    Non-compensatory: only the order of the children's values counts, not by how much.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"a": [3.0, 2.0, 1.0], "b": [1.0, 3.0, 2.0], "c": [3.0, 1.0, 2.0]}, index=list("xyz"))
    >>> copeland(v, [1, 1, 1]).tolist()
    [2.0, 0.0, -2.0]
    """
    return _one(values, weights, "copeland")


AGGREGATORS: dict[str, Callable] = {
    "arithmetic_mean": arithmetic_mean,
    "geometric_mean": geometric_mean,
    "harmonic_mean": harmonic_mean,
    "generalised_mean": generalised_mean,
    "minimum": minimum,
    "maximum": maximum,
    "copeland": copeland,
}
"""Aggregators by YAML name; the short and COINr names of :data:`ALIASES` are accepted too."""
check_registry(AGGREGATORS, vocabulary.AGGREGATORS, "aggregators")

ALIASES = dict(vocabulary.AGGREGATOR_ALIASES)


def resolve(method):
    """Return the registry name for ``method`` (accepting the aliases and COINr's ``a_*`` names).

    Examples
    --------
    >>> resolve("geometric"), resolve("a_amean")
    ('geometric_mean', 'arithmetic_mean')
    """
    name = ALIASES.get(method, method) if isinstance(method, str) else method
    if name not in AGGREGATORS:
        raise ScoringError(f"aggregate: unknown method {shown(method)}. Expected one of: "
                           f"{', '.join(sorted(AGGREGATORS))} (or a COINr a_* name).")
    return name


def aggregate(values, weights, method="arithmetic_mean", **params):
    """Apply the aggregator named ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> aggregate(pd.DataFrame({"a": [1.0], "b": [4.0]}), [1, 1], "geometric").tolist()
    [2.0]
    """
    name = resolve(method)
    try:
        return AGGREGATORS[name](values, weights, **params)
    except TypeError:
        raise ScoringError(f"aggregate {name!r}: bad parameters {shown(sorted(params))}.") from None


def _per_parent(methods, R, plan):
    parents = [par for _, groups in plan for par, _ in groups]
    P, nlev = len(parents), len(plan)
    M = np.asarray(methods, dtype=object)
    if M.ndim == 0:
        M = np.full((R, P), M.item(), dtype=object)
    elif M.ndim == 1:
        if len(M) == nlev and not (len(M) == P and nlev != P):
            M = np.repeat(M, [len(g) for _, g in plan])
        if len(M) != P:
            raise ScoringError(f"aggregate: needs one method, one per level ({nlev}) or one per aggregate ({P}). "
                               f"Got {len(M)} instead.")
        M = np.broadcast_to(M, (R, P))
    elif M.shape == (R, nlev) and nlev != P:
        M = np.repeat(M, [len(g) for _, g in plan], axis=1)
    if M.shape != (R, P):
        raise ScoringError(f"aggregate: methods must have shape ({R}, {nlev}) or ({R}, {P}). Got {M.shape} instead.")
    names = {m: resolve(m) for m in set(M.ravel().tolist())}
    return np.vectorize(names.get, otypes=[object])(M)


def aggregate_tree(S, plan, W, methods, *, params=None, dat_thresh=None, floor=None, genmean_nan="drop",
                   min_coverage=0.0, rescale=None, rescale_to=None, scale=(0.0, 1.0)):
    """Aggregate bottom-up, in place, over a batch of replications.

    Parameters
    ----------
    S : ndarray (R, n_nodes, u)
        Indicator rows filled (normalised values, nodes in ``tree.codes`` order); aggregate rows are
        overwritten.
    plan : list
        :meth:`assess.engine.tree.Tree.plan`: per level, ``(level, [(parent, children), ...])``.
    W : ndarray (R, n_nodes) or (n_nodes,)
        Weights per replication (a child's weight is used when aggregating its parent).
    methods : str, sequence or ndarray
        One method; one per level; one per aggregate (plan order); or per replication × level/aggregate.
    params : mapping, optional
        ``{"p": ...}`` for the generalised mean.
    dat_thresh : float, optional
        COINr's ``dat_thresh``: NaN where the share of non-missing children is below it.
    floor : float, optional
        Floor values at this before a geometric/harmonic/generalised mean instead of failing.
    genmean_nan : {"drop", "coinr"}
    min_coverage : float
        NaN where the available children carry less than this share of the weight.
    rescale : ndarray (R, n_nodes) of bool, optional
        Aggregates min-max rescaled across units after aggregation (the UN's components): onto
        ``rescale_to[node]`` (``(lo, hi)``; NaN = the range the values span) or else ``scale``.

    Returns
    -------
    failed : ndarray (R,) of bool
        Replications where a method cannot be applied (COINr stops with an error there); their scores
        are NaN.

    Examples
    --------
    >>> from assess.engine.tree import Tree
    >>> t = Tree.from_dict({"r": None, "a": "r", "b": "r"})
    >>> S = np.array([[[1.0], [4.0], [np.nan]], [[1.0], [4.0], [np.nan]]])
    >>> aggregate_tree(S, t.plan(), np.array([[1, 1, 1], [3, 1, 1.0]]), np.array([["arithmetic"], ["geometric"]]))
    array([False, False])
    >>> S[:, 2, 0].round(4).tolist()
    [2.5, 1.4142]
    """
    R, n_nodes, u = S.shape
    W = np.broadcast_to(np.asarray(W, dtype=float), (R, n_nodes))
    M = _per_parent(methods, R, plan)
    p = float((params or {}).get("p", 1.0)) if isinstance(params, Mapping) else 1.0
    targets = np.tile(np.asarray(scale, dtype=float), (n_nodes, 1)) if rescale_to is None else \
        np.asarray(rescale_to, dtype=float)
    failed = np.zeros(R, bool)
    col = 0
    for _, groups in plan:
        for par, ch in groups:
            kinds = sorted(set(M[:, col].tolist()))
            for meth in kinds:
                rows = slice(None) if len(kinds) == 1 else np.flatnonzero(M[:, col] == meth)
                vals = S[:, ch, :] if isinstance(rows, slice) else S[np.ix_(rows, ch)]
                w = W[rows][:, ch]
                out, err = _kernel(vals, w, meth, p, floor, genmean_nan)
                present = ~np.isnan(vals)
                if dat_thresh is not None:
                    out = np.where(present.sum(axis=1) / len(ch) < dat_thresh, np.nan, out)
                if min_coverage:
                    with np.errstate(invalid="ignore", divide="ignore"):
                        cov = (present * w[:, :, None]).sum(axis=1) / w.sum(axis=1)[:, None]
                    out = np.where(cov < min_coverage, np.nan, out)
                if rescale is not None:
                    rs = rescale[rows, par]
                    if rs.any():
                        mn = np.min(np.where(np.isnan(out), np.inf, out), axis=1, keepdims=True, initial=np.inf)
                        mx = np.max(np.where(np.isnan(out), -np.inf, out), axis=1, keepdims=True, initial=-np.inf)
                        lo, hi = targets[par]
                        lo, hi = (mn, mx) if np.isnan(lo) else (lo, hi)
                        with np.errstate(invalid="ignore", divide="ignore"):
                            out = np.where(rs[:, None], (out - mn) / (mx - mn) * (hi - lo) + lo, out)
                S[rows, par, :] = out
                failed[rows] |= err
            col += 1
    S[failed] = np.nan
    return failed


def rank_rows(S) -> np.ndarray:
    """Ranks of each row of ``S``: 1 = highest, ties share the best rank, NaN stays NaN (COINr's ``rank_df``).

    Examples
    --------
    >>> rank_rows(np.array([[0.5, 0.9, 0.5, np.nan, 0.1]])).tolist()
    [[2.0, 1.0, 2.0, nan, 4.0]]
    """
    return rank_min(-np.asarray(S, dtype=float))

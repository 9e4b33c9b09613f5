"""Uncertainty and sensitivity of ranks to weights, normalisation and aggregation choices.

Monte Carlo (:func:`uncertainty`): each replication draws weights (uniform within
``±weight_range`` of the nominal weights), a normalisation and an aggregation method; all
replications are computed at once with numpy (no Python loop over replications), giving each
country's rank distribution (median, 5–95 % interval).

Variance-based sensitivity (:func:`sobol`): SALib's Saltelli/Sobol sampling over the same
assumptions; the output is the mean absolute rank shift from the nominal ranking (or one
country's rank), and the first-order and total indices say which assumption moves ranks most.

Inputs are the root's children: the UN components by default (published OSI, HCI, TII of an
edition), or ``assessment["scores"]`` columns of any :class:`~assess.engine.assessment.Assessment`.
Geometric and harmonic means need positive values: normalised values are floored at
``floor=0.01`` for them (the worst country would otherwise score 0 whatever else).

Examples
--------
>>> u = uncertainty(year=None, n=2000, seed=1)
>>> int(u.table.loc["SGP", "nominal_rank"]), bool(u.table.loc["SGP", "p5"] <= 3 <= u.table.loc["SGP", "p95"])
(3, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from assess import limits
from assess.errors import ScoringError
from assess.indices import published

__all__ = ["AGG_CHOICES", "NORM_CHOICES", "Uncertainty", "components_matrix", "evaluate", "sobol", "uncertainty"]

NORM_CHOICES = ("none", "minmax", "rank")
"""Normalisations sampled for the components: as given, min-max, percentile rank.

(The UN's z-score-then-min-max equals min-max on a single component column, so it is not a
separate choice at this level.)"""
AGG_CHOICES = ("arithmetic_mean", "geometric_mean", "harmonic_mean")


def _count(name, n, limit, *, minimum=1) -> int:
    """A count given as a whole number within ``[minimum, limit]``, else a ScoringError naming the limit."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer | float) or \
            (isinstance(n, float) and not (np.isfinite(n) and n.is_integer())):
        raise ScoringError(f"{name}: expected a whole number of {limit.unit}. Got {str(n)[:40]!r} instead.")
    n = int(n)
    if n < minimum:
        raise ScoringError(f"{name}: expected at least {minimum} {limit.unit}. Got {n:,} instead.")
    if limit.exceeded(n):
        raise ScoringError(limit.refusal(name, n))
    return n


def _weight_range(r) -> float:
    if isinstance(r, bool) or not isinstance(r, int | float | np.number) or not (np.isfinite(r) and 0 <= r < 1):
        raise ScoringError(f"weight_range: expected a number from 0 to below 1 (weights stay positive). "
                           f"Got {str(r)[:40]!r} instead.")
    return float(r)


def components_matrix(year=None, assessment=None):
    """The matrix (countries × components) the analysis varies, with its nominal weights.

    Examples
    --------
    >>> X, w = components_matrix(2024)
    >>> X.shape, w.tolist()
    ((193, 3), [1.0, 1.0, 1.0])
    """
    year = published.edition(year)
    if assessment is not None:
        spec = assessment.spec
        kids = list(spec.children(spec.root))
        X = assessment["scores"][kids].dropna()
        w = np.array([spec.node(k).weight for k in kids], dtype=float)
        if assessment.params.get("weights"):
            w = np.array([assessment.params["weights"].get(k, x) for k, x in zip(kids, w, strict=True)], float)
        return X, w

    p = published.published(year)
    X = p.loc[p["assessed"], ["osi", "hci", "tii"]]
    return X, np.ones(3)


def _normalised(X: np.ndarray) -> np.ndarray:
    """Stack of the matrix under each normalisation choice: shape (m, n, k)."""
    out = []
    for name in NORM_CHOICES:
        if name == "none":
            Y = X
        elif name == "minmax":
            mn, mx = X.min(0), X.max(0)
            Y = (X - mn) / np.where(mx > mn, mx - mn, 1)
        elif name == "rank":
            r = X.argsort(0).argsort(0).astype(float)
            Y = r / max(len(X) - 1, 1)
        out.append(Y)
    return np.stack(out)


def evaluate(N, norm_idx, agg_idx, W, *, floor=0.01):
    """Scores of every replication at once.

    Parameters
    ----------
    N : ndarray (m, n, k)
        The matrix under each normalisation (from :func:`_normalised`).
    norm_idx, agg_idx : ndarray (r,)
        Chosen normalisation and aggregation per replication.
    W : ndarray (r, k)
        Weights per replication.

    Returns
    -------
    ndarray (r, n)

    Examples
    --------
    >>> import numpy as np
    >>> N = np.array([[[1.0, 4.0], [2.0, 2.0]]])
    >>> evaluate(N, np.array([0, 0]), np.array([0, 1]), np.ones((2, 2))).round(3).tolist()
    [[2.5, 2.0], [2.0, 2.0]]
    """
    r = len(norm_idx)
    n = N.shape[1]
    S = np.empty((r, n))
    Wn = W / W.sum(1, keepdims=True)
    Nf = np.maximum(N, floor)
    logN, invN = np.log(Nf), 1.0 / Nf
    for m in range(N.shape[0]):  # loop over the few method combinations, not replications
        for a in range(len(AGG_CHOICES)):
            sel = np.flatnonzero((norm_idx == m) & (agg_idx == a))
            if not len(sel):
                continue
            w = Wn[sel]  # (s, k)
            if a == 0:
                S[sel] = w @ N[m].T
            elif a == 1:
                S[sel] = np.exp(w @ logN[m].T)
            else:
                S[sel] = 1.0 / (w @ invN[m].T)
    return S


def _ranks(S):
    """Competition-free ordinal ranks (1 = best) of each row."""
    order = np.argsort(-S, axis=1, kind="stable")
    R = np.empty_like(order)
    rows = np.arange(S.shape[0])[:, None]
    R[rows, order] = np.arange(1, S.shape[1] + 1)
    return R


@dataclass(frozen=True)
class Uncertainty:
    """Monte Carlo result: per-country ``table`` and the raw ``ranks`` (replications × countries)."""

    table: pd.DataFrame
    ranks: np.ndarray
    draws: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """The result as a flat, tidy DataFrame (index moved into columns).

        Examples
        --------
        >>> from assess.indices.rank_uncertainty import uncertainty
        >>> u = uncertainty(n=200).to_frame().set_index("iso3")
        >>> int(u.loc["DNK", "nominal_rank"])
        1
        """
        return self.table.reset_index()


def uncertainty(year=None, *, n=10_000, assessment=None, weight_range=0.5, norms=NORM_CHOICES,
                aggs=AGG_CHOICES, seed=0) -> Uncertainty:
    """Rank distribution of every country over ``n`` random choices of weights and methods.

    Parameters
    ----------
    n : int
        Replications, 1 to :data:`assess.limits.MAX_REPLICATIONS`.
    weight_range : float
        Each weight is drawn uniformly in ``nominal × [1 - r, 1 + r]``, ``0 <= r < 1``.
    norms, aggs : sequences
        The normalisations and aggregations to sample from (uniformly).

    Examples
    --------
    >>> u = uncertainty(year=None, n=500, seed=0)
    >>> list(u.table.columns)[:5]
    ['nominal_rank', 'median_rank', 'p5', 'p95', 'mean_score']
    >>> uncertainty(n=10**9)
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: uncertainty n: 1,000,000,000 replications is over the limit MAX_REPLICATIONS = 50,000 replications (Monte Carlo replications of one uncertainty analysis).
    """
    year = published.edition(year)
    n = _count("uncertainty n", n, limits.MAX_REPLICATIONS)
    weight_range = _weight_range(weight_range)
    X, w0 = components_matrix(year, assessment)
    bad = [m for m in norms if m not in NORM_CHOICES] + [a for a in aggs if a not in AGG_CHOICES]
    if bad:
        raise ScoringError(f"uncertainty: unknown method(s) {bad}. Expected from {NORM_CHOICES + AGG_CHOICES}.")
    rng = np.random.default_rng(seed)
    N = _normalised(X.to_numpy(float))
    ni = np.array([NORM_CHOICES.index(m) for m in norms])[rng.integers(0, len(norms), n)]
    ai = np.array([AGG_CHOICES.index(a) for a in aggs])[rng.integers(0, len(aggs), n)]
    W = w0 * rng.uniform(1 - weight_range, 1 + weight_range, size=(n, len(w0)))
    S = evaluate(N, ni, ai, W)
    R = _ranks(S)
    nominal = _ranks(evaluate(N, np.array([0]), np.array([0]), w0[None, :]))[0]
    q = np.percentile(R, [5, 50, 95], axis=0)
    t = pd.DataFrame({"nominal_rank": nominal, "median_rank": q[1], "p5": q[0], "p95": q[2],
                      "mean_score": S.mean(0), "rank_iqr": np.subtract(*np.percentile(R, [75, 25], axis=0))},
                     index=X.index)
    draws = pd.DataFrame(W, columns=[f"w_{c}" for c in X.columns])
    draws["normalise"] = np.array(NORM_CHOICES)[ni]
    draws["aggregate"] = np.array(AGG_CHOICES)[ai]
    return Uncertainty(t.sort_values("nominal_rank"), R, draws)


def sobol(year=None, *, n=1024, assessment=None, weight_range=0.5, output="mean_rank_shift", seed=0):
    """Sobol first-order (S1) and total (ST) indices of each assumption (SALib).

    Assumptions: one weight per component, the normalisation and the aggregation (discrete
    choices sampled as uniform variables and floored). ``output`` is
    ``"mean_rank_shift"`` (mean |rank - nominal rank| over countries) or an ISO3 code (that
    country's rank). ``n`` base samples, 2 to :data:`assess.limits.MAX_SOBOL_SAMPLES`.

    Examples
    --------
    >>> s = sobol(2024, n=256)
    >>> sorted(s.columns.tolist())
    ['S1', 'S1_conf', 'ST', 'ST_conf']
    """
    year = published.edition(year)
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    n = _count("sobol n", n, limits.MAX_SOBOL_SAMPLES, minimum=2)
    weight_range = _weight_range(weight_range)
    X, w0 = components_matrix(year, assessment)
    k = len(w0)
    names = [f"w_{c}" for c in X.columns] + ["normalise", "aggregate"]
    bounds = [[1 - weight_range, 1 + weight_range]] * k + [[0, len(NORM_CHOICES)], [0, len(AGG_CHOICES)]]
    problem = {"num_vars": len(names), "names": names, "bounds": bounds}
    P = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    W = w0 * P[:, :k]
    ni = np.minimum(P[:, k].astype(int), len(NORM_CHOICES) - 1)
    ai = np.minimum(P[:, k + 1].astype(int), len(AGG_CHOICES) - 1)
    N = _normalised(X.to_numpy(float))
    R = _ranks(evaluate(N, ni, ai, W))
    nominal = _ranks(evaluate(N, np.array([0]), np.array([0]), w0[None, :]))[0]
    if output == "mean_rank_shift":
        Y = np.abs(R - nominal).mean(1)
    else:
        if output not in X.index:
            raise ScoringError(f"sobol: output must be 'mean_rank_shift' or an ISO3 in the data. Got {output!r} instead.")
        Y = R[:, X.index.get_loc(output)].astype(float)
    res = sobol_analyze.analyze(problem, Y, calc_second_order=False, seed=seed)
    return pd.DataFrame({"S1": res["S1"], "S1_conf": res["S1_conf"], "ST": res["ST"], "ST_conf": res["ST_conf"]},
                        index=pd.Index(names, name="assumption"))

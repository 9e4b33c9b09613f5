"""Uncertainty and sensitivity of the EGDI's ranks to weights, normalisation and aggregation choices.

The analysis runs through the general engine (:mod:`assess.engine.regeneration`,
:mod:`assess.engine.sensitivity`): this module only says *what* varies for the EGDI — each component's
weight, the normalisation of the components and the aggregation — and loads the published components.

Monte Carlo (:func:`uncertainty`): each replication draws weights (uniform within ``±weight_range`` of the
nominal weights), a normalisation and an aggregation method; all replications are one batch of the
engine, giving each country's rank distribution (median, 5–95 % interval).

Variance-based sensitivity (:func:`sobol`): SALib's Saltelli/Sobol sampling over the same assumptions;
the output is the mean absolute rank shift from the nominal ranking (or one country's rank), and the
first-order and total indices say which assumption moves ranks most.

Inputs are the root's children: the UN components by default (published OSI, HCI, TII of an edition),
or ``assessment["scores"]`` columns of any :class:`~assess.engine.assessment.Assessment`. Geometric and
harmonic means need positive values: normalised values are floored at ``0.01`` for them (the worst
country would otherwise score 0 whatever else). Ranks share ties (``1224``, COINr's ``rank_df``);
the rank normalisation is COINr's percentile rank (``n_prank``, ties share the lowest rank).

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
from assess.engine.regeneration import regenerate
from assess.engine.scoring import score
from assess.engine.sensitivity import Factor, sensitivity
from assess.engine.spec import spec_from_dict
from assess.errors import ScoringError
from assess.indices import published

__all__ = ["AGG_CHOICES", "FLOOR", "NORM_CHOICES", "Uncertainty", "components_matrix", "nominal_run", "sobol",
           "uncertainty"]

NORM_CHOICES = ("none", "minmax", "rank")
"""Normalisations sampled for the components: as given, min-max onto [0, 1], percentile rank.

(The UN's z-score-then-min-max equals min-max on a single component column, so it is not a
separate choice at this level.)"""
AGG_CHOICES = ("arithmetic_mean", "geometric_mean", "harmonic_mean")
#: Floor of the normalised components under the geometric and harmonic means.
FLOOR = 0.01
#: Each normalisation choice as the engine's method and parameters.
_ENGINE_NORM = {"none": ("none", {}), "minmax": ("minmax", {"l_u": (0.0, 1.0)}), "rank": ("percentile", {})}


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


def nominal_run(X, w0, root="egdi"):
    """The nominal run over the components (equal-weight arithmetic mean of the values as given): the
    :class:`~assess.engine.assessment.Assessment` every replication of the analysis varies.

    Examples
    --------
    >>> X, w = components_matrix(2024)
    >>> a = nominal_run(X, w)
    >>> a.root, round(float(a.scores["DNK"]), 4)
    ('egdi', 0.9848)
    """
    spec = spec_from_dict({"id": f"{root}_components", "components": [{"id": root}],
                           "indicators": [{"id": c, "parent": root, "weight": float(w)}
                                          for c, w in zip(X.columns, w0, strict=True)],
                           "method": {"normalise": "none", "aggregate": "arithmetic_mean"},
                           "steps": {"aggregate": {"method": "arithmetic_mean", "floor": FLOOR}}})
    return score(spec, X)


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
    ni = np.array([NORM_CHOICES.index(m) for m in norms])[rng.integers(0, len(norms), n)]
    ai = np.array([AGG_CHOICES.index(a) for a in aggs])[rng.integers(0, len(aggs), n)]
    W = w0 * rng.uniform(1 - weight_range, 1 + weight_range, size=(n, len(w0)))
    a = nominal_run(X, w0, root=assessment.root if assessment is not None else "egdi")
    design = pd.DataFrame({"normalise": [_ENGINE_NORM[NORM_CHOICES[i]][0] for i in ni],
                           "normalise_params": [_ENGINE_NORM[NORM_CHOICES[i]][1] for i in ni],
                           "aggregate": np.array(AGG_CHOICES, dtype=object)[ai]})
    res = regenerate(a, design, weights=np.hstack([W, np.ones((n, 1))]))  # the root's own weight: 1
    S = res.scores.to_numpy(dtype=float).T
    R = res.ranks.to_numpy(dtype=float).T.astype(int)
    q = np.percentile(R, [5, 25, 50, 75, 95], axis=0)
    t = pd.DataFrame({"nominal_rank": res.nominal["Rank"].astype(int).to_numpy(), "median_rank": q[2],
                      "p5": q[0], "p95": q[4], "mean_score": S.mean(0), "rank_iqr": q[3] - q[1]}, index=X.index)
    draws = pd.DataFrame(W, columns=[f"w_{c}" for c in X.columns])
    draws["normalise"] = np.array(NORM_CHOICES)[ni]
    draws["aggregate"] = np.array(AGG_CHOICES)[ai]
    return Uncertainty(t.sort_values("nominal_rank", kind="stable"), R, draws)


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
    n = _count("sobol n", n, limits.MAX_SOBOL_SAMPLES, minimum=2)
    weight_range = _weight_range(weight_range)
    X, w0 = components_matrix(year, assessment)
    if output != "mean_rank_shift" and output not in X.index:
        raise ScoringError(f"sobol: output must be 'mean_rank_shift' or an ISO3 in the data. Got {output!r} instead.")
    a = nominal_run(X, w0, root=assessment.root if assessment is not None else "egdi")
    factors = [Factor(f"w_{c}", "weight", node=c, range=(1 - weight_range, 1 + weight_range)) for c in X.columns]
    factors += [Factor("normalise", "normalise", tuple(_ENGINE_NORM[m] for m in NORM_CHOICES)),
                Factor("aggregate", "aggregate", AGG_CHOICES)]
    pick = None if output == "mean_rank_shift" else X.index.get_loc(output)
    res = sensitivity(a, factors, n, seed=seed, output=None if pick is None else (lambda R, nominal: R[:, pick]))
    out = res.indices[["S1", "S1_conf", "ST", "ST_conf"]].copy()
    out.index.name = "assumption"
    return out

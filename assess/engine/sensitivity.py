"""Uncertainty and variance-based sensitivity over any of a composite's step choices.

The uncertain *factors* are step choices (:class:`Factor`): the winsorisation limit, the normalisation
(method and parameters), the aggregation, the imputation, the indicator set, a weight set drawn with
noise (COINr's ``get_noisy_weights``: each weight of the listed levels times ``U(1 - f, 1 + f)``, one of
``nsets`` sets per replication) or one node's weight times a multiplier in ``[lo, hi]``. Each factor is a
variable on ``[0, 1)``; a discrete one maps to alternative ``floor(u n)``.

* :func:`uncertainty`: ``N`` random draws (COINr's ``get_sensitivity(SA_type = "UA")``).
* :func:`sensitivity`: SALib's Saltelli/Sobol' design (``N (d + 2)`` runs, COINr's ``SA_type = "SA"``) and
  first-order and total indices with bootstrap intervals (:func:`sobol_indices`: SALib's estimators, Saltelli
  2010 for ``S1`` and Jansen for ``ST``, as COINr's ``SA_estimate``). The output is the mean absolute rank
  change from the nominal ranks (COINr's choice) or any function of the ranks.

All replications of a run go through :func:`assess.engine.regeneration.regenerate` in one batch.

Examples
--------
>>> import numpy as np
>>> from SALib.test_functions import Ishigami
>>> problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
>>> X = saltelli_sample(problem, 1024, seed=1)
>>> sobol_indices(problem, Ishigami.evaluate(X), seed=1)["ST"].round(1).tolist()
[0.6, 0.4, 0.2]
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from assess import limits
from assess.engine.regeneration import BatchResult, Pipeline, pipeline_of, regenerate
from assess.errors import ScoringError, shown
from assess.frameworks import vocabulary

__all__ = ["Factor", "Sample", "SensitivityResult", "factors_of", "sample", "saltelli_sample", "sensitivity",
           "sobol_indices", "uncertainty"]


@dataclass(frozen=True)
class Factor:
    """One uncertain choice.

    Parameters
    ----------
    name : str
    target : str
        One of :data:`assess.frameworks.vocabulary.FACTOR_TARGETS`.
    values : tuple
        Alternatives: winmax numbers; normalisations (a name, ``(name, {params})`` or ``{method, …}``);
        aggregation names; imputation policies; for ``include``, tuples of indicator ids to leave out.
    noise : mapping
        ``weights``: ``{level: f}``, each weight at ``level`` times ``U(1 - f, 1 + f)``.
    nsets : int
        ``weights``: number of noisy weight sets (COINr's ``Nrep``; 100 in its vignette).
    node, range : str, tuple
        ``weight``: the node and the multiplier's range ``(lo, hi)``.

    Examples
    --------
    >>> Factor("Aggregation", "aggregate", ("a_amean", "a_gmean")).n
    2
    >>> Factor("w", "weight", node="osi", range=(0.5, 1.5)).n
    0
    """

    name: str
    target: str
    values: tuple = ()
    noise: Mapping = field(default_factory=dict)
    nsets: int = 100
    node: str | None = None
    range: tuple = ()

    def __post_init__(self):
        if self.target not in vocabulary.FACTOR_TARGETS:
            raise ScoringError(f"factor {self.name!r}: target must be one of {', '.join(vocabulary.FACTOR_TARGETS)}. "
                               f"Got {shown(self.target)} instead.")
        if self.target not in ("weights", "weight") and len(self.values) == 0:
            raise ScoringError(f"factor {self.name!r}: needs at least one alternative in values.")
        if self.target == "weights" and (not self.noise or not 1 <= self.nsets <= 10_000):
            raise ScoringError(f"factor {self.name!r}: weights need noise={{level: f}} and 1 <= nsets <= 10,000.")
        if self.target == "weight" and not (self.node and len(self.range) == 2 and 0 <= self.range[0] < self.range[1]):
            raise ScoringError(f"factor {self.name!r}: a weight needs node and range=(lo, hi), 0 <= lo < hi. "
                               f"Got {shown(self.node)}, {shown(self.range)} instead.")

    @property
    def n(self) -> int:
        """Number of discrete alternatives (0 for a continuous factor)."""
        return self.nsets if self.target == "weights" else 0 if self.target == "weight" else len(self.values)

    @classmethod
    def from_dict(cls, d: Mapping) -> Factor:
        """A factor from a framework's ``uncertainty.factors`` entry.

        Examples
        --------
        >>> Factor.from_dict({"name": "N", "target": "normalise", "values": [["minmax", {"l_u": [1, 100]}]]}).values
        (('minmax', {'l_u': [1, 100]}),)
        """
        vals = tuple(tuple(v) if isinstance(v, list) and d.get("target") in ("normalise", "include") else v
                     for v in d.get("values") or ())
        noise = {int(k): float(v) for k, v in (d.get("noise") or {}).items()}
        return cls(d["name"], d["target"], vals, noise, int(d.get("nsets", 100)), d.get("node"),
                   tuple(d.get("range") or ()))


def factors_of(spec) -> tuple:
    """The uncertain factors a framework declares (``uncertainty.factors``).

    Examples
    --------
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r"}],
    ...     "uncertainty": {"factors": [{"name": "Agg", "target": "aggregate", "values": ["arithmetic_mean"]}]}})
    >>> [f.name for f in factors_of(s)]
    ['Agg']
    """
    facts = (getattr(spec, "uncertainty", None) or {}).get("factors") or ()
    if not facts:
        raise ScoringError(f"{getattr(spec, 'id', 'framework')}: declares no uncertain factors (uncertainty.factors).")
    return tuple(Factor.from_dict(f) for f in facts)


@dataclass(frozen=True)
class Sample:
    """A design: the unit-hypercube matrix ``X`` and what it means for :func:`regenerate`."""

    X: np.ndarray
    design: pd.DataFrame
    weights: np.ndarray | None
    include: np.ndarray | None
    problem: Mapping


def saltelli_sample(problem, N, *, seed=None):
    """SALib's Sobol'-sequence Saltelli design without second-order terms: ``N (d + 2)`` rows.

    ``N`` need not be a power of two (SALib's warning is silenced; the estimators stay unbiased).

    Examples
    --------
    >>> saltelli_sample({"num_vars": 2, "names": ["a", "b"], "bounds": [[0, 1]] * 2}, 4, seed=0).shape
    (16, 2)
    """
    from SALib.sample import sobol as sobol_sample

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return sobol_sample.sample(dict(problem), int(N), calc_second_order=False, seed=seed)


def sobol_indices(problem, Y, *, num_resamples=100, conf_level=0.95, seed=None):
    """First-order and total Sobol' indices with bootstrap intervals (SALib).

    Returns ``S1, S1_conf, ST, ST_conf`` (half-width of the ``conf_level`` interval, SALib) and ``S1_q5,
    S1_q95, ST_q5, ST_q95`` (5th and 95th percentiles of the bootstrap replicates, as COINr reports).

    Examples
    --------
    >>> p = {"num_vars": 2, "names": ["a", "b"], "bounds": [[0, 1]] * 2}
    >>> X = saltelli_sample(p, 512, seed=2)
    >>> sobol_indices(p, X[:, 0] + 0.1 * X[:, 1], seed=2)["S1"].round(2).tolist()
    [0.99, 0.01]
    """
    from SALib.analyze import sobol as sobol_analyze

    Y = np.asarray(Y, dtype=float)
    if not np.isfinite(Y).all():
        raise ScoringError("sobol: the output has NaN or infinite values (failed regenerations?).")
    if np.var(Y) == 0:
        raise ScoringError("sobol: the output does not vary with the factors; the indices are undefined.")
    r = sobol_analyze.analyze(dict(problem), Y, calc_second_order=False, num_resamples=int(num_resamples),
                              conf_level=conf_level, keep_resamples=True, seed=seed)
    s1b, stb = np.asarray(r["S1_conf_all"]), np.asarray(r["ST_conf_all"])
    return pd.DataFrame({"S1": r["S1"], "S1_conf": r["S1_conf"], "ST": r["ST"], "ST_conf": r["ST_conf"],
                         "S1_q5": np.percentile(s1b, 5, axis=0), "S1_q95": np.percentile(s1b, 95, axis=0),
                         "ST_q5": np.percentile(stb, 5, axis=0), "ST_q95": np.percentile(stb, 95, axis=0)},
                        index=pd.Index(problem["names"], name="factor"))


def _noisy_sets(p: Pipeline, f: Factor, rng):
    t = p.tree
    w0 = t.weights_array()
    lev = np.array([t.level[c] for c in t.codes])
    sets = np.tile(w0, (f.nsets, 1))
    for level, amp in f.noise.items():
        m = lev == int(level)
        if not m.any():
            raise ScoringError(f"factor {f.name!r}: the tree has no level {level} (levels 1 to {lev.max()}).")
        sets[:, m] = w0[m] * (1 + (rng.random((f.nsets, int(m.sum()))) * 2 - 1) * float(amp))
    return sets


def _norm_alt(v):
    if isinstance(v, str):
        return v, {}
    if isinstance(v, Mapping):
        v = dict(v)
        return v.pop("method"), v
    return v[0], dict(v[1])


def _map(p: Pipeline, factors, X, rng):
    R = len(X)
    design = pd.DataFrame(index=range(R))
    W, include = None, None
    ind = list(p.tree.indicators)
    for j, f in enumerate(factors):
        if f.target == "weight":
            node = p.tree.node_of(f.node)
            if node is None:
                raise ScoringError(f"factor {f.name!r}: unknown node {shown(f.node)}.")
            lo, hi = f.range
            W = np.tile(p.tree.weights_array(), (R, 1)) if W is None else W
            W[:, p.tree.codes.index(node)] *= X[:, j] * (hi - lo) + lo  # SALib's scaling of a unit sample
            continue
        k = np.minimum((X[:, j] * f.n).astype(int), f.n - 1)
        if f.target == "winmax":
            design["winmax"] = np.array([np.inf if v is None else v for v in f.values], dtype=float)[k]
        elif f.target == "normalise":
            alts = [_norm_alt(v) for v in f.values]
            design["normalise"] = [alts[i][0] for i in k]
            design["normalise_params"] = [alts[i][1] for i in k]
        elif f.target == "aggregate":
            design["aggregate"] = [f.values[i] for i in k]
        elif f.target == "impute":
            design["impute"] = [f.values[i] for i in k]
        elif f.target == "weights":
            sets = _noisy_sets(p, f, rng)[k]
            W = sets if W is None else W * sets / p.tree.weights_array()[None, :]
        elif f.target == "include":
            unknown = sorted({c for v in f.values for c in v} - set(ind))
            if unknown:
                raise ScoringError(f"factor {f.name!r}: unknown indicator(s) {shown(unknown)}.")
            masks = np.array([[c not in set(v) for c in ind] for v in f.values])
            include = masks[k]
    return design, W, include


def sample(source, factors, N, *, kind="UA", seed=None) -> Sample:
    """Draw a design: ``N`` uniform rows (``"UA"``) or SALib's ``N (d + 2)`` rows (``"SA"``).

    Examples
    --------
    >>> import pandas as pd
    >>> from assess.engine.scoring import score
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
    ...                     "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r"}]})
    >>> a = score(s, pd.DataFrame({"a": [1.0, 2], "b": [2.0, 1]}), treat=True)
    >>> f = [Factor("agg", "aggregate", ("arithmetic", "geometric")), Factor("win", "winmax", (1, 2, 3))]
    >>> smp = sample(a, f, 8, kind="SA", seed=0)
    >>> smp.X.shape, sorted(set(smp.design["aggregate"])), sorted(set(smp.design["winmax"]))
    ((32, 2), ['arithmetic', 'geometric'], [1.0, 2.0, 3.0])
    """
    p = source if isinstance(source, Pipeline) else pipeline_of(source)
    factors = tuple(factors)
    if not factors:
        raise ScoringError("sample: give at least one factor.")
    names = [f.name for f in factors]
    if len(set(names)) != len(names):
        raise ScoringError(f"sample: factor names must be unique. Got {shown(names)} instead.")
    if isinstance(N, bool) or not isinstance(N, int | np.integer) or N < 2:
        raise ScoringError(f"sample: N must be a whole number >= 2. Got {shown(N)} instead.")
    problem = {"num_vars": len(factors), "names": names, "bounds": [[0.0, 1.0]] * len(factors)}
    rng = np.random.default_rng(seed)
    if kind == "UA":
        if limits.MAX_REPLICATIONS.exceeded(int(N)):
            raise ScoringError(limits.MAX_REPLICATIONS.refusal("uncertainty N", int(N)))
        X = rng.random((int(N), len(factors)))
    elif kind == "SA":
        if len(factors) < 2:
            raise ScoringError("sample: a sensitivity analysis needs at least two factors (as COINr's).")
        if limits.MAX_SOBOL_SAMPLES.exceeded(int(N)):
            raise ScoringError(limits.MAX_SOBOL_SAMPLES.refusal("sensitivity N", int(N)))
        X = saltelli_sample(problem, N, seed=seed)
    else:
        raise ScoringError(f"sample: kind must be 'UA' or 'SA'. Got {shown(kind)} instead.")
    design, W, include = _map(p, factors, X, rng)
    return Sample(X, design, W, include, problem)


def uncertainty(source, factors, N, *, seed=None, **kw) -> tuple[BatchResult, Sample]:
    """``N`` random regenerations (COINr's ``get_sensitivity(SA_type = "UA")``); ``kw`` go to :func:`regenerate`.

    Examples
    --------
    >>> import pandas as pd
    >>> from assess.engine.scoring import score
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
    ...                     "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r"}]})
    >>> a = score(s, pd.DataFrame({"a": [1.0, 2], "b": [2.0, 1]}))
    >>> res, smp = uncertainty(a, [Factor("agg", "aggregate", ("arithmetic", "harmonic"))], 10, seed=1)
    >>> res.ranks.shape
    (2, 10)
    """
    p = source if isinstance(source, Pipeline) else pipeline_of(source)
    s = sample(p, factors, N, kind="UA", seed=seed)
    return regenerate(p, s.design, weights=s.weights, include=s.include, **kw), s


@dataclass(frozen=True)
class SensitivityResult:
    """Sobol' ``indices`` (factors × S1, ST, intervals), the ``batch`` of regenerations, the ``sample``, the output ``y``."""

    indices: pd.DataFrame
    batch: BatchResult
    sample: Sample
    y: np.ndarray


def sensitivity(source, factors, N, *, seed=None, num_resamples=100, conf_level=0.95, output=None,
                **kw) -> SensitivityResult:
    """Sobol' indices of each factor on the mean absolute rank change (COINr's ``SA_type = "SA"``).

    Parameters
    ----------
    output : callable, optional
        ``f(ranks (R, u), nominal_ranks (u,)) -> (R,)``; default the mean over units of
        ``|rank - nominal rank|`` (units without a rank ignored), COINr's choice.

    Examples
    --------
    >>> import pandas as pd
    >>> from assess.engine.scoring import score
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
    ...                     "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r"}]})
    >>> a = score(s, pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [4.0, 1, 2, 3]}, index=list("wxyz")))
    >>> f = [Factor("agg", "aggregate", ("arithmetic", "geometric")),
    ...      Factor("norm", "normalise", (("minmax", {"l_u": (1, 100)}), ("zscore", {"m_sd": (10, 2)})))]
    >>> r = sensitivity(a, f, 64, seed=3)
    >>> list(r.indices.columns[:4]), r.batch.ranks.shape
    (['S1', 'S1_conf', 'ST', 'ST_conf'], (4, 256))
    """
    p = source if isinstance(source, Pipeline) else pipeline_of(source)
    s = sample(p, factors, N, kind="SA", seed=seed)
    batch = regenerate(p, s.design, weights=s.weights, include=s.include, **kw)
    if batch.failed.any():
        raise ScoringError(f"sensitivity: {int(batch.failed.sum())} regeneration(s) failed (a geometric mean over "
                           "values <= 0); use a positive normalisation such as minmax onto [1, 100].")
    R = batch.ranks.to_numpy(dtype=float).T
    nom = batch.nominal["Rank"].to_numpy(dtype=float)
    if output is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            y = np.nanmean(np.abs(R - nom[None, :]), axis=1)
    else:
        y = np.asarray(output(R, nom), dtype=float)
    idx = sobol_indices(s.problem, y, num_resamples=num_resamples, conf_level=conf_level, seed=seed)
    return SensitivityResult(idx, batch, s, y)

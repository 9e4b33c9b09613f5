"""Many regenerations of a composite at once (COINr's ``Regen`` in a loop, vectorised over replications).

:func:`pipeline_of` takes an :class:`~assess.engine.assessment.Assessment` (the nominal run of
:func:`assess.score`) and keeps what a batch needs: the tree, the data before imputation, the groups and
the settings every step ran with. :func:`regenerate` then computes ``R`` replications, each with its own
choices: a ``design`` table gives per replication any of ``impute``, ``winmax``, ``normalise``
(+ ``normalise_params``), ``aggregate`` (+ ``aggregate_params``); ``weights`` (R × nodes) and ``include``
(R × indicators) vary the weights and the indicator set. Everything before aggregation is computed once
per *distinct* choice (a handful); aggregation and ranking run over a replication axis in numpy, with
the kernels :func:`assess.score` uses, so a replication with the nominal choices equals the nominal run
bit for bit. The nominal run rides along as one more replication.

Examples
--------
>>> import pandas as pd
>>> from assess.engine.scoring import score
>>> from assess.engine.spec import spec_from_dict
>>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
...                     "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r", "direction": -1}]})
>>> a = score(s, pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2]}, index=["x", "y", "z"]))
>>> res = regenerate(a, pd.DataFrame({"aggregate": ["arithmetic", "geometric"]}))
>>> res.scores.round(3).to_dict("list"), res.failed.tolist()
({'r_1': [0.0, 0.75, 0.75], 'r_2': [nan, nan, nan]}, [False, True])
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from assess import limits
from assess.engine import aggregation as ag
from assess.engine import imputation as im
from assess.engine import normalisation as nm
from assess.engine import screening as sc
from assess.engine import treatment as tr
from assess.engine.assessment import Step
from assess.engine.tree import Tree
from assess.errors import ScoringError, shown
from assess.frameworks.vocabulary import MISSING_ALIASES

__all__ = ["DESIGN_COLUMNS", "BatchResult", "Pipeline", "pipeline_of", "regenerate"]

#: Columns a design may have (one row per replication).
DESIGN_COLUMNS = ("impute", "winmax", "normalise", "normalise_params", "aggregate", "aggregate_params")


@dataclass(frozen=True)
class Pipeline:
    """What a batch regenerates: the tree, the indicator data before imputation and the nominal settings.

    Attributes
    ----------
    tree : Tree
    data : pandas.DataFrame
        Units × indicators (by id), after year selection and denominators, before imputation.
    groups : pandas.Series or None
        Unit → group for the group imputations.
    settings : mapping
        ``Assessment.settings`` of the nominal run.
    scale : tuple
        The framework's ``(min, max)``.
    rescale_to : ndarray (n_nodes, 2)
        Target range of each aggregate's rescale (NaN: the range its values span).
    rescaled : ndarray (n_nodes,) of bool
        Aggregates the framework itself rescales.
    min_coverage : float
    """

    tree: Tree
    data: pd.DataFrame
    groups: pd.Series | None
    settings: Mapping
    scale: tuple
    rescale_to: np.ndarray
    rescaled: np.ndarray
    min_coverage: float = 0.0

    @property
    def nominal_norm(self) -> dict:
        """Indicator → (method, kernel parameters) of the nominal run."""
        return dict(self.settings["normalise"]["indiv"])


def pipeline_of(assessment) -> Pipeline:
    """The :class:`Pipeline` of a nominal run (an :class:`~assess.engine.assessment.Assessment`).

    Examples
    --------
    >>> import pandas as pd
    >>> from assess.engine.scoring import score
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r"}]})
    >>> p = pipeline_of(score(s, pd.DataFrame({"a": [1.0, 2.0]}), treat={"winmax": 2}))
    >>> p.tree.codes, p.settings["treat"]["winmax"]
    (('a', 'r'), 2)
    """
    a = assessment
    if not getattr(a, "settings", None):
        raise ScoringError("regenerate: the assessment has no pipeline settings (made by an older engine); "
                           "score it again.")
    if any(n.id in a.spec.components for ch in (a.params.get("overrides") or {}).values() for n in
           [a.spec.node(k) for k in ch]):
        raise ScoringError("regenerate: an assessment with component overrides (a what-if) cannot be regenerated; "
                           "override indicators instead.")
    spec = a.spec.with_weights(a.params["weights"]) if a.params.get("weights") else a.spec
    tree = Tree.from_spec(spec)
    data = a["denominated"] if "denominated" in a else a["raw"]
    n = len(tree.codes)
    rescale_to = np.tile(np.asarray(spec.scale, float), (n, 1))
    rescaled = np.zeros(n, bool)
    for c in a.settings["aggregate"].get("rescale") or {}:
        node = spec.node(c)
        if node.rescale is None:
            continue
        j = tree.codes.index(c)
        rescaled[j] = True
        prm = node.rescale if isinstance(node.rescale, Mapping) else {}
        if prm.get("range") == "input":
            rescale_to[j] = np.nan
        elif "lo" in prm or "hi" in prm:
            rescale_to[j] = (float(prm.get("lo", spec.scale[0])), float(prm.get("hi", spec.scale[1])))
    return Pipeline(tree, data[list(tree.indicators)].astype(float), a.settings.get("groups"), dict(a.settings),
                    tuple(spec.scale), rescale_to, rescaled, float(a.params.get("min_coverage") or 0.0))


@dataclass(frozen=True)
class BatchResult:
    """Scores and ranks of ``R`` regenerations.

    Attributes
    ----------
    scores, ranks : pandas.DataFrame
        Units × ``r_1 .. r_R`` (of the target node): COINr's ``SA_res$Scores`` / ``$Ranks``. Ranks: 1 = best,
        ties share the best rank, NaN for units screened out or replications that failed.
    nominal : pandas.DataFrame
        ``Score`` and ``Rank`` of the nominal run.
    failed : ndarray (R,)
        Replications where a method cannot be applied (a geometric mean over values <= 0).
    design : pandas.DataFrame
        The choices each replication used.
    node_scores : dict or None
        Every aggregate's scores (node → ndarray (R, units)) when asked for.
    log : tuple of Step
    """

    scores: pd.DataFrame
    ranks: pd.DataFrame
    nominal: pd.DataFrame
    failed: np.ndarray
    design: pd.DataFrame
    node_scores: Mapping | None = None
    log: tuple = ()

    def to_coinr(self, what="ranks") -> pd.DataFrame:
        """``uCode, Nominal, r_1 … r_N``, one row per unit sorted by ``uCode`` (COINr's layout).

        Examples
        --------
        >>> import pandas as pd
        >>> from assess.engine.scoring import score
        >>> from assess.engine.spec import spec_from_dict
        >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r"}]})
        >>> res = regenerate(score(s, pd.DataFrame({"a": [1.0, 2.0]}, index=["y", "x"])), n=2)
        >>> res.to_coinr().columns.tolist(), res.to_coinr()["uCode"].tolist()
        (['uCode', 'Nominal', 'r_1', 'r_2'], ['x', 'y'])
        """
        if what not in ("ranks", "scores"):
            raise ScoringError(f"to_coinr: what must be 'ranks' or 'scores'. Got {shown(what)} instead.")
        tab = self.ranks if what == "ranks" else self.scores
        nominal = self.nominal["Rank" if what == "ranks" else "Score"]
        out = pd.concat([nominal.rename("Nominal"), tab], axis=1)
        out.index.name = "uCode"
        return out.sort_index().reset_index()

    def rank_stats(self) -> pd.DataFrame:
        """COINr's ``RankStats``: nominal, mean, median, 5th and 95th percentile rank per unit (R's type 7).

        Examples
        --------
        >>> import pandas as pd
        >>> from assess.engine.scoring import score
        >>> from assess.engine.spec import spec_from_dict
        >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r"}]})
        >>> regenerate(score(s, pd.DataFrame({"a": [1.0, 2.0]})), n=3).rank_stats()["Median"].tolist()
        [2.0, 1.0]
        """
        R = self.ranks.to_numpy(dtype=float)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            q = np.nanpercentile(R, [5, 50, 95], axis=1)
            mean = np.nanmean(R, axis=1)
        return pd.DataFrame({"Nominal": self.nominal["Rank"].to_numpy(), "Mean": mean, "Median": q[1],
                             "Q5": q[0], "Q95": q[2]}, index=self.ranks.index)


def _keys(values) -> list:
    """Hashable keys of many (mostly repeated) parameter objects, each distinct object converted once."""
    memo: dict = {}
    out = []
    for v in values:
        k = memo.get(id(v))
        if k is None:
            k = memo[id(v)] = (_key(v), v)
        out.append(k[0])
    return out


def _key(v):
    if isinstance(v, Mapping):
        return tuple(sorted((k, _key(x)) for k, x in v.items()))
    if isinstance(v, list | tuple | np.ndarray):
        return tuple(_key(x) for x in v)
    return v


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v))


def _winmax(v) -> float:
    if _blank(v) or (isinstance(v, float) and np.isinf(v)):
        return np.inf
    if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating) or v < 0 or v != int(v):
        raise ScoringError(f"regenerate: winmax must be a whole number >= 0 (or none). Got {shown(v)} instead.")
    return float(v)


def _weights(tree, weights, R):
    n = len(tree.codes)
    if weights is None:
        return np.broadcast_to(tree.weights_array(), (R, n))
    W = np.asarray(weights, dtype=float)
    if W.shape != (R, n):
        raise ScoringError(f"regenerate: weights must have shape ({R}, {n}) (replications × nodes in tree order). "
                           f"Got {W.shape} instead.")
    if not np.isfinite(W).all() or (W < 0).any():
        raise ScoringError("regenerate: weights must be finite numbers >= 0.")
    return W


def _columns(p: Pipeline, design: pd.DataFrame, R: int) -> dict:
    """Each design column as a list of R choices, the nominal one where a cell is empty."""
    s = p.settings

    def col(name, default):
        if name in design.columns:
            return [default if _blank(v) else v for v in design[name].tolist()]
        return [default] * R

    treat0 = s["treat"]
    if treat0 is None and any(np.isfinite(_winmax(v)) for v in col("winmax", None)):
        raise ScoringError("regenerate: the design varies winmax but the pipeline has no treatment step.")
    out = {"impute": [MISSING_ALIASES.get(v, v) if isinstance(v, str) else v for v in col("impute", s["missing"])]}
    bad = [v for v in dict.fromkeys(out["impute"]) if v not in im.IMPUTERS or (v == "latest" and s["missing"] != v)]
    if bad:
        raise ScoringError(f"regenerate: unknown imputation {shown(bad[0])}. Expected one of: "
                           f"{', '.join(m for m in im.IMPUTERS if m != 'latest')}.")
    out["winmax"] = [_winmax(v) for v in col("winmax", treat0.get("winmax", 5))] if treat0 is not None \
        else [np.inf] * R
    names = {v: nm.resolve(v) for v in dict.fromkeys(col("normalise", None)) if v is not None}
    out["normalise"] = [None if v is None else names[v] for v in col("normalise", None)]
    if "normalise_params" in design.columns:
        out["normalise_params"] = [v if isinstance(v, Mapping) else {} for v in design["normalise_params"].tolist()]
    else:
        out["normalise_params"] = [{}] * R
    out["aggregate"] = col("aggregate", None)
    out["aggregate_params"] = col("aggregate_params", None)
    return out


def regenerate(source, design: pd.DataFrame | None = None, *, weights=None, include=None, n=None, node=None,
               keep_nodes=False, chunk=4096) -> BatchResult:
    """Compute many regenerations of a composite at once.

    Parameters
    ----------
    source : Assessment or Pipeline
        The nominal run (:func:`assess.score`), or its :func:`pipeline_of`.
    design : pandas.DataFrame, optional
        One row per replication; columns (all optional, an empty cell keeps the nominal choice): ``impute``
        (policy), ``winmax`` (whole number; NaN/inf = no limit), ``normalise`` (method) with
        ``normalise_params`` (mapping, e.g. ``{"l_u": (1, 100)}``), ``aggregate`` (method, or one per level
        from the bottom) with ``aggregate_params`` (``{"p": 2}``).
    weights : ndarray (R, n_nodes), optional
        Weights per replication in ``tree.codes`` order (default: nominal).
    include : ndarray (R, n_indicators) of bool, optional
        Indicators kept in each replication (one left out drops from its parent with its weight).
    n : int, optional
        Replications when neither ``design`` nor ``weights`` gives the number.
    node : str, optional
        The node whose scores and ranks are returned (default: the root).
    keep_nodes : bool
        Also return every aggregate's scores.
    chunk : int
        Replications aggregated per block (bounds memory).

    Returns
    -------
    BatchResult

    Examples
    --------
    >>> import pandas as pd
    >>> from assess.engine.scoring import score
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
    ...                     "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r"}]})
    >>> a = score(s, pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2]}, index=["x", "y", "z"]))
    >>> regenerate(a, weights=np.array([[1, 0, 1], [0, 1, 1.0]])).ranks.to_dict("list")
    {'r_1': [3.0, 2.0, 1.0], 'r_2': [1.0, 3.0, 2.0]}
    """
    t0 = time.perf_counter()
    p = source if isinstance(source, Pipeline) else pipeline_of(source)
    tree = p.tree
    node = node or tree.root
    if node not in tree.level:
        raise ScoringError(f"regenerate: unknown node {shown(node)}. Expected one of: {', '.join(tree.aggregates)}.")
    if design is None:
        R = next((len(x) for x in (weights, include) if x is not None), n)
        if R is None:
            raise ScoringError("regenerate: give a design, weights, include or n.")
        design = pd.DataFrame(index=range(int(R)))
    if not isinstance(design, pd.DataFrame):
        raise ScoringError(f"regenerate: the design must be a table. Got {shown(design)} instead.")
    design = design.reset_index(drop=True)
    R = len(design)
    bad = [c for c in design.columns if c not in DESIGN_COLUMNS]
    if bad:
        raise ScoringError(f"regenerate: unknown design column(s) {shown(bad)}. Expected: {', '.join(DESIGN_COLUMNS)}.")
    if R == 0:
        raise ScoringError("regenerate: the design has no replication.")
    if limits.MAX_REPLICATIONS.exceeded(R):
        raise ScoringError(limits.MAX_REPLICATIONS.refusal("regenerate", R))
    ind, n_nodes, units = list(tree.indicators), len(tree.codes), p.data.index
    n_ind, u = len(ind), len(units)
    cells = R * n_nodes * u
    if limits.MAX_REGENERATION_VALUES.exceeded(cells):
        raise ScoringError(limits.MAX_REGENERATION_VALUES.refusal("regenerate", cells))
    W = _weights(tree, weights, R)
    if include is not None:
        include = np.asarray(include, dtype=bool)
        if include.shape != (R, n_ind):
            raise ScoringError(f"regenerate: include must have shape ({R}, {n_ind}). Got {include.shape} instead.")
    cols = _columns(p, design, R)
    s = p.settings
    # the nominal run rides along as replication R + 1
    nominal = {"impute": s["missing"], "winmax": np.inf if s["treat"] is None else _winmax(s["treat"].get("winmax", 5)),
               "normalise": None,
               "normalise_params": {}, "aggregate": None, "aggregate_params": None}
    for k, v in nominal.items():
        cols[k] = cols[k] + [v]
    W = np.vstack([W, tree.weights_array()[None, :]])
    if include is not None:
        include = np.vstack([include, np.ones((1, n_ind), bool)])
    RR = R + 1
    log = []

    # 1. imputation variants, screening per variant (a unit or indicator screened out is NaN throughout)
    X0 = p.data.to_numpy(dtype=float).T
    groups = None if p.groups is None else pd.Series(p.groups).reindex(units).to_numpy(dtype=object)
    Xv = {}
    for v in dict.fromkeys(cols["impute"]):
        X = X0.copy() if v in ("reweight", "latest") else im.impute_array(X0, im.IMPUTERS[v], groups)
        if s["screen"] is not None:
            kept, _ = sc.screen(pd.DataFrame(X.T, index=units, columns=ind), **s["screen"])
            X[:, ~units.isin(kept.index)] = np.nan
            X[[i for i, c in enumerate(ind) if c not in kept.columns]] = np.nan
        Xv[v] = X

    # 2. treatment of every (imputation, winmax) pair
    pairs = list(dict.fromkeys(zip(cols["impute"], cols["winmax"], strict=True)))
    Tv = {}
    if s["treat"] is None:
        Tv = {pr: Xv[pr[0]] for pr in pairs}
    elif not s["treat"].get("indiv"):
        opts = {k: v for k, v in s["treat"].items() if k not in ("winmax", "indiv")}
        stack = np.concatenate([Xv[v] for v, _ in pairs], axis=0)
        res = tr.treat_columns(stack, np.concatenate([np.full(n_ind, w) for _, w in pairs]),
                               **{k: opts.get(k, d) for k, d in _TREAT_DEFAULTS.items()})
        Tv = {pr: res["x"][k * n_ind:(k + 1) * n_ind] for k, pr in enumerate(pairs)}
    else:
        for v, w in pairs:
            df = pd.DataFrame(Xv[v].T, index=units, columns=ind)
            Tv[(v, w)] = tr.treat_outliers(df, **{**s["treat"], "winmax": None if np.isinf(w) else w})[0].to_numpy().T
    log.append(Step("treat", {"variants": pairs}, f"{len(pairs)} imputation × treatment variant(s)"))

    # 3. normalisation per distinct (imputation, winmax, method, parameters)
    dirs = np.array([tree.direction.get(c, 1) for c in ind], dtype=float)
    nom = p.nominal_norm
    keys = list(zip(cols["impute"], cols["winmax"], cols["normalise"], _keys(cols["normalise_params"]), strict=True))
    combos = list(dict.fromkeys(keys))
    cpos = {k: i for i, k in enumerate(combos)}
    cidx = np.array([cpos[k] for k in keys]) if len(combos) > 1 else np.zeros(RR, int)
    Z = np.empty((len(combos), n_ind, u))
    zparents = np.zeros((len(combos), n_nodes), bool)
    for k, (v, w, m, _) in enumerate(combos):
        T = Tv[(v, w)]
        if m is None:  # nominal methods, grouped as the nominal run groups them
            by: dict = {}
            for j, c in enumerate(ind):
                name, prm = nom.get(c, ("minmax", {"l_u": p.scale}))
                by.setdefault((name, repr(sorted(prm.items()))), (name, prm, []))[2].append(j)
            zs = {name for name, _ in nom.values()}
        else:
            prm = nm.params_on_scale(m, cols["normalise_params"][keys.index(combos[k])], p.scale, units=units)
            by = {m: (m, prm, list(range(n_ind)))}
            zs = {m}
        for name, prm, rows in by.values():
            Z[k, rows] = nm.normalise_array(T[rows], name, directions=dirs[rows], **prm)
        if "zscore_minmax" in zs:
            zc = [c for c in ind if (m or nom.get(c, ("",))[0]) == "zscore_minmax"]
            for c in {tree.parent[c] for c in zc}:
                zparents[k, tree.codes.index(c)] = True
    log.append(Step("normalise", {"combinations": len(combos)}, f"{len(combos)} distinct normalised data set(s)"))

    # 4. aggregation over the replication axis, grouped by aggregation parameters
    plan = tree.plan()
    parents = [tree.codes[par] for _, groups_ in plan for par, _ in groups_]
    nodes_nominal = s["aggregate"].get("nodes", {})
    agg0 = s["aggregate"]
    rows_of: dict = {}
    for i, a in enumerate(cols["aggregate"]):
        rows_of.setdefault(a if a is None or isinstance(a, str) else tuple(a), []).append(i)
    M = np.empty((RR, len(parents)), dtype=object)
    for a, rows in rows_of.items():
        if a is None:
            M[rows] = [nodes_nominal.get(c, "arithmetic_mean") for c in parents]
        elif isinstance(a, str):
            M[rows] = a
        else:
            if len(a) != len(plan):
                raise ScoringError(f"regenerate: aggregate needs one method or one per level ({len(plan)}). "
                                   f"Got {shown(list(a))} instead.")
            M[rows] = [a[tree.level[c] - 2] for c in parents]
    rescale = np.zeros((RR, n_nodes), bool) | p.rescaled[None, :] | zparents[cidx]
    akeys = _keys(cols["aggregate_params"])
    pos = tree.codes.index(node)
    out = np.full((RR, u), np.nan)
    keep = {c: np.full((RR, u), np.nan) for c in tree.aggregates} if keep_nodes else None
    failed = np.zeros(RR, bool)
    akey_index = {k: i for i, k in enumerate(dict.fromkeys(akeys))}
    akey_rows = np.array([akey_index[k] for k in akeys])
    for ki in akey_index.values():
        rows_all = np.flatnonzero(akey_rows == ki)
        prm = cols["aggregate_params"][rows_all[0]] or {"p": agg0.get("p", 1.0)}
        for st in range(0, len(rows_all), int(chunk)):
            rows = rows_all[st:st + int(chunk)]
            S = np.empty((len(rows), n_nodes, u))
            S[:, :n_ind, :] = Z[cidx[rows]]
            if include is not None:
                S[:, :n_ind, :] = np.where(include[rows][:, :, None], S[:, :n_ind, :], np.nan)
            failed[rows] = ag.aggregate_tree(
                S, plan, W[rows], M[rows], params=prm, dat_thresh=agg0.get("dat_thresh"), floor=agg0.get("floor"),
                genmean_nan=agg0.get("genmean_nan", "drop"), min_coverage=p.min_coverage, rescale=rescale[rows],
                rescale_to=p.rescale_to, scale=p.scale)
            out[rows] = S[:, pos, :]
            if keep is not None:
                for c in tree.aggregates:
                    keep[c][rows] = S[:, tree.codes.index(c), :]
    ranks = ag.rank_rows(out)
    if failed[-1]:
        raise ScoringError("regenerate: the nominal pipeline itself fails (a geometric mean over values <= 0).")
    nominal_tab = pd.DataFrame({"Score": out[-1], "Rank": ranks[-1]}, index=units)
    out, ranks, failed = out[:-1], ranks[:-1], failed[:-1]
    if keep is not None:
        keep = {c: v[:-1] for c, v in keep.items()}
    names = [f"r_{i + 1}" for i in range(R)]
    used = pd.DataFrame({k: v[:R] for k, v in cols.items()})
    used["normalise"] = [m or "nominal" for m in used["normalise"]]
    used["aggregate"] = [a if a is not None else "nominal" for a in used["aggregate"]]
    log.append(Step("regenerate", {"R": R, "node": node},
                    f"{R} regeneration(s), {int(failed.sum())} failed, {time.perf_counter() - t0:.3f} s",
                    {"failed": np.flatnonzero(failed).tolist()}))
    return BatchResult(pd.DataFrame(out.T, index=units, columns=names),
                       pd.DataFrame(ranks.T, index=units, columns=names), nominal_tab, failed, used, keep, tuple(log))


_TREAT_DEFAULTS = {"skew_thresh": 2.0, "kurt_thresh": 3.5, "f2": "log_CT", "f2_para": None, "combine_treat": False,
                   "force_win": False, "pass_skew_thresh": None, "pass_kurt_thresh": None}

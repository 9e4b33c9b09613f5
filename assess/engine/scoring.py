"""The composite-indicator engine: a tree spec + a tidy indicator table → :class:`Assessment`.

The engine takes a small internal :class:`Spec` (a tree of :class:`Node` with weights,
directions and methods) that is built from a framework object
(:func:`spec_from_framework`), from a plain dict (:func:`spec_from_dict`) or from COINr
metadata (:func:`spec_from_coinr`). Any tidy indicator table works: long (``unit``/``iso3``,
``indicator``, ``value`` and optionally ``year``) or wide (units × indicators), as a
DataFrame or a CSV path.

Steps, in COINr's order, each recorded in the assessment's log with its parameters and what it
changed (:class:`~assess.engine.assessment.Step`): select year → denominators → missing data
(:mod:`~assess.engine.imputation`) → screening by data availability (:mod:`~assess.engine.screening`)
→ outlier treatment (:mod:`~assess.engine.treatment`) → normalisation with direction
(:mod:`~assess.engine.normalisation`) → aggregation bottom-up (per-node or per-level method and
weights, optional per-node rescale; :mod:`~assess.engine.aggregation`) → ranks → groups and classes.
A framework may declare its pipeline (``steps:``, see :mod:`assess.engine.pipeline`); the keywords of
:func:`score` win over it. The kernels are the ones the batched regenerations use
(:mod:`assess.engine.regeneration`), so a replication with the nominal choices equals this run.

Missing data are shown, not hidden: ``assessment["imputed"]`` marks imputed cells,
``assessment["years"]`` the year each value comes from (policy ``latest``) and
``assessment["coverage"]`` the share of each node's weight that had data.

Examples
--------
>>> from assess.engine.spec import spec_from_dict
>>> import pandas as pd
>>> spec = spec_from_dict({"id": "tiny", "method": {"normalise": "minmax"},
...     "components": [{"id": "index"}, {"id": "p", "parent": "index"}],
...     "indicators": [{"id": "a", "parent": "p"}, {"id": "b", "parent": "p", "direction": -1}]})
>>> data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [30.0, 10.0, 20.0]}, index=["x", "y", "z"])
>>> a = score(spec, data)
>>> a["scores"]["index"].tolist()
[0.0, 0.75, 0.75]
>>> a["ranks"]["index"].tolist()
[3, 1, 1]
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from assess.engine import aggregation as agg
from assess.engine import imputation, pipeline, screening
from assess.engine import normalisation as nm
from assess.engine import treatment as treat
from assess.engine.assessment import Assessment, Step
from assess.engine.classify import assign_classes, assign_groups, rank_desc
from assess.engine.spec import _method, spec_from_framework
from assess.engine.table import read_column, read_table
from assess.errors import DataError, Issue, ScoringError, shown

__all__ = ["score"]



# --------------------------------------------------------------------------- engine
_DEFAULTS = {"year": None, "normalise": None, "aggregate": None, "weights": None, "missing": None,
             "groups_by": None, "treat": None, "denominators": None, "overrides": None, "units": None,
             "min_coverage": 0.0, "screen": None, "steps": None}


def _per_node(option, node_id, level, default):
    if option is None:
        return default
    if isinstance(option, Mapping) and ("method" in option or "name" in option):
        return option  # one method entry for every node
    if isinstance(option, Mapping):
        if node_id in option:
            return option[node_id]
        if level in option:
            return option[level]
        return option.get("*", default)
    return option


def _check_params(p) -> None:
    """Refuse parameters of :func:`score` of the wrong kind, all at once, before any work."""
    bad = []

    def finite(v, lo=None, hi=None):
        return (not isinstance(v, bool) and isinstance(v, int | float | np.number) and math.isfinite(v)
                and (lo is None or v >= lo) and (hi is None or v <= hi))

    year = p["year"]
    if year is not None and (isinstance(year, bool) or not isinstance(year, int | np.integer)):
        bad.append(f"year must be a whole number such as 2024. Got {shown(year)} instead.")
    for key in ("normalise", "aggregate"):
        if p[key] is not None and not isinstance(p[key], str | Mapping):
            bad.append(f"{key} must be a method name or a mapping. Got {shown(p[key])} instead.")
    if p["missing"] is not None and not isinstance(p["missing"], str):
        bad.append(f"missing must be a method name. Got {shown(p['missing'])} instead.")
    w = p["weights"]
    if w is not None and (not isinstance(w, Mapping) or not all(isinstance(k, str) and finite(v, 0) for k, v in w.items())):
        bad.append(f"weights must map node ids to finite numbers >= 0. Got {shown(w)} instead.")
    t = p["treat"]
    if t is not None and not isinstance(t, bool | Mapping):
        bad.append(f"treat must be true, false or a mapping of {', '.join(treat.TREAT_PARAMS)}. Got {shown(t)} "
                   "instead.")
    if p["screen"] is not None and not isinstance(p["screen"], bool | Mapping) or p["screen"] is True:
        bad.append(f"screen must be a mapping (unit_screen, dat_thresh, nonzero_thresh, force, ind_dat_thresh) or "
                   f"false. Got {shown(p['screen'])} instead.")
    if p["steps"] is not None and not isinstance(p["steps"], str | Mapping):
        bad.append(f"steps must be a pipeline name or a mapping of steps. Got {shown(p['steps'])} instead.")
    o = p["overrides"]
    if o is not None and (not isinstance(o, Mapping) or not all(
            isinstance(u, str | int) and isinstance(ch, Mapping) and
            all(isinstance(k, str) and finite(v) for k, v in ch.items()) for u, ch in o.items())):
        bad.append(f"overrides must be {{unit: {{node: finite number}}}}. Got {shown(o)} instead.")
    u = p["units"]
    if u is not None and (isinstance(u, str | bytes | Mapping) or not hasattr(u, "__iter__")
                          or not all(isinstance(x, str | int | np.integer) for x in u)):
        bad.append(f"units must be a list of unit ids. Got {shown(u)} instead.")
    if not finite(p["min_coverage"], 0, 1):
        bad.append(f"min_coverage must be a number from 0 to 1. Got {shown(p['min_coverage'])} instead.")
    if p["groups_by"] is not None and not isinstance(p["groups_by"], Mapping | pd.Series):
        bad.append(f"groups_by must map units to groups. Got {shown(p['groups_by'])} instead.")
    if p["denominators"] is not None and not isinstance(p["denominators"], pd.DataFrame):
        bad.append(f"denominators must be a DataFrame. Got {shown(p['denominators'])} instead.")
    if bad:
        raise ScoringError("score: " + " ".join(bad))


def score(framework, data, **params) -> Assessment:
    """Score a composite over an indicator table and return an :class:`Assessment`.

    Parameters
    ----------
    framework : Spec, framework object or dict
        The composite tree (see :func:`spec_from_framework`, :func:`spec_from_dict`).
    data : DataFrame or path
        Tidy long or wide indicator table (see :func:`read_table`).
    year : int, optional
        Year to score in a long table (default: latest).
    normalise : str or mapping, optional
        Method name for all indicators, or ``{node_id | level | "*": name or {"method", **params}}``.
        Default: the framework's ``method.normalise`` (else ``minmax``).
    aggregate : str or mapping, optional
        Method for all components, or per node id / level (depth, 0 = root) / ``"*"``.
    weights : mapping, optional
        ``{node_id: weight}`` replacing the framework's weights (any level).
    missing : {"reweight", "mean", "median", "group_mean", "group_median", "latest"}
        Missing-data policy (default: the framework's pipeline or method, else ``reweight``).
    groups_by : mapping, optional
        Unit → group label for the group policies (default: the pipeline's ``impute.group`` column).
    treat : bool or dict, optional
        Outlier treatment (COINr's ``Treat``): ``True`` for COINr's defaults, or a dict of
        :func:`assess.engine.treatment.treat_outliers` keywords (``winmax``, ``skew_thresh``, ``kurt_thresh``,
        ``f2``, …; the earlier ``skew_max``, ``kurt_max``, ``winsor_max`` are still read).
    screen : dict or False, optional
        Screening by data availability (COINr's ``Screen``): :func:`assess.engine.screening.screen` keywords.
    steps : str or dict, optional
        The pipeline: a name of the framework's ``pipelines`` or a mapping of steps (default: its ``steps``).
    denominators : DataFrame, optional
        Units × denominators; indicators with a ``denominator`` are divided by that column
        (looked up here first, then in ``data``).
    overrides : mapping, optional
        ``{unit: {node_id: value}}``: replace raw indicator values, or a component's
        aggregated value before any rescale (what-if).
    units : list, optional
        Restrict scoring to these units (the cross-section for normalisation).
    min_coverage : float
        A component whose available children carry less than this share of its weight is NaN.

    Examples
    --------
    >>> from assess.engine.spec import spec_from_dict
    >>> import pandas as pd
    >>> spec = spec_from_dict({"id": "t", "components": [{"id": "r"}],
    ...     "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r"}]})
    >>> d = pd.DataFrame({"a": [0.25, 1.0], "b": [1.0, 1.0]}, index=["x", "y"])
    >>> score(spec, d, aggregate="geometric_mean", normalise="none")["scores"]["r"].round(3).tolist()
    [0.5, 1.0]

    A framework id works too, over the bundled store:

    >>> from assess.data import load_indicators
    >>> round(float(score("gtmi", load_indicators("wb_gtmi"), year=2022).scores["BRA"]), 4)
    0.975
    """
    unknown = set(params) - set(_DEFAULTS)
    if unknown:
        raise ScoringError(f"score: unknown parameter(s) {sorted(unknown)}. Expected: {', '.join(_DEFAULTS)}.")
    p = {**_DEFAULTS, **params}
    _check_params(p)
    base = spec_from_framework(framework)
    spec = base.with_weights(p["weights"]) if p["weights"] else base
    log: list[Step] = []
    tables: dict[str, pd.DataFrame] = {}

    settings = pipeline.resolve(spec, p["steps"], missing=p["missing"], treat=p["treat"], screen=p["screen"],
                                groups_given=p["groups_by"] is not None)
    missing = settings["missing"] = _vocab_missing(settings["missing"])

    # 1. raw table
    ind_nodes = [spec.node(i) for i in spec.indicators]
    datasets = {n.dataset for n in ind_nodes if n.dataset}
    if isinstance(data, pd.DataFrame) and "source" in data.columns and datasets:
        data = data[data["source"].isin(datasets)]
        if "breakdown" in data.columns:
            data = data[data["breakdown"].fillna("") == ""]
    years = None
    if missing == "latest":
        long = data if isinstance(data, pd.DataFrame) else pd.read_csv(data)
        ucol = next((c for c in ("iso3", "unit", "uCode") if c in long.columns), None)
        if ucol is None or "year" not in long.columns:
            raise ScoringError("missing 'latest': needs a long table with a unit column and 'year'.")
        y = p["year"] if p["year"] is not None else int(long["year"].max())
        wide, years = imputation.latest_available(long, y, unit=ucol)
        log.append(Step("select", {"year": y, "missing": "latest"},
                        f"latest value at or before {y} for each unit and indicator"))
    else:
        wide = read_table(data, year=p["year"])
        log.append(Step("select", {"year": p["year"]}, f"{wide.shape[0]} units × {wide.shape[1]} columns"))
    if p["units"] is not None:
        wide = wide.reindex([str(u) for u in p["units"]])
    cols = [n.column for n in ind_nodes]
    absent = [c for c in cols if c not in wide.columns]
    if absent:
        raise DataError("indicator table", [Issue(f"indicator {c!r}", "is required by the framework. Not found in the data.")
                                            for c in absent])
    raw = wide[cols].copy()
    raw.columns = [n.id for n in ind_nodes]
    if years is not None:
        yrs = years.reindex(index=wide.index, columns=cols)
        yrs.columns = raw.columns
        tables["years"] = yrs

    # overrides on indicators
    overrides = p["overrides"] or {}
    comp_over: dict[str, dict] = {}
    for unit, changes in overrides.items():
        for node_id, value in changes.items():
            n = spec.node(node_id)
            if node_id in spec.indicators:
                if str(unit) not in raw.index:
                    raise ScoringError(f"overrides: unit {unit!r} is not in the data.")
                raw.loc[str(unit), node_id] = float(value)
            else:
                comp_over.setdefault(n.id, {})[str(unit)] = float(value)
    if overrides:
        log.append(Step("overrides", {"overrides": overrides}, f"{sum(len(c) for c in overrides.values())} value(s) replaced"))
    tables["raw"] = raw.copy()

    # 2. denominators
    den_nodes = [n for n in ind_nodes if n.denominator] if settings["denominate"] else []
    x = raw.copy()
    if den_nodes:
        dens = p["denominators"]
        for n in den_nodes:
            if dens is not None and n.denominator in dens.columns:
                d = dens[n.denominator].reindex(x.index)
            elif n.denominator in wide.columns:
                d = wide[n.denominator]
            else:
                raise DataError("indicator table", [Issue(f"denominator {n.denominator!r}",
                                                          f"is needed by indicator {n.id!r}. Not found in the data.")])
            x[n.id] = treat.denominate(x[n.id], d)
        tables["denominated"] = x.copy()
        log.append(Step("denominate", {n.id: n.denominator for n in den_nodes},
                        f"{len(den_nodes)} indicator(s) divided by a denominator"))

    # 3. missing data
    groups = p["groups_by"]
    if groups is None and settings["group"]:
        groups = read_column(data, settings["group"])
    if missing == "latest":
        mask = x.isna() & False
        late = tables["years"].notna() & (tables["years"] < (p["year"] or tables["years"].max().max()))
        log.append(Step("missing", {"missing": "latest"},
                        f"{int(late.to_numpy().sum())} value(s) from an earlier year; "
                        f"{int(x.isna().to_numpy().sum())} still missing (re-weighted)", {"mask": mask}))
    else:
        x, step = imputation.impute(x, missing, groups=groups)
        mask = step.details["mask"]
        log.append(step)
        if missing != "reweight":
            tables["imputed_values"] = x.copy()
    tables["imputed"] = mask

    # 4. screening by data availability
    if settings["screen"] is not None:
        x, step = screening.screen(x, **settings["screen"])
        log.append(step)
        tables["screened"] = x.copy()
    kept = list(x.columns)

    # 5. outliers
    if settings["treat"] is not None:
        x, step = treat.treat_outliers(x, **settings["treat"])
        log.append(step)
    tables["treated"] = x.copy()

    # 6. normalisation: one kernel call per (method, parameters), every indicator with its direction
    normed, rescale_parents, used = _normalise(spec, x, p["normalise"], settings, kept)
    tables["normalised"] = normed
    log.append(Step("normalise", {"methods": used}, f"{len(used)} indicator(s) normalised"
                    + (f"; constant (NaN): {[c for c in used if normed[c].isna().all() and x[c].notna().any()]}"
                       if any(normed[c].isna().all() and x[c].notna().any() for c in used) else ""),
                    {"methods": used}))
    normed = normed.reindex(columns=[n.id for n in ind_nodes])

    # 7. aggregation
    scores = normed.copy()
    coverage = pd.DataFrame(index=x.index)
    agg_settings = settings["aggregate"]
    level_methods = agg_settings.get("method")
    if isinstance(level_methods, list | tuple) and len(level_methods) != spec.n_levels:
        raise ScoringError(f"aggregate: one method per level ({spec.n_levels}, from the bottom). Got "
                           f"{len(level_methods)} instead.")
    default_agg = spec.method.get("aggregate") or "arithmetic_mean"
    kw = {"p": float(agg_settings.get("p", 1.0)), "floor": agg_settings.get("floor"),
          "genmean_nan": agg_settings.get("genmean_nan", "drop")}
    lo, hi = spec.scale
    agg_used, pre_rescale = {}, {}
    for c in spec.bottom_up():
        node = spec.node(c)
        kids = spec.children(c)
        w = np.array([spec.node(k).weight for k in kids], dtype=float)
        level_default = (level_methods[spec.height(c) - 2] if isinstance(level_methods, list | tuple)
                         else level_methods)
        entry = _per_node(p["aggregate"], c, spec.depth(c), None) or node.aggregate or level_default or default_agg
        name, prm = _method(entry)
        name = agg.resolve(name)
        vals = scores[list(kids)]
        if prm and name != "generalised_mean":
            raise ScoringError(f"aggregate {name!r}: takes no parameters. Got {shown(sorted(prm))} instead.")
        s = agg.aggregate_one(vals, w, name, **{**kw, **prm})
        present = vals.notna().to_numpy()
        cov = pd.Series(np.where(present, w, 0).sum(axis=1) / w.sum(), index=vals.index)
        coverage[c] = cov
        if agg_settings.get("dat_thresh") is not None:
            s = s.where(present.sum(axis=1) / len(kids) >= agg_settings["dat_thresh"])
        if p["min_coverage"]:
            s = s.where(cov >= p["min_coverage"])
        before_overrides = s
        if c in comp_over:
            s = s.copy()
            for unit, v in comp_over[c].items():
                if unit not in s.index:
                    raise ScoringError(f"overrides: unit {unit!r} is not in the data.")
                s[unit] = v
        pre_rescale[c] = s
        rescale = node.rescale or ("minmax" if c in rescale_parents else None)
        if rescale:
            rname, rprm = _method(rescale)
            if rprm.get("range") == "input":  # onto the range the values span before any override
                rprm = {k: v for k, v in rprm.items() if k != "range"}
                rprm.update(lo=float(before_overrides.min()), hi=float(before_overrides.max()))
            if rname == "minmax" and "lo" not in rprm:
                rprm = {**rprm, "lo": lo, "hi": hi}
            s = nm.normalise(s, rname, **rprm)
        scores[c] = s
        agg_used[c] = name + (f"+{rescale if isinstance(rescale, str) else rescale}" if rescale else "")
    tables["aggregated"] = pd.DataFrame(pre_rescale)
    tables["coverage"] = coverage
    order = [n.id for n in spec.nodes if n.id in spec.components] + list(normed.columns)
    tables["scores"] = scores[[spec.root] + [o for o in order if o != spec.root]]
    n_nan = int(tables["aggregated"].isna().to_numpy().sum())
    log.append(Step("aggregate", {"methods": agg_used, "weights": {n.id: n.weight for n in spec.nodes},
                                  **{k: v for k, v in agg_settings.items() if k != "method"}},
                    f"{len(agg_used)} component(s) aggregated bottom-up"
                    + (f"; {n_nan} aggregate value(s) missing" if n_nan else ""), {"methods": agg_used}))
    settings["aggregate"] = {**agg_settings, "nodes": {c: m.split("+")[0] for c, m in agg_used.items()},
                             "rescale": {c: spec.node(c).rescale or ("minmax" if c in rescale_parents else None)
                                         for c in agg_used}}

    # 8. ranks, groups, classes
    tables["ranks"] = tables["scores"].apply(rank_desc)
    root = tables["scores"][spec.root]
    grp = pd.DataFrame(index=x.index)
    if spec.groups:
        grp["group"] = assign_groups(root, spec.groups)
        if spec.classes:
            grp["class"] = assign_classes(root, grp["group"], spec.groups, spec.classes)
    tables["groups"] = grp
    log.append(Step("rank", {}, f"{int(root.notna().sum())} unit(s) ranked on {spec.root!r}"
                    + (f"; groups {[g[0] for g in spec.groups]}" if spec.groups else "")))
    settings["groups"] = None if groups is None else pd.Series(groups).reindex(tables["raw"].index)
    return Assessment(spec=base, data=data, params={k: v for k, v in params.items()}, tables=tables,
                      log=tuple(log), engine=score, settings=settings)


def _vocab_missing(name):
    from assess.frameworks.vocabulary import MISSING_ALIASES

    name = MISSING_ALIASES.get(name, name) if isinstance(name, str) else name
    if name not in imputation.IMPUTERS:
        raise ScoringError(f"missing: unknown method {shown(name)}. Expected one of: {', '.join(imputation.IMPUTERS)}.")
    return name


def _normalise(spec, x, option, settings, kept):
    """Normalise the indicators kept (per node, level or the pipeline's method), grouped by method."""
    default = settings["normalise"] or spec.method.get("normalise") or "minmax"
    lo, hi = spec.scale
    rescale_parents, used, chosen = set(), {}, {}
    for iid in kept:
        n = spec.node(iid)
        entry = _per_node(option, n.id, spec.depth(n.id), None) or n.normalise or default
        name, prm = _method(entry, n.normalise_params if entry == n.normalise else None)
        name = nm.resolve(name)
        if name == "zscore_minmax":
            rescale_parents.add(n.parent)
        chosen[iid] = (name, nm.params_on_scale(name, prm, (lo, hi), units=x.index))
        used[iid] = name
    out = pd.DataFrame(np.nan, index=x.index, columns=kept)
    groups: dict = {}
    for iid, (name, prm) in chosen.items():
        groups.setdefault((name, repr(sorted(prm.items()))), (name, prm, []))[2].append(iid)
    for name, prm, ids in groups.values():
        d = np.array([spec.node(i).direction for i in ids], dtype=float)
        out[ids] = normalise_rows(x[ids], name, d, prm)
    settings["normalise"] = {"default": default if isinstance(default, str) else dict(default),
                             "indiv": {i: (nm_, dict(pr)) for i, (nm_, pr) in chosen.items()}}
    return out, rescale_parents, used


def normalise_rows(frame, name, directions, params):
    """``normalise_array`` on a units × indicators frame (indicators as rows), back as a frame."""
    return nm.normalise_array(frame.to_numpy(dtype=float).T, name, directions=directions, **params).T

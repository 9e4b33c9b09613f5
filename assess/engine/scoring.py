"""The composite-indicator engine: a tree spec + a tidy indicator table → :class:`Assessment`.

The engine takes a small internal :class:`Spec` (a tree of :class:`Node` with weights,
directions and methods) that is built from a framework object
(:func:`spec_from_framework`), from a plain dict (:func:`spec_from_dict`) or from COINr
metadata (:func:`spec_from_coinr`). Any tidy indicator table works: long (``unit``/``iso3``,
``indicator``, ``value`` and optionally ``year``) or wide (units × indicators), as a
DataFrame or a CSV path.

Steps (each recorded in the assessment's log): select year → denominators → missing data
→ outlier treatment → normalisation (with direction) → aggregation bottom-up (per-node
method and weights, optional per-node rescale) → ranks → groups and classes.

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
from assess.engine import normalisation as nm
from assess.engine import treatment as treat
from assess.engine.assessment import Assessment, Step
from assess.engine.classify import assign_classes, assign_groups, rank_desc
from assess.engine.spec import _method, spec_from_framework
from assess.engine.table import read_table
from assess.errors import DataError, Issue, ScoringError, shown

__all__ = ["score"]



# --------------------------------------------------------------------------- engine
_DEFAULTS = {"year": None, "normalise": None, "aggregate": None, "weights": None, "missing": None,
             "groups_by": None, "treat": None, "denominators": None, "overrides": None, "units": None,
             "min_coverage": 0.0}


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
    if t is not None and not isinstance(t, bool) and not (
            isinstance(t, Mapping) and set(t) <= {"skew_max", "kurt_max", "winsor_max", "log_fallback"}
            and all(finite(v) for k, v in t.items() if k != "log_fallback")):
        bad.append(f"treat must be true, false or {{skew_max, kurt_max, winsor_max}}. Got {shown(t)} instead.")
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
        Missing-data policy (default: the framework's, else ``reweight``).
    groups_by : mapping, optional
        Unit → group label for the group policies.
    treat : bool or dict, optional
        Outlier treatment; a dict passes ``skew_max``, ``kurt_max``, ``winsor_max``.
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

    missing = p["missing"] or spec.method.get("missing") or "reweight"
    if missing not in treat.IMPUTERS:
        raise ScoringError(f"missing: unknown method {missing!r}. Expected one of: {', '.join(treat.IMPUTERS)}.")

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
        wide, years = treat.latest_available(long, y, unit=ucol)
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
    den_nodes = [n for n in ind_nodes if n.denominator]
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
    n_missing = int(x.isna().to_numpy().sum())
    if missing in ("mean", "median", "group_mean", "group_median"):
        x, mask = treat.impute(x, missing, groups=p["groups_by"])
        msg = f"{int(mask.to_numpy().sum())} of {n_missing} missing cell(s) imputed by {missing}"
    else:
        mask = x.isna() & False
        msg = (f"{n_missing} missing cell(s) left missing: aggregation drops them and re-weights"
               if missing != "latest" else
               f"{int((tables['years'].notna() & (tables['years'] < (p['year'] or tables['years'].max().max()))).to_numpy().sum())}"
               f" value(s) from an earlier year; {n_missing} still missing (re-weighted)")
    tables["imputed"] = mask
    log.append(Step("missing", {"missing": missing}, msg))

    # 4. outliers
    if p["treat"]:
        opts = p["treat"] if isinstance(p["treat"], Mapping) else {}
        info = {}
        for c in x.columns:
            x[c], inf = treat.treat_outliers(x[c], **opts)
            if inf["treatment"] != "none":
                info[c] = {k: inf[k] for k in ("treatment", "winsorised", "units")}
        tables["treated"] = x.copy()
        log.append(Step("treat", dict(opts), f"{len(info)} indicator(s) treated: {info}"))
    else:
        tables["treated"] = x.copy()

    # 5. normalisation
    default_norm = spec.method.get("normalise") or "minmax"
    normed = pd.DataFrame(index=x.index)
    rescale_parents = set()
    lo, hi = spec.scale
    used = {}
    for n in ind_nodes:
        entry = _per_node(p["normalise"], n.id, spec.depth(n.id), None) or n.normalise or default_norm
        name, prm = _method(entry, n.normalise_params if entry == n.normalise else None)
        if name not in nm.NORMALISERS:
            raise ScoringError(f"normalise: unknown method {name!r} for {n.id!r}. Expected one of: "
                               f"{', '.join(sorted(nm.NORMALISERS))}.")
        if name == "zscore_minmax":
            normed[n.id] = nm.zscore(x[n.id], direction=n.direction)
            rescale_parents.add(n.parent)
        else:
            if name in ("minmax",) and "lo" not in prm:
                prm = {**prm, "lo": lo, "hi": hi}
            if name == "goalposts" and "scale" not in prm:
                prm = {**prm, "scale": hi}
            normed[n.id] = nm.normalise(x[n.id], name, direction=n.direction, **prm)
        used[n.id] = name
    tables["normalised"] = normed
    log.append(Step("normalise", {"methods": used}, f"{len(used)} indicator(s) normalised"))

    # 6. aggregation
    scores = normed.copy()
    coverage = pd.DataFrame(index=x.index)
    default_agg = spec.method.get("aggregate") or "arithmetic_mean"
    agg_used = {}
    pre_rescale = {}
    for c in spec.bottom_up():
        node = spec.node(c)
        kids = spec.children(c)
        w = np.array([spec.node(k).weight for k in kids], dtype=float)
        entry = _per_node(p["aggregate"], c, spec.depth(c), None) or node.aggregate or default_agg
        name, prm = _method(entry)
        name = agg.resolve(name)
        vals = scores[list(kids)]
        s = agg.aggregate(vals, w, name, **prm)
        cov = pd.Series(np.where(vals.notna().to_numpy(), w, 0).sum(axis=1) / w.sum(), index=vals.index)
        coverage[c] = cov
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
    log.append(Step("aggregate", {"methods": agg_used, "weights": {n.id: n.weight for n in spec.nodes}},
                    f"{len(agg_used)} component(s) aggregated bottom-up"))

    # 7. ranks, groups, classes
    tables["ranks"] = tables["scores"].apply(rank_desc)
    root = tables["scores"][spec.root]
    groups = pd.DataFrame(index=x.index)
    if spec.groups:
        groups["group"] = assign_groups(root, spec.groups)
        if spec.classes:
            groups["class"] = assign_classes(root, groups["group"], spec.groups, spec.classes)
    tables["groups"] = groups
    log.append(Step("rank", {}, f"{int(root.notna().sum())} unit(s) ranked on {spec.root!r}"
                    + (f"; groups {[g[0] for g in spec.groups]}" if spec.groups else "")))
    return Assessment(spec=base, data=data, params={k: v for k, v in params.items()}, tables=tables,
                      log=tuple(log), engine=score)

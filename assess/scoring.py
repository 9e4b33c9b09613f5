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
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from assess import aggregate as agg
from assess import normalise as nm
from assess import treat
from assess.assessment import Assessment, Step
from assess.errors import DataError, Issue, ScoringError

__all__ = [
    "CLASS_RULES",
    "Node",
    "Spec",
    "assign_classes",
    "assign_groups",
    "rank_desc",
    "read_table",
    "score",
    "spec_from_coinr",
    "spec_from_dict",
    "spec_from_framework",
]

ROUND = 10  # decimals used to remove float noise before ranking and grouping


# --------------------------------------------------------------------------- spec
@dataclass(frozen=True)
class Node:
    """One node of a composite: an indicator (leaf) or a component (aggregate).

    Examples
    --------
    >>> Node("osi", parent="egdi").weight
    1.0
    """

    id: str
    parent: str | None = None
    weight: float = 1.0
    kind: str = "component"
    direction: int = 1
    normalise: str | None = None
    normalise_params: Mapping = field(default_factory=dict)
    aggregate: str | None = None
    rescale: str | None = None
    source: str | None = None
    denominator: str | None = None
    name: str = ""
    dataset: str | None = None

    @property
    def column(self) -> str:
        """The data column (indicator id in the table) this indicator reads."""
        return self.source or self.id


@dataclass(frozen=True)
class Spec:
    """A composite's tree and default methods.

    Parameters
    ----------
    id : str
    nodes : tuple of Node
        Exactly one node without parent (the root); leaves have ``kind="indicator"``.
    method : dict
        Defaults ``normalise``, ``aggregate``, ``missing``.
    scale : tuple
        ``(min, max)`` used by min-max-type normalisers and rescaling.
    groups : tuple
        ``(id, name, min)`` ascending thresholds on the root score.
    classes : dict or None
        ``{"rule": name, "labels": {group_id: [best, ..., worst]}, "approximation": bool}``.

    Examples
    --------
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
    ...                     "indicators": [{"id": "a", "parent": "r"}]})
    >>> s.root, s.children("r"), s.indicators
    ('r', ('a',), ('a',))
    """

    id: str
    nodes: tuple
    method: Mapping = field(default_factory=dict)
    scale: tuple = (0.0, 1.0)
    groups: tuple = ()
    classes: Mapping | None = None
    name: str = ""

    def __post_init__(self):
        issues = []
        ids = [n.id for n in self.nodes]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            issues.append(Issue("nodes", f"ids must be unique. Got duplicates {dup} instead."))
        roots = [n.id for n in self.nodes if n.parent is None]
        if len(roots) != 1:
            issues.append(Issue("nodes", f"must have exactly one root. Got {roots} instead."))
        for n in self.nodes:
            if n.parent is not None and n.parent not in ids:
                issues.append(Issue(f"{n.id}.parent", f"{n.parent!r} is not a node id."))
            if not (isinstance(n.weight, int | float) and n.weight >= 0 and math.isfinite(n.weight)):
                issues.append(Issue(f"{n.id}.weight", f"must be a number >= 0. Got {n.weight!r} instead."))
            if n.direction not in (1, -1):
                issues.append(Issue(f"{n.id}.direction", f"must be 1 or -1. Got {n.direction!r} instead."))
        if issues:
            raise ScoringError(f"spec {self.id!r}: " + "; ".join(str(i) for i in issues))
        # depth check (cycles)
        for n in self.nodes:
            seen, p = set(), n
            while p.parent is not None:
                if p.id in seen:
                    raise ScoringError(f"spec {self.id!r}: cycle through {p.id!r}.")
                seen.add(p.id)
                p = self.node(p.parent)

    def node(self, node_id) -> Node:
        """The node with id ``node_id``."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise ScoringError(f"spec {self.id!r}: unknown node {node_id!r}. Expected one of: "
                           f"{', '.join(n.id for n in self.nodes)}.")

    @property
    def root(self) -> str:
        return next(n.id for n in self.nodes if n.parent is None)

    def children(self, node_id) -> tuple:
        return tuple(n.id for n in self.nodes if n.parent == node_id)

    @property
    def indicators(self) -> tuple:
        return tuple(n.id for n in self.nodes if not self.children(n.id))

    @property
    def components(self) -> tuple:
        return tuple(n.id for n in self.nodes if self.children(n.id))

    def depth(self, node_id) -> int:
        d, n = 0, self.node(node_id)
        while n.parent is not None:
            d, n = d + 1, self.node(n.parent)
        return d

    def bottom_up(self) -> list:
        """Components ordered so that every child comes before its parent."""
        return sorted(self.components, key=lambda c: -self.depth(c))

    def with_weights(self, weights: Mapping) -> Spec:
        """A copy with some node weights replaced."""
        unknown = set(weights) - {n.id for n in self.nodes}
        if unknown:
            raise ScoringError(f"weights: unknown node(s) {sorted(unknown)}. Expected ids of spec {self.id!r}.")
        return replace(self, nodes=tuple(replace(n, weight=float(weights.get(n.id, n.weight)))
                                         for n in self.nodes))


def _method(entry, default_params=None):
    if entry is None:
        return None, {}
    if isinstance(entry, str):
        return entry, dict(default_params or {})
    if isinstance(entry, Mapping):
        entry = dict(entry)
        name = entry.pop("method", None) or entry.pop("name", None)
        params = entry.pop("params", None) or entry
        if not isinstance(name, str) or not isinstance(params, Mapping) or \
                not all(isinstance(k, str) and k.isidentifier() for k in params):
            raise ScoringError(f"method must be a name or {{method: name, param: value, …}}. Got {_shown(entry)} "
                               "instead.")
        return name, dict(params)
    raise ScoringError(f"method must be a name or a mapping. Got {_shown(entry)} instead.")


def _shown(value) -> str:
    """A value in a message, cut to 60 characters (never an unbounded echo)."""
    try:
        text = repr(value)
    except Exception:  # e.g. an int of more than 4,300 digits
        text = f"a {type(value).__name__}"
    return text if len(text) <= 60 else text[:60] + "…"


class _SpecCheck:
    """Collects every problem of a spec document (plain dict), then raises one ScoringError."""

    def __init__(self):
        self.issues: list[str] = []

    def add(self, where, message):
        self.issues.append(f"{where}: {message}")

    def number(self, where, value, default, *, minimum=None):
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float | np.number) or not math.isfinite(value) or \
                (minimum is not None and value < minimum):
            bound = f" >= {minimum:g}" if minimum is not None else ""
            self.add(where, f"must be a finite number{bound}. Got {_shown(value)} instead.")
            return default
        return float(value)

    def text(self, where, value, *, optional=True):
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value:
            self.add(where, f"must be a text{' or empty' if optional else ''}. Got {_shown(value)} instead.")
            return None
        return value

    def method(self, where, value):
        try:
            return _method(value)
        except ScoringError as e:
            self.add(where, str(e))
            return None, {}

    def items(self, doc, key):
        value = doc.get(key)
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            self.add(key, f"must be a list. Got {_shown(value)} instead.")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                self.add(f"{key}[{i}]", f"must be a mapping. Got {_shown(item)} instead.")
            elif not isinstance(item.get("id"), str) or not item.get("id"):
                self.add(f"{key}[{i}].id", f"must be a text. Got {_shown(item.get('id'))} instead.")
            else:
                out.append(item)
        return out


def spec_from_dict(doc: Mapping) -> Spec:
    """Build a :class:`Spec` from a plain dict shaped like a composite framework YAML.

    Every value is checked (ids are texts, weights finite numbers >= 0, directions 1 or -1, methods
    names or ``{method: name, …}``, groups ascending numbers, classes with 4 labels); all problems
    are raised at once as a :class:`~assess.errors.ScoringError`.

    Examples
    --------
    >>> s = spec_from_dict({"id": "t", "groups": [{"id": "low", "min": 0}, {"id": "high", "min": 0.5}],
    ...     "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r", "weight": 2}]})
    >>> s.node("a").weight, s.groups
    (2.0, (('low', 'low', 0.0), ('high', 'high', 0.5)))
    >>> spec_from_dict({"components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r", "weight": "x"}]})
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: spec 'custom': 1 problem
      indicators[a].weight: must be a finite number >= 0. Got 'x' instead.
    """
    if not isinstance(doc, Mapping):
        raise ScoringError(f"spec: expected a mapping with components and indicators. Got {_shown(doc)} instead.")
    c = _SpecCheck()
    spec_id = doc.get("id", "custom")
    if not isinstance(spec_id, str):
        c.add("id", f"must be a text. Got {_shown(spec_id)} instead.")
        spec_id = "custom"
    nodes = []
    for section in ("components", "indicators"):
        for item in c.items(doc, section):
            where = f"{section}[{item['id']}]"
            nname, nparams = c.method(f"{where}.normalise", item.get("normalise"))
            aggregate = item.get("aggregate")
            if aggregate is not None:
                c.method(f"{where}.aggregate", aggregate)
            rescale = item.get("rescale")
            if rescale is not None:
                c.method(f"{where}.rescale", rescale)
            parent = c.text(f"{where}.parent", item.get("parent"))
            weight = c.number(f"{where}.weight", item.get("weight"), 1.0, minimum=0)
            kw = {}
            if section == "indicators":
                direction = item.get("direction", 1)
                if isinstance(direction, bool) or direction not in (1, -1):
                    c.add(f"{where}.direction", f"must be 1 or -1. Got {_shown(direction)} instead.")
                    direction = 1
                src, dataset = item.get("source"), item.get("dataset")
                if isinstance(src, Mapping):
                    src, dataset = src.get("indicator") or src.get("column"), src.get("dataset")
                kw = {"direction": int(direction), "source": c.text(f"{where}.source", src),
                      "dataset": c.text(f"{where}.dataset", dataset),
                      "denominator": c.text(f"{where}.denominator", item.get("denominator"))}
            nodes.append(Node(id=item["id"], parent=parent, weight=weight,
                              kind="component" if section == "components" else "indicator",
                              aggregate=aggregate, rescale=rescale, name=_name(item.get("name", "")),
                              normalise=nname, normalise_params=nparams, **kw))
    groups = []
    for g in c.items(doc, "groups"):
        groups.append((g["id"], _name(g.get("name", g["id"])), c.number(f"groups[{g['id']}].min", g.get("min"), None)))
    if any(m is None for *_, m in groups):
        c.add("groups", "every group needs a number 'min'.")
    elif any(b[2] <= a[2] for a, b in zip(groups, groups[1:], strict=False)):
        c.add("groups", f"thresholds must ascend. Got {[g[2] for g in groups]} instead.")
    scale = doc.get("scale") or {}
    if not isinstance(scale, Mapping):
        c.add("scale", f"must be {{min, max}}. Got {_shown(scale)} instead.")
        scale = {}
    lo, hi = c.number("scale.min", scale.get("min"), 0.0), c.number("scale.max", scale.get("max"), 1.0)
    if not lo < hi:
        c.add("scale", f"min must be below max. Got {lo:g} and {hi:g} instead.")
    method = doc.get("method") or {}
    if not isinstance(method, Mapping):
        c.add("method", f"must be a mapping normalise/aggregate/missing. Got {_shown(method)} instead.")
        method = {}
    for key in ("normalise", "aggregate"):
        if method.get(key) is not None:
            c.method(f"method.{key}", method[key])
    if method.get("missing") is not None and not isinstance(method["missing"], str):
        c.add("method.missing", f"must be a name. Got {_shown(method['missing'])} instead.")
    classes = doc.get("classes")
    if classes is not None:
        if not isinstance(classes, Mapping):
            c.add("classes", f"must be {{rule, labels}}. Got {_shown(classes)} instead.")
            classes = None
        else:
            rule = classes.get("rule", "quartile_within_group")
            if not (callable(rule) or (isinstance(rule, str) and rule in CLASS_RULES)):
                c.add("classes.rule", f"must be one of {', '.join(CLASS_RULES)}. Got {_shown(rule)} instead.")
            labels = classes.get("labels") or {}
            if not isinstance(labels, Mapping) or not all(
                    isinstance(v, list | tuple) and len(v) == 4 and all(isinstance(x, str) for x in v)
                    for v in labels.values()):
                c.add("classes.labels", f"must map each group to 4 class labels, best first. Got {_shown(labels)} "
                                        "instead.")
    if c.issues:
        n = len(c.issues)
        raise ScoringError(f"spec {spec_id!r}: {n} problem{'s' if n != 1 else ''}\n" +
                           "\n".join(f"  {i}" for i in c.issues))
    return Spec(id=spec_id, nodes=tuple(nodes), method=dict(method), scale=(lo, hi), groups=tuple(groups),
                classes=classes, name=_name(doc.get("name", "")))


def _name(v):
    if isinstance(v, Mapping):
        v = v.get("en") or next(iter(v.values()), "")
    return v if isinstance(v, str) else "" if v is None else _shown(v)


def _get(obj, key, default=None):
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def spec_from_framework(framework) -> Spec:
    """Build a :class:`Spec` from a composite framework object of :mod:`assess.frameworks` (or its id or path).

    The object is read by attribute (``components``, ``indicators``, ``groups``,
    ``classes``, ``method``, ``scale``), so any object shaped like it works.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> fw = NS(id="t", name="T", method={"normalise": "none"}, scale={"min": 0, "max": 1},
    ...         groups=(), classes=None, components=(NS(id="r", parent=None, weight=1),),
    ...         indicators=(NS(id="a", parent="r", weight=1, direction=1,
    ...                        source=NS(dataset="d", indicator="x")),))
    >>> spec_from_framework(fw).node("a").source
    'x'
    """
    if isinstance(framework, Spec):
        return framework
    if isinstance(framework, str | Path):
        from assess.frameworks import load_framework

        framework = load_framework(framework)
    if isinstance(framework, Mapping):
        return spec_from_dict(framework)

    def as_dict(o, keys):
        out = {}
        for k in keys:
            v = _get(o, k)
            if v is not None:
                out[k] = v
        return out

    comps = [as_dict(c, ("id", "parent", "weight", "aggregate", "normalise", "rescale", "name"))
             for c in _get(framework, "components", ())]
    inds = []
    for i in _get(framework, "indicators", ()):
        d = as_dict(i, ("id", "parent", "weight", "direction", "normalise", "denominator", "name"))
        src = _get(i, "source")
        if src is not None:
            d["source"] = src if isinstance(src, str) else (_get(src, "indicator") or _get(src, "column"))
            if not isinstance(src, str):
                d["dataset"] = _get(src, "dataset")
        inds.append(d)
    groups = [{"id": _get(g, "id"), "name": _get(g, "name", _get(g, "id")), "min": _get(g, "min")}
              for g in (_get(framework, "groups", ()) or ())]
    classes = _get(framework, "classes")
    if classes is not None and not isinstance(classes, Mapping):
        classes = {k: _get(classes, k) for k in ("rule", "approximation", "labels") if _get(classes, k) is not None}
    method = _get(framework, "method") or {}
    if not isinstance(method, Mapping):
        method = {k: _get(method, k) for k in ("normalise", "aggregate", "missing") if _get(method, k) is not None}
    scale = _get(framework, "scale") or {}
    if not isinstance(scale, Mapping):
        scale = {"min": _get(scale, "min", 0.0), "max": _get(scale, "max", 1.0)}
    return spec_from_dict({"id": _get(framework, "id", "framework"), "name": _get(framework, "name", ""),
                           "components": comps, "indicators": inds, "groups": groups, "classes": classes,
                           "method": dict(method), "scale": dict(scale)})


def spec_from_coinr(meta: pd.DataFrame, *, normalise="minmax", aggregate="arithmetic_mean",
                    scale=(0.0, 100.0)) -> Spec:
    """Build a :class:`Spec` from COINr ``iMeta`` (columns ``Level, iCode, Direction, Weight,
    Denominator, Parent, Type``).

    Examples
    --------
    >>> import pandas as pd
    >>> meta = pd.read_csv("data/coinr_asem/asem_iMeta.csv")
    >>> s = spec_from_coinr(meta)
    >>> s.root, len(s.indicators), s.node("Flights").denominator
    ('Index', 49, 'Population')
    """
    nodes = []
    for r in meta[meta["Type"].isin(["Indicator", "Aggregate"])].itertuples(index=False):
        parent = r.Parent if isinstance(r.Parent, str) and r.Parent else None
        den = r.Denominator if isinstance(r.Denominator, str) and r.Denominator else None
        nodes.append(Node(id=r.iCode, parent=parent, weight=float(r.Weight),
                          kind="indicator" if r.Type == "Indicator" else "component",
                          direction=int(r.Direction), denominator=den, name=r.iName))
    return Spec(id="coinr", nodes=tuple(nodes), scale=tuple(float(s) for s in scale),
                method={"normalise": normalise, "aggregate": aggregate, "missing": "reweight"})


# --------------------------------------------------------------------------- data
def read_table(data, *, year=None, unit_col=None):
    """Read a tidy indicator table (DataFrame or CSV path) into a wide units × indicators frame.

    Long tables have ``indicator`` and ``value`` columns and a unit column (``iso3``,
    ``unit``, ``uCode`` or ``country``); if a ``year`` column is present, ``year`` selects
    one (default: the latest). Wide tables are returned as they are, with non-numeric
    columns dropped (a ``uCode``/``iso3``/``unit`` column becomes the index).

    Examples
    --------
    >>> import pandas as pd
    >>> long = pd.DataFrame({"iso3": ["A", "A", "B"], "indicator": ["x", "y", "x"],
    ...                      "year": 2020, "value": [1.0, 2.0, 3.0]})
    >>> read_table(long).to_dict()
    {'x': {'A': 1.0, 'B': 3.0}, 'y': {'A': 2.0, 'B': nan}}
    """
    if isinstance(data, str | Path):
        from assess import safeio

        data = safeio.read_csv(data, source=str(data))
    if not isinstance(data, pd.DataFrame):
        raise DataError("indicator table", [Issue("", f"expected a DataFrame or a CSV path. Got {type(data).__name__} instead.")])
    ucol = unit_col or next((c for c in ("iso3", "unit", "uCode", "country") if c in data.columns), None)
    if "indicator" in data.columns and "value" in data.columns:
        if ucol is None:
            raise DataError("indicator table", [Issue("columns", "a long table needs a unit column "
                                                      f"(iso3, unit, uCode or country). Got {list(data.columns)} instead.")])
        d = data
        for col in (ucol, "indicator"):
            bad = d[col].map(lambda v: not isinstance(v, str | int | np.integer) or isinstance(v, bool))
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                raise DataError("indicator table", [Issue(f"row {i + 1}, column {col!r}", "must be a text id. Got "
                                                          f"{_shown(d[col].iloc[i])} instead.")])
        if year is not None and (isinstance(year, bool) or not isinstance(year, int | np.integer)):
            raise DataError("indicator table", [Issue("year", f"must be a whole year. Got {_shown(year)} instead.")])
        if "year" in d.columns and d["year"].notna().any():
            years = pd.to_numeric(d["year"], errors="coerce")
            bad = years.isna() & d["year"].notna() | (years.notna() & (years != years.round()))
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                raise DataError("indicator table", [Issue(f"row {i + 1}, column 'year'", "must be a whole year. Got "
                                                          f"{_shown(d['year'].iloc[i])} instead.")])
            y = year if year is not None else int(years.max())
            d = d[years == y]
        dup = d.duplicated([ucol, "indicator"])
        if dup.any():
            first = d[dup].iloc[0]
            raise DataError("indicator table", [Issue(f"unit {_shown(first[ucol])}, indicator "
                                                      f"{_shown(first['indicator'])}",
                                                      "must appear once per year. Got duplicates instead.")])
        wide = d.pivot(index=ucol, columns="indicator", values="value")
        wide = wide.apply(lambda s: pd.to_numeric(s, errors="coerce")).astype(float)
    else:
        wide = data.set_index(ucol) if ucol in data.columns and ucol != "country" else data
        if ucol == "country" and "iso3" not in data.columns:
            wide = data.set_index("country")
        wide = wide.select_dtypes(include="number").astype(float)
    if isinstance(wide.index, pd.MultiIndex) or wide.columns.duplicated().any():
        raise DataError("indicator table", [Issue("columns", "expected one unit column and unique indicator columns. "
                                                  f"Got {_shown(list(data.columns))} instead.")])
    wide = wide.replace([np.inf, -np.inf], np.nan)
    wide.index = wide.index.astype(str)
    wide.index.name = "unit"
    wide.columns = [str(c) for c in wide.columns]
    wide.columns.name = None
    return wide


# --------------------------------------------------------------------------- ranks, groups, classes
def rank_desc(scores, *, decimals=ROUND):
    """Competition ranks, 1 for the highest score; ties share the best rank ("1224"), as the UN
    ranks. NaN scores get no rank (``<NA>``).

    Examples
    --------
    >>> import pandas as pd
    >>> rank_desc(pd.Series([0.5, 0.9, 0.5, None, 0.1])).tolist()
    [2, 1, 2, <NA>, 4]
    """
    s = pd.Series(scores, dtype=float)
    if decimals is not None:
        s = s.round(decimals)
    return s.rank(ascending=False, method="min").astype("Int64")


def assign_groups(scores, groups, *, decimals=ROUND):
    """Label each score with the last group whose ``min`` it reaches (NaN → ``<NA>``).

    Examples
    --------
    >>> import pandas as pd
    >>> g = (("L", "Low", 0.0), ("M", "Middle", 0.25), ("H", "High", 0.5), ("VH", "Very high", 0.75))
    >>> assign_groups(pd.Series([0.75, 0.7499, 0.1, None]), g).tolist()
    ['VH', 'H', 'L', <NA>]
    """
    s = pd.Series(scores, dtype=float)
    if decimals is not None:
        s = s.round(decimals)
    mins = np.array([g[2] for g in groups], dtype=float)
    ids = [g[0] for g in groups]
    if not len(ids):
        return pd.Series(pd.NA, index=s.index, dtype="string")
    if (np.diff(mins) <= 0).any():
        raise ScoringError(f"groups: thresholds must ascend. Got {mins.tolist()} instead.")
    idx = np.searchsorted(mins, s.to_numpy(), side="right") - 1
    out = [ids[i] if (i >= 0 and not np.isnan(v)) else pd.NA for i, v in zip(idx, s.to_numpy(), strict=True)]
    return pd.Series(out, index=s.index, dtype="string")


def quartile_within_group(scores, group_labels, groups):
    """Class 0 (best) to 3 (worst): the quarter of its group, by count of countries.

    A country's position is its competition rank within the group, so ties share a class;
    class ``k`` holds positions ``p`` with ``floor(4 (p - 1) / n) = k``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([0.9, 0.85, 0.8, 0.78, 0.3])
    >>> g = pd.Series(["VH", "VH", "VH", "VH", "M"])
    >>> quartile_within_group(s, g, None).tolist()
    [0, 1, 2, 3, 0]
    """
    out = pd.Series(pd.NA, index=scores.index, dtype="Int64")
    for _, idx in group_labels.dropna().groupby(group_labels.dropna()).groups.items():
        s = scores.loc[idx].round(ROUND)
        pos = s.rank(ascending=False, method="min")
        out.loc[idx] = np.floor(4 * (pos - 1) / len(s)).astype(int).clip(0, 3)
    return out


def equal_bands(scores, group_labels, groups):
    """Class 0 (best) to 3 (worst): four equal-width bands of the group's score range.

    For the UN groups (width 0.25) the bands are 0.0625 wide. The top group runs to 1.

    Examples
    --------
    >>> import pandas as pd
    >>> g = (("L", "Low", 0.0), ("M", "Middle", 0.25), ("H", "High", 0.5), ("VH", "Very high", 0.75))
    >>> equal_bands(pd.Series([0.99, 0.76, 0.5]), pd.Series(["VH", "VH", "H"]), g).tolist()
    [0, 3, 3]
    """
    bounds = {g[0]: g[2] for g in groups}
    ids = [g[0] for g in groups]
    upper = {gid: (bounds[ids[i + 1]] if i + 1 < len(ids) else 1.0) for i, gid in enumerate(ids)}
    out = pd.Series(pd.NA, index=scores.index, dtype="Int64")
    for i, (s, g) in enumerate(zip(scores.round(ROUND), group_labels, strict=True)):
        if pd.isna(g) or pd.isna(s):
            continue
        lo, hi = bounds[g], upper[g]
        band = int(np.floor(4 * (s - lo) / (hi - lo))) if hi > lo else 0
        out.iloc[i] = 3 - min(max(band, 0), 3)
    return out


CLASS_RULES = {"quartile_within_group": quartile_within_group, "equal_bands": equal_bands}
"""Pluggable rules for rating classes within groups (the UN's rule is not published)."""


def assign_classes(scores, group_labels, groups, classes):
    """Label each score with a class within its group using the rule in ``classes``.

    Examples
    --------
    >>> import pandas as pd
    >>> g = (("L", "Low", 0.0), ("H", "High", 0.5))
    >>> c = {"rule": "quartile_within_group", "labels": {"H": ["HV", "H3", "H2", "H1"]}}
    >>> assign_classes(pd.Series([0.9, 0.6]), pd.Series(["H", "H"]), g, c).tolist()
    ['HV', 'H2']
    """
    rule = (classes or {}).get("rule", "quartile_within_group")
    fn = rule if callable(rule) else CLASS_RULES.get(rule)
    if fn is None:
        raise ScoringError(f"classes: unknown rule {rule!r}. Expected one of: {', '.join(CLASS_RULES)}.")
    k = fn(pd.Series(scores, dtype=float), pd.Series(group_labels), groups)
    labels = (classes or {}).get("labels") or {}
    out = []
    for g, q in zip(group_labels, k, strict=True):
        if pd.isna(g) or pd.isna(q):
            out.append(pd.NA)
        else:
            names = labels.get(g) or [f"{g}{4 - i}" for i in range(4)]
            if not isinstance(names, list | tuple) or not 0 <= int(q) < len(names):
                raise ScoringError(f"classes: labels of group {str(g)[:40]!r} must list 4 classes, best first. "
                                   f"Got {names!r:.60} instead.")
            out.append(names[int(q)])
    return pd.Series(out, index=scores.index, dtype="string")


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
        bad.append(f"year must be a whole number such as 2024. Got {_shown(year)} instead.")
    for key in ("normalise", "aggregate"):
        if p[key] is not None and not isinstance(p[key], str | Mapping):
            bad.append(f"{key} must be a method name or a mapping. Got {_shown(p[key])} instead.")
    if p["missing"] is not None and not isinstance(p["missing"], str):
        bad.append(f"missing must be a method name. Got {_shown(p['missing'])} instead.")
    w = p["weights"]
    if w is not None and (not isinstance(w, Mapping) or not all(isinstance(k, str) and finite(v, 0) for k, v in w.items())):
        bad.append(f"weights must map node ids to finite numbers >= 0. Got {_shown(w)} instead.")
    t = p["treat"]
    if t is not None and not isinstance(t, bool) and not (
            isinstance(t, Mapping) and set(t) <= {"skew_max", "kurt_max", "winsor_max", "log_fallback"}
            and all(finite(v) for k, v in t.items() if k != "log_fallback")):
        bad.append(f"treat must be true, false or {{skew_max, kurt_max, winsor_max}}. Got {_shown(t)} instead.")
    o = p["overrides"]
    if o is not None and (not isinstance(o, Mapping) or not all(
            isinstance(u, str | int) and isinstance(ch, Mapping) and
            all(isinstance(k, str) and finite(v) for k, v in ch.items()) for u, ch in o.items())):
        bad.append(f"overrides must be {{unit: {{node: finite number}}}}. Got {_shown(o)} instead.")
    u = p["units"]
    if u is not None and (isinstance(u, str | bytes | Mapping) or not hasattr(u, "__iter__")
                          or not all(isinstance(x, str | int | np.integer) for x in u)):
        bad.append(f"units must be a list of unit ids. Got {_shown(u)} instead.")
    if not finite(p["min_coverage"], 0, 1):
        bad.append(f"min_coverage must be a number from 0 to 1. Got {_shown(p['min_coverage'])} instead.")
    if p["groups_by"] is not None and not isinstance(p["groups_by"], Mapping | pd.Series):
        bad.append(f"groups_by must map units to groups. Got {_shown(p['groups_by'])} instead.")
    if p["denominators"] is not None and not isinstance(p["denominators"], pd.DataFrame):
        bad.append(f"denominators must be a DataFrame. Got {_shown(p['denominators'])} instead.")
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
        if c in comp_over:
            for unit, v in comp_over[c].items():
                if unit not in s.index:
                    raise ScoringError(f"overrides: unit {unit!r} is not in the data.")
                s[unit] = v
        pre_rescale[c] = s
        rescale = node.rescale or ("minmax" if c in rescale_parents else None)
        if rescale:
            rname, rprm = _method(rescale)
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
                      log=tuple(log))

"""The composite's tree as the engine sees it: :class:`Node` and :class:`Spec`, built from a framework object, a
plain dict shaped like a composite YAML, or COINr metadata.

Examples
--------
>>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
...                     "indicators": [{"id": "a", "parent": "r"}]})
>>> s.root, s.children("r"), s.indicators
('r', ('a',), ('a',))
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from assess.errors import Issue, ScoringError, shown
from assess.frameworks import vocabulary

__all__ = ["Node", "Spec", "check_steps", "spec_from_coinr", "spec_from_dict", "spec_from_framework"]



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
    code: str | None = None

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
    steps, pipelines : dict
        The nominal pipeline and alternative named ones (see :mod:`assess.engine.pipeline`).
    uncertainty : dict
        ``{"factors": [...]}``: the uncertain factors (see :mod:`assess.engine.sensitivity`).

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
    steps: Mapping = field(default_factory=dict)
    pipelines: Mapping = field(default_factory=dict)
    uncertainty: Mapping = field(default_factory=dict)

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

    def height(self, node_id) -> int:
        """COINr's level of a node: 1 for an indicator, one above its highest child for a component."""
        kids = self.children(node_id)
        return 1 + max((self.height(k) for k in kids), default=0)

    @property
    def n_levels(self) -> int:
        """Number of aggregation levels (the root's level minus one)."""
        return self.height(self.root) - 1

    def bottom_up(self) -> list:
        """Components ordered so that every child comes before its parent."""
        return sorted(self.components, key=lambda c: -self.depth(c))

    def without_rescale(self) -> Spec:
        """A copy whose components are not rescaled after aggregation.

        Examples
        --------
        >>> s = spec_from_dict({"id": "t", "components": [{"id": "r", "rescale": "minmax"}],
        ...                     "indicators": [{"id": "a", "parent": "r"}]})
        >>> s.node("r").rescale, s.without_rescale().node("r").rescale
        ('minmax', None)
        """
        return replace(self, nodes=tuple(replace(n, rescale=None) for n in self.nodes))

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
            raise ScoringError(f"method must be a name or {{method: name, param: value, …}}. Got {shown(entry)} "
                               "instead.")
        return name, dict(params)
    raise ScoringError(f"method must be a name or a mapping. Got {shown(entry)} instead.")


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
            self.add(where, f"must be a finite number{bound}. Got {shown(value)} instead.")
            return default
        return float(value)

    def text(self, where, value, *, optional=True):
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value:
            self.add(where, f"must be a text{' or empty' if optional else ''}. Got {shown(value)} instead.")
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
            self.add(key, f"must be a list. Got {shown(value)} instead.")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                self.add(f"{key}[{i}]", f"must be a mapping. Got {shown(item)} instead.")
            elif not isinstance(item.get("id"), str) or not item.get("id"):
                self.add(f"{key}[{i}].id", f"must be a text. Got {shown(item.get('id'))} instead.")
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
        raise ScoringError(f"spec: expected a mapping with components and indicators. Got {shown(doc)} instead.")
    c = _SpecCheck()
    spec_id = doc.get("id", "custom")
    if not isinstance(spec_id, str):
        c.add("id", f"must be a text. Got {shown(spec_id)} instead.")
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
                    c.add(f"{where}.direction", f"must be 1 or -1. Got {shown(direction)} instead.")
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
                              normalise=nname, normalise_params=nparams,
                              code=c.text(f"{where}.code", item.get("code")), **kw))
    groups, code = [], {}
    for g in c.items(doc, "groups"):
        code[g["id"]] = g.get("code") if isinstance(g.get("code"), str) and g.get("code") else g["id"]
        groups.append((code[g["id"]], _name(g.get("name", g["id"])),
                       c.number(f"groups[{g['id']}].min", g.get("min"), None)))
    if any(m is None for *_, m in groups):
        c.add("groups", "every group needs a number 'min'.")
    elif any(b[2] <= a[2] for a, b in zip(groups, groups[1:], strict=False)):
        c.add("groups", f"thresholds must ascend. Got {[g[2] for g in groups]} instead.")
    scale = doc.get("scale") or {}
    if not isinstance(scale, Mapping):
        c.add("scale", f"must be {{min, max}}. Got {shown(scale)} instead.")
        scale = {}
    lo, hi = c.number("scale.min", scale.get("min"), 0.0), c.number("scale.max", scale.get("max"), 1.0)
    if not lo < hi:
        c.add("scale", f"min must be below max. Got {lo:g} and {hi:g} instead.")
    method = doc.get("method") or {}
    if not isinstance(method, Mapping):
        c.add("method", f"must be a mapping normalise/aggregate/missing. Got {shown(method)} instead.")
        method = {}
    for key in ("normalise", "aggregate"):
        if method.get(key) is not None:
            c.method(f"method.{key}", method[key])
    if method.get("missing") is not None and not isinstance(method["missing"], str):
        c.add("method.missing", f"must be a name. Got {shown(method['missing'])} instead.")
    classes = doc.get("classes")
    if classes is not None:
        if not isinstance(classes, Mapping):
            c.add("classes", f"must be {{rule, labels}}. Got {shown(classes)} instead.")
            classes = None
        else:
            rule = classes.get("rule", "quartile_within_group")
            if not (callable(rule) or (isinstance(rule, str) and rule in vocabulary.CLASS_RULES)):
                c.add("classes.rule", f"must be one of {', '.join(vocabulary.CLASS_RULES)}. Got {shown(rule)} instead.")
            labels = classes.get("labels") or {}
            if not isinstance(labels, Mapping) or not all(
                    isinstance(v, list | tuple) and len(v) == 4 and all(isinstance(x, str) for x in v)
                    for v in labels.values()):
                c.add("classes.labels", f"must map each group to 4 class labels, best first. Got {shown(labels)} "
                                        "instead.")
            elif labels:
                classes = {**classes, "labels": {code.get(k, k): v for k, v in labels.items()}}
    inds = [n.id for n in nodes if n.kind == "indicator"]
    c.issues += _pipeline_issues(doc, inds, [n.id for n in nodes])
    if c.issues:
        n = len(c.issues)
        raise ScoringError(f"spec {spec_id!r}: {n} problem{'s' if n != 1 else ''}\n" +
                           "\n".join(f"  {i}" for i in c.issues))
    return Spec(id=spec_id, nodes=tuple(nodes), method=dict(method), scale=(lo, hi), groups=tuple(groups),
                classes=classes, name=_name(doc.get("name", "")), steps=dict(doc.get("steps") or {}),
                pipelines=dict(doc.get("pipelines") or {}), uncertainty=dict(doc.get("uncertainty") or {}))


def _pipeline_issues(doc, indicators, node_ids) -> list[str]:
    from assess.frameworks import steps as fsteps
    from assess.frameworks.checker import _Checker

    c = _Checker(doc, {})
    if doc.get("steps") is not None:
        fsteps.check_steps(c, ("steps",), doc["steps"], indicators=indicators)
    if doc.get("pipelines") is not None:
        fsteps.check_pipelines(c, ("pipelines",), doc["pipelines"], indicators=indicators)
    if doc.get("uncertainty") is not None:
        fsteps.check_uncertainty(c, ("uncertainty",), doc["uncertainty"], node_ids=node_ids, indicators=indicators)
    return [str(i) for i in c.issues]


def check_steps(steps, *, where="steps") -> None:
    """Refuse a pipeline (``steps``) given to :func:`assess.score` as a mapping, every problem at once.

    Examples
    --------
    >>> check_steps({"treat": {"winmax": 2}})
    >>> check_steps({"screen": {"dat_thresh": 2}})
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: steps: 1 problem
      steps.screen.dat_thresh: expected a number from 0 to 1, found 2
    """
    problems = _pipeline_issues({"steps": steps}, [], [])
    if problems:
        n = len(problems)
        raise ScoringError(f"{where}: {n} problem{'s' if n != 1 else ''}\n" + "\n".join(f"  {i}" for i in problems))


def _name(v):
    if isinstance(v, Mapping):
        v = v.get("en") or next(iter(v.values()), "")
    return v if isinstance(v, str) else "" if v is None else shown(v)


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

    comps = [as_dict(c, ("id", "parent", "weight", "aggregate", "normalise", "rescale", "name", "code"))
             for c in _get(framework, "components", ())]
    inds = []
    for i in _get(framework, "indicators", ()):
        d = as_dict(i, ("id", "parent", "weight", "direction", "normalise", "denominator", "name", "code"))
        src = _get(i, "source")
        if src is not None:
            d["source"] = src if isinstance(src, str) else (_get(src, "indicator") or _get(src, "column"))
            if not isinstance(src, str):
                d["dataset"] = _get(src, "dataset")
        inds.append(d)
    groups = [{"id": _get(g, "id"), "name": _get(g, "name", _get(g, "id")), "min": _get(g, "min"),
               "code": _get(g, "code")}
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
                           "method": dict(method), "scale": dict(scale),
                           **{k: dict(_get(framework, k)) for k in ("steps", "pipelines", "uncertainty")
                              if _get(framework, k)}})


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

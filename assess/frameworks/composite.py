"""Composite indices (``kind: composite``): indicators → components → one root index, with groups, rating classes
and per-edition notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assess.frameworks.base import Name, _Framework, _text
from assess.frameworks.checker import COMMON_KEYS, _Checker, _show
from assess.frameworks.steps import check_pipelines, check_steps, check_uncertainty
from assess.frameworks.vocabulary import (
    AGGREGATORS,
    CLASS_COUNT,
    CLASS_RULES,
    KNOWN_DATASETS,
    MISSING_POLICIES,
    NORMALISERS,
)

__all__ = ["Component", "CompositeFramework", "Group", "Indicator"]



@dataclass(frozen=True)
class Component:
    """A node of the aggregation tree above the indicators (the root has ``parent=None``)."""

    id: str
    name: Name
    parent: str | None = None
    weight: float = 1.0
    aggregate: str | None = None
    normalise: str | None = None
    missing: str | None = None
    description: str | None = None
    rescale: dict | str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Indicator:
    """A leaf: where the value comes from (``source = {"dataset": …, "indicator": …}``) and how it counts."""

    id: str
    name: Name
    parent: str
    weight: float = 1.0
    direction: int = 1
    normalise: str | None = None
    source: dict = field(default_factory=dict)
    description: str | None = None
    goalposts: dict | None = None
    denominator: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Group:
    """A band on the root score: the group applies from ``min`` up to the next group's ``min``.

    ``code`` is the short label the publisher prints (``VH``, ``A``); it defaults to the id.
    """

    id: str
    name: Name
    min: float
    code: str = ""

    @property
    def label(self) -> str:
        """The printed short label (``code``, else the id)."""
        return self.code or self.id


@dataclass(frozen=True)
class CompositeFramework(_Framework):
    """A composite index: indicators → components → one root index.

    Attributes
    ----------
    components : tuple of Component
        The aggregation tree (``id``, ``name``, ``parent``, ``weight``, ``aggregate``,
        ``normalise``, ``missing``); exactly one has no parent (:attr:`root`).
    indicators : tuple of Indicator
        The leaves (``id``, ``name``, ``parent``, ``weight``, ``direction``, ``normalise``,
        ``source`` = ``{"dataset", "indicator"}`` in the tidy indicator store).
    groups : tuple of Group
        Thresholds on the root score, ascending ``min``.
    classes : dict or None
        Rating classes within groups (UN): ``rule``, ``approximation``, ``labels``.
    editions : dict
        Per-edition overrides keyed by year (``note``, ``method_break``, ``weights``, …).
    method : dict
        Defaults for every level: ``normalise``, ``aggregate``, ``missing``.
    scale : dict
        ``{"min": …, "max": …}`` of the root score.
    steps, pipelines : dict
        The nominal pipeline in COINr's order (denominate, impute, screen, treat, normalise, aggregate) and
        alternative named pipelines (see :mod:`assess.engine.pipeline`).
    uncertainty : dict
        ``{"factors": [...]}``: the uncertain factors of its uncertainty and sensitivity analysis.

    Examples
    --------
    >>> from assess.frameworks.registry import load_framework
    >>> fw = load_framework("gtmi")
    >>> [i.source["indicator"] for i in fw.indicators]
    ['cgsi', 'psdi', 'dcei', 'gtei']
    >>> fw.group_of(0.8).id, fw.group_of(0.3).id
    ('a', 'c')
    """

    publisher: str | None = None
    source: str | None = None
    scale: dict = field(default_factory=lambda: {"min": 0, "max": 1})
    method: dict = field(default_factory=dict)
    components: tuple[Component, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    groups: tuple[Group, ...] = ()
    classes: dict | None = None
    editions: dict = field(default_factory=dict)
    steps: dict = field(default_factory=dict)
    pipelines: dict = field(default_factory=dict)
    uncertainty: dict = field(default_factory=dict)

    @property
    def root(self) -> str:
        """Id of the root component.

        Examples
        --------
        >>> from assess.frameworks.registry import load_framework
        >>> load_framework("oecd_dgi").root
        'dgi'
        """
        return next(c.id for c in self.components if c.parent is None)

    @property
    def node_ids(self) -> tuple[str, ...]:
        """Ids of every component and indicator.

        Examples
        --------
        >>> from assess.frameworks.registry import load_framework
        >>> load_framework("epi").node_ids
        ('epi', 'epi_pub')
        """
        return tuple(c.id for c in self.components) + tuple(i.id for i in self.indicators)

    def node(self, node_id: str) -> Component | Indicator:
        """Return the component or indicator ``node_id``.

        Examples
        --------
        >>> from assess.frameworks.registry import load_framework
        >>> load_framework("un_egdi").node("tii").name["az"]
        'Telekommunikasiya İnfrastrukturu İndeksi'
        """
        for node in (*self.components, *self.indicators):
            if node.id == node_id:
                return node
        raise KeyError(f"{self.id}: no component or indicator {node_id!r}")

    def children(self, node_id: str) -> tuple[Component | Indicator, ...]:
        """Direct children (components first, then indicators) of ``node_id``, in file order.

        Examples
        --------
        >>> from assess.frameworks.registry import load_framework
        >>> [c.id for c in load_framework("un_egdi").children("osi")]
        ['osi_pub']
        """
        return tuple(n for n in (*self.components, *self.indicators) if n.parent == node_id)

    def group_of(self, score: float) -> Group | None:
        """The group a root score falls in (``None`` below the first threshold).

        Examples
        --------
        >>> from assess.frameworks.registry import load_framework
        >>> load_framework("un_egdi").group_of(0.7412).id
        'high'
        """
        found = None
        for group in self.groups:
            if score >= group.min:
                found = group
        return found


COMPOSITE_KEYS = {**COMMON_KEYS, "scale": False, "method": False, "components": True, "indicators": True,
                  "groups": False, "classes": False, "editions": False, "ties": False, "steps": False,
                  "pipelines": False, "uncertainty": False}


COMPONENT_KEYS = {"id": True, "name": True, "parent": False, "weight": False, "aggregate": False,
                  "normalise": False, "missing": False, "description": False, "note": False, "rescale": False,
                  "code": False}


INDICATOR_KEYS = {"id": True, "name": True, "parent": True, "weight": False, "direction": False,
                  "normalise": False, "source": True, "description": False, "note": False, "unit": False,
                  "goalposts": False, "denominator": False, "code": False}


#: ``dataset`` + ``indicator`` name a series of the bundled store; ``column`` alone a column of the table given.
INDICATOR_SOURCE_KEYS = {"dataset": False, "indicator": False, "column": False, "note": False}


METHOD_KEYS = {"normalise": False, "aggregate": False, "missing": False}


RESCALE_KEYS = {"method": True, "range": False, "lo": False, "hi": False}


GROUP_KEYS = {"id": True, "name": True, "min": True, "description": False, "code": False}


CLASSES_KEYS = {"rule": True, "approximation": False, "labels": True, "note": False, "since": False}


EDITION_KEYS = {"note": False, "method_break": False, "weights": False, "components": False,
                "exclude": False, "groups": False, "classes": False, "sub_indicators": False,
                "sources": False, "exception": False, "ties": False}


def _validate_composite(c: _Checker, doc: dict) -> None:
    normalisers, aggregators = tuple(NORMALISERS), tuple(AGGREGATORS)
    if "scale" in doc:
        scale = doc["scale"]
        if c.mapping(("scale",), scale, {"min": True, "max": True}) and \
                c.number(("scale", "min"), scale.get("min")) and c.number(("scale", "max"), scale.get("max")) \
                and scale["min"] >= scale["max"]:
            c.add(("scale",), "min < max", found_text=f"min {scale['min']} and max {scale['max']}")
    method = doc.get("method", {})
    if "method" in doc and c.mapping(("method",), method, METHOD_KEYS):
        for key, choices in (("normalise", normalisers), ("aggregate", aggregators), ("missing", tuple(MISSING_POLICIES))):
            if key in method:
                c.choice(("method", key), method[key], choices)

    components = c.list_of_mappings(("components",), doc.get("components"), "components")
    indicators = c.list_of_mappings(("indicators",), doc.get("indicators"), "indicators")
    id_items = [(("components", i, "id"), x.get("id")) for i, x in enumerate(components) if isinstance(x, dict)]
    id_items += [(("indicators", i, "id"), x.get("id")) for i, x in enumerate(indicators) if isinstance(x, dict)]
    c.unique_ids(id_items, "the framework (components and indicators)")
    component_ids = [x.get("id") for x in components if isinstance(x, dict) and isinstance(x.get("id"), str)]
    component_path = {x["id"]: ("components", i) for i, x in enumerate(components)
                      if isinstance(x, dict) and isinstance(x.get("id"), str)}

    parent_of: dict[str, str] = {}
    children: dict[str, list[tuple[tuple, Any]]] = {cid: [] for cid in component_ids}
    roots: list[str] = []
    for section, items, keys in (("components", components, COMPONENT_KEYS),
                                 ("indicators", indicators, INDICATOR_KEYS)):
        for i, item in enumerate(items):
            path = (section, i)
            if not c.mapping(path, item, keys):
                continue
            c.ident(path + ("id",), item.get("id"))
            if "name" in item:
                c.name(path + ("name",), item["name"])
            for key in ("description", "note", "unit"):
                if key in item:
                    c.text(path + (key,), item[key])
            for key in ("code", "denominator"):
                if key in item:
                    c.text(path + (key,), item[key], allow_translated=False)
            if "rescale" in item and c.mapping(path + ("rescale",), item["rescale"], RESCALE_KEYS):
                c.choice(path + ("rescale", "method"), item["rescale"].get("method"), ("minmax",))
                if "range" in item["rescale"]:
                    c.choice(path + ("rescale", "range"), item["rescale"]["range"], ("input",))
                for key in ("lo", "hi"):
                    if key in item["rescale"]:
                        c.number(path + ("rescale", key), item["rescale"][key])
            if "normalise" in item:
                c.choice(path + ("normalise",), item["normalise"], normalisers)
            if "aggregate" in item:
                c.choice(path + ("aggregate",), item["aggregate"], aggregators)
            if "missing" in item:
                c.choice(path + ("missing",), item["missing"], tuple(MISSING_POLICIES))
            weight = item.get("weight", 1)
            if "weight" in item:
                c.number(path + ("weight",), weight, minimum=0)
            parent = item.get("parent")
            if parent is None:
                if section == "components":
                    roots.append(item.get("id"))
                continue
            if c.reference(path + ("parent",), parent, component_ids, "a component id"):
                children[parent].append((path + ("weight",), weight))
                if section == "components" and isinstance(item.get("id"), str):
                    parent_of[item["id"]] = parent
            if section == "indicators":
                if "direction" in item:
                    c.choice(path + ("direction",), item["direction"], (1, -1))
                src = item.get("source")
                if "source" in item and c.mapping(path + ("source",), src, INDICATOR_SOURCE_KEYS):
                    if "dataset" in src:
                        c.choice(path + ("source", "dataset"), src["dataset"], KNOWN_DATASETS)
                    if "indicator" in src and not (isinstance(src["indicator"], str) and src["indicator"]):
                        c.add(path + ("source", "indicator"), "an indicator id of the dataset", src["indicator"])
                    if "column" in src and not (isinstance(src["column"], str) and src["column"]):
                        c.add(path + ("source", "column"), "a column of the indicator table", src["column"])
                    if not (("dataset" in src and "indicator" in src) or "column" in src):
                        c.add(path + ("source",), "dataset and indicator (the bundled store) or column (a column "
                              "of the table given)", found_text=f"keys {', '.join(map(str, src)) or 'none'}")
                if "goalposts" in item:
                    gp = item["goalposts"]
                    if c.mapping(path + ("goalposts",), gp, {"lo": True, "hi": True}):
                        c.number(path + ("goalposts", "lo"), gp.get("lo"))
                        c.number(path + ("goalposts", "hi"), gp.get("hi"))

    if components and len([r for r in roots if r is not None]) != 1:
        c.add(("components",), "exactly one root component (without parent)",
              found_text=f"{len(roots)}" + (f": {', '.join(map(str, roots))}" if roots else ""))
    c.cycles(parent_of, lambda n: component_path[n] + ("parent",), "a component hierarchy")
    for cid in component_ids:
        kids = children.get(cid, [])
        if not kids:
            c.add(component_path[cid], "a component with at least one child (component or indicator)",
                  found_text="none")
            continue
        weights = [w for _, w in kids if isinstance(w, int | float) and not isinstance(w, bool)]
        if len(weights) == len(kids) and all(w == 0 for w in weights):
            c.add(component_path[cid], f"at least one child weight > 0 under {_show(cid)}",
                  found_text="all weights zero")

    indicator_ids = [x.get("id") for x in indicators if isinstance(x, dict) and isinstance(x.get("id"), str)]
    n_levels = _levels(components, indicators)
    if "steps" in doc:
        check_steps(c, ("steps",), doc["steps"], indicators=indicator_ids, n_levels=n_levels)
    if "pipelines" in doc:
        check_pipelines(c, ("pipelines",), doc["pipelines"], indicators=indicator_ids, n_levels=n_levels)
    if "uncertainty" in doc:
        treats = isinstance(doc.get("steps"), dict) and "treat" in doc["steps"] or any(
            isinstance(p, dict) and "treat" in p for p in (doc.get("pipelines") or {}).values()
            if isinstance(doc.get("pipelines"), dict))
        check_uncertainty(c, ("uncertainty",), doc["uncertainty"], node_ids=component_ids + indicator_ids,
                          indicators=indicator_ids, n_levels=n_levels, treats=bool(treats))

    groups = c.list_of_mappings(("groups",), doc.get("groups"), "groups", allow_empty=True)
    c.unique_ids([(("groups", i, "id"), g.get("id")) for i, g in enumerate(groups) if isinstance(g, dict)],
                 "groups")
    previous = None
    for i, group in enumerate(groups):
        if not c.mapping(("groups", i), group, GROUP_KEYS):
            continue
        c.ident(("groups", i, "id"), group.get("id"))
        if "name" in group:
            c.name(("groups", i, "name"), group["name"])
        if "code" in group:
            c.text(("groups", i, "code"), group["code"])
        if "min" in group and c.number(("groups", i, "min"), group["min"]):
            if previous is not None and group["min"] <= previous:
                c.add(("groups", i, "min"), f"groups in ascending order of min (> {previous})", group["min"])
            previous = group["min"]
    group_ids = [g.get("id") for g in groups if isinstance(g, dict) and isinstance(g.get("id"), str)]

    if "classes" in doc:
        cls = doc["classes"]
        if c.mapping(("classes",), cls, CLASSES_KEYS):
            if "rule" in cls:
                c.choice(("classes", "rule"), cls["rule"], tuple(CLASS_RULES))
            if "approximation" in cls:
                c.boolean(("classes", "approximation"), cls["approximation"])
            labels = cls.get("labels")
            if "labels" in cls and c.mapping(("classes", "labels"), labels, dict.fromkeys(group_ids, False)):
                for gid, values in labels.items():
                    names = c.string_list(("classes", "labels", gid), values)
                    if names and len(names) != CLASS_COUNT:
                        c.add(("classes", "labels", gid), f"{CLASS_COUNT} class labels, best first",
                              found_text=f"{len(names)}")

    node_ids = component_ids + [x.get("id") for x in indicators if isinstance(x, dict)]
    editions = doc.get("editions")
    if "editions" in doc and isinstance(editions, dict):
        for year, ed in editions.items():
            path = ("editions", year)
            if not (isinstance(year, int) and 1990 <= year <= 2100):
                c.add(path, "a year as key (1990-2100)", year)
            if not c.mapping(path, ed, EDITION_KEYS):
                continue
            for key in ("note", "exception", "ties"):
                if key in ed:
                    c.text(path + (key,), ed[key])
            for key in ("method_break", "classes", "groups"):
                if key in ed:
                    c.boolean(path + (key,), ed[key])
            if "weights" in ed and c.mapping(path + ("weights",), ed["weights"], dict.fromkeys(node_ids, False)):
                for nid, w in ed["weights"].items():
                    c.number(path + ("weights", nid), w, minimum=0)
            for key in ("components", "exclude"):
                if key in ed:
                    for j, nid in enumerate(c.string_list(path + (key,), ed[key])):
                        c.reference(path + (key, j), nid, node_ids, "a component or indicator id")
            if "sub_indicators" in ed and c.mapping(path + ("sub_indicators",), ed["sub_indicators"],
                                                    dict.fromkeys(node_ids, False)):
                for nid, vals in ed["sub_indicators"].items():
                    c.string_list(path + ("sub_indicators", nid), vals)
            if "sources" in ed:
                c.string_list(path + ("sources",), ed["sources"])
    elif "editions" in doc:
        c.add(("editions",), "a mapping year → edition", editions)


def _levels(components, indicators) -> int | None:
    """Aggregation levels of a valid tree (the root's COINr level minus one), None if it cannot be told."""
    kids: dict = {}
    for x in [*components, *indicators]:
        if isinstance(x, dict) and isinstance(x.get("id"), str) and isinstance(x.get("parent"), str):
            kids.setdefault(x["parent"], []).append(x["id"])
    height: dict = {}

    def h(node, seen):
        if node in seen:
            raise RecursionError
        if node not in height:
            height[node] = 1 + max((h(k, seen | {node}) for k in kids.get(node, ())), default=0)
        return height[node]

    roots = [x["id"] for x in components if isinstance(x, dict) and isinstance(x.get("id"), str)
             and x.get("parent") is None]
    try:
        return h(roots[0], frozenset()) - 1 if len(roots) == 1 else None
    except RecursionError:
        return None


def build(doc: dict, base: dict) -> CompositeFramework:
    """The composite index of a validated document; ``base`` holds the fields every framework has (id, kind, name, path, doc)."""
    method = dict(doc.get("method", {}))
    components = tuple(
        Component(id=c["id"], name=dict(c["name"]), parent=c.get("parent"), weight=float(c.get("weight", 1)),
                  aggregate=c.get("aggregate"), normalise=c.get("normalise"), missing=c.get("missing"),
                  description=_text(c.get("description")), rescale=c.get("rescale"), code=c.get("code"))
        for c in doc["components"])
    indicators = tuple(
        Indicator(id=i["id"], name=dict(i["name"]), parent=i["parent"], weight=float(i.get("weight", 1)),
                  direction=int(i.get("direction", 1)), normalise=i.get("normalise"),
                  source=dict(i["source"]), description=_text(i.get("description")),
                  goalposts=i.get("goalposts"), denominator=i.get("denominator"), code=i.get("code"))
        for i in doc["indicators"])
    groups = tuple(Group(id=g["id"], name=dict(g["name"]), min=float(g["min"]), code=str(g.get("code", "")))
                   for g in doc.get("groups", []))
    return CompositeFramework(**base, publisher=doc.get("publisher"), source=_text(doc.get("source")),
                              scale=dict(doc.get("scale", {"min": 0, "max": 1})), method=method,
                              components=components, indicators=indicators, groups=groups,
                              classes=doc.get("classes"), editions=dict(doc.get("editions", {})),
                              steps=dict(doc.get("steps") or {}), pipelines=dict(doc.get("pipelines") or {}),
                              uncertainty=dict(doc.get("uncertainty") or {}))

"""Join a strategy's elements to the graph of its country model (see :mod:`assess.model.strategy_graph`).

This module adds the strategy's nodes and edges to a model graph it is given; it never builds the model's
graph itself, so that :func:`assess.model.build.build_graph` can use it without an import cycle.

Examples
--------
>>> from assess.frameworks import load_framework
>>> from assess.model.build import build_graph
>>> s = load_framework("estonia_dsdp2030")
>>> G = join_strategy(build_graph("estonia"), s, load_framework("estonia"))
>>> G.nodes[node_id(s, "d_digital_state")]["archimate_type"], G.graph["model"]
('Goal', 'estonia')
"""

from __future__ import annotations

import networkx as nx

from assess.frameworks import CountryModel
from assess.frameworks.strategy import Strategy
from assess.frameworks.vocabulary import ARCHIMATE_LAYERS, DEFAULT_ARCHIMATE

__all__ = ["ARCHIMATE_OF", "STRATEGY_NODE_TYPES", "join_strategy", "node_id"]

#: Node type of each kind of strategy element.
STRATEGY_NODE_TYPES = {"vision": "vision", "general_objective": "general_objective", "direction": "direction",
                       "goal": "goal", "kpi": "kpi", "principle": "principle", "rule": "implementation_rule",
                       "action_point": "action_point", "enabler": "strategy_enabler", "diagram": "diagram"}
#: ArchiMate element type of each strategy node type (Motivation, Strategy and Implementation layers).
ARCHIMATE_OF = {"vision": "Driver", "general_objective": "Goal", "direction": "Goal", "goal": "Goal",
                "kpi": "Outcome", "principle": "Principle", "implementation_rule": "Requirement",
                "action_point": "WorkPackage", "strategy_enabler": "Capability", "diagram": "Representation"}


def _layer(atype: str) -> str:
    return next((layer for layer, types in ARCHIMATE_LAYERS.items() if atype in types), "other")


def node_id(strategy: Strategy | str, element_id: str) -> str:
    """The graph id of a strategy element: ``"<strategy id>.<element id>"``.

    Examples
    --------
    >>> node_id("estonia_dsdp2030", "vision")
    'estonia_dsdp2030.vision'
    """
    return f"{strategy if isinstance(strategy, str) else strategy.id}.{element_id}"


def _cite(s: Strategy, c) -> str | None:
    if c is None:
        return None
    try:
        doc = s.document(c.document)
        title, url = doc.title.get("en", doc.id), doc.url
    except KeyError:
        title, url = c.document, None
    parts = [title] + ([f"§ {c.section}"] if c.section else []) + ([f"p. {c.page}"] if c.page else [])
    return ", ".join(parts) + (f" ({url})" if url else "")


def _clean(attrs: dict) -> dict:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in attrs.items()
            if v is not None and v != () and v != [] and v != {}}


def _element_attrs(s: Strategy, e) -> dict:
    ntype = STRATEGY_NODE_TYPES[e.kind]
    atype = ARCHIMATE_OF[ntype]
    attrs = {"type": ntype, "part": "strategy", "element": e.id, "name": dict(e.name), "label": e.label,
             "description": (e.description or {}).get("en"), "verified": e.verified, "source": _cite(s, e.source),
             "archimate_type": atype, "layer": _layer(atype), "note": e.note}
    if ntype in ("vision", "general_objective"):
        attrs["statement"] = e.statement.get("en")
    elif ntype == "direction":
        attrs["order"] = e.order
    elif ntype == "kpi":
        t = e.target
        attrs.update(unit=e.unit, polarity=e.polarity, owner_stated=e.owner_stated,
                     definition=(e.definition or {}).get("en"),
                     target_value=None if t is None else t.value, target_value_max=None if t is None else t.value_max,
                     target_comparator=None if t is None else t.comparator, target_date=None if t is None else t.date,
                     target_verified=None if t is None else t.verified,
                     baseline_value=None if e.baseline is None else e.baseline.value,
                     baseline_year=None if e.baseline is None else e.baseline.year,
                     reported=len(e.reported))
    elif ntype == "action_point":
        attrs.update(start=e.start, end=e.end, status=e.status, status_date=e.status_date,
                     owner_stated=e.owner_stated, budget_line=(e.budget_line or {}).get("en"))
    elif ntype == "strategy_enabler":
        attrs["enabler_type"] = e.type
    elif ntype == "implementation_rule":
        attrs.update(rule_type=e.type, frequency=e.frequency)
    elif ntype == "principle":
        attrs["requires"] = (e.requires or {}).get("en")
    elif ntype == "diagram":
        attrs.update(layout=e.layout, url=e.url)
    return _clean(attrs)


def join_strategy(G: nx.MultiDiGraph, s: Strategy, m: CountryModel) -> nx.MultiDiGraph:
    """Add the strategy ``s`` to ``G``, the graph of its country model ``m`` (in place); return ``G``."""
    G.graph.update({"id": s.id, "kind": "strategy", "name": dict(s.name), "model": m.id,
                    "model_name": dict(m.name), "country": s.country, "status": s.status, "as_of": s.as_of,
                    "model_as_of": m.as_of, "period": [p or "" for p in s.period]})
    for gap in s.model_gaps:
        if gap.id not in G:
            atype = DEFAULT_ARCHIMATE.get(gap.type, "Grouping")
            G.add_node(gap.id, **_clean({"type": gap.type, "name": dict(gap.name), "label": gap.name.get("en"),
                                         "verified": gap.verified, "pending": True, "source": _cite(s, gap.source),
                                         "archimate_type": atype, "layer": _layer(atype), "note": gap.note}))
    for e in s.elements():
        G.add_node(node_id(s, e.id), **_element_attrs(s, e))

    def edge(u, v, rel, **attrs):
        if v is None:
            return
        G.add_edge(u, v, key=rel, **_clean({"relation": rel, "part": "strategy", **attrs}))

    n = lambda i: node_id(s, i)  # noqa: E731
    top = n(s.vision.id) if s.vision else None
    if s.vision and s.general_objective:
        edge(top, n(s.general_objective.id), "has_objective")
    head = n(s.general_objective.id) if s.general_objective else top
    for d in s.directions:
        if head:
            edge(head, n(d.id), "has_direction")
    for g in s.goals:
        for d in g.directions:
            edge(n(d), n(g.id), "has_goal", link_stated=g.link_stated)
    for k in s.kpis:
        if k.goal:
            edge(n(k.goal), n(k.id), "has_kpi", link_stated=k.link_stated)
        edge(n(k.id), k.owner, "owned_by", owner_stated=k.owner_stated)
        for meas in k.measured_by:
            if meas.indicator not in G:
                dataset, indicator = meas.indicator.split(":", 1)
                G.add_node(meas.indicator, type="indicator", name={"en": meas.indicator, "az": meas.indicator},
                           label=meas.indicator, dataset=dataset, indicator=indicator,
                           archimate_type=DEFAULT_ARCHIMATE["indicator"], layer="motivation")
            edge(n(k.id), meas.indicator, "measured_by", fit=meas.fit)
    for a in s.action_points:
        if a.goal:
            edge(n(a.id), n(a.goal), "advances", link_stated=a.link_stated)
        edge(n(a.id), a.owner, "owned_by", owner_stated=a.owner_stated)
        for target in a.delivers:
            edge(n(a.id), target, "delivers")
    for e in s.enablers:
        for d in e.directions:
            edge(n(e.id), n(d), "enables", link_stated=e.link_stated)
        edge(n(e.id), e.node, "realised_by")
    for p in s.principles:
        for d in p.applies_to or ((s.vision.id,) if s.vision else ()):
            edge(n(p.id), n(d), "guides")
    element_ids = {e.id for e in s.elements()}
    for r in s.implementation_rules:
        edge(n(r.id), r.body, "carried_by")
        for t in r.applies_to:
            if t in element_ids:
                edge(n(r.id), n(t), "governs")
    for dg in s.diagrams:
        for shown in dg.shows_elements:
            edge(n(dg.id), n(shown), "shows")
        for node in dg.shows_nodes:
            edge(n(dg.id), node, "shows")
    return G



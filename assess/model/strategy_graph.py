"""One graph: a strategy (``kind: strategy``) joined to its country model, and its drawing as rings.

:func:`strategy_graph` starts from the model's graph (:func:`assess.model.build.build_graph`) and adds the
strategy's elements as nodes ``<strategy id>.<element id>`` with typed edges (``relation`` and the edge key):

===================  ============================================  ==============================
edge                 from → to                                     stated by the source when
===================  ============================================  ==============================
``has_objective``    vision → general objective                    always
``has_direction``    vision (or general objective) → direction     always
``has_goal``         direction → goal                              ``link_stated``
``has_kpi``          goal → KPI                                    ``link_stated``
``advances``         action point → goal                           ``link_stated``
``owned_by``         KPI or action point → body of the model       ``owner_stated``
``delivers``         action point → model node                     always
``enables``          enabler → direction                           ``link_stated``
``realised_by``      enabler → model node (law, body, platform)    always
``guides``           principle → direction (or the vision)         always
``carried_by``       implementation rule → body                    always
``governs``          implementation rule → element                 always
``shows``            diagram → element or model node               always
``measured_by``      KPI → indicator ``dataset:indicator``         ``fit`` (same, proxy)
===================  ============================================  ==============================

Strategy nodes carry ``type`` (``vision``, ``general_objective``, ``direction``, ``goal``, ``kpi``,
``principle``, ``implementation_rule``, ``action_point``, ``strategy_enabler``, ``diagram``), ``part="strategy"``,
``element`` (the id in the file), ``name``, ``label``, ``verified``, ``source`` and an ArchiMate type of the
Motivation and Implementation layers (vision → Driver, directions and goals → Goal, KPIs → Outcome,
principles → Principle, rules → Requirement, action points → Work Package, enablers → Capability). A
``model_gaps`` entry the model does not have yet becomes a node with ``pending=True`` (a node to add).

Examples
--------
>>> G = strategy_graph("singapore_dgb")
>>> G.graph["kind"], G.graph["model"], G.nodes["singapore_dgb.vision"]["archimate_type"]
('strategy', 'singapore', 'Driver')
>>> sorted(v for _, v, k in G.out_edges("singapore_dgb.a_national_epayments", keys=True) if k == "owned_by")
['mas']
>>> G.edges["singapore_dgb.k_e_payment", "wb_gtmi_indicators:I-22", "measured_by"]["fit"]
'proxy'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from assess.frameworks import CountryModel, load_framework
from assess.frameworks.strategy import Strategy
from assess.frameworks.vocabulary import ARCHIMATE_LAYERS, DEFAULT_ARCHIMATE
from assess.model.build import build_graph

__all__ = ["ARCHIMATE_OF", "RINGS", "STRATEGY_NODE_TYPES", "StructureLayout", "node_id", "strategy_graph",
           "structure_layout", "structure_nodes"]

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


def strategy_graph(strategy: Strategy | str, model: CountryModel | None = None) -> nx.MultiDiGraph:
    """The strategy joined to its country model as one typed ``nx.MultiDiGraph`` (see the module docstring).

    Parameters
    ----------
    strategy : Strategy or str
        A loaded strategy or its id.
    model : CountryModel, optional
        The country model to join (default: the strategy's ``model``).

    Returns
    -------
    networkx.MultiDiGraph
        The model's nodes and relations, the strategy's elements and the edges between them; ``G.graph``
        holds ``kind="strategy"``, ``id`` (the strategy), ``model``, ``country``, ``as_of`` (the strategy's),
        ``model_as_of``, ``period``.

    Examples
    --------
    >>> G = strategy_graph("azerbaijan_digital_2026")
    >>> G.nodes["gov_cloud"]["pending"], G.nodes["gov_cloud"]["type"]
    (True, 'platform')
    >>> sorted(k for _, _, k in G.out_edges("azerbaijan_digital_2026.r_quarterly_report", keys=True))
    ['carried_by']
    """
    s = load_framework(strategy) if isinstance(strategy, str) else strategy
    if not isinstance(s, Strategy):
        raise TypeError(f"expected a strategy, found a {type(s).__name__}")
    m = model if model is not None else load_framework(s.model)
    G = build_graph(m)
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


def structure_nodes(G: nx.MultiDiGraph) -> list[str]:
    """The strategy's nodes and the model nodes and indicators they point at (what the structure drawing shows).

    Examples
    --------
    >>> G = strategy_graph("estonia_dsdp2030")
    >>> nodes = structure_nodes(G)
    >>> "estonia_dsdp2030.vision" in nodes, "mkm" in nodes, "x_road" in nodes
    (True, True, False)
    """
    mine = [x for x, d in G.nodes(data=True) if d.get("part") == "strategy"]
    linked = {v for u in mine for _, v in G.out_edges(u)} - set(mine)
    return mine + sorted(linked)


#: Rings of the structure drawing, from the centre out: (ring id, label, node types).
RINGS = (
    ("vision", "Vision", ("vision", "general_objective")),
    ("directions", "Strategic directions", ("direction",)),
    ("goals", "Goals", ("goal",)),
    ("delivery", "KPIs and action points", ("kpi", "action_point")),
    ("how", "Enablers, principles, rules, diagrams", ("strategy_enabler", "principle", "implementation_rule",
                                                      "diagram")),
    ("model", "Bodies, laws, platforms and indicators of the country model", ()),
)


@dataclass(frozen=True)
class StructureLayout:
    """Positions of the structure drawing (``y`` grows downwards) and the radius of each ring."""

    positions: dict
    rings: tuple  # (ring id, label, radius)


def _mean_angle(angles: list[float], default: float) -> float:
    if not angles:
        return default
    x, y = sum(math.cos(a) for a in angles), sum(math.sin(a) for a in angles)
    return math.atan2(y, x) if abs(x) + abs(y) > 1e-9 else angles[0]


def _spread(wanted: list[tuple[str, float]], radius: float, size: float) -> tuple[dict, float]:
    """Angles for nodes wanting ``wanted`` angles on a ring, at least ``size`` apart along the ring.

    The radius grows when the ring is too small for its nodes.
    """
    if not wanted:
        return {}, radius
    radius = max(radius, size * len(wanted) / (2 * math.pi))
    gap = size / radius
    order = sorted(wanted, key=lambda w: (w[1] % (2 * math.pi), w[0]))
    angles = [a % (2 * math.pi) for _, a in order]
    for i in range(1, len(angles)):
        angles[i] = max(angles[i], angles[i - 1] + gap)
    if angles[-1] - angles[0] + gap > 2 * math.pi:  # too many for one turn: spread evenly
        angles = [angles[0] + i * (2 * math.pi / len(angles)) for i in range(len(angles))]
    else:  # centre the pushed-apart nodes on the angles they wanted
        drift = sum(a - w % (2 * math.pi) for a, (_, w) in zip(angles, order, strict=True)) / len(angles)
        angles = [a - drift for a in angles]
    return {name: a for (name, _), a in zip(order, angles, strict=True)}, radius


def structure_layout(G: nx.MultiDiGraph, *, step: float = 190.0, size: float = 150.0) -> StructureLayout:
    """Concentric drawing of a strategy graph, as Singapore draws its blueprint: the vision at the centre,
    then rings of directions, goals, KPIs and action points, enablers/principles/rules/diagrams, and the
    model's bodies, laws, platforms and indicators outside.

    Directions are spread evenly from the top, clockwise, in their document order; every other node is
    placed at the mean angle of the nodes it is linked to (a goal under its directions, a KPI next to its
    goal, a body next to what it owns), then nodes of a ring are pushed apart to ``size`` px. Unlinked
    elements gather at the bottom, where they are easy to see.

    Examples
    --------
    >>> lay = structure_layout(strategy_graph("singapore_dgb"))
    >>> lay.positions["singapore_dgb.vision"]
    (0.0, 0.0)
    >>> [r[0] for r in lay.rings][:3], lay.rings[1][2] < lay.rings[2][2]
    (['vision', 'directions', 'goals'], True)
    """
    nodes = structure_nodes(G)
    ring_of = {}
    for i, (_, _, types) in enumerate(RINGS):
        for x in nodes:
            if G.nodes[x].get("type") in types and G.nodes[x].get("part") == "strategy":
                ring_of[x] = i
    for x in nodes:
        ring_of.setdefault(x, len(RINGS) - 1)
    angle: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    radii: list[float] = []
    bottom = math.pi / 2
    centre = [x for x in nodes if ring_of[x] == 0]
    for j, x in enumerate(sorted(centre, key=lambda x: G.nodes[x].get("type") != "vision")):
        pos[x] = (0.0, float(j * 70.0))
        angle[x] = -math.pi / 2
    radii.append(0.0)
    neighbours = {x: [y for y in nx.all_neighbors(G, x) if y in ring_of] for x in nodes}
    radius = 0.0
    for i in range(1, len(RINGS)):
        members = [x for x in nodes if ring_of[x] == i]
        radius = max(radius + step, step * i)
        if i == 1:
            members.sort(key=lambda x: (G.nodes[x].get("order", 0), x))
            wanted = [(x, -math.pi / 2 + 2 * math.pi * k / max(len(members), 1)) for k, x in enumerate(members)]
        else:
            wanted = [(x, _mean_angle([angle[y] for y in neighbours[x] if y in angle and ring_of[y] < i]
                                      or [angle[y] for y in neighbours[x] if y in angle], bottom))
                      for x in members]
        placed, radius = _spread(wanted, radius, size if i > 1 else size * 1.2)
        for x, a in placed.items():
            angle[x] = a
            pos[x] = (round(radius * math.cos(a), 1), round(radius * math.sin(a), 1))
        radii.append(radius if members else 0.0)
    rings = tuple((rid, label, r) for (rid, label, _), r in zip(RINGS, radii, strict=True))
    return StructureLayout(positions=pos, rings=rings)

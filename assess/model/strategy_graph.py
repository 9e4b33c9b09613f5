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
from assess.i18n import N_
from assess.model.build import build_graph
from assess.model.strategy_join import ARCHIMATE_OF, STRATEGY_NODE_TYPES, join_strategy, node_id

__all__ = ["ARCHIMATE_OF", "RINGS", "STRATEGY_NODE_TYPES", "StructureLayout", "node_id", "strategy_graph",
           "structure_layout", "structure_nodes"]

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
    return join_strategy(build_graph(m), s, m)


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
    ("vision", N_("Vision"), ("vision", "general_objective")),
    ("directions", N_("Strategic directions"), ("direction",)),
    ("goals", N_("Goals"), ("goal",)),
    ("delivery", N_("KPIs and action points"), ("kpi", "action_point")),
    ("how", N_("Enablers, principles, rules, diagrams"), ("strategy_enabler", "principle", "implementation_rule",
                                                          "diagram")),
    ("model", N_("Bodies, laws, platforms and indicators of the country model"), ()),
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

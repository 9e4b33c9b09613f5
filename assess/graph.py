"""Frameworks as NetworkX graphs: build, check, analyse, compare, lay out and export.

Conventions
-----------
:func:`build_graph` returns an ``nx.MultiDiGraph``. For a country model, edges point as
written in YAML (``from`` → ``to``, e.g. ``ministry —reports_to→ council``); the edge key and
the attribute ``relation`` hold the relation type, so two nodes may be linked by several
relations. ``measured_by`` edges end at *indicator nodes* whose id is the reference
``framework_id.node_id`` (``type="indicator"``). Node attributes: ``type``, ``name`` (dict
language → text), ``label`` (English), ``archimate_type``, ``layer``, ``capabilities`` (list),
``mandate`` (list), ``source``, ``verified``, dates…; ``None`` values are left out.
Composite frameworks become trees with edges parent → child (``relation="aggregates"``,
``weight``); rubrics dimension → criterion; stage models stage → next stage (``precedes``).

Derived views are plain functions taking ``G`` first: :func:`reporting_tree` (superior →
subordinate ``DiGraph``), :func:`access_graph` (how user groups reach services).

Examples
--------
>>> G = build_graph(load_framework("azerbaijan_proposal"))
>>> root_of(G)
'it_supreme_council'
>>> sorted(reporting_tree(G).successors("ict_ministry"))  # doctest: +NORMALIZE_WHITESPACE
['egov_support_council', 'gd_information_law', 'gd_technology_education', 'it_coordination_council',
 'standardisation_testing_council']
>>> check_graph(G)
[]
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from assess.errors import Issue, ModelGraphError
from assess.frameworks import CompositeFramework, CountryModel, Rubric, StageModel, load_framework
from assess.schema import BODY_TYPES, DEFAULT_ARCHIMATE

__all__ = [
    "EXPORT_FORMATS",
    "access_graph",
    "align",
    "build_graph",
    "check_graph",
    "check_model_graph",
    "coordination_load",
    "cytoscape_elements",
    "diff",
    "from_node_link",
    "indicators_driven",
    "org_chart_layout",
    "read_graph",
    "reporting_depth",
    "reporting_tree",
    "root_of",
    "services_per_platform",
    "single_points_of_failure",
    "span_of_control",
    "to_node_link",
    "write_graph",
]

EXPORT_FORMATS = ("graphml", "gexf", "json", "archimate")
_JSON_PREFIX = "json:"


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------


def _clean(attrs: dict) -> dict:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in attrs.items()
            if v is not None and v != () and v != []}


def _indicator_node(ref: str) -> dict:
    fw_id, node_id = ref.split(".", 1)
    name = {"en": ref, "az": ref}
    try:
        fw = load_framework(fw_id)
        name = dict(fw.node(node_id).name)
    except Exception:  # the reference was validated at load time; keep the id if it moved since
        pass
    return {"type": "indicator", "name": name, "label": name.get("en", ref), "framework": fw_id,
            "archimate_type": DEFAULT_ARCHIMATE["indicator"], "layer": "motivation"}


def build_graph(framework: CountryModel | CompositeFramework | Rubric | StageModel | str) -> nx.MultiDiGraph:
    """Build the typed ``nx.MultiDiGraph`` of a framework (object or id).

    Parameters
    ----------
    framework : CountryModel, CompositeFramework, Rubric, StageModel or str
        A loaded framework, or an id/path for :func:`~assess.frameworks.load_framework`.

    Returns
    -------
    networkx.MultiDiGraph
        Typed nodes and edges with every attribute of the framework (see module docstring).

    Examples
    --------
    >>> G = build_graph("azerbaijan_proposal")
    >>> G.nodes["ict_ministry"]["archimate_type"], G.graph["status"]
    ('BusinessActor', 'proposal')
    >>> sorted(G["egov_gateway"]["un_egdi.osi"])
    ['measured_by']
    >>> T = build_graph("gtmi")
    >>> sorted(T.successors("gtmi")), T.edges["gtmi", "psdi", "aggregates"]["weight"]
    (['cgsi', 'dcei', 'gtei', 'psdi'], 1.0)
    """
    fw = load_framework(framework) if isinstance(framework, str) else framework
    G = nx.MultiDiGraph()
    G.graph.update({"id": fw.id, "kind": fw.kind, "name": dict(fw.name)})
    if isinstance(fw, CountryModel):
        G.graph.update({"country": fw.country, "status": fw.status, "as_of": fw.as_of})
        for n in fw.nodes:
            G.add_node(n.id, **_clean({
                "type": n.type, "name": dict(n.name), "label": n.name.get("en", n.id),
                "description": n.description, "source": n.source, "verified": n.verified,
                "archimate_type": n.archimate_type, "layer": n.layer, "capabilities": n.capabilities,
                "mandate": n.mandate, "date": n.date, "start": n.start, "end": n.end, "note": n.note,
                "url": n.url}))
        for r in fw.relations:
            if r.type == "measured_by" and r.target not in G:
                G.add_node(r.target, **_indicator_node(r.target))
            G.add_edge(r.source, r.target, key=r.type, **_clean({
                "relation": r.type, "note": r.note, "source": r.citation, "verified": r.verified}))
    elif isinstance(fw, CompositeFramework):
        for c in fw.components:
            G.add_node(c.id, **_clean({"type": "component", "name": dict(c.name), "label": c.name.get("en"),
                                       "aggregate": c.aggregate, "normalise": c.normalise}))
        for i in fw.indicators:
            G.add_node(i.id, **_clean({"type": "indicator", "name": dict(i.name), "label": i.name.get("en"),
                                       "direction": i.direction, "normalise": i.normalise,
                                       "dataset": i.source.get("dataset"),
                                       "source_indicator": i.source.get("indicator")}))
        for n in (*fw.components, *fw.indicators):
            if n.parent is not None:
                G.add_edge(n.parent, n.id, key="aggregates", relation="aggregates", weight=n.weight)
    elif isinstance(fw, Rubric):
        for d in fw.dimensions:
            G.add_node(d.id, type="dimension", name=dict(d.name), label=d.name.get("en"), weight=d.weight)
        for c in fw.criteria:
            G.add_node(c.id, type="criterion", name=dict(c.name), label=c.name.get("en"), weight=c.weight)
            G.add_edge(c.dimension, c.id, key="aggregates", relation="aggregates", weight=c.weight)
    elif isinstance(fw, StageModel):
        previous = None
        for s in fw.stages:
            G.add_node(s.id, type="stage", name=dict(s.name), label=s.name.get("en"), order=s.order,
                       rule=s.rule)
            if previous is not None:
                G.add_edge(previous, s.id, key="precedes", relation="precedes")
            previous = s.id
    return G


def _edges(G: nx.MultiDiGraph, relation: str) -> Iterable[tuple[str, str]]:
    return ((u, v) for u, v, k in G.edges(keys=True) if k == relation)


def _is_body(G: nx.MultiDiGraph, n: str) -> bool:
    return G.nodes[n].get("type") in BODY_TYPES


# ---------------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------------


def reporting_tree(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The reporting hierarchy as a ``DiGraph`` superior → subordinate (``reports_to`` reversed).

    Only bodies with at least one reporting line are included.

    Examples
    --------
    >>> T = reporting_tree(build_graph("singapore"))
    >>> sorted(T.successors("sndgg"))
    ['govtech', 'sndgo']
    """
    T = nx.DiGraph()
    for u, v in _edges(G, "reports_to"):
        T.add_edge(v, u)
    for n in T:
        T.nodes[n].update(G.nodes[n])
    return T


def root_of(G: nx.MultiDiGraph) -> str | None:
    """The root of the reporting hierarchy (``None`` unless there is exactly one).

    Examples
    --------
    >>> root_of(build_graph("estonia"))
    'government'
    """
    T = reporting_tree(G)
    roots = [n for n in T if T.in_degree(n) == 0]
    return roots[0] if len(roots) == 1 else None


def access_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """How users reach things: ``uses`` u→v, ``serves`` v→u, ``delivers`` u→v, ``enables`` u→v, ``part_of`` whole→part.

    Examples
    --------
    >>> A = access_graph(build_graph("azerbaijan_proposal"))
    >>> nx.has_path(A, "ngos", "egov_services")
    True
    """
    A = nx.DiGraph()
    A.add_nodes_from(n for n in G if G.nodes[n].get("type") != "indicator")
    for u, v, k in G.edges(keys=True):
        if k in ("uses", "delivers", "enables"):
            A.add_edge(u, v)
        elif k in ("serves", "part_of"):
            A.add_edge(v, u)
    return A


def _structure(G: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple view of the model without indicator nodes."""
    U = nx.Graph()
    U.add_nodes_from(n for n in G if G.nodes[n].get("type") != "indicator")
    U.add_edges_from((u, v) for u, v in G.edges() if u in U and v in U and u != v)
    return U


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------


def check_graph(G: nx.MultiDiGraph) -> list[Issue]:
    """Structural rules of a country model graph; returns every broken rule (empty list if none).

    Rules: the reporting hierarchy is a tree with one root; every service is reachable from some
    user group (:func:`access_graph`); no orphan body (every body is connected to the
    reporting root); every body has a mandate; every duty is assigned to a body.

    Examples
    --------
    >>> G = build_graph("azerbaijan_proposal")
    >>> G.add_node("interior_ministry", type="ministry")
    >>> _ = G.add_edge("mia_passport_department", "interior_ministry", key="reports_to", relation="reports_to")
    >>> for issue in check_graph(G):
    ...     print(issue)
    reporting hierarchy: expected a tree with one root, found 2 roots: interior_ministry, it_supreme_council
    nodes[interior_ministry].mandate: expected a mandate for every body, found none
    """
    if G.graph.get("kind") != "country_model":
        return []
    issues: list[Issue] = []
    T = reporting_tree(G)
    root = None
    if T.number_of_nodes():
        roots = sorted(n for n in T if T.in_degree(n) == 0)
        if not nx.is_arborescence(T):
            if len(roots) != 1:
                issues.append(Issue("reporting hierarchy", f"expected a tree with one root, found {len(roots)} "
                                    f"roots: {', '.join(roots) or 'none (a cycle)'}"))
            else:
                issues.append(Issue("reporting hierarchy", "expected a tree, found a body with two superiors "
                                    "or a cycle"))
        else:
            root = roots[0]
    bodies = [n for n in G if _is_body(G, n)]
    if not T.number_of_nodes() and len(bodies) > 1:
        issues.append(Issue("reporting hierarchy", f"expected reporting lines between the {len(bodies)} bodies, "
                            "found none"))
    U = _structure(G)
    anchor = root or (roots[0] if T.number_of_nodes() else (bodies[0] if bodies else None))
    connected = nx.node_connected_component(U, anchor) if anchor is not None else set()
    for n in sorted(bodies):
        if n not in connected:
            issues.append(Issue(f"nodes[{n}]", f"expected a body linked to the organisation (root {anchor!r}), "
                                "found an orphan body"))
        if not G.nodes[n].get("mandate"):
            issues.append(Issue(f"nodes[{n}].mandate", "expected a mandate for every body, found none"))
    A = access_graph(G)
    users = [n for n in G if G.nodes[n].get("type") == "user_group"]
    reachable: set[str] = set()
    for u in users:
        reachable |= nx.descendants(A, u)
    for n in sorted(G):
        if G.nodes[n].get("type") == "service" and n not in reachable:
            issues.append(Issue(f"nodes[{n}]", "expected a service reachable from some user group, found none "
                                f"among {', '.join(sorted(users)) or 'no user groups'}"))
    for n in sorted(G):
        if G.nodes[n].get("type") == "duty":
            owners = [v for _, v, k in G.out_edges(n, keys=True) if k == "assigned_to" and _is_body(G, v)]
            if not owners:
                issues.append(Issue(f"nodes[{n}]", "expected a duty assigned to a body, found none"))
    return issues


def check_model_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Raise :class:`ModelGraphError` listing every broken rule of :func:`check_graph`; return ``G``.

    Examples
    --------
    >>> G = build_graph("estonia")
    >>> G.nodes["ria"]["mandate"] = []
    >>> check_model_graph(G)
    Traceback (most recent call last):
    ...
    assess.errors.ModelGraphError: estonia: 1 problem
      nodes[ria].mandate: expected a mandate for every body, found none
    """
    issues = check_graph(G)
    if issues:
        raise ModelGraphError(G.graph.get("id", "model"), issues)
    return G


# ---------------------------------------------------------------------------------------------
# Analytics
# ---------------------------------------------------------------------------------------------


def coordination_load(G: nx.MultiDiGraph, *, top: int | None = None) -> list[tuple[str, float]]:
    """Betweenness centrality of each node on the undirected structure (indicators left out), highest first.

    A high value means many paths between parts of the model pass through that node: it
    carries coordination load.

    Examples
    --------
    >>> coordination_load(build_graph("azerbaijan_proposal"), top=1)[0][0]
    'ict_ministry'
    """
    c = nx.betweenness_centrality(_structure(G))
    ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(n, round(v, 6)) for n, v in ranked[:top]]


def single_points_of_failure(G: nx.MultiDiGraph) -> dict[str, list]:
    """Articulation points and bridges of the undirected structure (indicator nodes left out).

    Examples
    --------
    >>> spof = single_points_of_failure(build_graph("azerbaijan_proposal"))
    >>> "ict_ministry" in spof["articulation_points"], ("egov_gateway", "egov_services") in spof["bridges"]
    (True, True)
    """
    U = _structure(G)
    return {"articulation_points": sorted(nx.articulation_points(U)),
            "bridges": sorted(tuple(sorted(e)) for e in nx.bridges(U))}


def span_of_control(G: nx.MultiDiGraph) -> dict[str, int]:
    """Number of direct subordinates of each body in the reporting tree (bodies with none are left out).

    Examples
    --------
    >>> span_of_control(build_graph("azerbaijan_proposal"))
    {'ict_ministry': 5, 'it_supreme_council': 1}
    """
    T = reporting_tree(G)
    return dict(sorted((n, T.out_degree(n)) for n in T if T.out_degree(n)))


def reporting_depth(G: nx.MultiDiGraph) -> dict[str, int]:
    """Depth of each body below the root of the reporting tree (root = 0).

    Examples
    --------
    >>> d = reporting_depth(build_graph("azerbaijan_proposal"))
    >>> d["it_supreme_council"], d["egov_support_council"], max(d.values())
    (0, 2, 2)
    """
    T = reporting_tree(G)
    depth: dict[str, int] = {}
    for root in (n for n in T if T.in_degree(n) == 0):
        depth.update(nx.single_source_shortest_path_length(T, root))
    return dict(sorted(depth.items()))


def services_per_platform(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Services each platform or system delivers (directly, or through platforms that are part of it).

    Examples
    --------
    >>> services_per_platform(build_graph("singapore"))["gov_portal"]
    ['gobusiness', 'reach']
    """
    out: dict[str, list[str]] = {}
    for n in G:
        if G.nodes[n].get("type") not in ("platform", "system"):
            continue
        parts = {n} | {u for u in nx.ancestors(_part_of(G), n)}
        services = {v for p in parts for _, v, k in G.out_edges(p, keys=True)
                    if k == "delivers" and G.nodes[v].get("type") == "service"}
        services |= {p for p in parts if G.nodes[p].get("type") == "service"}
        out[n] = sorted(services)
    return dict(sorted(out.items()))


def _part_of(G: nx.MultiDiGraph) -> nx.DiGraph:
    P = nx.DiGraph()
    P.add_nodes_from(G)
    P.add_edges_from(_edges(G, "part_of"))
    return P


def indicators_driven(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Indicators each component drives: its own ``measured_by`` edges and those of its parts.

    Examples
    --------
    >>> indicators_driven(build_graph("azerbaijan_proposal"))["service_section"]
    ['gtmi.psdi', 'un_egdi.osi']
    """
    P = _part_of(G)
    out: dict[str, list[str]] = {}
    for n in G:
        if G.nodes[n].get("type") == "indicator":
            continue
        members = {n} | nx.ancestors(P, n)
        refs = {v for m in members for _, v, k in G.out_edges(m, keys=True) if k == "measured_by"}
        if refs:
            out[n] = sorted(refs)
    return dict(sorted(out.items()))


def _capability_index(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for n, data in G.nodes(data=True):
        for tag in data.get("capabilities", []) or []:
            index.setdefault(tag, []).append(n)
    return {tag: sorted(nodes) for tag, nodes in sorted(index.items())}


def align(G_a: nx.MultiDiGraph, G_b: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Align two models through capability tags.

    Returns
    -------
    dict
        ``only_a`` / ``only_b``: tag → nodes carrying it in the model that has it;
        ``common``: tag → ``{"a": nodes, "b": nodes}``.

    Examples
    --------
    >>> a = align(build_graph("singapore"), build_graph("azerbaijan_proposal"))
    >>> a["only_a"]["consented_data_sharing"], "digital_identity" in a["common"]
    (['myinfo'], True)
    """
    ia, ib = _capability_index(G_a), _capability_index(G_b)
    return {"only_a": {t: ia[t] for t in ia if t not in ib},
            "only_b": {t: ib[t] for t in ib if t not in ia},
            "common": {t: {"a": ia[t], "b": ib[t]} for t in ia if t in ib}}


_DIFF_ATTRS = ("type", "name", "mandate", "capabilities", "archimate_type", "date", "start", "end")


def diff(G_a: nx.MultiDiGraph, G_b: nx.MultiDiGraph) -> dict[str, Any]:
    """What changes from model A to model B, matching nodes by id and relations by (from, type, to).

    Returns
    -------
    dict
        ``added_nodes``, ``removed_nodes`` (lists of ids), ``changed_nodes`` (id → attribute →
        ``(a, b)``), ``added_edges``, ``removed_edges`` (lists of ``(from, type, to)``).

    Examples
    --------
    >>> d = diff(build_graph("azerbaijan_proposal"), build_graph("azerbaijan_today"))
    >>> "egov_development_center" in d["added_nodes"], "it_supreme_council" in d["removed_nodes"]
    (True, True)
    >>> d["changed_nodes"]["ict_ministry"]["name"][1]["en"]
    'Ministry of Digital Development and Transport'
    """
    na, nb = set(G_a), set(G_b)
    changed = {}
    for n in sorted(na & nb):
        delta = {k: (G_a.nodes[n].get(k), G_b.nodes[n].get(k)) for k in _DIFF_ATTRS
                 if G_a.nodes[n].get(k) != G_b.nodes[n].get(k)}
        if delta:
            changed[n] = delta
    ea = {(u, k, v) for u, v, k in G_a.edges(keys=True)}
    eb = {(u, k, v) for u, v, k in G_b.edges(keys=True)}
    return {"added_nodes": sorted(nb - na), "removed_nodes": sorted(na - nb), "changed_nodes": changed,
            "added_edges": sorted(eb - ea), "removed_edges": sorted(ea - eb)}


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------

_ROWS = (("duty",), ("platform", "system"), ("service",), ("enabler",), ("user_group",),
         ("legal_act", "programme", "milestone"), ("indicator",))


def org_chart_layout(G: nx.MultiDiGraph, *, dx: float = 160.0, dy: float = 120.0,
                     max_per_row: int = 6) -> dict[str, tuple[float, float]]:
    """Positions for an org chart: a layered tree of the reporting lines, other nodes in rows below.

    Bodies are placed by a tidy tree layout (leaves side by side, each parent centred above its
    subordinates); then one row per group of types (duties; platforms and systems; services;
    enablers; user groups; legal acts, programmes and milestones; indicators). A row of more than
    ``max_per_row`` nodes wraps onto several balanced lines (Singapore's ten platforms: two lines of
    five), so a wide model is not drawn tiny. ``y`` grows downwards, as in dash-cytoscape's
    ``preset`` layout; for plotly reverse the y axis.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    dx, dy : float
        Horizontal and vertical spacing.
    max_per_row : int
        Most nodes side by side in a row below the reporting tree.

    Returns
    -------
    dict
        node id → ``(x, y)``.

    Examples
    --------
    >>> pos = org_chart_layout(build_graph("azerbaijan_proposal"))
    >>> pos["it_supreme_council"][1] < pos["ict_ministry"][1] < pos["gd_information_law"][1]
    True
    >>> pos["ict_ministry"][0] == pos["it_supreme_council"][0]
    True
    """
    T = reporting_tree(G)
    pos: dict[str, tuple[float, float]] = {}
    next_x = [0.0]

    def place(n: str, depth: int) -> float:
        kids = sorted(T.successors(n))
        if not kids:
            x = next_x[0]
            next_x[0] += dx
        else:
            xs = [place(k, depth + 1) for k in kids]
            x = (xs[0] + xs[-1]) / 2
        pos[n] = (x, depth * dy)
        return x

    for root in sorted(n for n in T if T.in_degree(n) == 0):
        place(root, 0)
    depth = (max(y for _, y in pos.values()) / dy + 1) if pos else 0
    loose_bodies = sorted(n for n in G if n not in pos and _is_body(G, n))
    rows = [loose_bodies] + [sorted(n for n in G if n not in pos and G.nodes[n].get("type") in types)
                             for types in _ROWS]
    rows.append(sorted(n for n in G if n not in pos and not any(n in r for r in rows)))
    width = max(next_x[0] - dx, 0.0)
    for row in rows:
        if not row:
            continue
        lines = -(-len(row) // max(max_per_row, 1))
        per = -(-len(row) // lines)  # balanced: 10 → 5 + 5, 13 → 5 + 5 + 3
        for k in range(0, len(row), per):
            line = row[k:k + per]
            start = (width - (len(line) - 1) * dx) / 2
            for i, n in enumerate(line):
                pos[n] = (start + i * dx, depth * dy)
            depth += 1
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def cytoscape_elements(G: nx.MultiDiGraph, positions: dict | None = None) -> list[dict]:
    """Elements for dash-cytoscape (``layout={"name": "preset"}``): nodes with ``position``, then edges.

    Examples
    --------
    >>> els = cytoscape_elements(build_graph("estonia"))
    >>> els[0]["data"]["id"], sorted(els[0]["position"])
    ('government', ['x', 'y'])
    """
    positions = positions if positions is not None else org_chart_layout(G)
    nodes = [{"data": {"id": n, "label": d.get("label", n), "type": d.get("type")},
              "position": {"x": positions[n][0], "y": positions[n][1]}, "classes": d.get("type", "")}
             for n, d in G.nodes(data=True)]
    nodes.sort(key=lambda e: (e["position"]["y"], e["position"]["x"]))
    edges = [{"data": {"id": f"{u}|{k}|{v}", "source": u, "target": v, "label": k}, "classes": k}
             for u, v, k in G.edges(keys=True)]
    return nodes + edges


# ---------------------------------------------------------------------------------------------
# Export and import
# ---------------------------------------------------------------------------------------------


def _encode(attrs: dict) -> dict:
    return {k: (_JSON_PREFIX + json.dumps(v, ensure_ascii=False, sort_keys=True)
                if isinstance(v, list | tuple | dict) else v)
            for k, v in attrs.items() if v is not None}


def _decode(attrs: dict) -> dict:
    return {k: (json.loads(v[len(_JSON_PREFIX):]) if isinstance(v, str) and v.startswith(_JSON_PREFIX) else v)
            for k, v in attrs.items()}


def _scalar_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.graph.update(_encode(G.graph))
    H.add_nodes_from((n, _encode(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, _encode(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def _restore(H: nx.MultiGraph, graph_attrs: dict | None = None) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph.update(graph_attrs if graph_attrs is not None else _decode(H.graph))
    for n, d in H.nodes(data=True):
        G.add_node(n, **_decode(d))
    for u, v, k, d in H.edges(keys=True, data=True):
        d = {a: b for a, b in d.items() if a not in ("id",)}
        G.add_edge(u, v, key=k, **_decode(d))
    return G


def to_node_link(G: nx.MultiDiGraph) -> dict:
    """Node-link data (JSON-ready dict) of ``G``, with keys ``nodes`` and ``edges``.

    Examples
    --------
    >>> G = build_graph("estonia")
    >>> nx.utils.graphs_equal(from_node_link(json.loads(json.dumps(to_node_link(G)))), G)
    True
    """
    return nx.node_link_data(G, edges="edges")


def from_node_link(data: dict) -> nx.MultiDiGraph:
    """Inverse of :func:`to_node_link`."""
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def write_graph(G: nx.MultiDiGraph, path: str | Path, format: str | None = None) -> Path:
    """Write ``G`` as GraphML, GEXF, node-link JSON or ArchiMate exchange XML.

    Lists and dicts (names, capabilities, mandates) are stored as JSON strings prefixed
    ``json:`` in GraphML and GEXF, and restored by :func:`read_graph`, so round trips are exact.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    path : str or Path
    format : {"graphml", "gexf", "json", "archimate"}, optional
        Default: from the file suffix (``.graphml``, ``.gexf``, ``.json``, ``.xml``).

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile, os
    >>> G = build_graph("azerbaijan_proposal")
    >>> d = tempfile.mkdtemp()
    >>> H = read_graph(write_graph(G, os.path.join(d, "m.graphml")))
    >>> nx.utils.graphs_equal(G, H), H.nodes["citizens"]["name"]["az"]
    (True, 'Vətəndaşlar')
    """
    path = Path(path)
    fmt = format or _format_of(path)
    if fmt == "graphml":
        H = _scalar_copy(G)
        H.graph = {"assess_graph": json.dumps(G.graph, ensure_ascii=False, sort_keys=True)}
        nx.write_graphml(H, path)
    elif fmt == "gexf":
        H = _scalar_copy(G)
        # GEXF has no graph-level attributes: keep them in a graph attribute nx writes as metadata.
        meta = json.dumps(_decode(H.graph), ensure_ascii=False, sort_keys=True)
        H.graph = {"mode": "static"}
        for u, v, k, d in H.edges(keys=True, data=True):
            d["id"] = f"{u}|{k}|{v}"
        nx.write_gexf(H, path)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("<graph ", f"<!--assess-graph:{_xml_comment(meta)}-->\n    <graph ", 1),
                        encoding="utf-8")
    elif fmt == "json":
        path.write_text(json.dumps(to_node_link(G), ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt == "archimate":
        from assess.archimate import to_archimate
        path.write_text(to_archimate(G), encoding="utf-8")
    else:
        raise ValueError(f"format: expected one of {', '.join(EXPORT_FORMATS)}, found {fmt!r}")
    return path


def _xml_comment(text: str) -> str:
    return text.replace("--", "\\u002d\\u002d")


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"xml": "archimate", "graphml": "graphml", "gexf": "gexf", "json": "json"}.get(suffix, suffix)


def read_graph(path: str | Path, format: str | None = None) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_graph` (GraphML, GEXF or JSON) back, exactly.

    Examples
    --------
    >>> import tempfile, os
    >>> G = build_graph("singapore")
    >>> p = write_graph(G, os.path.join(tempfile.mkdtemp(), "sg.gexf"))
    >>> nx.utils.graphs_equal(read_graph(p), G)
    True
    """
    path = Path(path)
    fmt = format or _format_of(path)
    if fmt not in ("graphml", "gexf", "json"):
        raise ModelGraphError(path.name, [f"expected a .graphml, .gexf or .json file written by write_graph, "
                                          f"found format {str(fmt)[:20]!r}"])
    from assess import limits, safeio

    safeio.read_bytes(path, limits.MAX_DATA_FILE_BYTES, source=path.name, error=ModelGraphError)
    try:
        return _read_graph(path, fmt)
    except ModelGraphError:
        raise
    except Exception as e:  # malformed XML or JSON, wrong structure: the file is refused by name
        raise ModelGraphError(path.name, [f"expected a graph written by write_graph ({fmt}); it cannot be read "
                                          f"({type(e).__name__})."]) from None


def _read_graph(path: Path, fmt: str) -> nx.MultiDiGraph:
    from assess import safeio

    if fmt == "graphml":
        H = nx.read_graphml(path, force_multigraph=True)
        raw = H.graph.get("assess_graph")
        return _restore(H, {} if raw is None else json.loads(raw))
    if fmt == "gexf":
        text = safeio.read_text(path, source=path.name, error=ModelGraphError)
        graph_attrs: dict = {}
        start = text.find("<!--assess-graph:")
        if start >= 0:
            end = text.find("-->", start)
            graph_attrs = json.loads(text[start + len("<!--assess-graph:"):end].replace("\\u002d", "-"))
        H = nx.read_gexf(path)
        G = nx.MultiDiGraph()
        G.graph.update(graph_attrs)
        for n, d in H.nodes(data=True):
            G.add_node(n, **_decode(d))
        triples = (H.edges(keys=True, data=True) if H.is_multigraph()
                   else ((u, v, None, d) for u, v, d in H.edges(data=True)))
        for u, v, k, d in triples:
            d = dict(d)
            eid = d.pop("id", None)
            key = eid.split("|")[1] if isinstance(eid, str) and eid.count("|") == 2 else d.get("relation", k)
            G.add_edge(u, v, key=key, **_decode(d))
        return G
    return from_node_link(safeio.load_json(path, source=path.name, error=ModelGraphError))

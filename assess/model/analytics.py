"""Analyses of a model graph: reporting tree and depth, span of control, single points of failure,
coordination load, how user groups reach services, which indicators evidence which nodes.

Derived views are plain functions taking ``G`` first: :func:`reporting_tree` (superior →
subordinate ``DiGraph``), :func:`access_graph` (how user groups reach services).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from assess.frameworks.vocabulary import BODY_TYPES

__all__ = ["access_graph", "coordination_load", "indicators_driven", "node_counts", "reporting_depth", "reporting_tree", "root_of", "services_per_platform", "single_points_of_failure", "span_of_control"]


def _structure(G: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple view of the model without indicator nodes."""
    U = nx.Graph()
    U.add_nodes_from(n for n in G if G.nodes[n].get("type") != "indicator")
    U.add_edges_from((u, v) for u, v in G.edges() if u in U and v in U and u != v)
    return U


def _edges(G: nx.MultiDiGraph, relation: str) -> Iterable[tuple[str, str]]:
    return ((u, v) for u, v, k in G.edges(keys=True) if k == relation)


def _is_body(G: nx.MultiDiGraph, n: str) -> bool:
    return G.nodes[n].get("type") in BODY_TYPES


def reporting_tree(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The reporting hierarchy as a ``DiGraph`` superior → subordinate (``reports_to`` reversed).

    Only bodies with at least one reporting line are included.

    Examples
    --------
    >>> from assess.model.build import build_graph
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
    >>> from assess.model.build import build_graph
    >>> root_of(build_graph("estonia"))
    'government'
    """
    T = reporting_tree(G)
    roots = [n for n in T if T.in_degree(n) == 0]
    return roots[0] if len(roots) == 1 else None


def node_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    """What every page and command says a model has: ``nodes`` (the model's own nodes, not the indicator nodes its
    ``measured_by`` edges end at), ``relations`` (every relation of the model file, ``measured_by`` included) and
    ``indicator_links`` (the ``measured_by`` relations). The same numbers as ``model check``.

    Examples
    --------
    >>> from assess.model.build import build_graph
    >>> node_counts(build_graph("azerbaijan_proposal"))
    {'nodes': 74, 'relations': 88, 'indicator_links': 11}
    """
    own = [n for n, d in G.nodes(data=True) if d.get("type") != "indicator"]
    links = sum(1 for _, _, k in G.edges(keys=True) if k == "measured_by")
    return {"nodes": len(own), "relations": G.number_of_edges(), "indicator_links": links}


def access_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """How users reach things: ``uses`` u→v, ``serves`` v→u, ``delivers`` u→v, ``enables`` u→v, ``part_of`` whole→part.

    Examples
    --------
    >>> from assess.model.build import build_graph
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


def coordination_load(G: nx.MultiDiGraph, *, top: int | None = None) -> list[tuple[str, float]]:
    """Betweenness centrality of each node on the undirected structure (indicators left out), highest first.

    A high value means many paths between parts of the model pass through that node: it
    carries coordination load.

    Examples
    --------
    >>> from assess.model.build import build_graph
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
    >>> from assess.model.build import build_graph
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
    >>> from assess.model.build import build_graph
    >>> span_of_control(build_graph("azerbaijan_proposal"))
    {'ict_ministry': 5, 'it_supreme_council': 1}
    """
    T = reporting_tree(G)
    return dict(sorted((n, T.out_degree(n)) for n in T if T.out_degree(n)))


def reporting_depth(G: nx.MultiDiGraph) -> dict[str, int]:
    """Depth of each body below the root of the reporting tree (root = 0).

    Examples
    --------
    >>> from assess.model.build import build_graph
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
    >>> from assess.model.build import build_graph
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
    >>> from assess.model.build import build_graph
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

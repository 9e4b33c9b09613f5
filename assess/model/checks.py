"""Structural checks of a model graph (reporting hierarchy, orphans, cycles), reported as issues."""

from __future__ import annotations

import networkx as nx

from assess.errors import Issue, ModelGraphError
from assess.model.analytics import _is_body, _structure, access_graph, reporting_tree

__all__ = ["check_graph", "check_model_graph"]


def check_graph(G: nx.MultiDiGraph) -> list[Issue]:
    """Structural rules of a country model graph; returns every broken rule (empty list if none).

    Rules: the reporting hierarchy is a tree with one root; every service is reachable from some
    user group (:func:`access_graph`); no orphan body (every body is connected to the
    reporting root); every body has a mandate; every duty is assigned to a body.

    Examples
    --------
    >>> from assess.model.build import build_graph
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
    >>> from assess.model.build import build_graph
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

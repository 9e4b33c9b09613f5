"""Positions for drawing a model: an organisation-chart layout and Cytoscape elements."""

from __future__ import annotations

import networkx as nx

from assess.model.analytics import _is_body, reporting_tree

__all__ = ["cytoscape_elements", "org_chart_layout"]


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
    >>> from assess.model.build import build_graph
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
    >>> from assess.model.build import build_graph
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

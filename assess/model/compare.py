"""Compare two model graphs: capability alignment and node-by-node differences."""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["align", "diff"]


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
    >>> from assess.model.build import build_graph
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
    >>> from assess.model.build import build_graph
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

"""A dated model through time: when each element held, and the model as it stood in a given year.

Nodes carry ``since``/``until`` (a year, ``YYYY-MM`` or a date; ``None`` when not found) and ``replaces``
(what they took the place of). :func:`lifespans` turns them into years, with two rules for missing dates:

* a node with no ``since`` that replaces a node whose ``until`` is known starts that year (it took over);
* a node with no ``until`` that a later node replaces ends, at the latest, when its successor starts (or,
  if that start is unknown too, when its successor ends).

A start still unknown stays unknown: :func:`graph_as_of` keeps such a node in every year (it is known to
exist at the model's date) and marks it ``date_unknown``. A relation is kept when both its ends are and its
own dates allow the year.

Examples
--------
>>> G = graph_as_of(build_graph("azerbaijan_today"), 2013)
>>> "mcit" in G, "ict_ministry" in G, "digital_development_council" in G
(True, False, False)
>>> G.graph["shown_as_of"], G.nodes["azintelecom"]["date_unknown"]
(2013, True)
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from assess.frameworks.provenance import year_of
from assess.model.build import build_graph

__all__ = ["graph_as_of", "lifespans", "present_in", "timeline_table"]


def lifespans(G: nx.MultiDiGraph) -> dict[str, tuple[int | None, int | None]]:
    """Years each node starts and ends (``None`` = unknown / still there), after the rules of the module.

    Examples
    --------
    >>> spans = lifespans(build_graph("azerbaijan_today"))
    >>> spans["mtcht"], spans["ict_ministry"], spans["mcit"]
    ((2017, 2021), (2021, None), (2004, 2017))
    """
    start = {n: year_of(d.get("since")) for n, d in G.nodes(data=True)}
    end = {n: year_of(d.get("until")) for n, d in G.nodes(data=True)}
    successors: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        for old in d.get("replaces") or []:
            successors.setdefault(old, []).append(n)
            if start[n] is None and old in end and end[old] is not None:
                start[n] = end[old]
    for old, news in successors.items():
        if old in end and end[old] is None:
            bounds = [start[s] if start[s] is not None else end[s] for s in news]
            bounds = [b for b in bounds if b is not None]
            if bounds:
                end[old] = min(bounds)
    return {n: (start[n], end[n]) for n in G}


def present_in(span: tuple[int | None, int | None], year: int) -> bool:
    """Whether a ``(start, end)`` span covers ``year`` (an unknown start counts as present).

    Examples
    --------
    >>> present_in((2013, 2014), 2014), present_in((2013, 2014), 2015), present_in((None, None), 1990)
    (True, False, True)
    """
    start, end = span
    return (start is None or start <= year) and (end is None or end >= year)


def graph_as_of(G: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """The model as it stood in ``year``: nodes and relations whose dates cover it (a copy; ``G`` is unchanged).

    Nodes of unknown start are kept and get ``date_unknown=True``; ``G.graph["shown_as_of"]`` is the year.
    Indicator nodes are kept while a component they measure is.
    """
    year = int(year)
    spans = lifespans(G)
    keep = {n for n, d in G.nodes(data=True) if d.get("type") != "indicator" and present_in(spans[n], year)}
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph["shown_as_of"] = year
    for n in keep:
        H.add_node(n, **G.nodes[n])
        if spans[n][0] is None and G.nodes[n].get("since") is None:
            H.nodes[n]["date_unknown"] = True
    for u, v, k, d in G.edges(keys=True, data=True):
        if u not in keep or not present_in((year_of(d.get("since")), year_of(d.get("until"))), year):
            continue
        if v not in keep:
            if G.nodes[v].get("type") != "indicator":
                continue
            H.add_node(v, **G.nodes[v])
        H.add_edge(u, v, key=k, **d)
    return H


def timeline_table(model) -> pd.DataFrame:
    """One row per dated node of a model: ``node, name, type, basis, since, until, start, end, replaces,
    date_confirmed``, sorted by start (``start``/``end`` in years after :func:`lifespans`).

    Examples
    --------
    >>> t = timeline_table("azerbaijan_today").set_index("node")
    >>> t.loc["digital_development_council", ["since", "start"]].tolist()
    ['2026-02-27', 2026]
    >>> t.loc["mcht", ["start", "end", "replaces"]].tolist()
    [None, 2017, ['mcit']]
    """
    G = model if isinstance(model, nx.MultiDiGraph) else build_graph(model)
    spans = lifespans(G)
    rows = []
    for n, d in G.nodes(data=True):
        if d.get("type") == "indicator" or (d.get("since") is None and d.get("until") is None
                                            and not d.get("replaces") and spans[n] == (None, None)):
            continue
        rows.append({"node": n, "name": d.get("label", n), "type": d.get("type"), "basis": d.get("basis"),
                     "since": d.get("since"), "until": d.get("until"), "start": spans[n][0], "end": spans[n][1],
                     "replaces": list(d.get("replaces") or []),
                     "date_confirmed": d.get("since_verified", True) is not False and d.get("since") is not None})
    rows.sort(key=lambda r: (r["start"] is None, r["start"] or 0, r["node"]))
    return pd.DataFrame(rows, columns=["node", "name", "type", "basis", "since", "until", "start", "end", "replaces",
                                       "date_confirmed"], dtype=object)

"""Read and write model graphs: node-link JSON, GraphML, GEXF and the ArchiMate exchange format."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from assess.errors import ModelGraphError

__all__ = ["EXPORT_FORMATS", "from_node_link", "read_graph", "to_node_link", "write_graph"]


EXPORT_FORMATS = ("graphml", "gexf", "json", "archimate")


_JSON_PREFIX = "json:"


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


#: Edge attributes that node-link JSON uses for itself: written as ``attr:<name>`` and restored on reading.
_RESERVED = ("source", "target", "key")
_ATTR = "attr:"


def to_node_link(G: nx.MultiDiGraph) -> dict:
    """Node-link data (JSON-ready dict) of ``G``, with keys ``nodes`` and ``edges``.

    An edge attribute named like a node-link field (``source``, ``target``, ``key``: e.g. a relation's
    citation ``source``) is written as ``attr:source`` so it cannot overwrite the edge's end.

    Examples
    --------
    >>> from assess.model.build import build_graph
    >>> G = build_graph("estonia")
    >>> nx.utils.graphs_equal(from_node_link(json.loads(json.dumps(to_node_link(G)))), G)
    True
    >>> H = nx.MultiDiGraph()
    >>> H.add_edge("act", "portal", key="regulates", relation="regulates", source="https://example.org/act")
    'regulates'
    >>> [(e["source"], e["attr:source"]) for e in to_node_link(H)["edges"]]
    [('act', 'https://example.org/act')]
    >>> nx.utils.graphs_equal(from_node_link(to_node_link(H)), H)
    True
    """
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, k, {(_ATTR + a if a in _RESERVED else a): x for a, x in d.items()})
                     for u, v, k, d in G.edges(keys=True, data=True))
    return nx.node_link_data(H, edges="edges")


def from_node_link(data: dict) -> nx.MultiDiGraph:
    """Inverse of :func:`to_node_link`."""
    H = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    G = nx.MultiDiGraph()
    G.graph.update(H.graph)
    G.add_nodes_from(H.nodes(data=True))
    G.add_edges_from((u, v, k, {(a[len(_ATTR):] if isinstance(a, str) and a.startswith(_ATTR) else a): x
                                for a, x in d.items()}) for u, v, k, d in H.edges(keys=True, data=True))
    return G


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
    >>> from assess.model.build import build_graph
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
        from assess.model.archimate import to_archimate
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
    >>> from assess.model.build import build_graph
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
    from assess import limits
    from assess.io import safeio

    safeio.read_bytes(path, limits.MAX_DATA_FILE_BYTES, source=path.name, error=ModelGraphError)
    try:
        return _read_graph(path, fmt)
    except ModelGraphError:
        raise
    except Exception as e:  # malformed XML or JSON, wrong structure: the file is refused by name
        raise ModelGraphError(path.name, [f"expected a graph written by write_graph ({fmt}); it cannot be read "
                                          f"({type(e).__name__})."]) from None


def _read_graph(path: Path, fmt: str) -> nx.MultiDiGraph:
    from assess.io import safeio

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

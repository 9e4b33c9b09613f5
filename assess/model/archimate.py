"""Export a model graph to the ArchiMate 3.1 Open Group Model Exchange File Format (XML).

Archi (File → Import → Open Exchange XML Model) and other tools read the result. Elements keep
the node's ``archimate_type``; relations map to ArchiMate relationships:

==============  ============================  =====================================
relation        ArchiMate relationship        direction
==============  ============================  =====================================
reports_to      Composition                   superior → subordinate
part_of         Composition (same type) else  whole → part
                Aggregation
assigned_to     Assignment                    body → duty
delivers        Realization / Serving         provider → delivered
serves, uses    Serving                       provider → user
regulates,      Influence                     as written
enables, funds
coordinates     Association                   as written
measured_by     Influence                     component → indicator
influences      Influence                     as written
realises        Realization                   as written
member_of       Aggregation                   council → member
secretariat_of  Serving                       secretariat → council
monitors        Association                   as written
==============  ============================  =====================================

A strategy joined to its model (:func:`assess.model.strategy_graph.strategy_graph`) adds Motivation and
Implementation elements (vision → Driver, directions and goals → Goal, KPIs → Outcome, principles →
Principle, rules → Requirement, action points → Work Package, enablers → Capability) and these relationships:

===============  ============================  =====================================
relation         ArchiMate relationship        direction
===============  ============================  =====================================
has_objective,   Influence (Aggregation        vision → objective → direction
has_direction    between two Goals)
has_goal         Aggregation                   direction → goal
has_kpi          Realization                   KPI (Outcome) → goal
advances         Influence                     action point → goal
owned_by         Assignment (to a Work         body → action point (KPI: Association)
                 Package)
realised_by      Realization                   model node → enabler (Capability)
enables, guides  Influence                     enabler/principle → direction
carried_by       Realization                   body → rule (Requirement)
governs          Influence                     rule → element
shows            Association                   diagram → element
===============  ============================  =====================================

and a second view, "Strategic structure", drawn as rings around the vision
(:func:`assess.model.strategy_graph.structure_layout`).

A relationship that ArchiMate does not allow between two element types falls back to
``Association`` (always allowed), named after the relation type. Properties (Azerbaijani name,
source, capabilities, layer, verified, and where the fact comes from: ``basis``, ``quote``, ``section``,
``reason``, ``citations``, ``since``, ``until``) are written with property definitions, on elements and on
relationships; one diagram ("Organisation") places every element by :func:`assess.model.layout.org_chart_layout`.

Examples
--------
>>> from assess.model.build import build_graph
>>> xml = to_archimate(build_graph("azerbaijan_proposal"))
>>> xml.splitlines()[1][:58]
'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"'
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import networkx as nx

from assess.frameworks.vocabulary import ARCHIMATE_TYPES

__all__ = ["ARCHIMATE_NS", "RELATIONSHIP_TYPES", "XSI_NS", "to_archimate"]

ARCHIMATE_NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = ("http://www.opengroup.org/xsd/archimate/3.0/ "
                   "http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd")
#: Relationship types of ArchiMate 3.1 (``xsi:type`` of a ``relationship``).
RELATIONSHIP_TYPES = ("Composition", "Aggregation", "Assignment", "Realization", "Serving", "Access",
                      "Influence", "Triggering", "Flow", "Specialization", "Association")

_ACTIVE = {"BusinessActor", "BusinessRole", "BusinessCollaboration", "ApplicationComponent",
           "ApplicationCollaboration", "Node", "Device", "SystemSoftware"}
_BEHAVIOUR = {"BusinessProcess", "BusinessFunction", "BusinessInteraction", "BusinessService",
              "ApplicationFunction", "ApplicationProcess", "ApplicationService", "TechnologyService"}
_MOTIVATION = {"Stakeholder", "Driver", "Assessment", "Goal", "Outcome", "Principle", "Requirement",
               "Constraint", "Meaning", "Value"}
_SERVICES = {"BusinessService", "ApplicationService", "TechnologyService"}
_STRUCTURE = {"BusinessObject", "DataObject", "Artifact", "Equipment", "Facility"}


def _allowed(rel: str, s: str, t: str) -> bool:
    """A conservative subset of the ArchiMate 3.1 relationship table."""
    if rel in ("Composition", "Aggregation"):
        return s == t or (s == "Grouping") or (rel == "Aggregation" and s in _ACTIVE and t in _ACTIVE)
    if rel == "Assignment":
        return s in _ACTIVE and t in _BEHAVIOUR | {"WorkPackage"}
    if rel == "Realization":
        return ((s in _ACTIVE | _BEHAVIOUR and t in _SERVICES | {"Requirement"})
                or (s == "WorkPackage" and t == "Deliverable")
                or (s in _ACTIVE | _BEHAVIOUR | _STRUCTURE and t in {"Capability", "Requirement"})
                or (s in ("Outcome", "Principle", "Requirement") and t in ("Goal", "Outcome", "Principle")))
    if rel == "Serving":
        return s in _ACTIVE | _SERVICES and t in _ACTIVE | _BEHAVIOUR
    if rel == "Influence":
        return t in _MOTIVATION or (s in _MOTIVATION and t in _MOTIVATION)
    return rel == "Association"


def _relationship(relation: str, u: str, v: str, su: str, sv: str) -> tuple[str, str, str]:
    """ArchiMate relationship type and direction (source, target) for one model edge."""
    if relation == "reports_to":
        rel, s, t = "Composition", v, u
    elif relation == "part_of":
        rel, s, t = ("Composition" if su == sv else "Aggregation"), v, u
    elif relation == "assigned_to":
        rel, s, t = "Assignment", v, u
    elif relation == "delivers":
        rel, s, t = ("Realization" if sv in _SERVICES else "Serving"), u, v
    elif relation in ("serves",):
        rel, s, t = "Serving", u, v
    elif relation == "uses":
        rel, s, t = "Serving", v, u
    elif relation in ("regulates", "enables", "funds", "measured_by", "influences", "advances", "guides", "governs",
                      "has_objective"):
        rel, s, t = "Influence", u, v
    elif relation == "realises":
        rel, s, t = "Realization", u, v
    elif relation == "member_of":
        rel, s, t = "Aggregation", v, u
    elif relation == "secretariat_of":
        rel, s, t = "Serving", u, v
    elif relation in ("has_direction", "has_goal"):
        rel, s, t = ("Aggregation" if su == sv else "Influence"), u, v
    elif relation == "has_kpi":
        rel, s, t = "Realization", v, u
    elif relation == "owned_by":
        rel, s, t = ("Assignment" if su == "WorkPackage" else "Association"), (v if su == "WorkPackage" else u), \
            (u if su == "WorkPackage" else v)
    elif relation in ("realised_by", "carried_by"):
        rel, s, t = "Realization", v, u
    else:
        rel, s, t = "Association", u, v
    return rel, s, t


def _ident(prefix: str, text: str) -> str:
    return f"id-{prefix}-" + re.sub(r"[^A-Za-z0-9_.-]", "_", text)


def _named(parent: ET.Element, tag: str, text: str, lang: str | None = "en") -> ET.Element:
    el = ET.SubElement(parent, f"{{{ARCHIMATE_NS}}}{tag}")
    if lang:
        el.set(XML_LANG, lang)
    el.text = text
    return el


#: Properties saying where a fact comes from (written on elements and relationships).
_PROVENANCE = ("basis", "quote", "section", "reason", "citations", "since", "until")


def _provenance(d: dict) -> dict:
    """Basis, quote, section, reason, citations (one per line: publisher, title, URL) and dates of an element."""
    cites = [" — ".join(x for x in (c.get("publisher"), c.get("title"), c.get("url")) if x)
             + (" [not verified]" if c.get("verified") is False else "") for c in d.get("sources") or []]
    return {"basis": d.get("basis"), "quote": " … ".join(d.get("quote") or []), "section": d.get("section"),
            "reason": d.get("reason"), "citations": "\n".join(cites), "since": d.get("since"), "until": d.get("until")}


def _properties(el: ET.Element, values: dict, prop_id: dict, lang: str, other: str) -> None:
    """Write the non-empty ``values`` as ``properties`` of an element or relationship (the schema's order:
    after name and documentation)."""
    values = {k: v for k, v in values.items() if v}
    if values:
        props = ET.SubElement(el, f"{{{ARCHIMATE_NS}}}properties")
        for key, value in values.items():
            prop = ET.SubElement(props, f"{{{ARCHIMATE_NS}}}property", {"propertyDefinitionRef": prop_id[key]})
            _named(prop, "value", str(value), lang=other if key == f"name_{other}" else lang)


def to_archimate(G: nx.MultiDiGraph, *, lang: str = "en") -> str:
    """Serialise a model graph as ArchiMate 3.1 exchange-format XML.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        From :func:`assess.model.build.build_graph`.
    lang : str
        Language of element names (``en`` or ``az``); the other one goes to a property.

    Returns
    -------
    str
        The XML document (UTF-8 declaration included).

    Examples
    --------
    >>> from assess.model.build import build_graph
    >>> import xml.etree.ElementTree as ET
    >>> root = ET.fromstring(to_archimate(build_graph("estonia")).encode())
    >>> ns = {"a": ARCHIMATE_NS}
    >>> len(root.findall("a:elements/a:element", ns)) == build_graph("estonia").number_of_nodes()
    True
    """
    from assess.model.layout import org_chart_layout

    ET.register_namespace("", ARCHIMATE_NS)
    ET.register_namespace("xsi", XSI_NS)
    other = "az" if lang == "en" else "en"
    model = ET.Element(f"{{{ARCHIMATE_NS}}}model", {
        "identifier": _ident("model", str(G.graph.get("id", "model"))),
        f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION})
    name = G.graph.get("name") or {}
    _named(model, "name", name.get(lang) or str(G.graph.get("id", "model")))
    doc = f"{G.graph.get('kind', '')} {G.graph.get('country', '')} {G.graph.get('status', '')} as of " \
          f"{G.graph.get('as_of', '')}; exported by egov-assess"
    _named(model, "documentation", " ".join(doc.split()))

    prop_names = (f"name_{other}", "type", "layer", "source", "capabilities", "mandate", "date", "verified",
                  *_PROVENANCE, "statement", "target", "dates", "status", "pending")
    prop_id = {p: f"propid-{i + 1}" for i, p in enumerate(prop_names)}

    elements = ET.SubElement(model, f"{{{ARCHIMATE_NS}}}elements")
    elem_id: dict[str, str] = {}
    for n, d in G.nodes(data=True):
        atype = d.get("archimate_type") if d.get("archimate_type") in ARCHIMATE_TYPES else "Grouping"
        eid = _ident("el", n)
        elem_id[n] = eid
        el = ET.SubElement(elements, f"{{{ARCHIMATE_NS}}}element",
                           {"identifier": eid, f"{{{XSI_NS}}}type": atype})
        names = d.get("name") or {}
        _named(el, "name", names.get(lang) or d.get("label") or n)
        if d.get("description"):
            _named(el, "documentation", str(d["description"]))
        values = {f"name_{other}": names.get(other), "type": d.get("type"), "layer": d.get("layer"),
                  "source": d.get("source"), "capabilities": ", ".join(d.get("capabilities", []) or []),
                  "mandate": "; ".join(d.get("mandate", []) or []), "date": d.get("date"),
                  "verified": None if d.get("verified") is None else str(d["verified"]).lower(),
                  "statement": d.get("statement"), "target": _target_text(d),
                  "dates": " – ".join(str(d[k]) for k in ("start", "end") if d.get(k)) if d.get("part") else None,
                  "status": d.get("status"), "pending": "true" if d.get("pending") else None}
        values.update(_provenance(d))
        _properties(el, values, prop_id, lang, other)

    relationships = ET.SubElement(model, f"{{{ARCHIMATE_NS}}}relationships")
    rel_of_edge: list[tuple[str, str, str]] = []
    for i, (u, v, k, d) in enumerate(sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])):
        relation = d.get("relation", k)
        su, sv = G.nodes[u].get("archimate_type", ""), G.nodes[v].get("archimate_type", "")
        rel, s, t = _relationship(relation, u, v, su, sv)
        if not _allowed(rel, G.nodes[s].get("archimate_type", ""), G.nodes[t].get("archimate_type", "")):
            rel, s, t = "Association", u, v
        rid = f"id-rel-{i + 1}"
        r = ET.SubElement(relationships, f"{{{ARCHIMATE_NS}}}relationship", {
            "identifier": rid, "source": elem_id[s], "target": elem_id[t], f"{{{XSI_NS}}}type": rel})
        _named(r, "name", relation)
        _properties(r, _provenance(d), prop_id, lang, other)
        rel_of_edge.append((rid, s, t))

    organizations = ET.SubElement(model, f"{{{ARCHIMATE_NS}}}organizations")
    by_layer: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        by_layer.setdefault(str(d.get("layer", "other")), []).append(n)
    top = ET.SubElement(organizations, f"{{{ARCHIMATE_NS}}}item")
    _named(top, "label", "Elements")
    for layer in sorted(by_layer):
        folder = ET.SubElement(top, f"{{{ARCHIMATE_NS}}}item")
        _named(folder, "label", layer.replace("_", " ").title())
        for n in sorted(by_layer[layer]):
            ET.SubElement(folder, f"{{{ARCHIMATE_NS}}}item", {"identifierRef": elem_id[n]})
    rel_folder = ET.SubElement(organizations, f"{{{ARCHIMATE_NS}}}item")
    _named(rel_folder, "label", "Relations")
    for rid, _, _ in rel_of_edge:
        ET.SubElement(rel_folder, f"{{{ARCHIMATE_NS}}}item", {"identifierRef": rid})

    defs = ET.SubElement(model, f"{{{ARCHIMATE_NS}}}propertyDefinitions")
    for key, pid in prop_id.items():
        pd = ET.SubElement(defs, f"{{{ARCHIMATE_NS}}}propertyDefinition", {"identifier": pid, "type": "string"})
        _named(pd, "name", key, lang=None)

    views = ET.SubElement(model, f"{{{ARCHIMATE_NS}}}views")
    diagrams = ET.SubElement(views, f"{{{ARCHIMATE_NS}}}diagrams")
    view = ET.SubElement(diagrams, f"{{{ARCHIMATE_NS}}}view",
                         {"identifier": "id-view-organisation", f"{{{XSI_NS}}}type": "Diagram"})
    _named(view, "name", "Organisation")
    pos = org_chart_layout(G, dx=160, dy=110)
    node_view: dict[str, str] = {}
    for n in G:
        x, y = pos[n]
        vid = _ident("vn", n)
        node_view[n] = vid
        ET.SubElement(view, f"{{{ARCHIMATE_NS}}}node", {
            "identifier": vid, "elementRef": elem_id[n], f"{{{XSI_NS}}}type": "Element",
            "x": str(int(x) + 20), "y": str(int(y) + 20), "w": "140", "h": "60"})
    for rid, s, t in rel_of_edge:
        ET.SubElement(view, f"{{{ARCHIMATE_NS}}}connection", {
            "identifier": f"{rid}-c", "relationshipRef": rid, f"{{{XSI_NS}}}type": "Relationship",
            "source": node_view[s], "target": node_view[t]})

    if G.graph.get("kind") == "strategy":
        _structure_view(G, diagrams, elem_id, rel_of_edge)
    ET.indent(model, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(model, encoding="unicode") + "\n"


def _target_text(d: dict) -> str | None:
    if d.get("target_value") is None and d.get("target_date") is None:
        return None
    value = d.get("target_value")
    text = "in words only" if value is None else f"{d.get('target_comparator', '')} {value:g}".strip()
    if d.get("target_value_max") is not None:
        text = f"{value:g}–{d['target_value_max']:g}"
    return f"{text} {d.get('unit', '')}".strip() + (f" by {d['target_date']}" if d.get("target_date") else "")


def _structure_view(G: nx.MultiDiGraph, diagrams: ET.Element, elem_id: dict, rel_of_edge: list) -> None:
    """The "Strategic structure" view: the strategy's elements on rings around the vision."""
    from assess.model.strategy_graph import structure_layout

    lay = structure_layout(G, step=200.0, size=170.0)
    view = ET.SubElement(diagrams, f"{{{ARCHIMATE_NS}}}view",
                         {"identifier": "id-view-structure", f"{{{XSI_NS}}}type": "Diagram"})
    _named(view, "name", "Strategic structure")
    xs = [x for x, _ in lay.positions.values()] or [0.0]
    ys = [y for _, y in lay.positions.values()] or [0.0]
    node_view: dict[str, str] = {}
    for n, (x, y) in lay.positions.items():
        vid = _ident("vs", n)
        node_view[n] = vid
        ET.SubElement(view, f"{{{ARCHIMATE_NS}}}node", {
            "identifier": vid, "elementRef": elem_id[n], f"{{{XSI_NS}}}type": "Element",
            "x": str(int(x - min(xs)) + 20), "y": str(int(y - min(ys)) + 20), "w": "140", "h": "60"})
    for rid, s, t in rel_of_edge:
        if s in node_view and t in node_view:
            ET.SubElement(view, f"{{{ARCHIMATE_NS}}}connection", {
                "identifier": f"{rid}-s", "relationshipRef": rid, f"{{{XSI_NS}}}type": "Relationship",
                "source": node_view[s], "target": node_view[t]})

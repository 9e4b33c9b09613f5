"""Country models and other frameworks as typed NetworkX graphs.

Conventions
-----------
:func:`build_graph` returns an ``nx.MultiDiGraph``. For a country model, edges point as
written in YAML (``from`` → ``to``, e.g. ``ministry —reports_to→ council``); the edge key and
the attribute ``relation`` hold the relation type, so two nodes may be linked by several
relations. ``measured_by`` edges end at *indicator nodes* whose id is the reference
``framework_id.node_id`` (``type="indicator"``). Node attributes: ``type``, ``name`` (dict
language → text), ``label`` (English), ``archimate_type``, ``layer``, ``capabilities`` (list),
``mandate`` (list), ``source``, ``verified``, dates…, and where each fact comes from: ``basis`` (paper,
source, inferred), ``quote``, ``section``, ``sources`` (citations), ``reason``, ``erratum``, ``since``,
``until``, ``replaces`` (edges carry ``basis`` and its companions too); ``None`` values are left out.
Composite frameworks become trees with edges parent → child (``relation="aggregates"``,
``weight``); rubrics dimension → criterion; stage models stage → next stage (``precedes``); realisation maps
proposal element → current element (``realised_by``, ``superseded_by``; node ids ``model_id.node_id``); evidence
maps evidence item → capability (``decides`` or ``context``); a strategy is joined to its country model
(:func:`assess.model.strategy_graph.strategy_graph`).

Examples
--------
>>> from assess.model.analytics import reporting_tree, root_of
>>> G = build_graph(load_framework("azerbaijan_proposal"))
>>> root_of(G)
'it_supreme_council'
>>> sorted(reporting_tree(G).successors("ict_ministry"))  # doctest: +NORMALIZE_WHITESPACE
['egov_support_council', 'gd_information_law', 'gd_technology_education', 'it_coordination_council',
 'standardisation_testing_council']
"""

from __future__ import annotations

import networkx as nx

from assess.frameworks import (
    CompositeFramework,
    CountryModel,
    EvidenceMap,
    Realisation,
    Rubric,
    StageModel,
    Strategy,
    load_framework,
)
from assess.frameworks.vocabulary import DEFAULT_ARCHIMATE
from assess.model.strategy_join import join_strategy

__all__ = ["build_graph"]


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


def _provenance(item) -> dict:
    """Basis, quote, section, citations, reason and dates of a node or relation, as graph attributes."""
    return {"basis": item.basis or None, "quote": list(item.quote), "section": item.section,
            "sources": [dict(s) for s in item.sources], "reason": item.reason, "since": item.since,
            "until": item.until}


def build_graph(framework: CountryModel | CompositeFramework | Rubric | StageModel | Realisation | Strategy | str
                ) -> nx.MultiDiGraph:
    """Build the typed ``nx.MultiDiGraph`` of a framework (object or id).

    Parameters
    ----------
    framework : CountryModel, CompositeFramework, Rubric, StageModel, Realisation, Strategy or str
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
    if isinstance(fw, Strategy):  # a strategy is drawn joined to its country model
        model = load_framework(fw.model)
        return join_strategy(build_graph(model), fw, model)
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
                "url": n.url, **_provenance(n), "erratum": n.erratum, "since_note": n.since_note,
                "until_note": n.until_note, "since_verified": False if not n.since_verified else None,
                "until_verified": False if not n.until_verified else None, "replaces": n.replaces,
                "mandate_items": [dict(m) for m in n.mandate_items], **n.details}))
        for r in fw.relations:
            if r.type == "measured_by" and r.target not in G:
                G.add_node(r.target, **_indicator_node(r.target))
            G.add_edge(r.source, r.target, key=r.type, **_clean({
                "relation": r.type, "note": r.note, "source": r.citation, "verified": r.verified,
                **_provenance(r)}))
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
    elif isinstance(fw, Realisation):
        G.graph.update({"proposal": fw.proposal, "current": fw.current, "as_of": fw.as_of})
        for e in fw.entries:
            src = f"{fw.proposal}.{e.element}"
            G.add_node(src, **_clean({"type": "proposal_element", "model": fw.proposal, "label": e.element,
                                      "status_hint": e.status_hint, "since": e.since, "note": e.note}))
            for key, targets in (("realised_by", e.realised_by), ("superseded_by", e.superseded_by)):
                for t in targets:
                    G.add_node(f"{fw.current}.{t}", type="current_element", model=fw.current, label=t)
                    G.add_edge(src, f"{fw.current}.{t}", key=key, relation=key)
        for listing, reasons in (("unassessed", fw.unassessed), ("excluded", fw.excluded)):
            for element, reason in reasons.items():
                G.add_node(f"{fw.proposal}.{element}", type="proposal_element", model=fw.proposal, label=element,
                           listed=listing, reason=reason)
    elif isinstance(fw, EvidenceMap):
        for e in fw.evidence:
            G.add_node(e.id, type="evidence", label=f"{e.source} {e.indicator}", dataset=e.source,
                       source_indicator=e.indicator)
        for r in (*fw.rules, *fw.context_only):
            G.add_node(r.capability, type="capability", label=r.capability, why=r.why)
            deciding = r.evidence_ids() if hasattr(r, "evidence_ids") else []
            for eid in deciding:
                G.add_edge(eid, r.capability, key="decides", relation="decides")
            for eid in r.context:
                G.add_edge(eid, r.capability, key="context", relation="context")
    elif isinstance(fw, StageModel):
        previous = None
        for s in fw.stages:
            G.add_node(s.id, type="stage", name=dict(s.name), label=s.name.get("en"), order=s.order,
                       rule=s.rule)
            if previous is not None:
                G.add_edge(previous, s.id, key="precedes", relation="precedes")
            previous = s.id
    return G

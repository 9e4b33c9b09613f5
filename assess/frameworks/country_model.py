"""Country models (``kind: country_model``): the typed nodes and relations of a country's e-government.

Every node and relation says where it comes from (``basis``: paper, source or inferred, with its quote, citations or
reason; :mod:`assess.frameworks.provenance`) and may be dated (``since``, ``until``, ``replaces``), so that a
model can be shown as of a year.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assess.frameworks import provenance, vocabulary
from assess.frameworks.base import Name, _as_tuple, _Framework, _plain, _text
from assess.frameworks.checker import COMMON_KEYS, _Checker, _show, _suggest
from assess.frameworks.provenance import BASIS_KEYS, DATING_KEYS, date_text, resolve_sources
from assess.frameworks.vocabulary import (
    ARCHIMATE_TYPES,
    BODY_TYPES,
    CAPABILITIES,
    NODE_TYPES,
    RELATION_TYPES,
)

__all__ = ["CountryModel", "ModelNode", "Relation"]



@dataclass(frozen=True)
class ModelNode:
    """A typed node of a country model (body, ministry, service, platform, …)."""

    id: str
    type: str
    name: Name
    description: str | None = None
    source: str | None = None
    verified: bool = True
    archimate_type: str = "BusinessActor"
    layer: str = "business"
    capabilities: tuple[str, ...] = ()
    mandate: tuple[str, ...] = ()
    date: str | None = None
    start: str | None = None
    end: str | None = None
    note: str | None = None
    url: str | None = None
    basis: str = ""
    quote: tuple[str, ...] = ()
    section: str | None = None
    sources: tuple[dict, ...] = ()
    reason: str | None = None
    erratum: dict | None = None
    since: str | None = None
    until: str | None = None
    since_note: str | None = None
    until_note: str | None = None
    since_verified: bool = True
    until_verified: bool = True
    replaces: tuple[str, ...] = ()
    mandate_items: tuple[dict, ...] = ()
    details: dict = field(default_factory=dict)

    @property
    def is_body(self) -> bool:
        """True for bodies (body, council, ministry, agency), which report to each other."""
        return self.type in vocabulary.BODY_TYPES


@dataclass(frozen=True)
class Relation:
    """A typed relation ``source`` —``type``→ ``target`` (``from``/``to`` in YAML)."""

    source: str
    type: str
    target: str
    note: str | None = None
    citation: str | None = None
    verified: bool = True
    basis: str = ""
    quote: tuple[str, ...] = ()
    section: str | None = None
    sources: tuple[dict, ...] = ()
    reason: str | None = None
    since: str | None = None
    until: str | None = None


def _layer_of(archimate_type: str) -> str:
    for layer, types in vocabulary.ARCHIMATE_LAYERS.items():
        if archimate_type in types:
            return layer
    return "other"


@dataclass(frozen=True)
class CountryModel(_Framework):
    """A country's e-government as typed nodes and relations (a proposal, today's state or a reference).

    Attributes
    ----------
    country : str
        ISO3 code.
    status : str
        ``proposal``, ``current`` or ``reference``.
    as_of : str
        Date (or year) the model describes.
    nodes : tuple of ModelNode
    relations : tuple of Relation
        ``measured_by`` relations point at ``framework_id.node_id`` of a composite framework.
    vocabulary : dict
        Capability tags allowed in the model (vocabulary.CAPABILITIES plus the model's own).

    Examples
    --------
    >>> from assess.frameworks.registry import load_framework
    >>> m = load_framework("azerbaijan_proposal")
    >>> m.status, m.node("it_supreme_council").name["az"]
    ('proposal', 'İnformasiya Texnologiyaları Ali Şurası')
    >>> m.node("it_supreme_council").basis, m.node("ecitizen_registration").basis
    ('paper', 'inferred')
    >>> sorted(n.id for n in m.nodes_of_type("user_group"))
    ['businesses', 'citizens', 'foreigners', 'ngos']
    """

    country: str = ""
    status: str = "reference"
    as_of: str = ""
    source: str | None = None
    nodes: tuple[ModelNode, ...] = ()
    relations: tuple[Relation, ...] = ()
    vocabulary: dict = field(default_factory=dict, repr=False)
    citations: dict = field(default_factory=dict, repr=False)

    def node(self, node_id: str) -> ModelNode:
        """Return node ``node_id`` (``KeyError`` if absent)."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(f"{self.id}: no node {node_id!r}")

    def nodes_of_type(self, *types: str) -> tuple[ModelNode, ...]:
        """Nodes whose type is one of ``types``."""
        return tuple(n for n in self.nodes if n.type in types)

    def capabilities(self) -> set[str]:
        """Every capability tag carried by some node.

        Examples
        --------
        >>> from assess.frameworks.registry import load_framework
        >>> "data_exchange" in load_framework("estonia").capabilities()
        True
        """
        return {tag for n in self.nodes for tag in n.capabilities}


COUNTRY_MODEL_KEYS = {**COMMON_KEYS, "country": True, "status": True, "as_of": True, "nodes": True,
                      "relations": True, "capabilities": False, "citations": False}


MODEL_STATUSES = ("proposal", "current", "reference")


#: Descriptive texts a node may carry (shown in details and exports; no rule applies to them).
DETAIL_TEXT_KEYS = ("name_note", "chair", "approved_by", "coordination", "reporting", "monitoring", "budget")

NODE_KEYS = {"id": True, "type": True, "name": True, "description": False, "source": False,
             "verified": False, "archimate_type": False, "capabilities": False, "mandate": False,
             "date": False, "start": False, "end": False, "note": False, "url": False, **BASIS_KEYS,
             "erratum": False, **DATING_KEYS, "replaces": False, "members": False, "secretariat": False,
             **dict.fromkeys(DETAIL_TEXT_KEYS, False)}


RELATION_KEYS = {"from": True, "type": True, "to": True, "note": False, "source": False, "verified": False,
                 **BASIS_KEYS, **DATING_KEYS}

MANDATE_ITEM_KEYS = {"text": True, **BASIS_KEYS}


def _check_mandate(c: _Checker, path: tuple, value: Any, citations: set[str]) -> None:
    """A mandate: a text, or a list of texts and of mappings ``{text, basis, quote|sources|reason, section}``."""
    items = value if isinstance(value, list) else [value]
    for j, item in enumerate(items):
        where = path + (j,) if isinstance(value, list) else path
        if isinstance(item, dict) and "en" not in item:
            if c.mapping(where, item, MANDATE_ITEM_KEYS):
                if "text" in item:
                    c.text(where + ("text",), item["text"], allow_translated=False)
                provenance.check_basis(c, where, item, citations)
        else:
            c.text(where, item)


def _validate_country_model(c: _Checker, doc: dict, resolve: Callable[[str], Any] | None) -> None:
    if "country" in doc and not (isinstance(doc["country"], str) and re.fullmatch(r"[A-Z]{3}", doc["country"])):
        c.add(("country",), "an ISO 3166-1 alpha-3 code such as 'AZE'", doc["country"])
    if "status" in doc:
        c.choice(("status",), doc["status"], MODEL_STATUSES)
    if "as_of" in doc and not isinstance(doc["as_of"], int | str | _dt.date):
        c.add(("as_of",), "a year or a date", doc["as_of"])
    vocabulary = dict(CAPABILITIES)
    if "capabilities" in doc:
        extra = doc["capabilities"]
        if isinstance(extra, dict):
            for tag, text in extra.items():
                if c.ident(("capabilities", tag), tag):
                    vocabulary[tag] = str(text)
        else:
            c.add(("capabilities",), "a mapping tag → description", extra)

    citations = provenance.check_citations(c, doc)
    nodes = c.list_of_mappings(("nodes",), doc.get("nodes"), "nodes")
    c.unique_ids([(("nodes", i, "id"), n.get("id")) for i, n in enumerate(nodes) if isinstance(n, dict)],
                 "the model")
    node_type = {n["id"]: n.get("type") for n in nodes if isinstance(n, dict) and isinstance(n.get("id"), str)}
    for i, node in enumerate(nodes):
        path = ("nodes", i)
        if not c.mapping(path, node, NODE_KEYS):
            continue
        c.ident(path + ("id",), node.get("id"))
        if "type" in node:
            c.choice(path + ("type",), node["type"], NODE_TYPES)
        if "name" in node:
            c.name(path + ("name",), node["name"])
        for key in ("description", "source", "note", "url"):
            if key in node:
                c.text(path + (key,), node[key])
        if "mandate" in node:
            _check_mandate(c, path + ("mandate",), node["mandate"], citations)
        provenance.check_basis(c, path, node, citations)
        provenance.check_dating(c, path, node)
        if "erratum" in node:
            provenance.check_erratum(c, path + ("erratum",), node["erratum"], citations)
        for j, ref in enumerate(c.string_list(path + ("replaces",), node["replaces"]) if "replaces" in node else []):
            if c.reference(path + ("replaces", j), ref, node_type, "a node id of this model") and ref == node.get("id"):
                c.add(path + ("replaces", j), "another node (a node cannot replace itself)", ref)
        if "secretariat" in node:
            c.reference(path + ("secretariat",), node["secretariat"], node_type, "a node id of this model")
        if "members" in node:
            c.string_list(path + ("members",), node["members"])
        for key in DETAIL_TEXT_KEYS:
            if key in node:
                c.text(path + (key,), node[key], allow_translated=False)
        if "verified" in node:
            c.boolean(path + ("verified",), node["verified"])
        if "archimate_type" in node:
            c.choice(path + ("archimate_type",), node["archimate_type"], ARCHIMATE_TYPES)
        for key in ("date", "start", "end"):
            if key in node and not isinstance(node[key], int | str | _dt.date):
                c.add(path + (key,), "a year or an ISO date", node[key])
        if "capabilities" in node:
            for j, tag in enumerate(c.string_list(path + ("capabilities",), node["capabilities"])):
                if tag not in vocabulary:
                    c.add(path + ("capabilities", j), "a capability tag (vocabulary.CAPABILITIES or the "
                          "model's 'capabilities:')", found_text=f"unknown tag {_show(tag)}" + _suggest(tag, vocabulary))

    relations = c.list_of_mappings(("relations",), doc.get("relations"), "relations", allow_empty=True)
    seen: dict[tuple, int] = {}
    reports_to: dict[str, str] = {}
    reports_path: dict[str, tuple] = {}
    for i, rel in enumerate(relations):
        path = ("relations", i)
        if not c.mapping(path, rel, RELATION_KEYS):
            continue
        rtype = rel.get("type")
        type_ok = "type" in rel and c.choice(path + ("type",), rtype, RELATION_TYPES)
        src, dst = rel.get("from"), rel.get("to")
        src_ok = "from" in rel and c.reference(path + ("from",), src, node_type, "a node id of this model")
        if rtype == "measured_by":
            if "to" in rel:
                _check_indicator_ref(c, path + ("to",), dst, resolve)
            dst_ok = False
        else:
            dst_ok = "to" in rel and c.reference(path + ("to",), dst, node_type, "a node id of this model")
        for key in ("note", "source"):
            if key in rel:
                c.text(path + (key,), rel[key])
        if "verified" in rel:
            c.boolean(path + ("verified",), rel["verified"])
        provenance.check_basis(c, path, rel, citations)
        provenance.check_dating(c, path, rel)
        key = (src, rtype, dst)
        if type_ok and isinstance(src, str) and isinstance(dst, str):
            if key in seen:
                c.add(path, "each relation once", found_text=f"duplicate of relation at "
                      f"{c.where(('relations', seen[key]))}")
            else:
                seen[key] = i
        if rtype == "reports_to" and src_ok and dst_ok:
            bad = [n for n in (src, dst) if node_type.get(n) not in BODY_TYPES]
            for n in bad:
                c.add(path, f"reports_to between bodies ({', '.join(BODY_TYPES)})",
                      found_text=f"{_show(n)} of type {_show(node_type.get(n))}")
            if not bad:
                if src in reports_to:
                    c.add(path, "one reports_to line per body",
                          found_text=f"{_show(src)} also reports to {_show(reports_to[src])}")
                else:
                    reports_to[src] = dst
                    reports_path[src] = path
        if rtype == "assigned_to" and src_ok and dst_ok:
            if node_type.get(src) != "duty":
                c.add(path + ("from",), "a duty node for assigned_to", found_text=f"{_show(src)} of type "
                      f"{_show(node_type.get(src))}")
            if node_type.get(dst) not in BODY_TYPES:
                c.add(path + ("to",), "a body for assigned_to", found_text=f"{_show(dst)} of type {_show(node_type.get(dst))}")
    c.cycles(reports_to, lambda n: reports_path[n], "reporting lines")


def _check_indicator_ref(c: _Checker, path: tuple, ref: Any, resolve: Callable[[str], Any] | None) -> None:
    """``framework_id.node_id`` must name a composite framework and one of its components/indicators."""
    if not (isinstance(ref, str) and ref.count(".") == 1):
        c.add(path, "an indicator reference 'framework_id.node_id' (e.g. 'un_egdi.osi')", ref)
        return
    fw_id, node_id = ref.split(".")
    if resolve is None:
        return
    node_ids = resolve(fw_id)
    if node_ids is None:
        c.add(path, "an indicator of a composite framework in frameworks/",
              found_text=f"{_show(ref)}: no composite framework {_show(fw_id)}")
    elif node_id not in node_ids:
        c.add(path, "an indicator of a composite framework in frameworks/",
              found_text=f"{_show(ref)}: framework {_show(fw_id)} defines no {_show(node_id)}" + _suggest(node_id, node_ids))


def _quote(value: Any) -> tuple[str, ...]:
    return tuple(str(q) for q in _as_tuple(value))


def _mandate_item(item: Any, citations: dict) -> dict:
    if isinstance(item, dict) and "text" in item:
        out = {"text": str(item["text"]), "basis": item["basis"], "quote": list(_quote(item.get("quote"))),
               "section": item.get("section"), "reason": item.get("reason"),
               "sources": list(resolve_sources(item.get("sources"), citations))}
        return {k: v for k, v in out.items() if v not in (None, [], "")}
    return {"text": _text(item)}


def build(doc: dict, base: dict) -> CountryModel:
    """The country model of a validated document; ``base`` holds the fields every framework has (id, kind, name, path, doc)."""
    citations = _plain(doc.get("citations") or {})
    nodes = []
    for n in doc["nodes"]:
        archimate = n.get("archimate_type") or vocabulary.DEFAULT_ARCHIMATE[n["type"]]
        items = tuple(_mandate_item(m, citations) for m in _as_tuple(n.get("mandate")))
        erratum = n.get("erratum")
        if erratum is not None:
            erratum = {**erratum, "sources": list(resolve_sources(erratum.get("sources"), citations))}
        details = {k: n[k] for k in (*DETAIL_TEXT_KEYS, "members", "secretariat") if n.get(k) is not None}
        nodes.append(ModelNode(
            id=n["id"], type=n["type"], name=dict(n["name"]), description=_text(n.get("description")),
            source=_text(n.get("source")), verified=n.get("verified", True), archimate_type=archimate,
            layer=_layer_of(archimate), capabilities=tuple(n.get("capabilities", ())),
            mandate=tuple(m["text"] for m in items),
            date=date_text(n.get("date")), start=date_text(n.get("start")), end=date_text(n.get("end")),
            note=_text(n.get("note")), url=n.get("url"),
            basis=n.get("basis", ""), quote=_quote(n.get("quote")), section=n.get("section"),
            sources=resolve_sources(n.get("sources"), citations), reason=n.get("reason"), erratum=erratum,
            since=date_text(n.get("since")), until=date_text(n.get("until")), since_note=n.get("since_note"),
            until_note=n.get("until_note"), since_verified=n.get("since_verified", True),
            until_verified=n.get("until_verified", True), replaces=tuple(n.get("replaces") or ()),
            mandate_items=items if any(len(m) > 1 for m in items) else (), details=details))
    relations = tuple(Relation(source=r["from"], type=r["type"], target=r["to"], note=_text(r.get("note")),
                               citation=_text(r.get("source")), verified=r.get("verified", True),
                               basis=r.get("basis", ""), quote=_quote(r.get("quote")), section=r.get("section"),
                               sources=resolve_sources(r.get("sources"), citations), reason=r.get("reason"),
                               since=date_text(r.get("since")), until=date_text(r.get("until")))
                      for r in doc["relations"] or [])
    tags = {**vocabulary.CAPABILITIES, **(doc.get("capabilities") or {})}
    return CountryModel(**base, country=doc["country"], status=doc["status"], as_of=str(doc["as_of"]),
                        source=_text(doc.get("source")), nodes=tuple(nodes), relations=relations,
                        vocabulary=tags, citations=citations)

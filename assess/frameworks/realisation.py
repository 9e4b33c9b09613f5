"""Realisation maps (``kind: realisation``): which elements of today's model realise each element of a proposal.

A realisation file joins two country models, ``proposal`` (e.g. the paper's ``azerbaijan_proposal``) and
``current`` (``azerbaijan_today``), with one entry per assessed proposal element:

* ``realised_by`` — ids of the current model that realise it (explicit links; never a match of names);
* ``superseded_by`` — ids of the current model that took its place in another form (optional);
* ``evidence`` — citations (like a node's ``sources``) for the judgement, ``note`` — one line;
* ``since``, ``capability_match``, ``status_hint`` — the analyst's dating, tags and judgement: documentation only.
  The status shown is derived by :func:`assess.model.realised.realisation` from the links, the dates of
  the current model, the capability tags and the proposal's structure; the hint is shown next to it.

Every proposal element is listed once: under ``entries``, ``unassessed`` (no evidence opened: shown as
*unknown*, never as *not*) or ``excluded`` (not a component: reasons, principles, findings, user groups…),
each with a reason.

Examples
--------
>>> from assess.frameworks.registry import load_framework
>>> r = load_framework("azerbaijan_realisation")
>>> r.proposal, r.current, r.entry("it_supreme_council").realised_by
('azerbaijan_proposal', 'azerbaijan_today', ('digital_development_council',))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assess.frameworks import provenance
from assess.frameworks.base import _Framework, _plain, _text
from assess.frameworks.checker import COMMON_KEYS, _Checker, _show, _suggest
from assess.frameworks.provenance import date_text, resolve_sources
from assess.frameworks.vocabulary import CAPABILITIES, REALISATION_STATUSES

__all__ = ["Realisation", "RealisationEntry"]

#: Statuses an analyst may give as ``status_hint`` (``unknown`` is what ``unassessed`` means).
HINTS = tuple(s for s in REALISATION_STATUSES if s != "unknown")


@dataclass(frozen=True)
class RealisationEntry:
    """One assessed proposal element: its links to the current model, the evidence and the analyst's hint."""

    element: str
    realised_by: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()
    since: str | None = None
    capability_match: tuple[str, ...] = ()
    status_hint: str = ""
    evidence: tuple[dict, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Realisation(_Framework):
    """What of a proposal came true: entries per proposal element, and the elements left unassessed or excluded.

    Attributes
    ----------
    proposal, current : str
        Ids of the two country models.
    as_of : str
        Date of the assessment.
    entries : tuple of RealisationEntry
    unassessed, excluded : dict
        Proposal element id → reason.
    """

    proposal: str = ""
    current: str = ""
    as_of: str = ""
    entries: tuple[RealisationEntry, ...] = ()
    unassessed: dict = field(default_factory=dict)
    excluded: dict = field(default_factory=dict)

    def entry(self, element: str) -> RealisationEntry:
        """The entry of a proposal element (``KeyError`` if it has none)."""
        for e in self.entries:
            if e.element == element:
                return e
        raise KeyError(f"{self.id}: no entry for {element!r}")


REALISATION_KEYS = {**COMMON_KEYS, "proposal": True, "current": True, "as_of": True, "entries": True,
                    "unassessed": False, "excluded": False, "citations": False}
ENTRY_KEYS = {"element": True, "realised_by": True, "superseded_by": False, "since": False, "since_note": False,
              "capability_match": False, "status_hint": True, "evidence": True, "note": False}
LISTED_KEYS = {"element": True, "reason": True}


def _model_nodes(resolve: Callable | None, model_id: Any) -> dict | None:
    """node id → node of a country model through the registry's resolver (``None`` if not available)."""
    loader = getattr(resolve, "model", None)
    if loader is None or not isinstance(model_id, str):
        return None
    model = loader(model_id)
    return None if model is None else {n.id: n for n in model.nodes}


def _validate_realisation(c: _Checker, doc: dict, resolve: Callable | None) -> None:
    nodes = {}
    for key, what in (("proposal", "the id of the proposal's country model"),
                      ("current", "the id of the current country model")):
        if key in doc and c.ident((key,), doc[key]):
            found = _model_nodes(resolve, doc[key])
            if found is None and getattr(resolve, "model", None) is not None:
                c.add((key,), f"{what} in frameworks/", found_text=f"no country model {_show(doc[key])}")
            nodes[key] = found
    if "as_of" in doc and doc["as_of"] is not None:
        provenance.check_dating(c, (), {"since": doc["as_of"]})
    citations = provenance.check_citations(c, doc)
    proposal, current = nodes.get("proposal"), nodes.get("current")
    listed: dict[str, tuple] = {}

    def element(path: tuple, value: Any) -> None:
        if not c.ident(path, value):
            return
        if proposal is not None and value not in proposal:
            c.reference(path, value, proposal, "an element of the proposal")
        if value in listed:
            c.add(path, "each proposal element listed once", found_text=f"{_show(value)} again (first at "
                  f"{c.where(listed[value])})")
        else:
            listed[value] = path

    for i, entry in enumerate(c.list_of_mappings(("entries",), doc.get("entries"), "entries")):
        path = ("entries", i)
        if not c.mapping(path, entry, ENTRY_KEYS):
            continue
        if "element" in entry:
            element(path + ("element",), entry["element"])
        for key in ("realised_by", "superseded_by"):
            if key in entry:
                for j, ref in enumerate(c.string_list(path + (key,), entry[key])):
                    if current is not None:
                        c.reference(path + (key, j), ref, current, "a node id of the current model")
        if "status_hint" in entry:
            c.choice(path + ("status_hint",), entry["status_hint"], HINTS)
        if "evidence" in entry:
            provenance.check_sources(c, path + ("evidence",), entry["evidence"], citations)
        if entry.get("since") is not None or entry.get("realised_by"):  # nothing realised: no date to give
            provenance.check_dating(c, path, {k: entry[k] for k in ("since", "since_note") if k in entry})
        for j, tag in enumerate(c.string_list(path + ("capability_match",), entry["capability_match"])
                                if "capability_match" in entry else []):
            if tag not in CAPABILITIES and not (proposal and any(tag in n.capabilities for n in proposal.values())):
                c.add(path + ("capability_match", j), "a capability tag",
                      found_text=f"unknown tag {_show(tag)}" + _suggest(tag, CAPABILITIES))
        if "note" in entry:
            c.text(path + ("note",), entry["note"], allow_translated=False)
    for key in ("unassessed", "excluded"):
        for i, item in enumerate(c.list_of_mappings((key,), doc.get(key), key, allow_empty=True)):
            if c.mapping((key, i), item, LISTED_KEYS):
                if "element" in item:
                    element((key, i, "element"), item["element"])
                if "reason" in item:
                    c.text((key, i, "reason"), item["reason"], allow_translated=False)
    if proposal is not None:
        missing = [n for n in proposal if n not in listed]
        if missing:
            c.add(("entries",), "every proposal element under entries, unassessed or excluded",
                  found_text=f"{len(missing)} not listed: {', '.join(missing[:8])}" + (", …" if len(missing) > 8 else ""))


def build(doc: dict, base: dict) -> Realisation:
    """The realisation map of a validated document."""
    citations = _plain(doc.get("citations") or {})
    entries = tuple(RealisationEntry(
        element=e["element"], realised_by=tuple(e.get("realised_by") or ()),
        superseded_by=tuple(e.get("superseded_by") or ()), since=date_text(e.get("since")),
        capability_match=tuple(e.get("capability_match") or ()), status_hint=e.get("status_hint", ""),
        evidence=resolve_sources(e.get("evidence"), citations), note=_text(e.get("note")))
        for e in doc["entries"])
    return Realisation(**base, proposal=doc["proposal"], current=doc["current"], as_of=str(doc["as_of"]),
                       entries=entries,
                       unassessed={u["element"]: u["reason"] for u in doc.get("unassessed") or []},
                       excluded={u["element"]: u["reason"] for u in doc.get("excluded") or []})

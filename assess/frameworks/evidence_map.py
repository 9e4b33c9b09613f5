"""Evidence maps (``kind: evidence_map``): which published indicator says whether an economy has a capability, by what
rule (present / partial / absent, three-valued), and the parts a baseline model of any economy is built from.

A rule is a condition per state; a condition is a leaf ``{ev: evidence_id, min|max|eq|gt|lt: number}`` or
``{all: [conditions]}`` / ``{any: [conditions]}``. :func:`kleene` evaluates it with Kleene's three-valued logic: a
leaf whose value is missing is *unknown*, ``all`` is false if any part is false, else unknown if any part is
unknown; ``any`` is true if any part is true, else unknown if any is unknown. A capability's state is the first of
present, partial, absent whose condition is *true*, else ``unknown``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from assess.frameworks.base import _as_tuple, _Framework, _text
from assess.frameworks.checker import COMMON_KEYS, _Checker, _show, _suggest
from assess.frameworks.country_model import _check_indicator_ref
from assess.frameworks.vocabulary import (
    BODY_TYPES,
    CAPABILITIES,
    EVIDENCE_OPERATORS,
    KNOWN_DATASETS,
    NODE_TYPES,
    RELATION_TYPES,
)

__all__ = ["CapabilityRule", "ContextRule", "EvidenceItem", "EvidenceMap", "kleene"]

DECIDING = ("present", "partial", "absent")


@dataclass(frozen=True)
class EvidenceItem:
    """One published indicator used as evidence: ``source`` (a dataset id of the store), ``indicator``,
    ``breakdown`` (``""`` = the country total), ``editions`` (editions in which it asks the question the rules rely
    on; empty = every edition), and, where the indicator catalogue has none, ``question`` and ``levels``."""

    id: str
    source: str
    indicator: str
    breakdown: str = ""
    editions: tuple[int, ...] = ()
    question: str | None = None
    levels: dict = field(default_factory=dict)
    levels_basis: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CapabilityRule:
    """How the evidence decides one capability: a condition per state, context items shown beside it, and why."""

    capability: str
    present: dict | None = None
    partial: dict | None = None
    absent: dict | None = None
    context: tuple[str, ...] = ()
    why: str = ""
    future: str | None = None

    def evidence_ids(self) -> list[str]:
        """Every evidence id the rule's conditions read, in order of first use."""
        out: list[str] = []
        for state in DECIDING:
            for leaf in _leaves(getattr(self, state)):
                if leaf["ev"] not in out:
                    out.append(leaf["ev"])
        return out


@dataclass(frozen=True)
class ContextRule:
    """A capability no indicator decides, with the items shown as context and why none decides it."""

    capability: str
    context: tuple[str, ...] = ()
    why: str = ""


def _leaves(cond) -> list[dict]:
    if not cond:
        return []
    if "all" in cond or "any" in cond:
        return [leaf for sub in cond.get("all", cond.get("any", [])) for leaf in _leaves(sub)]
    return [cond]


def kleene(cond: Mapping, value: Callable[[str], float | None]) -> bool | None:
    """Evaluate a condition; ``value(evidence_id)`` gives the number or ``None`` when it is missing.

    Examples
    --------
    >>> v = {"a": 2.0, "b": None}.get
    >>> kleene({"ev": "a", "min": 2}, v), kleene({"ev": "b", "eq": 0}, v)
    (True, None)
    >>> kleene({"any": [{"ev": "a", "eq": 2}, {"ev": "b", "eq": 1}]}, v), kleene({"all": [{"ev": "a", "eq": 1}, {"ev": "b", "eq": 1}]}, v)
    (True, False)
    >>> kleene({"all": [{"ev": "a", "eq": 2}, {"ev": "b", "eq": 1}]}, v) is None
    True
    """
    if "all" in cond:
        parts = [kleene(c, value) for c in cond["all"]]
        return False if False in parts else (None if None in parts else True)
    if "any" in cond:
        parts = [kleene(c, value) for c in cond["any"]]
        return True if True in parts else (None if None in parts else False)
    x = value(cond["ev"])
    if x is None or x != x:
        return None
    op = next(k for k in EVIDENCE_OPERATORS if k in cond)
    bound = cond[op]
    return {"min": x >= bound, "max": x <= bound, "eq": x == bound, "gt": x > bound, "lt": x < bound}[op]


@dataclass(frozen=True)
class EvidenceMap(_Framework):
    """Evidence → capabilities, and the baseline model template.

    Examples
    --------
    >>> from assess.frameworks.registry import load_framework
    >>> em = load_framework("capability_evidence")
    >>> em.rule("e_participation").present, em.item("gtmi_i30").indicator
    ({'ev': 'gtmi_i30', 'eq': 1}, 'I-30')
    >>> em.coverage("e_participation"), em.coverage("cybersecurity"), em.coverage("e_visa"), em.coverage("foo")
    ('decided', 'context_only', 'not_modelled', None)
    >>> em.state("open_data", {"gtmi_i29": 0.0}.get), em.state("open_data", {}.get)
    ('absent', 'unknown')
    """

    source: str | None = None
    max_lag: int = 2
    editions_from: dict = field(default_factory=dict)
    evidence: tuple[EvidenceItem, ...] = ()
    rules: tuple[CapabilityRule, ...] = ()
    context_only: tuple[ContextRule, ...] = ()
    not_modelled: dict = field(default_factory=dict)
    baseline: dict = field(default_factory=dict, repr=False)

    def item(self, evidence_id: str) -> EvidenceItem:
        """The evidence item ``evidence_id`` (``KeyError`` if absent)."""
        for e in self.evidence:
            if e.id == evidence_id:
                return e
        raise KeyError(f"{self.id}: no evidence {evidence_id!r}")

    def rule(self, capability: str) -> CapabilityRule:
        """The deciding rule of ``capability`` (``KeyError`` if it has none)."""
        for r in self.rules:
            if r.capability == capability:
                return r
        raise KeyError(f"{self.id}: no rule for {capability!r}")

    def coverage(self, capability: str) -> str | None:
        """``decided``, ``context_only``, ``not_modelled`` or ``None`` (the map does not mention the tag)."""
        if any(r.capability == capability for r in self.rules):
            return "decided"
        if any(r.capability == capability for r in self.context_only):
            return "context_only"
        return "not_modelled" if capability in self.not_modelled else None

    def state(self, capability: str, value: Callable[[str], float | None]) -> str:
        """State of a decided capability given ``value(evidence_id)`` (number or ``None``)."""
        r = self.rule(capability)
        for state in DECIDING:
            cond = getattr(r, state)
            if cond and kleene(cond, value) is True:
                return state
        return "unknown"


EVIDENCE_MAP_KEYS = {**COMMON_KEYS, "year_policy": True, "evidence": True, "capabilities": True,
                     "context_only": False, "not_modelled": False, "baseline": False}
ITEM_KEYS = {"source": True, "indicator": True, "breakdown": False, "editions": False, "question": False,
             "levels": False, "levels_basis": False, "note": False}
RULE_KEYS = {"present": False, "partial": False, "absent": False, "context": False, "why": True, "future": False}
TEMPLATE_KEYS = {"id": True, "type": True, "name": True, "capability": False, "mandate": False, "relations": False,
                 "measured_by": False, "description": False}


def _check_condition(c: _Checker, path: tuple, cond: Any, items: Mapping) -> None:
    if not isinstance(cond, dict):
        c.add(path, "a condition {ev: id, min|max|eq|gt|lt: number} or {all|any: [conditions]}", cond)
        return
    logical = [k for k in ("all", "any") if k in cond]
    if logical:
        if len(cond) != 1:
            c.add(path, "only 'all' or only 'any' in a combined condition", found_text=", ".join(map(str, cond)))
        sub = cond[logical[0]]
        if not isinstance(sub, list) or not sub:
            c.add(path + (logical[0],), "a non-empty list of conditions", sub)
            return
        for j, s in enumerate(sub):
            _check_condition(c, path + (logical[0], j), s, items)
        return
    if not c.mapping(path, cond, {"ev": True, **dict.fromkeys(EVIDENCE_OPERATORS, False)}):
        return
    if "ev" in cond:
        c.reference(path + ("ev",), cond["ev"], list(items), "an evidence id of this file")
    ops = [k for k in cond if k in EVIDENCE_OPERATORS]
    if len(ops) != 1:
        c.add(path, f"exactly one comparison of {', '.join(EVIDENCE_OPERATORS)}",
              found_text=", ".join(ops) if ops else "none")
    for op in ops:
        c.number(path + (op,), cond[op])


def _check_ids(c: _Checker, path: tuple, value: Any, items: Mapping) -> None:
    for j, ref in enumerate(c.string_list(path, value)):
        c.reference(path + (j,), ref, list(items), "an evidence id of this file")


def _check_tag(c: _Checker, path: tuple, tag: Any, seen: dict) -> None:
    if not isinstance(tag, str) or tag not in CAPABILITIES:
        c.add(path, "a capability tag (assess.frameworks.vocabulary.CAPABILITIES)",
              found_text=f"unknown tag {_show(tag)}" + _suggest(tag, CAPABILITIES))
    elif tag in seen:
        c.add(path, "each capability in one section", found_text=f"{_show(tag)} also in {seen[tag]}")
    else:
        seen[tag] = path[0]


def _validate_evidence_map(c: _Checker, doc: dict, resolve) -> None:
    policy = doc.get("year_policy")
    if "year_policy" in doc and c.mapping(("year_policy",), policy, {"max_lag": True, "editions_from": False}):
        lag = policy.get("max_lag")
        if "max_lag" in policy and (not isinstance(lag, int) or isinstance(lag, bool) or lag < 0):
            c.add(("year_policy", "max_lag"), "a whole number of years >= 0", lag)
        ef = policy.get("editions_from", {})
        if not isinstance(ef, dict):
            c.add(("year_policy", "editions_from"), "a mapping dataset id → framework id", ef)
        else:
            for ds, fw in ef.items():
                c.choice(("year_policy", "editions_from", ds), ds, KNOWN_DATASETS)
                if resolve is not None and resolve(fw) is None:
                    c.add(("year_policy", "editions_from", ds), "the id of a composite framework in frameworks/", fw)
    items = doc.get("evidence") if isinstance(doc.get("evidence"), dict) else {}
    if "evidence" in doc and not isinstance(doc["evidence"], dict):
        c.add(("evidence",), "a mapping evidence id → {source, indicator, …}", doc["evidence"])
    for eid, item in items.items():
        path = ("evidence", eid)
        c.ident(path, eid)
        if not c.mapping(path, item, ITEM_KEYS):
            continue
        if "source" in item:
            c.choice(path + ("source",), item["source"], KNOWN_DATASETS)
        if "indicator" in item:
            c.text(path + ("indicator",), item["indicator"], allow_translated=False)
        if "breakdown" in item and not isinstance(item["breakdown"], str):
            c.add(path + ("breakdown",), "a text ('' = the country total)", item["breakdown"])
        if "editions" in item:
            eds = item["editions"]
            if not isinstance(eds, list) or not all(isinstance(y, int) and not isinstance(y, bool)
                                                    and 1990 <= y <= 2100 for y in eds):
                c.add(path + ("editions",), "a list of years", eds)
        for key in ("question", "levels_basis", "note"):
            if key in item:
                c.text(path + (key,), item[key], allow_translated=False)
        if "levels" in item and not (isinstance(item["levels"], dict) and all(
                isinstance(k, int) and isinstance(v, str) for k, v in item["levels"].items())):
            c.add(path + ("levels",), "a mapping level number → meaning", item["levels"])
    seen: dict = {}
    caps = doc.get("capabilities")
    if "capabilities" in doc and not isinstance(caps, dict):
        c.add(("capabilities",), "a mapping capability tag → rule", caps)
    for tag, rule in (caps if isinstance(caps, dict) else {}).items():
        path = ("capabilities", tag)
        _check_tag(c, path, tag, seen)
        if not c.mapping(path, rule, RULE_KEYS):
            continue
        if not any(s in rule for s in DECIDING):
            c.add(path, "a condition for at least one of present, partial, absent", found_text="none")
        for state in DECIDING:
            if state in rule:
                _check_condition(c, path + (state,), rule[state], items)
        if "context" in rule:
            _check_ids(c, path + ("context",), rule["context"], items)
        for key in ("why", "future"):
            if key in rule:
                c.text(path + (key,), rule[key], allow_translated=False)
    ctx = doc.get("context_only", {})
    for tag, rule in (ctx if isinstance(ctx, dict) else {}).items():
        path = ("context_only", tag)
        _check_tag(c, path, tag, seen)
        if c.mapping(path, rule, {"context": True, "why": True}):
            if "context" in rule:
                _check_ids(c, path + ("context",), rule["context"], items)
            if "why" in rule:
                c.text(path + ("why",), rule["why"], allow_translated=False)
    if not isinstance(ctx, dict):
        c.add(("context_only",), "a mapping capability tag → {context, why}", ctx)
    nm = doc.get("not_modelled", {})
    if not isinstance(nm, dict):
        c.add(("not_modelled",), "a mapping capability tag → reason", nm)
    for tag, why in (nm if isinstance(nm, dict) else {}).items():
        _check_tag(c, ("not_modelled", tag), tag, seen)
        c.text(("not_modelled", tag), why, allow_translated=False)
    if "baseline" in doc:
        _validate_baseline(c, doc["baseline"], caps if isinstance(caps, dict) else {}, resolve)


def _validate_baseline(c: _Checker, base: Any, caps: Mapping, resolve) -> None:
    if not c.mapping(("baseline",), base, {"root": True, "users": False, "nodes": True}):
        return
    templates: list[tuple[tuple, Any]] = [(("baseline", "root"), base.get("root"))]
    templates += [(("baseline", "users", i), u) for i, u in enumerate(c.list_of_mappings(
        ("baseline", "users"), base.get("users"), "users", allow_empty=True))]
    templates += [(("baseline", "nodes", i), n) for i, n in enumerate(c.list_of_mappings(
        ("baseline", "nodes"), base.get("nodes"), "nodes"))]
    c.unique_ids([(p + ("id",), t.get("id")) for p, t in templates if isinstance(t, dict)], "the baseline")
    ids = [t.get("id") for _, t in templates if isinstance(t, dict)]
    for path, t in templates:
        if not c.mapping(path, t, TEMPLATE_KEYS):
            continue
        c.ident(path + ("id",), t.get("id"))
        if "name" in t:
            c.name(path + ("name",), t["name"])
        kind = path[1]
        allowed = BODY_TYPES if kind == "root" else ("user_group",) if kind == "users" else NODE_TYPES
        if "type" in t:
            c.choice(path + ("type",), t["type"], allowed)
        if kind == "root" and not t.get("mandate"):
            c.add(path + ("mandate",), "a mandate for the root body", found_text="none")
        if "capability" in t:
            c.reference(path + ("capability",), t["capability"], list(caps), "a capability decided in this file")
        elif kind == "nodes":
            c.add(path, "a 'capability' (the node is built when the evidence attests it)", found_text="none")
        for j, rel in enumerate(t.get("relations") or []):
            rp = path + ("relations", j)
            if not c.mapping(rp, rel, {"type": True, "to": False, "from": False}):
                continue
            if "type" in rel:
                c.choice(rp + ("type",), rel["type"], RELATION_TYPES)
            ends = [k for k in ("to", "from") if k in rel]
            if len(ends) != 1:
                c.add(rp, "exactly one of 'to' and 'from' (the other end is this node)", found_text=", ".join(ends) or "none")
            for k in ends:
                c.reference(rp + (k,), rel[k], ids, "a node id of the baseline")
        for j, ref in enumerate(c.string_list(path + ("measured_by",), t["measured_by"]) if "measured_by" in t else []):
            _check_indicator_ref(c, path + ("measured_by", j), ref, resolve)


def build(doc: dict, base: dict) -> EvidenceMap:
    """The evidence map of a validated document; ``base`` holds the fields every framework has."""
    items = tuple(EvidenceItem(
        id=eid, source=e["source"], indicator=str(e["indicator"]), breakdown=e.get("breakdown", ""),
        editions=tuple(e.get("editions") or ()), question=_text(e.get("question")), levels=dict(e.get("levels") or {}),
        levels_basis=_text(e.get("levels_basis")), note=_text(e.get("note"))) for eid, e in doc["evidence"].items())
    rules = tuple(CapabilityRule(capability=tag, present=r.get("present"), partial=r.get("partial"),
                                 absent=r.get("absent"), context=_as_tuple(r.get("context")),
                                 why=" ".join(str(r["why"]).split()), future=_text(r.get("future")))
                  for tag, r in doc["capabilities"].items())
    ctx = tuple(ContextRule(capability=tag, context=_as_tuple(r.get("context")), why=" ".join(str(r["why"]).split()))
                for tag, r in (doc.get("context_only") or {}).items())
    policy = doc["year_policy"]
    return EvidenceMap(**base, source=_text(doc.get("source")), max_lag=policy["max_lag"],
                       editions_from=dict(policy.get("editions_from") or {}), evidence=items, rules=rules,
                       context_only=ctx, not_modelled={k: str(v) for k, v in (doc.get("not_modelled") or {}).items()},
                       baseline=dict(doc.get("baseline") or {}))


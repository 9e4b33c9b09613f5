"""Traceability checks of a strategy: what its structure lacks, element by element.

The paper asks for a strategic structure whose components have visible action points and key enablers,
that is fully comprehensible and cannot be separated from the strategy. :func:`check_strategy` reports
every place where a strategy file (``kind: strategy``) falls short, each :class:`Finding` naming the
element and what is missing:

- every direction has a goal, an action point (through its goals) and an enabler;
- every goal serves a direction and has a KPI; every KPI measures a goal and has a numeric target, a
  target date and an owner that is a body of the country model (an owner the source does not name is
  reported as inferred), and a baseline;
- every action point has an owner, a start and an end date and a goal;
- no orphan principle (one not tied to a direction or the vision) or enabler (serving no direction, or
  pointing at no node of the model); every principle says what it requires of agencies;
- every diagram shows goals or action points (the paper: diagrams alone do not make a structure);
- comprehensibility: every element explained (a description; a definition and unit for a KPI; what a
  principle requires), no undefined term (an abbreviation used but never spelt out);
- references to nodes the model lacks (``model_gaps``), and gap entries the model has since gained.

Findings of severity ``gap`` are missing parts of the structure; ``note`` findings are weaker (an
inferred owner, a node still to add to the model, a model older than the strategy).

Examples
--------
>>> f = check_strategy("azerbaijan_ict_2003_2012")
>>> print(next(x for x in f if x.rule == "no_vision"))
azerbaijan_ict_2003_2012: the strategy states no vision
>>> print(next(x for x in f if x.element == "a_it_university" and x.rule == "action_without_owner"))
a_it_university: action point 'Information Technologies University founded' has no owner body
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assess.frameworks import CountryModel, load_framework
from assess.frameworks.strategy import Strategy

__all__ = ["RULES", "Finding", "check_strategy", "load_strategy", "structure_summary"]

#: Every rule: id → (severity, what it checks). Severity ``gap`` = a missing part of the structure.
RULES: dict[str, tuple[str, str]] = {
    "no_vision": ("gap", "the strategy states a vision"),
    "no_directions": ("gap", "the strategy has strategic directions"),
    "no_kpis": ("gap", "the strategy has KPIs"),
    "no_action_points": ("gap", "the strategy has action points"),
    "no_diagram": ("gap", "the strategy has a diagram"),
    "direction_without_goal": ("gap", "every direction has a goal"),
    "direction_without_action": ("gap", "every direction has an action point (through its goals)"),
    "direction_without_enabler": ("gap", "every direction has an enabler"),
    "goal_without_direction": ("gap", "every goal serves a direction"),
    "goal_without_kpi": ("gap", "every goal has a KPI"),
    "kpi_without_goal": ("gap", "every KPI measures a goal"),
    "kpi_target_not_numeric": ("gap", "every KPI has a numeric target"),
    "kpi_without_target_date": ("gap", "every KPI has a target date"),
    "kpi_without_owner": ("gap", "every KPI has an owner body"),
    "kpi_owner_inferred": ("note", "the KPI's owner is named by a source"),
    "kpi_without_baseline": ("note", "every KPI has a baseline"),
    "action_without_owner": ("gap", "every action point has an owner body"),
    "action_owner_inferred": ("note", "the action point's owner is named by a source"),
    "action_without_dates": ("gap", "every action point has a start and an end date"),
    "action_without_goal": ("gap", "every action point serves a goal"),
    "principle_orphan": ("gap", "every principle is tied to a direction or the vision"),
    "principle_without_requirement": ("gap", "every principle says what it requires of agencies"),
    "enabler_orphan": ("gap", "every enabler serves a direction"),
    "enabler_without_node": ("gap", "every enabler points at a law, body or platform of the country model"),
    "diagram_unlinked": ("gap", "every diagram shows goals or action points"),
    "diagram_without_actions": ("note", "a diagram shows action points (diagrams alone do not make a structure)"),
    "not_explained": ("gap", "every element is explained in en and az"),
    "kpi_undefined": ("gap", "every KPI has a definition and a unit"),
    "undefined_term": ("gap", "every abbreviation is spelt out once or defined in the glossary"),
    "node_to_add": ("note", "every body, law or platform named is a node of the country model"),
    "gap_resolved": ("note", "model_gaps lists only nodes the model lacks"),
    "model_older": ("note", "the country model is as recent as the strategy"),
}


@dataclass(frozen=True)
class Finding:
    """One thing a strategy's structure lacks: the rule, the element (id and kind) and what is missing."""

    rule: str
    element: str
    kind: str
    message: str

    @property
    def severity(self) -> str:
        """``gap`` (a missing part of the structure) or ``note``."""
        return RULES[self.rule][0]

    def __str__(self) -> str:
        return f"{self.element}: {self.message}"


def load_strategy(strategy: Strategy | str) -> Strategy:
    """A strategy object from an id (request values are ids) or the object itself.

    Examples
    --------
    >>> load_strategy("estonia_dsdp2030").model
    'estonia'
    >>> load_strategy("estonia")
    Traceback (most recent call last):
    ...
    assess.errors.FrameworkError: estonia: 1 problem
      expected a strategy (kind: strategy), found a framework of kind 'country_model'
    """
    from assess.errors import FrameworkError, Issue

    s = load_framework(strategy) if isinstance(strategy, str) else strategy
    if not isinstance(s, Strategy):
        raise FrameworkError(getattr(s, "id", str(strategy)),
                             [Issue("", f"expected a strategy (kind: strategy), found a framework of kind "
                                        f"{getattr(s, 'kind', type(s).__name__)!r}")])
    return s


_KIND_WORD = {"vision": "vision", "general_objective": "general objective", "direction": "direction",
              "goal": "goal", "kpi": "KPI", "principle": "principle", "rule": "implementation rule",
              "action_point": "action point", "enabler": "enabler", "diagram": "diagram"}


def _what(e) -> str:
    return f"{_KIND_WORD.get(e.kind, e.kind)} {e.label!r}"


def _model_nodes(s: Strategy, model: CountryModel | None) -> dict[str, str]:
    m = model if model is not None else load_framework(s.model)
    return {n.id: n.type for n in m.nodes}


_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&]*[A-Z][A-Z0-9&]*)s?(?![\w-])")


def _texts(e) -> list[str]:
    out = [e.name.get("en", "")]
    for key in ("description", "statement", "definition", "requires"):
        value = getattr(e, key, None)
        if isinstance(value, dict):
            out.append(value.get("en", ""))
    return [t for t in out if t]


def _defined_terms(s: Strategy, model: CountryModel | None) -> set[str]:
    """Abbreviations spelt out somewhere: ``Full name (ABBR)`` or ``ABBR (full name)`` in the file's or the
    model's English texts, or in the glossary."""
    texts = [t for e in s.elements() for t in _texts(e)]
    texts += [d.title.get("en", "") for d in s.documents] + [d.issuer_name or "" for d in s.documents]
    texts += [g.name.get("en", "") for g in s.model_gaps] + [(s.description or {}).get("en", "")]
    m = model if model is not None else load_framework(s.model)
    texts += [n.name.get("en", "") for n in m.nodes] + [n.description or "" for n in m.nodes]
    found = set(s.glossary)
    for text in texts:
        found.update(re.findall(r"\(([A-Z][A-Z0-9&]+)(?:\s[^)]*)?\)", text))
        found.update(re.findall(r"\b([A-Z][A-Z0-9&]+) \((?:[A-Za-z][^)]*)\)", text))
    return found


def check_strategy(strategy: Strategy | str, model: CountryModel | None = None) -> list[Finding]:
    """Every traceability finding of a strategy (see the module docstring), in the file's order.

    Parameters
    ----------
    strategy : Strategy or str
        A loaded strategy or its id in ``frameworks/``.
    model : CountryModel, optional
        The country model (default: the strategy's ``model``).

    Returns
    -------
    list of Finding

    Examples
    --------
    >>> f = check_strategy("singapore_dgb")
    >>> [str(x) for x in f if x.rule == "direction_without_action"]
    ["d_reliable_secure: direction 'Operating reliable, secure and resilient systems' has no action point (none of its goals has one)"]
    >>> sum(x.rule == "kpi_owner_inferred" for x in f), sum(x.rule == "kpi_without_owner" for x in f)
    (12, 0)
    """
    s = load_strategy(strategy)
    nodes = _model_nodes(s, model)
    out: list[Finding] = []

    def add(rule: str, element, message: str) -> None:
        if isinstance(element, str):
            out.append(Finding(rule, element, "strategy", message))
        else:
            out.append(Finding(rule, element.id, element.kind, f"{_what(element)} {message}"))

    for rule, empty, word in (("no_vision", s.vision is None, "states no vision"),
                              ("no_directions", not s.directions, "has no strategic direction"),
                              ("no_kpis", not s.kpis, "has no KPI"),
                              ("no_action_points", not s.action_points, "has no action point"),
                              ("no_diagram", not s.diagrams, "has no diagram")):
        if empty:
            add(rule, s.id, f"the strategy {word}")
    goals_of = {d.id: [g for g in s.goals if d.id in g.directions] for d in s.directions}
    kpis_of = {g.id: [k for k in s.kpis if k.goal == g.id] for g in s.goals}
    actions_of = {g.id: [a for a in s.action_points if a.goal == g.id] for g in s.goals}
    for d in s.directions:
        if not goals_of[d.id]:
            add("direction_without_goal", d, "has no goal")
        if not any(actions_of[g.id] for g in goals_of[d.id]):
            add("direction_without_action", d, "has no action point (none of its goals has one)")
        if not any(d.id in e.directions for e in s.enablers):
            add("direction_without_enabler", d, "has no enabler")
    for g in s.goals:
        if not g.directions:
            add("goal_without_direction", g, "serves no direction")
        if not kpis_of[g.id]:
            add("goal_without_kpi", g, "has no KPI")
    for k in s.kpis:
        if k.goal is None:
            add("kpi_without_goal", k, "measures no goal")
        if k.target is None or not k.target.numeric:
            add("kpi_target_not_numeric", k, "has no numeric target" + (" (stated in words only)" if k.target else ""))
        if k.target is None or k.target.date is None:
            add("kpi_without_target_date", k, "has no target date")
        if k.owner is None:
            add("kpi_without_owner", k, "has no owner body")
        elif not k.owner_stated:
            add("kpi_owner_inferred", k, f"has an owner ({k.owner!r}) that no source names for it (inferred)")
        if k.baseline is None:
            add("kpi_without_baseline", k, "has no baseline")
    for a in s.action_points:
        if a.owner is None:
            add("action_without_owner", a, "has no owner body")
        elif not a.owner_stated:
            add("action_owner_inferred", a, f"has an owner ({a.owner!r}) that no source names for it (inferred)")
        missing = [w for w, v in (("start", a.start), ("end", a.end)) if v is None]
        if missing:
            add("action_without_dates", a, f"has no {' and no '.join(missing)} date")
        if a.goal is None:
            add("action_without_goal", a, "serves no goal")
    anchor = s.vision or s.general_objective
    for p in s.principles:
        if not p.applies_to and anchor is None:
            add("principle_orphan", p, "applies to the whole strategy, which has no vision to tie it to")
        if p.requires is None:
            add("principle_without_requirement", p, "does not say what it requires of agencies")
    for e in s.enablers:
        if not e.directions:
            add("enabler_orphan", e, "serves no direction")
        if e.node is None:
            add("enabler_without_node", e, "points at no law, body or platform of the country model")
    kinds = {e.id: e.kind for e in s.elements()}
    for dg in s.diagrams:
        shown = Counter(kinds.get(x) for x in dg.shows_elements)
        if not shown["goal"] and not shown["action_point"]:
            add("diagram_unlinked", dg, "shows no goal and no action point (a diagram alone is not a structure)")
        elif not shown["action_point"]:
            add("diagram_without_actions", dg, "shows no action point")
    out += _comprehensibility(s, model)
    for ref, where in _node_references(s):
        if ref not in nodes and s.gap(ref) is not None:
            add("node_to_add", where, f"names {ref!r}, not yet a node of the model {s.model!r} (model_gaps: "
                                      "a node to add)")
    for g in s.model_gaps:
        if g.id in nodes:
            add("gap_resolved", g.id, f"model_gaps lists {g.id!r}, which the model {s.model!r} now has: delete "
                                      "the entry")
    m = model if model is not None else load_framework(s.model)
    if str(m.as_of)[:4] < str(s.as_of)[:4]:
        add("model_older", s.id, f"the country model {m.id!r} is as of {m.as_of}, the strategy as of {s.as_of}: "
                                 "bodies and owners may have changed since")
    return out


def _node_references(s: Strategy):
    for d in s.documents:
        if d.issuer:
            yield d.issuer, d.id
    for k in s.kpis:
        if k.owner:
            yield k.owner, k
    for a in s.action_points:
        if a.owner:
            yield a.owner, a
        for n in a.delivers:
            yield n, a
    for r in s.implementation_rules:
        if r.body:
            yield r.body, r
    for e in s.enablers:
        if e.node:
            yield e.node, e
    for dg in s.diagrams:
        for n in dg.shows_nodes:
            yield n, dg


def _comprehensibility(s: Strategy, model: CountryModel | None) -> list[Finding]:
    out = []
    for e in s.elements():
        if e.kind == "kpi":
            problems = [w for w, bad in (("no definition", e.definition is None),
                                         ("no unit", e.unit.strip().lower() in ("", "not stated"))) if bad]
            if problems:
                out.append(Finding("kpi_undefined", e.id, e.kind, f"{_what(e)} has {' and '.join(problems)}"))
        elif e.kind == "principle":
            continue  # explained by what it requires (principle_without_requirement)
        elif e.description is None:
            out.append(Finding("not_explained", e.id, e.kind, f"{_what(e)} is not explained (no description in "
                                                             "en and az)"))
    defined = _defined_terms(s, model)
    used: dict[str, list[str]] = {}
    for e in s.elements():
        for text in _texts(e):
            for term in _ACRONYM.findall(text):
                if term not in defined and e.id not in used.setdefault(term, []):
                    used[term].append(e.id)
    for term, where in sorted(used.items()):
        shown = ", ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
        out.append(Finding("undefined_term", where[0], "term", f"the abbreviation {term!r} (used in {shown}) is "
                                                               "never spelt out nor in the glossary"))
    return out


def structure_summary(strategy: Strategy | str) -> dict:
    """Counts of a strategy's structure: elements, KPIs with a numeric target, a date, a stated or inferred
    owner, a baseline, reported values; action points with an owner, both dates, a goal, a budget line;
    enablers and rules by type; the verified share.

    Examples
    --------
    >>> c = structure_summary("azerbaijan_digital_2026")
    >>> c["kpis"], c["kpis_numeric_target"], c["kpis_target_date"], c["kpis_owner_stated"], c["rules_by_type"]["funding"]
    (5, 3, 3, 0, 3)
    """
    s = load_strategy(strategy)
    kpis, acts = s.kpis, s.action_points
    elements = list(s.elements())
    return {
        "documents": len(s.documents), "set_documents": len(s.set_documents),
        "documents_opened": sum(d.opened in ("full", "partial") for d in s.documents),
        "vision": s.vision is not None, "general_objective": s.general_objective is not None,
        "directions": len(s.directions), "goals": len(s.goals), "kpis": len(kpis),
        "kpis_numeric_target": sum(k.target is not None and k.target.numeric for k in kpis),
        "kpis_target_date": sum(k.target is not None and k.target.date is not None for k in kpis),
        "kpis_owner_stated": sum(k.owner is not None and k.owner_stated for k in kpis),
        "kpis_owner_inferred": sum(k.owner is not None and not k.owner_stated for k in kpis),
        "kpis_baseline": sum(k.baseline is not None for k in kpis),
        "kpis_reported": sum(bool(k.reported) for k in kpis),
        "kpis_measured_by": sum(bool(k.measured_by) for k in kpis),
        "kpis_target_verified": sum(k.target is not None and k.target.verified for k in kpis),
        "principles": len(s.principles), "principles_with_requires": sum(p.requires is not None for p in s.principles),
        "rules": len(s.implementation_rules), "rules_by_type": dict(Counter(r.type for r in s.implementation_rules)),
        "action_points": len(acts), "actions_owner": sum(a.owner is not None for a in acts),
        "actions_owner_stated": sum(a.owner is not None and a.owner_stated for a in acts),
        "actions_both_dates": sum(a.start is not None and a.end is not None for a in acts),
        "actions_goal": sum(a.goal is not None for a in acts),
        "actions_budget_line": sum(a.budget_line is not None for a in acts),
        "enablers": len(s.enablers), "enablers_by_type": dict(Counter(e.type for e in s.enablers)),
        "diagrams": len(s.diagrams), "notes": len(s.notes), "model_gaps": len(s.model_gaps),
        "elements": len(elements) + len(s.notes),
        "elements_verified": sum(e.verified for e in elements) + sum(n.verified for n in s.notes),
    }

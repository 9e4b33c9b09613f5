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
from dataclasses import dataclass, field

from assess.frameworks import CountryModel, load_framework
from assess.frameworks.strategy import Strategy
from assess.i18n import N_, language, name_in, t, translated

__all__ = ["RULES", "Finding", "check_strategy", "load_strategy", "structure_summary"]

#: Every rule: id → (severity, what it checks). Severity ``gap`` = a missing part of the structure.
RULES: dict[str, tuple[str, str]] = {
    "no_vision": ("gap", N_("the strategy states a vision")),
    "no_directions": ("gap", N_("the strategy has strategic directions")),
    "no_kpis": ("gap", N_("the strategy has KPIs")),
    "no_action_points": ("gap", N_("the strategy has action points")),
    "no_diagram": ("gap", N_("the strategy has a diagram")),
    "direction_without_goal": ("gap", N_("every direction has a goal")),
    "direction_without_action": ("gap", N_("every direction has an action point (through its goals)")),
    "direction_without_enabler": ("gap", N_("every direction has an enabler")),
    "goal_without_direction": ("gap", N_("every goal serves a direction")),
    "goal_without_kpi": ("gap", N_("every goal has a KPI")),
    "kpi_without_goal": ("gap", N_("every KPI measures a goal")),
    "kpi_target_not_numeric": ("gap", N_("every KPI has a numeric target")),
    "kpi_without_target_date": ("gap", N_("every KPI has a target date")),
    "kpi_without_owner": ("gap", N_("every KPI has an owner body")),
    "kpi_owner_inferred": ("note", N_("the KPI's owner is named by a source")),
    "kpi_without_baseline": ("note", N_("every KPI has a baseline")),
    "action_without_owner": ("gap", N_("every action point has an owner body")),
    "action_owner_inferred": ("note", N_("the action point's owner is named by a source")),
    "action_without_dates": ("gap", N_("every action point has a start and an end date")),
    "action_without_goal": ("gap", N_("every action point serves a goal")),
    "principle_orphan": ("gap", N_("every principle is tied to a direction or the vision")),
    "principle_without_requirement": ("gap", N_("every principle says what it requires of agencies")),
    "enabler_orphan": ("gap", N_("every enabler serves a direction")),
    "enabler_without_node": ("gap", N_("every enabler points at a law, body or platform of the country model")),
    "diagram_unlinked": ("gap", N_("every diagram shows goals or action points")),
    "diagram_without_actions": ("note", N_("a diagram shows action points (diagrams alone do not make a structure)")),
    "not_explained": ("gap", N_("every element is explained in en and az")),
    "kpi_undefined": ("gap", N_("every KPI has a definition and a unit")),
    "undefined_term": ("gap", N_("every abbreviation is spelt out once or defined in the glossary")),
    "node_to_add": ("note", N_("every body, law or platform named is a node of the country model")),
    "gap_resolved": ("note", N_("model_gaps lists only nodes the model lacks")),
    "model_older": ("note", N_("the country model is as recent as the strategy")),
}


@dataclass(frozen=True)
class Finding:
    """One thing a strategy's structure lacks: the rule, the element (id and kind) and what is missing.

    ``message`` is English; :meth:`message_in` says it in another language (``text`` is the English wording of
    what is missing with its ``{placeholders}``, ``values`` their values, ``subject`` the element's kind and names).
    """

    rule: str
    element: str
    kind: str
    message: str
    text: str = field(default="", compare=False, repr=False)
    values: tuple = field(default=(), compare=False, repr=False)
    subject: tuple | None = field(default=None, compare=False, repr=False)

    @property
    def severity(self) -> str:
        """``gap`` (a missing part of the structure) or ``note``."""
        return RULES[self.rule][0]

    def message_in(self, lang: str = "en") -> str:
        """The message in ``lang``: the element named in that language, then what it lacks.

        Examples
        --------
        >>> f = next(x for x in check_strategy("azerbaijan_ict_2003_2012") if x.rule == "no_vision")
        >>> f.message_in("en"), f.message_in("az")
        ('the strategy states no vision', 'Strategiyada vizyon göstərilmir')
        """
        if language(lang) == "en" or not self.text:
            return self.message
        said = translated(self.text, lang, **dict(self.values))
        if self.subject is not None:
            kind, name = self.subject
            what, name = translated(_KIND_WORD.get(kind, kind), lang), name_in(name, lang, self.element)
            said = (t("{what}: {said}", lang, what=what, said=said) if name.casefold() == what.casefold() else
                    t("{what} «{name}»: {said}", lang, what=what, name=name, said=said))
        return _capital(said, lang)

    def __str__(self) -> str:
        return f"{self.element}: {self.message}"


def _capital(text: str, lang: str) -> str:
    """``text`` with a capital first letter (Azerbaijani's dotted ``i`` → ``İ``).

    >>> _capital("istiqamət «X»: məqsədi yoxdur", "az")
    'İstiqamət «X»: məqsədi yoxdur'
    """
    if not text:
        return text
    first = "İ" if text[0] == "i" and lang == "az" else text[0].upper()
    return first + text[1:]


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


_KIND_WORD = {"vision": N_("vision"), "general_objective": N_("general objective"), "direction": N_("direction"),
              "goal": N_("goal"), "kpi": N_("KPI"), "principle": N_("principle"), "rule": N_("implementation rule"),
              "action_point": N_("action point"), "enabler": N_("enabler"), "diagram": N_("diagram")}


def _what(e) -> str:
    return f"{_KIND_WORD.get(e.kind, e.kind)} {e.label!r}"


def _finding(rule: str, element, text: str, **values) -> Finding:
    """A finding about ``element`` (an element, or the id of the strategy or of a document): ``text`` is what it
    lacks in English (marked with ``N_``), ``values`` fill its placeholders."""
    said = text.format(**values)
    if isinstance(element, str):
        return Finding(rule, element, "strategy", said, text, tuple(values.items()))
    return Finding(rule, element.id, element.kind, f"{_what(element)} {said}", text, tuple(values.items()),
                   (element.kind, dict(element.name)))


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

    def add(rule: str, element, text: str, **values) -> None:
        out.append(_finding(rule, element, text, **values))

    for rule, empty, text in (("no_vision", s.vision is None, N_("the strategy states no vision")),
                              ("no_directions", not s.directions, N_("the strategy has no strategic direction")),
                              ("no_kpis", not s.kpis, N_("the strategy has no KPI")),
                              ("no_action_points", not s.action_points, N_("the strategy has no action point")),
                              ("no_diagram", not s.diagrams, N_("the strategy has no diagram"))):
        if empty:
            add(rule, s.id, text)
    goals_of = {d.id: [g for g in s.goals if d.id in g.directions] for d in s.directions}
    kpis_of = {g.id: [k for k in s.kpis if k.goal == g.id] for g in s.goals}
    actions_of = {g.id: [a for a in s.action_points if a.goal == g.id] for g in s.goals}
    for d in s.directions:
        if not goals_of[d.id]:
            add("direction_without_goal", d, N_("has no goal"))
        if not any(actions_of[g.id] for g in goals_of[d.id]):
            add("direction_without_action", d, N_("has no action point (none of its goals has one)"))
        if not any(d.id in e.directions for e in s.enablers):
            add("direction_without_enabler", d, N_("has no enabler"))
    for g in s.goals:
        if not g.directions:
            add("goal_without_direction", g, N_("serves no direction"))
        if not kpis_of[g.id]:
            add("goal_without_kpi", g, N_("has no KPI"))
    for k in s.kpis:
        if k.goal is None:
            add("kpi_without_goal", k, N_("measures no goal"))
        if k.target is None or not k.target.numeric:
            add("kpi_target_not_numeric", k, N_("has no numeric target (stated in words only)") if k.target
                else N_("has no numeric target"))
        if k.target is None or k.target.date is None:
            add("kpi_without_target_date", k, N_("has no target date"))
        if k.owner is None:
            add("kpi_without_owner", k, N_("has no owner body"))
        elif not k.owner_stated:
            add("kpi_owner_inferred", k, N_("has an owner ('{owner}') that no source names for it (inferred)"),
                owner=k.owner)
        if k.baseline is None:
            add("kpi_without_baseline", k, N_("has no baseline"))
    for a in s.action_points:
        if a.owner is None:
            add("action_without_owner", a, N_("has no owner body"))
        elif not a.owner_stated:
            add("action_owner_inferred", a, N_("has an owner ('{owner}') that no source names for it (inferred)"),
                owner=a.owner)
        if a.start is None or a.end is None:
            add("action_without_dates", a, N_("has no start date") if a.end is not None else
                N_("has no end date") if a.start is not None else N_("has no start and no end date"))
        if a.goal is None:
            add("action_without_goal", a, N_("serves no goal"))
    anchor = s.vision or s.general_objective
    for p in s.principles:
        if not p.applies_to and anchor is None:
            add("principle_orphan", p, N_("applies to the whole strategy, which has no vision to tie it to"))
        if p.requires is None:
            add("principle_without_requirement", p, N_("does not say what it requires of agencies"))
    for e in s.enablers:
        if not e.directions:
            add("enabler_orphan", e, N_("serves no direction"))
        if e.node is None:
            add("enabler_without_node", e, N_("points at no law, body or platform of the country model"))
    kinds = {e.id: e.kind for e in s.elements()}
    for dg in s.diagrams:
        shown = Counter(kinds.get(x) for x in dg.shows_elements)
        if not shown["goal"] and not shown["action_point"]:
            add("diagram_unlinked", dg, N_("shows no goal and no action point (a diagram alone is not a structure)"))
        elif not shown["action_point"]:
            add("diagram_without_actions", dg, N_("shows no action point"))
    out += _comprehensibility(s, model)
    for ref, where in _node_references(s):
        if ref not in nodes and s.gap(ref) is not None:
            add("node_to_add", where, N_("names '{ref}', not yet a node of the model '{model}' (model_gaps: a node "
                                         "to add)"), ref=ref, model=s.model)
    for g in s.model_gaps:
        if g.id in nodes:
            add("gap_resolved", g.id, N_("model_gaps lists '{gap}', which the model '{model}' now has: delete the "
                                         "entry"), gap=g.id, model=s.model)
    m = model if model is not None else load_framework(s.model)
    if str(m.as_of)[:4] < str(s.as_of)[:4]:
        add("model_older", s.id, N_("the country model '{model}' is as of {model_as_of}, the strategy as of "
                                    "{as_of}: bodies and owners may have changed since"),
            model=m.id, model_as_of=str(m.as_of), as_of=str(s.as_of))
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
            no_definition, no_unit = e.definition is None, e.unit.strip().lower() in ("", "not stated")
            if no_definition or no_unit:
                out.append(_finding("kpi_undefined", e, N_("has no definition and no unit") if no_definition and no_unit
                                    else N_("has no definition") if no_definition else N_("has no unit")))
        elif e.kind == "principle":
            continue  # explained by what it requires (principle_without_requirement)
        elif e.description is None:
            out.append(_finding("not_explained", e, N_("is not explained (no description in en and az)")))
    defined = _defined_terms(s, model)
    used: dict[str, list[str]] = {}
    for e in s.elements():
        for text in _texts(e):
            for term in _ACRONYM.findall(text):
                if term not in defined and e.id not in used.setdefault(term, []):
                    used[term].append(e.id)
    for term, where in sorted(used.items()):
        text = (N_("the abbreviation '{term}' (used in {ids} and {n} more) is never spelt out nor in the glossary")
                if len(where) > 3 else N_("the abbreviation '{term}' (used in {ids}) is never spelt out nor in the "
                                          "glossary"))
        f = _finding("undefined_term", where[0], text, term=term, ids=", ".join(where[:3]), n=len(where) - 3)
        out.append(Finding(f.rule, f.element, "term", f.message, f.text, f.values))
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

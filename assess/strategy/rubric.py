"""Strategy-structure assessment: rubric answers → dimension scores, overall level, gaps to a
reference profile (Singapore by default) and a ranked list of improvements (gap × weight).

Examples
--------
>>> r = score_rubric({"vision": 2}, profile_against="singapore_dgb")
>>> bool(r["overall_level"] <= 4 and r["improvements"].iloc[0]["gap"] > 0)
True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

import pandas as pd

from assess.errors import ScoringError
from assess.frameworks import memoise_on_inputs
from assess.i18n import N_, language, name_in, translated
from assess.i18n.catalogues import known

__all__ = ["COMPUTED_CRITERIA", "Said", "computed_levels", "level_comparison", "score_rubric", "verified_view"]


class Said(str):
    """An English text that can say itself in another language: the reasons of :func:`computed_levels` keep their
    English wording (marked with ``N_``) and values, and :meth:`in_` fills the wording's translation.

    Examples
    --------
    >>> why = Said(N_("{share:.0%} have an end date"), share=0.5)
    >>> why, why.in_("az")
    ('50% have an end date', '50% hissəsinin bitmə tarixi var')
    """

    def __new__(cls, template: str, /, **values):
        if isinstance(template, Said) and not values:
            return template
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template, self.values = str(template), values
        return self

    def in_(self, lang: str = "en") -> str:
        """The text in ``lang`` (English, or a text not in the catalogues: as written)."""
        template, values = getattr(self, "template", str(self)), getattr(self, "values", {})
        if language(lang) == "en" or not known(template):
            return str(self)
        return translated(template, lang, **{k: v.in_(lang) if isinstance(v, Said) else v for k, v in values.items()})


def _levels_of(rubric, answers):
    out = {}
    for k, v in answers.items():
        lvl = v.get("level") if isinstance(v, Mapping) else v
        if not isinstance(lvl, int | float) or not 0 <= lvl <= max(rubric.levels):
            raise ScoringError(f"rubric answers[{k}]: level must be in 0-{max(rubric.levels)}. Got {lvl!r} instead.")
        out[k] = float(lvl)
    return out


def score_rubric(answers, *, rubric="strategic_structure", profile_against="singapore_dgb") -> dict:
    """Score rubric answers ``{criterion_id: level}`` (or a profile id) against a reference profile.

    Unanswered criteria count as level 0 and are listed in ``unanswered`` (shown, not hidden).

    Returns
    -------
    dict
        ``criteria`` (level, reference, gap, weight, evidence), ``dimensions`` (weighted mean
        level per dimension and its reference), ``overall`` (weighted mean of dimensions),
        ``reference_overall`` (the same mean of the reference's dimensions), ``overall_level`` (rounded down), ``improvements`` (criteria sorted by gap × weight
        × dimension weight, with the rubric's evidence text for the next level),
        ``unanswered``.

    Examples
    --------
    Azerbaijan's 2003-2012 strategy as the paper describes it, against Singapore's blueprint (level 4):

    >>> r = score_rubric("azerbaijan_2003_2012")
    >>> r["overall"], r["overall_level"], score_rubric("singapore_dgb")["overall"], r["reference_overall"]
    (1.4625, 1, 4.0, 4.0)
    >>> r["improvements"].index[:2].tolist()
    ['architecture_diagrams', 'goals_kpis']
    """
    from assess.frameworks import load_framework

    r = load_framework(rubric) if isinstance(rubric, str) else rubric
    if isinstance(answers, str):
        answers = r.profiles[answers]
    if profile_against not in r.profiles:
        raise ScoringError(f"rubric: unknown profile {profile_against!r}. Expected one of: {', '.join(r.profiles)}.")
    unknown = set(answers) - {c.id for c in r.criteria}
    if unknown:
        raise ScoringError(f"rubric answers: unknown criteria {sorted(unknown)}.")
    lv = _levels_of(r, answers)
    ref = _levels_of(r, r.profiles[profile_against])
    dimw = {d.id: d.weight for d in r.dimensions}
    rows = []
    for c in r.criteria:
        own, target = lv.get(c.id, 0.0), ref.get(c.id, float(max(r.levels)))
        nxt = min(int(own) + 1, max(r.levels))
        ev = c.levels.get(nxt) or c.levels.get(str(nxt)) or {}
        rows.append({"criterion": c.id, "dimension": c.dimension, "level": own, "reference": target,
                     "gap": max(target - own, 0.0), "weight": c.weight,
                     "priority": max(target - own, 0.0) * c.weight * dimw.get(c.dimension, 1.0),
                     "next_level_evidence": ev.get("en") if isinstance(ev, Mapping) else str(ev)})
    crit = pd.DataFrame(rows).set_index("criterion")
    sums = crit.assign(score=crit.level * crit.weight, reference=crit.reference * crit.weight) \
        .groupby("dimension")[["score", "reference", "weight"]].sum()
    dims = sums[["score", "reference"]].div(sums["weight"], axis=0)  # weighted mean level per dimension
    dims["gap"] = dims["reference"] - dims["score"]
    w = pd.Series(dimw).reindex(dims.index).fillna(1.0)
    overall = float((dims["score"] * w).sum() / w.sum())
    imp = crit[crit["gap"] > 0].sort_values(["priority", "gap"], ascending=False)
    return {"criteria": crit, "dimensions": dims, "overall": overall,
            "reference_overall": float((dims["reference"] * w).sum() / w.sum()), "overall_level": int(overall),
            "improvements": imp, "unanswered": sorted({c.id for c in r.criteria} - set(answers))}


# --------------------------------------------------------------------------- levels computed from a strategy file
#: Shares used by the computed levels (parameters of the rules, not facts): "most", "half", "nearly all".
MOST, HALF, NEARLY_ALL = 0.8, 0.5, 0.9
#: Criteria whose level the structure of a strategy file can evidence (citizen orientation stays judgement).
COMPUTED_CRITERIA = ("vision", "strategic_directions", "goals_kpis", "principles", "implementation_rules",
                     "architecture_diagrams", "action_points", "legal_enabler", "organisational_enabler",
                     "technical_enabler", "human_enabler", "financial_enabler", "governance_coordination",
                     "monitoring_evaluation", "comprehensibility", "document_set_coherence")
#: The kinds of enabler in the reasons' words.
ENABLER_KIND = {"legal": N_("legal"), "organisational": N_("organisational"), "technical": N_("technical"),
                "human": N_("human"), "financial": N_("financial")}
#: Platform capabilities shared across government (technical enabler, level 4).
SHARED_CAPABILITIES = ("digital_identity", "data_exchange", "common_platforms")


def verified_view(strategy):
    """The strategy reduced to what is verified: elements, documents and notes with ``verified: true``,
    links the source states (``link_stated``), owners a source names (``owner_stated``), verified targets,
    baselines and reported values. Its levels are the lower bound of :func:`computed_levels`.

    Examples
    --------
    >>> from assess.strategy.checks import load_strategy
    >>> v = verified_view(load_strategy("singapore_dgb"))
    >>> len(v.kpis), v.element("k_prefilled").goal, v.element("k_prefilled").owner
    (5, None, None)
    """
    from dataclasses import replace

    s = strategy
    ok = [e for e in s.elements() if e.verified]
    keep = {e.id for e in ok}

    def kept(items):
        return tuple(x for x in items if x.id in keep)

    kpis = tuple(replace(k, goal=k.goal if k.link_stated else None, owner=k.owner if k.owner_stated else None,
                         target=k.target if k.target is not None and k.target.verified else None,
                         baseline=k.baseline if k.baseline is not None and k.baseline.verified else None,
                         reported=tuple(r for r in k.reported if r.verified)) for k in kept(s.kpis))
    return replace(
        s, vision=s.vision if s.vision and s.vision.verified else None,
        general_objective=s.general_objective if s.general_objective and s.general_objective.verified else None,
        documents=tuple(d for d in s.documents if d.verified), directions=kept(s.directions),
        goals=tuple(replace(g, directions=g.directions if g.link_stated else ()) for g in kept(s.goals)),
        kpis=kpis, principles=kept(s.principles), implementation_rules=kept(s.implementation_rules),
        action_points=tuple(replace(a, goal=a.goal if a.link_stated else None,
                                    owner=a.owner if a.owner_stated else None) for a in kept(s.action_points)),
        enablers=tuple(replace(e, directions=e.directions if e.link_stated else ()) for e in kept(s.enablers)),
        diagrams=kept(s.diagrams), notes=tuple(n for n in s.notes if n.verified))


def _share(items, test) -> float:
    items = list(items)
    return sum(1 for x in items if test(x)) / len(items) if items else 0.0


def _ladder(steps) -> tuple[int, str]:
    """The highest level whose condition holds with every lower one: ``steps`` = [(level, holds, reason)]; the
    reason says itself in another language (:class:`Said`)."""
    level, why = steps[0][0], Said(steps[0][2])
    for lv, holds, reason in steps[1:]:
        if not holds:
            return level, Said(N_("{why}; level {level} needs: {reason}"), why=why, level=lv, reason=Said(reason))
        level, why = lv, Said(reason)
    return level, why


def _top_owner(s):
    owners = Counter(a.owner for a in s.action_points if a.owner)
    return owners.most_common(1)[0][0] if owners else None


def _model_facts(s):
    from assess.frameworks import load_framework

    m = load_framework(s.model)
    up = {r.source: r.target for r in m.relations if r.type == "reports_to"}
    coordinated = {(r.source, r.target) for r in m.relations if r.type == "coordinates"}
    caps = {n.id: set(n.capabilities) for n in m.nodes}
    types = {n.id: n.type for n in m.nodes} | {g.id: g.type for g in s.model_gaps if g.id not in caps}
    roots = {b for b in up.values() if b not in up}
    return up, coordinated, caps, types, roots


@memoise_on_inputs(maxsize=64)
def computed_levels(strategy, *, verified_only: bool = False) -> dict:
    """The level (0-4) of each criterion of :data:`COMPUTED_CRITERIA` that the strategy's structure evidences,
    with the reason: ``{criterion: (level, reason)}``.

    A level is reached only when every lower level's condition holds. With ``verified_only`` the rules run on
    :func:`verified_view` (the lower bound), capped at the level from every element (a share over fewer
    elements can be higher, but what is verified cannot prove more than all the file says); otherwise on
    every element (the upper bound). An analyst's level outside ``[lower, upper]`` is not supported by the
    file's evidence (:func:`level_comparison`). Kept per version of the data and framework files.

    Examples
    --------
    >>> up = computed_levels("azerbaijan_digital_2026")
    >>> up["monitoring_evaluation"]
    (3, 'a monitoring rule with a body and a frequency, and 60% of KPIs with a numeric target; level 4 needs: an independent monitoring body, and a revision rule or a note revising a document of the set')
    >>> computed_levels("azerbaijan_ict_2003_2012")["vision"]
    (0, 'no vision')
    """
    from assess.strategy.checks import load_strategy

    s = load_strategy(strategy)
    if not verified_only:
        return _levels(s)
    low, high = _levels(verified_view(s), quoted=True), _levels(s)
    return {k: low[k] if low[k][0] <= high[k][0] else high[k] for k in high}


def _levels(s, *, quoted: bool = False) -> dict:
    up, coordinated, caps, types, roots = _model_facts(s)
    dirs = [d.id for d in s.directions]
    goals_of = {d: [g.id for g in s.goals if d in g.directions] for d in dirs}
    acts_of = {g.id: [a for a in s.action_points if a.goal == g.id] for g in s.goals}
    kinds = {e.id: e.kind for e in s.elements()}
    rules = s.implementation_rules
    out: dict = {}
    # vision
    shows_all = any(s.vision and s.vision.id in d.shows and set(dirs) <= set(d.shows) for d in s.diagrams)
    one_sentence = s.vision is not None and len(re.findall(r"[.!?](?:\s|$)", s.vision.statement.get("en", "").strip()
                                                                 .rstrip(".!?"))) == 0
    out["vision"] = (0, N_("no vision")) if s.vision is None else _ladder([
        (2, True, N_("a vision is stated")),
        (3, one_sentence, N_("one vision statement of one sentence")),
        (4, shows_all, N_("a diagram shows the vision and every direction"))])
    # strategic directions
    out["strategic_directions"] = (0, N_("no strategic direction")) if not dirs else _ladder([
        (1, True, N_("directions listed")),
        (2, any(goals_of.values()), N_("goals are linked to directions")),
        (3, all(goals_of.values()) and 2 <= len(dirs) <= 8 and s.vision is not None,
         N_("every direction has a goal, 2-8 directions, and a vision")),
        (4, all(any(acts_of[g] for g in goals_of[d]) for d in dirs) and all(
            any(a.owner for g in goals_of[d] for a in acts_of[g]) or
            any(d in e.directions and e.type == "organisational" and e.node for e in s.enablers) for d in dirs),
         N_("every direction has an action point and a responsible body"))])
    # goals and KPIs
    kpis = s.kpis
    dated = _share(kpis, lambda k: k.target is not None and k.target.numeric and k.target.date is not None)
    first = min((d.date for d in s.set_documents if d.date), default=None)
    reported = _share(kpis, lambda k: any(r.date and (first is None or r.date > first) for r in k.reported))
    out["goals_kpis"] = (0, N_("no goal")) if not s.goals else _ladder([
        (1, True, N_("goals stated")),
        (2, bool(kpis), N_("KPIs exist")),
        (3, all(any(k.goal == g.id for k in kpis) for g in s.goals) and dated >= MOST,
         Said(N_("every goal has a KPI and {share:.0%} of KPIs have a numeric target and a date"), share=dated)),
        (4, reported >= HALF, Said(N_("{share:.0%} of KPIs have a value reported after the set's first document"),
                                   share=reported))])
    # principles
    enforced = any(r.type in ("approval", "standards") and (not r.applies_to or
                                                           any(kinds.get(t) == "principle" for t in r.applies_to))
                   for r in rules)
    out["principles"] = (0, N_("no principle")) if not s.principles else _ladder([
        (2, True, N_("principles listed")),
        (3, all(p.requires for p in s.principles), N_("every principle says what it requires of agencies")),
        (4, enforced, N_("an approval or standards rule applies to them"))])
    # implementation rules
    core = ("approval", "standards", "funding", "reporting")
    present = {r.type for r in rules if r.type in core}
    with_body = {r.type for r in rules if r.type in core and r.body}
    reporting_bodies = {r.body for r in rules if r.type == "reporting" and r.body}
    out["implementation_rules"] = (0, N_("no implementation rule")) if not rules else _ladder([
        (1, True, N_("rules exist")),
        (2, bool(present), Said(N_("rules of type {types} among approval, standards, funding, reporting"),
                                types=", ".join(sorted(present)) or "none")),
        (3, with_body == set(core), N_("approval, standards, funding and reporting rules, each with a body")),
        (4, any(r.type == "monitoring" and r.body and r.body not in reporting_bodies for r in rules),
         N_("a monitoring body other than the reporting body"))])
    # diagrams
    shows_el = [bool(d.shows_elements) for d in s.diagrams]
    shows_nodes = [bool(d.shows_nodes) for d in s.diagrams]
    out["architecture_diagrams"] = (0, N_("no diagram")) if not s.diagrams else _ladder([
        (1, True, N_("diagrams exist")),
        (2, any(d.shows for d in s.diagrams), N_("diagrams show elements or model nodes")),
        (3, any(a and b for a, b in zip(shows_el, shows_nodes, strict=True)),
         N_("a diagram shows strategy elements and model nodes")),
        (4, any(any(kinds.get(x) == "action_point" for x in d.shows) for d in s.diagrams),
         N_("a diagram shows action points"))])
    # action points
    acts = s.action_points
    ended = _share(acts, lambda a: a.end is not None)
    full = _share(acts, lambda a: a.owner and a.start and a.end and a.goal)
    progress = _share(acts, lambda a: a.status_date and a.start and a.status_date > a.start)
    out["action_points"] = (0, N_("no action point")) if not acts else _ladder([
        (1, True, N_("action points listed")),
        (2, ended >= HALF, Said(N_("{share:.0%} have an end date"), share=ended)),
        (3, full >= MOST, Said(N_("{share:.0%} have an owner, a start, an end and a goal"), share=full)),
        (4, progress >= HALF, Said(N_("{share:.0%} have a status dated after their start"), share=progress))])
    out.update(_enabler_levels(s, dirs, up, coordinated, caps, types, roots))
    out["governance_coordination"] = _governance(s, up, coordinated)
    out["monitoring_evaluation"] = _monitoring(s)
    out["comprehensibility"] = _comprehensibility(s, quoted)
    out["document_set_coherence"] = _coherence(s)
    return out


def _enabler_levels(s, dirs, up, coordinated, caps, types, roots) -> dict:
    out = {}
    top = _top_owner(s)
    for kind in ("legal", "organisational", "technical", "human", "financial"):
        mine = [e for e in s.enablers if e.type == kind]
        linked = [e for e in mine if e.node]
        served = {d for e in linked for d in e.directions}
        if kind == "legal":
            extra = (any(r.type == "revision" for r in s.implementation_rules), N_("a revision rule"))
        elif kind == "organisational":
            chain, node = set(), top
            while node in up and node not in chain:
                chain.add(node)
                node = up[node]
            reaches = top is not None and (node in roots or top in roots)
            extra = (reaches and any(t == top for _, t in coordinated),
                     Said(N_("the body owning most actions ({top}) reports up to the model's root and is coordinated "
                             "by a planning body"), top=top))
        elif kind == "technical":
            shared = [e.node for e in linked if caps.get(e.node, set()) & set(SHARED_CAPABILITIES)]
            extra = (len(set(shared)) >= 3, Said(N_("{n} platforms with shared capabilities (3 needed)"),
                                                 n=len(set(shared))))
        elif kind == "human":
            mine_dirs = {d for e in mine for d in e.directions}
            goal_dirs = {g.id: set(g.directions) for g in s.goals}
            extra = (any(k.target and k.target.numeric and goal_dirs.get(k.goal, set()) & mine_dirs for k in s.kpis),
                     N_("a KPI with a numeric target in a direction the human enabler serves"))
        else:
            budget = _share(s.action_points, lambda a: a.budget_line is not None)
            extra = (any(r.type == "funding" and r.body for r in s.implementation_rules) and budget >= HALF,
                     Said(N_("a funding rule with a body and {share:.0%} of action points with a budget line"),
                          share=budget))
        word = Said(ENABLER_KIND[kind])
        out[f"{kind}_enabler"] = (0, Said(N_("no {kind} enabler"), kind=word)) if not mine else _ladder([
            (1, True, Said(N_("{kind} enablers named"), kind=word)),
            (2, bool(linked), N_("one points at a node of the country model")),
            (3, bool(dirs) and set(dirs) <= served, N_("together they serve every direction")),
            (4, *extra)])
    return out


def _governance(s, up, coordinated):
    rules = s.implementation_rules
    coord = [r for r in rules if r.type == "coordination"]
    orgs = [e for e in s.enablers if e.type == "organisational"]
    if not coord and not orgs:
        return 0, N_("no coordination rule and no organisational enabler")
    top = _top_owner(s)
    coordinators = {r.body for r in coord if r.body}
    return _ladder([
        (1, True, N_("coordination named without a body")),
        (2, bool(coordinators), N_("a coordination rule with a body")),
        (3, any(r.type == "reporting" and r.frequency and r.body in up for r in rules),
         N_("a reporting rule with a frequency, by a body that reports to a superior")),
        (4, any((c, top) in coordinated for c in coordinators),
         Said(N_("the model has the coordinator coordinating the body owning most actions ({top})"), top=top))])


def _monitoring(s):
    rules = s.implementation_rules
    reporting = [r for r in rules if r.type == "reporting"]
    monitoring = [r for r in rules if r.type == "monitoring"]
    with_values = any(k.reported for k in s.kpis)
    if not reporting and not monitoring and not with_values:
        return 0, N_("no reporting or monitoring rule and no reported value")
    numeric = _share(s.kpis, lambda k: k.target is not None and k.target.numeric)
    named = [r for r in monitoring if r.body and r.frequency]
    top = _top_owner(s) or next((r.body for r in reporting if r.body), None)
    set_ids = {d.id for d in s.set_documents}
    revised = any(r.type == "revision" for r in rules) or any(set(n.affects) & set_ids for n in s.notes)
    return _ladder([
        (1, True, N_("reporting rules")),
        (2, with_values or bool(monitoring), N_("KPIs with reported values or a monitoring rule")),
        (3, bool(named) and numeric >= HALF,
         Said(N_("a monitoring rule with a body and a frequency, and {share:.0%} of KPIs with a numeric target"),
              share=numeric)),
        (4, any(r.body != top for r in named) and revised,
         N_("an independent monitoring body, and a revision rule or a note revising a document of the set"))])


def _comprehensibility(s, quoted: bool):
    elements = list(s.elements())
    if not elements:
        return 0, N_("no element")
    named = _share(elements, lambda e: e.name.get("en") and e.name.get("az"))

    def explained(e):
        text = e.definition if e.kind == "kpi" else e.requires if e.kind == "principle" else e.description
        return bool(text) and (not quoted or bool(e.source.quote))  # explained in the source

    share = _share(elements, explained)
    kpis_ok = all(k.definition and k.unit.strip().lower() not in ("", "not stated") for k in s.kpis)
    wanted = {e.id for e in (*s.directions, *s.goals, *s.action_points)}
    return _ladder([
        (0, True, N_("elements unnamed in one language")),
        (1, named >= MOST, Said(N_("{share:.0%} of elements named in en and az"), share=named)),
        (2, share >= HALF, Said(N_("{share:.0%} of elements explained"), share=share)),
        (3, share >= NEARLY_ALL and kpis_ok, Said(N_("{share:.0%} explained and every KPI defined with a unit"),
                                                  share=share)),
        (4, any(wanted <= set(d.shows) for d in s.diagrams),
         N_("a diagram shows every direction, goal and action point"))])


#: The kinds of rule the coherence reasons name.
RULE_KIND = {"coordination": N_("coordination"), "monitoring": N_("monitoring")}


def _joined(parts: list) -> Said:
    """``a; b; c`` of reasons, each saying itself in another language."""
    return parts[0] if len(parts) == 1 else Said(N_("{first}; {rest}"), first=parts[0], rest=_joined(parts[1:]))


def _coherence(s):
    docs = s.set_documents
    if not docs:
        return 0, N_("no document of the strategy's own set")
    ids = {d.id for d in docs}
    refs = [set(r.applies_to) for r in s.implementation_rules] + [set(n.affects) for n in s.notes]
    related = len(docs) < 2 or any(r & ids for r in refs)
    conflicts = []
    for kind in ("coordination", "monitoring"):
        rs = [r for r in s.implementation_rules if r.type == kind and r.body]
        for i, a in enumerate(rs):
            for b in rs[i + 1:]:
                da, db = set(a.applies_to) & ids or ids, set(b.applies_to) & ids or ids
                stated = any(x & da and x & db for x in refs if len(x & ids) >= 2)
                if a.body != b.body and not stated:
                    conflicts.append(Said(N_("{kind} by {a} ({docs_a}) and by {b} ({docs_b}) with no stated relation"),
                                          kind=Said(RULE_KIND[kind]), a=a.body, docs_a=", ".join(sorted(da)),
                                          b=b.body, docs_b=", ".join(sorted(db))))
    targets: dict = {}
    for k in s.kpis:
        if k.definition and k.target and k.target.value is not None:
            targets.setdefault((k.definition.get("en"), k.target.date), set()).add(k.target.value)
    conflicts += [Said(N_("different targets for '{kpi}' by {date}"), kpi=d, date=t)
                  for (d, t), v in targets.items() if len(v) > 1]
    complete = all(d.role and d.status and d.date and d.issuer for d in docs)
    missing = [d.id for d in docs if not (d.date and d.issuer)]
    superseded = [d for d in docs if d.status == "superseded"]
    succeeded = all(any(d.id in n.affects and n.date and len(set(n.affects) & ids) >= 2 for n in s.notes)
                    for d in superseded)
    return _ladder([
        (1, True, Said(N_("{n} documents in the set"), n=len(docs))),
        (2, related, N_("the documents are related by rules or notes")),
        (3, not conflicts and complete, _joined(conflicts) if conflicts else
         (N_("every set document has role, status, date and issuer") if complete else
          Said(N_("no date or issuer for {documents}"), documents=", ".join(missing)))),
        (4, succeeded, N_("every superseded document has a dated note naming its successor"))])


#: Flags of :func:`level_comparison`.
ABOVE, BELOW, JUDGEMENT = N_("above the evidence"), N_("below the evidence"), N_("judgement only")


def _judged(r, s, judged) -> tuple[dict, str | None]:
    if judged is None:
        pid = next((p for p, info in r.profile_info.items() if info.get("strategy") == s.id), None)
        return (dict(r.profiles[pid]) if pid else {}), pid
    if isinstance(judged, str):
        if judged not in r.profiles:
            raise ScoringError(f"judged: unknown profile {judged!r}. Expected one of: {', '.join(r.profiles)}.")
        return dict(r.profiles[judged]), judged
    return dict(judged), None


def level_comparison(strategy, judged=None, *, rubric="strategic_structure", lang: str = "en") -> pd.DataFrame:
    """Levels computed from a strategy file beside the analyst's judged levels, disagreements flagged.

    Parameters
    ----------
    strategy : Strategy or str
        The strategy file (``kind: strategy``).
    judged : str or mapping, optional
        A profile id of the rubric, or answers ``{criterion: level or {"level": …}}`` (e.g. a saved
        assessment's). Default: the profile whose ``strategy`` is this strategy (none: no judged levels).
    rubric : str or Rubric
    lang : {"en", "az"}
        Language of ``name`` and of the reasons (the flags stay the English keys; translate them where shown).

    Returns
    -------
    pandas.DataFrame
        One row per criterion of the rubric, indexed by criterion: ``dimension``, ``name``, ``lower`` (from
        verified elements), ``upper`` (from every element), ``judged``, ``flag`` (``above the evidence`` when
        the judged level is above ``upper``, ``below the evidence`` when below ``lower``, ``judgement only``
        for criteria the structure cannot evidence), ``reason_lower``, ``reason_upper``. ``attrs["profile"]``
        names the profile used.

    Examples
    --------
    >>> t = level_comparison("singapore_dgb")
    >>> row = t.loc["goals_kpis"]
    >>> t.attrs["profile"], int(row.lower), int(row.upper), int(row.judged), row.flag
    ('singapore_dgb', 0, 2, 4, 'above the evidence')
    >>> t.loc["citizen_orientation", "flag"]
    'judgement only'
    """
    from assess.frameworks import load_framework
    from assess.strategy.checks import load_strategy

    s = load_strategy(strategy)
    r = load_framework(rubric) if isinstance(rubric, str) else rubric
    answers, pid = _judged(r, s, judged)
    key = strategy if isinstance(strategy, str) else s  # an id is a key of computed_levels' memo, a Strategy not
    low, high = computed_levels(key, verified_only=True), computed_levels(key)
    rows = []
    for c in r.criteria:
        j = answers.get(c.id)
        j = j.get("level") if isinstance(j, Mapping) else j
        j = None if j is None else int(j)
        lo, hi = low.get(c.id), high.get(c.id)
        if hi is None:
            flag = JUDGEMENT
            reason = _citizen_evidence(s) if c.id == "citizen_orientation" else Said(N_("not computed (judgement)"))
            lo, hi = (None, reason), (None, reason)
        elif j is None:
            flag = ""
        else:
            flag = ABOVE if j > hi[0] else BELOW if j < lo[0] else ""
        rows.append({"criterion": c.id, "dimension": c.dimension, "name": name_in(c.name, lang, c.id),
                     "lower": lo[0], "upper": hi[0], "judged": j, "flag": flag,
                     "reason_lower": Said(lo[1]).in_(lang), "reason_upper": Said(hi[1]).in_(lang)})
    out = pd.DataFrame(rows).set_index("criterion")
    for col in ("lower", "upper", "judged"):
        out[col] = out[col].astype("Int64")
    out.attrs["profile"] = pid
    return out


def _citizen_evidence(s) -> str:
    surveyed = [k for k in s.kpis if k.data_source and "survey" in k.data_source.get("en", "").lower()]
    if not surveyed:
        return Said(N_("not computed (judgement); no KPI is measured by a survey of citizens or businesses"))
    return Said(N_("not computed (judgement); KPIs measured by surveys of citizens or businesses: {kpis} ({n} with "
                   "reported values)"), kpis=", ".join(k.id for k in surveyed), n=sum(bool(k.reported) for k in surveyed))

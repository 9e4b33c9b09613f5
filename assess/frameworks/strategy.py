"""National strategies (``kind: strategy``): a strategy as data that joins one country model.

The document set (title, issuer, date, URL, language, status), the vision, strategic directions, goals,
KPIs (definition, unit, baseline, target, owner, data source, reported values), principles (and what each
requires of agencies), implementation rules, action points (owner, dates, status, budget line, the goal
served), enablers (each pointing at a law, body or platform of the country model) and diagrams (and what
they show). Every element carries its source (document + section/page + quote) and ``verified``. Gaps are
explicit ``null``: the traceability checks (:mod:`assess.strategy.checks`) report them.

The validator is :mod:`assess.frameworks.strategy_schema`; this module holds the frozen objects and the builder.

Examples
--------
>>> from assess.frameworks.registry import load_framework
>>> s = load_framework("singapore_dgb")
>>> s.model, s.vision.statement["en"], len(s.directions), len(s.kpis)
('singapore', 'A Government that is Digital to the Core, and Serves with Heart', 6, 12)
>>> s.element("k_end_to_end").target.value, s.element("k_end_to_end").target.value_max
(90, 95)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assess.frameworks.base import Name, _Framework

__all__ = ["ActionPoint", "Baseline", "Citation", "Diagram", "Direction", "Enabler", "Goal", "Kpi", "Measure",
           "ModelGap", "Note", "Principle", "Reported", "Rule", "Statement", "Strategy", "StrategyDocument",
           "Target"]


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: a document of the set, its section or page, and the exact words."""

    document: str
    section: str | None = None
    page: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class StrategyDocument:
    """One document the strategy file cites: part of the strategy's own set, or a source describing it."""

    id: str
    title: Name
    issuer: str | None
    date: str | None
    url: str | None
    language: str
    status: str
    role: str
    part_of_set: bool
    opened: str
    verified: bool
    issuer_name: str | None = None
    note: str | None = None
    retrieved: str | None = None
    local_copy: str | None = None


@dataclass(frozen=True, kw_only=True)
class _Element:
    id: str
    name: Name
    source: Citation
    verified: bool
    description: Name | None = None
    note: str | None = None
    corroboration: tuple[Citation, ...] = ()

    #: Kind of element (``vision``, ``direction``, ``goal``, …), fixed per class.
    kind = "element"

    @property
    def label(self) -> str:
        """The English name."""
        return self.name.get("en", self.id)


@dataclass(frozen=True, kw_only=True)
class Statement(_Element):
    """The vision or the general objective: one statement ``{en, az, original?}``."""

    statement: Name = field(default_factory=dict)
    role: str = "vision"

    @property
    def kind(self) -> str:  # type: ignore[override]
        return self.role


@dataclass(frozen=True, kw_only=True)
class Direction(_Element):
    """A strategic direction ("strategy", sub-objective) in the document's order."""

    order: int = 0
    kind = "direction"


@dataclass(frozen=True, kw_only=True)
class Goal(_Element):
    """A goal and the directions it serves (``link_stated``: the source itself places it there)."""

    directions: tuple[str, ...] = ()
    link_stated: bool = False
    kind = "goal"


@dataclass(frozen=True)
class Baseline:
    """A KPI's starting value."""

    value: float | None
    year: str | None
    source: Citation | None
    verified: bool


@dataclass(frozen=True)
class Target:
    """A KPI's target: ``value`` (``None`` when stated in words only), ``value_max`` for ranges, the date."""

    value: float | None
    value_max: float | None
    comparator: str
    date: str | None
    source: Citation | None
    verified: bool

    @property
    def numeric(self) -> bool:
        """True when the target is a number (a range counts)."""
        return self.value is not None


@dataclass(frozen=True)
class Reported:
    """A value reported later for a KPI."""

    date: str | None
    value: float
    comparator: str
    source: Citation
    verified: bool
    note: str | None = None


@dataclass(frozen=True)
class Measure:
    """An indicator of the data store (``dataset:indicator``) that measures a KPI, ``same`` or ``proxy``."""

    indicator: str
    fit: str


@dataclass(frozen=True, kw_only=True)
class Kpi(_Element):
    """A key performance indicator: definition, unit, baseline, target, owner body, data source, reports."""

    goal: str | None = None
    link_stated: bool = False
    definition: Name | None = None
    unit: str = ""
    polarity: str = "higher_is_better"
    baseline: Baseline | None = None
    target: Target | None = None
    owner: str | None = None
    owner_stated: bool = False
    data_source: Name | None = None
    reported: tuple[Reported, ...] = ()
    measured_by: tuple[Measure, ...] = ()
    kind = "kpi"


@dataclass(frozen=True, kw_only=True)
class Principle(_Element):
    """A principle, what it requires of agencies (``None`` when the source does not say) and the directions
    it applies to (empty: the whole strategy)."""

    requires: Name | None = None
    applies_to: tuple[str, ...] = ()
    kind = "principle"


@dataclass(frozen=True, kw_only=True)
class Rule(_Element):
    """An implementation rule (approval, standards, funding, reporting, monitoring, coordination, revision)."""

    type: str = "approval"
    body: str | None = None
    frequency: str | None = None
    applies_to: tuple[str, ...] = ()
    kind = "rule"


@dataclass(frozen=True, kw_only=True)
class ActionPoint(_Element):
    """An action point: the goal it serves, its owner body, dates, status (as of ``status_date``), budget line."""

    goal: str | None = None
    link_stated: bool = False
    owner: str | None = None
    owner_stated: bool = False
    start: str | None = None
    end: str | None = None
    status: str = "unknown"
    status_date: str | None = None
    budget_line: Name | None = None
    delivers: tuple[str, ...] = ()
    kind = "action_point"


@dataclass(frozen=True, kw_only=True)
class Enabler(_Element):
    """A legal, organisational, technical, human or financial enabler; ``node`` is a node of the country model."""

    type: str = "organisational"
    node: str | None = None
    directions: tuple[str, ...] = ()
    link_stated: bool = False
    kind = "enabler"


@dataclass(frozen=True, kw_only=True)
class Diagram(_Element):
    """A diagram of the strategy and what it shows (element ids, and ``model:<node>`` for model nodes)."""

    url: str | None = None
    shows: tuple[str, ...] = ()
    layout: str | None = None
    kind = "diagram"

    @property
    def shows_elements(self) -> tuple[str, ...]:
        """The strategy elements shown."""
        return tuple(s for s in self.shows if not s.startswith("model:"))

    @property
    def shows_nodes(self) -> tuple[str, ...]:
        """The model nodes shown (without the ``model:`` prefix)."""
        return tuple(s[6:] for s in self.shows if s.startswith("model:"))


@dataclass(frozen=True)
class Note:
    """A dated later change (reorganisation, refresh, successor)."""

    id: str
    date: str | None
    text: Name
    source: Citation
    verified: bool
    affects: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class ModelGap:
    """A node the country model lacks (a "node to add"), cited."""

    id: str
    type: str
    name: Name
    source: Citation
    verified: bool
    needed_by: tuple[str, ...] = ()
    note: str | None = None


#: The element lists of a strategy, in the file's order, with the attribute holding each.
ELEMENT_LISTS = ("directions", "goals", "kpis", "principles", "implementation_rules", "action_points", "enablers",
                 "diagrams")


@dataclass(frozen=True)
class Strategy(_Framework):
    """A national e-government strategy as data, joined to the country model ``model``.

    Attributes
    ----------
    country, model : str
        ISO3 code and the id of the ``country_model`` the strategy joins.
    period : tuple
        ``(start, end)`` dates as text (or ``None``).
    as_of, status : str
        Latest fact recorded; ``current``, ``superseded``, ``expired`` or ``draft``.
    documents : tuple of StrategyDocument
    vision, general_objective : Statement or None
    directions, goals, kpis, principles, implementation_rules, action_points, enablers, diagrams : tuple
    notes : tuple of Note
    model_gaps : tuple of ModelGap
    glossary : dict
        Term → ``{en, az}`` definition (terms the file defines explicitly).

    Examples
    --------
    >>> from assess.frameworks.registry import load_framework
    >>> s = load_framework("azerbaijan_ict_2003_2012")
    >>> s.vision is None, s.kpis, s.element("a_mobile_signature").owner
    (True, (), 'ministry_of_taxes')
    """

    country: str = ""
    model: str = ""
    period: tuple = (None, None)
    as_of: str = ""
    status: str = "current"
    description: Name | None = None
    documents: tuple[StrategyDocument, ...] = ()
    vision: Statement | None = None
    general_objective: Statement | None = None
    directions: tuple[Direction, ...] = ()
    goals: tuple[Goal, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    principles: tuple[Principle, ...] = ()
    implementation_rules: tuple[Rule, ...] = ()
    action_points: tuple[ActionPoint, ...] = ()
    enablers: tuple[Enabler, ...] = ()
    diagrams: tuple[Diagram, ...] = ()
    notes: tuple[Note, ...] = ()
    model_gaps: tuple[ModelGap, ...] = ()
    glossary: dict = field(default_factory=dict)

    def elements(self) -> tuple:
        """Every element (vision, general objective, then the lists in file order)."""
        head = tuple(x for x in (self.vision, self.general_objective) if x is not None)
        return head + tuple(e for key in ELEMENT_LISTS for e in getattr(self, key))

    def element(self, element_id: str):
        """The element ``element_id`` (``KeyError`` if absent)."""
        for e in self.elements():
            if e.id == element_id:
                return e
        raise KeyError(f"{self.id}: no element {element_id!r}")

    def document(self, document_id: str) -> StrategyDocument:
        """The document ``document_id`` (``KeyError`` if absent)."""
        for d in self.documents:
            if d.id == document_id:
                return d
        raise KeyError(f"{self.id}: no document {document_id!r}")

    def gap(self, node_id: str) -> ModelGap | None:
        """The ``model_gaps`` entry of ``node_id``, or ``None``."""
        return next((g for g in self.model_gaps if g.id == node_id), None)

    @property
    def set_documents(self) -> tuple[StrategyDocument, ...]:
        """The strategy's own documents (``part_of_set: true``)."""
        return tuple(d for d in self.documents if d.part_of_set)


# --------------------------------------------------------------------------- builder
def _name(value) -> Name | None:
    return None if value is None else {k: str(v) for k, v in value.items()}


def _cite(value) -> Citation | None:
    if value is None:
        return None
    page = value.get("page")
    return Citation(document=value["document"], section=value.get("section"),
                    page=None if page is None else str(page), quote=value.get("quote"))


def _common(d: dict) -> dict:
    return {"id": d["id"], "name": _name(d["name"]), "source": _cite(d["source"]), "verified": d["verified"],
            "description": _name(d.get("description")), "note": d.get("note"),
            "corroboration": tuple(_cite(c) for c in d.get("corroboration") or ())}


def _number(v):
    return None if v is None else (int(v) if isinstance(v, int) else float(v))


def _kpi(d: dict) -> Kpi:
    b, t = d.get("baseline"), d.get("target")
    baseline = None if b is None else Baseline(value=_number(b.get("value")), year=b.get("year"),
                                               source=_cite(b.get("source")), verified=b["verified"])
    target = None if t is None else Target(value=_number(t.get("value")), value_max=_number(t.get("value_max")),
                                           comparator=t["comparator"], date=t.get("date"),
                                           source=_cite(t.get("source")), verified=t["verified"])
    reported = tuple(Reported(date=r.get("date"), value=_number(r["value"]), comparator=r.get("comparator", "="),
                              source=_cite(r["source"]), verified=r["verified"], note=r.get("note"))
                     for r in d.get("reported") or ())
    return Kpi(**_common(d), goal=d.get("goal"), link_stated=d["link_stated"], definition=_name(d.get("definition")),
               unit=str(d.get("unit") or ""), polarity=d["polarity"], baseline=baseline, target=target,
               owner=d.get("owner"), owner_stated=d["owner_stated"], data_source=_name(d.get("data_source")),
               reported=reported,
               measured_by=tuple(Measure(m["indicator"], m["fit"]) for m in d.get("measured_by") or ()))


def _statement(d: dict | None, role: str) -> Statement | None:
    if d is None:
        return None
    return Statement(**_common(d), statement=_name(d["statement"]), role=role)


def build(doc: dict, base: dict) -> Strategy:
    """The strategy of a validated document; ``base`` holds the fields every framework has."""
    docs = tuple(StrategyDocument(
        id=d["id"], title=_name(d["title"]), issuer=d.get("issuer"), date=d.get("date"), url=d.get("url"),
        language=d["language"], status=d["status"], role=d["role"], part_of_set=d["part_of_set"],
        opened=str(d["opened"]), verified=d["verified"], issuer_name=d.get("issuer_name"), note=d.get("note"),
        retrieved=d.get("retrieved"), local_copy=d.get("local_copy")) for d in doc["documents"])
    period = doc.get("period") or {}
    return Strategy(
        **base, country=doc["country"], model=doc["model"], period=(period.get("start"), period.get("end")),
        as_of=str(doc["as_of"]), status=doc["status"], description=_name(doc.get("description")), documents=docs,
        vision=_statement(doc.get("vision"), "vision"),
        general_objective=_statement(doc.get("general_objective"), "general_objective"),
        directions=tuple(Direction(**_common(d), order=int(d["order"])) for d in doc["directions"] or ()),
        goals=tuple(Goal(**_common(d), directions=tuple(d.get("directions") or ()), link_stated=d["link_stated"])
                    for d in doc["goals"] or ()),
        kpis=tuple(_kpi(d) for d in doc["kpis"] or ()),
        principles=tuple(Principle(**_common(d), requires=_name(d.get("requires")),
                                   applies_to=tuple(d.get("applies_to") or ())) for d in doc["principles"] or ()),
        implementation_rules=tuple(Rule(**_common(d), type=d["type"], body=d.get("body"), frequency=d.get("frequency"),
                                        applies_to=tuple(d.get("applies_to") or ()))
                                   for d in doc["implementation_rules"] or ()),
        action_points=tuple(ActionPoint(
            **_common(d), goal=d.get("goal"), link_stated=d["link_stated"], owner=d.get("owner"),
            owner_stated=d["owner_stated"], start=d.get("start"), end=d.get("end"), status=d["status"],
            status_date=d.get("status_date"), budget_line=_name(d.get("budget_line")),
            delivers=tuple(d.get("delivers") or ())) for d in doc["action_points"] or ()),
        enablers=tuple(Enabler(**_common(d), type=d["type"], node=d.get("node"),
                               directions=tuple(d.get("directions") or ()), link_stated=d["link_stated"])
                       for d in doc["enablers"] or ()),
        diagrams=tuple(Diagram(**_common(d), url=d.get("url"), shows=tuple(d.get("shows") or ()),
                               layout=d.get("layout")) for d in doc["diagrams"] or ()),
        notes=tuple(Note(id=n["id"], date=n.get("date"), text=_name(n["text"]), source=_cite(n["source"]),
                         verified=n["verified"], affects=tuple(n.get("affects") or ()), note=n.get("note"))
                    for n in doc["notes"] or ()),
        model_gaps=tuple(ModelGap(id=g["id"], type=g["type"], name=_name(g["name"]), source=_cite(g["source"]),
                                  verified=g["verified"], needed_by=tuple(g.get("needed_by") or ()), note=g.get("note"))
                         for g in doc.get("model_gaps") or ()),
        glossary={g["term"]: _name(g["definition"]) for g in doc.get("glossary") or ()})

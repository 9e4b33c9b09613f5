"""The analysis step of the country report: every number it shows, in one typed, frozen :class:`ReportData`.

:func:`report_data` checks the arguments and calls the library: published scores, groups and classes
(:mod:`assess.indices.published`), gaps (:func:`assess.indices.gaps.gap`), targets
(:func:`assess.indices.scenarios.smallest_change`), rank intervals
(:func:`assess.indices.rank_uncertainty.uncertainty`), the country model's readiness, capability gaps and
structural checks (:mod:`assess.model`) and the strategy rubric (:func:`assess.strategy.rubric.score_rubric`).
The narrative (:mod:`~assess.reports.country.narrative`) and the sheets only read it.

Examples
--------
>>> d = report_data("AZE", compare=["SGP", "EST"], edition=2024)
>>> float(d.current["egdi"]), int(d.current["egdi_rank"]), d.previous_year, round(d.egdi_change, 5)
(0.76073, 74, 2022, 0.06703)
>>> d.target_ranks, d.peers.leader, d.peers.leader_component
((50, 25, 10, 3), 'EST', 'osi')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from assess.errors import AssessError
from assess.i18n import LANGS, t
from assess.indices import published
from assess.reports.country.inputs import (
    DEFAULT_COMPARE,
    READINESS_REFERENCE,
    RUBRIC_COUNTRY,
    RUBRIC_REFERENCE,
    StrategyInput,
    country_model,
    fail,
    reference_models,
    strategy_input,
)
from assess.settings import VERSION

__all__ = ["GTMI_EDITION", "Move", "Peers", "ReportData", "ROBUSTNESS_DRAWS", "editions_table", "rank_targets",
           "report_data", "target_ranks"]

COMPONENTS = ("osi", "hci", "tii")
#: GTMI edition shown on the Summary and the GTMI sheet (labelled with its year): the latest edition.
GTMI_EDITION = published.GTMI_EDITIONS[-1]
#: Monte Carlo draws of the Robustness sheet (:func:`assess.indices.rank_uncertainty.uncertainty`, seed 0).
ROBUSTNESS_DRAWS = 2000
#: Datasets cited on the Summary and the Method sheet (:data:`assess.data.catalogue.DATASETS`).
SOURCE_IDS = ("un_egov", "wb_gtmi")


@dataclass(frozen=True)
class Peers:
    """The comparators in the report's edition: how many are ahead of and behind the country, and its
    largest component gap (published value difference) to the best of them, when that one is ahead."""

    iso3: tuple[str, ...]
    ahead: int
    behind: int
    leader: str | None = None
    leader_component: str | None = None
    leader_gap: float | None = None


@dataclass(frozen=True)
class Move:
    """The smallest single-component raise reaching the first target rank."""

    component: str
    needed: float
    change: float
    rank: int


@dataclass(frozen=True, eq=False)
class ReportData:
    """Everything the country report shows, computed once by :func:`report_data`.

    ``table`` holds the published EGDI, components, rank, group and rating class of ``units`` in every
    edition; ``current``/``previous`` are the country's rows of the report's edition and of the one before.
    ``targets`` is :func:`rank_targets` for ``target_ranks``; ``gaps`` is :func:`assess.indices.gaps.gap`
    per reference (index); ``robustness`` the 5th percentile, median and 95th percentile rank of each
    unit. ``readiness_gap`` is the model component furthest behind the reference model (``None`` when
    none is behind; ``readiness_ahead`` then says whether any was compared). The model fields are empty
    when the country has no model; ``strategy``/``rubric`` are ``None``
    without an assessment.

    Examples
    --------
    >>> d = report_data("SGP", compare=["AZE"], edition=2022, lang="az")
    >>> d.name("AZE"), d.header, d.gaps.index.tolist()
    ('Azərbaycan', 'Sinqapur · EGDI 2022', ['AZE', 'frontier'])
    """

    lang: str
    iso3: str
    year: int
    compare: tuple[str, ...]
    units: tuple[str, ...]
    editions: tuple[int, ...]
    date: _dt.datetime
    version: str
    names: Mapping[str, str]
    table: pd.DataFrame
    current: pd.Series
    previous: pd.Series | None
    previous_year: int | None
    egdi_change: float | None
    rank_change: int | None
    gtmi: tuple[int, float, str] | None
    peers: Peers
    target_ranks: tuple[int, ...]
    targets: pd.DataFrame
    best_move: Move | None
    gaps: pd.DataFrame
    robustness: pd.DataFrame
    model: object | None
    references: tuple
    readiness_reference: object | None
    readiness: pd.DataFrame | None
    readiness_gap: pd.Series | None
    readiness_ahead: bool
    missing_capabilities: Mapping[str, tuple]
    findings: tuple[str, ...]
    reports_to: Mapping[str, tuple[str, ...]]
    strategy: StrategyInput | None
    rubric: dict | None
    sources: tuple
    method_notes: tuple[tuple[str, str], ...]
    structure: object | None = None  # assess.reports.country.structure_sheet.StructureData
    realisation: pd.DataFrame | None = None
    realisation_history: pd.DataFrame | None = None
    realisation_models: tuple = ()
    gtmi_detail: dict | None = None
    evidence: pd.DataFrame | None = None
    cross_check: pd.DataFrame | None = None

    def name(self, iso3, default="") -> str:
        """Name of a country in the report's language (``Singapore``/``Sinqapur``), else ``default`` or ``iso3``.

        Examples
        --------
        >>> report_data("AZE", compare=["SGP"]).name("XXX", "a model")
        'a model'
        """
        return self.names.get(iso3) or default or iso3

    @property
    def header(self) -> str:
        """The printed page header: ``"Azerbaijan · EGDI 2024"``."""
        return f"{self.name(self.iso3)} · EGDI {self.year}"


def editions_table(units) -> pd.DataFrame:
    """Published EGDI, components, rank, group and class of ``units`` in every edition (one row each).

    Examples
    --------
    >>> e = editions_table(["AZE"]).set_index("year")
    >>> r = e.loc[2024]
    >>> float(r["egdi"]), int(r["egdi_rank"]), r["group"], r["class"], int(r["n"])
    (0.76073, 74, 'VH', 'V1', 193)
    """
    frames = []
    for y in published.EDITIONS:
        p = published.published(y)
        a = p[p["assessed"]]
        g = published.un_groups(a["egdi"])
        k = published.rating_class(a["egdi"], groups=g)
        sel = a.reindex([u for u in units if u in a.index])
        d = sel[["country", "egdi", "egdi_rank", "osi", "hci", "tii", "epi"]].copy()
        d["group"], d["class"], d["year"], d["n"] = g.reindex(d.index), k.reindex(d.index), y, len(a)
        frames.append(d)
    out = pd.concat(frames)
    out.index.name = "iso3"
    return out.reset_index()


def target_ranks(rank, comparator_ranks) -> tuple[int, ...]:
    """The ranks the report aims at from ``rank``: the milestones 50, 25 and 10 above it, and the rank of
    the nearest comparator ahead; best (smallest) last.

    Examples
    --------
    >>> target_ranks(74, [3, 5, 60, 80]), target_ranks(8, [3]), target_ranks(1, [2])
    ((60, 50, 25, 10), (3,), ())
    """
    ahead = sorted({int(r) for r in comparator_ranks if int(r) < rank})
    milestones = {m for m in (50, 25, 10) if m < rank}
    return tuple(sorted(milestones | ({ahead[-1]} if ahead else set()), reverse=True))


def rank_targets(iso3, year, targets) -> pd.DataFrame:
    """:func:`assess.indices.scenarios.smallest_change` for each ``(label, rank)`` of ``targets``, one row
    per target and component: ``target, component, current, needed, change, reachable``.

    Examples
    --------
    >>> r = rank_targets("AZE", 2024, [("rank 50", 50)]).set_index("component")
    >>> float(r.loc["osi", "needed"]), r["reachable"].tolist()
    (0.97721, [True, True, False])
    """
    from assess.indices.scenarios import smallest_change

    frames = [smallest_change(iso3, year, rank=rank).to_frame().assign(target=label) for label, rank in targets]
    cols = ["target", "component", "current", "needed", "change", "reachable"]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def _country_names(units, table, lang, extra) -> dict:
    """ISO3 → name: the UN Survey spelling for ``units`` (``name_az`` in Azerbaijani), and the name in
    :func:`assess.countries` for the ``extra`` countries the report mentions (reference models)."""
    from assess.data.country_list import countries

    c = countries().set_index("iso3")
    az = c["name_az"] if lang == "az" and "name_az" in c.columns else pd.Series(dtype=object)
    local = {k: str(v).strip() for k, v in az.items() if isinstance(v, str) and v.strip()}
    names = {u: str(table.loc[table["iso3"] == u, "country"].iloc[-1]).strip() for u in units
             if (table["iso3"] == u).any()}
    names = {u: local.get(u, v) for u, v in names.items()}
    for iso3 in extra:
        if iso3 and iso3 not in names and iso3 in c.index:
            a = c.loc[iso3].get("name_az")
            names[iso3] = a if lang == "az" and isinstance(a, str) and a else str(c.loc[iso3, "name"])
    return names


def _peers(table, year, compare, cur) -> Peers:
    peers = table[(table["year"] == year) & table["iso3"].isin(compare)]
    if not len(peers):
        return Peers((), 0, 0)
    ahead, behind = int((peers["egdi"] < cur["egdi"]).sum()), int((peers["egdi"] > cur["egdi"]).sum())
    best = peers.sort_values("egdi", ascending=False).iloc[0]
    if not best["egdi"] > cur["egdi"]:
        return Peers(tuple(peers["iso3"]), ahead, behind)
    gaps = {c: float(best[c] - cur[c]) for c in COMPONENTS}
    comp = max(gaps, key=gaps.get)
    return Peers(tuple(peers["iso3"]), ahead, behind, best["iso3"], comp, gaps[comp])


def _best_move(targets, ranks) -> Move | None:
    if not len(targets):
        return None
    first = targets["target"].iloc[0]
    sub = targets[(targets["target"] == first) & targets["reachable"]]
    if not len(sub):
        return None
    best = sub.sort_values("change").iloc[0]
    return Move(best["component"], float(best["needed"]), float(best["change"]), int(ranks[0]))


def _gaps(iso3, year, compare, group) -> pd.DataFrame:
    from assess.indices.gaps import gap

    refs = [c for c in compare if c != iso3] + ["frontier"] + (["next_group"] if group != "VH" else [])
    cols = ["ref_egdi", "gap", "osi_part", "hci_part", "tii_part", "residual", "epi_gap"]
    rows = {}
    for ref in refs:
        try:
            g = gap(iso3, ref, years=[year]).loc[year]
        except (AssessError, KeyError):  # reference not assessed in this edition
            continue
        rows[ref] = [float(g[c]) for c in cols]
    return pd.DataFrame(list(rows.values()), index=pd.Index(list(rows), name="reference"), columns=cols)


def _robustness(year, units, cur) -> pd.DataFrame:
    from assess.indices.rank_uncertainty import uncertainty

    u = uncertainty(year=year, n=ROBUSTNESS_DRAWS, seed=0).table
    keep = [c for c in units if c in u.index and c in cur.index]
    out = u.loc[keep, ["p5", "median_rank", "p95"]].copy()
    out.insert(0, "published_rank", [int(cur.loc[c, "egdi_rank"]) for c in keep])
    return out


def _model_facts(model, references, year):
    """Readiness (against Singapore's model), capabilities the references have and the model lacks,
    structural findings and reporting lines."""
    from assess.model.build import build_graph
    from assess.model.checks import check_graph
    from assess.model.compare import align
    from assess.model.readiness_scoring import readiness

    ref = next((r for r in references if r.id == READINESS_REFERENCE), references[0] if references else None)
    rd = readiness(model, year=year, reference=ref)
    gaps = rd.dropna(subset=["gap"]) if "gap" in rd.columns else rd.iloc[:0]
    largest = gaps.loc[gaps["gap"].idxmax()] if len(gaps) and gaps["gap"].max() > 0 else None
    ahead = ref is not None and bool(len(gaps)) and largest is None
    G = build_graph(model)
    missing = {}
    for other in references:
        for cap, nodes in align(build_graph(other), G)["only_a"].items():
            missing.setdefault(cap, []).append((other, tuple(nodes)))
    reports = {}
    for rel in model.relations:
        if rel.type == "reports_to":
            reports.setdefault(rel.source, []).append(rel.target)
    return dict(readiness_reference=ref, readiness=rd, readiness_gap=largest, readiness_ahead=ahead,
                missing_capabilities={k: tuple(v) for k, v in missing.items()},
                findings=tuple(str(i) for i in check_graph(G)),
                reports_to={k: tuple(v) for k, v in reports.items()})


def _realisation(model, lang: str = "en") -> dict:
    """What of a proposal came true, when a realisation file joins the report's model to another (as proposal
    or as current model): the table, its history and the two models (names and reasons in ``lang``)."""
    from assess.model.realised import maps_joining, realisation, realisation_history

    maps = maps_joining(model.id) if model is not None else []
    if not maps:
        return {}
    rmap = next((m for m in maps if m.proposal == model.id), maps[0])
    from assess.frameworks import load_framework

    return dict(realisation=realisation(rmap.proposal, rmap.current, lang=lang),
                realisation_history=realisation_history(rmap.proposal, rmap.current, lang=lang),
                realisation_models=(load_framework(rmap.proposal), load_framework(rmap.current)))
def _evidence_facts(iso3, year, model):
    """The GTMI of the country (latest edition, named key indicators), its capability evidence for the report's
    year and the model cross-checked against it."""
    from assess.indices.gtmi_detail import gtmi_profile
    from assess.model.evidence_gaps import cross_check
    from assess.model.evidence_states import evidence

    try:
        g = gtmi_profile(iso3, GTMI_EDITION)
    except AssessError:
        g = None
    try:
        ev = evidence(iso3, year)
    except AssessError:
        ev = None
    xc = cross_check(model, year) if model is not None else None  # the report's year, stated on the sheet
    return g, ev, xc


def _rubric_score(strategy):
    """:func:`assess.strategy.rubric.score_rubric` of the answered criteria against Singapore."""
    from assess.errors import ScoringError
    from assess.strategy.rubric import score_rubric

    rub, answers, *_ = strategy
    given = {k: v for k, v in answers.items() if (v.get("level") if isinstance(v, dict) else v) is not None}
    profile = RUBRIC_REFERENCE if RUBRIC_REFERENCE in rub.profiles else next(iter(rub.profiles))
    try:
        return score_rubric(given, rubric=rub, profile_against=profile)
    except ScoringError as e:
        fail("assessment", str(e))


def _structure(iso3, strategy, assessment, lang):
    """The *Strategy structure* sheet's data: the strategy file (an id; default the country's own) and the
    assessment's payload (judged levels, two assessors)."""
    from assess.errors import FrameworkError
    from assess.reports.country.structure_sheet import structure_data

    if strategy is not None and not isinstance(strategy, str):
        fail("strategy", f"must be the id of a strategy file. Got {type(strategy).__name__} instead.")
    payload = strategy_input(assessment, lang).payload if assessment is not None else None
    try:
        return structure_data(iso3, strategy, payload)
    except FrameworkError as e:
        fail("strategy", str(e).replace("\n", " "))


def _method_notes() -> tuple[tuple[str, str], ...]:
    from assess.indices.timeseries import method_breaks

    notes = [(f"{y}", note) for y, (is_break, note) in sorted(method_breaks().items()) if is_break and note]
    return tuple(notes + [(f"{y}", note) for y, note in sorted(published.EXCEPTIONS.items())])


def report_data(country, compare=None, edition=None, lang="en", assessment=None, fixed_date=None, *,
                model=None, strategy=None) -> ReportData:
    """Check the report's arguments and compute everything it shows (the arguments of
    :func:`assess.reports.country.report`).

    Examples
    --------
    >>> d = report_data("AZE", compare=["SGP"], assessment="azerbaijan_2003_2012")
    >>> d.rubric["overall_level"], d.model.id, d.readiness_gap["node"], round(float(d.readiness_gap["gap"]), 3)
    (1, 'azerbaijan_today', 'national_ict_strategy', 0.407)
    >>> report_data("AZE", edition=2023)
    Traceback (most recent call last):
    ...
    assess.errors.ReportError: report: 1 problem
      edition: must be one of [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]. Got 2023 instead.
    """
    from assess.data.catalogue import DATASETS

    if lang not in LANGS:
        fail("lang", f"must be one of {list(LANGS)}. Got {lang!r} instead.")
    year = int(edition) if edition is not None else published.EDITIONS[-1]
    if year not in published.EDITIONS:
        fail("edition", f"must be one of {list(published.EDITIONS)}. Got {edition!r} instead.")
    iso3 = str(country).strip().upper()
    p = published.published(year)
    if iso3 not in set(p.index[p["assessed"]]):
        fail("country", f"{country!r} was not assessed in the UN E-Government Survey {year}. "
                        "Expected an ISO3 code such as 'AZE'.")
    comps = [str(c).strip().upper() for c in (DEFAULT_COMPARE if compare is None else compare)]
    unknown = [c for c in comps if c not in p.index]
    if unknown:
        fail("compare", f"unknown ISO3 code(s) {unknown}. Expected codes of UN member states.")
    comps = [c for c in dict.fromkeys(comps) if c != iso3]
    units = [iso3, *comps]
    table = editions_table(units)
    mine = table[table["iso3"] == iso3].set_index("year")
    cur = mine.loc[year]
    prev_year = max([y for y in published.EDITIONS if y in mine.index and y < year], default=None)
    prev = mine.loc[prev_year] if prev_year else None
    gtmi = None
    try:  # the latest GTMI edition, labelled with its year (a later edition than the UN's may be shown as such)
        g = published.published_gtmi(GTMI_EDITION)
        if iso3 in g.index:
            gtmi = (GTMI_EDITION, round(float(g.loc[iso3, "gtmi"]), published.GTMI_DECIMALS), str(g.loc[iso3, "group"]))
    except (AssessError, KeyError):
        gtmi = None
    rank = int(cur["egdi_rank"])
    ranks = target_ranks(rank, table[(table["year"] == year) & table["iso3"].isin(comps)]["egdi_rank"])
    targets = rank_targets(iso3, year, [(t("rank {rank}", lang, rank=r), r) for r in ranks])
    m = country_model(iso3, model)
    references = reference_models(m) if m is not None else ()
    facts = _model_facts(m, references, year) if m is not None else dict(
        readiness_reference=None, readiness=None, readiness_gap=None, readiness_ahead=False,
        missing_capabilities={}, findings=(),
        reports_to={})
    structure = _structure(iso3, strategy, assessment, lang)
    strategy = strategy_input(assessment, lang)
    extra = [r.country for r in references] + [RUBRIC_COUNTRY]
    gtmi_detail, ev, xc = _evidence_facts(iso3, year, m)
    return ReportData(
        lang=lang, iso3=iso3, year=year, compare=tuple(comps), units=tuple(units),
        editions=tuple(y for y in published.EDITIONS if y <= year),
        date=fixed_date or _dt.datetime.now().replace(microsecond=0), version=VERSION,
        names=_country_names(units, table, lang, extra), table=table, current=cur, previous=prev,
        previous_year=prev_year, egdi_change=float(cur["egdi"] - prev["egdi"]) if prev is not None else None,
        rank_change=int(prev["egdi_rank"] - cur["egdi_rank"]) if prev is not None else None, gtmi=gtmi,
        peers=_peers(table, year, comps, cur), target_ranks=ranks, targets=targets,
        best_move=_best_move(targets, ranks), gaps=_gaps(iso3, year, comps, cur["group"]),
        robustness=_robustness(year, units, table[table["year"] == year].set_index("iso3")),
        model=m, references=references, **facts, strategy=strategy,
        rubric=_rubric_score(strategy) if strategy is not None else None,
        sources=tuple((s, DATASETS[s]) for s in SOURCE_IDS if s in DATASETS), method_notes=_method_notes(),
        gtmi_detail=gtmi_detail, evidence=ev, cross_check=xc, structure=structure, **_realisation(m, lang))

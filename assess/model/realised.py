"""What of a proposal came true: each proposal element's status against today's model, derived, never matched by name.

The evidence is a realisation map (``kind: realisation``, e.g. ``frameworks/azerbaijan_realisation.yaml``): for
each assessed element of the proposal, the elements of the current model that realise it (``realised_by``) or
took its place (``superseded_by``), with citations. :func:`realisation` derives the status in a year ``Y``
from those links, the current model's dates (:func:`assess.model.timeline.lifespans`), the capability tags and
the proposal's own structure:

1. *unknown* — the element is listed as unassessed;
2. an element of the current model **counts in Y** when it has started by Y and not ended before Y (a
   programme or milestone that ended was carried out and still counts); an element of unknown start counts
   up to its end when that is known (it existed before it ended), else only in the current model's own year
   (it is known to exist then, not before) — such elements are listed in ``undated``;
3. *not* — nothing counts (an ended realiser with no successor, or a realiser not there yet);
4. *superseded* — no realiser counts but an element named in ``superseded_by`` does, or a successor of an
   ended realiser does (``replaces`` in the current model, followed transitively). A realiser ends in the year
   its ``until`` falls in when a successor starts that year;
5. otherwise *realised*, unless one of these makes it *partly*:

   * capabilities: a capability tag of the proposal element is carried by no realiser that counts;
   * no body: the proposal element is a body but only non-bodies (rules, programmes, platforms) realise it;
   * place: the proposal puts the body under a superior (a ``reports_to`` the paper or a source states),
     the superior is realised, and no body realising the element reports (directly or not) to what realises
     the superior;
   * owner: the proposal assigns the element (a duty ``assigned_to``, a benefit or aim ``realises``) to a body
     that is realised, and what realises that body is not among the realisers, or other bodies share it.

``since`` is the first year from which the status holds without a break to Y (with the date of the element
that made it so). The analyst's ``status_hint`` is shown next to the derived status (``agrees``).

Examples
--------
>>> t = realisation("azerbaijan_proposal", "azerbaijan_today").set_index("element")
>>> t.loc["it_supreme_council", ["status", "since", "realised_by"]].tolist()
['realised', '2026-02-27', ['digital_development_council']]
>>> t.loc["egov_support_council", "status"], t.loc["it_university", "status"], t.loc["gd_information_law", "status"]
('partly', 'superseded', 'not')
>>> realisation("azerbaijan_proposal", "azerbaijan_today", as_of=2020).set_index("element").loc["it_supreme_council", "status"]
'not'
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from assess.errors import AssessError, FrameworkError, Issue
from assess.frameworks import CountryModel, Realisation, list_frameworks, load_framework
from assess.frameworks.provenance import year_of
from assess.frameworks.vocabulary import BODY_TYPES
from assess.i18n import name_in, pt, t, translated
from assess.i18n.catalogues import known
from assess.model.build import build_graph
from assess.model.timeline import lifespans

__all__ = ["COLUMNS", "COMPLETING_TYPES", "evidence_text", "flat_table", "maps_joining", "realisation",
           "realisation_history", "realisation_map", "realised_elements", "status_counts", "status_word"]

#: Types of the current model whose end means "carried out", not "gone".
COMPLETING_TYPES = ("programme", "milestone")
#: Columns of :func:`realisation`.
COLUMNS = ["element", "name", "name_az", "type", "basis", "status", "analyst", "agrees", "realised_by",
           "realised_by_names", "superseded_by", "since", "capabilities", "covered", "missing", "why",
           "undated", "evidence", "evidence_text", "note", "as_of"]


def status_word(status: str, lang: str = "en") -> str:
    """A status as the pages and reports name it in ``lang`` (context ``realisation status``: "not" and "unknown"
    read as statuses).

    Examples
    --------
    >>> status_word("partly", "az"), status_word("not", "en"), status_word("other", "az")
    ('qismən', 'not', 'other')
    """
    words = {"realised": pt("realisation status", "realised", lang), "partly": pt("realisation status", "partly", lang),
             "not": pt("realisation status", "not", lang), "superseded": pt("realisation status", "superseded", lang),
             "unknown": pt("realisation status", "unknown", lang)}
    return words.get(status, str(status))


def realisation_map(proposal: str, current: str) -> Realisation:
    """The realisation file joining ``proposal`` and ``current`` (ids), found among the frameworks.

    Raises
    ------
    FrameworkError
        When no realisation file joins the two models.

    Examples
    --------
    >>> realisation_map("azerbaijan_proposal", "azerbaijan_today").id
    'azerbaijan_realisation'
    """
    for row in list_frameworks():
        if row["kind"] == "realisation":
            fw = load_framework(row["id"])
            if fw.proposal == proposal and fw.current == current:
                return fw
    known = [f"{r['id']}" for r in list_frameworks() if r["kind"] == "realisation"]
    raise FrameworkError("realisation", [Issue("", f"expected a realisation file (kind: realisation) joining "
                                                   f"{str(proposal)[:60]!r} and {str(current)[:60]!r}, found none "
                                                   f"(known: {', '.join(known) or 'none'})")])


def evidence_text(citations) -> str:
    """Citations as one line each: ``publisher (date): title — url`` (unverified ones say so).

    Examples
    --------
    >>> evidence_text([{"title": "T", "url": "https://x", "publisher": "P", "date": "2013", "verified": False}])
    'P (2013): T — https://x [not verified]'
    """
    lines = []
    for c in citations or ():
        who = c.get("publisher") or ""
        when = f" ({c['date']})" if c.get("date") else ""
        flag = " [not verified]" if c.get("verified") is False else ""
        lines.append(f"{who}{when}: {c.get('title', '')} — {c.get('url', '')}{flag}".lstrip(": "))
    return "\n".join(lines)


@dataclass
class _Context:
    P: nx.MultiDiGraph
    C: nx.MultiDiGraph
    spans: dict
    now: int
    rmap: Realisation
    successors: dict
    lang: str = "en"

    def names(self, G: nx.MultiDiGraph, ids) -> str:
        """The names of ``ids`` in ``G``, in the context's language, joined by commas."""
        return ", ".join(name_in(G.nodes[i].get("name"), self.lang, G.nodes[i].get("label", i)) for i in ids)

    def started(self, x: str, year: int) -> bool:
        """Known start by ``year``; an unknown start counts up to a known end (it existed before it ended), else
        only in the current model's own year."""
        start, end = self.spans.get(x, (None, None))
        if start is not None:
            return start <= year
        return (end is not None and year <= end) or year >= self.now

    def counts(self, x: str, year: int) -> bool:
        """Started and not ended (a programme or milestone that ended was carried out: it still counts)."""
        return self.started(x, year) and (not self.ended(x, year) or self.C.nodes[x].get("type") in COMPLETING_TYPES)

    def ended(self, x: str, year: int) -> bool:
        """Ended before ``year``, or in ``year`` when a successor took over that year."""
        start, end = self.spans.get(x, (None, None))
        if end is None or self.C.nodes[x].get("type") in COMPLETING_TYPES:
            return False
        return end < year or (end == year and any(self.spans.get(s, (None,))[0] == year
                                                  for s in self.successors.get(x, ())))

    def live_successors(self, x: str, year: int) -> set[str]:
        out, todo, seen = set(), [x], {x}
        while todo:
            for s in self.successors.get(todo.pop(), ()):
                if s not in seen:
                    seen.add(s)
                    todo.append(s)
                    if self.counts(s, year):
                        out.add(s)
        return out

    def realisers(self, element: str, year: int) -> list[str]:
        try:
            entry = self.rmap.entry(element)
        except KeyError:
            return []
        return [r for r in entry.realised_by if self.counts(r, year)]

    def under(self, node: str, superiors: set[str], year: int) -> bool:
        seen = set()
        while node is not None and node not in seen:
            if node in superiors:
                return True
            seen.add(node)
            ups = [v for _, v, k, d in self.C.out_edges(node, keys=True, data=True) if k == "reports_to"
                   and (year_of(d.get("since")) or 0) <= year and (year_of(d.get("until")) or 9999) >= year
                   and self.counts(v, year)]
            node = ups[0] if ups else None
        return False


def _is_body(G: nx.MultiDiGraph, n: str) -> bool:
    return G.nodes[n].get("type") in BODY_TYPES if n in G else False


def _stated(d: dict) -> bool:
    return d.get("basis") in ("paper", "source")


def _superior(P: nx.MultiDiGraph, e: str) -> str | None:
    ups = [v for _, v, k, d in P.out_edges(e, keys=True, data=True) if k == "reports_to" and _stated(d)]
    return ups[0] if ups else None


def _owner(P: nx.MultiDiGraph, e: str) -> str | None:
    owners = [v for _, v, k, d in P.out_edges(e, keys=True, data=True) if k == "assigned_to" and _stated(d)]
    owners += [u for u, _, k, d in P.in_edges(e, keys=True, data=True) if k == "realises" and _stated(d)]
    return owners[0] if owners else None


def _status(ctx: _Context, element: str, year: int) -> tuple[str, list[str], list[str], list[str]]:
    """``(status, counted realisers or replacements, reasons, undated realisers counted)`` in ``year``."""
    if element in ctx.rmap.unassessed:
        reason = ctx.rmap.unassessed[element]
        return "unknown", [], [translated(reason, ctx.lang) if ctx.lang != "en" and known(reason) else reason], []
    entry = ctx.rmap.entry(element)
    C, P = ctx.C, ctx.P
    live = [r for r in entry.realised_by if ctx.counts(r, year)]
    ended = [r for r in entry.realised_by if ctx.ended(r, year)]
    succ = set().union(*(ctx.live_successors(r, year) for r in ended)) if ended else set()
    sup = [s for s in entry.superseded_by if ctx.counts(s, year)]
    undated = [r for r in live + sup + sorted(succ) if ctx.spans.get(r, (None,))[0] is None]
    lang = ctx.lang
    label = lambda ids: ctx.names(C, ids)  # noqa: E731
    if not live:
        if sup or succ:
            by = sorted(set(sup) | succ)
            return "superseded", by, [t("replaced by {names}", lang, names=label(by))], undated
        if ended:
            return "not", [], [t("{names} ended ({years}); nothing replaced it", lang, names=label(ended),
                                 years=", ".join(str(ctx.spans[r][1]) for r in ended))], undated
        later = [r for r in (*entry.realised_by, *entry.superseded_by) if not ctx.counts(r, year)]
        if later:
            return "not", [], [t("not yet: {names} came later", lang, names=label(later))], undated
        return "not", [], [t("no element of today's model realises it", lang)], undated
    reasons = []
    required = set(P.nodes[element].get("capabilities") or [])
    have = {tag for r in live for tag in C.nodes[r].get("capabilities") or []}
    if required - have:
        reasons.append(t("capabilities not covered: {tags}", lang, tags=", ".join(sorted(required - have))))
    bodies = [r for r in live if _is_body(C, r)]
    if _is_body(P, element) and not bodies:
        reasons.append(t("no body carries it, only {names}", lang, names=label(live)))
    boss = _superior(P, element)
    boss_now = set(ctx.realisers(boss, year)) if boss else set()
    if _is_body(P, element) and boss_now and bodies and not any(ctx.under(b, boss_now, year) for b in bodies):
        reasons.append(t("placed elsewhere: {bodies} is not under {superiors} (the paper puts it under the {boss})",
                         lang, bodies=label(bodies), superiors=label(sorted(boss_now)), boss=ctx.names(P, [boss])))
    owner = _owner(P, element)
    owner_now = set(ctx.realisers(owner, year)) if owner else set()
    if owner_now:
        carried = [r for r in live if r in owner_now or (_is_body(C, r) and ctx.under(r, owner_now, year))]
        others = [r for r in bodies if r not in carried]
        if not carried:
            reasons.append(t("not carried by {owners}, to which the paper gives it, but by {names}", lang,
                             owners=label(sorted(owner_now)), names=label(live)))
        elif others:
            reasons.append(t("shared with {names}", lang, names=label(others)))
    return ("partly" if reasons else "realised"), live, reasons, undated


def _first(ctx: _Context, entry, default: int) -> int:
    """The earliest year worth judging an entry in: the proposal's year or the earliest known start it names."""
    names = [*entry.realised_by, *entry.superseded_by]
    starts = [ctx.spans[n][0] for n in names if ctx.spans.get(n, (None,))[0] is not None]
    return min([default, *starts])


def _since(ctx: _Context, element: str, year: int, status: str, first: int) -> tuple[str | None, list[str]]:
    """First year from which ``status`` holds without a break to ``year``, as the date of what made it so."""
    if status in ("not", "unknown"):
        return None, []
    since = year
    for y in range(year - 1, first - 1, -1):
        if _status(ctx, element, y)[0] != status:
            break
        since = y
    entry = ctx.rmap.entry(element)
    candidates = [*entry.realised_by, *entry.superseded_by]
    candidates += [s for r in entry.realised_by for s in ctx.successors.get(r, ())]
    dates = sorted(str(ctx.C.nodes[c].get("since")) for c in set(candidates)
                   if c in ctx.C and year_of(ctx.C.nodes[c].get("since")) == since)
    if dates:
        return dates[0], []
    if since >= ctx.now:  # reached only now, through elements of unknown start
        return None, _status(ctx, element, year)[3]
    return str(since), []


def _context(proposal, current, using: Realisation | None = None,
             lang: str = "en") -> tuple[_Context, CountryModel, CountryModel]:
    p = load_framework(proposal) if isinstance(proposal, str) else proposal
    c = load_framework(current) if isinstance(current, str) else current
    for m, role in ((p, "proposal"), (c, "current")):
        if not isinstance(m, CountryModel):
            raise AssessError(f"{getattr(m, 'id', m)}: the {role} must be a country model. Found a {m.kind}.")
    rmap = using if using is not None else realisation_map(p.id, c.id)
    if not isinstance(rmap, Realisation) or (rmap.proposal, rmap.current) != (p.id, c.id):
        raise AssessError(f"using: expected a realisation map joining {p.id} and {c.id}.")
    C = build_graph(c)
    successors: dict[str, list[str]] = {}
    for n, d in C.nodes(data=True):
        for old in d.get("replaces") or []:
            successors.setdefault(old, []).append(n)
    now = year_of(c.as_of) or year_of(rmap.as_of)
    return _Context(build_graph(p), C, lifespans(C), now, rmap, successors, lang), p, c


def _year(as_of, default: int) -> int:
    if as_of is None:
        return default
    if isinstance(as_of, bool) or not isinstance(as_of, int | str) or not str(as_of).strip().isdigit():
        raise AssessError(f"as_of: expected a year such as 2020, found {str(as_of)[:20]!r}.")
    year = int(str(as_of).strip())
    if not 1990 <= year <= default:
        raise AssessError(f"as_of: expected a year from 1990 to {default} (the current model's date), found {year}.")
    return year


def realisation(proposal: CountryModel | str = "azerbaijan_proposal", current: CountryModel | str = "azerbaijan_today",
                *, as_of: int | None = None, using: Realisation | None = None, lang: str = "en") -> pd.DataFrame:
    """The status of each assessed proposal element against the current model, in a year.

    Parameters
    ----------
    proposal, current : CountryModel or str
        The two country models (ids or objects); a realisation file must join them.
    as_of : int, optional
        The year to judge in (default: the current model's year). The current model is taken as it stood
        then (:func:`assess.model.timeline.graph_as_of`'s dates).
    using : Realisation, optional
        The realisation map to use (default: the file of ``frameworks/`` joining the two models).
    lang : str
        Language of the names (``name``, ``realised_by_names``: the models' own ``{en, az}`` names) and of ``why``.

    Returns
    -------
    pandas.DataFrame
        One row per proposal element listed under ``entries`` or ``unassessed`` (columns :data:`COLUMNS`):
        ``status`` (realised, partly, not, superseded, unknown), ``analyst`` (the file's hint), ``agrees``,
        ``realised_by`` (ids counted in the year; for *superseded*, what replaced it) and their names,
        ``since`` (date text), ``capabilities``/``covered``/``missing``, ``why`` (the reasons, or the unassessed
        reason), ``undated`` (elements of unknown start counted), ``evidence`` (citations) and ``evidence_text``.

    Raises
    ------
    AssessError
        For a model that is not a country model, no realisation file joining the two, or a bad year.

    Examples
    --------
    >>> t = realisation("azerbaijan_proposal", "azerbaijan_today")
    >>> t["status"].value_counts().to_dict()
    {'realised': 24, 'partly': 16, 'unknown': 4, 'superseded': 3, 'not': 2}
    >>> t.set_index("element").loc["egov_support_council", "why"]
    'capabilities not covered: service_standards; placed elsewhere: E-GOV Development Center is not under Ministry of Digital Development and Transport (the paper puts it under the Ministry of Communications and Information Technologies)'
    """
    ctx, p, c = _context(proposal, current, using, lang)
    year = _year(as_of, ctx.now)
    rows = []
    for element in [e.element for e in ctx.rmap.entries] + list(ctx.rmap.unassessed):
        d = ctx.P.nodes[element]
        status, by, reasons, undated = _status(ctx, element, year)
        entry = None if element in ctx.rmap.unassessed else ctx.rmap.entry(element)
        since, undated_since = _since(ctx, element, year, status, _first(ctx, entry, year_of(p.as_of) or year)) \
            if entry else (None, [])
        if undated_since:
            reasons = [*reasons, t("reached only through elements of unknown start: {names}", lang,
                                   names=ctx.names(ctx.C, undated_since))]
        required = sorted(d.get("capabilities") or [])
        have = {t for r in by for t in ctx.C.nodes[r].get("capabilities") or []}
        hint = entry.status_hint if entry else None
        rows.append({
            "element": element, "name": ctx.names(ctx.P, [element]), "name_az": (d.get("name") or {}).get("az"),
            "type": d.get("type"), "basis": d.get("basis"), "status": status, "analyst": hint,
            "agrees": None if hint is None else hint == status, "realised_by": by,
            "realised_by_names": [ctx.names(ctx.C, [r]) for r in by],
            "superseded_by": list(entry.superseded_by) if entry else [], "since": since,
            "capabilities": required, "covered": sorted(set(required) & have),
            "missing": sorted(set(required) - have) if status in ("realised", "partly") else [],
            "why": "; ".join(reasons), "undated": undated,
            "evidence": [dict(x) for x in entry.evidence] if entry else [],
            "evidence_text": evidence_text(entry.evidence) if entry else "",
            "note": entry.note if entry else None, "as_of": year})
    return pd.DataFrame(rows, columns=COLUMNS, dtype=object).astype({"as_of": int})


def realisation_history(proposal: CountryModel | str = "azerbaijan_proposal",
                        current: CountryModel | str = "azerbaijan_today", *, start: int | None = None,
                        end: int | None = None, using: Realisation | None = None, lang: str = "en") -> pd.DataFrame:
    """Status of each assessed element in every year from ``start`` (the proposal's year) to ``end`` (the current
    model's): columns ``element, name, year, status``.

    Examples
    --------
    >>> h = realisation_history().set_index(["element", "year"])["status"]
    >>> h.loc[("it_supreme_council", 2025)], h.loc[("it_supreme_council", 2026)], h.loc[("it_university", 2013)]
    ('not', 'realised', 'realised')
    """
    ctx, p, c = _context(proposal, current, using, lang)
    last = _year(end, ctx.now)
    first = _year(start, last) if start is not None else (year_of(p.as_of) or last)
    rows = [{"element": e, "name": ctx.names(ctx.P, [e]), "year": y, "status": _status(ctx, e, y)[0]}
            for e in [x.element for x in ctx.rmap.entries] + list(ctx.rmap.unassessed)
            for y in range(first, last + 1)]
    return pd.DataFrame(rows, columns=["element", "name", "year", "status"])


def flat_table(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`realisation`'s table with lists joined by ``"; "`` and the citations as text (for CSV, Excel, grids).

    Examples
    --------
    >>> flat_table(realisation()).set_index("element").loc["ecitizen_model", "realised_by"]
    'mobile_esignature; sima; id_cards; mygov; e_imza'
    """
    out = table.drop(columns=["evidence"]).copy()
    for col in ("realised_by", "realised_by_names", "superseded_by", "capabilities", "covered", "missing", "undated"):
        out[col] = out[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list | tuple) else v)
    out["agrees"] = out["agrees"].map({True: "yes", False: "no"}).fillna("")
    return out.where(out.notna(), "")


def status_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many elements have each status, in the vocabulary's order (zeros included).

    Examples
    --------
    >>> status_counts(realisation())
    {'realised': 24, 'partly': 16, 'not': 2, 'superseded': 3, 'unknown': 4}
    """
    from assess.frameworks.vocabulary import REALISATION_STATUSES

    counts = table["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in REALISATION_STATUSES}


def maps_joining(model_id: str) -> list[Realisation]:
    """The realisation maps that have ``model_id`` as their proposal or their current model.

    Examples
    --------
    >>> [m.id for m in maps_joining("azerbaijan_today")], maps_joining("singapore")
    (['azerbaijan_realisation'], [])
    """
    out = []
    for row in list_frameworks():
        if row["kind"] == "realisation":
            fw = load_framework(row["id"])
            if model_id in (fw.proposal, fw.current):
                out.append(fw)
    return out


def realised_elements(rmap: Realisation, node_id: str) -> dict[str, list[str]]:
    """Which proposal elements a node of the current model is linked to: ``{"realised_by": [...],
    "superseded_by": [...]}`` (the proposal element ids, in the map's order).

    Examples
    --------
    >>> realised_elements(realisation_map("azerbaijan_proposal", "azerbaijan_today"), "digital_development_council")
    {'realised_by': ['it_supreme_council', 'it_coordination_council', 'duty_overall_view', 'duty_work_as_whole', 'duty_coordinate_projects'], 'superseded_by': []}
    """
    return {"realised_by": [e.element for e in rmap.entries if node_id in e.realised_by],
            "superseded_by": [e.element for e in rmap.entries if node_id in e.superseded_by]}

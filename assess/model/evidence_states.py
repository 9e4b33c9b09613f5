"""Evidence → capabilities: for an economy and a year, the state of every capability the evidence map knows
(``frameworks/capability_evidence.yaml``), with the values behind it, their source, indicator name and edition.

States (:data:`assess.frameworks.vocabulary.EVIDENCE_STATES`): ``present``, ``partial``, ``absent`` (the evidence
says so), ``unknown`` (a rule exists but its values are missing), ``not_modelled`` (no indicator decides it; context
values shown). *Absent* needs the evidence to say no; a missing value is never read as no.

Year policy: each evidence item takes the latest edition of its source at or before the year asked, at most
``max_lag`` (2) years older; the editions of a source are those of its framework (``gtmi.yaml``, ``un_egdi.yaml``)
or the years the store holds. An item whose question differs in that edition (GTMI I-40/I-41 from 2025) is
unknown, never answered from an older edition. With ``year=None`` each source takes its latest edition *with
values* (GTMI key indicators: 2022).

Examples
--------
>>> e = evidence("AZE", 2022).set_index("capability")
>>> e.loc["e_participation", "state"], e.loc["e_participation", "values"][0]["value"]
('present', 1.0)
>>> e.loc["e_participation", "values"][0]["name"]
'Are there national platforms that allow citizens to participate in policy decision-making?'
>>> e.loc["digital_identity", "state"], e.loc["cybersecurity", "state"], e.loc["e_visa", "state"]
('unknown', 'not_modelled', 'not_modelled')
>>> evidence("AZE", 2025).set_index("capability").loc["cloud_infrastructure", "values"][0]["reason"]
'no value: the 2025 key-indicator values are not in the bundled data'
"""

from __future__ import annotations

import math

import pandas as pd

from assess.caches import memoise
from assess.data import countries, indicator_catalogue, load_indicators, memoise_on_data
from assess.errors import AssessError, CountryError
from assess.frameworks import EvidenceMap, load_framework
from assess.frameworks.vocabulary import CAPABILITIES

__all__ = ["EVIDENCE_MAP", "capability_states", "evidence", "evidence_economies", "source_edition"]

#: The shipped evidence map.
EVIDENCE_MAP = "capability_evidence"
#: Score of each decided state in readiness (present 1, partial 0.5, absent 0).
STATE_SCORE = {"present": 1.0, "partial": 0.5, "absent": 0.0}


def _map(evidence_map: str | EvidenceMap) -> EvidenceMap:
    em = load_framework(evidence_map) if isinstance(evidence_map, str) else evidence_map
    if not isinstance(em, EvidenceMap):
        raise AssessError(f"{getattr(em, 'id', evidence_map)}: expected an evidence map. Found a {em.kind}.")
    return em


@memoise(maxsize=4)
def _lookup_id(evidence_map: str) -> tuple[dict, dict, dict, dict]:
    return _lookup_for(_map(evidence_map))


def _lookup(em: EvidenceMap) -> tuple[dict, dict, dict, dict]:
    """The lookups of a map: memoised for a registered map, computed for any other (e.g. a document in a test)."""
    try:
        registered = em.path is not None and em == _map(em.id)
    except AssessError:  # an id that is no registered framework
        registered = False
    return _lookup_id(em.id) if registered else _lookup_for(em)


def _lookup_for(em: EvidenceMap) -> tuple[dict, dict, dict, dict]:
    """(values, source editions in the store, source editions with values, catalogue names) for the map's items."""
    wanted = {(e.source, e.indicator, e.breakdown) for e in em.evidence}
    sources = sorted({s for s, _, _ in wanted})
    df = load_indicators(sources)
    keys = list(zip(df["source"].astype(str), df["indicator"].astype(str), df["breakdown"], strict=True))
    df = df[[k in wanted for k in keys]]
    values: dict = {}
    for r in df.itertuples(index=False):
        values[(str(r.source), str(r.indicator), r.breakdown, r.iso3, int(r.year))] = (
            None if r.value != r.value else float(r.value), str(r.flag), r.note)
    store_years = {s: sorted(int(y) for y in g["year"].unique())
                   for s, g in load_indicators(sources).groupby("source", observed=True)}
    with_values = {s: sorted(int(y) for y in g.loc[g["value"].notna(), "year"].unique())
                   for s, g in df.groupby("source", observed=True)}
    cat = indicator_catalogue(sources)
    names = {(str(s), str(i), int(y)): n for s, i, y, n in
             zip(cat["source"], cat["indicator"], cat["edition"], cat["name"], strict=True) if n}
    missing_notes = {(str(s), str(i), int(y)): n for s, i, y, n, b in
                     zip(cat["source"], cat["indicator"], cat["edition"], cat["note"], cat["values_bundled"], strict=True)
                     if not b}
    changed = {(str(s), str(i), int(y)) for s, i, y, c in
               zip(cat["source"], cat["indicator"], cat["edition"], cat["meaning_changed"], strict=True) if c}
    return values, store_years, with_values, {"names": names, "not_bundled": missing_notes, "changed": changed}


def _editions(em: EvidenceMap, source: str, store_years: dict) -> list[int]:
    fw = em.editions_from.get(source)
    if fw:
        return sorted(int(y) for y in load_framework(fw).editions)
    return store_years.get(source, [])


def source_edition(source: str, year: int | None, *, evidence_map: str | EvidenceMap = EVIDENCE_MAP) -> int | None:
    """The edition of *source* that answers a request for *year* (None: none within the map's ``max_lag``).

    Examples
    --------
    >>> source_edition("wb_gtmi_indicators", 2024), source_edition("wb_gtmi_indicators", 2025)
    (2022, 2025)
    >>> source_edition("eu_egov_benchmark", 2025), source_edition("oecd_dgi", 2022), source_edition("wb_gtmi_indicators", None)
    (2023, None, 2022)
    """
    em = _map(evidence_map)
    _, store_years, with_values, _ = _lookup(em)
    if year is None:
        eds = with_values.get(source, [])
        return eds[-1] if eds else None
    ok = [e for e in _editions(em, source, store_years) if e <= year and year - e <= em.max_lag]
    return max(ok) if ok else None


def _value(em: EvidenceMap, eid: str, iso3: str, year: int | None, cache: dict) -> dict:
    item = em.item(eid)
    values, _, _, meta = _lookup(em)
    if item.source not in cache:
        cache[item.source] = source_edition(item.source, year, evidence_map=em)
    edition = cache[item.source]
    out = {"evidence": eid, "source": item.source, "indicator": item.indicator, "breakdown": item.breakdown,
           "name": "", "edition": edition, "value": None, "flag": "", "reason": ""}
    if edition is None:
        out["reason"] = (f"no {item.source} edition within {em.max_lag} years before {year}" if year is not None
                         else f"no {item.source} values in the store")
        return out
    out["name"] = meta["names"].get((item.source, item.indicator, edition), item.question or "")
    hit = values.get((item.source, item.indicator, item.breakdown, iso3, edition))
    if item.editions and edition not in item.editions:
        relies = f"this rule relies on editions {', '.join(map(str, item.editions))}"
        if (item.source, item.indicator, edition) in meta["changed"]:
            out["reason"] = f"the {edition} edition asks another question under {item.indicator} ({relies})"
            out["name"] = ""  # never a name beside an edition where the code meant something else
        elif hit is not None and hit[1] == "new_indicator":
            out["reason"] = f"not part of the {edition} edition (new_indicator: 'New' in the file; {relies})"
        else:
            out["reason"] = f"not used from the {edition} edition ({relies})"
        return out
    if hit is None:
        note = meta["not_bundled"].get((item.source, item.indicator, edition))
        out["reason"] = "no value: " + (note.split("; ")[-1] if note else f"{item.source} {edition} does not cover {iso3}")
        return out
    value, flag, note = hit
    out.update(value=value, flag=flag)
    if value is None:
        out["reason"] = f"no value ({flag or 'missing'}{': ' + note if note else ''})"
    return out


def _state(em: EvidenceMap, cap: str, vals: dict) -> str:
    return em.state(cap, lambda eid: vals[eid]["value"] if eid in vals else None)


def capability_states(iso3: str, year: int | None = None, *, evidence_map: str = EVIDENCE_MAP) -> dict[str, str]:
    """``{capability: state}`` for every tag the map knows (a light :func:`evidence`).

    Examples
    --------
    >>> s = capability_states("TKM", 2022)
    >>> s["e_payment"], s["e_tax"], s["cybersecurity"]
    ('absent', 'partial', 'not_modelled')
    """
    e = evidence(iso3, year, evidence_map=evidence_map)
    return dict(zip(e["capability"], e["state"], strict=True))


@memoise(maxsize=1024)
def _evidence(iso3: str, year: int | None, evidence_map: str) -> pd.DataFrame:
    return _evidence_for(iso3, year, _map(evidence_map))


def _evidence_for(iso3: str, year: int | None, em: EvidenceMap) -> pd.DataFrame:
    cache: dict = {}
    rows = []
    for rule in em.rules:
        vals = {eid: _value(em, eid, iso3, year, cache) for eid in rule.evidence_ids()}
        ctx = [_value(em, eid, iso3, year, cache) for eid in rule.context]
        rows.append(_row(iso3, year, rule.capability, "decided", _state(em, rule.capability, vals),
                         list(vals.values()), ctx, rule.why))
    for rule in em.context_only:
        ctx = [_value(em, eid, iso3, year, cache) for eid in rule.context]
        rows.append(_row(iso3, year, rule.capability, "context_only", "not_modelled", [], ctx, rule.why))
    for tag, why in em.not_modelled.items():
        rows.append(_row(iso3, year, tag, "not_modelled", "not_modelled", [], [], why))
    return pd.DataFrame(rows)


def _row(iso3, year, cap, coverage, state, values, context, why) -> dict:
    used = sorted({f"{v['source']} {v['edition']}" for v in values + context if v["edition"] is not None})
    return {"iso3": iso3, "year": year, "capability": cap, "label": CAPABILITIES.get(cap, cap), "coverage": coverage,
            "state": state, "values": values, "context": context, "editions": "; ".join(used), "why": why}


def _check_iso3(iso3) -> str:
    if not isinstance(iso3, str) or len(iso3) > 3:
        raise CountryError(iso3, "expected an ISO3 code such as 'AZE'.", source="evidence")
    code = iso3.upper()
    if code not in set(countries()["iso3"]):
        raise CountryError(iso3, "unknown country. Expected the ISO3 code of a country such as 'AZE'.", source="evidence")
    return code


def _check_year(year) -> int | None:
    if year is None:
        return None
    if isinstance(year, bool) or not isinstance(year, int | float) or not math.isfinite(year) or year != int(year) \
            or not 1990 <= year <= 2100:
        raise AssessError(f"evidence: expected a year between 1990 and 2100 (or none for the latest). Found {year!r}.")
    return int(year)


def evidence(iso3: str, year: int | None = None, *, evidence_map: str | EvidenceMap = EVIDENCE_MAP) -> pd.DataFrame:
    """The state of every capability for an economy and year, with the values behind it.

    Parameters
    ----------
    iso3 : str
        ISO3 code (``"AZE"``).
    year : int, optional
        The year asked; each source answers with its latest edition at or before it, at most two years older.
        None: each source's latest edition with values.
    evidence_map : str or EvidenceMap
        Id of an evidence map (default ``capability_evidence``), or a map object (not cached).

    Returns
    -------
    pandas.DataFrame
        One row per capability: ``iso3, year, capability, label, coverage`` (decided, context_only,
        not_modelled), ``state``, ``values`` (list of dicts: evidence, source, indicator, breakdown, name, edition,
        value, flag, reason — the deciding values), ``context`` (the same for context items), ``editions`` (the
        source editions used) and ``why`` (the rule's reason).

    Examples
    --------
    >>> e = evidence("AZE", 2024).set_index("capability")
    >>> e.loc["e_participation", "state"], e.loc["e_participation", "values"][0]["indicator"]
    ('present', 'I-30')
    """
    code, y = _check_iso3(iso3), _check_year(year)
    if isinstance(evidence_map, str):
        return _evidence(code, y, evidence_map).copy()
    return _evidence_for(code, y, _map(evidence_map))


def evidence_economies() -> list[str]:
    """The economies of the GTMI (every edition): the 198 a baseline model can be built for.

    Examples
    --------
    >>> e = evidence_economies()
    >>> len(e), "AZE" in e, "XKX" in e
    (198, True, True)
    """
    return list(_economies())


@memoise_on_data(maxsize=1)
def _economies() -> tuple[str, ...]:
    st = load_indicators("wb_gtmi")
    return tuple(sorted(set(st.loc[st["indicator"] == "gtmi", "iso3"])))

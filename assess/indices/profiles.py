"""A country's profile in one edition: headline, strengths and weaknesses, history, GTMI — each labelled with its year.

**Strengths and weaknesses** (:func:`strengths`). A component is judged on two facts shown beside it:

* its *rank* among the assessed countries against the country's EGDI rank (better = ranked higher), and
* its *value* against the mean of the country's UN M49 region.

It is a **strength** when both are better (ranked above its EGDI rank *and* above the region's mean), a
**weakness** when both are worse (ranked below its EGDI rank *and* below the region's mean), and **neither**
when the two disagree (the ``why`` column says which way each goes). So a component above the regional mean
is never called a weakness, and one below it is never called a strength. A country without a region (none
today among assessed countries) is judged on the rank alone.

**What existed in that edition** (:func:`profile`). The UN groups start in 2014 and the rating classes in
2018 (``un_egdi.yaml``): for an earlier edition the group is shown as *later thresholds applied to that
edition's EGDI* and no rating class is given. The GTMI starts in 2020: an edition before has no GTMI; a later
UN edition shows the latest GTMI edition up to its year, labelled with that GTMI year.

Examples
--------
>>> s = strengths("AZE", 2024).set_index("component")
>>> s["verdict"].to_dict()
{'osi': 'strength', 'hci': 'neither', 'tii': 'neither', 'epi': 'weakness'}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assess.caches import memoise
from assess.data.country_list import countries
from assess.engine.classify import rank_desc
from assess.errors import CountryError, shown
from assess.frameworks import memoise_on_inputs
from assess.i18n import LANGS, format_number, t
from assess.indices import published
from assess.indices.groupings import aggregates
from assess.indices.views import place_name

__all__ = ["COMPONENTS", "GTMI_COLUMNS", "assessed_editions", "gtmi_edition", "gtmi_history", "history",
           "profile", "series_name", "strengths"]

#: The UN components compared (EPI is not in the EGDI mean but is published with it).
COMPONENTS = ("osi", "hci", "tii", "epi")
#: Columns of :func:`gtmi_history`: the GTMI, its four components and its group.
GTMI_COLUMNS = ("gtmi", *published.GTMI_COMPONENTS, "group")


@memoise(maxsize=1)
def _regions() -> dict:
    c = countries()
    return {"region": dict(zip(c["iso3"], c["region"], strict=True)),
            "income_group": dict(zip(c["iso3"], c["income_group"], strict=True)),
            "name": dict(zip(c["iso3"], c["name"], strict=True))}


def _known(iso3) -> str:
    if not isinstance(iso3, str) or iso3 not in _regions()["name"]:
        raise CountryError(str(iso3)[:40], f"unknown country {shown(iso3, 40)}. Expected an ISO3 code.",
                           source="profile")
    return iso3


def _means(year: int, indicator: str, grouping: str) -> dict:
    return _group_means(int(year), indicator, grouping)


@memoise(maxsize=256)
def _group_means(year: int, indicator: str, grouping: str) -> dict:
    agg = aggregates(year, indicator, by=[grouping])
    return {k: float(v) for k, v in agg.loc[grouping, "mean"].items()}


def strengths(iso3: str, year: int | None = None, lang: str = "en") -> pd.DataFrame:
    """One row per UN component: value, rank, the region's mean, the verdict and why (rule: module docstring).

    Returns
    -------
    pandas.DataFrame
        Columns ``component, value, rank, egdi_rank, region, region_mean, vs_region, verdict, why``;
        ``verdict`` is ``strength``, ``weakness`` or ``neither``.

    Raises
    ------
    CountryError
        The country was not assessed in that edition.

    Examples
    --------
    Azerbaijan 2024: HCI ranks 81st (below its EGDI rank 74) but is 0.0404 above the mean of Asia, so it
    is *neither*; EPI ranks 88th and is 0.0472 below Asia's mean: a weakness.

    >>> s = strengths("AZE", 2024).set_index("component")
    >>> int(s.loc["hci", "rank"]), round(float(s.loc["hci", "vs_region"]), 4), s.loc["hci", "verdict"]
    (81, 0.0404, 'neither')
    >>> s.loc["hci", "why"]
    'ranks 81st, below its EGDI rank (74th); 0.0404 above the mean of Asia'
    >>> strengths("AZE", 2024, "az").set_index("component").loc["hci", "why"]
    '81-ci yerdədir, EGDI yerindən (74-cü) aşağı; Asiya ortasından 0,0404 yuxarı'
    """
    return _strengths(iso3, year, lang)


@memoise_on_inputs(maxsize=512)
def _strengths(iso3, year, lang):
    """:func:`strengths`, kept per data and frameworks version (the Country profile asks at every request)."""
    lang = lang if lang in LANGS else "en"
    year = published.edition(year)
    p = published.published(year)
    if iso3 not in p.index or not bool(p.loc[iso3, "assessed"]):
        raise CountryError(f"{iso3}, {year}", "not assessed in this edition of the UN Survey.", source="un_egov")
    a = p[p["assessed"]]
    egdi_rank = int(a.loc[iso3, "egdi_rank"])
    region = _regions()["region"].get(iso3)
    region = region if isinstance(region, str) else None
    d = published.decimals(a["egdi"])
    rows = []
    for c in COMPONENTS:
        value = float(a.loc[iso3, c])
        r = int(rank_desc(a[c])[iso3])
        mean = _means(year, c, "region").get(region, np.nan) if region else np.nan
        diff = round(value - mean, d) if np.isfinite(mean) else np.nan
        better_rank, worse_rank = r < egdi_rank, r > egdi_rank
        above, below = (diff > 0, diff < 0) if np.isfinite(diff) else (better_rank, worse_rank)
        verdict = "strength" if better_rank and above else "weakness" if worse_rank and below else "neither"
        rank_words = t("ranks {rank_ord}, above its EGDI rank ({egdi_ord})", lang, rank=r, egdi=egdi_rank) \
            if better_rank else t("ranks {rank_ord}, below its EGDI rank ({egdi_ord})", lang, rank=r, egdi=egdi_rank) \
            if worse_rank else t("ranks {rank_ord}, level with its EGDI rank ({egdi_ord})", lang, rank=r,
                                 egdi=egdi_rank)
        where = {"diff": format_number(abs(diff), lang, 4) if np.isfinite(diff) else "",
                 "region": place_name(region, lang)}
        region_words = t("no regional mean", lang) if not np.isfinite(diff) else \
            t("{diff} above the mean of {region}", lang, **where) if diff > 0 else \
            t("{diff} below the mean of {region}", lang, **where) if diff < 0 else t("at the mean of {region}", lang,
                                                                                     **where)
        rows.append({"component": c, "value": value, "rank": r, "egdi_rank": egdi_rank, "region": region,
                     "region_mean": round(mean, d) if np.isfinite(mean) else np.nan, "vs_region": diff,
                     "verdict": verdict, "why": f"{rank_words}; {region_words}"})
    return pd.DataFrame(rows)


def assessed_editions(iso3: str) -> tuple[int, ...]:
    """The UN editions in which *iso3* was assessed.

    Examples
    --------
    >>> assessed_editions("TUV")[:3]
    (2005, 2012, 2014)
    >>> assessed_editions("XKX")
    ()
    """
    _known(iso3)
    return tuple(y for y in published.EDITIONS if _assessed(y, iso3))


def _assessed(year: int, iso3: str) -> bool:
    p = published.published(year)
    return iso3 in p.index and bool(p.loc[iso3, "assessed"])


def gtmi_edition(year: int) -> int | None:
    """The latest GTMI edition published up to *year* (``None`` before the first, 2020).

    Examples
    --------
    >>> gtmi_edition(2003), gtmi_edition(2020), gtmi_edition(2024), gtmi_edition(2025)
    (None, 2020, 2022, 2025)
    """
    older = [y for y in published.GTMI_EDITIONS if y <= int(year)]
    return max(older) if older else None


def gtmi_history(iso3: str) -> pd.DataFrame:
    """Every GTMI edition of a country: the GTMI, its four components and its group (empty when not covered).

    Values are rounded to :data:`assess.indices.published.GTMI_DECIMALS`.

    Examples
    --------
    >>> g = gtmi_history("AZE")
    >>> float(g.loc[2022, "gtmi"]), g.loc[2022, "group"], list(g.index)
    (0.775, 'A', [2020, 2022, 2025])
    >>> gtmi_history("XKX").loc[2025, "group"]
    'A'
    """
    return _gtmi_history(iso3)


@memoise_on_inputs(maxsize=256)
def _gtmi_history(iso3):
    """:func:`gtmi_history`, kept per data and frameworks version (every edition looked up)."""
    _known(iso3)
    rows = {}
    for y in published.GTMI_EDITIONS:
        g = published.published_gtmi(y)
        if iso3 in g.index:
            r = g.loc[iso3]
            rows[y] = {c: (round(float(r[c]), published.GTMI_DECIMALS) if pd.notna(r[c]) else np.nan)
                       for c in GTMI_COLUMNS[:-1]} | {"group": str(r["group"]) if pd.notna(r["group"]) else None}
    out = pd.DataFrame.from_dict(rows, orient="index", columns=list(GTMI_COLUMNS))
    out.index.name = "year"
    return out


def series_name(key: str, lang: str = "en") -> str:
    """A row of :func:`profile`'s comparison (or a reference of a trend) in ``lang``: ``Region: Asia`` →
    ``Region: Asiya``; the leader's name and country codes as they are.

    Examples
    --------
    >>> series_name("Income: Upper middle income", "az"), series_name("Leader: Denmark", "az"), series_name("AZE")
    ('Gəlir qrupu: Yuxarı-orta gəlirli', 'Lider: Danimarka', 'AZE')
    """
    kind, sep, rest = str(key).partition(": ")
    if not sep or lang == "en":
        return str(key)
    if kind == "Region":
        return t("Region: {name}", lang, name=place_name(rest, lang))
    if kind == "Income":
        return t("Income: {name}", lang, name=place_name(rest, lang))
    if kind == "Leader":
        c = countries()
        az = dict(zip(c["name"], c["name_az"], strict=True)) if lang == "az" else {}
        return t("Leader: {name}", lang, name=az.get(rest) if isinstance(az.get(rest), str) and az.get(rest) else rest)
    return str(key)


def history(iso3: str) -> dict:
    """Published EGDI and rank of a country in every edition it was assessed, and its region's mean EGDI.

    Returns ``{"egdi": Series, "rank": Series, "region": name or None, "region_mean": Series}`` (by year).

    Examples
    --------
    >>> h = history("TUV")
    >>> 2003 in h["egdi"].index, float(h["egdi"][2012])
    (False, 0.35389)
    """
    return _history(iso3)


@memoise_on_inputs(maxsize=256)
def _history(iso3):
    """:func:`history`, kept per data and frameworks version (every edition looked up)."""
    _known(iso3)
    egdi, rank = {}, {}
    for y in published.EDITIONS:
        if _assessed(y, iso3):
            p = published.published(y)
            egdi[y], rank[y] = float(p.loc[iso3, "egdi"]), float(p.loc[iso3, "egdi_rank"])
    region = _regions()["region"].get(iso3)
    region = region if isinstance(region, str) else None
    means = pd.Series({y: _means(y, "egdi", "region").get(region) for y in published.EDITIONS} if region else {},
                      dtype=float)
    return {"egdi": pd.Series(egdi, dtype=float), "rank": pd.Series(rank, dtype=float), "region": region,
            "region_mean": means}


def profile(iso3: str, year: int | None = None, lang: str = "en") -> dict:
    """What a country profile shows for one UN edition, each fact labelled with the year it belongs to.

    Keys: ``iso3, year, assessed`` (bool), ``editions`` (the editions it was assessed in), and when assessed
    ``egdi, rank, n, values`` (component → value), ``group`` (code), ``group_note`` (None, or the words
    saying that the thresholds are applied to an edition that had no groups), ``rating_class`` (None before
    2018) and ``class_note``; ``region, income_group, comparison`` (DataFrame of the components of the
    country, its region's and income group's means, and the edition's leader); always ``gtmi`` (the GTMI
    edition up to *year*: ``{"year", "gtmi", "group"}`` or None) and ``gtmi_note``.

    Examples
    --------
    >>> p = profile("AZE", 2003)
    >>> p["rating_class"], p["class_note"]
    (None, 'The UN rating classes start in 2018.')
    >>> p["gtmi"], p["gtmi_note"]
    (None, 'The GTMI starts in 2020; there is no GTMI for 2003.')
    >>> p["group"], p["group_note"]
    ('M', 'The UN grouped countries from 2014: this is the 2014 thresholds applied to the 2003 EGDI.')
    >>> profile("AZE", 2024)["gtmi"]
    {'year': 2022, 'gtmi': 0.775, 'group': 'A'}
    >>> profile("TUV", 2003)["assessed"], profile("TUV", 2003)["editions"][0]
    (False, 2005)

    The notes in Azerbaijani (``lang="az"``); the comparison's rows keep their English keys (``Region: Asia``):
    :func:`series_name` says them in a language.

    >>> profile("AZE", 2003, "az")["class_note"]
    'BMT reytinq sinifləri 2018-ci ildən başlayır.'
    """
    return _profile(iso3, year, lang)


@memoise_on_inputs(maxsize=512)
def _profile(iso3, year, lang):
    """:func:`profile`, kept per data and frameworks version (the Country profile asks at every request)."""
    lang = lang if lang in LANGS else "en"
    iso3 = _known(iso3)
    year = published.edition(year)
    out = {"iso3": iso3, "year": year, "editions": assessed_editions(iso3), "assessed": _assessed(year, iso3)}
    gy = gtmi_edition(year)
    g = gtmi_history(iso3)
    if gy is None:
        out["gtmi"], out["gtmi_note"] = None, t("The GTMI starts in {first}; there is no GTMI for {year}.", lang,
                                                first=published.GTMI_EDITIONS[0], year=year)
    elif gy not in g.index:
        out["gtmi"], out["gtmi_note"] = None, t("Not covered by the GTMI {edition}.", lang, edition=gy)
    else:
        out["gtmi"] = {"year": gy, "gtmi": float(g.loc[gy, "gtmi"]), "group": g.loc[gy, "group"]}
        out["gtmi_note"] = None if gy == year else t("GTMI {edition}: the latest GTMI edition up to {year}.", lang,
                                                     edition=gy, year=year)
    if not out["assessed"]:
        return out
    p = published.published(year)
    a = p[p["assessed"]]
    row = a.loc[iso3]
    names = _regions()
    region, income = names["region"].get(iso3), names["income_group"].get(iso3)
    region = region if isinstance(region, str) else None
    income = income if isinstance(income, str) else None
    group = published.un_groups(pd.Series([row["egdi"]])).iloc[0]
    first_groups = min(y for y in published.EDITIONS if published.edition_has(y, "groups"))
    out.update({
        "egdi": float(row["egdi"]), "rank": int(row["egdi_rank"]), "n": len(a),
        "values": {c: float(row[c]) for c in COMPONENTS},
        "group": group,
        "group_note": None if published.edition_has(year, "groups") else t(
            "The UN grouped countries from {first}: this is the {first} thresholds applied to the {year} EGDI.", lang,
            first=first_groups, year=year),
        "rating_class": published.rating_class(a["egdi"])[iso3] if published.edition_has(year, "classes") else None,
        "class_note": t("An approximation: quartiles by count within the group (the UN does not publish its cut "
                        "rule).", lang) if published.edition_has(year, "classes") else
                      t("The UN rating classes start in {year}.", lang, year=published.CLASSES_SINCE),
        "region": region, "income_group": income,
    })
    bars = {iso3: {c: float(row[c]) for c in COMPONENTS}}
    if region:
        bars[f"Region: {region}"] = {c: _means(year, c, "region").get(region) for c in COMPONENTS}
    if income:
        bars[f"Income: {income}"] = {c: _means(year, c, "income_group").get(income) for c in COMPONENTS}
    leader = a["egdi"].idxmax()
    bars[f"Leader: {names['name'].get(leader, leader)}"] = {c: float(a.loc[leader, c]) for c in COMPONENTS}
    out["comparison"] = pd.DataFrame(bars).T[list(COMPONENTS)].astype(float)
    out["leader"] = leader
    return out

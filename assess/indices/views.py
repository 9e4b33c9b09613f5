"""What the dashboard's pages show, computed once here (the pages only lay it out): the world view of an index in
one edition, its full ranking, the weight shares of a composite framework and the next target of a country.

Indices (:data:`INDICES`) come from the framework files: the UN EGDI, its components and the EPI (UN
E-Government Survey editions, :data:`assess.indices.published.EDITIONS`), and the World Bank GTMI and its four
components (GTMI editions, :data:`assess.indices.published.GTMI_EDITIONS`). Each index is read in *its own*
editions: a GTMI view is labelled with its GTMI year, never with a UN year.

Examples
--------
>>> v = world_view("egdi", 2024)
>>> v["year"], len(v["values"]), v["not_assessed"]
(2024, 193, ())
>>> ranking("gtmi", 2025).iloc[0][["rank", "iso3"]].astype(str).tolist()
['1', 'KOR']
"""

from __future__ import annotations

import pandas as pd

from assess.caches import memoise
from assess.data.country_list import countries
from assess.data.store import memoise_on_data
from assess.engine.classify import assign_groups, rank_desc
from assess.errors import CountryError, ScoringError, shown
from assess.frameworks.composite import CompositeFramework
from assess.frameworks.registry import load_framework
from assess.i18n import LANGS, N_, format_percent, name_in, t, translated
from assess.indices import published
from assess.indices.groupings import aggregates

__all__ = ["INDICES", "PLACE_NAMES", "index_editions", "index_label", "next_target", "place_name", "ranking",
           "weight_shares", "world_view"]


def _indices(lang: str = "en") -> dict:
    """index id → ``(label, source)``; source ``"un"`` or ``"gtmi"`` (names from the framework files, in ``lang``)."""
    out = {}
    un, gtmi, epi = published.egdi_framework(), published.gtmi_framework(), load_framework("epi")
    for fw, ids, source, suffix in ((un, (un.root, *published.COMPONENTS), "un", ""),
                                    (epi, (epi.root,), "un", ""),
                                    (gtmi, (gtmi.root, *published.GTMI_COMPONENTS), "gtmi",
                                     " " + t("(World Bank GTMI)", lang))):
        names = {c.id: name_in(c.name, lang, c.id) for c in fw.components}
        for i in ids:
            out[i] = (f"{i.upper()}: {names.get(i, name_in(fw.name, lang, fw.label))}{suffix if i != fw.root else ''}",
                      source)
    return out


#: index id → ``(label, source)`` in the order the pages offer them.
INDICES: dict[str, tuple[str, str]] = _indices()


def _check_index(index) -> str:
    if not isinstance(index, str) or index not in INDICES:
        raise ScoringError(f"Unknown index {shown(index, 40)}. Expected one of: {', '.join(INDICES)}.")
    return index


@memoise(maxsize=4)
def _labels(lang: str) -> dict:
    return {k: v[0] for k, v in _indices(lang).items()}


def index_label(index: str, lang: str = "en") -> str:
    """The index's label in words, in ``lang``.

    Examples
    --------
    >>> index_label("egdi"), index_label("cgsi")
    ('EGDI: E-Government Development Index', 'CGSI: Core Government Systems Index (World Bank GTMI)')
    >>> index_label("osi", "az")
    'OSI: Onlayn Xidmət İndeksi'
    """
    return INDICES[_check_index(index)][0] if lang == "en" else _labels(lang)[_check_index(index)]


def index_editions(index: str) -> tuple[int, ...]:
    """The editions of an index: the UN Survey's for the UN indices, the GTMI's for the GTMI ones.

    Examples
    --------
    >>> index_editions("gtmi"), index_editions("osi")[-1]
    ((2020, 2022, 2025), 2024)
    """
    return published.GTMI_EDITIONS if INDICES[_check_index(index)][1] == "gtmi" else published.EDITIONS


def _edition(index: str, edition) -> int:
    eds = index_editions(index)
    try:
        y = int(edition)
    except (TypeError, ValueError, OverflowError):
        y = None
    if y not in eds or isinstance(edition, bool):
        raise ScoringError(f"{index.upper()}: no edition {shown(edition, 40)}. Expected one of: "
                           f"{', '.join(map(str, eds))}.")
    return y


#: Region (UN M49) and World Bank income-group names as :func:`assess.countries` writes them, marked for the
#: catalogues (:func:`assess.i18n.translated` gives the Azerbaijani).
PLACE_NAMES = {"Africa": N_("Africa"), "Americas": N_("Americas"), "Asia": N_("Asia"), "Europe": N_("Europe"),
               "Oceania": N_("Oceania"), "High income": N_("High income"), "Low income": N_("Low income"),
               "Lower middle income": N_("Lower middle income"), "Upper middle income": N_("Upper middle income")}


def place_name(name, lang: str = "en") -> str:
    """A region or income group in ``lang`` (a name the catalogue lacks stays as written).

    Examples
    --------
    >>> place_name("Europe", "az"), place_name("Upper middle income", "az"), place_name("", "az")
    ('Avropa', 'Yuxarı-orta gəlirli', '')
    """
    return translated(PLACE_NAMES[name], lang) if name in PLACE_NAMES else ("" if name is None else str(name))


def world_view(index: str, edition: int, lang: str = "en") -> dict:
    """Everything a world overview shows for one index in one of *its* editions (cached).

    Keys: ``index, label, year, source`` (``"un"``/``"gtmi"``), ``values`` (Series by ISO3, rounded to the
    published decimals), ``decimals``, ``ranks``, ``groups`` (code by ISO3), ``group_order`` (best first),
    ``group_names``, ``group_note`` (None, or the words saying the UN had no groups in that edition and later
    thresholds are applied), ``region`` and ``income`` (aggregate tables), ``not_assessed`` (UN member states
    without a value in that edition, for the map's "not assessed" legend).

    Examples
    --------
    >>> v = world_view("egdi", 2003)
    >>> len(v["values"]), len(v["not_assessed"]), v["not_assessed"][:3]
    (173, 20, ('CAF', 'CIV', 'COD'))
    >>> v["group_note"]
    'The UN grouped countries from 2014: the groups shown for 2003 are the 2014 thresholds applied to its values.'

    >>> g = world_view("gtmi", 2025)
    >>> float(g["values"]["AZE"]), g["groups"]["AZE"], g["decimals"]
    (0.769, 'A', 3)

    In Azerbaijani (``lang="az"``) the label, group names, the note and the regions are translated:

    >>> a = world_view("egdi", 2024, "az")
    >>> a["group_names"]["VH"], list(a["region"].index)[:2]
    ('Çox yüksək', ['Afrika', 'Amerika'])
    """
    lang = lang if lang in LANGS else "en"
    return dict(_world_view(_check_index(index), _edition(index, edition), lang))


@memoise(maxsize=64)
def _world_view(index: str, year: int, lang: str = "en") -> dict:
    label, source = INDICES[index][0] if lang == "en" else _labels(lang)[index], INDICES[index][1]
    group_note = None
    if source == "un" and not published.edition_has(year, "groups"):
        first = min(y for y in published.EDITIONS if published.edition_has(y, "groups"))
        group_note = t("The UN grouped countries from {first}: the groups shown for {year} are the {first} "
                       "thresholds applied to its values.", lang, first=first, year=year)
    if source == "un":
        p = published.published(year)
        values = p.loc[p["assessed"], index].dropna()
        d = published.decimals(values)
        groups = published.un_groups(values)
        order, names = [g[0] for g in reversed(published.GROUPS)], _group_names(published.egdi_framework(), lang)
        ranks = p.loc[values.index, "egdi_rank"] if index == "egdi" else rank_desc(values)
    else:
        g = published.published_gtmi(year)
        values = g[index].dropna()
        d = published.GTMI_DECIMALS
        groups = g.loc[values.index, "group"].astype(str) if index == "gtmi" else \
            assign_groups(values, published.GTMI_GROUPS)
        order = [x[0] for x in reversed(published.GTMI_GROUPS)]
        names = _group_names(published.gtmi_framework(), lang)
        ranks = rank_desc(values.round(d))
    c = countries()
    members = c.loc[c["un_member"].astype(bool), "iso3"]
    agg = aggregates(values=values, by=["region", "income_group"])
    return {"index": index, "label": label, "year": year, "source": source, "values": values.round(d),
            "decimals": d, "ranks": ranks.astype(int), "groups": groups, "group_order": order, "group_names": names,
            "group_note": group_note,
            "region": _places(agg.loc["region"], lang), "income": _places(agg.loc["income_group"], lang),
            "not_assessed": tuple(sorted(set(members) - set(values.index)))}


def _group_names(fw: CompositeFramework, lang: str) -> dict:
    return {g.label: name_in(g.name, lang, g.id) for g in fw.groups}


def _places(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    return table if lang == "en" else table.rename(index=lambda n: place_name(n, lang))


def ranking(index: str, edition: int, lang: str = "en") -> pd.DataFrame:
    """The full ranking of an index in one of its editions: one row per country with a value, best first.

    Columns ``rank, country, iso3, value, group, region, income_group`` (``value`` rounded to the published
    decimals; ``group`` in words; UN ranks as published for the EGDI, competition ranks otherwise).

    Examples
    --------
    >>> r = ranking("egdi", 2024)
    >>> len(r), r.iloc[0][["rank", "country", "value", "group"]].astype(str).tolist()
    (193, ['1', 'Denmark', '0.98474', 'Very high'])
    >>> a = r.set_index("iso3").loc["AZE"]
    >>> int(a["rank"]), float(a["value"])
    (74, 0.76073)
    >>> ranking("egdi", 2024, "az").set_index("iso3").loc["AZE", ["country", "group", "region"]].tolist()
    ['Azərbaycan', 'Çox yüksək', 'Asiya']
    """
    return _ranking(index, edition, lang)


@memoise_on_data(maxsize=128)
def _ranking(index: str, edition: int, lang: str) -> pd.DataFrame:
    """:func:`ranking`, kept per data version (about 20 ms: 193 rows looked up one by one)."""
    v = world_view(index, edition, lang)
    c = countries().set_index("iso3")
    names = c["name"] if lang != "az" else c["name_az"].where(c["name_az"].astype(bool) & c["name_az"].notna(),
                                                              c["name"])
    codes = list(v["values"].sort_values(ascending=False).index)

    def place(col, i):
        x = c[col].get(i)
        return place_name(x, lang) if isinstance(x, str) else ""

    out = pd.DataFrame({
        "rank": [int(v["ranks"][i]) for i in codes],
        "country": [names.get(i, i) for i in codes],
        "iso3": codes,
        "value": [float(v["values"][i]) for i in codes],
        "group": [v["group_names"].get(v["groups"][i], v["groups"][i]) for i in codes],
        "region": [place("region", i) for i in codes],
        "income_group": [place("income_group", i) for i in codes],
    })
    return out.sort_values(["rank", "country"], kind="stable").reset_index(drop=True)


def weight_shares(fw: CompositeFramework, lang: str = "en") -> list[dict]:
    """One row per component and indicator of a composite framework: its weight and its share of its parent.

    The keys are the English column names; names, shares and the words ``(root)``, ``default`` and ``direction``
    are in ``lang``.

    Examples
    --------
    >>> rows = weight_shares(published.egdi_framework())
    >>> [(r["id"], r["share of parent"]) for r in rows[:4]]
    [('egdi', '100.0%'), ('osi', '33.3%'), ('hci', '33.3%'), ('tii', '33.3%')]
    >>> r = weight_shares(published.egdi_framework(), "az")[1]
    >>> r["name"], r["share of parent"], r["parent"]
    ('Onlayn Xidmət İndeksi', '33,3%', 'egdi')
    """
    nodes = (*fw.components, *fw.indicators)

    def share(node) -> str:
        if not node.parent:
            return format_percent(1.0, lang, 1)
        total = sum(x.weight for x in nodes if x.parent == node.parent)
        return format_percent(node.weight / total, lang, 1) if total else "—"

    def name(node) -> str:
        return name_in(node.name, lang, node.id) if isinstance(node.name, dict) else str(node.name)

    rows = []
    for c in fw.components:
        rows.append({"id": c.id, "name": name(c), "parent": c.parent or t("(root)", lang), "weight": c.weight,
                     "share of parent": share(c), "normalise": c.normalise or t("default", lang),
                     "aggregate": c.aggregate or t("default", lang), "source": "—"})
    for i in fw.indicators:
        src = i.source
        source = ", ".join(f"{k}: {v}" for k, v in src.items()) if isinstance(src, dict) else str(src or "—")
        rows.append({"id": i.id, "name": name(i), "parent": i.parent, "weight": i.weight,
                     "share of parent": share(i), "normalise": i.normalise or t("default", lang),
                     "aggregate": t("direction +1", lang) if i.direction == 1 else t("direction −1", lang),
                     "source": source})
    return rows


def next_target(iso3, year=None, kind="next_group") -> dict:
    """The next UN group (``kind="next_group"``) or rating class (``"next_class"``) above a country.

    Returns ``{"target": keywords for smallest_change/cheapest_mix or None, "what": words, "note": words or
    None}``. A Very-high country has no next group: the note says so and the target is the next rating class
    (:data:`assess.indices.published.CLASS_LADDER`). The very top (VH, in the top class) gets no target.
    Rating classes exist from 2018: before, ``next_class`` is refused with a clear error.

    Examples
    --------
    >>> next_target("KGZ", 2024)["target"]
    {'group': 'VH'}
    >>> t = next_target("AZE", 2024)
    >>> t["target"], t["note"]
    ({'klass': 'V2'}, 'Azerbaijan is already in the Very high group, the top one; here is the next rating class instead.')
    >>> next_target("DNK", 2024)["target"] is None
    True
    """
    year = published.edition(year)
    if kind not in ("next_group", "next_class"):
        raise ScoringError(f"target: kind must be next_group or next_class. Got {str(kind)[:40]!r} instead.")
    p = published.published(year)
    if not isinstance(iso3, str) or iso3 not in p.index or not bool(p.loc[iso3, "assessed"]):
        raise CountryError(f"{str(iso3)[:40]}, {year}", "not assessed in this edition of the UN Survey. Pick another "
                           "country or edition.", source="what-if")
    name = p.loc[iso3, "country"] if isinstance(p.loc[iso3, "country"], str) else iso3
    names = {g[0]: g[1] for g in published.GROUPS}
    order = [g[0] for g in published.GROUPS]
    own = published.un_groups(pd.Series([p.loc[iso3, "egdi"]])).iloc[0]
    note = None
    if kind == "next_group":
        if own != order[-1]:
            goal = order[order.index(own) + 1]
            return {"target": {"group": goal}, "what": f"the {names[goal]} group", "note": None}
        note = f"{name} is already in the {names[own]} group, the top one; here is the next rating class instead."
    if not published.edition_has(year, "classes"):
        raise ScoringError(f"target: the UN rating classes start in {published.CLASSES_SINCE}; {year} has none. "
                           "Pick a rank or the next group.")
    ladder = published.CLASS_LADDER
    klass = published.rating_class(p.loc[p["assessed"], "egdi"])[iso3]
    if ladder.index(klass) == 0:
        return {"target": None, "what": "", "note": f"{name} is already in the top group and the top rating class "
                                                    f"({klass})."}
    goal = ladder[ladder.index(klass) - 1]
    return {"target": {"klass": goal}, "what": f"rating class {goal} (from {klass})", "note": note}

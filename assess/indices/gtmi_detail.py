"""The World Bank GTMI of a country: the composite, its four components and group for an edition (2025 included),
and the 48 key indicators by their official names, for the profile, Compare, the Model page and the report.

The key indicators come from the latest edition *with key-indicator values* at or before the edition shown (2022
for 2025: the 2025 key indicators are not bundled), named as that edition asked them (never a later edition's
question beside an earlier value), and the table says which edition it is.

Examples
--------
>>> p = gtmi_profile("AZE")
>>> p["edition"], round(p["gtmi"], 4), p["group"], [c["id"] for c in p["components"]]
(2025, 0.7689, 'A', ['cgsi', 'psdi', 'dcei', 'gtei'])
>>> p["key_edition"], p["key_note"]
(2022, 'GTMI 2025 key indicators are not in the bundled data: the latest bundled key indicators are of 2022.')
>>> k = p["key_indicators"].set_index("code")
>>> float(k.loc["I-30", "value"]), k.loc["I-30", "component"], k.loc["I-30", "name"][:40]
(1.0, 'DCEI', 'Are there national platforms that allow ')
>>> gtmi_compare(["AZE", "GEO"], 2022)["group"].tolist()
['A', 'B']
"""

from __future__ import annotations

import pandas as pd

from assess.data import indicator_catalogue, load_indicators
from assess.errors import CountryError, DataError, Issue
from assess.frameworks import memoise_on_inputs
from assess.i18n import name_in, t
from assess.indices.published import GTMI_EDITIONS, gtmi_framework, published_gtmi

__all__ = ["gtmi_compare", "gtmi_profile"]


def _edition(edition) -> int:
    if edition is None:
        return GTMI_EDITIONS[-1]
    try:
        y = int(edition)
    except (TypeError, ValueError):
        y = None
    if isinstance(edition, bool) or y not in GTMI_EDITIONS:
        raise DataError("wb_gtmi", [Issue(f"edition {str(edition)[:20]}", "no GTMI edition. Expected one of "
                                          + ", ".join(map(str, GTMI_EDITIONS)) + ".")])
    return y


def _key_edition(edition: int) -> int | None:
    st = load_indicators("wb_gtmi_indicators")
    years = sorted(int(y) for y in st.loc[st["value"].notna(), "year"].unique() if y <= edition)
    return years[-1] if years else None


def gtmi_profile(iso3: str, edition: int | None = None, lang: str = "en") -> dict:
    """The GTMI of one economy for an edition (default: the latest, 2025).

    Returns
    -------
    dict
        ``iso3, country, edition, gtmi, group, group_name``; ``components``: list of ``{id, name, name_az, value}``
        (CGSI, PSDI, DCEI, GTEI, names from ``frameworks/gtmi.yaml``); ``key_edition`` (the edition of the key
        indicators shown, or None), ``key_note`` (why it differs from ``edition``, else ""), ``key_indicators``:
        DataFrame ``code, name, component, value, scale, flag, note`` (official names of ``key_edition``).
        ``group_name`` and ``key_note`` are in ``lang``.

    Raises
    ------
    CountryError
        The economy is not in that GTMI edition.

    Examples
    --------
    >>> p = gtmi_profile("AZE")
    >>> p["edition"], p["group"], round(p["gtmi"], 3)
    (2025, 'A', 0.769)
    """
    return _gtmi_profile(iso3, edition, lang)


@memoise_on_inputs(maxsize=512)
def _gtmi_profile(iso3, edition, lang="en") -> dict:
    """:func:`gtmi_profile`, kept per data and frameworks version (about 35 ms: the key indicators looked up)."""
    ed = _edition(edition)
    g = published_gtmi(ed)
    code = iso3.upper() if isinstance(iso3, str) else iso3
    if not isinstance(code, str) or code not in g.index:
        raise CountryError(iso3, f"not in the GTMI {ed} edition ({len(g)} economies).", source="gtmi_profile")
    row = g.loc[code]
    fw = gtmi_framework()
    groups = {x.label: name_in(x.name, lang, x.id) for x in fw.groups}
    comps = [{"id": c.id, "name": c.name.get("en", c.id), "name_az": c.name.get("az", c.id),
              "value": float(row[c.id]) if c.id in row and row[c.id] == row[c.id] else None}
             for c in fw.children(fw.root)]
    kd = _key_edition(ed)
    table = pd.DataFrame(columns=["code", "name", "component", "value", "scale", "flag", "note"])
    if kd is not None:
        st = load_indicators("wb_gtmi_indicators")
        st = st[(st["iso3"] == code) & (st["year"] == kd)]
        cat = indicator_catalogue("wb_gtmi_indicators")
        cat = cat[(cat["edition"] == kd) & cat["kind"].isin(["key_indicator", "external_index"])].set_index("indicator")
        table = pd.DataFrame({
            "code": cat.index, "name": cat["name"].to_numpy(), "component": cat["component"].to_numpy(),
            "value": st.set_index("indicator")["value"].reindex(cat.index).to_numpy(dtype=float),
            "scale": cat["scale"].to_numpy(),
            "flag": st.set_index("indicator")["flag"].astype(str).reindex(cat.index).fillna("").to_numpy(),
            "note": cat["note"].to_numpy()})
    note = "" if kd == ed else (t("GTMI {edition} key indicators are not in the bundled data: the latest bundled key "
                                  "indicators are of {key_edition}.", lang, edition=ed, key_edition=kd) if kd else
                                t("No GTMI key indicators at or before {edition}.", lang, edition=ed))
    group = str(row["group"]) if pd.notna(row["group"]) else None
    return {"iso3": code, "country": str(row["country"]), "edition": ed, "gtmi": float(row["gtmi"]),
            "group": group, "group_name": groups.get(group, ""), "components": comps, "key_edition": kd,
            "key_note": note, "key_indicators": table}


def gtmi_compare(iso3s, edition: int | None = None) -> pd.DataFrame:
    """The GTMI composite, components and group of several economies for one edition (default: the latest);
    economies not in the edition are left out (index ``iso3``; column ``edition`` says which).

    Examples
    --------
    >>> gtmi_compare(["AZE", "GEO"])[["edition", "gtmi", "group"]].round(3)  # doctest: +NORMALIZE_WHITESPACE
          edition   gtmi group
    iso3
    AZE      2025  0.769     A
    GEO      2025  0.632     B
    """
    ed = _edition(edition)
    g = published_gtmi(ed)
    codes = [c for c in (x.upper() for x in iso3s if isinstance(x, str)) if c in g.index]
    out = g.loc[codes].copy()
    out.insert(1, "edition", ed)
    return out

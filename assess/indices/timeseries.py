"""Change between UN editions, with method-break flags where the UN changed the method.

Breaks come from the ``editions`` of ``frameworks/un_egdi.yaml`` (``method_break`` and
``note``), plus two facts the table always shows: the EPI scale changes in every edition
(``epi`` changes are never comparable), and 2008/2010 do not follow the EGDI formula.

Examples
--------
>>> t = trends("AZE")
>>> r = t[(t.indicator == "egdi") & (t.year == 2024)].iloc[0]
>>> float(r["value"]), int(r["rank"]), bool(r["method_break"])
(0.76073, 74, True)
"""

from __future__ import annotations

import pandas as pd

from assess.errors import CountryError, shown
from assess.indices import published

__all__ = ["method_breaks", "trends"]


def method_breaks() -> dict:
    """``{year: (method_break, note)}`` for the UN editions.

    Examples
    --------
    >>> method_breaks()[2020][0]
    True
    """
    try:
        from assess.frameworks import load_framework

        ed = load_framework("un_egdi").editions or {}
        out = {int(y): (bool(v.get("method_break")), str(v.get("note", ""))) for y, v in ed.items()}
    except Exception:  # frameworks unavailable: fall back to the domain brief's list
        out = {}
    fallback = {2010: "TII and OSI changed", 2014: "HCI adds years of schooling", 2020: "TII set and 120 cap",
                2022: "OSI sub-indices", 2024: "TII affordability"}
    for y in published.EDITIONS:
        out.setdefault(y, (y in fallback, fallback.get(y, "")))
    return out


def trends(iso3=None, indicators=("egdi", "osi", "hci", "tii", "epi")) -> pd.DataFrame:
    """One row per country, indicator and edition: value, change since the previous edition,
    EGDI rank and rank change, and ``method_break``/``comparable``/``note``.

    ``comparable`` is False when the edition is a method break (for ``epi``: always, its scale
    changes each edition).

    Examples
    --------
    >>> t = trends("AZE", indicators=("egdi",))
    >>> t.year.tolist()[:3]
    [2003, 2004, 2005]
    """
    breaks = method_breaks()
    rows = []
    for y in published.EDITIONS:
        p = published.published(y)
        if iso3 is not None:
            if iso3 not in p.index:
                raise CountryError(iso3, f"unknown country {shown(iso3, 40)}. Expected an ISO3 code.", source="trends")
            p = p.loc[[iso3]]
        for ind in indicators:
            d = pd.DataFrame({"iso3": p.index, "year": y, "indicator": ind, "value": p[ind].to_numpy(),
                              "rank": p["egdi_rank"].where(p["assessed"]).to_numpy()})
            rows.append(d)
    t = pd.concat(rows, ignore_index=True).sort_values(["iso3", "indicator", "year"])
    g = t.groupby(["iso3", "indicator"])
    t["change"] = g["value"].diff()
    t["rank_change"] = -g["rank"].diff()  # positive = moved up
    t["method_break"] = t["year"].map(lambda y: breaks[y][0])
    t["note"] = t["year"].map(lambda y: breaks[y][1] + (f" {published.EXCEPTIONS[y]}." if y in published.EXCEPTIONS else ""))
    first = g.cumcount() == 0
    t["comparable"] = ~t["method_break"] & ~first & (t["indicator"] != "epi") & ~t["year"].isin(list(published.EXCEPTIONS))
    t["rank"] = t["rank"].astype("Int64")
    return t.reset_index(drop=True)

"""A country's strengths and weaknesses among the UN components.

A component is a **strength** when the country ranks better on it than on the EGDI as a whole, and a
**weakness** otherwise. A country that ranks first overall has no component ranked better than its
EGDI, so its best-ranked component counts as its strength. Each component also shows its distance to
the mean of the country's UN M49 region.

Examples
--------
>>> s = strengths("AZE", 2024)
>>> s.loc[s["verdict"] == "strength", "component"].tolist()
['osi']
"""

from __future__ import annotations

import pandas as pd

from assess.data.country_list import countries
from assess.engine.classify import rank_desc
from assess.errors import CountryError
from assess.indices import published
from assess.indices.groupings import aggregates

__all__ = ["COMPONENTS", "strengths"]

#: The UN components compared (EPI is not in the EGDI mean but is published with it).
COMPONENTS = ("osi", "hci", "tii", "epi")


def strengths(iso3: str, year: int | None = None) -> pd.DataFrame:
    """One row per UN component: value, rank among assessed countries, gap to the region's mean, verdict.

    Parameters
    ----------
    iso3 : str
        Country code.
    year : int
        UN E-Government Survey edition.

    Returns
    -------
    pandas.DataFrame
        Columns ``component, value, rank, egdi_rank, vs_region, verdict`` (``strength`` or ``weakness``).

    Raises
    ------
    DataError
        The country was not assessed in that edition.

    Examples
    --------
    >>> s = strengths("AZE", 2024).set_index("component")
    >>> int(s.loc["osi", "rank"]), int(s.loc["osi", "egdi_rank"]), s.loc["osi", "verdict"]
    (67, 74, 'strength')
    >>> round(float(s.loc["osi", "vs_region"]), 4), s.loc["epi", "verdict"]
    (0.0985, 'weakness')
    """
    year = published.edition(year)
    p = published.published(year)
    if iso3 not in p.index or not bool(p.loc[iso3, "assessed"]):
        raise CountryError(f"{iso3}, {year}", "not assessed in this edition of the UN Survey.", source="un_egov")
    a = p[p["assessed"]]
    egdi_rank = int(a.loc[iso3, "egdi_rank"])
    region = countries().set_index("iso3")["region"].get(iso3)
    rows = []
    for c in COMPONENTS:
        means = aggregates(year, c, by=["region"]).loc["region", "mean"]
        region_mean = float(means.get(region, float("nan"))) if region else float("nan")
        r = int(rank_desc(a[c])[iso3])
        rows.append({"component": c, "value": float(a.loc[iso3, c]), "rank": r, "egdi_rank": egdi_rank,
                     "vs_region": float(a.loc[iso3, c]) - region_mean,
                     "verdict": "strength" if r < egdi_rank else "weakness"})
    out = pd.DataFrame(rows)
    if not (out["verdict"] == "strength").any():  # a top country: its best component is its strength
        out.loc[out["rank"].idxmin(), "verdict"] = "strength"
    return out

"""Reproduce the UN EGDI and the World Bank GTMI from their published components, and say where they differ.

* Ranks: competition ranking on the published EGDI ("1224": tied countries share the best rank), which is how the
  UN ranks in every edition except 2020, where four pairs tied at the published four decimals got different ranks
  (the UN broke them on unpublished decimals; :func:`ties` lists them and
  :data:`~assess.indices.published.TIE_RULES` documents the rule; they are reported as rank mismatches, not
  hidden). Countries not assessed get no rank here (the UN files give them all the last rank).

Examples
--------
>>> r = reproduce_egdi(2024)
>>> r.summary["max_abs_diff"] < 1e-4, r.summary["rank_mismatches"]
(True, 0)
>>> r.table.loc["AZE", "egdi"], int(r.table.loc["AZE", "rank"]), r.table.loc["AZE", "group"]
(np.float64(0.76073), 74, 'VH')
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assess.engine.classify import rank_desc
from assess.engine.scoring import score
from assess.indices.published import (
    COMPONENTS,
    EXCEPTIONS,
    GTMI_COMPONENTS,
    decimals,
    gtmi_spec,
    published,
    published_gtmi,
    rating_class,
    un_groups,
)

__all__ = ["Reproduction", "reproduce_egdi", "reproduce_gtmi", "ties"]


@dataclass(frozen=True)
class Reproduction:
    """Result of reproducing an edition: a per-country ``table`` and a ``summary`` dict."""

    year: int
    table: pd.DataFrame
    summary: dict

    def __repr__(self):
        return f"<Reproduction {self.year}: {self.summary}>"

    def to_frame(self) -> pd.DataFrame:
        """The result as a flat, tidy DataFrame (index moved into columns).

        Examples
        --------
        >>> from assess.indices.reproduce import reproduce_egdi
        >>> float(reproduce_egdi(2024).to_frame().set_index("iso3").loc["AZE", "egdi"])
        0.76073
        """
        return self.table.reset_index()


def reproduce_egdi(year, data=None, *, tol=1e-4) -> Reproduction:
    """Recompute EGDI, rank, group and rating class of one edition and compare with the published.

    Table columns: ``country, egdi`` (published), ``computed`` (mean of published components),
    ``diff``, ``published_rank``, ``rank`` (competition rank of the published EGDI),
    ``computed_rank`` (of the computed EGDI at the published decimals), ``group``,
    ``computed_group``, ``class`` (approximation), ``osi_group``, ``epi_group``.

    Summary: ``max_abs_diff``, ``n_over_tol``, ``rank_mismatches`` (published rank vs rank of
    the published EGDI; ties broken as documented in :data:`TIE_RULES`),
    ``unexplained_rank_mismatches`` (those not among the documented broken ties),
    ``computed_rank_mismatches``, ``group_mismatches`` (computed vs published EGDI),
    ``exception`` (a note for 2008 and 2010) and ``ties`` (tied pairs at the published decimals).

    Examples
    --------
    >>> r = reproduce_egdi(2010)
    >>> round(r.summary["max_abs_diff"], 4), r.summary["exception"] is not None
    (0.004, True)
    """
    p = published(year, data)
    a = p[p["assessed"]].copy()
    comp = a[list(COMPONENTS)].mean(axis=1)
    dec = decimals(a["egdi"])
    t = pd.DataFrame({"country": a["country"], "egdi": a["egdi"], "computed": comp,
                      "diff": comp - a["egdi"]})
    t["published_rank"] = a["egdi_rank"].astype("Int64")
    t["rank"] = rank_desc(a["egdi"], decimals=dec)
    t["computed_rank"] = rank_desc(comp, decimals=dec)
    tied = ties(year, data)
    t["group"] = un_groups(a["egdi"])
    t["computed_group"] = un_groups(comp.round(dec))
    t["class"] = rating_class(a["egdi"], groups=t["group"])
    t["osi_group"] = un_groups(a["osi"])
    if "epi" in a:
        t["epi_group"] = un_groups(a["epi"])
    diff = t["diff"].abs()
    summary = {
        "year": year, "n_assessed": len(a), "decimals": dec,
        "max_abs_diff": float(diff.max()), "n_over_tol": int((diff > tol).sum()),
        "rank_mismatches": int((t["rank"] != t["published_rank"]).sum()),
        "unexplained_rank_mismatches": int(((t["rank"] != t["published_rank"])
                                            & ~t.index.isin(tied.index[tied["broken"]])).sum()),
        "computed_rank_mismatches": int((t["computed_rank"] != t["published_rank"]).sum()),
        "group_mismatches": int((t["computed_group"] != t["group"]).sum()),
        "exception": EXCEPTIONS.get(year),
        "ties": len(tied), "ties_broken": int(tied["broken"].sum()) if len(tied) else 0,
    }
    return Reproduction(year, t, summary)


def ties(year, data=None) -> pd.DataFrame:
    """Countries tied on the published EGDI, with their published ranks and how the tie went.

    Columns ``country, egdi, published_rank, component_mean, broken`` (True when the UN gave
    tied countries different ranks).

    Examples
    --------
    >>> t = ties(2020)
    >>> int(t["broken"].sum()), sorted(t.loc[t["broken"], "country"])[:2]
    (8, ['Andorra', 'Croatia'])
    """
    p = published(year, data)
    a = p[p["assessed"]]
    dup = a[a["egdi"].duplicated(keep=False)].copy()
    dup["component_mean"] = dup[list(COMPONENTS)].mean(axis=1)
    dup["broken"] = dup.groupby("egdi")["egdi_rank"].transform("nunique") > 1
    dup["published_rank"] = dup["egdi_rank"].astype("Int64")
    return dup[["country", "egdi", "published_rank", "component_mean", "broken"]].sort_values(
        ["egdi", "published_rank"], ascending=[False, True])


def reproduce_gtmi(year, data=None, *, tol=1e-4) -> Reproduction:
    """Recompute GTMI (mean of CGSI, PSDI, DCEI, GTEI) and its A–D group; compare with the published.

    Examples
    --------
    >>> r = reproduce_gtmi(2022)
    >>> r.summary["max_abs_diff"] < 1e-12, r.summary["group_mismatches"]
    (True, 0)
    """
    p = published_gtmi(year, data)
    a = score(gtmi_spec(), p[list(GTMI_COMPONENTS)], min_coverage=1.0)
    t = pd.DataFrame({"country": p["country"], "gtmi": p["gtmi"], "computed": a.scores})
    t["diff"] = t["computed"] - t["gtmi"]
    t["published_group"] = p["group"]
    t["group"] = a["groups"]["group"]
    t["rank"] = a.ranks
    diff = t["diff"].abs()
    summary = {"year": year, "n": int(t["gtmi"].notna().sum()), "max_abs_diff": float(diff.max()),
               "n_over_tol": int((diff > tol).sum()),
               "group_mismatches": int((t["group"] != t["published_group"]).fillna(True).sum()),
               "incomplete": sorted(t.index[t["computed"].isna()].tolist())}
    return Reproduction(year, t, summary)

"""Reproduce the UN EGDI and the World Bank GTMI from their published components.

* EGDI = mean(OSI, HCI, TII) of the published components, for every edition (2003–2024).
  2008 and 2010 do not follow this formula: :func:`reproduce_egdi` reports the size of the
  difference instead of hiding it (see :data:`EXCEPTIONS`).
* Ranks: competition ranking on the published EGDI ("1224": tied countries share the best
  rank), which is how the UN ranks in every edition except 2020, where four pairs tied at the
  published four decimals got different ranks (the UN broke them on unpublished decimals;
  :func:`ties` lists them and :data:`TIE_RULES` documents the rule; they are reported as
  rank mismatches, not hidden).
  Countries not assessed get no rank here (the UN files give them all the last rank).
* Groups: Very high ≥ 0.75, High ≥ 0.50, Middle ≥ 0.25, Low (EGDI, OSI, EPI alike);
  GTMI A ≥ 0.75, B ≥ 0.50, C ≥ 0.25, D.
* Rating classes: a pluggable rule (default: quartile within the group by count of
  countries). **This is an approximation of the UN's rating class**: the UN's cut rule is not
  published.

What-ifs use :func:`egdi_spec`: each published component is treated as the min-max image
of the UN's raw composite, so changing one country's component re-normalises the whole
cross-section (see :mod:`assess.whatif`).

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
from functools import lru_cache

import numpy as np
import pandas as pd

from assess.errors import DataError, Issue
from assess.scoring import Node, Spec, assign_classes, assign_groups, rank_desc, score

__all__ = [
    "EDITIONS",
    "EXCEPTIONS",
    "GROUPS",
    "GTMI_EDITIONS",
    "GTMI_GROUPS",
    "RATING_LABELS",
    "TIE_RULES",
    "Reproduction",
    "egdi_spec",
    "gtmi_spec",
    "published",
    "published_gtmi",
    "rating_class",
    "reproduce_egdi",
    "reproduce_gtmi",
    "score_egdi",
    "ties",
    "un_groups",
]

EDITIONS = (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
"""UN E-Government Survey editions with data."""
GTMI_EDITIONS = (2020, 2022, 2025)

GROUPS = (("L", "Low", 0.0), ("M", "Middle", 0.25), ("H", "High", 0.5), ("VH", "Very high", 0.75))
"""UN EGDI/OSI/EPI groups (id, name, min)."""
GTMI_GROUPS = (("D", "D", 0.0), ("C", "C", 0.25), ("B", "B", 0.5), ("A", "A", 0.75))
"""GTMI groups; the published A-D labels agree with these cut-offs in 2020, 2022 and 2025."""

RATING_LABELS = {"VH": ["VH", "V3", "V2", "V1"], "H": ["HV", "H3", "H2", "H1"],
                 "M": ["MH", "M3", "M2", "M1"], "L": ["LM", "L3", "L2", "L1"]}
"""UN rating-class labels per group, best first."""

EXCEPTIONS = {
    2008: "published EGDI is not the mean of the published OSI, HCI, TII (gaps up to 0.0136); "
          "ranks follow the published EGDI",
    2010: "published EGDI is not the mean of the published OSI, HCI, TII (gaps up to 0.0040); "
          "ranks follow the published EGDI",
}
"""Editions that do not follow their own formula (documented exceptions)."""

TIE_RULES = {
    "default": "ties at the published decimals share the best rank (competition ranking, '1224'): "
               "2008 (Lebanon/Ecuador 74), 2018 (Serbia/Slovakia 49, Iraq/Angola 155), "
               "2022 (Iceland/Sweden 5, Bahamas/Grenada 66, Bhutan/Gabon 115, Cameroon/Eswatini 141)",
    2020: "the UN broke the four ties at the published 4 decimals (Peru 71 / North Macedonia 72, "
          "Republic of Moldova 79 / Andorra 80, Croatia 51 / Hungary 52, Tajikistan 133 / Timor-Leste 134) "
          "using unpublished decimals. Only Croatia/Hungary can be recovered (mean of the published "
          "components 0.774533 vs 0.774500); the other three also tie on the components. "
          "reproduce_egdi(2020) gives them the shared rank and reports the 4 differing ranks.",
}
"""How published ties are broken, by edition."""


def _year(year) -> int:
    """A year given as an int (or a text of digits); anything else is a clear DataError."""
    if isinstance(year, bool) or not isinstance(year, int | str | np.integer) or \
            (isinstance(year, str) and not year.strip().isdigit()):
        shown = repr(year) if len(repr(year)) <= 40 else repr(year)[:40] + "…"
        raise DataError("year", [Issue("", f"expected a year such as 2024. Got {shown} instead.")])
    return int(year)


def _load(data=None):
    if data is not None:
        return data
    return _load_cached()


@lru_cache(maxsize=1)
def _load_cached():
    from assess.data import load_indicators

    return load_indicators()


def _wide(source, year, data=None):
    df = _load(data)
    d = df[(df["source"] == source) & (df["year"] == year)]
    if d.empty:
        years = sorted(df.loc[df["source"] == source, "year"].unique().tolist())
        raise DataError(source, [Issue(f"year {year}", f"no data. Expected one of {years}.")])
    if "breakdown" in d.columns:
        d = d[d["breakdown"].fillna("") == ""]
    w = d.pivot_table(index="iso3", columns="indicator", values="value", aggfunc="first", dropna=False)
    w.columns.name = None
    names = d.drop_duplicates("iso3").set_index("iso3")["country"]
    labels = d[d["label"].fillna("") != ""].pivot_table(index="iso3", columns="indicator", values="label",
                                                        aggfunc="first")
    return w, names, labels


def published(year, data=None) -> pd.DataFrame:
    """The published UN E-Government Survey values of one edition, one row per country.

    Columns ``country, egdi, osi, hci, tii, epi, egdi_rank, assessed``; countries not
    assessed have NaN EGDI and ``assessed=False``. Cached per edition for the bundled data (a copy
    is returned, so callers may modify it).

    Examples
    --------
    >>> p = published(2024)
    >>> len(p), int(p.loc["SGP", "egdi_rank"])
    (193, 3)
    >>> p.loc["AZE", "egdi"] = 0.0; float(published(2024).loc["AZE", "egdi"])
    0.76073
    """
    if data is None:
        return _published_cached(_year(year)).copy()
    return _published(year, data)


@lru_cache(maxsize=32)
def _published_cached(year: int) -> pd.DataFrame:
    return _published(year, None)


def _published(year, data) -> pd.DataFrame:
    w, names, _ = _wide("un_egov", year, data)
    cols = [c for c in ("egdi", "osi", "hci", "tii", "epi", "egdi_rank") if c in w.columns]
    out = w[cols].astype(float)
    out.insert(0, "country", names.reindex(out.index))
    out["assessed"] = out["egdi"].notna()
    return out


def published_gtmi(year, data=None) -> pd.DataFrame:
    """The published GTMI of one edition: ``country, gtmi, cgsi, psdi, dcei, gtei, group``.

    Examples
    --------
    >>> published_gtmi(2022).loc["AZE", "group"]
    'A'
    """
    if data is None:
        return _published_gtmi_cached(_year(year)).copy()
    return _published_gtmi(year, data)


@lru_cache(maxsize=8)
def _published_gtmi_cached(year: int) -> pd.DataFrame:
    return _published_gtmi(year, None)


def _published_gtmi(year, data) -> pd.DataFrame:
    w, names, labels = _wide("wb_gtmi", year, data)
    cols = [c for c in ("gtmi", "cgsi", "psdi", "dcei", "gtei") if c in w.columns]
    out = w[cols].astype(float)
    out.insert(0, "country", names.reindex(out.index))
    out["group"] = labels["gtmi_group"].reindex(out.index).astype("string") if "gtmi_group" in labels else pd.NA
    return out[out[cols].notna().any(axis=1)]


def un_groups(scores) -> pd.Series:
    """UN group (VH, H, M, L) of each score.

    Examples
    --------
    >>> import pandas as pd
    >>> un_groups(pd.Series([0.76073, 0.5, 0.2499])).tolist()
    ['VH', 'H', 'L']
    """
    return assign_groups(scores, GROUPS)


def rating_class(scores, rule="quartile_within_group", groups=None) -> pd.Series:
    """UN rating class (VH, V3, ..., L1) of each score — **an approximation** of the UN's.

    Parameters
    ----------
    scores : pandas.Series
        EGDI of the whole cross-section (a quartile rule needs all countries).
    rule : str or callable
        A key of :data:`assess.scoring.CLASS_RULES` or a function
        ``(scores, group_labels, groups) -> Series of 0..3``.

    Examples
    --------
    >>> rc = rating_class(published(2024)["egdi"])
    >>> rc["SGP"], rc["DNK"]
    ('VH', 'VH')
    """
    g = un_groups(scores) if groups is None else groups
    return assign_classes(pd.Series(scores, dtype=float), g, GROUPS, {"rule": rule, "labels": RATING_LABELS})


def egdi_spec(year=None, data=None, *, renormalise=True) -> Spec:
    """The EGDI as a :class:`~assess.scoring.Spec` over the published components.

    Each component node reads the published value (indicator ``<c>_published``) and, when
    ``renormalise``, min-max rescales it to the edition's published range (``[0, 1]`` since
    2012). Unchanged data therefore give back the published values; a changed value that
    moves the minimum or the maximum re-normalises the whole cross-section, as the UN method
    requires.

    Examples
    --------
    >>> s = egdi_spec(2024)
    >>> s.children("egdi"), s.node("osi").rescale
    (('osi', 'hci', 'tii'), {'method': 'minmax', 'lo': 0.0, 'hi': 1.0})
    """
    nodes = [Node("egdi", name="E-Government Development Index")]
    p = published(year, data) if (renormalise and year is not None) else None
    for c, name in (("osi", "Online Service Index"), ("hci", "Human Capital Index"),
                    ("tii", "Telecommunication Infrastructure Index")):
        rescale = None
        if p is not None:
            v = p.loc[p["assessed"], c]
            rescale = {"method": "minmax", "lo": float(v.min()), "hi": float(v.max())}
        nodes.append(Node(c, parent="egdi", rescale=rescale, name=name))
    for c in ("osi", "hci", "tii"):
        nodes.append(Node(f"{c}_published", parent=c, kind="indicator", source=c, normalise="none"))
    return Spec(id="un_egdi", nodes=tuple(nodes), method={"normalise": "none", "aggregate": "arithmetic_mean"},
                groups=GROUPS, classes={"rule": "quartile_within_group", "labels": RATING_LABELS,
                                        "approximation": True}, name="UN EGDI")


def gtmi_spec() -> Spec:
    """The GTMI as the simple mean of its four published components.

    Examples
    --------
    >>> gtmi_spec().children("gtmi")
    ('cgsi', 'psdi', 'dcei', 'gtei')
    """
    nodes = [Node("gtmi", name="GovTech Maturity Index")]
    nodes += [Node(c, parent="gtmi", kind="indicator", normalise="none") for c in ("cgsi", "psdi", "dcei", "gtei")]
    return Spec(id="gtmi", nodes=tuple(nodes), method={"normalise": "none", "aggregate": "arithmetic_mean"},
                groups=GTMI_GROUPS)


def score_egdi(year, data=None, *, renormalise=True, **params):
    """Score the EGDI of one edition from the published components (assessed countries only).

    Keyword parameters go to :func:`assess.scoring.score` (``overrides=``, ``weights=``, …).

    Examples
    --------
    >>> a = score_egdi(2024)
    >>> round(float(a.scores["AZE"]), 5), int(a.ranks["AZE"])
    (0.76075, 74)

    The computed 0.76075 is the mean of the rounded published components; the UN publishes
    0.76073 (computed from unrounded components).
    """
    p = published(year, data)
    table = p.loc[p["assessed"], ["osi", "hci", "tii"]]
    return score(egdi_spec(year, data, renormalise=renormalise), table, **params)


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
        >>> from assess.un import reproduce_egdi
        >>> float(reproduce_egdi(2024).to_frame().set_index("iso3").loc["AZE", "egdi"])
        0.76073
        """
        return self.table.reset_index()


def _decimals(values) -> int:
    v = pd.Series(values).dropna().to_numpy()
    for d in range(3, 8):
        if np.allclose(v, np.round(v, d), atol=1e-12):
            return d
    return 8


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
    comp = a[["osi", "hci", "tii"]].mean(axis=1)
    dec = _decimals(a["egdi"])
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
    dup["component_mean"] = dup[["osi", "hci", "tii"]].mean(axis=1)
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
    a = score(gtmi_spec(), p[["cgsi", "psdi", "dcei", "gtei"]], min_coverage=1.0)
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

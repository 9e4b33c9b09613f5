"""The published indices as the framework files declare them: editions, groups, classes, components, values.

Every fact about the UN EGDI and the World Bank GTMI that code needs comes from ``frameworks/un_egdi.yaml`` and
``frameworks/gtmi.yaml`` (one place): the editions and their notes, documented exceptions and tie rules, the
groups (with the short codes the publishers print: VH … L, A … D), the rating-class labels and rule, the
components. :func:`egdi_spec` and :func:`gtmi_spec` are the engine specs built from those files.

* EGDI = mean(OSI, HCI, TII) of the published components, for every edition (2003–2024); 2008 and 2010 do not
  follow this formula (:data:`EXCEPTIONS`, reported by :func:`assess.indices.reproduce.reproduce_egdi`).
* Groups: Very high ≥ 0.75, High ≥ 0.50, Middle ≥ 0.25, Low (EGDI, OSI, EPI alike); GTMI A ≥ 0.75, B ≥ 0.50,
  C ≥ 0.25, D.
* Rating classes: a pluggable rule (default: quartile within the group by count of countries). **This is an
  approximation of the UN's rating class**: the UN's cut rule is not published.

Examples
--------
>>> EDITIONS[0], EDITIONS[-1], latest_edition()
(2003, 2024, 2024)
>>> GROUPS[-1], COMPONENTS
(('VH', 'Very high', 0.75), ('osi', 'hci', 'tii'))
>>> float(published(2024).loc["AZE", "egdi"])
0.76073
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assess.caches import memoise
from assess.engine.classify import assign_classes, assign_groups
from assess.engine.scoring import score
from assess.engine.spec import Spec, spec_from_framework
from assess.errors import DataError, Issue
from assess.frameworks.composite import CompositeFramework
from assess.frameworks.registry import load_framework

__all__ = [
    "COMPONENTS",
    "EDITIONS",
    "EXCEPTIONS",
    "CLASS_LADDER",
    "CLASSES_SINCE",
    "GROUPS",
    "GTMI_COMPONENTS",
    "GTMI_DECIMALS",
    "GTMI_EDITIONS",
    "GTMI_GROUPS",
    "RATING_LABELS",
    "REPORTED",
    "TIE_RULES",
    "decimals",
    "edition",
    "edition_has",
    "egdi_framework",
    "egdi_spec",
    "gtmi_framework",
    "gtmi_spec",
    "latest_edition",
    "published",
    "published_gtmi",
    "rank_history",
    "rating_class",
    "score_egdi",
    "un_groups",
]


def egdi_framework() -> CompositeFramework:
    """The UN EGDI framework (``frameworks/un_egdi.yaml``)."""
    return load_framework("un_egdi")


def gtmi_framework() -> CompositeFramework:
    """The World Bank GTMI framework (``frameworks/gtmi.yaml``)."""
    return load_framework("gtmi")


def _groups(fw: CompositeFramework) -> tuple:
    return tuple((g.label, g.name.get("en", g.id), g.min) for g in fw.groups)


_UN, _GTMI = egdi_framework(), gtmi_framework()

EDITIONS: tuple[int, ...] = tuple(sorted(_UN.editions))
"""UN E-Government Survey editions with data (the ``editions`` of ``un_egdi.yaml``)."""
GTMI_EDITIONS: tuple[int, ...] = tuple(sorted(_GTMI.editions))
"""GTMI editions (the ``editions`` of ``gtmi.yaml``)."""
COMPONENTS: tuple[str, ...] = tuple(c.id for c in _UN.children(_UN.root))
"""The EGDI's components, in the framework's order: ``('osi', 'hci', 'tii')``."""
REPORTED: tuple[str, ...] = (*COMPONENTS, load_framework("epi").root)
"""What a country profile reports beside the EGDI: its components and the E-Participation Index."""
GTMI_COMPONENTS: tuple[str, ...] = tuple(c.id for c in _GTMI.children(_GTMI.root))
"""The GTMI's components: ``('cgsi', 'psdi', 'dcei', 'gtei')``."""
GTMI_DECIMALS: int = 3
"""Decimals the GTMI is shown with: the World Bank's file holds unrounded floats (0.7747284310624128); its
reports print three decimals (a presentation choice here, not verified against every table)."""
GROUPS: tuple = _groups(_UN)
"""UN EGDI/OSI/EPI groups ``(code, English name, min)``."""
GTMI_GROUPS: tuple = _groups(_GTMI)
"""GTMI groups ``(code, English name, min)``; the published A-D labels agree with these cut-offs."""
RATING_LABELS: dict[str, list[str]] = {g.label: list(_UN.classes["labels"][g.id]) for g in _UN.groups}
"""UN rating-class labels per group code, best first."""
CLASS_LADDER: tuple[str, ...] = tuple(c for g in reversed(GROUPS) for c in RATING_LABELS[g[0]])
"""Every UN rating class, best first (``VH, V3, …, L1``): the one ladder what-ifs, targets and gaps climb."""
CLASSES_SINCE: int = int(_UN.classes.get("since", EDITIONS[0]))
"""The first edition with rating classes (``classes: since:`` of ``un_egdi.yaml``)."""
EXCEPTIONS: dict[int, str] = {y: e["exception"] for y, e in sorted(_UN.editions.items()) if e.get("exception")}
"""Editions that do not follow their own formula (documented exceptions)."""
TIE_RULES: dict = {"default": _UN.doc["ties"], **{y: e["ties"] for y, e in sorted(_UN.editions.items())
                                                  if e.get("ties")}}
"""How published ties are broken, by edition."""


def edition_has(year: int, what: str) -> bool:
    """Whether the UN edition *year* published *what* (``"groups"`` or ``"classes"``), per ``un_egdi.yaml``.

    The groups (Very high … Low) start in 2014 and the rating classes in 2018: a profile of an earlier edition
    must not show them as facts of that edition.

    Examples
    --------
    >>> edition_has(2003, "groups"), edition_has(2014, "groups"), edition_has(2016, "classes"), edition_has(2018, "classes")
    (False, True, False, True)
    """
    e = _UN.editions.get(int(year), {})
    if what == "classes" and "classes" not in e:
        return int(year) >= CLASSES_SINCE
    return bool(e.get(what, True))


def latest_edition() -> int:
    """The latest UN E-Government Survey edition with data.

    Examples
    --------
    >>> latest_edition()
    2024
    """
    return EDITIONS[-1]


def edition(year=None) -> int:
    """``year`` checked against :data:`EDITIONS` (``None`` → the latest edition).

    Examples
    --------
    >>> edition(), edition("2022")
    (2024, 2022)
    >>> edition(2023)
    Traceback (most recent call last):
    ...
    assess.errors.DataError: un_egov: 1 problem
      year 2023: no UN E-Government Survey edition. Expected one of 2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024.
    """
    if year is None:
        return latest_edition()
    try:
        y = int(year)
    except (TypeError, ValueError):
        y = None
    if y not in EDITIONS or isinstance(year, bool):
        raise DataError("un_egov", [Issue(f"year {year}", "no UN E-Government Survey edition. Expected one of "
                                          + ", ".join(map(str, EDITIONS)) + ".")])
    return y


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


@memoise(maxsize=1)
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


@memoise(maxsize=32)
def _published_cached(year: int) -> pd.DataFrame:
    return _published(year, None)


def _published(year, data) -> pd.DataFrame:
    w, names, _ = _wide("un_egov", year, data)
    cols = [c for c in ("egdi", "osi", "hci", "tii", "epi", "egdi_rank") if c in w.columns]
    out = w[cols].astype(float)
    out.insert(0, "country", names.reindex(out.index))
    out["assessed"] = out["egdi"].notna()
    return out


def rank_history(codes=None) -> pd.DataFrame:
    """Published EGDI ranks of the bundled data by edition (rows) and country (columns, all 193 or *codes*);
    NaN where a country was not assessed in that edition.

    Examples
    --------
    >>> r = rank_history(["AZE", "SGP"])
    >>> r.loc[2024].astype(int).tolist(), int(r.index[0])
    ([74, 3], 2003)
    """
    table = _rank_table()
    return (table if codes is None else table.reindex(columns=list(codes))).copy()


@memoise(maxsize=1)
def _rank_table() -> pd.DataFrame:
    editions = {y: _published_cached(y) for y in EDITIONS}
    return pd.DataFrame({y: p["egdi_rank"].where(p["assessed"]) for y, p in editions.items()}).T


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


@memoise(maxsize=8)
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
        A key of :data:`assess.engine.scoring.CLASS_RULES` or a function
        ``(scores, group_labels, groups) -> Series of 0..3``.

    Examples
    --------
    >>> rc = rating_class(published(2024)["egdi"])
    >>> rc["SGP"], rc["DNK"]
    ('VH', 'VH')
    """
    g = un_groups(scores) if groups is None else groups
    return assign_classes(pd.Series(scores, dtype=float), g, GROUPS, {"rule": rule, "labels": RATING_LABELS})


def decimals(values) -> int:
    """How many decimals the published values carry (3 to 8): ranks and groups compare at that precision.

    Examples
    --------
    >>> decimals(published(2024)["egdi"])
    5
    """
    v = pd.Series(values).dropna().to_numpy()
    for d in range(3, 8):
        if np.allclose(v, np.round(v, d), atol=1e-12):
            return d
    return 8


def egdi_spec(year=None, data=None, *, renormalise=True) -> Spec:
    """The EGDI as an engine :class:`~assess.engine.spec.Spec`, built from ``frameworks/un_egdi.yaml``.

    Each component reads the published value and, when ``renormalise``, is min-max rescaled onto the range its
    input values span (``rescale: {method: minmax, range: input}`` in the file): unchanged data give back the
    published values; a changed value that moves the minimum or the maximum re-normalises the whole
    cross-section, as the UN method requires. ``year`` and ``data`` are accepted for symmetry with
    :func:`score_egdi`; the spec is the same for every edition.

    Examples
    --------
    >>> s = egdi_spec(2024)
    >>> s.children("egdi"), s.node("osi").rescale
    (('osi', 'hci', 'tii'), {'method': 'minmax', 'range': 'input'})
    """
    spec = spec_from_framework(egdi_framework())
    if not renormalise:
        spec = spec.without_rescale()
    return spec


def gtmi_spec() -> Spec:
    """The GTMI as the simple mean of its four published components (``frameworks/gtmi.yaml``).

    Examples
    --------
    >>> gtmi_spec().children("gtmi")
    ('cgsi', 'psdi', 'dcei', 'gtei')
    """
    return spec_from_framework(gtmi_framework())


def score_egdi(year, data=None, *, renormalise=True, **params):
    """Score the EGDI of one edition from the published components (assessed countries only).

    Keyword parameters go to :func:`assess.engine.scoring.score` (``overrides=``, ``weights=``, …).

    Examples
    --------
    >>> a = score_egdi(2024)
    >>> round(float(a.scores["AZE"]), 5), int(a.ranks["AZE"])
    (0.76075, 74)

    The computed 0.76075 is the mean of the rounded published components; the UN publishes
    0.76073 (computed from unrounded components).
    """
    p = published(year, data)
    table = p.loc[p["assessed"], list(COMPONENTS)]
    return score(egdi_spec(year, data, renormalise=renormalise), table, **params)



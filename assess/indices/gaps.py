"""Gaps of a country to a reference, decomposed by component, over all editions.

References (``against``): an ISO3 code (default ``"SGP"``), ``"frontier"`` (a country with the best
published value of each component: its EGDI is the mean of those bests, so the steps add up to the end bar;
1.0 since 2012), ``"top"`` (the first-ranked country), ``"peer:<id>"`` (mean of a peer set
of ``frameworks/peers.yaml``), ``"next_group"`` (the threshold of the next UN group),
``"next_class"`` (the weakest country of the next rating class, an approximation) or an int
(the country holding that rank). A country already in the top group has no next group: its row carries
``reference="top group"`` and NaN values (nothing to draw), never zero steps.

EGDI = (OSI + HCI + TII) / 3, so the EGDI gap splits exactly into ``(ref_c - own_c) / 3``
per component (``share`` = part of the gap each explains). EPI is not in the EGDI (it is part
of OSI since 2022): its gap is shown beside the decomposition, not in it. In 2008 and 2010
the published EGDI is not the mean of the components (:data:`assess.indices.published.EXCEPTIONS`): the
``residual`` column shows the part the components do not explain.

Examples
--------
>>> g = gap("AZE", "SGP", years=[2024])
>>> r = g.loc[2024]
>>> round(float(r["gap"]), 5), round(float(r["osi_part"] + r["hci_part"] + r["tii_part"] + r["residual"]), 5)
(0.20839, 0.20839)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assess.errors import CountryError, ScoringError, shown
from assess.frameworks import memoise_on_inputs
from assess.indices import published

__all__ = ["COMPONENTS", "TOP_GROUP", "gap", "reference"]

COMPONENTS = ("osi", "hci", "tii")
#: The reference label of ``"next_group"`` for a country already in the top group (no next group).
TOP_GROUP = "top group"


def reference(p: pd.DataFrame, against, iso3=None):
    """The reference values ``(label, egdi, {component: value}, epi)`` in one edition's table.

    Examples
    --------
    >>> reference(published.published(2024), "frontier")[1]
    1.0
    >>> reference(published.published(2024), "next_group", "AZE")[0]
    'top group'

    """
    a = p[p["assessed"]]
    if isinstance(against, int | np.integer):
        row = a[a["egdi_rank"] == against]
        if row.empty:
            row = a[a["egdi_rank"] >= against].sort_values("egdi_rank").head(1)
        r = row.iloc[0]
        return row.index[0], r["egdi"], {c: r[c] for c in COMPONENTS}, r["epi"]
    if against == "frontier":
        best = {c: a[c].max() for c in COMPONENTS}
        return "frontier", float(np.mean(list(best.values()))), best, a["epi"].max()
    if against == "top":
        return reference(p, 1)
    if isinstance(against, str) and against.startswith("peer:"):
        from assess.indices.groupings import load_peers

        pid = against.split(":", 1)[1]
        peers = load_peers()
        if pid not in peers:
            raise ScoringError(f"gap: unknown peer set {pid!r}. Expected one of: {', '.join(peers)}.")
        m = a.loc[a.index.intersection(peers[pid])]
        return against, m["egdi"].mean(), {c: m[c].mean() for c in COMPONENTS}, m["epi"].mean()
    if against in ("next_group", "next_class"):
        own = a.loc[iso3, "egdi"]
        if against == "next_group":
            mins = [g[2] for g in published.GROUPS if g[2] > own]
            if not mins:
                return TOP_GROUP, np.nan, dict.fromkeys(COMPONENTS, np.nan), np.nan
            t = mins[0]
            # the threshold as a profile: the own components raised evenly to reach it
            d = t - own
            return f"threshold {t}", t, {c: a.loc[iso3, c] + d for c in COMPONENTS}, a.loc[iso3, "epi"]
        cls = published.rating_class(a["egdi"])
        flat = published.CLASS_LADDER
        k = flat.index(cls[iso3])
        if k == 0:
            return reference(p, 1)
        better = cls[cls == flat[k - 1]].index
        weakest = a.loc[better, "egdi"].idxmin()
        return reference(p, int(a.loc[weakest, "egdi_rank"]))
    if isinstance(against, str) and against in p.index:
        if not p.loc[against, "assessed"]:
            return against, np.nan, dict.fromkeys(COMPONENTS, np.nan), np.nan
        r = p.loc[against]
        return against, r["egdi"], {c: r[c] for c in COMPONENTS}, r["epi"]
    raise ScoringError(f"gap: unknown reference {against!r}. Expected an ISO3 code, 'frontier', 'top', "
                       "'peer:<id>', 'next_group', 'next_class' or a rank.")


def gap(iso3, against="SGP", *, years=None) -> pd.DataFrame:
    """The gap of ``iso3`` to ``against`` in every edition, decomposed by component.

    Columns: ``reference, egdi, ref_egdi, gap, osi_part, hci_part, tii_part, residual,
    osi_share, hci_share, tii_share, epi_gap, rank, ref_rank``. Values are rounded to the decimals the
    edition publishes its EGDI with (5 in 2024; :func:`assess.indices.published.decimals`), shares to 4; the
    residual is what the rounded parts leave of the rounded gap, so the parts and the residual add up to
    the gap at those decimals.

    Examples
    --------
    >>> g = gap("AZE", "frontier", years=[2022, 2024])
    >>> list(g.index)
    [2022, 2024]
    """
    if isinstance(years, list | tuple):
        years = tuple(years)  # a key; any other value goes to the function, which refuses it
    return _gap(iso3, against, years)


@memoise_on_inputs(maxsize=2048)
def _gap(iso3, against, years) -> pd.DataFrame:
    """:func:`gap`, kept per data and frameworks version (Compare asks for several pairs at every request)."""
    rows = {}
    for y in years or published.EDITIONS:
        p = published.published(y)
        if iso3 not in p.index:
            raise CountryError(iso3, f"unknown country {shown(iso3, 40)}. Expected an ISO3 code.", source="gap")
        if not p.loc[iso3, "assessed"]:
            continue
        label, ref_egdi, ref, ref_epi = reference(p, against, iso3)
        d = published.decimals(p["egdi"])
        own = p.loc[iso3]
        total = round(float(ref_egdi) - own["egdi"], d)
        row = {"reference": label, "egdi": own["egdi"], "ref_egdi": round(float(ref_egdi), d), "gap": total}
        parts = {c: round((ref[c] - own[c]) / len(COMPONENTS), d) for c in COMPONENTS}
        for c in COMPONENTS:
            row[f"{c}_part"] = parts[c]
        row["residual"] = round(total - sum(parts.values()), d)
        for c in COMPONENTS:
            row[f"{c}_share"] = round(parts[c] / total, 4) if total else np.nan
        row["epi_gap"] = round(float(ref_epi) - own["epi"], published.decimals(p["epi"].dropna()))
        row["rank"] = int(own["egdi_rank"])
        ref_rank = p.loc[label, "egdi_rank"] if label in p.index else np.nan
        row["ref_rank"] = ref_rank
        rows[y] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "year"
    return out

"""Maturity placement: a country on each stage model and on the GTMI and UN groups side by side.

Examples
--------
>>> t = placement("AZE", 2024)
>>> t.loc["un_egdi_group", "placement"]
'VH'
"""

from __future__ import annotations

import pandas as pd

from assess.indices import published

__all__ = ["STAGE_MODELS", "country_model_for", "placement"]

STAGE_MODELS = ("un_stages", "layne_lee", "gartner")


def country_model_for(iso3: str):
    """The country model that describes *iso3* as it is (status ``current`` or ``reference``), or ``None``.

    Proposals (the paper's model) are not used: they describe what should be, not what is.

    Examples
    --------
    >>> country_model_for("AZE").id, country_model_for("SGP").id, country_model_for("DNK") is None
    ('azerbaijan_today', 'singapore', True)
    """
    from assess.frameworks import list_frameworks, load_framework

    for f in list_frameworks():
        if f["kind"] != "country_model":
            continue
        m = load_framework(f["id"])
        if m.country == iso3 and m.status in ("current", "reference"):
            return m
    return None


def placement(iso3, year=None, *, capabilities=None, gtmi_year=None) -> pd.DataFrame:
    """One row per model: the stage or group reached and its basis.

    Stage models are placed from the published UN components (``un_egdi.<component>``) and
    capability tags: those given, else those of the country's own model (:func:`country_model_for`,
    e.g. ``azerbaijan_today``) when there is one. The ``basis`` column says which.

    Examples
    --------
    >>> p = placement("AZE", 2024)
    >>> p.loc[["un_egdi_group", "gtmi_group"], "placement"].tolist()
    ['VH', 'A']
    >>> p.loc["layne_lee", "basis"].endswith("capabilities of model azerbaijan_today")
    True
    """
    year = published.edition(year)
    from assess.errors import AssessError
    from assess.frameworks import load_framework

    source = "capabilities given"
    if capabilities is None:
        model = country_model_for(iso3)
        capabilities = tuple(model.capabilities()) if model else ()
        source = f"capabilities of model {model.id}" if model else "no country model"
    capabilities = tuple(capabilities)

    p = published.published(year).loc[iso3]
    values = {f"un_egdi.{c}": p[c] for c in ("egdi", "osi", "hci", "tii")} | {"epi.epi": p["epi"]}
    rows = {}
    for m in STAGE_MODELS:
        try:
            sm = load_framework(m)
            st = sm.place(values, capabilities)
            rows[m] = {"placement": st.id if st else None,
                       "basis": f"{sm.basis}; {len(capabilities)} {source}"}
        except (AssessError, KeyError, ValueError) as e:  # a model that cannot be placed says why
            rows[m] = {"placement": None, "basis": f"not placed: {e}"}
    rows["un_egdi_group"] = {"placement": published.un_groups(pd.Series([p["egdi"]])).iloc[0], "basis": f"EGDI {p['egdi']}"}
    rows["un_rating_class"] = {"placement": published.rating_class(published.published(year)["egdi"].dropna())[iso3],
                               "basis": "quartile within group (approximation of the UN's)"}
    gy = gtmi_year or max(y for y in published.GTMI_EDITIONS if y <= max(year, 2020))
    g = published.published_gtmi(gy)
    rows["gtmi_group"] = {"placement": g.loc[iso3, "group"] if iso3 in g.index else None, "basis": f"GTMI {gy}"}
    return pd.DataFrame.from_dict(rows, orient="index")

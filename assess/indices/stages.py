"""Maturity placement: a country on each stage model and on the GTMI and UN groups side by side.

Examples
--------
>>> t = placement("AZE", 2024)
>>> t.loc["un_egdi_group", "placement"]
'VH'
"""

from __future__ import annotations

import pandas as pd

from assess.frameworks import memoise_on_inputs
from assess.i18n import format_number
from assess.indices import published

__all__ = ["STAGE_MODELS", "country_model_for", "model_of_time", "placement"]

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


def model_of_time(model, year: int) -> bool:
    """Whether a country model describes the country *as it was* in UN edition *year*.

    The rule: the model's ``as_of`` year is before the next edition's year (any year for the latest
    edition). A later model is never used for an earlier edition (Azerbaijan's platforms of 2024 did not exist
    in 2003); an earlier one may be, labelled with its year (it can only understate what the country had).

    Examples
    --------
    >>> m = country_model_for("AZE")
    >>> m.as_of, model_of_time(m, 2024), model_of_time(m, 2022), model_of_time(m, 2003)
    ('2026-03-02', True, False, False)
    """
    try:
        as_of = int(str(model.as_of)[:4])
    except (TypeError, ValueError):
        return False
    later = [e for e in published.EDITIONS if e > int(year)]
    return not later or as_of < later[0]


def placement(iso3, year=None, *, capabilities=None, gtmi_year=None, lang: str = "en") -> pd.DataFrame:
    """One row per model: the stage or group reached, its name, the model's name and the basis, in words.

    Stage models are placed from the published UN components (``un_egdi.<component>``) and
    capability tags: those given, else those of the country's own model (:func:`country_model_for`,
    e.g. ``azerbaijan_today``) when that model is of the edition's time (:func:`model_of_time`); a
    capability-based stage is never placed from a later model. The rating class exists from 2018 and the
    GTMI from 2020: earlier editions get none (never a later edition's value shown as this one's).

    Columns: ``placement`` (id), ``name`` (the stage or group in words), ``model`` (the model's name),
    ``basis`` (in words).

    Examples
    --------
    >>> p = placement("AZE", 2024)
    >>> p.loc[["un_egdi_group", "gtmi_group"], "placement"].tolist()
    ['VH', 'A']
    >>> p.loc["layne_lee", "basis"]
    'capabilities; 33 capabilities of the model “Azerbaijan: e-government and digital development, 2003-2026” (as of 2026-03-02)'
    >>> old = placement("AZE", 2003)
    >>> bool(pd.isna(old.loc["layne_lee", "placement"])), bool(pd.isna(old.loc["un_rating_class", "placement"]))
    (True, True)
    >>> old.loc["gtmi_group", "basis"]
    'the GTMI starts in 2020'
    >>> placement("AZE", 2024, lang="az").loc["un_egdi_group", ["name", "model"]].tolist()
    ['Çox yüksək', 'BMT EGDI qrupu']
    """
    if capabilities is None:  # the Country profile's question: kept per data and frameworks version
        return _placement(iso3, year, gtmi_year, lang)
    return _place(iso3, year, capabilities, gtmi_year, lang)


@memoise_on_inputs(maxsize=512)
def _placement(iso3, year, gtmi_year, lang) -> pd.DataFrame:
    return _place(iso3, year, None, gtmi_year, lang)


def _place(iso3, year, capabilities, gtmi_year, lang) -> pd.DataFrame:
    """:func:`placement`'s work."""
    from assess.i18n import name_in, t

    year = published.edition(year)
    from assess.errors import AssessError
    from assess.frameworks import load_framework

    source = t("capabilities given", lang)
    if capabilities is None:
        model = country_model_for(iso3)
        label = name_in(model.name, lang, model.label) if model is not None else ""
        if model is not None and model_of_time(model, year):
            capabilities = tuple(model.capabilities())
            source = t("capabilities of the model “{model}” (as of {date})", lang, model=label, date=model.as_of)
        elif model is not None:
            capabilities = ()
            source = t("capability stages not placed: no country model of {year}'s time (the model “{model}” "
                       "describes {date})", lang, year=year, model=label, date=model.as_of)
        else:
            capabilities, source = (), t("no country model", lang)
    capabilities = tuple(capabilities)

    p = published.published(year).loc[iso3]
    values = {f"un_egdi.{c}": p[c] for c in ("egdi", "osi", "hci", "tii")} | {"epi.epi": p["epi"]}
    rows = {}
    for m in STAGE_MODELS:
        try:
            sm = load_framework(m)
            st = sm.place(values, capabilities)
            basis = {"indicators": t("the published UN values", lang), "capabilities": t("capabilities", lang),
                     "mixed": t("the published UN values and capabilities", lang)}.get(sm.basis, sm.basis)
            if capabilities:
                words = f"{basis}; {len(capabilities)} {source}"
            elif sm.basis == "capabilities":
                words = source
            else:
                words = t("the published UN values only; {source}", lang, source=source)
            rows[m] = {"placement": st.id if st else None, "name": name_in(st.name, lang, st.id) if st else None,
                       "model": name_in(sm.name, lang, sm.label), "basis": words}
        except (AssessError, KeyError, ValueError) as e:  # a model that cannot be placed says why
            rows[m] = {"placement": None, "name": None, "model": m, "basis": t("not placed: {reason}", lang, reason=e)}
    group = published.un_groups(pd.Series([p["egdi"]])).iloc[0]
    names = {g.label: name_in(g.name, lang, g.id) for g in published.egdi_framework().groups}
    egdi = format_number(p["egdi"], lang, published.decimals(pd.Series([p["egdi"]])), group=False)
    rows["un_egdi_group"] = {"placement": group, "name": names.get(group, group), "model": t("UN EGDI group", lang),
                             "basis": f"EGDI {egdi}" + ("" if published.edition_has(year, "groups") else
                                                        t(" (the UN had no groups yet: later thresholds)", lang))}
    if published.edition_has(year, "classes"):
        klass = published.rating_class(published.published(year)["egdi"].dropna())[iso3]
        rows["un_rating_class"] = {"placement": klass, "name": klass, "model": t("UN rating class", lang),
                                   "basis": t("quartile within group (approximation of the UN's)", lang)}
    else:
        rows["un_rating_class"] = {"placement": None, "name": None, "model": t("UN rating class", lang),
                                   "basis": t("the UN rating classes start in {year}", lang,
                                              year=published.CLASSES_SINCE)}
    older = [y for y in published.GTMI_EDITIONS if y <= year]
    gy = gtmi_year or (max(older) if older else None)
    if gy is None:
        rows["gtmi_group"] = {"placement": None, "name": None, "model": t("GTMI group", lang),
                              "basis": t("the GTMI starts in {year}", lang, year=published.GTMI_EDITIONS[0])}
    else:
        g = published.published_gtmi(gy)
        grp = g.loc[iso3, "group"] if iso3 in g.index else None
        rows["gtmi_group"] = {"placement": grp, "name": grp, "model": t("GTMI group", lang), "basis": f"GTMI {gy}"}
    return pd.DataFrame.from_dict(rows, orient="index")

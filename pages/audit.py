"""Statistical audit of the EGDI and the GTMI: availability, correlations, Cronbach's alpha, PCA, effective weights.

URL state: ``/audit?framework=un_egdi&year=2024&lang=az``. The audit is :func:`assess.audit`; figures come from
:mod:`assess.reports.audit_figures`; labels from :mod:`assess.i18n` (English and Azerbaijani).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, dcc, html

import assess
from assess.i18n import LANGS, name_in, t
from assess.indices.published import EDITIONS, GTMI_EDITIONS
from assess.reports import figures
from assess.reports.audit_figures import correlation_heatmap, loadings_bars
from ui import components as ui

dash.register_page(__name__, path="/audit", name="Audit", title="egov-assess: statistical audit", order=7)

#: The indices offered, with their editions; a request with any other value falls back to the default.
FRAMEWORKS = {"un_egdi": ("EGDI", tuple(EDITIONS)), "gtmi": ("GTMI", tuple(GTMI_EDITIONS))}
DEFAULTS = {"framework": "un_egdi", "year": "latest", "lang": "en"}


def year_options(framework: str) -> list[dict]:
    """The editions of an index (newest first) as dropdown options, ``latest`` first."""
    years = FRAMEWORKS.get(framework, FRAMEWORKS[DEFAULTS["framework"]])[1]
    return [{"label": "latest", "value": "latest"}] + [{"label": str(y), "value": str(y)} for y in reversed(years)]


def checked(framework, year, lang) -> tuple[str, int, str, list[str]]:
    """The request's index, edition and language, each one the page offers (else its default, with a message)."""
    problems = []
    lang_ok = ui.request_choice(lang, LANGS, None)
    lang = lang_ok or DEFAULTS["lang"]
    if lang_ok is None and lang is not None and lang != DEFAULTS["lang"]:
        problems.append(t("Unknown value {value!r} for {what}; showing {default}.", lang, value=ui.request_text(lang, "?", limit=20), what="lang",
                          default="en"))
    fid = ui.request_choice(framework, tuple(FRAMEWORKS), None)
    if fid is None:
        if framework is not None:
            problems.append(t("Unknown value {value!r} for {what}; showing {default}.", lang, value=ui.request_text(framework, "?", limit=40), what="framework",
                              default=DEFAULTS["framework"]))
        fid = DEFAULTS["framework"]
    years = FRAMEWORKS[fid][1]
    y = ui.request_choice(year, tuple(str(v) for v in years) + ("latest",), None)
    if y is None and year is not None:
        problems.append(t("Unknown value {value!r} for {what}; showing {default}.", lang, value=ui.request_text(year, "?", limit=20), what="year",
                          default=str(years[-1])))
    return fid, int(y) if y not in (None, "latest") else years[-1], lang, problems


def content(au, fid: str, year: int, lang: str):
    """The audit rendered: headline figures, correlations, loadings and the table of aggregates."""
    fw = assess.load_framework(fid)
    names = {n: name_in(fw.node(n).name, lang) for n in fw.node_ids}
    s = au.summary()
    root = fw.root
    units = len(au.assessment.scores.dropna())
    avail = float(au.availability["units"]["Dat_Avail"].mean())
    label = FRAMEWORKS[fid][0]
    stats = dbc.Row([
        dbc.Col(ui.stat(t("Countries", lang), f"{units}"), md=3),
        dbc.Col(ui.stat(t("Cronbach's alpha of the components", lang), f"{s.loc[root, 'cronbach_alpha']:.3f}", id="audit-alpha"), md=3),
        dbc.Col(ui.stat(t("Variance on the first principal component", lang), f"{s.loc[root, 'pc1_variance']:.1%}"), md=3),
        dbc.Col(ui.stat(t("Data available", lang), f"{avail:.1%}"), md=3),
    ], className="g-3 mb-3")
    correlations = t("Correlations between the components", lang)
    heat = correlation_heatmap(au.correlations["within"][root], names=names,
                               title=f"{label} {year}: {correlations.lower()}")
    pcs = au.pca.get(root)
    load = loadings_bars(pcs["loadings"], names=names, title=t("Loadings on the first principal component", lang)) if pcs else \
        figures.empty_figure()
    cols = {"aggregate": t("aggregate", lang), "children": t("children", lang),
            "cronbach_alpha": t("Cronbach's alpha", lang), "pc1_variance": t("PC1 share", lang),
            "mean_corr_with_children": t("mean correlation", lang), "effective_weight": t("effective weight", lang)}
    table = s.reset_index()
    table["aggregate"] = [names.get(a, a) for a in table["aggregate"]]
    table = table[list(cols)].round(3).rename(columns=cols)
    return [
        stats,
        html.P([html.Strong(f"{label} {year}. "), t("Alpha above 0.7 and one dominant principal component mean the components measure one thing: equal weights suit the data, and a weak component cannot be offset for long by the others.", lang)], id="audit-summary", className="mb-3"),
        dbc.Row([dbc.Col(ui.card(None, ui.graph("audit-heatmap", heat)), lg=7),
                 dbc.Col(ui.card(None, ui.graph("audit-loadings", load)), lg=5)]),
        ui.card(t("Each aggregate", lang), ui.grid("audit-table", table, height=260)),
    ]


def layout(framework=None, year=None, lang=None, **_):
    """The page for ``/audit?framework=ID&year=YYYY&lang=en|az``."""
    fid, y, lang_ok, problems = checked(framework, year, lang)
    controls = dbc.Row([
        dbc.Col([dbc.Label(t("Index", lang_ok), html_for="audit-framework", className="fw-semibold mb-1"),
                 dbc.RadioItems(id="audit-framework", value=fid, inline=True,
                                options=[{"label": v[0], "value": k} for k, v in FRAMEWORKS.items()])], md=4),
        dbc.Col([dbc.Label(t("Edition", lang_ok), html_for="audit-year", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="audit-year", options=year_options(fid), clearable=False,
                              value=str(y) if year not in (None, "latest") and not problems else "latest")], md=4),
        dbc.Col([dbc.Label(t("Language", lang_ok), html_for="audit-lang", className="fw-semibold mb-1"),
                 dbc.RadioItems(id="audit-lang", value=lang_ok, inline=True,
                                options=[{"label": "English", "value": "en"}, {"label": "Azərbaycanca", "value": "az"}])],
                md=4),
    ], className="g-3")
    return ui.page("audit", t("Statistical audit", lang_ok), lead=t("Is the index coherent? Data availability, correlations of its components, Cronbach's alpha, principal components and effective weights, computed as the JRC audits composite indices.", lang_ok), children=[
        ui.alerts(problems),
        ui.card(None, controls),
        html.Div(id="audit-alert"),
        dcc.Loading(html.Div(id="audit-content")),
    ])


ui.register_url_sync("audit", framework=("audit-framework", "value"), year=("audit-year", "value"),
                     lang=("audit-lang", "value"), defaults=DEFAULTS)


@callback(Output("audit-year", "options"), Input("audit-framework", "value"))
def editions(framework):
    """Index → its editions."""
    return year_options(ui.request_choice(framework, tuple(FRAMEWORKS), DEFAULTS["framework"]))


@callback(Output("audit-content", "children"), Output("audit-alert", "children"),
          Input("audit-framework", "value"), Input("audit-year", "value"), Input("audit-lang", "value"))
def show(framework, year, lang):
    """Index, edition, language → the audit (computed by :func:`assess.audit`)."""
    fid, y, lang, problems = checked(framework, year, lang)
    try:
        return content(assess.audit(fid, year=y), fid, y, lang), ui.alerts(problems)
    except Exception as exc:  # shown to the user, never a traceback
        return None, ui.friendly_error(exc)

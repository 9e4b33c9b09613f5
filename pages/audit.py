"""Statistical audit of the EGDI and the GTMI: availability, correlations, Cronbach's alpha, PCA, effective weights.

URL state: ``/audit?framework=un_egdi&year=2024&lang=az``. The audit is :func:`assess.audit`; figures come from
:mod:`assess.reports.audit_figures`. The page speaks the URL's language like every page (the navbar's switch;
``_ = ui.text(lang)``; the callbacks read the ``audit-lang`` store): labels, the table's headers and numbers, the
charts' numbers (decimal comma in Azerbaijani) and the aggregates' names (the framework files' ``{en, az}``).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

import assess
from assess.i18n import format_number, format_percent, name_in, pt
from assess.indices.published import EDITIONS, GTMI_EDITIONS
from assess.reports import figures
from assess.reports.audit_figures import correlation_heatmap, loadings_bars
from ui import components as ui

dash.register_page(__name__, path="/audit", name="Audit", title="egov-assess: statistical audit", order=7)

#: The indices offered, with their editions; a request with any other value falls back to the default.
FRAMEWORKS = {"un_egdi": ("EGDI", tuple(EDITIONS)), "gtmi": ("GTMI", tuple(GTMI_EDITIONS))}
DEFAULTS = {"framework": "un_egdi", "year": "latest"}
#: The table's columns (:meth:`assess.engine.audit.Audit.summary`): numbers written in the page's language.
_NUMBERS = ("cronbach_alpha", "pc1_variance", "mean_corr_with_children", "effective_weight")


def year_options(framework: str, lang: str = "en") -> list[dict]:
    """The editions of an index (newest first) as dropdown options, ``latest`` first."""
    _ = ui.text(lang)
    years = FRAMEWORKS.get(framework, FRAMEWORKS[DEFAULTS["framework"]])[1]
    return [{"label": _("latest"), "value": "latest"}] + \
        [{"label": str(y), "value": str(y)} for y in reversed(years)]


def checked(framework, year, lang=None) -> tuple[str, int, str, list[str]]:
    """The request's index, edition and language, each one the page offers (else its default, with a message)."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    problems = []
    fid = ui.request_choice(framework, tuple(FRAMEWORKS), None)
    if fid is None:
        if framework is not None:
            problems.append(_("Unknown value {value!r} for {what}; showing {default}.",
                              value=ui.request_text(framework, "?", limit=40), what="framework",
                              default=DEFAULTS["framework"]))
        fid = DEFAULTS["framework"]
    years = FRAMEWORKS[fid][1]
    y = ui.request_choice(year, tuple(str(v) for v in years) + ("latest",), None)
    if y is None and year is not None:
        problems.append(_("Unknown value {value!r} for {what}; showing {default}.",
                          value=ui.request_text(year, "?", limit=20), what="year", default=str(years[-1])))
    return fid, int(y) if y not in (None, "latest") else years[-1], lang, problems


def _table(au, names: dict, lang: str):
    """The table of aggregates: headers in ``lang``; in a language other than English each number's own text
    (``<field>_text``: the grid's formatter cannot call the language's number format)."""
    _ = ui.text(lang)
    heads = {"aggregate": pt("an index or one of its components", "aggregate", lang), "children": _("children"), "cronbach_alpha": _("Cronbach's alpha"),
             "pc1_variance": _("PC1 share"), "mean_corr_with_children": _("mean correlation"),
             "effective_weight": _("effective weight")}
    table = au.summary().reset_index()
    table["aggregate"] = [names.get(a, a) for a in table["aggregate"]]
    table = table[list(heads)].round(3)
    columns = []
    for field, head in heads.items():
        col = {"field": field, "headerName": head}
        if field in _NUMBERS:
            col["type"] = "rightAligned"
            col["valueFormatter"] = {"function": f"params.data.{field}_text"} if lang != "en" else \
                {"function": "params.value == null ? '' : d3.format('.4f')(params.value)"}
            if lang != "en":
                table[f"{field}_text"] = table[field].map(lambda v: format_number(v, lang, 4) if v == v else "")
        columns.append(col)
    return ui.grid("audit-table", table, height=260, columns=columns)


def content(au, fid: str, year: int, lang: str):
    """The audit rendered: headline figures, correlations, loadings and the table of aggregates."""
    _ = ui.text(lang)
    fw = assess.load_framework(fid)
    names = {n: name_in(fw.node(n).name, lang) for n in fw.node_ids}
    s = au.summary()
    root = fw.root
    units = len(au.assessment.scores.dropna())
    avail = float(au.availability["units"]["Dat_Avail"].mean())
    label = FRAMEWORKS[fid][0]
    stats = dbc.Row([
        dbc.Col(ui.stat(_("Countries"), f"{units}"), md=3),
        dbc.Col(ui.stat(_("Cronbach's alpha of the components"), format_number(s.loc[root, "cronbach_alpha"], lang, 3),
                        id="audit-alpha"), md=3),
        dbc.Col(ui.stat(_("Variance on the first principal component"),
                        format_percent(s.loc[root, "pc1_variance"], lang, 1)), md=3),
        dbc.Col(ui.stat(_("Data available"), format_percent(avail, lang, 1)), md=3),
    ], className="g-3 mb-3")
    heat = correlation_heatmap(au.correlations["within"][root], names=names, lang=lang,
                               title=_("{index} {year}: correlations between the components", index=label, year=year))
    pcs = au.pca.get(root)
    load = loadings_bars(pcs["loadings"], names=names, title=_("Loadings on the first principal component"),
                         lang=lang) if pcs else figures.empty_figure()
    return [
        stats,
        html.P([html.Strong(f"{label} {year}. "), _(
            "Alpha above 0.7 and one dominant principal component mean the components measure one thing: equal "
            "weights suit the data, and a weak component cannot be offset for long by the others.")],
               id="audit-summary", className="mb-3"),
        dbc.Row([dbc.Col(ui.card(None, ui.graph("audit-heatmap", ui.localise_figure(heat, lang))), lg=7),
                 dbc.Col(ui.card(None, ui.graph("audit-loadings", ui.localise_figure(load, lang))), lg=5)]),
        ui.card(_("Each aggregate"), _table(au, names, lang)),
    ]


def layout(framework=None, year=None, lang=None, **_query):
    """The page for ``/audit?framework=ID&year=YYYY&lang=en|az``."""
    fid, y, lang, problems = checked(framework, year, lang)
    _ = ui.text(lang)
    controls = dbc.Row([
        dbc.Col([dbc.Label(_("Index"), html_for="audit-framework", className="fw-semibold mb-1"),
                 dbc.RadioItems(id="audit-framework", value=fid, inline=True,
                                options=[{"label": v[0], "value": k} for k, v in FRAMEWORKS.items()])], md=4),
        dbc.Col([dbc.Label(_("Edition"), html_for="audit-year", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="audit-year", options=year_options(fid, lang), clearable=False,
                              labels=ui.dropdown_labels(lang),
                              value=str(y) if year not in (None, "latest") and not problems else "latest")], md=4),
    ], className="g-3")
    return ui.page("audit", _("Statistical audit"), lang=lang, lead=_(
        "Is the index coherent? Data availability, correlations of its components, Cronbach's alpha, principal "
        "components and effective weights, computed as the JRC audits composite indices."), children=[
        ui.alerts(problems),
        ui.card(None, controls),
        html.Div(id="audit-alert"),
        dcc.Loading(html.Div(id="audit-content")),
    ])


ui.register_url_sync("audit", framework=("audit-framework", "value"), year=("audit-year", "value"), defaults=DEFAULTS)


@callback(Output("audit-year", "options"), Output("audit-year", "value", allow_duplicate=True),
          Input("audit-framework", "value"), State("audit-year", "value"), State("audit-lang", "data"),
          prevent_initial_call="initial_duplicate")
def editions(framework, year=None, lang=None):
    """Index → its editions; an edition the other index lacks becomes ``latest`` (never an empty choice)."""
    options = year_options(ui.request_choice(framework, tuple(FRAMEWORKS), DEFAULTS["framework"]), ui.request_lang(lang))
    return options, (year if isinstance(year, str) and year in {o["value"] for o in options} else "latest")


@callback(Output("audit-content", "children"), Output("audit-alert", "children"),
          Input("audit-framework", "value"), Input("audit-year", "value"), State("audit-lang", "data"))
def show(framework, year, lang=None):
    """Index, edition → the audit (computed by :func:`assess.audit`), in the page's language."""
    fid, y, lang, problems = checked(framework, year, lang)
    try:
        return content(assess.audit(fid, year=y), fid, y, lang), ui.alerts(problems)
    except Exception as exc:  # shown to the user, never a traceback
        return None, ui.friendly_error(exc, lang)

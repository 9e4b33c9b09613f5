"""World overview: a map of any UN or GTMI index in any of its editions, groups, averages and the full ranking.

Everything shown comes from :mod:`assess.indices.views` (world view, ranking); this page lays it out. URL state:
``/?index=egdi&edition=2024&gtmi=2025&country=AZE&lang=az`` (``edition`` is the UN Survey's, ``gtmi`` the GTMI's
own edition, used when a GTMI index is chosen). Clicking a country on the map opens its profile. The page speaks
the language of the URL (``_ = ui.text(lang)``; the callbacks read it from the ``home-lang`` store).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from assess import AssessError
from assess.i18n import N_, format_number, translated
from assess.indices import published, views
from assess.io.excel import frames_xlsx
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/", name="World overview", title="egov-assess: world overview", order=0)

GTMI_EDITIONS = published.GTMI_EDITIONS
DEFAULT_GTMI = GTMI_EDITIONS[-1]
#: The map comes first, with the ranking (:func:`update_map`); the other figures once the browser is idle
#: after the ranking is drawn (:func:`update_figures`).
FIGURES = ("home-groups", "home-regions", "home-income")
RANKING_COLUMNS = [
    {"field": "rank", "headerName": N_("rank"), "maxWidth": 90, "filter": "agNumberColumnFilter"},
    {"field": "country", "headerName": N_("country"), "flex": 2, "minWidth": 160},
    {"field": "iso3", "headerName": "ISO3", "maxWidth": 90},
    {"field": "value", "type": "rightAligned", "filter": "agNumberColumnFilter"},
    {"field": "group", "headerName": N_("group"), "minWidth": 120},
    {"field": "region", "headerName": N_("region"), "minWidth": 110},
    {"field": "income_group", "headerName": N_("income group"), "minWidth": 170},
]


#: The value as :func:`update_ranking` writes it in a language other than English (the grid's formatter cannot call
#: the language's number format); in the columns from the start, as the grid draws its cells before a later
#: change of formatter.
LOCAL_VALUE = {"function": "params.data.value_text"}


def ranking_columns(lang: str = "en") -> list[dict]:
    """The ranking's columns with their headers in ``lang``."""
    cols = [{**c, "headerName": translated(c["headerName"], lang)} if c.get("headerName") not in (None, "ISO3")
            else c for c in RANKING_COLUMNS]
    return cols if lang == "en" else [{**c, "valueFormatter": LOCAL_VALUE} if c["field"] == "value" else c
                                      for c in cols]


def valid_index(raw) -> str | None:
    """An index id the page offers, else ``None`` (the URL sync and the layout use the same check)."""
    return raw if isinstance(raw, str) and raw in views.INDICES else None


def valid_gtmi(raw) -> int | None:
    """A GTMI edition year, else ``None``."""
    return int(raw) if isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) == 4 and \
        int(raw) in GTMI_EDITIONS else None


def layout(country=None, compare=None, edition=None, index=None, gtmi=None, lang=None, **_query):
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition, lang=lang)
    if index not in (None, "") and valid_index(index) is None:
        problems.append(_("Unknown index '{index}'. Showing the EGDI.", index=ui.echo(index)))
    if gtmi not in (None, "") and valid_gtmi(gtmi) is None:
        problems.append(_("No GTMI edition {edition}. Showing {default}; GTMI editions are {editions}.",
                          edition=ui.echo(gtmi), default=DEFAULT_GTMI, editions=", ".join(map(str, GTMI_EDITIONS))))
    index, gtmi = valid_index(index) or "egdi", valid_gtmi(gtmi) or DEFAULT_GTMI
    controls = dbc.Row([
        dbc.Col(html.Div([dbc.Label(_("Index or component"), html_for="home-index", className="fw-semibold mb-1"),
                          dcc.Dropdown(id="home-index", value=index, clearable=False,
                                       options=[{"label": views.index_label(k, lang), "value": k}
                                                for k in views.INDICES])],
                         className="mb-2"), md=4),
        dbc.Col(ui.edition_slider("home-edition", state.edition, label=_("UN Survey edition")), md=4),
        dbc.Col(html.Div([dbc.Label(_("GTMI edition"), html_for="home-gtmi", className="fw-semibold mb-1"),
                          dbc.RadioItems(id="home-gtmi", value=gtmi, inline=True,
                                         options=[{"label": str(y), "value": y} for y in GTMI_EDITIONS])],
                         className="mb-2"), md=2),
        dbc.Col(ui.country_picker("home-country", state.country, label=_("Find a country"),
                                  options=ui.country_options(lang=lang, gtmi=True),
                                  placeholder=_("Type a country name or code…"), lang=lang), md=2),
    ], className="g-3")
    ranking = ui.card(_("Ranking (click a header to sort, type to filter)"), [
        html.Div([dbc.Label(_("Filter the ranking"), html_for="home-filter", className="visually-hidden"),
                  dbc.Input(id="home-filter", placeholder=_("Filter: a country, a region, a group…"), size="sm",
                            type="search", debounce=True, className="me-2", style={"maxWidth": "320px"}),
                  dbc.Button(_("Download the ranking (.xlsx)"), id="home-download-button", color="secondary",
                             outline=True, size="sm"),
                  dcc.Download(id="home-download")], className="d-flex flex-wrap align-items-center gap-2 mb-2"),
        ui.grid("home-ranking", columns=ranking_columns(lang), height=520),
    ])
    return ui.page("home", _("World overview"), lang=lang, lead=_(
        "Where every country stands on the UN E-Government Survey and the World Bank GovTech Maturity Index, "
        "edition by edition. Click a country on the map to open its profile."), children=[
        ui.alerts(problems),
        ui.card(None, controls),
        html.Div(id="home-alert"),
        dcc.Store(id="home-draw"),
        dcc.Location(id="home-go", refresh="callback-nav"),
        dbc.Row([
            dbc.Col(ui.card(None, _figure_box("home-map", 480)), lg=8),
            dbc.Col([ui.card(_("Your country"), html.Div(id="home-country-card")),
                     ui.card(_("Countries per group"), _figure_box("home-groups", 300))], lg=4),
        ]),
        ranking,
        dbc.Row([
            dbc.Col(ui.card(_("Average by region (UN M49)"), _figure_box("home-regions", 400)), lg=6),
            dbc.Col(ui.card(_("Average by income group (World Bank)"), _figure_box("home-income", 400)), lg=6),
        ]),
    ])


def _figure_box(id_: str, height: int) -> dcc.Loading:
    return dcc.Loading(html.Div(id=f"{id_}-box", style={"minHeight": f"{height}px"}), delay_show=300)


def _view(index, edition, gtmi, lang="en") -> dict:
    """The world view the controls ask for: a UN index in the UN edition, a GTMI index in the GTMI edition."""
    index = valid_index(index) or "egdi"
    year = (gtmi if gtmi in GTMI_EDITIONS else DEFAULT_GTMI) if views.INDICES[index][1] == "gtmi" \
        else ui.edition_year(edition)
    return views.world_view(index, year, ui.request_lang(lang))


def _note(view: dict, lang: str = "en"):
    if view["group_note"]:
        return ui.error_alert(view["group_note"], color="info", id="home-group-note")
    if view["source"] != "gtmi":
        return None
    _ = ui.text(lang)
    return ui.error_alert(_("{index} {year}: the World Bank's GovTech Maturity Index has its own editions "
                            "({editions}); choose one above. The UN Survey edition slider does not apply to it.",
                            index=view["index"].upper(), year=view["year"],
                            editions=", ".join(map(str, GTMI_EDITIONS))), color="info")


@callback(Output("home-ranking", "rowData"), Output("home-ranking", "columnDefs"), Output("home-alert", "children"),
          Input("home-index", "value"), Input("home-edition", "value"), Input("home-gtmi", "value"),
          State("home-lang", "data"))
def update_ranking(index, edition, gtmi, lang=None):
    """The full ranking of the chosen index and edition (first: no plotly needed)."""
    lang = ui.request_lang(lang)
    try:
        view = _view(index, edition, gtmi, lang)
        rows = views.ranking(view["index"], view["year"], lang).to_dict("records")
        if lang != "en":  # the grid's formatter cannot call the language's number format: the text comes along
            for r in rows:
                r["value_text"] = format_number(r["value"], lang, view["decimals"], group=False)
        return rows, _columns(view, lang), _note(view, lang)
    except Exception as exc:  # shown to the user, never a traceback; nothing is cached
        return [], ranking_columns(lang), ui.friendly_error(exc)


def _columns(view: dict, lang: str = "en") -> list[dict]:
    fmt = {"function": f"d3.format('.{view['decimals']}f')(params.value)"} if lang == "en" else LOCAL_VALUE
    return [{**c, "headerName": view["index"].upper(), "valueFormatter": fmt} if c["field"] == "value" else c
            for c in ranking_columns(lang)]


@callback(Output("home-ranking", "dashGridOptions"), Input("home-filter", "value"))
def filter_ranking(text):
    """The quick filter of the ranking (a text, bounded)."""
    return {"animateRows": False, "quickFilterText": ui.request_text(text, "", limit=80) or ""}


clientside_callback(  # wait until the browser is idle (ranking drawn, controls usable), then ask for the figures
    """function(rows) {
        return new Promise(resolve => (window.requestIdleCallback || setTimeout)(() => resolve(Date.now()),
                                                                                  {timeout: 300}));
    }""",
    Output("home-draw", "data"), Input("home-ranking", "rowData"),
)


@callback(Output("home-map-box", "children"), Input("home-index", "value"), Input("home-edition", "value"),
          Input("home-gtmi", "value"), Input("home-country", "value"), State("home-lang", "data"))
def update_map(index, edition, gtmi, country, lang=None):
    """The world map of the chosen index and edition, with a "not assessed" legend (the page's first chart)."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    try:
        fig = _map(_view(index, edition, gtmi, lang), ui.request_code(country), lang)
    except Exception as exc:  # shown to the user, never a traceback
        fig = figures.empty_figure(str(exc) if isinstance(exc, AssessError) else _("No data for this selection."))
    return ui.graph("home-map", ui.localise_figure(fig, lang))


@callback(*[Output(f"{f}-box", "children") for f in FIGURES], Input("home-draw", "data"),
          State("home-index", "value"), State("home-edition", "value"), State("home-gtmi", "value"),
          State("home-country", "value"), State("home-lang", "data"), prevent_initial_call=True)
def update_figures(_drawn, index, edition, gtmi, country, lang=None):
    """Group distribution and averages (after the ranking)."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    try:
        figs = _figures(_view(index, edition, gtmi, lang), ui.request_code(country), lang)
    except Exception as exc:  # shown to the user, never a traceback
        figs = (figures.empty_figure(str(exc) if isinstance(exc, AssessError) else
                                     _("No data for this selection.")),) * len(FIGURES)
    return tuple(ui.graph(f, ui.localise_figure(fig, lang)) for f, fig in zip(FIGURES, figs, strict=True))


def _map(view: dict, country: str | None, lang: str = "en") -> dict:
    _ = ui.text(lang)
    v, short, year = view["values"], view["index"].upper(), view["year"]
    missing = _("not assessed in {year}", year=year) if view["source"] == "un" else \
        _("not covered by the GTMI in {year}", year=year)
    return figures.as_dict(figures.choropleth(v, names=ui.country_names(lang), title=f"{short} {year}", label=short,
                                              highlight=[country] if country else [], decimals=view["decimals"],
                                              not_assessed=view["not_assessed"], not_assessed_label=missing,
                                              lang=lang))


def _figures(view: dict, country: str | None, lang: str = "en") -> tuple:
    v, short = view["values"], view["index"].upper()
    fgroups = figures.group_distribution(view["groups"], order=view["group_order"], labels=view["group_names"],
                                         highlight={country: view["groups"][country]} if country in v else None,
                                         lang=lang)
    ref = float(v[country]) if country in v else None
    fregion, fincome = (figures.group_averages(view[k], label=short, reference=ref, reference_label=country or "",
                                               lang=lang) for k in ("region", "income"))
    return tuple(figures.as_dict(f) for f in (fgroups, fregion, fincome))


@callback(Output("home-go", "href"), Input("home-map", "clickData"), State("home-index", "value"),
          State("home-edition", "value"), State("home-lang", "data"), prevent_initial_call=True)
def open_profile(click, index, edition, lang=None):
    """A click on a country of the map opens its profile (same UN edition, same language)."""
    points = click.get("points") if isinstance(click, dict) else None
    code = ui.request_code(points[0].get("location")) if isinstance(points, list) and points and \
        isinstance(points[0], dict) else None
    return _profile_href(code, edition, lang) if code else dash.no_update


def _profile_href(code: str, edition, lang) -> str:
    return ui.with_lang(f"/country?country={code}&edition={ui.edition_year(edition)}", ui.request_lang(lang))


@callback(Output("home-country-card", "children"), Input("home-index", "value"), Input("home-edition", "value"),
          Input("home-gtmi", "value"), Input("home-country", "value"), State("home-lang", "data"))
def country_card(index, edition, gtmi, country, lang=None):
    """The searched country's value, rank and group on the chosen index."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    country = ui.request_code(country)
    if not country:
        return html.P(_("Type a country name above to see where it stands."), className="mb-0")
    try:
        view = _view(index, edition, gtmi, lang)
    except Exception as exc:
        return ui.friendly_error(exc)
    short, year = view["index"].upper(), view["year"]
    link = dcc.Link(_("Open the country profile →"), href=_profile_href(country, edition, lang))
    if country not in view["values"]:
        what = {"country": ui.country_label(country, lang), "year": year, "index": short}
        text = _("{country} was not assessed by the UN Survey in {year}: no {index} value.", **what) \
            if view["source"] == "un" else _("{country} was not covered by the GTMI in {year}: no {index} value.", **what)
        return html.Div([html.P(text, className="mb-1"), link])
    g = view["groups"][country]
    return html.Div([
        html.Div(ui.country_label(country, lang), className="fw-semibold",
                 style={"borderLeft": f"6px solid {ui.country_colour(country)}", "paddingLeft": "8px"}),
        html.Div([html.Span(format_number(view["values"][country], lang, view["decimals"]),
                            className="fs-3 fw-bold me-2", id="home-country-value"),
                  html.Span(_("{index} {year}, rank {rank} of {n}", index=short, year=year,
                              rank=int(view["ranks"][country]), n=len(view["values"])), className="me-2"),
                  dbc.Badge(view["group_names"].get(g, g), color="primary")]),
        link,
    ])


@callback(Output("home-download", "data"), Input("home-download-button", "n_clicks"),
          State("home-index", "value"), State("home-edition", "value"), State("home-gtmi", "value"),
          State("home-lang", "data"), prevent_initial_call=True)
def download_ranking(n_clicks, index, edition, gtmi, lang=None):
    """The full ranking as .xlsx (values rounded to the published decimals; names in the page's language)."""
    lang = ui.request_lang(lang)
    try:
        view = _view(index, edition, gtmi, lang)
    except Exception:  # the ranking's own alert already says why
        return dash.no_update
    name = f"{view['index']} {view['year']}"
    return dcc.send_bytes(frames_xlsx({name: views.ranking(view["index"], view["year"], lang)}),
                          f"egov-assess-ranking-{view['index']}-{view['year']}.xlsx")


ui.register_url_sync("home", country=("home-country", "value"), edition=("home-edition", "value"),
                     index=("home-index", "value"), gtmi=("home-gtmi", "value"),
                     defaults={"index": "egdi", "gtmi": DEFAULT_GTMI},
                     valid={"index": valid_index, "gtmi": valid_gtmi})

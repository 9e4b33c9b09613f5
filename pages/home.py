"""World overview: a map of any UN or GTMI index for any edition, groups, averages, top and bottom."""

from __future__ import annotations

import functools

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html

import assess
from assess.engine.classify import assign_groups, rank_desc
from assess.indices import published
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/", name="World overview", title="egov-assess: world overview", order=0)

#: index id → (label, source); UN indices come from the Survey, GTMI ones from the World Bank.
INDICES = {
    "egdi": ("EGDI: E-Government Development Index", "un"),
    "osi": ("OSI: Online Service Index", "un"),
    "hci": ("HCI: Human Capital Index", "un"),
    "tii": ("TII: Telecommunication Infrastructure Index", "un"),
    "epi": ("EPI: E-Participation Index", "un"),
    "gtmi": ("GTMI: GovTech Maturity Index (World Bank)", "gtmi"),
    "cgsi": ("CGSI: Core Government Systems (GTMI)", "gtmi"),
    "psdi": ("PSDI: Public Service Delivery (GTMI)", "gtmi"),
    "dcei": ("DCEI: Digital Citizen Engagement (GTMI)", "gtmi"),
    "gtei": ("GTEI: GovTech Enablers (GTMI)", "gtmi"),
}
GROUP_NAMES = {g[0]: g[1] for g in published.GROUPS}


def _gtmi_edition(edition: int) -> int | None:
    older = [y for y in published.GTMI_EDITIONS if y <= edition]
    return max(older) if older else None


@functools.lru_cache(maxsize=64)
def world_view(index: str, edition: int) -> dict:
    """Everything the page shows for one index and edition (cached; built from :mod:`assess` calls).

    Keys: ``values`` (Series by ISO3), ``year`` (edition of the values), ``label``, ``groups``,
    ``group_order``, ``group_names``, ``ranks``, ``region``, ``income`` (aggregates tables), ``note``.
    """
    if ui.request_choice(index, tuple(INDICES)) is None:
        raise assess.ScoringError(f"Unknown index {ui.request_text(index, 'this value', limit=40)!r}. "
                                  f"Choose one of {', '.join(INDICES)}.")
    label, source = INDICES[index]
    note = None
    if source == "un":
        p = published.published(edition)
        values = p.loc[p["assessed"], index].dropna()
        year = edition
        groups = published.un_groups(values)
        order, names = [g[0] for g in reversed(published.GROUPS)], GROUP_NAMES
        ranks = p.loc[values.index, "egdi_rank"] if index == "egdi" else rank_desc(values)
    else:
        year = _gtmi_edition(edition)
        if year is None:
            return {"values": pd.Series(dtype=float), "year": None, "label": label, "note":
                    f"The GTMI starts in 2020; there is no GTMI for {edition}. Move the slider to 2020 or later."}
        if year != edition:
            note = f"The GTMI has editions {', '.join(map(str, published.GTMI_EDITIONS))}: showing {year}, the latest up to {edition}."
        g = published.published_gtmi(year)
        values = g[index].dropna()
        groups = g.loc[values.index, "group"].astype(str) if index == "gtmi" else assign_groups(values, published.GTMI_GROUPS)
        order, names = [g[0] for g in reversed(published.GTMI_GROUPS)], {g[0]: g[0] for g in published.GTMI_GROUPS}
        ranks = rank_desc(values)
    agg = assess.aggregates(values=values, by=["region", "income_group"])
    return {"values": values, "year": year, "label": label, "groups": groups, "group_order": order,
            "group_names": names, "ranks": ranks, "region": agg.loc["region"], "income": agg.loc["income_group"],
            "note": note}


def _short(index: str) -> str:
    return index.upper()


def _table(view: dict, codes) -> pd.DataFrame:
    names = ui.country_names()
    v = view["values"]
    return pd.DataFrame({
        "rank": [int(view["ranks"][c]) for c in codes],
        "country": [names.get(c, c) for c in codes],
        "iso3": list(codes),
        _short(view.get("index", "value")): [float(v[c]) for c in codes],
    })


def layout(country=None, compare=None, edition=None, index="egdi", **_):
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition)
    if index not in INDICES:
        problems.append(f"Unknown index '{index}'. Showing the EGDI.")
        index = "egdi"
    controls = dbc.Row([
        dbc.Col(html.Div([dbc.Label("Index or component", html_for="home-index", className="fw-semibold mb-1"),
                          dcc.Dropdown(id="home-index", value=index, clearable=False,
                                       options=[{"label": v[0], "value": k} for k, v in INDICES.items()])],
                         className="mb-2"), md=4),
        dbc.Col(ui.edition_slider("home-edition", state.edition), md=5),
        dbc.Col(ui.country_picker("home-country", state.country, label="Find a country"), md=3),
    ], className="g-3")
    return ui.page("home", "World overview", lead="Where every country stands on the UN E-Government Survey and "
                   "the World Bank GovTech Maturity Index, edition by edition.", children=[
        ui.alerts(problems),
        ui.card(None, controls),
        html.Div(id="home-alert"),
        dcc.Store(id="home-draw"),
        dbc.Row([
            dbc.Col(ui.card(None, _figure_box("home-map", 480)), lg=8),
            dbc.Col([ui.card("Your country", html.Div(id="home-country-card")),
                     ui.card("Countries per group", _figure_box("home-groups", 300))], lg=4),
        ]),
        dbc.Row([
            dbc.Col(ui.card("Average by region (UN M49)", _figure_box("home-regions", 400)), lg=6),
            dbc.Col(ui.card("Average by income group (World Bank)", _figure_box("home-income", 400)), lg=6),
        ]),
        dbc.Row([
            dbc.Col(ui.card("Top 10", ui.grid("home-top", height=470)), lg=6),
            dbc.Col(ui.card("Bottom 10", ui.grid("home-bottom", height=470)), lg=6),
        ]),
    ])


#: The figures (and so plotly.js, ~0.7 s of script and drawing) come after the controls, the country's
#: value and the lists are on screen: their boxes are filled by :func:`update_figures`, which the browser
#: asks for once it is idle after the lists are drawn (``home-draw``).
FIGURES = ("home-map", "home-groups", "home-regions", "home-income")


def _figure_box(id_: str, height: int) -> dcc.Loading:
    return dcc.Loading(html.Div(id=f"{id_}-box", style={"minHeight": f"{height}px"}), delay_show=300)


def update_world(index, edition, country):
    """Map, group distribution, averages and top/bottom lists for the chosen index and edition.

    Returns ``(map, groups, regions, income, top rows, top columns, bottom rows, bottom columns, alert)``.
    """
    return _world_outputs(*_checked(index, edition, country))


def _checked(index, edition, country) -> tuple:
    """Request values made safe to cache on: an index text, an edition year, a known ISO3 code or None."""
    idx = "egdi" if index is None or index == "" else ui.request_text(index, "?", limit=40)
    return idx, ui.edition_year(edition), ui.request_code(country)


@callback(
    Output("home-top", "rowData"), Output("home-top", "columnDefs"),
    Output("home-bottom", "rowData"), Output("home-bottom", "columnDefs"), Output("home-alert", "children"),
    Input("home-index", "value"), Input("home-edition", "value"), Input("home-country", "value"),
)
def update_lists(index, edition, country):
    """Top and bottom lists and the note for the chosen index and edition (first: no plotly needed)."""
    return _world_outputs(*_checked(index, edition, country))[4:]


clientside_callback(  # wait until the browser is idle (lists drawn, controls usable), then ask for the figures
    """function(rows) {
        return new Promise(resolve => (window.requestIdleCallback || setTimeout)(() => resolve(Date.now()),
                                                                                  {timeout: 500}));
    }""",
    Output("home-draw", "data"), Input("home-top", "rowData"),
)


@callback(*[Output(f"{f}-box", "children") for f in FIGURES], Input("home-draw", "data"),
          State("home-index", "value"), State("home-edition", "value"), State("home-country", "value"),
          prevent_initial_call=True)
def update_figures(_drawn, index, edition, country):
    """Map, group distribution and averages (after the lists: see :data:`FIGURES`)."""
    return tuple(ui.graph(f, fig) for f, fig in zip(FIGURES, _world_outputs(*_checked(index, edition, country))[:4],
                                                     strict=True))


@functools.lru_cache(maxsize=256)
def _world_outputs(index, edition, country):
    empty = figures.empty_figure("No data for this selection.")
    try:
        view = world_view(index or "egdi", ui.edition_year(edition))
    except Exception as exc:  # shown to the user, never a traceback
        return empty, empty, empty, empty, [], [], [], [], ui.friendly_error(exc)
    note = ui.error_alert(view["note"], color="info") if view.get("note") else None
    if view["year"] is None:
        return empty, empty, empty, empty, [], [], [], [], note
    view = {**view, "index": index}
    v, short, year = view["values"], _short(index), view["year"]
    highlight = [country] if country else []
    fmap = figures.choropleth(v, names=ui.country_names(), title=f"{short} {year}", label=short,
                              highlight=highlight).to_plotly_json()
    fgroups = figures.group_distribution(
        view["groups"], order=view["group_order"], labels=view["group_names"],
        highlight={country: view["groups"][country]} if country in view["groups"] else None).to_plotly_json()
    ref = float(v[country]) if country in v else None
    fregion = figures.group_averages(view["region"], label=short, reference=ref,
                                     reference_label=country or "").to_plotly_json()
    fincome = figures.group_averages(view["income"], label=short, reference=ref,
                                     reference_label=country or "").to_plotly_json()
    order = v.sort_values(ascending=False).index
    top, bottom = _table(view, order[:10]), _table(view, order[-10:][::-1])
    cols = [{"field": "rank", "maxWidth": 90}, {"field": "country", "flex": 2}, {"field": "iso3", "maxWidth": 90},
            {"field": short, "type": "rightAligned",
             "valueFormatter": {"function": "d3.format('.4f')(params.value)"}}]
    return (fmap, fgroups, fregion, fincome, top.to_dict("records"), cols, bottom.to_dict("records"), cols, note)


@callback(Output("home-country-card", "children"), Input("home-index", "value"), Input("home-edition", "value"),
          Input("home-country", "value"))
def country_card(index, edition, country):
    """The searched country's value, rank and group on the chosen index."""
    index, edition, country = _checked(index, edition, country)
    if not country:
        return html.P("Type a country name above to see where it stands.", className="mb-0")
    try:
        view = world_view(index or "egdi", ui.edition_year(edition))
    except Exception as exc:
        return ui.friendly_error(exc)
    if view["year"] is None or country not in view["values"]:
        return html.P(f"{ui.country_label(country)} has no {_short(index)} value for this edition.", className="mb-0")
    g = view["groups"][country]
    return html.Div([
        html.Div(ui.country_label(country), className="fw-semibold",
                 style={"borderLeft": f"6px solid {ui.country_colour(country)}", "paddingLeft": "8px"}),
        html.Div([html.Span(f"{view['values'][country]:.5f}", className="fs-3 fw-bold me-2", id="home-country-value"),
                  html.Span(f"rank {int(view['ranks'][country])} of {len(view['values'])}", className="me-2"),
                  dbc.Badge(view["group_names"].get(g, g), color="primary")]),
        dcc.Link("Open the country profile →", href=f"/country?country={country}&edition={view['year']}"),
    ])


ui.register_url_sync("home", country=("home-country", "value"), edition=("home-edition", "value"),
                     index=("home-index", "value"), defaults={"index": "egdi"})

"""Country profile: headline score, rank, group, class, GTMI group, stages; trend; components; strengths."""

from __future__ import annotations

import functools
import io

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

import assess
from assess.indices import published
from assess.indices.timeseries import method_breaks
from assess.io.excel import safe_frame
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/country", name="Country profile", title="egov-assess: country profile", order=1)

COMPONENTS = ("osi", "hci", "tii", "epi")
COMPONENT_NAMES = {"osi": "Online services (OSI)", "hci": "Human capital (HCI)",
                   "tii": "Telecom infrastructure (TII)", "epi": "E-participation (EPI)", "egdi": "EGDI"}
GROUP_NAMES = {g[0]: g[1] for g in published.GROUPS}


@functools.lru_cache(maxsize=64)
def group_means(edition: int, indicator: str, grouping: str) -> dict:
    """Mean of a UN indicator per group of a grouping (``region``, ``income_group``), cached per edition."""
    agg = assess.aggregates(edition, indicator, by=[grouping])
    return agg.loc[grouping, "mean"].to_dict()


@functools.lru_cache(maxsize=1)
def _countries() -> pd.DataFrame:
    return assess.countries().set_index("iso3")


@functools.lru_cache(maxsize=1)
def _breaks() -> dict:
    return {int(y): note for y, (flag, note) in method_breaks().items() if flag}


@functools.lru_cache(maxsize=256)
def profile(iso3: str, edition: int) -> dict:
    """What the page shows for one country and edition, from :mod:`assess` calls (cached)."""
    p = published.published(edition)
    if iso3 not in p.index or not bool(p.loc[iso3, "assessed"]):
        raise assess.DataError("un_egov", [assess.Issue(
            f"{ui.country_label(iso3)}, {edition}", "not assessed in this edition of the UN Survey. "
            "Pick another edition or country.")])
    a = p[p["assessed"]]
    row = a.loc[iso3]
    place = assess.placement(iso3, edition)
    c = _countries()
    region = c.loc[iso3, "region"] if iso3 in c.index else None
    income = c.loc[iso3, "income_group"] if iso3 in c.index else None
    bars = {iso3: {k: row[k] for k in COMPONENTS}}
    region_means = {k: group_means(edition, k, "region").get(region) for k in COMPONENTS}
    income_means = {k: group_means(edition, k, "income_group").get(income) for k in COMPONENTS}
    if region:
        bars[f"Region: {region}"] = region_means
    if isinstance(income, str):
        bars[f"Income: {income}"] = income_means
    leader = a["egdi"].idxmax()
    bars[f"Leader: {ui.country_names().get(leader, leader)}"] = {k: a.loc[leader, k] for k in COMPONENTS}
    table = pd.DataFrame(bars).T[list(COMPONENTS)].astype(float)
    return {"row": row, "n": len(a), "placement": place, "region": region, "income": income, "bars": table,
            "region_means": region_means, "leader": leader}


@functools.lru_cache(maxsize=256)
def history(iso3: str) -> dict:
    """Published EGDI and rank of a country since 2003, the region's mean and the method breaks (cached)."""
    egdi, rank = {}, {}
    for y in published.EDITIONS:
        p = published.published(y)
        if iso3 in p.index and bool(p.loc[iso3, "assessed"]):
            egdi[y], rank[y] = p.loc[iso3, "egdi"], p.loc[iso3, "egdi_rank"]
    c = _countries()
    region = c.loc[iso3, "region"] if iso3 in c.index else None
    refs = {}
    if region:
        refs[f"Region: {region}"] = pd.Series({y: group_means(y, "egdi", "region").get(region) for y in published.EDITIONS})
    return {"egdi": pd.Series(egdi, dtype=float), "rank": pd.Series(rank, dtype=float), "refs": refs,
            "breaks": _breaks()}


def layout(country=None, compare=None, edition=None, **_):
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition)
    controls = dbc.Row([
        dbc.Col(ui.country_picker("country-country", state.country), md=4),
        dbc.Col(ui.edition_slider("country-edition", state.edition), md=6),
        dbc.Col(html.Div([dbc.Button("Download data (.xlsx)", id="country-download-button", color="secondary",
                                     outline=True, size="sm", className="mt-4"), dcc.Download(id="country-download")]),
                md=2),
        dbc.Col(ui.report_controls("country"), md=12),
    ], className="g-3")
    return ui.page("country", "Country profile", lead="Headline score, rank and group; the trend since 2003; "
                   "components against the region, the income group and the leader.", children=[
        ui.alerts(problems),
        ui.card(None, controls),
        html.Div(id="country-alert"),
        html.Div(id="country-tiles", className="mb-3"),
        dbc.Row([
            dbc.Col(ui.card("EGDI since 2003 (⚑ = method break)", ui.graph("country-trend")), lg=6),
            dbc.Col(ui.card("Components against region, income group and leader", ui.graph("country-components")),
                    lg=6),
        ]),
        dbc.Row([
            dbc.Col(ui.card("Strengths and weaknesses", html.Div(id="country-strengths")), lg=6),
            dbc.Col(ui.card("Stage placements", html.Div(id="country-stages")), lg=6),
        ]),
    ])


def _tiles(iso3: str, edition: int, view: dict) -> dbc.Row:
    row, place = view["row"], view["placement"]["placement"]
    group = place.get("un_egdi_group")
    gtmi = place.get("gtmi_group")
    gtmi_basis = view["placement"].loc["gtmi_group", "basis"]
    tiles = [
        ui.stat(f"EGDI {edition}", f"{row['egdi']:.5f}", id="country-score", note=ui.country_label(iso3)),
        ui.stat("Rank", f"{int(row['egdi_rank'])} / {view['n']}", id="country-rank", note="UN published rank"),
        ui.stat("Group", GROUP_NAMES.get(group, group), id="country-group", note="EGDI ≥ 0.75 / 0.50 / 0.25"),
        ui.stat("Rating class", str(place.get("un_rating_class")), id="country-class",
                note="approximation of the UN class"),
        ui.stat("GTMI group", str(gtmi) if isinstance(gtmi, str) else "–", id="country-gtmi", note=gtmi_basis),
    ]
    return dbc.Row([dbc.Col(t, xs=6, md=4, xl=True, className="mb-2") for t in tiles], className="g-2")


def _strengths(iso3: str, edition: int) -> html.Div:
    s = assess.strengths(iso3, edition)
    rank = int(s["egdi_rank"].iloc[0])
    table = pd.DataFrame({"component": s["component"].map(COMPONENT_NAMES), "value": s["value"].round(4),
                          "rank": s["rank"], "vs region": s["vs_region"].round(4), "verdict": s["verdict"]})
    strengths = table.loc[table["verdict"] == "strength", "component"].tolist()
    weaknesses = table.loc[table["verdict"] == "weakness", "component"].tolist()
    rows = table
    return html.Div([
        html.P([html.Strong("Strengths "), f"(component ranked better than the EGDI rank {rank}, else the best): ",
                ", ".join(strengths) or "none"], id="country-strength-list"),
        html.P([html.Strong("Weaknesses: "), ", ".join(weaknesses) or "none"], id="country-weakness-list"),
        dbc.Table.from_dataframe(rows, striped=True, bordered=False, hover=True, size="sm",
                                 className="mb-0"),
    ])


def _stages(view: dict) -> dbc.Table:
    t = view["placement"].reset_index(names="model")
    t["placement"] = t["placement"].fillna("not placed (needs capability data)")
    return dbc.Table.from_dataframe(t[["model", "placement", "basis"]], striped=True, size="sm", className="mb-0")


@callback(
    Output("country-tiles", "children"), Output("country-trend", "figure"), Output("country-components", "figure"),
    Output("country-strengths", "children"), Output("country-stages", "children"), Output("country-alert", "children"),
    Input("country-country", "value"), Input("country-edition", "value"),
)
def update_country(country, edition):
    """Headline tiles, trend, component bars, strengths/weaknesses and stage placements."""
    return _country_outputs(ui.request_code(country), ui.edition_year(edition))


@functools.lru_cache(maxsize=256)
def _country_outputs(country, edition):
    if not country:
        empty = figures.empty_figure("Pick a country.")
        return None, empty, empty, None, None, ui.error_alert("Pick a country from the list.")
    year = ui.edition_year(edition)
    try:
        view = profile(country, year)
        hist = history(country)
    except Exception as exc:  # shown to the user, never a traceback
        empty = figures.empty_figure("No data for this selection.")
        return None, empty, empty, None, None, ui.friendly_error(exc)
    ftrend = figures.trend({country: hist["egdi"]}, references=hist["refs"], breaks=hist["breaks"], label="EGDI")
    fbars = figures.component_bars(view["bars"], names={c: c.upper() for c in COMPONENTS})
    return (_tiles(country, year, view), ftrend.to_plotly_json(), fbars.to_plotly_json(), _strengths(country, year),
            _stages(view), None)


@callback(Output("country-download", "data"), Input("country-download-button", "n_clicks"),
          State("country-country", "value"), prevent_initial_call=True)
def download_country(n_clicks, country):
    """The country's rows of every bundled dataset as an .xlsx workbook (the raw data)."""
    if not isinstance(country, str) or country not in ui.country_names():
        return dash.no_update
    df = assess.load_indicators()
    rows = df[df["iso3"] == country]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        safe_frame(rows).to_excel(xl, sheet_name=country, index=False)
    return dcc.send_bytes(buf.getvalue(), f"egov-assess-{country}.xlsx")


@callback(Output("country-report", "data"), Output("country-report-message", "children"),
          Input("country-report-button", "n_clicks"), State("country-country", "value"),
          State("country-edition", "value"), State("country-report-lang", "value"), State(ui.APP_STATE, "data"),
          prevent_initial_call=True)
def download_report(n_clicks, country, edition, lang, state):
    """The ministry report (:func:`assess.report`) of the country against the shared comparators."""
    compare = state.get("compare", ui.DEFAULT_COMPARE) if isinstance(state, dict) else ui.DEFAULT_COMPARE
    try:
        return ui.report_bytes(country, compare, edition, lang), None
    except Exception as exc:  # shown to the user, never a traceback
        return dash.no_update, ui.friendly_error(exc)


ui.register_url_sync("country", country=("country-country", "value"), edition=("country-edition", "value"))

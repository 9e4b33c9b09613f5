"""Country profile: headline score, rank, group, class; trend; components; strengths; stages; the GTMI.

Everything comes from :mod:`assess.indices.profiles` (:func:`profile`, :func:`history`, :func:`strengths`,
:func:`gtmi_history`) and :func:`assess.placement`; each fact is labelled with the year it belongs to and a
profile never shows a later edition's fact as this one's. A country missing from the chosen edition keeps its
trend and GTMI, with the editions it was assessed in; economies the UN does not assess (Kosovo, Palestine,
Taiwan) get their GTMI and the reason.
"""

from __future__ import annotations

import functools

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

import assess
from assess.indices import published
from assess.indices.profiles import gtmi_history, history, profile, strengths
from assess.indices.timeseries import method_breaks
from assess.io.excel import frames_xlsx
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/country", name="Country profile", title="egov-assess: country profile", order=1)

COMPONENTS = ("osi", "hci", "tii", "epi")
COMPONENT_NAMES = {"osi": "Online services (OSI)", "hci": "Human capital (HCI)",
                   "tii": "Telecom infrastructure (TII)", "epi": "E-participation (EPI)", "egdi": "EGDI"}
GROUP_NAMES = {g[0]: g[1] for g in published.GROUPS}
GTMI_NAMES = {"gtmi": "GTMI", "cgsi": "Core government systems (CGSI)", "psdi": "Public service delivery (PSDI)",
              "dcei": "Digital citizen engagement (DCEI)", "gtei": "GovTech enablers (GTEI)"}
STRENGTH_RULE = ("A strength ranks above the country's EGDI rank and is above its region's mean; a weakness ranks "
                 "below its EGDI rank and is below its region's mean; when the two disagree, neither (the last "
                 "column says why).")
OUTPUTS = ("country-tiles", "country-trend", "country-components", "country-strengths", "country-stages",
           "country-gtmi", "country-alert")


@functools.lru_cache(maxsize=1)
def _breaks() -> dict:
    return {int(y): note for y, (flag, note) in method_breaks().items() if flag}


def layout(country=None, compare=None, edition=None, **_):
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition)
    controls = dbc.Row([
        dbc.Col(ui.country_picker("country-country", state.country, options=ui.country_options(gtmi=True)), md=4),
        dbc.Col(ui.edition_slider("country-edition", state.edition, label="UN Survey edition"), md=6),
        dbc.Col(html.Div([dbc.Button("Download data (.xlsx)", id="country-download-button", color="secondary",
                                     outline=True, size="sm", className="mt-4"), dcc.Download(id="country-download")]),
                md=2),
        dbc.Col(ui.report_controls("country"), md=12),
    ], className="g-3")
    return ui.page("country", "Country profile", lead="Headline score, rank and group; the trend since 2003; "
                   "components against the region, the income group and the leader; the GTMI.", children=[
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
            dbc.Col(ui.card("Strengths and weaknesses", [html.P(STRENGTH_RULE, className="small text-body-secondary",
                                                                id="country-strength-rule"),
                                                         html.Div(id="country-strengths")]), lg=6),
            dbc.Col(ui.card("Stage placements", html.Div(id="country-stages")), lg=6),
        ]),
        ui.card("GovTech Maturity Index (World Bank): its own editions", html.Div(id="country-gtmi")),
    ])


def _tiles(view: dict) -> dbc.Row:
    year, g = view["year"], view["gtmi"]
    tiles = [
        ui.stat(f"EGDI {year}", f"{view['egdi']:.{published.decimals(pd.Series([view['egdi']]))}f}",
                id="country-score", note=ui.country_label(view["iso3"])),
        ui.stat("Rank", f"{view['rank']} / {view['n']}", id="country-rank", note=f"UN published rank, {year}"),
        ui.stat("Group", GROUP_NAMES.get(view["group"], view["group"]), id="country-group",
                note=view["group_note"] or "EGDI ≥ 0.75 / 0.50 / 0.25"),
        ui.stat("Rating class", view["rating_class"] or "–", id="country-class", note=view["class_note"]),
        ui.stat(f"GTMI {g['year']}" if g else "GTMI", f"{g['gtmi']:.{published.GTMI_DECIMALS}f} ({g['group']})"
                if g else "–", id="country-gtmi-tile", note=view["gtmi_note"] or "World Bank GovTech Maturity Index"),
    ]
    return dbc.Row([dbc.Col(t, xs=6, md=4, xl=True, className="mb-2") for t in tiles], className="g-2")


def _strengths(iso3: str, year: int) -> html.Div:
    s = strengths(iso3, year)
    table = pd.DataFrame({"component": s["component"].map(COMPONENT_NAMES), "value": s["value"],
                          "rank": s["rank"], "vs region mean": s["vs_region"].map(lambda v: f"{v:+.4f}"),
                          "verdict": s["verdict"], "why": s["why"]})
    listed = {v: table.loc[table["verdict"] == v, "component"].tolist() for v in ("strength", "weakness")}
    return html.Div([
        html.P([html.Strong("Strengths: "), ", ".join(listed["strength"]) or "none"], id="country-strength-list"),
        html.P([html.Strong("Weaknesses: "), ", ".join(listed["weakness"]) or "none"], id="country-weakness-list"),
        dbc.Table.from_dataframe(table, striped=True, bordered=False, hover=True, size="sm", className="mb-0 small"),
    ])


def _stages(iso3: str, year: int) -> dbc.Table:
    t = assess.placement(iso3, year)
    rows = pd.DataFrame({"model": t["model"], "placement": t["name"].fillna("not placed"), "basis": t["basis"]})
    return dbc.Table.from_dataframe(rows, striped=True, size="sm", className="mb-0 small")


def _gtmi(iso3: str, view: dict):
    g = gtmi_history(iso3)
    if g.empty:
        return html.P(f"{ui.country_label(iso3)} is not covered by the GTMI (editions "
                      f"{', '.join(map(str, published.GTMI_EDITIONS))}).", className="mb-0")
    rows = g.copy()
    rows.index = [f"GTMI {y}" for y in rows.index]
    fig = figures.gtmi_bars(rows.drop(columns="group"), names={k: k.upper() for k in GTMI_NAMES},
                            title=f"{ui.country_label(iso3)}: GTMI and its components, by GTMI edition")
    table = g.reset_index().rename(columns={k: v for k, v in GTMI_NAMES.items()})
    return dbc.Row([
        dbc.Col(ui.graph("country-gtmi-bars", fig.to_plotly_json()), lg=7),
        dbc.Col([dbc.Table.from_dataframe(table, striped=True, size="sm", className="small", id="country-gtmi-table"),
                 html.P(["Groups: A GovTech leaders, B significant focus, C some focus, D minimal focus. ",
                         "The World Bank says the GTMI is not intended as a ranking. ",
                         "Key indicators by name: see the Data & methods page."], className="small mb-0")], lg=5),
    ])


def _missing(iso3: str, view: dict):
    """The alert of a country without a UN value in the chosen edition, with the editions it has."""
    if not view["editions"]:
        return ui.error_alert(f"{ui.country_label(iso3)} is not a UN member state: the UN E-Government Survey does "
                              "not assess it. The World Bank's GTMI covers it: see below.", color="info",
                              id="country-not-assessed")
    links = [dcc.Link(str(y), href=f"/country?country={iso3}&edition={y}", className="me-2")
             for y in view["editions"]]
    return ui.error_alert([f"{ui.country_label(iso3)} was not assessed in the {view['year']} UN Survey. "
                           "It was assessed in: ", *links], color="info", id="country-not-assessed")


@callback(*[Output(o, "children" if o not in ("country-trend", "country-components") else "figure") for o in OUTPUTS],
          Input("country-country", "value"), Input("country-edition", "value"))
def update_country(country, edition):
    """Headline tiles, trend, component bars, strengths/weaknesses, stage placements, GTMI and the alert."""
    try:
        return _country_outputs(ui.request_code(country), ui.edition_year(edition))
    except Exception as exc:  # shown to the user, never a traceback; nothing is cached
        empty = figures.empty_figure("No data for this selection.")
        return None, empty, empty, None, None, None, ui.friendly_error(exc)


def _country_outputs(iso3, year) -> tuple:
    if not iso3:
        empty = figures.empty_figure("Pick a country.")
        return None, empty, empty, None, None, None, ui.error_alert("Pick a country from the list.")
    view, hist = profile(iso3, year), history(iso3)
    refs = {f"Region: {hist['region']}": hist["region_mean"]} if hist["region"] else {}
    ftrend = figures.trend({iso3: hist["egdi"]}, references=refs, breaks=_breaks(), label="EGDI",
                           title=f"{ui.country_label(iso3)}: EGDI by edition") if len(hist["egdi"]) else \
        figures.empty_figure(f"{ui.country_label(iso3)} has no UN E-Government Survey value.")
    gtmi = _gtmi(iso3, view)
    if not view["assessed"]:
        words = f"Not assessed in {year}." if view["editions"] else "Not assessed by the UN E-Government Survey."
        empty, note = figures.empty_figure(words), html.P(words, className="mb-0")
        return None, ftrend.to_plotly_json(), empty, note, note, gtmi, _missing(iso3, view)
    fbars = figures.component_bars(view["comparison"], names={c: c.upper() for c in COMPONENTS},
                                   title=f"Components, {year}")
    return (_tiles(view), ftrend.to_plotly_json(), fbars.to_plotly_json(), _strengths(iso3, year),
            _stages(iso3, year), gtmi, None)


@callback(Output("country-download", "data"), Input("country-download-button", "n_clicks"),
          State("country-country", "value"), prevent_initial_call=True)
def download_country(n_clicks, country):
    """The country's rows of every bundled dataset as an .xlsx workbook (the data as published)."""
    country = ui.request_code(country)
    if country is None:
        return dash.no_update
    df = assess.load_indicators()
    return dcc.send_bytes(frames_xlsx({country: df[df["iso3"] == country]}), f"egov-assess-{country}.xlsx")


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

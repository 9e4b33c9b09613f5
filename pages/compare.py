"""Compare: several countries side by side, rank trajectories, a gap waterfall and a sortable gap table."""

from __future__ import annotations

import functools
import io

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

import assess
from assess.indices import published
from assess.io.excel import safe_frame
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/compare", name="Compare", title="egov-assess: compare", order=2)

COMPONENTS = ("osi", "hci", "tii", "epi")


@functools.lru_cache(maxsize=512)
def gap_row(iso3: str, against: str, edition: int) -> pd.Series | None:
    """:func:`assess.gap` of one pair in one edition (cached); ``None`` when either was not assessed."""
    g = assess.gap(iso3, against, years=[edition])
    return g.loc[edition] if edition in g.index else None


@functools.lru_cache(maxsize=1)
def _breaks() -> dict:
    from assess.indices.timeseries import method_breaks

    return {int(y): note for y, (flag, note) in method_breaks().items() if flag}


def rank_history(codes: tuple[str, ...]) -> pd.DataFrame:
    """Published EGDI ranks by edition (rows) and country (columns)."""
    rows = {}
    for y in published.EDITIONS:
        p = published.published(y)
        rows[y] = p["egdi_rank"].where(p["assessed"]).reindex(list(codes))
    return pd.DataFrame(rows).T


def gap_table(country: str, others: tuple[str, ...], edition: int) -> pd.DataFrame:
    """One row per comparator: EGDI, rank, the gap and its parts by component (from :func:`assess.gap`)."""
    rows = []
    for c in others:
        if c == country:
            continue
        g = gap_row(country, c, edition)
        if g is None or pd.isna(g["ref_egdi"]):
            continue
        rows.append({"iso3": c, "country": ui.country_names().get(c, c), "egdi": g["ref_egdi"],
                     "rank": g["ref_rank"], "gap": g["gap"], "osi_part": g["osi_part"], "hci_part": g["hci_part"],
                     "tii_part": g["tii_part"], "residual": g["residual"], "epi_gap": g["epi_gap"]})
    return pd.DataFrame(rows, columns=["iso3", "country", "egdi", "rank", "gap", "osi_part", "hci_part", "tii_part",
                                       "residual", "epi_gap"])


def layout(country=None, compare=None, edition=None, against=None, **_):
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition)
    against = default_against({"compare": compare}) if not against else (
        against if against in {r["value"] for r in _REFERENCES} else against.upper())
    controls = dbc.Row([
        dbc.Col(ui.country_picker("compare-country", state.country), md=3),
        dbc.Col(ui.comparator_picker("compare-with", state.compare), md=5),
        dbc.Col(ui.edition_slider("compare-edition", state.edition), md=4),
    ], className="g-3")
    return ui.page("compare", "Compare", lead="Several countries side by side: components, rank trajectories and "
                   "what the gap to a comparator is made of.", children=[
        ui.alerts(problems),
        ui.card(None, controls),
        html.Div(id="compare-alert"),
        dbc.Row([
            dbc.Col(ui.card("Components", ui.graph("compare-components")), lg=6),
            dbc.Col(ui.card("EGDI rank since 2003 (⚑ = method break)", ui.graph("compare-ranks")), lg=6),
        ]),
        dbc.Row([
            dbc.Col(ui.card("Gap decomposition", [
                html.Div([dbc.Label("Gap to", html_for="compare-against", className="fw-semibold mb-1"),
                          dcc.Dropdown(id="compare-against", value=against, clearable=False,
                                       options=ui.country_options(state.compare) + _REFERENCES)], className="mb-2"),
                ui.graph("compare-waterfall"),
            ]), xl=5),
            dbc.Col(ui.card("Gap table (click a header to sort)", [
                ui.grid("compare-table", height=330),
                html.Div([dbc.Button("Download the table (.xlsx)", id="compare-download-button", color="secondary",
                                     outline=True, size="sm"), ui.report_controls("compare")],
                         className="d-flex flex-wrap align-items-center gap-3 mt-2"),
                dcc.Download(id="compare-download"),
            ]), xl=7),
        ]),
    ])


_REFERENCES = [{"label": "The frontier (best of each component)", "value": "frontier"},
               {"label": "The top-ranked country", "value": "top"},
               {"label": "The next UN group's threshold", "value": "next_group"}]

_NUM = {"type": "rightAligned", "valueFormatter": {"function": "params.value == null ? '' : d3.format('+.4f')(params.value)"}}
_TABLE_COLUMNS = [
    {"field": "country", "minWidth": 130, "flex": 2}, {"field": "iso3", "headerName": "ISO3", "maxWidth": 80, "minWidth": 70},
    {"field": "egdi", "headerName": "EGDI", "type": "rightAligned",
     "valueFormatter": {"function": "d3.format('.4f')(params.value)"}},
    {"field": "rank", "maxWidth": 80, "minWidth": 70}, {"field": "gap", "headerName": "gap", **_NUM, "sort": "desc"},
    {"field": "osi_part", "headerName": "OSI part", **_NUM}, {"field": "hci_part", "headerName": "HCI part", **_NUM},
    {"field": "tii_part", "headerName": "TII part", **_NUM}, {"field": "epi_gap", "headerName": "EPI gap", **_NUM},
]


@callback(
    Output("compare-components", "figure"), Output("compare-ranks", "figure"), Output("compare-table", "rowData"),
    Output("compare-table", "columnDefs"), Output("compare-against", "options"), Output("compare-alert", "children"),
    Input("compare-country", "value"), Input("compare-with", "value"), Input("compare-edition", "value"),
)
def update_compare(country, others, edition):
    """Component bars, rank trajectories and the gap table for the country and its comparators."""
    return _compare_outputs(ui.request_code(country), tuple(ui.request_codes(others)), ui.edition_year(edition))


@functools.lru_cache(maxsize=256)
def _compare_outputs(country, others, edition):
    year = ui.edition_year(edition)
    others = tuple(o for o in (others or []) if o != country)
    options = ui.country_options(others) + _REFERENCES
    if not country:
        e = figures.empty_figure("Pick a country.")
        return e, e, [], _TABLE_COLUMNS, options, ui.error_alert("Pick a country from the list.")
    note = None if others else ui.error_alert("Add one or more countries to compare with.", color="info")
    try:
        p = published.published(year)
        codes = tuple(c for c in (country, *others) if c in p.index and bool(p.loc[c, "assessed"]))
        missing = [c for c in (country, *others) if c not in codes]
        if missing:
            note = ui.error_alert(f"Not assessed in {year}: {', '.join(map(ui.country_label, missing))}.",
                                  color="info")
        bars = p.loc[list(codes), list(COMPONENTS)].astype(float)
        fbars = figures.component_bars(bars) if len(bars) else figures.empty_figure("No data for this edition.")
        franks = figures.rank_trajectories(rank_history((country, *others)), breaks=_breaks())
        table = gap_table(country, others, year) if country in codes else pd.DataFrame()
    except Exception as exc:  # shown to the user, never a traceback
        e = figures.empty_figure("No data for this selection.")
        return e, e, [], _TABLE_COLUMNS, options, ui.friendly_error(exc)
    return (fbars.to_plotly_json(), franks.to_plotly_json(), table.to_dict("records"), _TABLE_COLUMNS, options,
            note)


@callback(Output("compare-waterfall", "figure"), Input("compare-country", "value"), Input("compare-against", "value"),
          Input("compare-edition", "value"))
def update_waterfall(country, against, edition):
    """Waterfall from the country's EGDI to the reference's, one step per component (:func:`assess.gap`)."""
    country, against = ui.request_code(country), ui.request_text(against, limit=40)
    if not country or not against:
        return figures.empty_figure("Pick a country and a comparator.")
    year = ui.edition_year(edition)
    try:
        g = gap_row(country, against, year)
    except Exception as exc:  # shown in the figure, never a traceback
        return figures.empty_figure(str(exc) if isinstance(exc, assess.AssessError) else "No data for this pair.")
    if g is None or pd.isna(g["ref_egdi"]):
        return figures.empty_figure(f"No {year} data for this pair.")
    parts = pd.Series({c: g[f"{c}_part"] for c in ("osi", "hci", "tii")})
    if abs(g["residual"]) > 1e-4:
        parts["other"] = g["residual"]
    label = g["reference"] if g["reference"] in ui.country_names() else str(g["reference"])
    return figures.gap_waterfall(parts, start=g["egdi"], end=g["ref_egdi"], start_label=country, end_label=label,
                                 title=f"EGDI {year}: {country} → {label}",
                                 names={"osi": "OSI / 3", "hci": "HCI / 3", "tii": "TII / 3", "other": "not explained"})


@callback(Output("compare-download", "data"), Input("compare-download-button", "n_clicks"),
          State("compare-country", "value"), State("compare-with", "value"), State("compare-edition", "value"),
          prevent_initial_call=True)
def download_compare(n_clicks, country, others, edition):
    """The gap table as .xlsx (the raw numbers; the ministry report is :func:`download_report`)."""
    country = ui.request_code(country)
    if country is None:
        return dash.no_update
    year = ui.edition_year(edition)
    others = tuple(ui.request_codes(others))
    table = gap_table(country, others, year)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        safe_frame(table).to_excel(xl, sheet_name=f"gaps {country} {year}", index=False)
    return dcc.send_bytes(buf.getvalue(), f"egov-assess-compare-{country}-{year}.xlsx")


@callback(Output("compare-report", "data"), Output("compare-report-message", "children"),
          Input("compare-report-button", "n_clicks"), State("compare-country", "value"),
          State("compare-with", "value"), State("compare-edition", "value"), State("compare-report-lang", "value"),
          prevent_initial_call=True)
def download_report(n_clicks, country, others, edition, lang):
    """The ministry report (:func:`assess.report`) of the country against the countries compared with."""
    try:
        return ui.report_bytes(country, others, edition, lang), None
    except Exception as exc:  # shown to the user, never a traceback
        return dash.no_update, ui.friendly_error(exc)


def default_against(query: dict) -> str | None:
    """The "gap to" comparator when the URL does not say: the first country compared with."""
    state, _ = ui.parse_state(compare=query.get("compare"))
    return state.compare[0] if state.compare else None


ui.register_url_sync("compare", country=("compare-country", "value"), compare=("compare-with", "value"),
                     edition=("compare-edition", "value"), against=("compare-against", "value"),
                     defaults={"against": default_against})

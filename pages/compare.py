"""Compare: several countries side by side, rank trajectories, the gap decomposition, a gap table and the GTMI.

Gaps come from :func:`assess.gap` (rounded to the published decimals); the GTMI from
:func:`assess.indices.views.world_view`. URL state: ``country``, ``compare``, ``edition``, ``against`` (an ISO3
code, ``frontier``, ``top`` or ``next_group``) and ``gtmi`` (a GTMI edition).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

import assess
from assess.indices import published, views
from assess.indices.gaps import TOP_GROUP
from assess.indices.timeseries import method_breaks
from assess.io.excel import frames_xlsx
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/compare", name="Compare", title="egov-assess: compare", order=2)

COMPONENTS = ("osi", "hci", "tii")
GTMI_EDITIONS = published.GTMI_EDITIONS
REFERENCES = {"frontier": "The frontier (a country with the best value of each component)",
              "top": "The top-ranked country", "next_group": "The next UN group's threshold"}
STEP_NAMES = {"osi": "OSI gap ÷ 3", "hci": "HCI gap ÷ 3", "tii": "TII gap ÷ 3",
              "other": "published ≠ mean"}
WATERFALL_NOTE = ("EGDI = (OSI + HCI + TII) ÷ 3, so a component's gap counts for a third: each step (\"OSI gap ÷ 3\" "
                  "for online services, HCI for human capital, TII for telecommunication infrastructure) is that "
                  "component's gap divided by 3, and the steps add up to the difference between the two bars. "
                  "In 2008 and 2010 the UN's published EGDI is not the mean of its components: the step "
                  "\"published ≠ mean\" shows the difference. "
                  "Dark grey: the comparator is ahead on that component; light hatched grey: the country is. The "
                  "frontier is a country with the best published value of each component (EGDI 1.0 since 2012).")
GAP_COLUMNS = ["iso3", "country", "egdi", "rank", "gap", "osi_part", "hci_part", "tii_part", "residual", "epi_gap"]
_NUM = {"type": "rightAligned", "minWidth": 120, "valueFormatter": {"function": "d3.format('+.5~f')(params.value)"}}
_TABLE_COLUMNS = [
    {"field": "country", "minWidth": 130, "flex": 2}, {"field": "iso3", "headerName": "ISO3", "maxWidth": 110, "minWidth": 95},
    {"field": "egdi", "headerName": "EGDI", "type": "rightAligned"},
    {"field": "rank", "maxWidth": 110, "minWidth": 95}, {"field": "gap", "headerName": "gap", **_NUM, "sort": "desc"},
    {"field": "osi_part", "headerName": "OSI part", **_NUM}, {"field": "hci_part", "headerName": "HCI part", **_NUM},
    {"field": "tii_part", "headerName": "TII part", **_NUM}, {"field": "epi_gap", "headerName": "EPI gap", **_NUM},
]


def valid_against(raw) -> str | None:
    """A reference the page offers (a known ISO3 code or a reference id), else ``None``."""
    if isinstance(raw, str) and raw in REFERENCES:
        return raw
    return ui.request_code(raw)


def valid_gtmi(raw) -> int | None:
    """A GTMI edition year, else ``None``."""
    return int(raw) if isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) == 4 and \
        int(raw) in GTMI_EDITIONS else None


def default_against(query: dict) -> str | None:
    """The "gap to" comparator when the URL does not say: the first country compared with, else the frontier."""
    state, _ = ui.parse_state(compare=query.get("compare"))
    return state.compare[0] if state.compare else "frontier"


def _options(codes) -> list[dict]:
    return ui.country_options(codes) + [{"label": v, "value": k} for k, v in REFERENCES.items()]


def layout(country=None, compare=None, edition=None, against=None, gtmi=None, **_):
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition)
    fallback = default_against({"compare": compare})
    if against not in (None, "") and valid_against(against) is None:
        problems.append(f"Unknown comparator '{ui.echo(against)}'. Showing the gap to {fallback}.")
    if gtmi not in (None, "") and valid_gtmi(gtmi) is None:
        problems.append(f"No GTMI edition {ui.echo(gtmi)}. Showing {GTMI_EDITIONS[-1]}; GTMI editions are "
                        f"{', '.join(map(str, GTMI_EDITIONS))}.")
    against, gtmi = valid_against(against) or fallback, valid_gtmi(gtmi) or GTMI_EDITIONS[-1]
    controls = dbc.Row([
        dbc.Col(ui.country_picker("compare-country", state.country, options=ui.country_options(gtmi=True)), md=3),
        dbc.Col(ui.comparator_picker("compare-with", state.compare, options=ui.country_options(gtmi=True)), md=5),
        dbc.Col(ui.edition_slider("compare-edition", state.edition, label="UN Survey edition"), md=4),
    ], className="g-3")
    return ui.page("compare", "Compare", lead="Several countries side by side: components, rank trajectories, "
                   "what the gap to a comparator is made of, and the GTMI.", children=[
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
                                       options=_options(state.compare))], className="mb-2"),
                ui.graph("compare-waterfall"),
                html.P(WATERFALL_NOTE, className="small text-body-secondary mb-0", id="compare-waterfall-note"),
            ]), xl=5),
            dbc.Col(ui.card("Gap table (click a header to sort)", [
                ui.grid("compare-table", height=330),
                html.Div([dbc.Button("Download the table (.xlsx)", id="compare-download-button", color="secondary",
                                     outline=True, size="sm"), ui.report_controls("compare")],
                         className="d-flex flex-wrap align-items-center gap-3 mt-2"),
                dcc.Download(id="compare-download"),
            ]), xl=7),
        ]),
        ui.card("GovTech Maturity Index (World Bank)", [
            html.Div([dbc.Label("GTMI edition", html_for="compare-gtmi", className="fw-semibold me-2 mb-0"),
                      dbc.RadioItems(id="compare-gtmi", value=gtmi, inline=True,
                                     options=[{"label": str(y), "value": y} for y in GTMI_EDITIONS])],
                     className="d-flex align-items-center mb-2"),
            dbc.Row([dbc.Col(ui.graph("compare-gtmi-bars"), lg=7), dbc.Col(html.Div(id="compare-gtmi-table"), lg=5)]),
        ]),
    ])


def gap_table(country: str, others, edition: int) -> pd.DataFrame:
    """One row per comparator: EGDI, rank, the gap and its parts by component (:func:`assess.gap`, rounded)."""
    rows = []
    for c in others:
        if c == country:
            continue
        g = assess.gap(country, c, years=[edition])
        if edition not in g.index or pd.isna(g.loc[edition, "ref_egdi"]):
            continue
        g = g.loc[edition]
        rows.append({"iso3": c, "country": ui.country_names().get(c, c), "egdi": g["ref_egdi"],
                     "rank": g["ref_rank"], **{k: g[k] for k in GAP_COLUMNS[4:]}})
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def rank_history(codes) -> pd.DataFrame:
    """Published EGDI ranks by edition (rows) and country (columns)."""
    return pd.DataFrame({y: published.published(y)["egdi_rank"].where(published.published(y)["assessed"])
                         .reindex(list(codes)) for y in published.EDITIONS}).T


@callback(
    Output("compare-components", "figure"), Output("compare-ranks", "figure"), Output("compare-table", "rowData"),
    Output("compare-table", "columnDefs"), Output("compare-against", "options"), Output("compare-alert", "children"),
    Input("compare-country", "value"), Input("compare-with", "value"), Input("compare-edition", "value"),
)
def update_compare(country, others, edition):
    """Component bars, rank trajectories and the gap table for the country and its comparators."""
    country, year = ui.request_code(country), ui.edition_year(edition)
    others = tuple(o for o in ui.request_codes(others) if o != country)
    options = _options(others)
    if not country:
        e = figures.empty_figure("Pick a country.")
        return e, e, [], _TABLE_COLUMNS, options, ui.error_alert("Pick a country from the list.")
    try:
        return (*_compare_outputs(country, others, year), _TABLE_COLUMNS, options, _compare_note(country, others, year))
    except Exception as exc:  # shown to the user, never a traceback; nothing is cached
        e = figures.empty_figure("No data for this selection.")
        return e, e, [], _TABLE_COLUMNS, options, ui.friendly_error(exc)


def _compare_note(country, others, year):
    p = published.published(year)
    missing = [c for c in (country, *others) if c not in p.index or not bool(p.loc[c, "assessed"])]
    if missing:
        return ui.error_alert(f"Not assessed in the {year} UN Survey: {', '.join(map(ui.country_label, missing))}.",
                              color="info")
    return None if others else ui.error_alert("Add one or more countries to compare with.", color="info")


def _compare_outputs(country, others, year) -> tuple:
    p = published.published(year)
    codes = [c for c in (country, *others) if c in p.index and bool(p.loc[c, "assessed"])]
    bars = p.loc[codes, ["osi", "hci", "tii", "epi"]].astype(float)
    fbars = figures.component_bars(bars, title=f"Components, {year}") if len(bars) else \
        figures.empty_figure(f"No country of this selection was assessed in {year}.")
    franks = figures.rank_trajectories(rank_history((country, *others)), title="Published EGDI rank",
                                       breaks={y: n for y, (f, n) in method_breaks().items() if f})
    table = gap_table(country, others, year) if country in codes else pd.DataFrame(columns=GAP_COLUMNS)
    return fbars.to_plotly_json(), franks.to_plotly_json(), table.to_dict("records")


@callback(Output("compare-waterfall", "figure"), Input("compare-country", "value"), Input("compare-against", "value"),
          Input("compare-edition", "value"))
def update_waterfall(country, against, edition):
    """From the country's EGDI to the reference's, one step per component (:func:`assess.gap`)."""
    country, against, year = ui.request_code(country), valid_against(against), ui.edition_year(edition)
    if not country or not against:
        return figures.empty_figure("Pick a country and a comparator.")
    try:
        return _waterfall(country, against, year)
    except Exception as exc:  # shown in the figure, never a traceback
        return figures.empty_figure(str(exc) if isinstance(exc, assess.AssessError) else "No data for this pair.")


def _waterfall(country: str, against: str, year: int):
    g = assess.gap(country, against, years=[year])
    if year not in g.index:
        return figures.empty_figure(f"{ui.country_label(country)} was not assessed in {year}.")
    g = g.loc[year]
    if g["reference"] == TOP_GROUP:
        return figures.empty_figure(f"{ui.country_label(country)} is already in the top UN group (Very high): "
                                    "there is no next group. Choose the frontier or a country.")
    if pd.isna(g["ref_egdi"]):
        return figures.empty_figure(f"{ui.country_label(against)} was not assessed in {year}.")
    parts = pd.Series({c: g[f"{c}_part"] for c in COMPONENTS})
    if abs(g["residual"]) > 1e-4:  # 2008 and 2010: the published EGDI is not the mean of its components
        parts["other"] = g["residual"]
    label = str(g["reference"])
    d = published.decimals(published.published(year)["egdi"])
    return figures.gap_waterfall(parts, start=float(g["egdi"]), end=float(g["ref_egdi"]), start_label=country,
                                 end_label=label, names=STEP_NAMES, decimals=d,
                                 title=f"EGDI {year}: {country} → {label} (gap {g['gap']:+.{d}f})")


@callback(Output("compare-gtmi-bars", "figure"), Output("compare-gtmi-table", "children"),
          Input("compare-country", "value"), Input("compare-with", "value"), Input("compare-gtmi", "value"))
def update_gtmi(country, others, gtmi):
    """The GTMI, its four components and its group for the country and its comparators, in one GTMI edition."""
    codes = list(dict.fromkeys([c for c in [ui.request_code(country), *ui.request_codes(others)] if c]))
    year = gtmi if gtmi in GTMI_EDITIONS else GTMI_EDITIONS[-1]
    try:
        view = {k: views.world_view(k, year) for k in ("gtmi", *published.GTMI_COMPONENTS)}
    except Exception as exc:  # shown to the user, never a traceback
        return figures.empty_figure("No GTMI for this selection."), ui.friendly_error(exc)
    covered = [c for c in codes if c in view["gtmi"]["values"]]
    table = pd.DataFrame({k: [view[k]["values"].get(c) for c in covered] for k in view}, index=covered)
    fig = figures.gtmi_bars(table, title=f"GTMI {year} and its components") if covered else \
        figures.empty_figure(f"None of these countries is covered by the GTMI {year}.")
    rows = table.assign(group=[view["gtmi"]["groups"][c] for c in covered]).reset_index(names="iso3")
    rows.columns = [c.upper() for c in rows.columns]
    missing = [c for c in codes if c not in covered]
    return fig.to_plotly_json(), [
        dbc.Table.from_dataframe(rows, striped=True, size="sm", className="small", id="compare-gtmi-rows"),
        html.P(f"Not covered by the GTMI {year}: {', '.join(missing)}." if missing else "", className="small"),
    ]


@callback(Output("compare-download", "data"), Input("compare-download-button", "n_clicks"),
          State("compare-country", "value"), State("compare-with", "value"), State("compare-edition", "value"),
          prevent_initial_call=True)
def download_compare(n_clicks, country, others, edition):
    """The gap table as .xlsx (rounded to the published decimals)."""
    country, year = ui.request_code(country), ui.edition_year(edition)
    if country is None:
        return dash.no_update
    table = gap_table(country, tuple(ui.request_codes(others)), year)
    return dcc.send_bytes(frames_xlsx({f"gaps {country} {year}": table}), f"egov-assess-compare-{country}-{year}.xlsx")


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


ui.register_url_sync("compare", country=("compare-country", "value"), compare=("compare-with", "value"),
                     edition=("compare-edition", "value"), against=("compare-against", "value"),
                     gtmi=("compare-gtmi", "value"), defaults={"against": default_against, "gtmi": GTMI_EDITIONS[-1]},
                     valid={"against": valid_against, "gtmi": valid_gtmi})

"""Robustness: rank intervals from the Monte Carlo uncertainty analysis and what drives them (Sobol).

The analysis (:func:`assess.uncertainty`, :func:`assess.sobol`) runs as a Dash background callback
(the app's ``DiskcacheManager``) with a progress bar, so the page stays responsive.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

import assess
from assess import limits
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/robustness", name="Robustness", title="egov-assess: robustness", order=6)

#: Replication counts and weight ranges offered; a request with any other value is refused (the library
#: bounds them too: assess.limits.MAX_REPLICATIONS).
N_CHOICES = (1000, 5000, 10000, 20000)
RANGE_CHOICES = (0.25, 0.5, 0.75)

ASSUMPTIONS = {"w_osi": "weight of OSI", "w_hci": "weight of HCI", "w_tii": "weight of TII",
               "normalise": "normalisation method", "aggregate": "aggregation method"}


_COLUMNS = [{"field": "country", "flex": 2, "minWidth": 120}, {"field": "iso3", "headerName": "ISO3", "maxWidth": 80},
            {"field": "nominal_rank", "headerName": "rank"}, {"field": "median"},
            {"field": "low", "headerName": "5 %"}, {"field": "high", "headerName": "95 %"}]


def layout(country=None, compare=None, edition=None, **_):
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition)
    controls = dbc.Row([
        dbc.Col(ui.country_picker("robustness-country", state.country), md=3),
        dbc.Col(ui.comparator_picker("robustness-compare", state.compare, label="Also highlight"), md=4),
        dbc.Col(ui.edition_slider("robustness-edition", state.edition), md=5),
        dbc.Col([dbc.Label("Replications", html_for="robustness-n", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="robustness-n", value=5000, clearable=False,
                              options=[{"label": f"{n:,}", "value": n} for n in N_CHOICES])], md=3),
        dbc.Col([dbc.Label("Weights vary by ±", html_for="robustness-range", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="robustness-range", value=0.5, clearable=False,
                              options=[{"label": f"{int(r * 100)} %", "value": r} for r in RANGE_CHOICES])], md=3),
        dbc.Col([dbc.Button("Run the analysis", id="robustness-run", color="primary", className="mt-4 me-2"),
                 dbc.Button("Cancel", id="robustness-cancel", color="secondary", outline=True, className="mt-4")],
                md=6),
    ], className="g-3")
    return ui.page("robustness", "Robustness", lead="How much would the ranks change under other reasonable "
                   "choices of weights, normalisation and aggregation? Each country's 5–95 % rank interval over "
                   "random choices, and which choice matters most.", children=[
        ui.alerts(problems),
        ui.card(None, controls),
        dbc.Progress(id="robustness-progress", value=0, label="", striped=True, animated=True,
                     className="mb-3", style={"height": "22px", "visibility": "hidden"}),
        html.Div(id="robustness-alert"),
        html.Div(html.P("Press “Run the analysis” to compute the rank intervals (a few seconds).",
                        className="text-body-secondary"), id="robustness-summary"),
        dbc.Row([
            dbc.Col(ui.card("Rank intervals (5–95 %), best 40 and the highlighted countries",
                            ui.graph("robustness-intervals")), lg=7),
            dbc.Col([ui.card("What drives the ranks (Sobol indices)", ui.graph("robustness-drivers")),
                     ui.card("Highlighted countries", ui.grid("robustness-table", height=300, columns=_COLUMNS))], lg=5),
        ]),
    ])


def checked(n, weight_range) -> tuple[int, float]:
    """The replication count and weight range of a request, each one of the offered choices."""
    if isinstance(n, bool) or n not in N_CHOICES:
        raise assess.ScoringError(f"Replications: choose one of {', '.join(f'{c:,}' for c in N_CHOICES)} "
                                  f"(limit {limits.MAX_REPLICATIONS.name} = {limits.MAX_REPLICATIONS.value:,}). "
                                  f"Got {str(n)[:40]!r} instead.")
    if isinstance(weight_range, bool) or weight_range not in RANGE_CHOICES:
        raise assess.ScoringError(f"Weights vary by: choose one of {', '.join(f'{r:.0%}' for r in RANGE_CHOICES)}. "
                                  f"Got {str(weight_range)[:40]!r} instead.")
    return int(n), float(weight_range)


def analyse(set_progress, edition: int, n: int, weight_range: float, highlight: list[str]) -> tuple:
    """Run the uncertainty and sensitivity analysis, reporting progress (a plain function, testable)."""
    highlight = [c for c in highlight if isinstance(c, str)]
    set_progress((10, "Monte Carlo: drawing weights and methods…"))
    u = assess.uncertainty(year=edition, n=int(n), weight_range=float(weight_range), seed=0)
    set_progress((60, "Sensitivity: Sobol indices…"))
    s = assess.sobol(edition, n=512, weight_range=float(weight_range))
    set_progress((90, "Drawing…"))
    t = u.table.rename(columns={"p5": "low", "median_rank": "median", "p95": "high"})
    hl = [c for c in highlight if c in t.index]
    fint = figures.rank_intervals(t, highlight=hl, names=ui.country_names(), max_rows=40,
                                  title=f"EGDI {edition}: {int(n):,} replications")
    fdrv = figures.sensitivity_bars(s, names=ASSUMPTIONS, title="Mean rank shift")
    rows = t.loc[hl, ["nominal_rank", "median", "low", "high", "rank_iqr"]].reset_index(names="iso3")
    rows.insert(1, "country", [ui.country_names().get(c, c) for c in rows["iso3"]])
    top = s["ST"].idxmax()
    summary = html.P([f"{len(t)} countries, {int(n):,} replications. The assumption that moves ranks most is the ",
                      html.Strong(ASSUMPTIONS.get(top, top)), f" (total Sobol index {s.loc[top, 'ST']:.2f})."],
                     id="robustness-result")
    set_progress((100, "Done"))
    return fint, fdrv, rows.round(2).to_dict("records"), summary, None


@callback(
    Output("robustness-intervals", "figure"), Output("robustness-drivers", "figure"),
    Output("robustness-table", "rowData"), Output("robustness-summary", "children"),
    Output("robustness-alert", "children"),
    Input("robustness-run", "n_clicks"),
    State("robustness-edition", "value"), State("robustness-n", "value"), State("robustness-range", "value"),
    State("robustness-country", "value"), State("robustness-compare", "value"),
    background=True,
    progress=[Output("robustness-progress", "value"), Output("robustness-progress", "label")],
    running=[(Output("robustness-run", "disabled"), True, False),
             (Output("robustness-progress", "style"), {"height": "22px"}, {"height": "22px", "visibility": "hidden"}),
             (Output("robustness-cancel", "disabled"), False, True)],
    cancel=[Input("robustness-cancel", "n_clicks")],
    prevent_initial_call=True,
)
def run_robustness(set_progress, n_clicks, edition, n, weight_range, country, compare):
    """Background callback: the Monte Carlo and Sobol analysis with a progress bar."""
    others = compare if isinstance(compare, list) else []
    highlight = [c for c in [country, *others] if isinstance(c, str) and c]
    try:
        n, weight_range = checked(5000 if n is None else n, 0.5 if weight_range is None else weight_range)
        return analyse(set_progress, ui.edition_year(edition), n, weight_range, highlight)
    except Exception as exc:  # shown to the user, never a traceback
        empty = figures.empty_figure("No result.")
        return empty, empty, [], None, ui.friendly_error(exc)


ui.register_url_sync("robustness", country=("robustness-country", "value"),
                     compare=("robustness-compare", "value"), edition=("robustness-edition", "value"))


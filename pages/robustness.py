"""Robustness: rank intervals from the Monte Carlo uncertainty analysis and what drives them (Sobol).

The analysis (:func:`assess.uncertainty`, :func:`assess.sobol`) is a background job (:mod:`service.jobs`): it
waits in a bounded queue, runs in a worker (Celery with ``REDIS_URL``, else a process of this server) with a
progress bar, can be cancelled, and its id is kept in the URL — a reload, a shared link or another tab follow
the same job and show its result. The same analysis asked again within a day is not recomputed.

URL state: ``/robustness?country=AZE&compare=SGP,EST&edition=2024&n=5000&range=0.5&job=ID``.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from assess.errors import AssessError
from assess.reports import figures
from service import jobs, tasks
from ui import components as ui
from ui import jobs as job_ui

dash.register_page(__name__, path="/robustness", name="Robustness", title="egov-assess: robustness", order=6)

#: Replication counts and weight ranges offered; a request with any other value is refused (the job and the
#: library bound them too: assess.limits.MAX_REPLICATIONS).
N_CHOICES = tasks.N_CHOICES
RANGE_CHOICES = tasks.RANGE_CHOICES
DEFAULT_N, DEFAULT_RANGE = 5000, 0.5

ASSUMPTIONS = {"w_osi": "weight of OSI", "w_hci": "weight of HCI", "w_tii": "weight of TII",
               "normalise": "normalisation method", "aggregate": "aggregation method"}


_COLUMNS = [{"field": "country", "flex": 2, "minWidth": 120}, {"field": "iso3", "headerName": "ISO3", "maxWidth": 80},
            {"field": "nominal_rank", "headerName": "rank"}, {"field": "median"},
            {"field": "low", "headerName": "5 %"}, {"field": "high", "headerName": "95 %"}]


def settings_from_url(n=None, range=None) -> tuple[int, float, list[str]]:
    """The replications and weight range of the URL, each one of the offered choices (else the default, said).

    Examples
    --------
    >>> settings_from_url("10000", "0.25")
    (10000, 0.25, [])
    >>> settings_from_url("7", "x")[:2], len(settings_from_url("7", "x")[2])
    ((5000, 0.5), 2)
    """
    problems = []
    reps, spread = DEFAULT_N, DEFAULT_RANGE
    if n not in (None, ""):
        try:
            reps = int(str(n).strip())
        except ValueError:
            reps = None
        if reps not in N_CHOICES:
            problems.append(f"Replications {str(n)[:20]!r} are not offered; showing {DEFAULT_N:,} "
                            f"(choose {', '.join(f'{c:,}' for c in N_CHOICES)}).")
            reps = DEFAULT_N
    if range not in (None, ""):
        try:
            spread = float(str(range).strip())
        except ValueError:
            spread = None
        if spread not in RANGE_CHOICES:
            problems.append(f"Weight range {str(range)[:20]!r} is not offered; showing ±{DEFAULT_RANGE:.0%} "
                            f"(choose {', '.join(f'{r:.0%}' for r in RANGE_CHOICES)}).")
            spread = DEFAULT_RANGE
    return reps, spread, problems


def layout(country=None, compare=None, edition=None, n=None, range=None, job=None, **_):
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition)
    reps, spread, more = settings_from_url(n, range)
    if job not in (None, "") and jobs.job_id(job) is None:
        more.append("The job in the link is not a job id; press “Run the analysis” to start one.")
    controls = dbc.Row([
        dbc.Col(ui.country_picker("robustness-country", state.country), md=3),
        dbc.Col(ui.comparator_picker("robustness-compare", state.compare, label="Also highlight"), md=4),
        dbc.Col(ui.edition_slider("robustness-edition", state.edition), md=5),
        dbc.Col([dbc.Label("Replications", html_for="robustness-n", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="robustness-n", value=reps, clearable=False,
                              options=[{"label": f"{c:,}", "value": c} for c in N_CHOICES])], md=3),
        dbc.Col([dbc.Label("Weights vary by ±", html_for="robustness-range", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="robustness-range", value=spread, clearable=False,
                              options=[{"label": f"{int(r * 100)} %", "value": r} for r in RANGE_CHOICES])], md=3),
        dbc.Col([dbc.Button("Run the analysis", id="robustness-run", color="primary", className="mt-4 me-2"),
                 dbc.Button("Cancel", id="robustness-cancel", color="secondary", outline=True, className="mt-4",
                            disabled=jobs.job_id(job) is None)],
                md=6),
    ], className="g-3")
    return ui.page("robustness", "Robustness", lead="How much would the ranks change under other reasonable "
                   "choices of weights, normalisation and aggregation? Each country's 5–95 % rank interval over "
                   "random choices, and which choice matters most.", children=[
        ui.alerts([*problems, *more]),
        ui.card(None, controls),
        *job_ui.components("robustness", job),
        html.Div(id="robustness-alert"),
        html.Div(html.P("Press “Run the analysis” to compute the rank intervals (a few seconds; it runs in the "
                        "background, so you may leave and come back with this page's link).",
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
    p = tasks.robustness_params(2024, n, weight_range)
    return p["n"], p["weight_range"]


def render(params: dict, table, sobol, highlight: list[str]) -> tuple:
    """The page's outputs for a robustness result: intervals, drivers, the highlighted rows, a summary."""
    highlight = [c for c in highlight if isinstance(c, str)]
    t = table.rename(columns={"p5": "low", "median_rank": "median", "p95": "high"})
    hl = [c for c in highlight if c in t.index]
    n, edition = int(params["n"]), int(params["edition"])
    fint = figures.rank_intervals(t, highlight=hl, names=ui.country_names(), max_rows=40,
                                  title=f"EGDI {edition}: {n:,} replications")
    fdrv = figures.sensitivity_bars(sobol, names=ASSUMPTIONS, title="Mean rank shift")
    rows = t.loc[hl, ["nominal_rank", "median", "low", "high", "rank_iqr"]].reset_index(names="iso3")
    rows.insert(1, "country", [ui.country_names().get(c, c) for c in rows["iso3"]])
    top = sobol["ST"].idxmax()
    summary = html.P([f"{len(t)} countries, {n:,} replications, weights ±{float(params['weight_range']):.0%}. "
                      "The assumption that moves ranks most is the ",
                      html.Strong(ASSUMPTIONS.get(top, top)), f" (total Sobol index {sobol.loc[top, 'ST']:.2f})."],
                     id="robustness-result")
    return fint, fdrv, rows.round(2).to_dict("records"), summary, None


def analyse(set_progress, edition: int, n: int, weight_range: float, highlight: list[str]) -> tuple:
    """Run the analysis here and now (what a job does, then :func:`render`); for tests and benchmarks."""
    params = tasks.robustness_params(edition, n, weight_range)
    data = tasks.robustness(params, lambda pct, msg: set_progress((pct, msg)))
    return render(*tasks.robustness_result(data), highlight)


def _highlight(country, compare) -> list[str]:
    others = compare if isinstance(compare, list) else []
    return [c for c in [country, *others] if isinstance(c, str) and c][:40]


@callback(Output("robustness-job", "data", allow_duplicate=True), Output("robustness-poll", "disabled"),
          Output("robustness-alert", "children"), Output("robustness-cancel", "disabled"),
          Output("robustness-shown", "data", allow_duplicate=True),
          Input("robustness-run", "n_clicks"),
          State("robustness-edition", "value"), State("robustness-n", "value"), State("robustness-range", "value"),
          prevent_initial_call=True)
def run_robustness(_n, edition, n, weight_range):
    """Queue the analysis (or join the same one under way or done today); the URL then names the job."""
    from service.web import current_identity

    try:
        params = tasks.robustness_params(ui.edition_year(edition), DEFAULT_N if n is None else n,
                                         DEFAULT_RANGE if weight_range is None else weight_range)
        jid = jobs.submit("robustness", params, owner=current_identity().name)
    except AssessError as exc:
        return no_update, no_update, ui.friendly_error(exc), no_update, no_update
    return jid, False, None, False, None  # drawn again when done (the highlighted countries may have changed)


@callback(Output("robustness-progress", "value"), Output("robustness-progress", "label"),
          Output("robustness-progress", "style"), Output("robustness-job-status", "children"),
          Output("robustness-poll", "disabled", allow_duplicate=True),
          Output("robustness-run", "disabled"), Output("robustness-cancel", "disabled", allow_duplicate=True),
          Output("robustness-intervals", "figure"), Output("robustness-drivers", "figure"),
          Output("robustness-table", "rowData"), Output("robustness-summary", "children"),
          Output("robustness-alert", "children", allow_duplicate=True), Output("robustness-shown", "data"),
          Input("robustness-poll", "n_intervals"), Input("robustness-job", "data"),
          State("robustness-country", "value"), State("robustness-compare", "value"), State("robustness-shown", "data"),
          prevent_initial_call="initial_duplicate")
def poll(_tick, jid, country, compare, shown):
    """The job's progress; when it is done, its result drawn (once)."""
    keep = (no_update,) * 6
    jid = jobs.job_id(jid)
    if jid is None:
        return 0, "", job_ui.HIDDEN, "", True, False, True, *keep
    try:
        job = jobs.status(jid)
        value, label, style, text, stop, running = job_ui.progress(job)
        if job["state"] != "done" or shown == jid:
            return value, label, style, text, stop, running, not running, *keep
        out = render(*tasks.robustness_result(jobs.result(jid)), _highlight(country, compare))
    except AssessError as exc:
        return 0, "", job_ui.HIDDEN, "", True, False, True, *(no_update,) * 4, ui.friendly_error(exc), None
    return value, label, style, text, True, False, True, *out[:4], None, jid


@callback(Output("robustness-job-status", "children", allow_duplicate=True),
          Input("robustness-cancel", "n_clicks"), State("robustness-job", "data"), prevent_initial_call=True)
def cancel(_n, jid):
    """Cancel the page's job (queued: it never starts; running: stopped within seconds)."""
    try:
        return "Cancelling…" if jobs.cancel(jid) else "Nothing to cancel."
    except AssessError as exc:
        return str(exc)


ui.register_url_sync("robustness", country=("robustness-country", "value"),
                     compare=("robustness-compare", "value"), edition=("robustness-edition", "value"),
                     n=("robustness-n", "value"), range=("robustness-range", "value"),
                     job=("robustness-job", "data"),
                     defaults={"n": DEFAULT_N, "range": DEFAULT_RANGE, "job": None})

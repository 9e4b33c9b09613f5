"""Robustness: rank intervals from the Monte Carlo uncertainty analysis and what drives them (Sobol).

The analysis (:func:`assess.uncertainty`, :func:`assess.sobol`) is a background job (:mod:`service.jobs`): it
waits in a bounded queue, runs in a worker (Celery with ``REDIS_URL``, else a process of this server) with a
progress bar, can be cancelled, and its id is kept in the URL — a reload, a shared link or another tab follow
the same job and show its result. The same analysis asked again within a day is not recomputed.

URL state: ``/robustness?country=AZE&compare=SGP,EST&edition=2024&n=5000&range=0.5&job=ID&lang=az``. The page
speaks the URL's language (``_ = ui.text(lang)``; the callbacks read it from the ``robustness-lang`` store), the job's
progress and status lines included (:func:`service.jobs.progress_text`).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from assess.errors import AssessError
from assess.i18n import N_, format_number, format_percent, translated
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

ASSUMPTIONS = {"w_osi": N_("weight of OSI"), "w_hci": N_("weight of HCI"), "w_tii": N_("weight of TII"),
               "normalise": N_("normalisation method"), "aggregate": N_("aggregation method")}


_COLUMNS = [{"field": "country", "headerName": N_("country"), "flex": 2, "minWidth": 120},
            {"field": "iso3", "headerName": "ISO3", "maxWidth": 80},
            {"field": "nominal_rank", "headerName": N_("rank")}, {"field": "median", "headerName": N_("median")},
            {"field": "low", "headerName": "5 %"}, {"field": "high", "headerName": "95 %"}]
#: The columns whose numbers a language other than English writes itself (``<field>_text`` in each row): the grid's
#: formatter cannot call the language's number format, and it is in the columns from the start.
_NUMBERS = ("median", "low", "high")


def columns(lang: str = "en") -> list[dict]:
    """The table's columns with their headers in ``lang`` (and its own number texts in Azerbaijani)."""
    cols = [{**c, "headerName": translated(c["headerName"], lang)} if c["headerName"] not in ("ISO3", "5 %", "95 %")
            else c for c in _COLUMNS]
    if lang == "en":
        return cols
    return [{**c, "valueFormatter": {"function": f"params.data.{c['field']}_text"}} if c["field"] in _NUMBERS else c
            for c in cols]


def settings_from_url(n=None, range=None, lang: str = "en") -> tuple[int, float, list[str]]:
    """The replications and weight range of the URL, each one of the offered choices (else the default, said in
    ``lang``).

    Examples
    --------
    >>> settings_from_url("10000", "0.25")
    (10000, 0.25, [])
    >>> settings_from_url("7", "x")[:2], len(settings_from_url("7", "x")[2])
    ((5000, 0.5), 2)
    """
    _ = ui.text(lang)
    problems = []
    reps, spread = DEFAULT_N, DEFAULT_RANGE
    if n not in (None, ""):
        try:
            reps = int(str(n).strip())
        except ValueError:
            reps = None
        if reps not in N_CHOICES:
            problems.append(_("Replications {value} are not offered; showing {default} (choose {choices}).",
                              value=repr(str(n)[:20]), default=format_number(DEFAULT_N, lang),
                              choices=", ".join(format_number(c, lang) for c in N_CHOICES)))
            reps = DEFAULT_N
    if range not in (None, ""):
        try:
            spread = float(str(range).strip())
        except ValueError:
            spread = None
        if spread not in RANGE_CHOICES:
            problems.append(_("Weight range {value} is not offered; showing ±{default} (choose {choices}).",
                              value=repr(str(range)[:20]), default=format_percent(DEFAULT_RANGE, lang),
                              choices=", ".join(format_percent(r, lang) for r in RANGE_CHOICES)))
            spread = DEFAULT_RANGE
    return reps, spread, problems


def layout(country=None, compare=None, edition=None, n=None, range=None, job=None, lang=None, **_query):
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition, lang=lang)
    reps, spread, more = settings_from_url(n, range, lang)
    if job not in (None, "") and jobs.job_id(job) is None:
        more.append(_("The job in the link is not a job id; press “Run the analysis” to start one."))
    controls = dbc.Row([
        dbc.Col(ui.country_picker("robustness-country", state.country, label=_("Country"),
                                  options=ui.country_options(lang=lang),
                                  placeholder=_("Type a country name or code…"), lang=lang), md=3),
        dbc.Col(ui.comparator_picker("robustness-compare", state.compare, label=_("Also highlight"),
                                     options=ui.country_options(lang=lang),
                                     placeholder=_("Add countries to compare…"), lang=lang), md=4),
        dbc.Col(ui.edition_slider("robustness-edition", state.edition, label=_("Edition")), md=5),
        dbc.Col([dbc.Label(_("Replications"), html_for="robustness-n", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="robustness-n", value=reps, clearable=False, labels=ui.dropdown_labels(lang),
                              options=[{"label": format_number(c, lang), "value": c} for c in N_CHOICES])], md=3),
        dbc.Col([dbc.Label(_("Weights vary by ±"), html_for="robustness-range", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="robustness-range", value=spread, clearable=False, labels=ui.dropdown_labels(lang),
                              options=[{"label": f"{int(r * 100)} %", "value": r} for r in RANGE_CHOICES])], md=3),
        dbc.Col([dbc.Button(_("Run the analysis"), id="robustness-run", color="primary", className="mt-4 me-2"),
                 dbc.Button(_("Cancel"), id="robustness-cancel", color="secondary", outline=True, className="mt-4",
                            disabled=jobs.job_id(job) is None)],
                md=6),
    ], className="g-3")
    return ui.page("robustness", _("Robustness"), lang=lang, lead=_(
        "How much would the ranks change under other reasonable choices of weights, normalisation and aggregation? "
        "Each country's 5–95 % rank interval over random choices, and which choice matters most."), children=[
        ui.alerts([*problems, *more]),
        ui.card(None, controls),
        *job_ui.components("robustness", job),
        html.Div(id="robustness-alert"),
        html.Div(html.P(_("Press “Run the analysis” to compute the rank intervals (a few seconds; it runs in the "
                          "background, so you may leave and come back with this page's link)."),
                        className="text-body-secondary"), id="robustness-summary"),
        dbc.Row([
            dbc.Col(ui.card(_("Rank intervals (5–95 %), best 40 and the highlighted countries"),
                            ui.graph("robustness-intervals")), lg=7),
            dbc.Col([ui.card(_("What drives the ranks (Sobol indices)"), ui.graph("robustness-drivers")),
                     ui.card(_("Highlighted countries"), ui.grid("robustness-table", height=300,
                                                                 columns=columns(lang)))], lg=5),
        ]),
    ])


def checked(n, weight_range) -> tuple[int, float]:
    """The replication count and weight range of a request, each one of the offered choices."""
    p = tasks.robustness_params(2024, n, weight_range)
    return p["n"], p["weight_range"]


def render(params: dict, table, sobol, highlight: list[str], lang: str = "en") -> tuple:
    """The page's outputs for a robustness result, in ``lang``: intervals, drivers, the highlighted rows, a summary."""
    _ = ui.text(lang)
    highlight = [c for c in highlight if isinstance(c, str)]
    t = table.rename(columns={"p5": "low", "median_rank": "median", "p95": "high"})
    hl = [c for c in highlight if c in t.index]
    n, edition = int(params["n"]), int(params["edition"])
    names = ui.country_names(lang)
    assumptions = {k: translated(v, lang) for k, v in ASSUMPTIONS.items()}
    fint = figures.rank_intervals(t, highlight=hl, names=names, max_rows=40, lang=lang,
                                  title=_("EGDI {year}: {n:,} replications", year=edition, n=n))
    fdrv = figures.sensitivity_bars(sobol, names=assumptions, title=_("Mean rank shift"), lang=lang)
    rows = t.loc[hl, ["nominal_rank", "median", "low", "high", "rank_iqr"]].reset_index(names="iso3")
    rows.insert(1, "country", [names.get(c, c) for c in rows["iso3"]])
    rows = rows.round(2)
    if lang != "en":
        for c in _NUMBERS:
            rows[f"{c}_text"] = rows[c].map(lambda v: format_number(v, lang) if v == v else "")
    top = sobol["ST"].idxmax()
    # one sentence around the assumption's name (in bold), so that a language may put it where its grammar wants
    sentence = _("{countries} countries, {n:,} replications, weights ±{range}. The assumption that moves ranks most "
                 "is the {assumption} (total Sobol index {st:.2f}).", countries=len(t), n=n,
                 range=format_percent(float(params["weight_range"]), lang), assumption="\x00",
                 st=float(sobol.loc[top, "ST"]))
    before, _mark, after = sentence.partition("\x00")
    summary = html.P([before, html.Strong(assumptions.get(top, top)), after], id="robustness-result")
    return (ui.localise_figure(fint, lang), ui.localise_figure(fdrv, lang), rows.to_dict("records"), summary, None)


def analyse(set_progress, edition: int, n: int, weight_range: float, highlight: list[str], lang: str = "en") -> tuple:
    """Run the analysis here and now (what a job does, then :func:`render`); for tests and benchmarks."""
    params = tasks.robustness_params(edition, n, weight_range)
    data = tasks.robustness(params, lambda pct, msg: set_progress((pct, msg)))
    return render(*tasks.robustness_result(data), highlight, lang)


def _highlight(country, compare) -> list[str]:
    others = compare if isinstance(compare, list) else []
    return [c for c in [country, *others] if isinstance(c, str) and c][:40]


@callback(Output("robustness-job", "data", allow_duplicate=True), Output("robustness-poll", "disabled"),
          Output("robustness-alert", "children"), Output("robustness-cancel", "disabled"),
          Output("robustness-shown", "data", allow_duplicate=True),
          Input("robustness-run", "n_clicks"),
          State("robustness-edition", "value"), State("robustness-n", "value"), State("robustness-range", "value"),
          State("robustness-lang", "data"), prevent_initial_call=True)
def run_robustness(_n, edition, n, weight_range, lang=None):
    """Queue the analysis (or join the same one under way or done today); the URL then names the job."""
    from service.web import current_identity

    try:
        params = tasks.robustness_params(ui.edition_year(edition), DEFAULT_N if n is None else n,
                                         DEFAULT_RANGE if weight_range is None else weight_range)
        jid = jobs.submit("robustness", params, owner=current_identity().name)
    except AssessError as exc:
        return no_update, no_update, ui.friendly_error(exc, ui.request_lang(lang)), no_update, no_update
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
          State("robustness-lang", "data"), prevent_initial_call="initial_duplicate")
def poll(_tick, jid, country, compare, shown, lang=None):
    """The job's progress; when it is done, its result drawn (once). In the page's language."""
    lang = ui.request_lang(lang)
    keep = (no_update,) * 6
    jid = jobs.job_id(jid)
    if jid is None:
        return 0, "", job_ui.HIDDEN, "", True, False, True, *keep
    try:
        job = jobs.status(jid)
        value, label, style, text, stop, running = job_ui.progress(job, lang)
        if job["state"] != "done" or shown == jid:
            return value, label, style, text, stop, running, not running, *keep
        out = render(*tasks.robustness_result(jobs.result(jid)), _highlight(country, compare), lang)
    except AssessError as exc:
        return 0, "", job_ui.HIDDEN, "", True, False, True, *(no_update,) * 4, ui.friendly_error(exc, lang), None
    return value, label, style, text, True, False, True, *out[:4], None, jid


@callback(Output("robustness-job-status", "children", allow_duplicate=True),
          Input("robustness-cancel", "n_clicks"), State("robustness-job", "data"), State("robustness-lang", "data"),
          prevent_initial_call=True)
def cancel(_n, jid, lang=None):
    """Cancel the page's job (queued: it never starts; running: stopped within seconds)."""
    try:
        return job_ui.cancel_text(jid, ui.request_lang(lang))
    except AssessError as exc:
        return str(exc)


ui.register_url_sync("robustness", country=("robustness-country", "value"),
                     compare=("robustness-compare", "value"), edition=("robustness-edition", "value"),
                     n=("robustness-n", "value"), range=("robustness-range", "value"),
                     job=("robustness-job", "data"),
                     defaults={"n": DEFAULT_N, "range": DEFAULT_RANGE, "job": None})

"""A background job on a page: its id kept in a store (and the URL), a timer that polls it, a progress bar.

:func:`components` gives the pieces (ids ``<prefix>-job``, ``<prefix>-poll``, ``<prefix>-progress``,
``<prefix>-job-status``); :func:`progress` turns a job's status (:func:`service.jobs.status`) into their values.
The page's callbacks stay thin: submit → store the id; poll → :func:`progress`; done → draw the result.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from assess.i18n import gettext_for
from service import jobs

#: How often a page asks how its job is doing (milliseconds).
POLL_MS = 1000
HIDDEN = {"height": "22px", "visibility": "hidden"}
SHOWN = {"height": "22px"}


def components(prefix: str, job: str | None = None) -> list:
    """The store holding the job id, the polling timer (on when *job* is given), the progress bar and its line."""
    jid = jobs.job_id(job)
    return [dcc.Store(id=f"{prefix}-job", data=jid),
            dcc.Store(id=f"{prefix}-shown", data=None),
            dcc.Interval(id=f"{prefix}-poll", interval=POLL_MS, disabled=jid is None),
            dbc.Progress(id=f"{prefix}-progress", value=0, label="", striped=True, animated=True,
                         className="mb-1", style=SHOWN if jid else HIDDEN),
            html.Div(id=f"{prefix}-job-status", className="small text-body-secondary mb-3", role="status",
                     **{"aria-live": "polite"})]


def progress(job: dict, lang: str = "en") -> tuple:
    """``(value, label, style, status line, poll disabled, running)`` for the progress bar of *job*, its words in
    ``lang`` (:func:`service.jobs.progress_text`).

    Examples
    --------
    >>> progress({"state": "running", "progress": 40, "message": "Sobol…"})[:2]
    (40, '40 %')
    >>> progress({"state": "failed", "error": "The worker stopped."})[3:5]
    ('The worker stopped.', True)
    >>> progress({"state": "queued", "ahead": 0}, "az")[1]
    'növbədə'
    """
    _ = gettext_for(lang)
    state = job["state"]
    text = jobs.progress_text(job, lang)
    if state == "queued":
        return 0, _("queued"), SHOWN, text, False, True
    if state == "running":
        value = int(job.get("progress") or 0)
        return value, f"{value} %", SHOWN, text, False, True
    return (100 if state == "done" else 0), "", HIDDEN, ("" if state == "done" else text), True, False


def cancel_text(jid, lang: str = "en") -> str:
    """Cancel the job *jid* and say so in ``lang`` (:func:`service.jobs.cancel`; a :class:`JobError` goes up)."""
    _ = gettext_for(lang)
    return _("Cancelling…") if jobs.cancel(jid) else _("Nothing to cancel.")


# ------------------------------------------------------------------------------------------------ the store export
def export_panel(prefix: str = "store-export", lang: str = "en") -> html.Div:
    """"The whole indicator store (Excel)" as a background job: a button, the progress, then a download link.

    The workbook takes 10–40 s to write, so it is a job (:func:`service.tasks.store_export`): the page stays
    usable, the progress shows, it can be cancelled, the finished file is kept a day (and shared: a second
    request within the day downloads the same file at once). Its callbacks are registered below, for any page
    that places this panel (ids ``<prefix>-…``; the Data page's prefix is the default). Its words, the progress
    included, are in ``lang`` (kept in the store ``<prefix>-words``).
    """
    _ = gettext_for(lang)
    return html.Div([
        dbc.Button(_("Indicator store (XLSX, all sources)"), id=f"{prefix}-start", color="primary", outline=True,
                   className="me-2"),
        dbc.Button(_("Cancel"), id=f"{prefix}-cancel", color="secondary", outline=True, size="sm", disabled=True),
        dcc.Store(id=f"{prefix}-words", data=lang),
        *components(prefix),
        html.Div(id=f"{prefix}-link"),
    ], id=f"{prefix}-panel")


def _register_export(prefix: str = "store-export") -> None:
    from dash import Input, Output, State, callback, no_update

    from assess.errors import AssessError
    from assess.i18n import LANGS

    @callback(Output(f"{prefix}-job", "data"), Output(f"{prefix}-poll", "disabled"),
              Output(f"{prefix}-link", "children"), Input(f"{prefix}-start", "n_clicks"), prevent_initial_call=True)
    def start(_n):
        from service.web import current_identity

        try:
            jid = jobs.submit("store_export", {"format": "xlsx"}, owner=current_identity().name)
        except AssessError as exc:
            return no_update, no_update, dbc.Alert(str(exc), color="warning")
        return jid, False, None

    @callback(Output(f"{prefix}-progress", "value"), Output(f"{prefix}-progress", "label"),
              Output(f"{prefix}-progress", "style"), Output(f"{prefix}-job-status", "children"),
              Output(f"{prefix}-poll", "disabled", allow_duplicate=True), Output(f"{prefix}-cancel", "disabled"),
              Output(f"{prefix}-link", "children", allow_duplicate=True),
              Input(f"{prefix}-poll", "n_intervals"), State(f"{prefix}-job", "data"), State(f"{prefix}-words", "data"),
              prevent_initial_call=True)
    def poll(_tick, jid, lang=None):
        lang = lang if lang in LANGS else "en"
        jid = jobs.job_id(jid)
        if jid is None:
            return 0, "", HIDDEN, "", True, True, no_update
        try:
            job = jobs.status(jid)
        except AssessError as exc:
            return 0, "", HIDDEN, str(exc), True, True, no_update
        value, label, style, text, stop, running = progress(job, lang)
        _ = gettext_for(lang)
        link = html.A(_("Download {file}", file="egov_assess_indicators.xlsx"),
                      href=f"/jobs/{jid}/download",
                      id=f"{prefix}-download", className="btn btn-success btn-sm") if job["state"] == "done" \
            else no_update
        return value, label, style, text, stop, not running, link

    @callback(Output(f"{prefix}-job-status", "children", allow_duplicate=True), Input(f"{prefix}-cancel", "n_clicks"),
              State(f"{prefix}-job", "data"), State(f"{prefix}-words", "data"), prevent_initial_call=True)
    def cancel(_n, jid, lang=None):
        lang = lang if lang in LANGS else "en"
        try:
            return cancel_text(jid, lang)
        except AssessError as exc:
            return str(exc)


_register_export()

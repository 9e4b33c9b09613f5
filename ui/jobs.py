"""A background job on a page: its id kept in a store (and the URL), a timer that polls it, a progress bar.

:func:`components` gives the pieces (ids ``<prefix>-job``, ``<prefix>-poll``, ``<prefix>-progress``,
``<prefix>-job-status``); :func:`progress` turns a job's status (:func:`service.jobs.status`) into their values.
The page's callbacks stay thin: submit → store the id; poll → :func:`progress`; done → draw the result.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

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


def progress(job: dict) -> tuple:
    """``(value, label, style, status line, poll disabled, running)`` for the progress bar of *job*.

    Examples
    --------
    >>> progress({"state": "running", "progress": 40, "message": "Sobol…"})[:2]
    (40, '40 %')
    >>> progress({"state": "failed", "error": "The worker stopped."})[3:5]
    ('The worker stopped.', True)
    """
    state = job["state"]
    text = jobs.progress_text(job)
    if state == "queued":
        return 0, "queued", SHOWN, text, False, True
    if state == "running":
        value = int(job.get("progress") or 0)
        return value, f"{value} %", SHOWN, text, False, True
    return (100 if state == "done" else 0), "", HIDDEN, ("" if state == "done" else text), True, False

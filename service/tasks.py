"""The kinds of background job (:data:`KINDS`): what a worker runs, given JSON parameters and a progress callback.

Each returns its result as bytes (kept a day by :mod:`service.jobs`): the robustness analysis as JSON tables,
the full indicator store as an Excel workbook. Parameters are checked here too: a job never trusts its queue.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from assess import limits
from assess.errors import ScoringError
from assess.i18n import N_

Progress = Callable[[float, str], None]

#: What a job says while it runs: written in English into the job's record (and the logs), shown by a page in
#: its language (:func:`service.jobs.say` finds the sentence and its values again).
MONTE_CARLO = N_("Monte Carlo: {n:,} random choices of weights and methods…")
SOBOL = N_("Sensitivity: Sobol indices…")
KEEPING_RESULT = N_("Keeping the result…")
READING_STORE = N_("Reading the indicator store…")
WRITING = N_("Writing every indicator to {format} (the longest step)…")
KEEPING_FILE = N_("Keeping the file…")
CHECKING = N_("Checking: {k} of {seconds} s…")
SENTENCES = (MONTE_CARLO, SOBOL, KEEPING_RESULT, READING_STORE, WRITING, KEEPING_FILE, CHECKING)

#: Replication counts and weight ranges a robustness job accepts (the page offers the same).
N_CHOICES = (1000, 5000, 10000, 20000)
RANGE_CHOICES = (0.25, 0.5, 0.75)
#: Base samples of the Sobol analysis of a robustness job.
SOBOL_SAMPLES = 512


def robustness_params(edition, n, weight_range) -> dict:
    """The parameters of a robustness job, each checked against what is offered.

    Examples
    --------
    >>> robustness_params(2024, 5000, 0.5)
    {'edition': 2024, 'n': 5000, 'weight_range': 0.5}
    >>> robustness_params(2024, 10**9, 0.5)
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: Replications: choose one of 1,000, 5,000, 10,000, 20,000 (limit MAX_REPLICATIONS = 50,000). Got '1000000000' instead.
    """
    if isinstance(n, bool) or n not in N_CHOICES:
        raise ScoringError(f"Replications: choose one of {', '.join(f'{c:,}' for c in N_CHOICES)} "
                           f"(limit {limits.MAX_REPLICATIONS.name} = {limits.MAX_REPLICATIONS.value:,}). "
                           f"Got {str(n)[:40]!r} instead.")
    if isinstance(weight_range, bool) or weight_range not in RANGE_CHOICES:
        raise ScoringError(f"Weights vary by: choose one of {', '.join(f'{r:.0%}' for r in RANGE_CHOICES)}. "
                           f"Got {str(weight_range)[:40]!r} instead.")
    if isinstance(edition, bool) or not isinstance(edition, int):
        raise ScoringError(f"Edition: expected a year. Got {str(edition)[:40]!r} instead.")
    return {"edition": int(edition), "n": int(n), "weight_range": float(weight_range)}


def robustness(params: dict, progress: Progress) -> bytes:
    """Monte Carlo rank intervals (:func:`assess.uncertainty`) and Sobol indices (:func:`assess.sobol`), as JSON:
    ``{"edition", "n", "weight_range", "table": rank intervals (split orient), "sobol": indices (split orient)}``."""
    import assess

    p = robustness_params(params.get("edition"), params.get("n"), params.get("weight_range"))
    progress(5, MONTE_CARLO.format(n=p["n"]))
    u = assess.uncertainty(year=p["edition"], n=p["n"], weight_range=p["weight_range"], seed=0)
    progress(60, SOBOL)
    s = assess.sobol(p["edition"], n=SOBOL_SAMPLES, weight_range=p["weight_range"])
    progress(95, KEEPING_RESULT)
    return json.dumps({**p, "table": json.loads(u.table.to_json(orient="split")),
                       "sobol": json.loads(s.to_json(orient="split"))}).encode()


def robustness_result(data: bytes):
    """``(params, table, sobol)`` from a robustness job's result (tables as pandas DataFrames)."""
    import pandas as pd

    doc = json.loads(data)
    table = pd.read_json(io.StringIO(json.dumps(doc["table"])), orient="split")
    sobol = pd.read_json(io.StringIO(json.dumps(doc["sobol"])), orient="split")
    return {k: doc[k] for k in ("edition", "n", "weight_range")}, table, sobol


def store_export(params: dict, progress: Progress) -> bytes:
    """The whole indicator store as an Excel workbook (:func:`assess.data.export.export_indicators`)."""
    from assess.data.export import export_indicators

    fmt = params.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise ScoringError(f"Export format: expected xlsx or csv. Got {str(fmt)[:20]!r} instead.")
    progress(5, READING_STORE)
    with tempfile.TemporaryDirectory() as tmp:
        progress(15, WRITING.format(format=fmt.upper()))
        path = export_indicators(Path(tmp) / f"egov_assess_indicators.{fmt}", fmt)
        progress(95, KEEPING_FILE)
        return path.read_bytes()


def check(params: dict, progress: Progress) -> bytes:
    """A worker check: wait ``seconds`` (0 to 60), saying so each second, then answer ``ok`` with where it ran.

    ``python -m service check`` sends one after a deployment, to see that jobs are taken and finished.
    """
    import os
    import socket
    import time

    seconds = params.get("seconds", 0)
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= 60:
        raise ScoringError(f"Check: expected 0 to 60 seconds. Got {str(seconds)[:20]!r} instead.")
    for k in range(seconds):
        progress(100 * k / max(seconds, 1), CHECKING.format(k=k, seconds=seconds))
        time.sleep(1)
    return json.dumps({"ok": True, "host": socket.gethostname(), "pid": os.getpid(),
                       "tag": str(params.get("tag", ""))[:40]}).encode()


#: Job kinds by name: what :func:`service.jobs.submit` accepts.
KINDS: dict[str, Callable[[dict, Progress], bytes]] = {"robustness": robustness, "store_export": store_export,
                                                        "check": check}
#: File name and type of the result of a kind that is downloaded.
DOWNLOADS = {"store_export": ("egov_assess_indicators.xlsx",
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}

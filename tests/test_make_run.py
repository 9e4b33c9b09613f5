"""The README's first command: ``make run`` serves the dashboard on the bundled data, no external service."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

import psutil
import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_run_serves_the_dashboard(tmp_path):
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "EGOV_ASSESS_DB": str(tmp_path / "db.sqlite3"),
           "EGOV_ASSESS_DASH_CACHE": str(tmp_path / "dash"), "EGOV_ASSESS_WARM": "1", "PYTHONFAULTHANDLER": "1"}
    env.pop("DASH_DEBUG", None)
    log_path = tmp_path / "run.log"
    log = open(log_path, "wb")  # noqa: SIM115 (a file, not a pipe: an unread pipe would block the server)
    proc = subprocess.Popen(["make", "-s", "run"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 90
        body = None
        while time.time() < deadline:
            assert proc.poll() is None, log_path.read_text(errors="replace")[-2000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "make run did not serve http://127.0.0.1:PORT/ within 90 s"
        assert "<title>" in body and "egov-assess" in body
        assert "https://" not in body.split("<body>")[0], "the page head must load nothing from outside"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout", timeout=10) as r:
            assert r.status == 200
        while time.time() < deadline and "warm-up" not in log_path.read_text(errors="replace"):
            time.sleep(0.5)
        text = log_path.read_text(errors="replace")
        if "warm-up" not in text:  # stuck: every thread's stack into the log (faulthandler), to say where
            for child in psutil.Process(proc.pid).children():
                child.send_signal(signal.SIGABRT)
            time.sleep(2)
            text = log_path.read_text(errors="replace")
        assert "warm-up finished" in text and "warm-up failed" not in text and "Traceback" not in text, text[-6000:]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()

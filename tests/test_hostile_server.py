"""The dashboard as an attacker meets it, over real HTTP: debug off, bodies bounded, security headers, no banner.

One ``app.py`` is started for the module with ``DASH_DEBUG=0`` (which used to turn debug *on*).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from app import debug_enabled
from assess import limits
from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    tmp = tmp_path_factory.mktemp("hostile-server")
    env = {**os.environ, "PORT": str(port), "DASH_DEBUG": "0", "EGOV_ASSESS_WARM": "0",
           "EGOV_ASSESS_DASH_CACHE": str(tmp / "dash"), "EGOV_ASSESS_DB": str(tmp / "db.sqlite3")}
    log_path = tmp / "app.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                assert proc.poll() is None, log_path.read_text(errors="replace")[-2000:]
                try:
                    with urllib.request.urlopen(url + "/", timeout=2):
                        break
                except OSError:
                    assert time.monotonic() < deadline, "app.py did not serve within 90 s"
                    time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


@pytest.mark.parametrize("value, on", [("1", True), ("true", True), ("Yes", True), (" TRUE ", True),
                                       ("0", False), ("false", False), ("False", False), ("no", False),
                                       ("", False), ("off", False), ("2", False), ("debug", False)])
def test_debug_only_when_explicitly_asked(value, on):
    assert debug_enabled(value) is on


def test_dash_debug_0_serves_without_debug(server):
    status, _, body = _get(server + "/")
    config = json.loads(re.search(rb'<script id="_dash-config" type="application/json">(.*?)</script>',
                                  body, re.S).group(1))
    assert status == 200
    assert config.get("ui") is False and config.get("props_check") is False, config
    # the Werkzeug debugger's resources are not served
    status, headers, body = _get(server + "/?__debugger__=yes&cmd=resource&f=debugger.js")
    assert b"CONSOLE_MODE" not in body and "javascript" not in headers.get("Content-Type", "")


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies", "/assets/00-bootstrap.min.css",
                                  "/no-such-page-or-file", "/_dash-component-suites/nothing.js"])
def test_security_headers_on_every_response(server, path):
    _, headers, _ = _get(server + path)
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;", csp), csp
    assert "unsafe-eval" not in csp and "script-src 'self' 'unsafe-inline'" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_server_header_names_no_version(server):
    _, headers, _ = _get(server + "/")
    assert headers.get_all("Server") == ["egov-assess"]
    assert not re.search(r"werkzeug|python|\d+\.\d+", " ".join(headers.get_all("Server")), re.I)


def test_60_mb_request_refused_with_413_before_it_is_read(server):
    host, port = server.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    body = b"{" + b" " * (60 * 1024 * 1024) + b"}"
    conn.putrequest("POST", "/_dash-update-component")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(len(body)))
    conn.endheaders()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the server may close while we send
        conn.send(body)
    r = conn.getresponse()
    text = r.read().decode()
    assert r.status == 413
    assert "MAX_REQUEST_BYTES" in text and f"{limits.MAX_REQUEST_BYTES.value:,}" in text
    assert "62,914,562 bytes" in text
    assert r.getheader("X-Content-Type-Options") == "nosniff"


def test_a_hostile_callback_value_is_not_a_500(server):
    """The Data page's framework value as an attacker posts it: a path, then /dev/zero."""
    for value in ("/etc/passwd", "/dev/zero", "../frameworks/un_egdi"):
        payload = {"output": "data-method.children", "outputs": {"id": "data-method", "property": "children"},
                   "inputs": [{"id": "data-framework", "property": "value", "value": value}],
                   "changedPropIds": ["data-framework.value"],
                   "state": [{"id": "data-lang", "property": "data", "value": "en"}]}
        req = urllib.request.Request(server + "/_dash-update-component", data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
        t0 = time.monotonic()
        with urllib.request.urlopen(req, timeout=20) as r:
            text = r.read().decode()
        assert r.status == 200 and time.monotonic() - t0 < 10
        assert "root:" not in text and "Unknown framework" in text


def test_a_request_missing_the_callbacks_state_is_a_400(server):
    payload = {"output": "data-method.children", "outputs": {"id": "data-method", "property": "children"},
               "inputs": [{"id": "data-framework", "property": "value", "value": "un_egdi"}],
               "changedPropIds": ["data-framework.value"], "state": []}
    req = urllib.request.Request(server + "/_dash-update-component", data=json.dumps(payload).encode(),
                                 headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=20)
    assert e.value.code == 400 and e.value.read().decode().startswith("Bad request: this callback takes 1 inputs")


def test_a_request_for_outputs_no_callback_has_is_a_400(server):
    payload = {"output": "nothing.children", "outputs": {"id": "nothing", "property": "children"},
               "inputs": [{"id": "x", "property": "value", "value": 1}], "changedPropIds": ["x.value"], "state": []}
    req = urllib.request.Request(server + "/_dash-update-component", data=json.dumps(payload).encode(),
                                 headers={"Content-Type": "application/json"})
    status, _, body = 0, None, b""
    try:
        urllib.request.urlopen(req, timeout=20)
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    assert status == 400 and body.decode().startswith("Bad request: no callback of this app has these outputs.")

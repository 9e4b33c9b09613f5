"""Peak memory of the dashboard while hostile files and values are sent to it (issue 10).

Starts ``app.py`` (debug off) on a free port, warms it with ordinary page requests, then sends, one by
one, what an attacker or a careless user would: a 1 MB workbook that inflates to 1 GiB, a zip whose
directory lies about sizes, a workbook with a cell on row 1,048,576, a 60 MB request body, paths and
``/dev/zero`` as a framework id, NaN and huge what-if values. After each it reads the server process's
peak resident memory (``VmHWM`` of ``/proc/PID/status``) and its current one (``VmRSS``), and prints the
answer (status, first words) and the time taken.

Run: ``.venv/bin/python benchmarks/bench_hostile.py`` (or ``make bench``). Figures, not a timed test.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile import lying_zip_xlsx, template_bytes, zip_bomb_xlsx  # noqa: E402


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _mem(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def _post(port: int, body: bytes, timeout: float = 120) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.putrequest("POST", "/_dash-update-component")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(len(body)))
    conn.endheaders()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the server may answer before reading it all
        conn.send(body)
    r = conn.getresponse()
    return r.status, r.read().decode("utf-8", "replace")


def _callback(output: str, outputs, inputs: list, state: list) -> bytes:
    first = inputs[0]
    return json.dumps({"output": output, "outputs": outputs, "inputs": inputs, "state": state,
                       "changedPropIds": [f"{first['id']}.{first['property']}"]}).encode()


def _upload(raw: bytes, name: str, key: str) -> bytes:
    from assess.frameworks import load_framework

    ids = [{"criterion": c.id, "type": "strategy-level"} for c in load_framework("strategic_structure").criteria]
    ev = [{"criterion": i["criterion"], "type": "strategy-evidence"} for i in ids]
    url = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + \
        base64.b64encode(raw).decode()
    return json.dumps({
        "output": key, "outputs": [[{"id": i, "property": "value"} for i in ids],
                                   [{"id": i, "property": "value"} for i in ev],
                                   {"id": "strategy-manage-message", "property": "children"}],
        "inputs": [{"id": "strategy-upload", "property": "contents", "value": url}],
        "state": [{"id": "strategy-upload", "property": "filename", "value": name},
                  [{"id": i, "property": "value", "value": None} for i in ids],
                  [{"id": i, "property": "value", "value": ""} for i in ev]],
        "changedPropIds": ["strategy-upload.contents"]}).encode()


def main() -> None:
    port = _port()
    tmp = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    env = {**os.environ, "PORT": str(port), "DASH_DEBUG": "0", "EGOV_ASSESS_WARM": "0", "PYTHONPATH": str(ROOT),
           "EGOV_ASSESS_DASH_CACHE": str(tmp / "dash"), "EGOV_ASSESS_DB": str(tmp / "db.sqlite3")}
    log = open(tmp / "app.log", "wb")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        deps = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-dependencies", timeout=60).read())
        key = next(d["output"] for d in deps
                   if d["output"].startswith('..{"criterion":["ALL"],"type":"strategy-level"}.value'))
        bomb = zip_bomb_xlsx(tmp / "bomb.xlsx").read_bytes()
        lying = lying_zip_xlsx(tmp / "lying.xlsx").read_bytes()
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(template_bytes()))
        wb["Assessment"]["A1048576"] = "vision"
        buf = io.BytesIO()
        wb.save(buf)
        rows = buf.getvalue()

        def data_page(value):
            return _callback("data-method.children", {"id": "data-method", "property": "children"},
                             [{"id": "data-framework", "property": "value", "value": value}], [])

        def whatif(osi):
            return _callback("..whatif-tiles.children...whatif-bars.figure...whatif-alert.children..",
                             [{"id": "whatif-tiles", "property": "children"}, {"id": "whatif-bars", "property": "figure"},
                              {"id": "whatif-alert", "property": "children"}],
                             [{"id": "whatif-osi", "property": "value", "value": osi},
                              {"id": "whatif-hci", "property": "value", "value": 0.7},
                              {"id": "whatif-tii", "property": "value", "value": 0.8}],
                             [{"id": "whatif-country", "property": "value", "value": "AZE"},
                              {"id": "whatif-edition", "property": "value", "value": 11}])

        # ordinary use first: the baseline is a server that has served its pages
        for path in ("/", "/_dash-layout", "/_dash-dependencies"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
        _post(port, data_page("un_egdi"))
        _post(port, whatif(0.85))
        rss, hwm = _mem(proc.pid)
        print(f"baseline after ordinary requests: RSS {rss:.0f} MB, peak {hwm:.0f} MB")
        attacks = [
            ("zip bomb upload (1.05 MB → 1.07 GB inflated)", _upload(bomb, "bomb.xlsx", key)),
            ("zip with a lying directory (0.2 MB, 200 MB real)", _upload(lying, "lying.xlsx", key)),
            ("workbook with a cell on row 1,048,576", _upload(rows, "rows.xlsx", key)),
            ("60 MB request body", b"{" + b" " * (60 * 1024 * 1024) + b"}"),
            ("an output no callback has", _callback("nothing.children", {"id": "nothing", "property": "children"},
                                                    [{"id": "x", "property": "value", "value": 1}], [])),
            ("framework id /etc/passwd", data_page("/etc/passwd")),
            ("framework id /dev/zero", data_page("/dev/zero")),
            ("what-if OSI = NaN", whatif(float("nan"))),
            ("what-if OSI = 1e308", whatif(1e308)),
        ]
        print(f"{'attack':<52} {'status':>6} {'seconds':>8} {'RSS MB':>7} {'peak MB':>8}  answer")
        worst = hwm
        for name, body in attacks:
            t0 = time.perf_counter()
            status, text = _post(port, body)
            dt = time.perf_counter() - t0
            rss, hwm = _mem(proc.pid)
            worst = max(worst, hwm)
            answer = " ".join(text.replace("\\n", " ").split())
            for marker in ("MAX_", "Unknown framework", "expected a finite", "is not an Excel", "Request refused",
                           "Bad request"):
                if marker in answer:
                    answer = answer[max(answer.index(marker) - 40, 0):][:110]
                    break
            else:
                answer = answer[:110]
            print(f"{name:<52} {status:>6} {dt:>8.2f} {rss:>7.0f} {hwm:>8.0f}  {answer}")
        print(f"peak server memory over the whole run: {worst:.0f} MB (VmHWM of the app process {proc.pid})")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


if __name__ == "__main__":
    main()

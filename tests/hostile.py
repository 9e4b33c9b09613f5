"""Hostile files built in memory for the tests and the benchmark (never committed as files).

* :func:`zip_bomb_xlsx` — a valid self-assessment workbook whose sheet XML is padded with
  whitespace so that ~1 MB inflates to more than 1 GiB (streamed: never held in memory);
* :func:`lying_zip_xlsx` — the same idea with the zip directory declaring a tiny size;
* :data:`BILLION_LAUGHS` — a 340-byte YAML whose aliases expand to 10⁹ values;
* :func:`run_measured` — run Python code in a fresh process, returning its output, exit code and peak
  memory (``ru_maxrss``), with a timeout.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Nine levels of ten aliases: 10**9 copies of "lol" once expanded (~300 bytes of YAML).
BILLION_LAUGHS = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))


def template_bytes() -> bytes:
    from assess.strategy.workbook import make_template

    buf = io.BytesIO()
    make_template().save(buf)
    return buf.getvalue()


def zip_bomb_xlsx(path: Path, inflated: int = (1 << 30) + (1 << 20)) -> Path:
    """Write a valid .xlsx whose ``xl/worksheets/sheet1.xml`` inflates to ``inflated`` bytes.

    The padding is whitespace between the sheet's XML declaration and its root element (still well-formed
    XML), compressed streaming at level 9 (~1000:1), so building it never needs the inflated size in memory.
    """
    src = zipfile.ZipFile(io.BytesIO(template_bytes()))
    sheet = src.read("xl/worksheets/sheet1.xml")
    head, sep, rest = sheet.partition(b"?>")
    pad = inflated - len(sheet)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                z.writestr(info.filename, src.read(info.filename))
                continue
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            with z.open(zi, "w", force_zip64=True) as f:
                f.write(head + sep)
                chunk = b" " * (1 << 20)
                left = pad
                while left > 0:
                    f.write(chunk[: min(left, len(chunk))])
                    left -= len(chunk)
                f.write(rest)
    return path


def lying_zip_xlsx(path: Path, inflated: int = 200 << 20) -> Path:
    """A zip bomb whose central directory *declares* the sheet 1,000 bytes: no reader may trust it blindly."""
    zip_bomb_xlsx(path, inflated)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        assert pos >= 0, "central directory entry of the sheet not found"
        n = int.from_bytes(data[pos + 28:pos + 30], "little")
        if bytes(data[pos + 46:pos + 46 + n]) == name:
            data[pos + 24:pos + 28] = (1000).to_bytes(4, "little")  # uncompressed size
            break
        pos += 4
    path.write_bytes(bytes(data))
    return path


def run_measured(code: str, *, timeout: float = 120, env: dict | None = None) -> dict:
    """Run ``code`` in a fresh Python (the repository first on ``sys.path``); return stdout, stderr, exit
    code, whether it timed out, and its peak resident memory in MB (``VmHWM`` of the child's own address space).

    Not ``ru_maxrss``: Linux carries the parent's high-water mark over ``fork``/``exec`` into it, so a child of a
    pytest worker that has grown to 766 MB reported 766 MB whatever it did itself."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    prog = ("import sys, json\n" + code +
            "\nprint('PEAK_MB', next(int(line.split()[1]) for line in open('/proc/self/status')"
            " if line.startswith('VmHWM:')) // 1024)\n")
    try:
        p = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, timeout=timeout,
                           cwd=ROOT, env=full_env)
    except subprocess.TimeoutExpired as e:
        return {"timeout": True, "stdout": e.stdout or "", "stderr": e.stderr or "", "returncode": None,
                "peak_mb": None}
    peak = next((int(line.split()[1]) for line in p.stdout.splitlines() if line.startswith("PEAK_MB")), None)
    return {"timeout": False, "stdout": p.stdout, "stderr": p.stderr, "returncode": p.returncode, "peak_mb": peak}


"""LibreOffice (Debian libreoffice-calc, headless) converts the report and the template to PDF.

``make test`` installs LibreOffice (``libreoffice-calc-nogui``); without it this test fails with
a clear message rather than skipping.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from assess.report import report, save_workbook
from assess.workbook import write_template

pytestmark = pytest.mark.slow


def _soffice():
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        pytest.fail("LibreOffice is not installed: run `make test` (installs libreoffice-calc-nogui) "
                    "or `apt-get install libreoffice-calc-nogui`.")
    return exe


def _convert(xlsx, tmp_path):
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(xlsx)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / (xlsx.stem + ".pdf")
    assert proc.returncode == 0 and pdf.exists(), f"LibreOffice failed:\n{proc.stdout}\n{proc.stderr}"
    return pdf.read_bytes()


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_report_converts_to_pdf(tmp_path):
    wb = report("AZE", compare=["SGP", "EST", "KOR", "TUR", "GEO", "KAZ"], assessment="azerbaijan_2003_2012",
                fixed_date=dt.datetime(2024, 9, 1))
    pdf = _convert(save_workbook(wb, tmp_path / "report.xlsx"), tmp_path)
    assert pdf.startswith(b"%PDF")
    assert 9 <= _pages(pdf) <= 20  # one page or two per sheet, fitted to the width


def test_azerbaijani_report_and_template_convert_to_pdf(tmp_path):
    pdf = _convert(save_workbook(report("AZE", compare=["SGP"], lang="az"), tmp_path / "az.xlsx"), tmp_path)
    assert _pages(pdf) >= 9
    pdf = _convert(write_template(tmp_path / "template.xlsx"), tmp_path)
    assert _pages(pdf) >= 2

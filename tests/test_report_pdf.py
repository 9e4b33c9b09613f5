"""LibreOffice (Debian libreoffice-calc, headless) converts the report and the template to PDF.

``make test`` installs LibreOffice (``libreoffice-calc-nogui``); without it this test fails with
a clear message rather than skipping. The page-content test reads the PDF with ``pdftotext``
(poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from assess.reports.country import report, save_workbook
from assess.strategy.workbook import write_template

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
    # one page or two per sheet, fitted to the width; the two sheets that list every element of a model (Model:
    # the 60 nodes of today's model; What came true: the 49 elements of the proposal) take up to six each
    assert len(wb.sheetnames) <= _pages(pdf) <= 2 * (len(wb.sheetnames) - 2) + 2 * 6


def test_azerbaijani_report_and_template_convert_to_pdf(tmp_path):
    pdf = _convert(save_workbook(report("AZE", compare=["SGP"], lang="az"), tmp_path / "az.xlsx"), tmp_path)
    assert _pages(pdf) >= 9
    pdf = _convert(write_template(tmp_path / "template.xlsx"), tmp_path)
    assert _pages(pdf) >= 2


def _page_texts(pdf_path):
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext is not installed: `apt-get install poppler-utils`.")
    out = subprocess.run([exe, "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def test_model_and_strategy_pages_show_readiness_and_improvements(tmp_path):
    wb = report("AZE", compare=["SGP", "EST"], model="azerbaijan_proposal", assessment="azerbaijan_2003_2012",
                fixed_date=dt.datetime(2024, 9, 1))
    xlsx = save_workbook(wb, tmp_path / "mp.xlsx")
    _convert(xlsx, tmp_path)
    pages = _page_texts(tmp_path / "mp.pdf")
    readiness = next(p for p in pages if "Readiness of each component, compared with Singapore" in p)
    gateway = next(line for line in readiness.splitlines() if line.startswith("E-government gateway"))
    assert gateway.split()[3:6] == ["0.918", "0.997", "+0.079"]
    assert "OECD DGI does not cover AZE" in readiness
    # capability gaps and the reporting lines each start a page (manual page breaks)
    for title in ("Capabilities of the reference models missing from this model", "Components and reporting lines",
                  "Improvements ranked by gap × weight"):
        page = next(p for p in pages if title in p)
        body = [line.strip() for line in page.splitlines() if line.strip()]
        assert body[1] == title, (title, body[:3])  # body[0] is the page header
    strategy = next(p for p in pages if "Score by dimension (weighted mean level, 0-4) against Singapore" in p)
    assert "1 (Mentioned)" in strategy
    improvements = next(p for p in pages if "Improvements ranked by gap × weight" in p)
    assert "Decorative pictures only." in improvements

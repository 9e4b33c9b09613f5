"""``python -m assess data ...``"""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pandas as pd

from assess.cli.parser import main
from tests.conftest import ROOT


def test_data_list_prints_every_dataset(capsys):
    assert main(["data", "list"]) == 0
    out = capsys.readouterr().out
    for source in ("un_egov", "wb_gtmi", "wb_gtmi_indicators", "oecd_dgi", "eu_egov_benchmark", "wb_wdi", "itu_owid"):
        assert source in out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("un_egov"))
    assert "2003, 2004, 2005, 2008" in line and " 193 " in line


def test_data_export_csv(tmp_path):
    out = tmp_path / "store.csv"
    r = subprocess.run([sys.executable, "-m", "assess", "data", "export", "--format", "csv", "-o", str(out)],
                       cwd=ROOT, capture_output=True, text=True, check=True)
    assert f"wrote {out}" in r.stdout
    df = pd.read_csv(out, keep_default_na=False, na_values=[""], low_memory=False)
    row = df[(df.iso3 == "AZE") & (df.year == 2024) & (df.indicator == "egdi")]
    assert row["value"].item() == 0.76073
    assert set(df.columns) >= {"iso3", "country", "year", "source", "indicator", "value", "flag", "note"}


def test_data_export_xlsx_with_sources_sheet(tmp_path):
    out = tmp_path / "un.xlsx"
    assert main(["data", "export", "-o", str(out), "--source", "un_egov"]) == 0
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == ["indicators", "sources"]
    assert wb["indicators"].max_row == 12 * 193 * 6 + 1
    assert not list(tmp_path.glob("*.tmp*")), "no temporary file left behind"


def test_export_bad_format_is_a_clear_error(tmp_path, capsys):
    assert main(["data", "export", "-o", str(tmp_path / "x.json")]) == 2
    assert "export: expected --format csv or xlsx. Got 'json' instead." in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_verify(capsys):
    assert main(["data", "verify"]) == 0
    assert "All bundled files match" in capsys.readouterr().out


def test_assess_runs_from_any_folder(tmp_path):
    """``make`` installs the library in editable mode, so ``python -m assess`` works outside the repository."""
    r = subprocess.run([sys.executable, "-m", "assess", "data", "verify"], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "All bundled files match" in r.stdout

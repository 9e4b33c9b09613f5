"""Formula neutralising, sheet titles and atomic saving."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from assess.io.excel import restore_text, safe_text, save_atomic, set_text, sheet_title


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd",
                                  '=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0"])
def test_dangerous_text_is_neutralised_and_restored(text, tmp_path):
    wb = Workbook()
    ws = wb.active
    set_text(ws, "A1", text)
    path = save_atomic(wb, tmp_path / "x.xlsx")
    cell = load_workbook(path).active["A1"]
    assert cell.data_type == "s"
    assert cell.value == "'" + text
    assert restore_text(cell.value) == text


@pytest.mark.parametrize("text", ["Ministry of Finance", "a=b", "1-2", "", "'quoted'", "Azərbaycan"])
def test_harmless_text_is_unchanged(text):
    assert safe_text(text) == text
    assert restore_text(text) == text


def test_non_text_is_unchanged_and_control_characters_dropped():
    assert safe_text(3.5) == 3.5 and safe_text(None) is None
    assert safe_text("a\x00b\x1fc\nd") == "abc\nd"


@pytest.mark.parametrize("name, expected", [
    ("Gaps: 2024/2022 [draft]", "Gaps 2024-2022 (draft)"),
    ("What? *now*", "What now"),
    ("'quoted'", "quoted"),
    ("History", "Sheet"),
    ("", "Sheet"),
    ("x" * 40, "x" * 31),
    ("Metod və mənbələr", "Metod və mənbələr"),
])
def test_sheet_title(name, expected):
    assert sheet_title(name) == expected


def test_sheet_title_unique_and_accepted_by_openpyxl():
    taken = ["Scores", "Scores (2)"]
    title = sheet_title("scores", taken)
    assert title == "scores (3)"  # the given case is kept; uniqueness ignores case
    long = sheet_title("y" * 40, ["y" * 31])
    assert long == "y" * 27 + " (2)" and len(long) == 31
    wb = Workbook()
    for bad in ["a/b", "c:d", "[e]", "f?g", "h*i", "j\\k", "History", "'l'"]:
        wb.create_sheet(sheet_title(bad, wb.sheetnames))  # would raise on an invalid title
    assert len(set(map(str.lower, wb.sheetnames))) == len(wb.sheetnames)


def test_save_atomic_replaces_existing_file(tmp_path):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    wb = Workbook()
    wb.active["A1"] = "new"
    save_atomic(wb, target)
    assert load_workbook(target).active["A1"].value == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]

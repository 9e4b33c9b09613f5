"""Self-assessment workbook: template → filled → import, and every import error's wording."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from assess.errors import ReportError
from assess.frameworks import load_framework
from assess.strategy.workbook import (
    FIRST_ROW,
    TEMPLATE_VERSION,
    make_template,
    read_assessment,
    write_template,
)

RUBRIC = load_framework("strategic_structure")
IDS = [c.id for c in RUBRIC.criteria]
LAST = FIRST_ROW + len(IDS) - 1


def _bytes(wb) -> io.BytesIO:
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _filled(levels=None, lang="en"):
    """A template with every level filled (2 by default)."""
    wb = make_template(lang=lang)
    ws = wb.worksheets[0]
    for i, _cid in enumerate(IDS):
        ws.cell(FIRST_ROW + i, 4).value = (levels or {}).get(i, 2)
    return wb


def _issues(wb):
    with pytest.raises(ReportError) as info:
        read_assessment(_bytes(wb))
    return [str(i) for i in info.value.issues]


# --------------------------------------------------------------------------- template
def test_template_rows_validation_and_print_settings():
    wb = make_template()
    assert wb.sheetnames == ["Assessment", "Instructions"]
    ws = wb["Assessment"]
    assert [ws.cell(r, 1).value for r in range(FIRST_ROW, LAST + 1)] == IDS
    assert ws["B2"].value == "strategic_structure" and ws["B3"].value == TEMPLATE_VERSION
    assert ws["C6"].value == "Vision" and ws["B6"].value == "Strategic direction"
    assert "3: One short vision statement" in ws["F6"].value
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and str(dv.sqref) == f"D{FIRST_ROW}:D{LAST}"
    assert dv.formula1 == '"0 – Absent,1 – Mentioned,2 – Partial,3 – Defined,4 – Defined and used"'
    assert dv.showErrorMessage
    assert ws.freeze_panes == f"A{FIRST_ROW}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$5:$5"
    assert "&P" in ws.oddFooter.right.text
    instr = wb["Instructions"]
    texts = [c.value for c in instr["A"] if c.value]
    assert any("drop-down" in str(v) for v in texts)
    assert "4 – Defined and used" in texts


def test_template_in_azerbaijani():
    wb = make_template(lang="az")
    ws = wb["Qiymətləndirmə"]
    assert ws["D5"].value == "Səviyyə" and ws["E5"].value == "Sübut"
    assert ws["C8"].value == "Məqsədlər və əsas göstəricilər"
    assert "3 – Müəyyən edilib" in ws.data_validations.dataValidation[0].formula1


def test_template_fixed_date_is_deterministic(tmp_path):
    import datetime as dt
    import zipfile

    d = dt.datetime(2024, 1, 2, 3, 4, 5)
    a = write_template(tmp_path / "a.xlsx", fixed_date=d)
    b = write_template(tmp_path / "b.xlsx", fixed_date=d)
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    assert za.namelist() == zb.namelist()
    for n in za.namelist():
        assert za.read(n) == zb.read(n), n
    assert load_workbook(a).properties.created == d


# --------------------------------------------------------------------------- round trip
@pytest.mark.parametrize("lang", ["en", "az"])
@pytest.mark.parametrize("profile", sorted(RUBRIC.profiles))
def test_round_trip_profile(profile, lang, tmp_path):
    """A reference profile written into the template reads back to the same answers."""
    answers = {cid: {"level": v["level"], "evidence": v["evidence"]} for cid, v in RUBRIC.profiles[profile].items()}
    path = write_template(tmp_path / "filled.xlsx", lang=lang, answers=answers)
    got = read_assessment(path)
    assert got == {"rubric": "strategic_structure", "version": TEMPLATE_VERSION, "answers": answers}
    assert list(got["answers"]) == IDS


def test_round_trip_by_hand_like_a_user(tmp_path):
    """Typed levels in every form, trailing spaces, blank rows and a formula-looking evidence."""
    wb = make_template()
    ws = wb["Assessment"]
    forms = [3, "3", "Level 3", " level 3 ", "3 – Defined", "3.0", 3.0, "Defined", "LEVEL 3", "Müəyyən edilib",
             "3 - Defined", "3", 3, 3, 3, "3", 3]
    for i, v in enumerate(forms):
        ws.cell(FIRST_ROW + i, 4).value = v
    ws.cell(FIRST_ROW, 1).value = "vision   "          # trailing spaces in the id
    ws.cell(FIRST_ROW + 1, 1).value = "Strategic_Directions"  # another case
    ws.cell(FIRST_ROW, 5).value = "=cmd|' /C calc'!A0"  # typed by a user: read back as text
    ws.cell(FIRST_ROW + 2, 5).value = "  KPI list, p. 4  "
    ws.insert_rows(FIRST_ROW + 5, 2)                   # blank rows in the middle
    ws.cell(LAST + 10, 5).value = None                 # and trailing ones
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    got = read_assessment(path)
    assert {a["level"] for a in got["answers"].values()} == {3}
    assert got["answers"]["goals_kpis"]["evidence"] == "KPI list, p. 4"
    assert got["answers"]["strategic_directions"]["level"] == 3


def test_read_from_bytes_and_file_object(tmp_path):
    buf = _bytes(_filled())
    data = buf.getvalue()
    assert read_assessment(data)["answers"]["vision"]["level"] == 2
    p = tmp_path / "x.xlsx"
    p.write_bytes(data)
    with open(p, "rb") as fh:
        assert read_assessment(fh)["answers"]["monitoring_evaluation"] == {"level": 2, "evidence": ""}


def test_rows_inserted_above_the_header_are_tolerated():
    wb = _filled()
    ws = wb["Assessment"]
    ws.insert_rows(4, 2)
    ws["B3"].value = TEMPLATE_VERSION  # the version cell stays where the importer looks
    assert len(read_assessment(_bytes(wb))["answers"]) == len(IDS)


# --------------------------------------------------------------------------- errors
def test_error_missing_level():
    wb = _filled()
    wb["Assessment"]["D8"].value = None
    assert _issues(wb) == ["Assessment!D8: missing level for criterion 'goals_kpis'. Expected a level 0-4."]


def test_error_missing_level_azerbaijani_sheet_is_quoted():
    wb = _filled(lang="az")
    wb.worksheets[0]["D6"].value = "   "
    assert _issues(wb) == ["'Qiymətləndirmə'!D6: missing level for criterion 'vision'. Expected a level 0-4."]


@pytest.mark.parametrize("value, problem", [
    (7, "level 7 is out of range 0-4"),
    ("Level 5", "level 5 is out of range 0-4"),
    (-1, "level -1 is out of range 0-4"),
    (2.5, "level 2.5 is not a whole number. Expected a number 0-4"),
    ("high", "'high' is not a level. Expected a number 0-4, e.g. 3 or 'Level 3'"),
])
def test_error_level_out_of_range_or_unreadable(value, problem):
    wb = _filled()
    wb["Assessment"]["D7"].value = value
    with pytest.raises(ReportError, match=r"Assessment!D7: ") as info:
        read_assessment(_bytes(wb))
    assert [str(i) for i in info.value.issues] == [f"Assessment!D7: {problem} for criterion 'strategic_directions'."]


def test_error_unknown_criterion_suggests_the_close_one():
    wb = _filled()
    wb["Assessment"]["A6"].value = "visoin"
    assert _issues(wb) == [
        "Assessment!A6: unknown criterion 'visoin' (did you mean 'vision'?). Expected one of the rubric's 17 criterion ids.",
        "Assessment: criterion 'vision' is missing: add a row with its id in column A.",
    ]


def test_error_duplicate_criterion():
    wb = _filled()
    ws = wb["Assessment"]
    ws.cell(LAST + 2, 1).value = "vision"
    ws.cell(LAST + 2, 4).value = 1
    assert _issues(wb) == [f"Assessment!A{LAST + 2}: criterion 'vision' appears twice (first in row 6)."]


def test_error_level_without_id():
    wb = _filled()
    wb["Assessment"].cell(LAST + 3, 4).value = 3
    assert _issues(wb) == [f"Assessment!A{LAST + 3}: a level is given but the criterion id is empty."]


@pytest.mark.parametrize("version", [0, 2, "v1", None])
def test_error_wrong_template_version(version):
    wb = _filled()
    wb["Assessment"]["B3"].value = version
    with pytest.raises(ReportError, match=r"Assessment!B3: template version .* is not supported\. Expected 1;"):
        read_assessment(_bytes(wb))


def test_error_unknown_rubric():
    wb = _filled()
    wb["Assessment"]["B2"].value = "no_such_rubric"
    with pytest.raises(ReportError, match=r"Assessment!B2: unknown rubric 'no_such_rubric'\."):
        read_assessment(_bytes(wb))


def test_error_rubric_mismatch():
    with pytest.raises(ReportError, match=r"Assessment!B2: rubric must be 'strategic_structure'\. Got 'other' instead\."):
        wb = _filled()
        wb["Assessment"]["B2"].value = "other"
        read_assessment(_bytes(wb), rubric="strategic_structure")


def test_error_not_a_template():
    from openpyxl import Workbook

    with pytest.raises(ReportError, match=r"no sheet 'Assessment' or 'Qiymətləndirmə'\. Got sheets \['Sheet'\] instead"):
        read_assessment(_bytes(Workbook()))


def test_error_not_a_workbook(tmp_path):
    p = tmp_path / "notes.xlsx"
    p.write_text("just text")
    with pytest.raises(ReportError, match=r"notes\.xlsx: 1 problem\n  expected an Excel \.xlsx workbook \(a zip archive\)"):
        read_assessment(p)
    with pytest.raises(ReportError, match=r"missing\.xlsx: 1 problem\n  file not found\."):
        read_assessment(tmp_path / "missing.xlsx")


def test_all_problems_reported_at_once():
    wb = _filled()
    ws = wb["Assessment"]
    ws["D6"].value = None
    ws["D7"].value = 9
    ws["A8"].value = "goals"
    with pytest.raises(ReportError, match=r"4 problems") as info:
        read_assessment(_bytes(wb))
    assert [i.location for i in info.value.issues] == ["Assessment!D6", "Assessment!D7", "Assessment!A8", "Assessment"]

"""Self-assessment workbook: a template generated from a rubric, and its importer.

:func:`make_template` writes one row per criterion of a rubric (``strategic_structure`` by
default) with the level chosen from a drop-down (data validation), an evidence column, a
level guide, and an instructions sheet. Departments fill it in offline;
:func:`read_assessment` reads the filled file back into a plain assessment::

    {"rubric": "strategic_structure", "version": 1,
     "answers": {"vision": {"level": 3, "evidence": "…"}, …}}

The importer tolerates what real users do: extra blank rows, trailing spaces, ids in another
case, levels typed as ``3``, ``'3'``, ``'Level 3'``, ``'3 – Defined'`` or the level name.
Anything it cannot read is reported at once in one :class:`~assess.errors.ReportError`
naming the sheet, the cell and the problem (missing level, level out of range, unknown
criterion, duplicate criterion, wrong template version, …).

Layout of the ``Assessment`` sheet (English; the Azerbaijani template has the same cells):

====  =======================================================================
row   content
====  =======================================================================
1     title
2     ``Rubric`` | rubric id (B2)
3     ``Template version`` | version (B3)
5     header: Id, Dimension, Criterion, Level, Evidence, What each level means
6…    one row per criterion
====  =======================================================================

Examples
--------
>>> import io
>>> wb = make_template()
>>> ws = wb["Assessment"]
>>> ws["A6"].value, ws["D6"].value
('vision', None)
>>> ws["D6"].value = "Level 3"; ws["E6"].value = "Vision on page 2  "
>>> for row in range(7, 23): ws.cell(row, 4).value = 2
>>> buf = io.BytesIO(); wb.save(buf); _ = buf.seek(0)
>>> a = read_assessment(buf)
>>> a["rubric"], a["version"], a["answers"]["vision"]
('strategic_structure', 1, {'level': 3, 'evidence': 'Vision on page 2'})
"""

from __future__ import annotations

import difflib
import io
import math
import re
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from assess import limits
from assess.errors import Issue, ReportError
from assess.i18n import LANGS, N_, all_translations, name_in, pt, t, translated
from assess.io import safeio
from assess.io.excel import print_setup, restore_text, safe_text

__all__ = ["TEMPLATE_VERSION", "make_template", "parse_level", "read_assessment", "write_template"]

#: Version of the template layout; :func:`read_assessment` refuses other versions.
TEMPLATE_VERSION = 1

HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
COLS = (N_("Id"), N_("Dimension"), N_("Criterion"), N_("Level"), N_("Evidence"), N_("What each level means"))
COL_ID, COL_DIM, COL_CRIT, COL_LEVEL, COL_EVIDENCE, COL_GUIDE = range(1, 7)
WIDTHS = (24, 24, 34, 18, 60, 70)

_HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def _rubric(rubric):
    from assess.frameworks import Rubric, load_framework

    if rubric is None:
        rubric = "strategic_structure"
    fw = rubric if isinstance(rubric, Rubric) else load_framework(rubric)
    if not isinstance(fw, Rubric):
        raise ReportError(str(rubric), [Issue("kind", f"must be a rubric. Got {fw.kind!r} instead.")])
    return fw


def _level_options(fw, lang):
    return [f"{k} – {name_in(v.get('name'), lang, str(k))}" for k, v in sorted(fw.levels.items())]


def _sheet_names(lang):
    return pt("sheet name", "Assessment", lang), pt("sheet name", "Instructions", lang)


def make_template(rubric=None, lang="en", *, answers=None, fixed_date=None) -> Workbook:
    """Return the self-assessment workbook of a rubric.

    Parameters
    ----------
    rubric : str or Rubric, optional
        Rubric id or object; default ``strategic_structure``.
    lang : {"en", "az"}
        Language of labels, criteria and level names.
    answers : mapping, optional
        ``{criterion_id: {"level": int, "evidence": str}}`` to pre-fill (e.g. a saved
        assessment or a reference profile) — a filled template reads back to the same answers.
    fixed_date : datetime, optional
        Created/modified dates of the document properties (for byte-stable output).

    Examples
    --------
    >>> wb = make_template(lang="az")
    >>> wb.sheetnames
    ['Qiymətləndirmə', 'Təlimat']
    >>> ws = wb["Qiymətləndirmə"]
    >>> ws["C6"].value, str(ws.data_validations.dataValidation[0].sqref)
    ('Vizyon', 'D6:D22')
    """
    if lang not in LANGS:
        raise ReportError("template", [Issue("lang", f"must be one of {list(LANGS)}. Got {lang!r} instead.")])
    fw = _rubric(rubric)
    answers = answers or {}
    sheet, instr = _sheet_names(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    title = t("Self-assessment: {rubric}", lang, rubric=name_in(fw.name, lang, fw.id))
    ws["A1"] = safe_text(title)
    ws["A1"].font = Font(bold=True, size=14, color="1F4E79")
    ws["A2"], ws["B2"] = t("Rubric", lang), fw.id
    ws["A3"], ws["B3"] = t("Template version", lang), TEMPLATE_VERSION
    for ref in ("A2", "A3"):
        ws[ref].font = Font(bold=True)
    for j, (key, width) in enumerate(zip(COLS, WIDTHS, strict=True), start=1):
        c = ws.cell(HEADER_ROW, j, translated(key, lang))
        c.font, c.fill, c.border = Font(bold=True, color="FFFFFF"), _HEAD_FILL, _BORDER
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[c.column_letter].width = width
    dims = {d.id: name_in(d.name, lang, d.id) for d in fw.dimensions}
    options = _level_options(fw, lang)
    row = FIRST_ROW
    for crit in fw.criteria:
        guide = "\n".join(f"{k}: {name_in(v, lang)}" for k, v in sorted(crit.levels.items()))
        ans = answers.get(crit.id) or {}
        level = ans.get("level")
        values = (crit.id, dims.get(crit.dimension, crit.dimension), name_in(crit.name, lang, crit.id),
                  options[sorted(fw.levels).index(level)] if level in fw.levels else None,
                  ans.get("evidence") or None, guide)
        for j, v in enumerate(values, start=1):
            c = ws.cell(row, j, safe_text(v))
            c.alignment, c.border = _WRAP_TOP, _BORDER
            if j in (COL_LEVEL, COL_EVIDENCE):
                c.fill = _INPUT_FILL
        ws.row_dimensions[row].height = 15 * max(len(crit.levels), 2)
        row += 1
    last = row - 1
    top = max(fw.levels)
    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                        showDropDown=False, showErrorMessage=True, showInputMessage=True,
                        errorTitle=t("Level", lang), error=t("The level must be one of the list.", lang),
                        promptTitle=t("Level", lang), prompt=t("Choose a level from 0 to {top}.", lang, top=top))
    dv.add(f"D{FIRST_ROW}:D{last}")
    ws.add_data_validation(dv)
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:F{last}"
    _print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}", title)
    wb.defined_names["AssessmentLevels"] = DefinedName(
        "AssessmentLevels", attr_text=f"{_quote(sheet)}!$D${FIRST_ROW}:$D${last}")

    wi = wb.create_sheet(instr)
    wi.column_dimensions["A"].width = 16
    wi.column_dimensions["B"].width = 110
    wi["A1"] = t("How to fill in this workbook", lang)
    wi["A1"].font = Font(bold=True, size=14, color="1F4E79")
    (lo, lo_level), (hi, hi_level) = min(fw.levels.items()), max(fw.levels.items())
    lines = [t("1. Open the sheet '{sheet}'. There is one row per criterion.", lang, sheet=sheet),
             t("2. For each criterion choose a level from the drop-down in the column '{level}' ({lo} = {lo_name} … "
               "{hi} = {hi_name}).", lang, level=t("Level", lang), lo=lo, hi=hi,
               lo_name=name_in(lo_level.get("name"), lang, str(lo)), hi_name=name_in(hi_level.get("name"), lang, str(hi))),
             t("3. In the column '{evidence}' name the document, page or fact that supports the level.", lang,
               evidence=t("Evidence", lang)),
             t("4. Do not change the criterion ids in column A or the template version. Save the file and send it "
               "back; it is read by python -m assess or the dashboard.", lang)]
    for i, line in enumerate(lines, start=3):
        wi.cell(i, 1, line).alignment = Alignment(wrap_text=False)
    r = 3 + len(lines) + 1
    wi.cell(r, 1, t("Levels", lang)).font = Font(bold=True, size=12)
    r += 1
    for k, v in sorted(fw.levels.items()):
        wi.cell(r, 1, f"{k} – {name_in(v.get('name'), lang, str(k))}").font = Font(bold=True)
        wi.cell(r, 2, safe_text(translated(v["description"], lang) if v.get("description") else "")).alignment = _WRAP_TOP
        r += 1
    r += 1
    wi.cell(r, 1, t("Rubric", lang)).font = Font(bold=True)
    wi.cell(r, 2, f"{fw.id} — {safe_text(name_in(fw.name, lang, fw.id))}")
    wi.cell(r + 1, 1, t("Template version", lang)).font = Font(bold=True)
    wi.cell(r + 1, 2, TEMPLATE_VERSION).alignment = Alignment(horizontal="left")
    _print_setup(wi, None, t("How to fill in this workbook", lang), portrait=True)
    _properties(wb, title, fixed_date, keywords=f"self-assessment; {fw.id}; template {TEMPLATE_VERSION}")
    return wb


def _quote(sheet):
    return "'" + sheet.replace("'", "''") + "'"


def _print_setup(ws, title_rows, header, *, portrait=False):
    print_setup(ws, header, title_rows, portrait=portrait, header_position="center")


def _properties(wb, title, fixed_date, *, keywords=""):
    p = wb.properties
    p.title = title
    p.creator = "egov-assess"
    p.lastModifiedBy = "egov-assess"
    p.keywords = keywords
    if fixed_date is not None:
        p.created = fixed_date
        p.modified = fixed_date
        wb.fixed_date = fixed_date


def write_template(path, rubric=None, lang="en", **kw) -> Path:
    """Write :func:`make_template` to ``path`` atomically and return the path.

    Examples
    --------
    >>> import tempfile
    >>> write_template(Path(tempfile.mkdtemp()) / "t.xlsx").suffix
    '.xlsx'
    """
    from assess.io.excel import save_atomic

    return save_atomic(make_template(rubric, lang, **kw), path)


# --------------------------------------------------------------------------- import
_LEVEL_RE = re.compile(r"^(?:level|səviyyə|seviyye)?\s*[:#]?\s*([-+]?\d+(?:[.,]\d+)?)(.*)$", re.IGNORECASE | re.DOTALL)
_SEPARATOR = re.compile(r"^\s*(?:[-–—:)]|\.(?!\d))\s*(.*)$", re.DOTALL)


def parse_level(value, levels):
    """Read a level as users type it; return ``(level, problem)`` with one of them ``None``.

    Accepts ``3``, ``3.0``, ``'3'``, ``' 3 '``, ``'Level 3'``, ``'3 – Defined'`` and the level
    name in English or Azerbaijani (``'Defined'``). ``levels`` is the rubric's level table.
    Numbers are read exactly: ``'2.5'`` and ``0.99`` are not whole numbers and are refused, never
    rounded; a number and a level name that disagree (``'3 – Absent'``) are refused too.

    Examples
    --------
    >>> from assess.frameworks import load_framework
    >>> lv = load_framework("strategic_structure").levels
    >>> [parse_level(v, lv)[0] for v in (3, 3.0, "3", " Level 3 ", "3 – Defined", "defined", "Qismən", "3,00")]
    [3, 3, 3, 3, 3, 3, 2, 3]
    >>> parse_level(7, lv)
    (None, 'level 7 is out of range 0-4')
    >>> parse_level("high", lv)
    (None, "'high' is not a level. Expected a number 0-4, e.g. 3 or 'Level 3'")
    >>> parse_level("2.5", lv)
    (None, "level '2.5' is not a whole number. Expected a number 0-4")
    >>> parse_level("3 – Absent", lv)
    (None, "'3 – Absent': level 3 is not 'Absent' (level 0). Expected a level and its own name")
    """
    lo, hi = min(levels), max(levels)
    rng = f"{lo}-{hi}"
    names = {name_in(v.get("name"), lang, "").strip().lower(): k for k, v in levels.items() for lang in LANGS}
    names.pop("", None)
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None, f"{_short(value)} is not a level. Expected a number {rng}"
    if isinstance(value, int | float | Decimal):
        if (isinstance(value, Decimal) and not value.is_finite()) or (isinstance(value, float) and not math.isfinite(value)):
            return None, f"{value!r} is not a level. Expected a number {rng}"
        if abs(value) >= _HUGE:
            return None, f"level {_number(value)} is out of range {rng}"
        if value != int(value):
            return None, f"level {value!r} is not a whole number. Expected a number {rng}"
        n = int(value)
    else:
        text = value.strip()
        m = _LEVEL_RE.match(text)
        rest = _SEPARATOR.match(m.group(2)) if m else None
        if m and (m.group(2).strip() == "" or rest):
            if len(m.group(1)) > 20:
                return None, f"level {_short(m.group(1))} is out of range {rng}"
            number = Decimal(m.group(1).replace(",", "."))
            if number != number.to_integral_value():
                return None, f"level {m.group(1)!r} is not a whole number. Expected a number {rng}"
            n = int(number)
            named = rest.group(1).strip().lower() if rest else ""
            if named and named in names and names[named] != n:
                return None, (f"{_short(text)}: level {n} is not {rest.group(1).strip()!r} (level {names[named]}). "
                              "Expected a level and its own name")
        elif text.lower() in names:
            return names[text.lower()], None
        else:
            return None, f"{_short(text)} is not a level. Expected a number {rng}, e.g. 3 or 'Level 3'"
    if n not in levels:
        return None, f"level {n} is out of range {rng}"
    return n, None


_HUGE = 10**15


def _number(value) -> str:
    """A number in words that never fails (Python refuses to print ints of more than 4,300 digits)."""
    return f"{value:.6g}" if isinstance(value, float) else \
        (str(value) if abs(value) < _HUGE else "a number of more than 15 digits")


def _short(value) -> str:
    text = value if isinstance(value, str) else str(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _label_set(msgid, context=None):
    """The texts of a label in every language, as the importer compares them (stripped, lower case)."""
    return {s.strip().lower() for s in all_translations(msgid, context).values()}


def _find_sheet(wb):
    names = _label_set("Assessment", "sheet name")
    for ws in wb.worksheets:
        if ws.title.strip().lower() in names:
            return ws
    return None


def _cell_text(v):
    if v is None:
        return ""
    v = restore_text(v)
    return str(v).strip() if isinstance(v, str) else v


def _open(path_or_file, source):
    """The workbook's bytes as a binary file, checked as a zip archive before openpyxl inflates anything."""
    if isinstance(path_or_file, bytes | bytearray):
        data = io.BytesIO(path_or_file)
    elif isinstance(path_or_file, str | Path):
        data = io.BytesIO(safeio.read_bytes(path_or_file, limits.MAX_UPLOAD_BYTES, source=source, error=ReportError))
    elif hasattr(path_or_file, "read"):
        raw = path_or_file.read(int(limits.MAX_UPLOAD_BYTES.value) + 1)
        if not isinstance(raw, bytes | bytearray):
            raise ReportError(source, [Issue("", "expected the bytes of an .xlsx workbook (a binary file).")])
        if limits.MAX_UPLOAD_BYTES.exceeded(len(raw)):
            raise ReportError(source, [Issue("", limits.MAX_UPLOAD_BYTES.describe(
                what=f"more than {limits.MAX_UPLOAD_BYTES.value:,} bytes"))])
        data = io.BytesIO(raw)
    else:
        raise ReportError(source, [Issue("", f"expected a path, bytes or a binary file. Got {type(path_or_file).__name__}.")])
    safeio.check_xlsx(data, source, limit=limits.MAX_XLSX_UNCOMPRESSED_BYTES, error=ReportError)
    return data


def _read_rows(ws, source, sheet_ref):
    """The first six columns of the sheet's rows (values), at most MAX_WORKBOOK_ROWS rows with content."""
    rows = []
    for r, row in enumerate(ws.iter_rows(max_col=COL_GUIDE, values_only=True), start=1):
        row = tuple(row) + (None,) * (COL_GUIDE - len(row))
        if r > limits.MAX_WORKBOOK_ROWS.value:
            if any(v not in (None, "") for v in row):
                raise ReportError(source, [Issue(f"{sheet_ref}!A{r}", limits.MAX_WORKBOOK_ROWS.describe(
                    what=f"a row {r:,}"))])
            continue
        rows.append(row)
    return rows


def read_assessment(path_or_file, rubric=None) -> dict:
    """Read a filled self-assessment workbook back into an assessment.

    The file is refused before it is parsed when it is larger than
    :data:`assess.limits.MAX_UPLOAD_BYTES` or its parts inflate beyond
    :data:`assess.limits.MAX_XLSX_UNCOMPRESSED_BYTES` (:func:`assess.io.safeio.check_xlsx`);
    then it is read streaming (openpyxl read-only), at most
    :data:`assess.limits.MAX_WORKBOOK_ROWS` rows, texts of at most
    :data:`assess.limits.MAX_CELL_CHARS` characters.

    Parameters
    ----------
    path_or_file : str, Path, bytes or file-like
        The ``.xlsx`` file (a path, its bytes or an open binary file, e.g. an upload).
    rubric : str or Rubric, optional
        Expected rubric; default the one named in the workbook (cell ``B2``).

    Returns
    -------
    dict
        ``{"rubric": id, "version": int, "answers": {criterion_id: {"level": int, "evidence": str}}}``
        with criteria in rubric order.

    Raises
    ------
    ReportError
        Listing every problem with its cell, e.g. ``Assessment!D8: missing level for criterion
        'goals_kpis'. Expected a level 0-4.``

    Examples
    --------
    >>> import io
    >>> buf = io.BytesIO(); make_template().save(buf); _ = buf.seek(0)
    >>> try:
    ...     read_assessment(buf)
    ... except ReportError as e:
    ...     print(e.issues[0])
    Assessment!D6: missing level for criterion 'vision'. Expected a level 0-4.
    """
    name = getattr(path_or_file, "name", None) if not isinstance(path_or_file, str | Path) else path_or_file
    source = Path(name).name if isinstance(name, str | Path) and str(name) else "workbook"
    data = _open(path_or_file, source)
    try:
        wb = load_workbook(data, data_only=True, read_only=True)
    except Exception as e:  # zipfile.BadZipFile, KeyError, XML errors, … of a file that is not a workbook
        raise ReportError(source, [Issue("", f"is not an Excel .xlsx workbook ({type(e).__name__}).")]) from None
    try:
        ws = _find_sheet(wb)
        if ws is None:
            expected = " or ".join(repr(s) for s in all_translations("Assessment", "sheet name").values())
            shown = [s if len(s) <= 31 else s[:31] + "…" for s in wb.sheetnames[:10]]
            raise ReportError(source, [Issue("", f"no sheet {expected}. Got sheets {shown} instead. "
                                             "Is this a self-assessment template from egov-assess?")])
        sheet = ws.title
        q = _quote(sheet) if re.search(r"[^A-Za-z0-9_]", sheet) else sheet
        try:
            grid = _read_rows(ws, source, q)
        except ReportError:
            raise
        except Exception as e:  # malformed sheet XML
            raise ReportError(source, [Issue(q, f"the sheet cannot be read ({type(e).__name__}).")]) from None
    finally:
        wb.close()
    return _answers(grid, source, sheet, q, rubric)


def _answers(grid, source, sheet, q, rubric) -> dict:
    def value(col, row):
        return grid[row - 1][col - 1] if row <= len(grid) else None

    def at(col, row):
        return f"{q}!{get_column_letter(col)}{row}"

    issues: list[Issue] = []

    def text(col, row):
        v = _cell_text(value(col, row))
        if isinstance(v, str) and limits.MAX_CELL_CHARS.exceeded(len(v)):
            issues.append(Issue(at(col, row), limits.MAX_CELL_CHARS.describe(len(v))))
            return v[: int(limits.MAX_CELL_CHARS.value)]
        return v

    version = text(2, 3)
    try:
        version_n = int(version) if isinstance(version, int | float) and float(version).is_integer() else \
            int(str(version).strip()) if str(version).strip().isdigit() else None
    except (TypeError, ValueError, OverflowError):
        version_n = None
    if version_n != TEMPLATE_VERSION:
        raise ReportError(source, [Issue(at(2, 3), f"template version {_short(version)} is not supported. "
                                                   f"Expected {TEMPLATE_VERSION}; generate a new template "
                                                   "with python -m assess template.")])
    rubric_id = text(2, 2)
    try:
        fw = _rubric(rubric if rubric is not None else (rubric_id or None))
    except ReportError:
        raise
    except Exception:
        raise ReportError(source, [Issue(at(2, 2), f"unknown rubric {_short(rubric_id)}.")]) from None
    if rubric is not None and rubric_id and rubric_id != fw.id:
        raise ReportError(source, [Issue(at(2, 2), f"rubric must be {fw.id!r}. Got {_short(rubric_id)} instead.")])

    # header row: the row whose column A reads "Id" (tolerates rows inserted above it)
    ids = _label_set("Id")
    header = next((r for r in range(1, min(len(grid), 40) + 1)
                   if str(_cell_text(value(COL_ID, r))).lower() in ids), None)
    if header is None:
        raise ReportError(source, [Issue(f"{q}!A{HEADER_ROW}", "header row not found: expected 'Id' in column A.")])

    known = {c.id.lower(): c.id for c in fw.criteria}
    answers: dict[str, dict] = {}
    seen: dict[str, int] = {}
    lo, hi = min(fw.levels), max(fw.levels)
    for r in range(header + 1, len(grid) + 1):
        cid = text(COL_ID, r)
        level_v = text(COL_LEVEL, r)
        evidence = text(COL_EVIDENCE, r)
        if cid == "" and level_v == "" and evidence == "":
            continue  # blank row
        if cid == "":
            if level_v != "":
                issues.append(Issue(at(COL_ID, r), "a level is given but the criterion id is empty."))
            continue
        key = str(cid).lower()
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {known[close[0]]!r}?)" if close else ""
            issues.append(Issue(at(COL_ID, r), f"unknown criterion {_short(cid)}{hint}. Expected one of the rubric's "
                                               f"{len(known)} criterion ids."))
            continue
        crit = known[key]
        if crit in seen:
            issues.append(Issue(at(COL_ID, r), f"criterion {crit!r} appears twice (first in row {seen[crit]})."))
            continue
        seen[crit] = r
        if level_v == "":
            issues.append(Issue(at(COL_LEVEL, r), f"missing level for criterion {crit!r}. Expected a level {lo}-{hi}."))
            continue
        level, problem = parse_level(level_v, fw.levels)
        if problem:
            issues.append(Issue(at(COL_LEVEL, r), f"{problem} for criterion {crit!r}."))
            continue
        answers[crit] = {"level": level, "evidence": evidence if isinstance(evidence, str) else str(evidence)}
    for c in fw.criteria:
        if c.id not in seen:
            issues.append(Issue(sheet, f"criterion {c.id!r} is missing: add a row with its id in column A."))
    if issues:
        raise ReportError(source, issues)
    ordered = {c.id: answers[c.id] for c in fw.criteria}
    return {"rubric": fw.id, "version": TEMPLATE_VERSION, "answers": ordered}

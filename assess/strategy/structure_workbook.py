"""The self-assessment workbook's strategy sheets: two assessors, the KPIs and the action points.

:func:`make_self_assessment` is the rubric template of :mod:`assess.strategy.workbook` plus three sheets:

- *Two assessors*: one row per criterion with each assessor's level and evidence, the reconciled level and its
  note (pre-filled from a saved assessment's ``assessors``/``reconciled``: :mod:`assess.strategy.assessors`);
- *KPIs*: id, names, goal, definition, unit, baseline and its year, target (and the upper end of a range),
  target date, owner body, data source (pre-filled from a strategy file);
- *Action points*: id, names, goal, owner body, start, end, status, budget line.

:func:`read_self_assessment` reads the whole workbook back: the rubric answers
(:func:`assess.strategy.workbook.read_assessment`) and what these sheets hold, each problem reported with its
sheet and cell in one :class:`~assess.errors.ReportError`. A workbook without these sheets (or with them
empty) reads as a one-assessor assessment.

Examples
--------
>>> import io
>>> from assess.strategy.checks import load_strategy
>>> wb = make_self_assessment(strategy="azerbaijan_digital_2026")
>>> wb.sheetnames
['Assessment', 'Instructions', 'Two assessors', 'KPIs', 'Action points']
>>> wb["KPIs"]["A4"].value, wb["KPIs"]["I4"].value, wb["KPIs"]["K4"].value
('k_processes_analysed', 80, '2028-07')
"""

from __future__ import annotations

import datetime as _dt
import difflib
import io
import math
import re

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from assess import limits
from assess.errors import Issue, ReportError
from assess.frameworks.vocabulary import ID_RE, STRATEGY
from assess.i18n import N_, all_translations, name_in, pt, t, translated
from assess.io.excel import restore_text, safe_text
from assess.strategy import workbook as wbk

__all__ = ["ACTION_COLUMNS", "KPI_COLUMNS", "make_self_assessment", "read_self_assessment", "read_structure",
           "write_self_assessment"]

#: Columns of the KPI sheet: (key, header, kind) — kind ``id``, ``text``, ``number``, ``date``, ``ref``; the header
#: is English, marked for the catalogues (:func:`assess.i18n.translated` gives the Azerbaijani).
KPI_COLUMNS = (("id", N_("Id"), "id"), ("name_en", N_("Name (English)"), "text"),
               ("name_az", N_("Name (Azerbaijani)"), "text"), ("goal", N_("Goal (id)"), "goal"),
               ("definition", N_("Definition"), "text"), ("unit", N_("Unit"), "text"),
               ("baseline", N_("Baseline"), "number"), ("baseline_year", N_("Baseline year"), "date"),
               ("target", N_("Target"), "number"), ("target_max", N_("Target, upper end of a range"), "number"),
               ("target_date", N_("Target date"), "date"), ("owner", N_("Owner body (id)"), "owner"),
               ("data_source", N_("Data source"), "text"))
#: Columns of the action-point sheet (the status of an action point is its *state*: its own translation).
ACTION_COLUMNS = (("id", N_("Id"), "id"), ("name_en", N_("Name (English)"), "text"),
                  ("name_az", N_("Name (Azerbaijani)"), "text"), ("goal", N_("Goal (id)"), "goal"),
                  ("owner", N_("Owner body (id)"), "owner"), ("start", N_("Start"), "date"), ("end", N_("End"), "date"),
                  ("status", N_("State of the action"), "status"), ("budget_line", N_("Budget line"), "text"))
ASSESSOR_HEADER_ROW, TABLE_HEADER_ROW = 6, 3
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _strategy(strategy):
    if strategy is None:
        return None
    from assess.strategy.checks import load_strategy

    return load_strategy(strategy)


def _header(ws, row, labels, widths):
    for j, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        c = ws.cell(row, j, label)
        c.font, c.fill, c.border = Font(bold=True, color="FFFFFF"), wbk._HEAD_FILL, wbk._BORDER
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(j)].width = width


def _title(ws, text):
    ws["A1"] = safe_text(text)
    ws["A1"].font = Font(bold=True, size=14, color="1F4E79")


def _cells(ws, row, values, inputs=()):
    for j, v in enumerate(values, start=1):
        c = ws.cell(row, j, safe_text(v))
        c.alignment, c.border = wbk._WRAP_TOP, wbk._BORDER
        if j in inputs:
            c.fill = wbk._INPUT_FILL


def add_structure_sheets(wb: Workbook, rubric, lang: str = "en", *, strategy=None, payload=None) -> Workbook:
    """Add the *Two assessors*, *KPIs* and *Action points* sheets to a template workbook (see the module)."""
    fw = wbk._rubric(rubric)
    s = _strategy(strategy if strategy is not None else (payload or {}).get("strategy"))
    payload = payload or {}
    people = list(payload.get("assessors") or []) + [{}, {}]
    rec = payload.get("reconciled") or {}
    options = wbk._level_options(fw, lang)
    # two assessors
    ws = wb.create_sheet(pt("sheet name", "Two assessors", lang))
    _title(ws, t("Two assessors: levels, discrepancies and the reconciled level", lang))
    for r, (label, value) in enumerate(((t("Strategy", lang), s.id if s else ""),
                                        (t("Assessor A", lang), people[0].get("name", "")),
                                        (t("Assessor B", lang), people[1].get("name", ""))), start=2):
        ws.cell(r, 1, label).font = Font(bold=True)
        ws.cell(r, 2, safe_text(value or None)).fill = wbk._INPUT_FILL
    _header(ws, ASSESSOR_HEADER_ROW, [t("Id", lang), t("Criterion", lang), t("Level (A)", lang),
                                      t("Evidence (A)", lang), t("Level (B)", lang), t("Evidence (B)", lang),
                                      t("Reconciled level", lang), t("Note (why this level)", lang)],
            (24, 30, 14, 40, 14, 40, 16, 44))
    row = ASSESSOR_HEADER_ROW + 1
    for c in fw.criteria:
        a = (people[0].get("answers") or {}).get(c.id) or {}
        b = (people[1].get("answers") or {}) .get(c.id) or {}
        r = rec.get(c.id) or {}
        _cells(ws, row, [c.id, name_in(c.name, lang, c.id), _option(options, fw, a.get("level")), a.get("evidence"),
                         _option(options, fw, b.get("level")), b.get("evidence"), _option(options, fw, r.get("level")),
                         r.get("note")], inputs=(3, 4, 5, 6, 7, 8))
        row += 1
    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True, showErrorMessage=True,
                        error=t("The level must be one of the list.", lang))
    for col in "CEG":
        dv.add(f"{col}{ASSESSOR_HEADER_ROW + 1}:{col}{row - 1}")
    ws.add_data_validation(dv)
    ws.freeze_panes = f"C{ASSESSOR_HEADER_ROW + 1}"
    # KPIs and action points
    kpis = payload.get("kpis") if payload.get("kpis") is not None else (kpi_rows(s) if s else [])
    acts = payload.get("action_points") if payload.get("action_points") is not None else (action_rows(s) if s else [])
    for key, title, columns, rows in (
            ("kpis", t("KPIs: definition, baseline, target, owner", lang), KPI_COLUMNS, kpis),
            ("actions", t("Action points: owner, dates, status, budget line", lang), ACTION_COLUMNS, acts)):
        ws = wb.create_sheet(pt("sheet name", "KPIs", lang) if key == "kpis" else pt("sheet name", "Action points", lang))
        _title(ws, title)
        _header(ws, TABLE_HEADER_ROW, [translated(label, lang) for _, label, _ in columns],
                [26 if kind in ("id", "goal", "owner") else 36 if kind == "text" else 13 for _, _, kind in columns])
        for i, item in enumerate(rows):
            _cells(ws, TABLE_HEADER_ROW + 1 + i, [item.get(k) for k, _, _ in columns],
                   inputs=tuple(range(1, len(columns) + 1)))
        if key == "actions":
            sv = DataValidation(type="list", formula1='"' + ",".join(STRATEGY["action_status"]) + '"',
                                allow_blank=True)
            col = get_column_letter([k for k, _, _ in columns].index("status") + 1)
            sv.add(f"{col}{TABLE_HEADER_ROW + 1}:{col}{TABLE_HEADER_ROW + 200}")
            ws.add_data_validation(sv)
        ws.freeze_panes = f"B{TABLE_HEADER_ROW + 1}"
    instr = wb[wbk._sheet_names(lang)[1]]
    r = instr.max_row + 2
    instr.cell(r, 1, t("5. With two assessors, each fills a level and evidence in '{sheet}'; where they differ, agree on a level, write it with a note, and enter it in the first sheet.", lang, sheet=pt("sheet name", "Two assessors", lang)))
    instr.cell(r + 1, 1, t("6. In '{kpis}' and '{actions}' enter the strategy's KPIs and action points with owners (body ids of the country model) and dates (YYYY, YYYY-MM or YYYY-MM-DD).", lang, kpis=pt("sheet name", "KPIs", lang), actions=pt("sheet name", "Action points", lang)))
    return wb


def _option(options, fw, level):
    return options[sorted(fw.levels).index(level)] if level in fw.levels else None


def kpi_rows(strategy) -> list[dict]:
    """The strategy's KPIs as rows of the KPI sheet (the shape :func:`read_structure` returns).

    Examples
    --------
    >>> kpi_rows("singapore_dgb")[5]["target"], kpi_rows("singapore_dgb")[5]["target_max"]
    (90, 95)
    """
    s = _strategy(strategy)
    out = []
    for k in s.kpis:
        tg, b = k.target, k.baseline
        out.append({"id": k.id, "name_en": k.name.get("en"), "name_az": k.name.get("az"), "goal": k.goal,
                    "definition": (k.definition or {}).get("en"), "unit": k.unit or None,
                    "baseline": None if b is None else b.value, "baseline_year": None if b is None else b.year,
                    "target": None if tg is None else tg.value, "target_max": None if tg is None else tg.value_max,
                    "target_date": None if tg is None else tg.date, "owner": k.owner,
                    "data_source": (k.data_source or {}).get("en")})
    return out


def action_rows(strategy) -> list[dict]:
    """The strategy's action points as rows of the action-point sheet.

    Examples
    --------
    >>> action_rows("azerbaijan_digital_2026")[3]["owner"], action_rows("azerbaijan_digital_2026")[3]["end"]
    ('cabinet', '2025-10')
    """
    s = _strategy(strategy)
    return [{"id": a.id, "name_en": a.name.get("en"), "name_az": a.name.get("az"), "goal": a.goal, "owner": a.owner,
             "start": a.start, "end": a.end, "status": a.status, "budget_line": (a.budget_line or {}).get("en")}
            for a in s.action_points]


def make_self_assessment(rubric=None, lang: str = "en", *, strategy=None, payload=None, fixed_date=None) -> Workbook:
    """The self-assessment workbook with the strategy sheets, pre-filled from a strategy file and/or a saved
    assessment's payload (answers, assessors, reconciled levels, KPIs, action points)."""
    payload = payload or {}
    wb = wbk.make_template(rubric, lang, answers=payload.get("answers"), fixed_date=fixed_date)
    return add_structure_sheets(wb, rubric, lang, strategy=strategy, payload=payload)


def write_self_assessment(path, rubric=None, lang: str = "en", **kw):
    """Write :func:`make_self_assessment` to ``path`` atomically and return the path."""
    from assess.io.excel import save_atomic

    return save_atomic(make_self_assessment(rubric, lang, **kw), path)


# --------------------------------------------------------------------------- reading
#: The strategy sheets by their English names (an importer accepts the name in any language).
_SHEETS = {"assessors": "Two assessors", "kpis": "KPIs", "action_points": "Action points"}  # pt("sheet name", …) above


def _find(wb, key):
    names = {v.strip().lower() for v in all_translations(_SHEETS[key], "sheet name").values()}
    return next((ws for ws in wb.worksheets if ws.title.strip().lower() in names), None)


def _grid(ws, columns: int) -> list[tuple]:
    rows = []
    for r, row in enumerate(ws.iter_rows(max_col=columns, values_only=True), start=1):
        if r > limits.MAX_WORKBOOK_ROWS.value:
            break
        rows.append(tuple(row) + (None,) * (columns - len(row)))
    return rows


def _value(v):
    if isinstance(v, str):
        v = restore_text(v).strip()
        return v or None
    return v


def _as_date(v, at, issues):
    if v is None:
        return None
    if isinstance(v, _dt.datetime | _dt.date):
        return v.date().isoformat() if isinstance(v, _dt.datetime) else v.isoformat()
    if isinstance(v, int | float) and not isinstance(v, bool) and float(v).is_integer() and 1000 <= v <= 9999:
        return str(int(v))
    text = str(v).strip()
    if _DATE.match(text):
        try:
            _dt.date(int(text[:4]), int(text[5:7] or 1) if len(text) > 4 else 1, int(text[8:10]) if len(text) > 7 else 1)
            return text
        except ValueError:
            pass
    issues.append(Issue(at, f"{wbk._short(text)} is not a date. Expected YYYY, YYYY-MM or YYYY-MM-DD."))
    return None


def _as_number(v, at, issues):
    if v is None:
        return None
    if isinstance(v, bool):
        issues.append(Issue(at, f"{v!r} is not a number."))
        return None
    if isinstance(v, int | float):
        if not math.isfinite(v):
            issues.append(Issue(at, "is not a finite number."))
            return None
        return int(v) if float(v).is_integer() else float(v)
    try:
        n = float(str(v).replace(",", ".").replace("%", "").strip())
    except ValueError:
        issues.append(Issue(at, f"{wbk._short(str(v))} is not a number."))
        return None
    if not math.isfinite(n):
        issues.append(Issue(at, "is not a finite number."))
        return None
    return int(n) if n.is_integer() else n


def _ref(v, at, known, what, issues):
    if v is None:
        return None
    text = str(v).strip()
    if known is not None and text not in known:
        close = difflib.get_close_matches(text, sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        issues.append(Issue(at, f"unknown {what} {wbk._short(text)}{hint}."))
        return None
    if known is None and not ID_RE.fullmatch(text):
        issues.append(Issue(at, f"{wbk._short(text)} is not an id (a-z, 0-9, _)."))
        return None
    return text


def _table(ws, columns, s, bodies, issues) -> list[dict]:
    q = wbk._quote(ws.title) if re.search(r"[^A-Za-z0-9_]", ws.title) else ws.title
    grid = _grid(ws, len(columns))
    goals = {g.id for g in s.goals} if s is not None else None
    seen: dict[str, int] = {}
    out = []
    for r in range(TABLE_HEADER_ROW + 1, len(grid) + 1):
        values = [_value(v) for v in grid[r - 1]]
        if all(v is None for v in values):
            continue
        item = {}
        for j, ((key, _, kind), v) in enumerate(zip(columns, values, strict=True), start=1):
            at = f"{q}!{get_column_letter(j)}{r}"
            if isinstance(v, str) and limits.MAX_CELL_CHARS.exceeded(len(v)):
                issues.append(Issue(at, limits.MAX_CELL_CHARS.describe(len(v))))
                v = v[: int(limits.MAX_CELL_CHARS.value)]
            if kind == "id":
                if v is None or not ID_RE.fullmatch(str(v)):
                    issues.append(Issue(at, f"{'an empty id' if v is None else wbk._short(str(v))}: expected an id "
                                            "(a-z, 0-9, _, starting with a letter)."))
                elif v in seen:
                    issues.append(Issue(at, f"id {v!r} appears twice (first in row {seen[v]})."))
                else:
                    seen[v] = r
                item[key] = v
            elif kind == "number":
                item[key] = _as_number(v, at, issues)
            elif kind == "date":
                item[key] = _as_date(v, at, issues)
            elif kind == "goal":
                item[key] = _ref(v, at, goals, "goal", issues)
            elif kind == "owner":
                item[key] = _ref(v, at, bodies, "owner body of the country model", issues)
            elif kind == "status":
                item[key] = None if v is None else str(v).strip().lower()
                if item[key] is not None and item[key] not in STRATEGY["action_status"]:
                    issues.append(Issue(at, f"status {wbk._short(str(v))}: expected one of "
                                            f"{', '.join(STRATEGY['action_status'])}."))
            else:
                item[key] = None if v is None else str(v)
        if item.get("name_en") is None:
            issues.append(Issue(f"{q}!B{r}", "the name (English) is empty."))
        out.append(item)
    return out


def _bodies(s):
    if s is None:
        return None
    from assess.frameworks import load_framework
    from assess.frameworks.vocabulary import BODY_TYPES

    m = load_framework(s.model)
    return {n.id for n in m.nodes if n.type in BODY_TYPES} | {g.id for g in s.model_gaps if g.type in BODY_TYPES}


def read_structure(path_or_file, rubric=None) -> dict:
    """What the strategy sheets of a filled workbook hold: ``strategy``, ``assessors``, ``reconciled``,
    ``kpis``, ``action_points`` (a key only when its sheet has content).

    Goals and owners are checked against the strategy named on the *Two assessors* sheet (owners must be
    bodies of its country model), levels like the rubric sheet's, dates as YYYY, YYYY-MM or YYYY-MM-DD.

    Raises
    ------
    ReportError
        Listing every problem with its sheet and cell.
    """
    name = getattr(path_or_file, "name", None) if not isinstance(path_or_file, str | bytes) else path_or_file
    source = str(name).rsplit("/", 1)[-1] if isinstance(name, str) and name else "workbook"
    data = wbk._open(path_or_file, source)
    try:
        wb = load_workbook(data, data_only=True, read_only=True)
    except Exception as e:  # not a workbook
        raise ReportError(source, [Issue("", f"is not an Excel .xlsx workbook ({type(e).__name__}).")]) from None
    fw = wbk._rubric(rubric)
    issues: list[Issue] = []
    out: dict = {}
    try:
        s = None
        ws = _find(wb, "assessors")
        if ws is not None:
            q = wbk._quote(ws.title) if re.search(r"[^A-Za-z0-9_]", ws.title) else ws.title
            grid = _grid(ws, 8)
            sid = _value(grid[1][1]) if len(grid) > 1 else None
            if sid is not None:
                try:
                    s = _strategy(str(sid))
                    out["strategy"] = s.id
                except Exception:  # an unknown id: reported, never a traceback
                    issues.append(Issue(f"{q}!B2", f"unknown strategy {wbk._short(str(sid))}. Expected the id of a "
                                                   "strategy file in frameworks/."))
            out.update(_assessors(grid, fw, q, issues))
        for key, columns in (("kpis", KPI_COLUMNS), ("action_points", ACTION_COLUMNS)):
            sheet = _find(wb, key)
            if sheet is not None:
                rows = _table(sheet, columns, s, _bodies(s), issues)
                if rows:
                    out[key] = rows
    finally:
        wb.close()
    if issues:
        raise ReportError(source, issues)
    return out


def _assessors(grid, fw, q, issues) -> dict:
    names = [_value(grid[r][1]) if len(grid) > r else None for r in (2, 3)]
    known = {c.id.lower(): c.id for c in fw.criteria}
    people = [{"name": str(n) if n else f"Assessor {ab}", "answers": {}} for n, ab in zip(names, "AB", strict=True)]
    reconciled: dict = {}
    for r in range(ASSESSOR_HEADER_ROW + 1, len(grid) + 1):
        values = [_value(v) for v in grid[r - 1]]
        if all(v is None for v in values[2:]):
            continue
        cid = str(values[0] or "").lower()
        if cid not in known:
            issues.append(Issue(f"{q}!A{r}", f"unknown criterion {wbk._short(str(values[0]))}."))
            continue
        crit = known[cid]
        for who, (lc, ec) in enumerate(((3, 4), (5, 6))):
            if values[lc - 1] is None:
                if values[ec - 1] is not None:
                    issues.append(Issue(f"{q}!{get_column_letter(lc)}{r}", f"evidence is given but no level for "
                                                                           f"{crit!r}."))
                continue
            level, problem = wbk.parse_level(values[lc - 1], fw.levels)
            if problem:
                issues.append(Issue(f"{q}!{get_column_letter(lc)}{r}", f"{problem} for criterion {crit!r}."))
                continue
            people[who]["answers"][crit] = {"level": level, "evidence": str(values[ec - 1] or "")}
        if values[6] is not None:
            level, problem = wbk.parse_level(values[6], fw.levels)
            if problem:
                issues.append(Issue(f"{q}!G{r}", f"{problem} for criterion {crit!r}."))
            elif values[7] is None:
                issues.append(Issue(f"{q}!H{r}", f"the reconciled level of {crit!r} needs a note saying why."))
            else:
                reconciled[crit] = {"level": level, "note": str(values[7])}
        elif values[7] is not None:
            issues.append(Issue(f"{q}!G{r}", f"a note is given but no reconciled level for {crit!r}."))
    out: dict = {}
    if any(p["answers"] for p in people):
        out["assessors"] = people
    if reconciled:
        out["reconciled"] = reconciled
    return out


def read_self_assessment(path_or_file, rubric=None) -> dict:
    """Read a whole filled workbook: the rubric answers and the strategy sheets (see :func:`read_structure`).

    Where two assessors differ on a criterion, the *Two assessors* sheet must give the reconciled level and a
    note, and that level must be the one on the first sheet.

    Examples
    --------
    >>> import io
    >>> from assess.strategy.assessors import reconcile
    >>> p = {"rubric": "strategic_structure", "strategy": "estonia_dsdp2030",
    ...      "answers": {c: {"level": 1, "evidence": "x"} for c in ("vision", "strategic_directions", "goals_kpis",
    ...                  "principles", "comprehensibility", "implementation_rules", "architecture_diagrams",
    ...                  "action_points", "legal_enabler", "organisational_enabler", "technical_enabler",
    ...                  "human_enabler", "financial_enabler", "governance_coordination", "citizen_orientation",
    ...                  "monitoring_evaluation", "document_set_coherence")},
    ...      "assessors": [{"name": "Aydan", "answers": {"vision": {"level": 3, "evidence": "p. 2"}}},
    ...                    {"name": "Babak", "answers": {"vision": {"level": 2, "evidence": "draft"}}}]}
    >>> p = reconcile(p, "vision", 3, "The approved text has it on p. 2.")
    >>> buf = io.BytesIO(); make_self_assessment(payload=p).save(buf)
    >>> got = read_self_assessment(buf.getvalue())
    >>> got["answers"]["vision"]["level"], got["reconciled"]["vision"], [x["name"] for x in got["assessors"]]
    (3, {'level': 3, 'note': 'The approved text has it on p. 2.'}, ['Aydan', 'Babak'])
    >>> len(got["kpis"]), got["kpis"][0]["target"], got["strategy"]
    (2, 2, 'estonia_dsdp2030')
    """
    raw = path_or_file.getvalue() if isinstance(path_or_file, io.BytesIO) else path_or_file
    if hasattr(raw, "read"):
        raw = raw.read(int(limits.MAX_UPLOAD_BYTES.value) + 1)
    name = getattr(path_or_file, "name", None)
    a = wbk.read_assessment(_named(raw, name), rubric)
    extra = read_structure(_named(raw, name), rubric)
    sheet = pt("sheet name", "Two assessors", "en")
    issues = []
    fw = wbk._rubric(rubric if rubric is not None else a["rubric"])
    rows = {c.id: i for i, c in enumerate(fw.criteria, start=wbk.FIRST_ROW)}
    people = extra.get("assessors") or []
    rec = extra.get("reconciled") or {}
    for crit, answer in a["answers"].items():
        la = (people[0]["answers"].get(crit) or {}).get("level") if people else None
        lb = (people[1]["answers"].get(crit) or {}).get("level") if len(people) > 1 else None
        if people and la is not None and lb is not None and la != lb and crit not in rec:
            issues.append(Issue(f"{sheet}!G{ASSESSOR_HEADER_ROW + 1 + list(rows).index(crit)}",
                                f"the assessors differ on {crit!r} ({la} and {lb}): give the reconciled level and "
                                "a note."))
        if crit in rec and rec[crit]["level"] != answer["level"]:
            issues.append(Issue(f"Assessment!D{rows[crit]}", f"level {answer['level']} differs from the reconciled "
                                                             f"level {rec[crit]['level']} of {crit!r}."))
    if issues:
        raise ReportError(str(name or "workbook"), issues)
    return {**a, **extra}


def _named(raw, name):
    if isinstance(raw, bytes | bytearray):
        buf = io.BytesIO(raw)
        if name:
            buf.name = name
        return buf
    return raw

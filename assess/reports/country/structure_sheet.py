"""The report's *Strategy structure* sheet: a strategy file's structure, what it lacks, the rubric levels it
evidences beside the judged ones, and the two assessors' levels with the reconciled level and its note.

:func:`structure_data` (analysis step) computes it from :mod:`assess.strategy` — the country's current
strategy by default (:func:`default_strategy`); :func:`structure_sheet` (drawing step) writes it.

Examples
--------
>>> from openpyxl import Workbook
>>> d = structure_data("AZE", None, None)
>>> d.strategy.id, d.summary["kpis"], int(d.levels.loc["monitoring_evaluation", "upper"])
('azerbaijan_digital_2026', 5, 3)
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
from openpyxl.styles import Font

from assess.i18n import name_in, pt, t
from assess.io.excel import print_setup, safe_text, sheet_title
from assess.reports.country.styles import (
    NOTE_FONT,
    WRAP,
    header_cells,
    section_title,
    sheet_heading,
    write_rows,
)

__all__ = ["StructureData", "default_strategy", "structure_data", "structure_sheet"]


class StructureData(NamedTuple):
    """What the *Strategy structure* sheet shows."""

    strategy: object
    summary: dict
    levels: pd.DataFrame
    findings: list
    assessors: pd.DataFrame | None


def default_strategy(iso3: str) -> str | None:
    """The id of the country's strategy file: the current one first, else the latest by period end.

    Examples
    --------
    >>> default_strategy("AZE"), default_strategy("EST"), default_strategy("DNK")
    ('azerbaijan_digital_2026', 'estonia_dsdp2030', None)
    """
    from assess.frameworks import list_frameworks, load_framework

    mine = [load_framework(r["id"]) for r in list_frameworks() if r["kind"] == "strategy"]
    mine = [s for s in mine if s.country == iso3]
    if not mine:
        return None
    mine.sort(key=lambda s: (s.status == "current", s.period[1] or "", s.id), reverse=True)
    return mine[0].id


def structure_data(iso3: str, strategy, payload) -> StructureData | None:
    """Compute the sheet for ``strategy`` (an id; default :func:`default_strategy`); ``payload`` is the saved
    assessment (its answers are the judged levels, its ``assessors`` the two assessors), or ``None``."""
    from assess.strategy.assessors import assessor_table
    from assess.strategy.checks import check_strategy, load_strategy, structure_summary
    from assess.strategy.rubric import level_comparison

    payload = payload or {}
    sid = strategy or payload.get("strategy") or default_strategy(iso3)
    if sid is None:
        return None
    s = load_strategy(sid)
    answers = payload.get("answers")
    levels = level_comparison(s, judged=answers if answers else None)
    people = assessor_table(payload) if payload.get("assessors") else None
    return StructureData(s, structure_summary(s), levels, check_strategy(s), people)


def structure_sheet(wb, data):
    """*Strategy structure*: counts, computed against judged levels, two assessors, traceability findings.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> ws = structure_sheet(Workbook(), report_data("AZE", compare=["SGP"]))
    >>> ws["A1"].value
    'Strategy structure: Azerbaijan: Digital Development Concept (2025) and Action Plan for Accelerating Digital Development 2026-2028'
    """
    d = data.structure
    if d is None:
        return None
    lang = data.lang
    s = d.strategy
    ws = wb.create_sheet(sheet_title(pt("sheet name", "Strategy structure", lang), wb.sheetnames))
    sheet_heading(ws, t("Strategy structure: {strategy}", lang, strategy=name_in(s.name, lang, s.id)),
                  f"{s.id} · {s.model} · {s.status} · {s.as_of}")
    c = d.summary
    r = 3
    section_title(ws, r, t("What the structure has", lang))
    header_cells(ws, r + 1, 1, [t("Item", lang), t("Count", lang)], [34, 16])
    rows = [("directions", c["directions"]), ("goals", c["goals"]), ("KPIs", c["kpis"]),
            ("KPIs with a numeric target", c["kpis_numeric_target"]), ("KPIs with a target date", c["kpis_target_date"]),
            ("KPIs with an owner named by a source", c["kpis_owner_stated"]),
            ("KPIs with an inferred owner", c["kpis_owner_inferred"]), ("KPIs with a baseline", c["kpis_baseline"]),
            ("KPIs with reported values", c["kpis_reported"]), ("action points", c["action_points"]),
            ("action points with an owner", c["actions_owner"]),
            ("action points with start and end", c["actions_both_dates"]),
            ("action points with a budget line", c["actions_budget_line"]),
            ("principles saying what they require", c["principles_with_requires"]),
            ("implementation rules", c["rules"]), ("enablers", c["enablers"]), ("diagrams", c["diagrams"]),
            ("verified elements", f"{c['elements_verified']} / {c['elements']}")]
    r = write_rows(ws, r + 2, 1, [list(x) for x in rows]) + 2
    section_title(ws, r, t("Levels computed from the structure beside the judged level", lang))
    header_cells(ws, r + 1, 1, [t("Criterion", lang), t("From verified elements", lang), t("From all elements", lang),
                                t("Judged", lang), t("Disagreement", lang), t("Why (all elements)", lang)],
                 [34, 16, 16, 12, 20, 90])
    from assess.frameworks import load_framework

    rub = load_framework("strategic_structure")
    names = {x.id: name_in(x.name, lang, x.id) for x in rub.criteria}
    lv = d.levels
    rows = [[names.get(cid, cid), _int(row.lower), _int(row.upper), _int(row.judged), row.flag, row.reason_upper]
            for cid, row in lv.iterrows()]
    r = write_rows(ws, r + 2, 1, rows, highlight=lambda v: bool(v[4]) and v[4] != "judgement only") + 1
    note = ws.cell(r, 1, safe_text(t("Levels from the structure follow the rules of assess.strategy.rubric: a level is reached only when every lower level's condition holds; the first column counts verified elements and links the source states, the second every element of the file. A judged level outside that range is not supported by the file's evidence (which may lack what the documents hold).", lang)))
    note.font, note.alignment = NOTE_FONT, WRAP
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
    ws.row_dimensions[r].height = 45
    r += 2
    section_title(ws, r, t("Two assessors and the reconciled level", lang))
    if d.assessors is None or d.assessors.empty:
        ws.cell(r + 1, 1, t("This assessment has one assessor.", lang)).font = NOTE_FONT
        r += 3
    else:
        a, b = (d.assessors.attrs.get("names") or ["A", "B"])[:2]
        header_cells(ws, r + 1, 1, [t("Criterion", lang), a or "A", b or "B", t("Reconciled level", lang),
                                    t("Note (why this level)", lang), t("Level", lang)])
        rows = [[names.get(cid, cid), x.a, x.b, x.reconciled, x.note, x.level] for cid, x in d.assessors.iterrows()]
        r = write_rows(ws, r + 2, 1, rows, highlight=lambda v: v[1] != v[2]) + 2
    section_title(ws, r, t("Traceability findings: what is missing", lang))
    header_cells(ws, r + 1, 1, [t("Rule", lang), t("Element", lang), t("What is missing", lang)])
    rows = [[f.rule, f.element, f.message] for f in sorted(d.findings, key=lambda f: f.severity != "gap")]
    last = write_rows(ws, r + 2, 1, rows)
    for row in range(r + 2, last + 1):
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=6)
    ws.cell(1, 1).font = Font(bold=True, size=14, color="1F4E79")
    print_setup(ws, data.header)
    return ws


def _int(v):
    return None if v is None or pd.isna(v) else int(v)

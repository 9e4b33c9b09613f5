"""The *GTMI & evidence* sheet: the country's World Bank GTMI (latest edition, composite and components), the 48 key
indicators by their official names (of their own edition), the capability evidence for the report's year, and the
country model cross-checked against it.

Examples
--------
>>> from openpyxl import Workbook
>>> from assess.reports.country.analysis import report_data
>>> ws = gtmi_sheet(Workbook(), report_data("AZE", compare=["SGP"]))
>>> ws["A1"].value, ws["A5"].value, round(ws["B5"].value, 4)
('World Bank GovTech Maturity Index and evidence: Azerbaijan', 'GTMI 2025', 0.7689)
"""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from assess.i18n import t
from assess.io.excel import print_setup, sheet_title
from assess.reports.country.styles import (
    NOTE_FONT,
    header_cells,
    merged_rows,
    section_title,
    sheet_heading,
    write_rows,
)

__all__ = ["gtmi_sheet"]


def _values(vals) -> str:
    return "; ".join(f"{v['indicator']} = {v['value']:g} ({v['source']} {v['edition']})" for v in vals
                     if v["value"] is not None)


def gtmi_sheet(wb, data):
    """Add the *GTMI & evidence* sheet (see the module docstring) and return it."""
    lang = data.lang
    ws = wb.create_sheet(sheet_title(t("sheet_gtmi", lang), wb.sheetnames))
    for j, w in enumerate([12, 70, 12, 22, 40], start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    sheet_heading(ws, t("gtmi_title", lang, country=data.name(data.iso3)), t("gtmi_sub", lang))
    g = data.gtmi_detail
    r = 4
    section_title(ws, r, t("gtmi", lang))
    if g is None:
        merged_rows(ws, r + 1, [(1, 5)], [[t("gtmi_none", lang)]])
        r += 3
    else:
        rows = [[f"GTMI {g['edition']}", g["gtmi"], f"{t('group', lang)} {g['group']}", g["group_name"]]]
        rows += [[c["id"].upper(), c["value"], None, c["name"] if lang == "en" else c["name_az"]]
                 for c in g["components"]]
        r = write_rows(ws, r + 1, 1, rows, [None, "0.000", None, None]) + 2
        section_title(ws, r, t("gtmi_key", lang, edition=g["key_edition"]))
        note = [t("gtmi_key_note", lang)] + ([g["key_note"]] if g["key_note"] else [])
        merged_rows(ws, r + 1, [(1, 5)], [[" ".join(note)]], small=True)
        ws.cell(r + 1, 1).font = NOTE_FONT
        header_cells(ws, r + 2, 1, [t("col_code", lang), t("col_official_name", lang), t("col_value", lang),
                                    t("col_component", lang), t("col_scale", lang)])
        k = g["key_indicators"]
        rows = [[x.code, x.name, None if x.value != x.value else float(x.value), x.component, x.scale]
                for x in k.itertuples()]
        last = write_rows(ws, r + 3, 1, rows, [None, None, "0.###", None, None])
        for rr in range(r + 3, last + 1):
            for cc in (2, 5):
                ws.cell(rr, cc).alignment = Alignment(wrap_text=True, vertical="top")
        r = last + 2
    ev = data.evidence
    if ev is not None:
        section_title(ws, r, t("evidence_title", lang, year=data.year))
        merged_rows(ws, r + 1, [(1, 5)], [[t("evidence_note", lang)]], small=True)
        ws.cell(r + 1, 1).font = NOTE_FONT
        header_cells(ws, r + 2, 1, [t("col_state", lang), t("col_capability", lang), "", "", t("col_values", lang)])
        rows = [[x.state, x.capability, None, None, _values(x.values) or next(
            (v["reason"] for v in x.values if v["reason"]), "")] for x in ev.itertuples() if x.coverage == "decided"]
        r = write_rows(ws, r + 3, 1, rows) + 2
    xc = data.cross_check
    if xc is not None and data.model is not None:
        section_title(ws, r, t("crosscheck_title", lang, model=data.model.id))
        dis = xc[xc["disagreement"]] if len(xc) else xc
        if xc.empty:
            rows = [[xc.attrs.get("note", "")]]
        else:
            rows = [[f"{x.capability}: {x.finding.replace('_', ' ')} ({x.state}; {x.values})"
                     + (f" — {', '.join(x.model_nodes)}" if x.model_nodes else "")] for x in dis.itertuples()]
            rows = rows or [[t("crosscheck_none", lang)]]
        r = merged_rows(ws, r + 1, [(1, 5)], rows) + 1
    print_setup(ws, data.header)
    return ws

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

from assess.i18n import pt, t
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
    ws = wb.create_sheet(sheet_title(pt("sheet name", "GTMI & evidence", lang), wb.sheetnames))
    for j, w in enumerate([12, 70, 12, 22, 40], start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    sheet_heading(ws, t("World Bank GovTech Maturity Index and evidence: {country}", lang, country=data.name(data.iso3)), t("Composite, components and group of the latest edition; the 48 key indicators by their official names (World Bank Data360); capabilities from the evidence.", lang))
    g = data.gtmi_detail
    r = 4
    section_title(ws, r, t("GovTech Maturity Index (GTMI)", lang))
    if g is None:
        merged_rows(ws, r + 1, [(1, 5)], [[t("The country is not in the latest GTMI edition.", lang)]])
        r += 3
    else:
        group = t("Group", lang)
        rows = [[f"GTMI {g['edition']}", g["gtmi"], f"{group} {g['group']}", g["group_name"]]]
        rows += [[c["id"].upper(), c["value"], None, c["name"] if lang == "en" else c["name_az"]]
                 for c in g["components"]]
        r = write_rows(ws, r + 1, 1, rows, [None, "0.000", None, None]) + 2
        section_title(ws, r, t("Key indicators of GTMI {edition}", lang, edition=g["key_edition"]))
        note = [t("Names are the World Bank's survey questions as asked in that edition (English, official); a code re-used for another question carries that edition's question.", lang)] + ([g["key_note"]] if g["key_note"] else [])
        merged_rows(ws, r + 1, [(1, 5)], [[" ".join(note)]], small=True)
        ws.cell(r + 1, 1).font = NOTE_FONT
        header_cells(ws, r + 2, 1, [t("Code", lang), t("Official name (question)", lang), t("Value", lang),
                                    t("Component", lang), t("Scale", lang)])
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
        section_title(ws, r, t("Capabilities from the published evidence ({year})", lang, year=data.year))
        merged_rows(ws, r + 1, [(1, 5)], [[t("present / partial / absent: the evidence says so; unknown: the values a rule needs are missing. Each source answers with its latest edition at most two years before the year (frameworks/capability_evidence.yaml).", lang)]], small=True)
        ws.cell(r + 1, 1).font = NOTE_FONT
        header_cells(ws, r + 2, 1, [t("State", lang), t("Capability", lang), "", "", t("Values (source, edition)", lang)])
        rows = [[x.state, x.capability, None, None, _values(x.values) or next(
            (v["reason"] for v in x.values if v["reason"]), "")] for x in ev.itertuples() if x.coverage == "decided"]
        r = write_rows(ws, r + 3, 1, rows) + 2
    xc = data.cross_check
    if xc is not None and data.model is not None:
        section_title(ws, r, t("The model {model} against the evidence: disagreements", lang, model=data.model.id))
        dis = xc[xc["disagreement"]] if len(xc) else xc
        if xc.empty:
            rows = [[xc.attrs.get("note", "")]]
        else:
            rows = [[f"{x.capability}: {x.finding.replace('_', ' ')} ({x.state}; {x.values})"
                     + (f" — {', '.join(x.model_nodes)}" if x.model_nodes else "")] for x in dis.itertuples()]
            rows = rows or [[t("No disagreement.", lang)]]
        r = merged_rows(ws, r + 1, [(1, 5)], rows) + 1
    print_setup(ws, data.header)
    return ws

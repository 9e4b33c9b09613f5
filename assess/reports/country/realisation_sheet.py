"""*What came true*: the status of each element of the paper's proposal against today's model (drawing only).

The numbers come from :func:`assess.model.realised.realisation` and
:func:`~assess.model.realised.realisation_history`, computed in :func:`assess.reports.country.analysis.report_data`
when a realisation file joins the report's model to another (``azerbaijan_proposal`` and ``azerbaijan_today``);
the sheets are left out of reports whose model has none. Status cells are filled with the colours of
:data:`assess.reports.figures.STATUS_COLOURS`; a second sheet, *What came true by year*, shows the 2013 → today
timeline as a grid of coloured letters.

Examples
--------
>>> from openpyxl import Workbook
>>> from assess.reports.country.analysis import report_data
>>> ws = realisation_sheet(Workbook(), report_data("AZE", compare=["SGP"], lang="az"))
>>> ws.title, ws["A1"].value
('Nə həyata keçdi', 'Təklifdən nə həyata keçdi')
>>> next(r for r in ws.iter_rows(values_only=True) if r[0] == "İnformasiya Texnologiyaları Ali Şurası")[2:5]
('həyata keçib', 'həyata keçib', '2026-02-27')
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from assess.frameworks.vocabulary import NODE_TYPE_LABELS
from assess.i18n import name_in, pt, t, translated
from assess.io.excel import print_setup, sheet_title
from assess.model.realised import status_word
from assess.reports.country.styles import (
    NOTE_FONT,
    header_cells,
    merged_rows,
    section_title,
    sheet_heading,
    write_rows,
)

__all__ = ["realisation_sheet"]

WIDTHS = [34, 11, 13, 13, 11, 30, 44, 46]
STATUSES = ("realised", "partly", "not", "superseded", "unknown")


def _word(status: str, lang: str) -> str:
    """A status as the sheets name it (:func:`assess.model.realised.status_word`)."""
    return status_word(status, lang)


def _letter(status: str, lang: str) -> str:
    """The one-letter status of the year grid (R, P, N, S, ? in English)."""
    letters = {"realised": pt("realisation status letter", "R", lang),
               "partly": pt("realisation status letter", "P", lang), "not": pt("realisation status letter", "N", lang),
               "superseded": pt("realisation status letter", "S", lang)}
    return letters.get(status, "?")


def _fill(status: str) -> PatternFill:
    from assess.reports.figures import STATUS_COLOURS

    return PatternFill("solid", fgColor=STATUS_COLOURS.get(status, "#FFFFFF").lstrip("#").upper())


def _when(citation: dict) -> str:
    return f" ({citation['date']})" if citation.get("date") else ""


def _evidence(citations, lang: str = "en") -> str:
    """Citations in short: ``publisher (date): URL`` one per line, unverified ones flagged (titles are in the
    framework file and in the dashboard)."""
    flag = " [" + t("not verified", lang) + "]"
    return "\n".join(f"{c.get('publisher') or ''}{_when(c)}: {c.get('url', '')}"
                     + (flag if c.get("verified") is False else "") for c in citations or ())


def realisation_sheet(wb, data):
    """*What came true*: status counts and the element table (status, the analyst's judgement, since, realised by,
    why, evidence); then the sheet *What came true by year*."""
    lang, table = data.lang, data.realisation
    ws = wb.create_sheet(sheet_title(pt("sheet name", "What came true", lang), wb.sheetnames))
    for j, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    proposal, current = data.realisation_models
    year = int(table["as_of"].iloc[0])
    sheet_heading(ws, t("What of the proposal came true", lang), t("{proposal} against {current}, as of {year}", lang, proposal=name_in(proposal.name, lang, proposal.id),
                                                current=name_in(current.name, lang, current.id), year=year))
    ncol = len(WIDTHS)
    merged_rows(ws, 3, [(1, ncol)], [[t("Each status is derived by egov-assess from the explicit links of the realisation file (never from names), the dates of today's model, the capability tags and the paper's structure: realised = elements of today's model carry it, with its capabilities, in the place the paper gave it; partly = linked elements cover part of it, sit elsewhere or are no body; not = nothing realises it; superseded = something else took its place; unknown = not assessed. The analyst's own judgement is shown next to it.", lang)]], small=True)
    ws.cell(3, 1).font = NOTE_FONT
    r = 5
    section_title(ws, r, t("Status", lang))
    counts = table["status"].value_counts()
    statuses = list(STATUSES)
    header_cells(ws, r + 1, 1, [_word(s, lang) for s in statuses])
    write_rows(ws, r + 2, 1, [[int(counts.get(s, 0)) for s in statuses]])
    for j, s in enumerate(statuses, start=1):
        ws.cell(r + 1, j).fill = _fill(s)
        ws.cell(r + 1, j).font = Font(bold=True, color="1F2D3D" if s == "unknown" else "FFFFFF")
    known = table["agrees"].dropna()
    merged_rows(ws, r + 3, [(1, ncol)], [[t("The derived status agrees with the analyst's judgement for {n} of {total} assessed elements.", lang, n=int(known.sum()), total=len(known))]], small=True)
    r += 5
    section_title(ws, r, t("Element by element", lang))
    header_cells(ws, r + 1, 1, [t("Proposal element", lang), t("Type", lang), t("Status", lang), t("Analyst", lang),
                                t("Since", lang), t("Realised by (today's model)", lang), t("Why", lang),
                                t("Evidence", lang)])
    names = {n.id: name_in(n.name, lang, n.id) for n in current.nodes}
    rows = []
    for x in table.itertuples():
        element = x.name_az if lang == "az" and x.name_az else x.name
        kind = translated(NODE_TYPE_LABELS[x.type], lang) if x.type in NODE_TYPE_LABELS else x.type
        rows.append([element, kind, _word(x.status, lang), _word(x.analyst, lang) if x.analyst else "", x.since or "",
                     ", ".join(names.get(i, i) for i in x.realised_by), x.why or "", _evidence(x.evidence, lang)])
    last = write_rows(ws, r + 2, 1, rows)
    for rr, x in zip(range(r + 2, last + 1), table.itertuples(), strict=True):
        ws.cell(rr, 3).fill = _fill(x.status)
        ws.cell(rr, 3).font = Font(bold=True, color="1F2D3D" if x.status == "unknown" else "FFFFFF")
    print_setup(ws, data.header)
    _years_sheet(wb, data, [row[0] for row in rows])
    return ws


def _years_sheet(wb, data, names):
    """*… by year*: the status of every element in every year, 2013 → today (one coloured letter per cell)."""
    lang, table, history = data.lang, data.realisation, data.realisation_history
    ws = wb.create_sheet(sheet_title(pt("sheet name", "What came true by year", lang), wb.sheetnames))
    years = sorted(int(y) for y in history["year"].unique())
    ws.column_dimensions["A"].width = 48
    for j in range(len(years)):
        ws.column_dimensions[get_column_letter(2 + j)].width = 6
    sheet_heading(ws, t("Year by year", lang), t("Status of each element in each year (R realised, P partly, N not, S superseded, ? unknown).", lang))
    header_cells(ws, 4, 1, [t("Proposal element", lang), *[str(y) for y in years]])
    grid = history.pivot(index="element", columns="year", values="status")
    for r, (element, name) in enumerate(zip(table["element"], names, strict=True), start=5):
        ws.cell(r, 1, name).alignment = Alignment(wrap_text=True, vertical="top")
        for j, y in enumerate(years):
            status = grid.loc[element, y]
            c = ws.cell(r, 2 + j, _letter(status, lang))
            c.fill, c.alignment = _fill(status), Alignment(horizontal="center")
            c.font = Font(bold=True, color="1F2D3D" if status == "unknown" else "FFFFFF")
    print_setup(ws, data.header, portrait=False)
    return ws

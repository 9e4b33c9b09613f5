"""The sheets on the UN index: Summary, Scores, Trends, Comparison and Gaps (openpyxl drawing only).

Each function adds one sheet to a workbook from a :class:`~assess.reports.country.analysis.ReportData`
and returns it; labels come from :func:`assess.i18n.t`. Every figure is a value (no formulas) and the
charts are native Excel charts over the sheet's own cells.

Examples
--------
>>> from openpyxl import Workbook
>>> from assess.reports.country.analysis import report_data
>>> wb, d = Workbook(), report_data("AZE", compare=["SGP"])
>>> ws = scores_sheet(wb, d)
>>> ws.title, ws["D2"].value, ws.freeze_panes
('Scores', 0.96912, 'C2')
"""

from __future__ import annotations

import numpy as np
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import ColorScaleRule, IconSetRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from assess.i18n import N_, excel_date_format, pt, t, translated
from assess.indices.timeseries import method_breaks
from assess.io.excel import print_setup, safe_text, sheet_title
from assess.reports.country.narrative import SHORT, group_label, index_name
from assess.reports.country.styles import (
    BORDER,
    KEY_FILL,
    SCORE_FMT,
    WRAP,
    define_name,
    header_cells,
    section_title,
    sheet_heading,
    write_rows,
)

__all__ = ["comparison_sheet", "gaps_sheet", "scores_sheet", "summary_sheet", "trends_sheet"]

COMPONENTS = ("osi", "hci", "tii", "epi")
#: The references of the Gaps sheet that are not countries (:func:`assess.indices.gaps.gap`).
REFERENCE_LABELS = {"frontier": N_("Frontier (best value of each component)"), "next_group": N_("Next group (its threshold)")}


def summary_sheet(wb, data, paragraphs):
    """The *Summary* (the workbook's first sheet): country, comparators, editions, sources, the headline
    figures with workbook names (``EGDI``, ``EGDI_Rank``, ``EGDI_Group``, ``EGDI_Class``, ``EGDI_Change``,
    ``EGDI_RankChange``, ``Country``, ``Edition``) and the narrative ``paragraphs``.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> wb = Workbook()
    >>> ws = summary_sheet(wb, report_data("AZE", compare=["SGP"]), ["A paragraph."])
    >>> ws["B11"].value, ws["B12"].value, ws["C12"].value
    (0.76073, 74, 'rank 74 of 193')
    """
    lang, iso3, y, cur = data.lang, data.iso3, data.year, data.current
    ws = wb.active
    ws.title = sheet_title(pt("sheet name", "Summary", lang))
    name = data.name(iso3)
    sheet_heading(ws, t("E-government assessment: {country}", lang, country=name))
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 16
    for col in "CDEFGH":
        ws.column_dimensions[col].width = 14
    meta = [
        (t("Country", lang), f"{name} ({iso3})"),
        (t("Comparators", lang), ", ".join(f"{data.name(c)} ({c})" for c in data.compare) or "-"),
        (t("Editions used", lang), t("UN E-Government Survey {year}", lang, year=y) + "; " + ", ".join(map(str, data.editions))),
        (t("Sources", lang), "; ".join(translated(ds.publisher, lang).split(",")[0] + f" ({s})" for s, ds in data.sources)),
        (t("Date", lang), data.date.date()),
    ]
    for r, (k, v) in enumerate(meta, start=3):
        ws.cell(r, 1, k).font = Font(bold=True)
        c = ws.cell(r, 2, safe_text(v))
        c.alignment = Alignment(wrap_text=False, vertical="top", horizontal="left")
    ws["B7"].number_format = excel_date_format()  # styles.localise_formats tags every format with the language
    define_name(wb, "Country", ws, "$B$3")
    row = 9
    section_title(ws, row, t("Headline figures", lang))
    head = [
        (index_name("egdi", lang), cur["egdi"], SCORE_FMT, "EGDI"),
        (t("Rank", lang), int(cur["egdi_rank"]), "0", None),
        (t("Group", lang), group_label(cur["group"], lang), None, "EGDI_Group"),
        (t("Rating class (approximation)", lang), cur["class"], None, "EGDI_Class"),
    ]
    if data.previous is not None:
        head += [(t("Change since {year}", lang, year=data.previous_year), round(data.egdi_change, 6),
                  "+0.00000;-0.00000;0.00000", "EGDI_Change"),
                 (t("Rank change since {year}", lang, year=data.previous_year), data.rank_change, "+0;-0;0",
                  "EGDI_RankChange")]
    head += [(index_name(c, lang), cur[c], SCORE_FMT, None) for c in COMPONENTS]
    if data.gtmi is not None:
        gy, gv, gg = data.gtmi
        head.append((f"{index_name('gtmi', lang)} {gy}", gv, SCORE_FMT, None))
        head.append((t("GTMI group, {year}", lang, year=gy), gg, None, None))
    # row 10 = header, row 11 = EGDI, row 12 = rank
    header_cells(ws, row + 1, 1, [t("Item", lang), t("Value", lang)])
    r = row + 2
    for label, value, fmt, nm in head:
        ws.cell(r, 1, label).border = BORDER
        c = ws.cell(r, 2, safe_text(float(value) if isinstance(value, float | np.floating) else value))
        c.border, c.font, c.fill = BORDER, Font(bold=True), KEY_FILL
        c.alignment = Alignment(horizontal="right")
        if fmt:
            c.number_format = fmt
        if nm:
            define_name(wb, nm, ws, f"$B${r}")
        if label == t("Rank", lang):
            define_name(wb, "EGDI_Rank", ws, f"$B${r}")
            note = ws.cell(r, 3, t("rank {rank} of {n}", lang, rank=int(value), n=int(cur["n"])))
            note.font = Font(italic=True, color="595959")
        r += 1
    define_name(wb, "Edition", ws, "$B$5")
    r += 1
    section_title(ws, r, t("Where the country stands", lang))
    r += 1
    for para in paragraphs:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
        c = ws.cell(r, 1, safe_text(para))
        c.alignment = WRAP
        ws.row_dimensions[r].height = 15 * (1 + len(para) // 120)
        r += 1
    print_setup(ws, data.header, None, portrait=False)
    return ws


def scores_sheet(wb, data):
    """*Scores*: every unit in every edition as an Excel table, colour scales on the components and
    traffic lights on the EGDI.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> ws = scores_sheet(Workbook(), report_data("AZE", compare=["SGP"]))
    >>> [c.value for c in ws[3]][:5], ws.tables["Scores"].ref
    (['AZE', 'Azerbaijan', 2024, 0.76073, 74], 'A1:K25')
    """
    lang = data.lang
    ws = wb.create_sheet(sheet_title(pt("sheet name", "Scores", lang), wb.sheetnames))
    d = data.table.sort_values(["year", "egdi_rank"], ascending=[False, True])
    heads = [t("ISO3", lang), t("Country", lang), t("Edition", lang), "EGDI", t("Rank", lang),
             t("Group", lang), t("Rating class", lang), "OSI", "HCI", "TII", "EPI"]
    header_cells(ws, 1, 1, heads, [8, 26, 9, 10, 8, 12, 8, 10, 10, 10, 10])
    rows = [(r.iso3, data.names.get(r.iso3, r.country), int(r.year), r.egdi, int(r.egdi_rank),
             group_label(r.group, lang), r["class"], r.osi, r.hci, r.tii, r.epi) for _, r in d.iterrows()]
    fmts = [None, None, "0", SCORE_FMT, "0", None, None, SCORE_FMT, SCORE_FMT, SCORE_FMT, SCORE_FMT]
    last = write_rows(ws, 2, 1, rows, fmts)
    tab = Table(displayName="Scores", ref=f"A1:K{last}")
    tab.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True, showColumnStripes=False)
    ws.add_table(tab)
    for col in "HIJK":
        ws.conditional_formatting.add(f"{col}2:{col}{last}", ColorScaleRule(
            start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=0.5,
            mid_color="FFEB84", end_type="num", end_value=1, end_color="63BE7B"))
    ws.conditional_formatting.add(f"D2:D{last}", IconSetRule("4TrafficLights", "num", [0, 0.25, 0.5, 0.75],
                                                             showValue=True))
    ws.freeze_panes = "C2"
    print_setup(ws, data.header, "1:1")
    return ws


def trends_sheet(wb, data):
    """*Trends*: EGDI and rank of every unit per edition up to the report's, with a line chart of each.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> ws = trends_sheet(Workbook(), report_data("AZE", compare=["SGP"], edition=2022))
    >>> ws["A15"].value, ws["B15"].value, len(ws._charts)
    (2022, 0.6937, 2)
    """
    lang, units = data.lang, list(data.units)
    ws = wb.create_sheet(sheet_title(pt("sheet name", "Trends", lang), wb.sheetnames))
    breaks = [str(y) for y, (is_break, _) in sorted(method_breaks().items()) if is_break and y in data.editions]
    sheet_heading(ws, t("EGDI by edition", lang),
                  t("Method breaks in {years}: compare editions with care (the sheet “{sheet}” says what changed).",
                    lang, years=", ".join(breaks), sheet=pt("sheet name", "Method & sources", lang)))
    d, years = data.table, list(data.editions)
    top = 4
    ws.column_dimensions["A"].width = 10
    header_cells(ws, top, 1, [t("Edition", lang)] + units, [10] + [9] * len(units))
    egdi = d.pivot(index="year", columns="iso3", values="egdi").reindex(index=years, columns=units)
    rank = d.pivot(index="year", columns="iso3", values="egdi_rank").reindex(index=years, columns=units)
    last = write_rows(ws, top + 1, 1, [[y, *egdi.loc[y].tolist()] for y in years], ["0"] + [SCORE_FMT] * len(units))
    rtop = last + 2
    section_title(ws, rtop, t("EGDI rank by edition (lower is better)", lang))
    header_cells(ws, rtop + 1, 1, [t("Edition", lang)] + units)
    rlast = write_rows(ws, rtop + 2, 1, [[y, *rank.loc[y].tolist()] for y in years], ["0"] + ["0"] * len(units))
    ncol = len(units) + 1
    anchor_col = get_column_letter(ncol + 2)
    for k, (title, first, lastrow, reverse) in enumerate(
            [(t("EGDI by edition", lang), top, last, False),
             (t("EGDI rank by edition (lower is better)", lang), rtop + 1, rlast, True)]):
        ch = LineChart()
        ch.title = title
        ch.height, ch.width = 7.5, 17
        ch.y_axis.title = "EGDI" if not reverse else t("Rank", lang)
        ch.y_axis.numFmt = "0.00" if not reverse else "0"
        ch.y_axis.majorGridlines = None if reverse else ch.y_axis.majorGridlines
        if reverse:
            ch.y_axis.scaling.orientation = "maxMin"
        else:
            ch.y_axis.scaling.min, ch.y_axis.scaling.max = 0, 1
        ch.y_axis.delete = False
        ch.x_axis.delete = False
        ch.add_data(Reference(ws, min_col=2, max_col=ncol, min_row=first, max_row=lastrow), titles_from_data=True)
        ch.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=lastrow))
        for series in ch.series:
            series.smooth = False
        ch.legend.position = "b"
        ws.add_chart(ch, f"{anchor_col}{4 + 16 * k}")
    print_setup(ws, data.header)
    return ws


def comparison_sheet(wb, data):
    """*Comparison*: EGDI and components of every unit in the report's edition, with a clustered bar chart.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> ws = comparison_sheet(Workbook(), report_data("AZE", compare=["SGP"]))
    >>> [c.value for c in ws[4]]
    ['EGDI', 0.76073, 0.96912]
    """
    lang, y, units = data.lang, data.year, list(data.units)
    ws = wb.create_sheet(sheet_title(pt("sheet name", "Comparison", lang), wb.sheetnames))
    sheet_heading(ws, t("Components, {year}", lang, year=y))
    cur = data.table[data.table["year"] == y].set_index("iso3").reindex(units)
    top = 3
    header_cells(ws, top, 1, [t("Component", lang)] + units, [12] + [9] * len(units))
    rows = [[SHORT[c], *cur[c].tolist()] for c in ("egdi", "osi", "hci", "tii", "epi")]
    last = write_rows(ws, top + 1, 1, rows, [None] + [SCORE_FMT] * len(units))
    ncol = len(units) + 1
    ch = BarChart()
    ch.type = "col"
    ch.grouping = "clustered"
    ch.title = t("Components, {year}", lang, year=y)
    ch.height, ch.width = 9, 22
    ch.y_axis.scaling.min, ch.y_axis.scaling.max = 0, 1
    ch.y_axis.numFmt = "0.0"
    ch.y_axis.delete = False
    ch.x_axis.delete = False
    ch.add_data(Reference(ws, min_col=2, max_col=ncol, min_row=top, max_row=last), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    ch.legend.position = "b"
    ws.add_chart(ch, f"A{last + 2}")
    print_setup(ws, data.header)
    return ws


def gaps_sheet(wb, data):
    """*Gaps*: the EGDI gap to each comparator, the frontier and the next group split by component
    (stacked bar chart), then the smallest single-component raise reaching each target rank.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> ws = gaps_sheet(Workbook(), report_data("AZE", compare=["SGP"]))
    >>> ws["A5"].value, round(ws["C5"].value, 5)
    ('Singapore (SGP)', 0.20839)
    """
    lang, y = data.lang, data.year
    ws = wb.create_sheet(sheet_title(pt("sheet name", "Gaps", lang), wb.sheetnames))
    sheet_heading(ws, t("Gap to each comparator by component, {year}", lang, year=y),
                  t("Contribution of each component to the EGDI gap: (reference - own) / 3", lang))
    rows = [[f"{data.name(ref)} ({ref})" if len(ref) == 3 else translated(REFERENCE_LABELS.get(ref, ref), lang), *g]
            for ref, g in zip(data.gaps.index, data.gaps.itertuples(index=False), strict=True)]
    heads = [t("Reference", lang), "EGDI", t("EGDI gap", lang), "OSI", "HCI", "TII", t("Residual", lang), "EPI"]
    top = 4
    header_cells(ws, top, 1, heads, [30, 10, 11, 10, 10, 10, 10, 10])
    last = write_rows(ws, top + 1, 1, rows, [None] + [SCORE_FMT] * 7)
    if rows:
        ch = BarChart()
        ch.type = "bar"
        ch.grouping = "stacked"
        ch.overlap = 100
        ch.title = t("Contribution to the EGDI gap", lang)
        ch.height, ch.width = 7.5, 16
        ch.add_data(Reference(ws, min_col=4, max_col=6, min_row=top, max_row=last), titles_from_data=True)
        ch.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
        ch.y_axis.numFmt = "0.00"
        ch.y_axis.delete = False
        ch.x_axis.delete = False
        ch.legend.position = "b"
        ws.add_chart(ch, f"J{top}")
    r = max(last + 2, top + 17)
    section_title(ws, r, t("Smallest change of one component to reach a target (others fixed, whole cross-section "
                           "re-normalised)", lang))
    header_cells(ws, r + 1, 1, [t("Target", lang), t("Component", lang), t("Current", lang),
                                t("Needed", lang), t("Change", lang), t("Reachable", lang)])
    rows = [[x.target, SHORT[x.component], x.current, x.needed, x.change, t("yes", lang) if x.reachable else t("no", lang)]
            for x in data.targets.itertuples()]
    write_rows(ws, r + 2, 1, rows, [None, None, SCORE_FMT, SCORE_FMT, "+0.0000", None])
    print_setup(ws, data.header, f"{top}:{top}")
    return ws


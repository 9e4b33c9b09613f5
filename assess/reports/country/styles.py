"""Excel styling shared by the country report's sheets: header cells, value rows, merged rows, titles.

Drawing only: these helpers take values already computed (:mod:`assess.reports.country.analysis`) and
write them with the report's look (white on navy headers, thin grey borders, wrapped text, row heights
fitted to the text, since LibreOffice does not grow rows when it converts to PDF). Every value goes
through :func:`assess.io.excel.safe_text`.

Examples
--------
>>> from openpyxl import Workbook
>>> ws = Workbook().active
>>> header_cells(ws, 1, 1, ["Item", "Value"], [20, 10])
>>> write_rows(ws, 2, 1, [["EGDI", 0.76073], ["=cmd", None]], [None, SCORE_FMT])
3
>>> ws["A1"].fill.fgColor.rgb, ws["B2"].number_format, ws["A3"].value
('001F4E79', '0.00000', "'=cmd")
"""

from __future__ import annotations

import numpy as np
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName

from assess.i18n import excel_format
from assess.io.excel import safe_text

__all__ = ["BORDER", "HEAD_FILL", "KEY_FILL", "NAVY", "NOTE_FONT", "OWN_FILL", "SCORE_FMT", "WRAP", "center_cells",
           "define_name", "header_cells", "localise_formats", "merged_header", "merged_rows", "section_title",
           "sheet_heading", "write_rows"]

NAVY = "1F4E79"
HEAD_FILL = PatternFill("solid", fgColor=NAVY)
KEY_FILL = PatternFill("solid", fgColor="DDEBF7")
OWN_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
#: Italic grey 9 pt: notes under a table.
NOTE_FONT = Font(italic=True, size=9, color="595959")
SCORE_FMT = "0.00000"  # the UN publishes five decimals


def _width(ws, col) -> float:
    return ws.column_dimensions[get_column_letter(col)].width or 13


def _plain(v):
    """A cell value: NaN → empty, numpy scalars → Python numbers."""
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    return v


def header_cells(ws, row, col, labels, widths=None, spans=None) -> None:
    """Header cells (white on navy, wrapped) from ``(row, col)``; the row grows to the longest wrapped label.

    ``widths`` sets the column widths; ``spans`` gives the width each label wraps in (merged headers). A column
    too narrow for the longest word of its label is widened, so no word is broken (Azerbaijani words are longer:
    ``Komponent``, ``Mümkündür``).

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> header_cells(ws, 1, 1, ["A long label that wraps over several lines"], [10])
    >>> ws.row_dimensions[1].height, ws["A1"].font.color.rgb
    (105.0, '00FFFFFF')
    """
    lines = 1
    for j, label in enumerate(labels):
        c = ws.cell(row, col + j, label)
        c.font, c.fill, c.border = Font(bold=True, color="FFFFFF"), HEAD_FILL, BORDER
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        if widths:
            ws.column_dimensions[get_column_letter(col + j)].width = widths[j]
        longest = max((len(w) for w in str(label).split()), default=0)
        if not spans and longest and int(_width(ws, col + j) * 0.9) - 1 < longest:
            ws.column_dimensions[get_column_letter(col + j)].width = -(-(longest + 2) // 0.9)
        width = spans[j] if spans else _width(ws, col + j)
        per = max(int(width * 0.9) - 1, 1)  # bold text
        words, n, used = str(label).split(), 1, 0
        for w in words:
            if used and used + 1 + len(w) > per:
                n, used = n + 1, len(w)
            else:
                used += (1 if used else 0) + len(w)
            n += (len(w) - 1) // per  # a word longer than the column is broken
        lines = max(lines, n)
    if lines > 1:
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, 15 * lines)


def write_rows(ws, row, col, rows, formats=None, highlight=None) -> int:
    """Write rows of values from ``(row, col)`` (text through safe_text, NaN as empty); return the last row.

    ``formats`` gives a number format per column; ``highlight(values)`` true fills the row in yellow.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> write_rows(ws, 1, 1, [["AZE", float("nan")], ["SGP", 3]], highlight=lambda v: v[0] == "AZE")
    2
    >>> ws["B1"].value, ws["A1"].fill.fgColor.rgb, ws["B2"].value
    (None, '00FFF2CC', 3)
    """
    r = row - 1
    for r, values in enumerate(rows, start=row):
        for j, v in enumerate(values):
            v = _plain(v)
            c = ws.cell(r, col + j, safe_text(v))
            c.border = BORDER
            c.alignment = WRAP if isinstance(v, str) else Alignment(vertical="top")
            if formats and formats[j]:
                c.number_format = formats[j]
            if highlight is not None and highlight(values):
                c.fill = OWN_FILL
        _fit_height(ws, r, col, values)
    return r


def _fit_height(ws, r, col, values, *, line=14.5):
    """Set the row height from the wrapped text (LibreOffice does not grow rows when converting)."""
    lines = 1
    for j, v in enumerate(values):
        if not isinstance(v, str) or not v:
            continue
        per = max(int(_width(ws, col + j) * 1.05), 1)
        lines = max(lines, sum(max(1, -(-len(part) // per)) for part in v.split("\n")))
    if lines > 1:
        ws.row_dimensions[r].height = line * lines


def merged_rows(ws, row, spans, rows, formats=None, *, small=False) -> int:
    """Write rows whose values span column ranges ``spans`` = [(first, last), ...] (merged when wider
    than one column); the height follows the wrapped text over the merged width (``small``: a 9 pt
    note). Return the last row.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> merged_rows(ws, 1, [(1, 1), (2, 4)], [["id", "a text " * 20]])
    1
    >>> [str(m) for m in ws.merged_cells.ranges], ws.row_dimensions[1].height
    (['B1:D1'], 58.0)
    """
    line, factor = (12, 1.2) if small else (14.5, 0.95)
    r = row - 1
    widths = [sum(_width(ws, c) for c in range(a, b + 1)) for a, b in spans]
    for r, values in enumerate(rows, start=row):
        lines = 1
        for j, ((a, b), v) in enumerate(zip(spans, values, strict=True)):
            if isinstance(v, float) and np.isnan(v):
                v = None
            c = ws.cell(r, a, safe_text(v))
            c.alignment = WRAP if isinstance(v, str) else Alignment(vertical="top")
            if formats and formats[j]:
                c.number_format = formats[j]
            for k in range(a, b + 1):
                ws.cell(r, k).border = BORDER
            if b > a:
                ws.merge_cells(start_row=r, start_column=a, end_row=r, end_column=b)
            if isinstance(v, str) and v:
                per = max(int(widths[j] * factor), 1)
                lines = max(lines, sum(max(1, -(-len(part) // per)) for part in v.split("\n")))
        if lines > 1:
            ws.row_dimensions[r].height = line * lines
    return r


def merged_header(ws, row, spans, labels) -> None:
    """Header cells over the column ranges ``spans`` (merged when wider than one column).

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> merged_header(ws, 1, [(1, 1), (2, 3)], ["Name", "Where"])
    >>> [str(m) for m in ws.merged_cells.ranges], ws["B1"].fill.fgColor.rgb
    (['B1:C1'], '001F4E79')
    """
    for (a, b), label in zip(spans, labels, strict=True):
        header_cells(ws, row, a, [label], spans=[sum(_width(ws, c) for c in range(a, b + 1))])
        for k in range(a + 1, b + 1):
            ws.cell(row, k).fill, ws.cell(row, k).border = HEAD_FILL, BORDER
        if b > a:
            ws.merge_cells(start_row=row, start_column=a, end_row=row, end_column=b)


def sheet_heading(ws, text, sub=None) -> None:
    """The sheet's title in A1 (navy, 14 pt) and an optional italic subtitle in A2.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> sheet_heading(ws, "Scores", "2024 edition")
    >>> ws["A1"].font.size, ws["A2"].value
    (14.0, '2024 edition')
    """
    ws["A1"] = safe_text(text)
    ws["A1"].font = Font(bold=True, size=14, color=NAVY)
    if sub:
        ws["A2"] = safe_text(sub)
        ws["A2"].font = Font(italic=True, size=9, color="595959")


def section_title(ws, row, text, col=1):
    """A section title (navy, bold, 12 pt) at ``(row, col)``; return the cell.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> section_title(Workbook().active, 4, "Targets").coordinate
    'A4'
    """
    c = ws.cell(row, col, safe_text(text))
    c.font = Font(bold=True, size=12, color=NAVY)
    return c


def center_cells(ws, first, last, cols) -> None:
    """Centre the cells of columns ``cols`` in rows ``first``..``last``.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> center_cells(ws, 1, 2, (3,))
    >>> ws["C2"].alignment.horizontal
    'center'
    """
    for r in range(first, last + 1):
        for c in cols:
            ws.cell(r, c).alignment = Alignment(horizontal="center", vertical="top")


def define_name(wb, name, ws, ref) -> None:
    """A workbook-level name ``name`` for the cell ``ref`` (``"$B$3"``) of ``ws``.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> wb = Workbook()
    >>> define_name(wb, "Country", wb.active, "$B$3")
    >>> wb.defined_names["Country"].attr_text
    "'Sheet'!$B$3"
    """
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!{ref}")


def localise_formats(wb, lang) -> int:
    """Tag every number format of ``wb`` (cells and chart axes) with the locale of ``lang``
    (:func:`assess.i18n.excel_format`); return how many cells were tagged. English formats stay as they are.

    Excel shows a number with the separators of the reader's system whatever the tag; LibreOffice shows it with
    the tagged locale's (``0,76073`` in an Azerbaijani report on any machine), and dates take its month names.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> wb = Workbook()
    >>> wb.active["A1"] = 0.5; wb.active["A1"].number_format = SCORE_FMT; wb.active["A2"] = "text"
    >>> localise_formats(wb, "az"), wb.active["A1"].number_format, wb.active["A2"].number_format
    (1, '[$-42C]0.00000', 'General')
    """
    if excel_format("0", lang) == "0":
        return 0
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                code = c.number_format
                tagged = excel_format(code, lang)
                if tagged != code:
                    c.number_format = tagged
                    n += 1
        for chart in ws._charts:
            for axis in (chart.x_axis, chart.y_axis):
                fmt = getattr(axis, "numFmt", None)
                if fmt is not None and getattr(fmt, "formatCode", None):
                    fmt.formatCode = excel_format(fmt.formatCode, lang)
    return n

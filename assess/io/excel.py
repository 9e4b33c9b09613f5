"""Write text into Excel safely: no formula injection, valid sheet names, atomic files.

Any text that comes from users or files (country-model names, evidence, notes) goes through
:func:`safe_text` before it reaches a cell. Excel, LibreOffice and Google Sheets read a cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (OWASP
"CSV/formula injection"). Such text gets a leading apostrophe, Excel's own "this is text"
marker, and is stored as a string cell, so no reader evaluates it; :func:`restore_text` undoes
the marker when a workbook is read back. Characters that XML forbids are dropped.

Examples
--------
>>> safe_text('=HYPERLINK("http://x")')
'\\'=HYPERLINK("http://x")'
>>> safe_text("Ministry of Finance")
'Ministry of Finance'
>>> restore_text(safe_text("@SUM(A1)"))
'@SUM(A1)'
>>> sheet_title("Gaps: 2024/2022 [draft]")
'Gaps 2024-2022 (draft)'
"""

from __future__ import annotations

import re
from pathlib import Path

from assess.io.atomic import atomic_path

__all__ = ["DANGEROUS_PREFIXES", "frames_xlsx", "print_setup", "restore_text", "safe_frame", "safe_text", "save_atomic",
           "set_text", "sheet_title"]

#: First characters that make spreadsheet programs read text as a formula.
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def safe_text(value):
    """Return ``value`` ready to be written to a cell as inert text.

    Non-strings (numbers, dates, ``None``) are returned unchanged. Strings lose XML-illegal
    control characters; a string starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a
    leading apostrophe.

    Examples
    --------
    >>> [safe_text(v) for v in ["+1", "-x", "\\tcmd", "a=b", 3, None]]
    ["'+1", "'-x", "'\\tcmd", 'a=b', 3, None]
    >>> safe_text("bell\\x07 ok")
    'bell ok'
    """
    if not isinstance(value, str):
        return value
    text = _ILLEGAL_XML.sub("", value)
    if text.startswith(DANGEROUS_PREFIXES):
        text = "'" + text
    return text


def safe_frame(df):
    """A copy of a DataFrame whose every text cell (and text header) went through :func:`safe_text`.

    Use it before ``DataFrame.to_excel``: pandas hands a text starting with ``=`` to openpyxl,
    which stores it as a live formula.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"note": ['=HYPERLINK("http://x","y")', "ok"], "value": [-1.0, 2.0]})
    >>> safe_frame(df)["note"].tolist(), safe_frame(df)["value"].tolist()
    (['\\'=HYPERLINK("http://x","y")', 'ok'], [-1.0, 2.0])
    """
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        s = out[col]
        if not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s)
                or pd.api.types.is_bool_dtype(s)):
            out[col] = s.astype(object).map(safe_text)
    out.columns = [safe_text(c) if isinstance(c, str) else c for c in out.columns]
    if not pd.api.types.is_numeric_dtype(out.index):
        out.index = out.index.map(safe_text)
    return out


def restore_text(value):
    """Undo :func:`safe_text`'s apostrophe (only where it was added).

    Examples
    --------
    >>> restore_text("'=1+1"), restore_text("'quoted'"), restore_text(5)
    ('=1+1', "'quoted'", 5)
    """
    if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def set_text(ws, ref, value):
    """Write ``value`` to cell ``ref`` of ``ws`` through :func:`safe_text`, as a non-formula cell.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> c = set_text(ws, "A1", "=1+1")
    >>> c.value, c.data_type
    ("'=1+1", 's')
    """
    cell = ws[ref]
    cell.value = safe_text(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def sheet_title(name, existing=(), *, fallback="Sheet"):
    """Return a valid, unique worksheet title for ``name``.

    Excel rules: at most 31 characters, none of ``[ ] : * ? / \\``, not empty, not starting or
    ending with an apostrophe, not ``History``, unique ignoring case among ``existing``.

    Examples
    --------
    >>> sheet_title("A very long ministry name that will not fit in a tab")
    'A very long ministry name that '
    >>> sheet_title("Scores", existing=["scores"])
    'Scores (2)'
    >>> sheet_title("''", fallback="Model")
    'Model'
    """
    text = _ILLEGAL_XML.sub("", str(name or ""))
    text = text.replace("[", "(").replace("]", ")").replace("/", "-").replace("\\", "-")
    text = _SHEET_BAD.sub("", text)
    text = re.sub(r"\s+", " ", text).strip().strip("'").strip()
    if not text or text.lower() == "history":
        text = fallback
    text = text[:31]
    taken = {str(e).lower() for e in existing}
    base, n = text, 2
    while text.lower() in taken:
        suffix = f" ({n})"
        text = base[: 31 - len(suffix)] + suffix
        n += 1
    return text


def print_setup(ws, header: str, title_rows: str | None = None, *, portrait: bool = False,
                header_position: str = "left") -> None:
    """Make a sheet print-ready: A4, landscape (or portrait), fit to width, repeated title rows,
    a header with *header* (and the sheet name when the header is on the left), a footer with
    "egov-assess" and "page / pages".

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> print_setup(ws, "Report & notes", "4:4")
    >>> ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.print_title_rows, ws.oddHeader.left.text
    ('landscape', 1, '$4:$4', 'Report && notes')
    """
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    text = header.replace("&", "&&")  # '&' starts a header code in Excel
    if header_position == "center":
        ws.print_options.horizontalCentered = True
        ws.oddHeader.center.text, ws.oddHeader.center.size = text, 9
    else:
        ws.oddHeader.left.text, ws.oddHeader.left.size = text, 8
        ws.oddHeader.right.text, ws.oddHeader.right.size = "&A", 8
    ws.oddFooter.left.text, ws.oddFooter.left.size = "egov-assess", 8
    ws.oddFooter.right.text, ws.oddFooter.right.size = "&P / &N", 8


def _save_fixed(wb, path, date):
    """Save like ``wb.save`` but keep ``date`` as the modified date and as every zip entry's time.

    ``Workbook.save`` stamps the current time into ``docProps/core.xml`` and the zip entries;
    a report asked for with a fixed date must come out byte-identical.
    """
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    stamp = (max(date.year, 1980), date.month, date.day, date.hour, date.minute, date.second)

    class _Zip(zipfile.ZipFile):
        def writestr(self, zinfo_or_arcname, data, *args, **kw):
            if isinstance(zinfo_or_arcname, str):
                zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=stamp)
                zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            return super().writestr(zinfo_or_arcname, data, *args, **kw)

    wb.properties.created = wb.properties.modified = date
    archive = _Zip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()


def save_atomic(wb, path) -> Path:
    """Save an openpyxl workbook to ``path`` atomically (temporary file in the same folder, then rename).

    A failure while saving leaves any earlier file at ``path`` untouched and no partial file.
    A workbook with a ``fixed_date`` attribute (set by :func:`assess.reports.country.report` and
    :func:`assess.strategy.workbook.make_template` when asked) is written byte-for-byte reproducibly.

    Examples
    --------
    >>> import tempfile
    >>> from openpyxl import Workbook
    >>> p = save_atomic(Workbook(), Path(tempfile.mkdtemp()) / "out.xlsx")
    >>> p.exists(), [f.name for f in p.parent.iterdir()]
    (True, ['out.xlsx'])
    """
    path = Path(path)
    with atomic_path(path, suffix=".xlsx") as tmp:
        fixed = getattr(wb, "fixed_date", None)
        if fixed is not None:
            _save_fixed(wb, tmp, fixed)
        else:
            wb.save(tmp)
    return path


def frames_xlsx(frames) -> bytes:
    """An .xlsx workbook in memory with one sheet per ``{title: DataFrame}`` (index dropped, text made inert).

    Examples
    --------
    >>> import io, pandas as pd, openpyxl
    >>> data = frames_xlsx({"gaps AZE 2024": pd.DataFrame({"country": ["=1+1"], "gap": [0.20839]})})
    >>> ws = openpyxl.load_workbook(io.BytesIO(data))["gaps AZE 2024"]
    >>> ws["A2"].value, ws["B2"].value
    ("'=1+1", 0.20839)
    """
    import io

    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        used: list[str] = []
        for title, frame in frames.items():
            name = sheet_title(str(title), used)
            used.append(name)
            safe_frame(frame).to_excel(xl, sheet_name=name, index=False)
    return buf.getvalue()

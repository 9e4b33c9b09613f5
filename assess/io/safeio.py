"""Bounded reading of untrusted files: text with its encoding detected, YAML, JSON and .xlsx archives.

Everything a user or a source hands to egov-assess is read through here, so a hostile or careless
file ends in a clear :class:`~assess.errors.AssessError` naming the file and the limit of
:mod:`assess.limits` it broke, never in a traceback, a hang or exhausted memory:

* :func:`read_bytes` opens regular files only (``/dev/zero``, a FIFO or a folder are refused
  without reading) and never reads more than the limit;
* :func:`decode_text` honours a byte order mark (UTF-8, UTF-16, UTF-32), else requires strict
  UTF-8, and refuses anything else naming the line and column of the first bad byte;
* :func:`check_yaml` walks the YAML events with the C parser before anything is built and refuses
  too many aliases, too deep nesting, recursive aliases and documents whose aliases expand beyond
  :data:`~assess.limits.MAX_YAML_NODES` (a billion-laughs file is refused after a few dozen events);
  :func:`load_yaml` is a safe load behind that check;
* :func:`read_csv` and :func:`read_xlsx` read a table within those bounds, refuse a text file that
  ends in the middle of a line (truncated) and tables over :data:`~assess.limits.MAX_TABLE_ROWS`;
* :func:`check_xlsx` opens an .xlsx as the zip archive it is and refuses it by the declared
  uncompressed size of its parts, their number and their compression ratio *before* openpyxl or
  calamine inflate anything (zip bombs).

Examples
--------
>>> decode_text(b"\\xef\\xbb\\xbfid: x\\n", "f.yaml")
'id: x\\n'
>>> decode_text("café".encode("cp1252"), "f.csv")
Traceback (most recent call last):
...
assess.errors.DataError: f.csv: 1 problem
  line 1, column 4: expected UTF-8 text (or a byte order mark of UTF-16/UTF-32); byte 0xe9 is not UTF-8. Save the file as UTF-8.
>>> load_yaml("a: &x [1, 2]\\nb: *x\\n", "ok.yaml")
{'a': [1, 2], 'b': [1, 2]}
"""

from __future__ import annotations

import codecs
import io
import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

import yaml

from assess import limits
from assess.errors import DataError, Issue
from assess.limits import Limit

__all__ = ["check_xlsx", "check_yaml", "decode_text", "load_json", "load_yaml", "read_bytes", "read_csv", "read_text",
           "read_xlsx"]

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _fail(error, source, location, message):
    raise error(str(source), [Issue(location, message)]) from None


def read_bytes(path, limit: Limit = limits.MAX_DATA_FILE_BYTES, *, source: str | None = None,
               error=DataError) -> bytes:
    """The bytes of a regular file, refused when it is not one or is larger than ``limit``.

    Examples
    --------
    >>> read_bytes("/dev/zero", source="dev")
    Traceback (most recent call last):
    ...
    assess.errors.DataError: dev: 1 problem
      expected a regular file, found a character device; nothing was read.
    """
    path = Path(path)
    source = source or str(path)
    try:
        st = os.stat(path)  # stat does not open (a FIFO would block an open)
    except FileNotFoundError:
        _fail(error, source, "", "file not found.")
    except OSError as e:
        _fail(error, source, "", f"cannot read the file ({e.strerror or type(e).__name__}).")
    if not stat.S_ISREG(st.st_mode):
        _fail(error, source, "", f"expected a regular file, found {_kind(st.st_mode)}; nothing was read.")
    if limit.exceeded(st.st_size):
        _fail(error, source, "", limit.describe(st.st_size))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        _fail(error, source, "", f"cannot read the file ({e.strerror or type(e).__name__}).")
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # swapped between stat and open
            _fail(error, source, "", "expected a regular file; nothing was read.")
        data = f.read(int(limit.value) + 1)
    if limit.exceeded(len(data)):
        _fail(error, source, "", limit.describe(what=f"more than {limit.value:,} bytes")
              )
    return data


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a pipe (FIFO)"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "something that is not a file"


def decode_text(data: bytes, source: str, *, error=DataError) -> str:
    """Decode bytes by their byte order mark, else as strict UTF-8; refuse anything else by name.

    Examples
    --------
    >>> decode_text("ş".encode("utf-16"), "x.txt")
    'ş'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(codec)
            except UnicodeDecodeError as e:
                where = _position(body, e.start) if codec == "utf-8" else f"byte {e.start + len(bom)}"
                _fail(error, source, where, f"expected {codec.upper()[:6]} text after its byte order mark; "
                                            "these bytes are not. Save the file as UTF-8.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        _fail(error, source, _position(data, e.start),
              "expected UTF-8 text (or a byte order mark of UTF-16/UTF-32); "
              f"byte 0x{data[e.start]:02x} is not UTF-8. Save the file as UTF-8.")


def _position(data: bytes, offset: int) -> str:
    """Line and column (in characters) of a byte offset of UTF-8 text."""
    before = data[:offset].decode("utf-8", errors="replace")
    return f"line {before.count(chr(10)) + 1}, column {len(before) - (before.rfind(chr(10)) + 1) + 1}"


def read_text(path, limit: Limit = limits.MAX_DATA_FILE_BYTES, *, source: str | None = None,
              error=DataError) -> str:
    """:func:`read_bytes` then :func:`decode_text`.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = p.write_bytes(b"\\xff\\xfeh\\x00i\\x00")
    >>> read_text(p)
    'hi'
    """
    source = source or str(path)
    return decode_text(read_bytes(path, limit, source=source, error=error), source, error=error)


# ----------------------------------------------------------------------------------------- YAML
def check_yaml(text: str, source: str, *, error=DataError) -> None:
    """Refuse a YAML text that is too large, too deep, has too many or recursive aliases, or expands too much.

    The events come from the C parser (fast) and nothing is built; the expanded size of each
    anchored node is remembered, so an alias costs what it names and a billion-laughs file is
    refused as soon as its running size passes :data:`~assess.limits.MAX_YAML_NODES`.

    Examples
    --------
    >>> lol = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    ...     f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\\n" for i in range(8))
    >>> check_yaml(lol, "lol.yaml")
    Traceback (most recent call last):
    ...
    assess.errors.DataError: lol.yaml: 1 problem
      line 5, column 44: more than 100,000 nodes is over the limit MAX_YAML_NODES = 100,000 nodes (values in one YAML document counting each alias as a copy of what it names).
    >>> check_yaml("a: &a [*a]", "loop.yaml")
    Traceback (most recent call last):
    ...
    assess.errors.DataError: loop.yaml: 1 problem
      line 1, column 8: expected aliases to finished values, found *a inside the value it names (a recursive alias).
    """
    size = len(text.encode("utf-8", "surrogatepass")) if len(text) * 4 > limits.MAX_YAML_BYTES.value else len(text)
    if limits.MAX_YAML_BYTES.exceeded(size):
        _fail(error, source, "", limits.MAX_YAML_BYTES.describe(size))
    stack: list[list] = []  # [anchor, expanded size] of the open collections
    sizes: dict[str, int] = {}
    open_anchors: set[str] = set()
    aliases = 0
    total = 0

    def where(event) -> str:
        mark = event.start_mark
        return f"line {mark.line + 1}, column {mark.column + 1}"

    def add(n: int, event) -> None:
        nonlocal total
        if stack:
            stack[-1][1] += n
            if limits.MAX_YAML_NODES.exceeded(stack[-1][1]):
                _fail(error, source, where(event), limits.MAX_YAML_NODES.describe(what=(
                    f"more than {limits.MAX_YAML_NODES.value:,} nodes")))
        else:
            total += n
            if limits.MAX_YAML_NODES.exceeded(total):
                _fail(error, source, where(event), limits.MAX_YAML_NODES.describe(what=(
                    f"more than {limits.MAX_YAML_NODES.value:,} nodes")))

    try:
        for event in yaml.parse(text, Loader=_CLoader):
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if limits.MAX_YAML_ALIASES.exceeded(aliases):
                    _fail(error, source, where(event), limits.MAX_YAML_ALIASES.describe())
                if event.anchor in open_anchors:
                    _fail(error, source, where(event), f"expected aliases to finished values, found *{event.anchor} "
                                                       "inside the value it names (a recursive alias).")
                add(sizes.get(event.anchor, 1), event)
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor is not None:
                    sizes[event.anchor] = 1
                add(1, event)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                stack.append([event.anchor, 1])
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                if limits.MAX_YAML_DEPTH.exceeded(len(stack)):
                    _fail(error, source, where(event), limits.MAX_YAML_DEPTH.describe(what=f"nesting deeper than {limits.MAX_YAML_DEPTH.value} levels"))
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                anchor, n = stack.pop()
                if anchor is not None:
                    sizes[anchor] = n
                    open_anchors.discard(anchor)
                add(n, event)
    except yaml.YAMLError:
        return  # a syntax error: the loader reports it with its line and column


def load_yaml(text: str, source: str, *, error=DataError) -> Any:
    """A safe YAML load behind :func:`check_yaml` (syntax errors raise ``error`` too).

    Examples
    --------
    >>> load_yaml("[1, 2", "bad.yaml")
    Traceback (most recent call last):
    ...
    assess.errors.DataError: bad.yaml: 1 problem
      line 2, column 1: expected valid YAML, found a syntax error: did not find expected ',' or ']'
    """
    check_yaml(text, source, error=error)
    try:
        return yaml.load(text, Loader=_CLoader)  # a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        _fail(error, source, where, f"expected valid YAML, found a syntax error: {problem}")


def load_json(path, *, source: str | None = None, error=DataError) -> Any:
    """A JSON file read within :data:`~assess.limits.MAX_JSON_BYTES`, its encoding detected.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.json"
    >>> _ = p.write_text('{"answers": {}', encoding="utf-8")
    >>> load_json(p, source="a.json")
    Traceback (most recent call last):
    ...
    assess.errors.DataError: a.json: 1 problem
      line 1, column 15: expected JSON, found: Expecting ',' delimiter.
    """
    source = source or str(path)
    text = read_text(path, limits.MAX_JSON_BYTES, source=source, error=error)
    try:
        return json.loads(text)
    except RecursionError:
        _fail(error, source, "", f"expected JSON nested less than {limits.MAX_YAML_DEPTH.value} levels deep.")
    except json.JSONDecodeError as e:
        _fail(error, source, f"line {e.lineno}, column {e.colno}", f"expected JSON, found: {e.msg}.")


# ----------------------------------------------------------------------------------------- workbooks
_MIB = 1024 * 1024


def check_xlsx(data, source: str, *, limit: Limit = limits.MAX_XLSX_UNCOMPRESSED_BYTES, error=DataError) -> None:
    """Refuse an .xlsx (path, bytes or binary file) by its zip directory, before any XML is inflated.

    Checks the number of parts (:data:`~assess.limits.MAX_XLSX_PARTS`), the sum of their declared
    uncompressed sizes (``limit``) and the compression ratio of every part over 1 MiB
    (:data:`~assess.limits.MAX_XLSX_RATIO`). Python's zip reader never inflates a part beyond its
    declared size, so openpyxl then stays within these bounds.

    Examples
    --------
    >>> check_xlsx(b"not a zip", "x.xlsx")
    Traceback (most recent call last):
    ...
    assess.errors.DataError: x.xlsx: 1 problem
      expected an Excel .xlsx workbook (a zip archive); this file is not one.
    """
    if isinstance(data, bytes | bytearray):
        data = io.BytesIO(data)
    pos = data.tell() if hasattr(data, "tell") else None
    try:
        with zipfile.ZipFile(data) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        _fail(error, source, "", "expected an Excel .xlsx workbook (a zip archive); this file is not one.")
    finally:
        if pos is not None:
            data.seek(pos)
    if limits.MAX_XLSX_PARTS.exceeded(len(infos)):
        _fail(error, source, "", limits.MAX_XLSX_PARTS.describe(len(infos)))
    total = sum(i.file_size for i in infos)
    if limit.exceeded(total):
        _fail(error, source, "", limit.describe(what=f"{total:,} bytes uncompressed")
              + " Nothing was inflated.")
    for i in infos:
        if i.file_size > _MIB and limits.MAX_XLSX_RATIO.exceeded(i.file_size / max(i.compress_size, 1)):
            ratio = i.file_size / max(i.compress_size, 1)
            _fail(error, source, i.filename, limits.MAX_XLSX_RATIO.describe(what=f"{i.file_size:,} bytes from {i.compress_size:,} (ratio {ratio:,.0f})"))


# ----------------------------------------------------------------------------------------- tables
def _check_table(df, source, error):
    if limits.MAX_TABLE_ROWS.exceeded(len(df)):
        _fail(error, source, "", limits.MAX_TABLE_ROWS.describe(len(df)))
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype).startswith(("str", "string")):
            lengths = df[col].map(lambda v: len(v) if isinstance(v, str) else 0)
            if len(lengths) and limits.MAX_CELL_CHARS.exceeded(int(lengths.max())):
                row = int(lengths.to_numpy().argmax())
                _fail(error, source, f"row {row + 2}, column {str(col)[:40]!r}",
                      limits.MAX_CELL_CHARS.describe(int(lengths.max())))
    return df


def read_csv(path, *, source: str | None = None, error=DataError, final_newline: bool = True, **kw):
    """A CSV file as a DataFrame: read within :data:`~assess.limits.MAX_DATA_FILE_BYTES`, encoding
    detected (:func:`decode_text`), refused when it ends in the middle of a line (``final_newline``:
    a truncated copy) or has more than :data:`~assess.limits.MAX_TABLE_ROWS` rows or a longer text
    than :data:`~assess.limits.MAX_CELL_CHARS`. ``kw`` go to :func:`pandas.read_csv`.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("a,b\\n1,0.86", encoding="utf-8")
    >>> read_csv(p, source="t.csv")
    Traceback (most recent call last):
    ...
    assess.errors.DataError: t.csv: 1 problem
      line 2: expected the file to end with a line break; it ends in the middle of line 2 ('1,0.86'): is it truncated? Restore the complete file.
    """
    import pandas as pd

    source = source or str(path)
    text = read_text(path, limits.MAX_DATA_FILE_BYTES, source=source, error=error)
    if final_newline and text and not text.endswith(("\n", "\r")):
        last = text.rsplit("\n", 1)[-1]
        n = text.count("\n") + 1
        shown = last if len(last) <= 40 else "…" + last[-40:]
        _fail(error, source, f"line {n}", f"expected the file to end with a line break; it ends in the middle of "
                                          f"line {n} ({shown!r}): is it truncated? Restore the complete file.")
    try:
        df = pd.read_csv(io.StringIO(text), **kw)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as e:
        _fail(error, source, "", f"expected a CSV table. {str(e)[:200]}")
    return _check_table(df, source, error)


def read_xlsx(path, *, source: str | None = None, error=DataError,
              limit: Limit = limits.MAX_DATA_XLSX_UNCOMPRESSED_BYTES, **kw):
    """An .xlsx sheet as a DataFrame (calamine), after :func:`check_xlsx`; ``kw`` go to :func:`pandas.read_excel`.

    Examples
    --------
    >>> read_xlsx("/dev/null", source="null.xlsx")
    Traceback (most recent call last):
    ...
    assess.errors.DataError: null.xlsx: 1 problem
      expected a regular file, found a character device; nothing was read.
    """
    import pandas as pd

    source = source or str(path)
    data = io.BytesIO(read_bytes(path, limits.MAX_DATA_FILE_BYTES, source=source, error=error))
    check_xlsx(data, source, limit=limit, error=error)
    try:
        df = pd.read_excel(data, engine="calamine", **kw)
    except Exception as e:  # calamine raises its own error types for broken workbooks
        _fail(error, source, "", f"expected an .xlsx workbook. {type(e).__name__}: {str(e)[:200]}")
    return _check_table(df, source, error)

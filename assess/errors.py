"""Errors raised by :mod:`assess`.

Every error says *where* (file, row, column or key path), *what was expected* and *what was
found*. Errors that collect several problems (framework validation, data validation) carry
them as a tuple of :class:`Issue` so callers can show them one by one.

This module imports nothing from :mod:`assess`.

Examples
--------
>>> err = FrameworkError("frameworks/x.yaml", [Issue("components[tii].weight",
...     "must be a number >= 0. Got 'high' instead.")])
>>> print(err)
frameworks/x.yaml: 1 problem
  components[tii].weight: must be a number >= 0. Got 'high' instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "AssessError",
    "CountryError",
    "DataError",
    "FrameworkError",
    "Issue",
    "ModelGraphError",
    "ReportError",
    "ScoringError",
    "shown",
]


@dataclass(frozen=True)
class Issue:
    """One problem found while validating a file or a table.

    Parameters
    ----------
    location : str
        Where the problem is: a key path (``components[tii].weight``), ``row 12, column 'Value'``
        or a cell (``Sheet1!C4``). May include a line number.
    message : str
        What was expected and what was found.

    Examples
    --------
    >>> str(Issue("row 3, column 'value'", "expected a number, got 'n/a'"))
    "row 3, column 'value': expected a number, got 'n/a'"
    """

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class AssessError(Exception):
    """Base class of every error raised on purpose by :mod:`assess`.

    Examples
    --------
    >>> issubclass(DataError, AssessError)
    True
    """


class _IssuesError(AssessError):
    """An error listing every problem found in one source (file, table, framework)."""

    def __init__(self, source: str, issues: Iterable[Issue | str]):
        self.source = str(source)
        self.issues: tuple[Issue, ...] = tuple(
            i if isinstance(i, Issue) else Issue("", str(i)) for i in issues
        )
        n = len(self.issues)
        lines = [f"{self.source}: {n} problem{'s' if n != 1 else ''}"]
        lines += [f"  {issue}" for issue in self.issues]
        super().__init__("\n".join(lines))


class DataError(_IssuesError):
    """A data file or indicator table is malformed or not what was expected.

    Examples
    --------
    >>> e = DataError("data/x.csv", [Issue("row 2, column 'value'", "expected a number. Got 'abc' instead.")])
    >>> e.issues[0].location
    "row 2, column 'value'"
    """


class CountryError(DataError):
    """A country code is unknown, or the country was not assessed in the edition asked.

    One class for this condition wherever it happens (gaps, trends, what-ifs, profiles), so callers catch it once.

    Examples
    --------
    >>> e = CountryError("XXX", "unknown country 'XXX'. Expected an ISO3 code.", source="gap")
    >>> print(e)
    gap: 1 problem
      XXX: unknown country 'XXX'. Expected an ISO3 code.
    >>> isinstance(e, DataError)
    True
    """

    def __init__(self, iso3, message: str, *, source: str = "country"):
        self.iso3 = shown(iso3, 40) if not isinstance(iso3, str) else iso3[:40]
        super().__init__(source, [Issue(self.iso3, message)])


class FrameworkError(_IssuesError):
    """A framework file (``frameworks/*.yaml``) is invalid; lists every problem found.

    Examples
    --------
    >>> FrameworkError("f.yaml", ["a", "b"]).issues[1].message
    'b'
    """


class ModelGraphError(_IssuesError):
    """A model graph breaks a structural rule (cycle in reporting lines, orphan body, …).

    Examples
    --------
    >>> "cycle" in str(ModelGraphError("azerbaijan_proposal", ["reporting cycle a -> b -> a"]))
    True
    """


class ScoringError(AssessError):
    """Scoring was asked for something impossible (unknown method, bad weights, no data).

    Examples
    --------
    >>> str(ScoringError("normalise: unknown method 'minmx'"))
    "normalise: unknown method 'minmx'"
    """


class ReportError(_IssuesError):
    """An Excel report or an imported workbook is invalid (names sheet, cell and problem).

    Examples
    --------
    >>> print(ReportError("filled.xlsx", [Issue("Assessment!C5", "level 7 is out of range 0-4")]))
    filled.xlsx: 1 problem
      Assessment!C5: level 7 is out of range 0-4
    """


def shown(value, limit: int = 60) -> str:
    """A value as it appears in an error message, cut to ``limit`` characters (never an unbounded echo).

    Examples
    --------
    >>> shown("high"), shown("x" * 100)[-3:], shown(10 ** 5000)
    ("'high'", 'xx…', 'a int')
    """
    try:
        text = repr(value)
    except Exception:  # e.g. an int of more than 4,300 digits
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[:limit] + "…"

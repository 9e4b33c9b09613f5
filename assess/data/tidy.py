"""The tidy indicator table — its columns, flags and pandera schema — and the helpers that validate raw tables with
located messages (file, row, column, what was expected, what was found).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from assess.data.catalogue import DATASETS
from assess.errors import DataError, Issue

__all__ = ["COLUMNS", "FLAGS"]



COLUMNS = ["iso3", "country", "year", "source", "indicator", "name", "breakdown", "value", "label", "flag", "note"]


#: Every flag the loader may set, with its meaning.
FLAGS: dict[str, str] = {
    "": "published value, nothing to note",
    "not_assessed": "the country was not assessed in this edition; the file holds 0, loaded as missing",
    "row_not_assessed": "published non-zero component of a country not assessed in this edition (kept as published)",
    "out_of_range": "published value outside the index's [0, 1] range (kept as published)",
    "new_indicator": "indicator did not exist in this edition; the file holds the text 'New'",
    "missing_in_source": "the file marks the value as missing ('.', blank)",
    "text_number": "the file stores this number as text; parsed",
    "revised": "a newer publication of the same source revised this value (the older value is in the note)",
    "single_year": "an average over two data years that covers one year only (the note says which)",
}


_NUMBER = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")


def _is_number(v) -> bool:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return True
    if isinstance(v, bool):
        return False
    if isinstance(v, int | float | np.integer | np.floating):
        return True
    return isinstance(v, str) and bool(_NUMBER.match(v))


def _numeric_check(tokens: Iterable[str] = ()) -> pa.Check:
    allowed = set(tokens)
    label = "a number" + (f" or one of {sorted(allowed)}" if allowed else "")
    return pa.Check(
        lambda v: _is_number(v) or (isinstance(v, str) and (v.strip() in allowed or not v.strip())),
        element_wise=True,
        error=label,
        name="numeric",
    )


def _run_schema(df: pd.DataFrame, schema: pa.DataFrameSchema, path: Path, where: str = "", row_offset: int = 2) -> None:
    """Validate *df* lazily and raise one :class:`DataError` listing every failure.

    ``row_offset`` turns the 0-based frame index into the row number a person sees in the file
    (header on line 1 → first data row is row 2).
    """
    missing = [c for c in schema.columns if c not in df.columns]
    if missing:
        raise DataError(
            path,
            [Issue(f"{where}header", f"expected columns {list(schema.columns)}. Missing {missing}; found {list(df.columns)}.")],
        )
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        issues = []
        fc = err.failure_cases
        for rec in fc.head(50).itertuples(index=False):
            col = getattr(rec, "column", None)
            idx = getattr(rec, "index", None)
            check = str(getattr(rec, "check", ""))
            found = getattr(rec, "failure_case", None)
            loc = where
            if idx is not None and not (isinstance(idx, float) and np.isnan(idx)):
                loc += f"row {int(idx) + row_offset}, "
            loc += f"column '{col}'" if col else "table"
            issues.append(Issue(loc, f"expected {_describe(check)}. Found {found!r}."))
        if len(fc) > 50:
            issues.append(Issue("", f"... and {len(fc) - 50} more"))
        raise DataError(path, issues) from None


def _describe(check: str) -> str:
    table = {
        "numeric": "a number",
        "not_nullable": "a value (the cell is empty)",
        "field_uniqueness": "each value once (duplicate)",
        "column_in_dataframe": "the column to be present",
    }
    for key, text in table.items():
        if key in check:
            return text
    for name, template in _CHECK_WORDS.items():
        m = re.match(rf"{name}\((.*)\)", check)
        if m:
            return template.format(m.group(1))
    return check


#: pandera check names → what the user should have given (``{}`` is the check's argument).
_CHECK_WORDS = {
    "greater_than_or_equal_to": "a value >= {}",
    "in_range": "a value in range ({})",
    "str_matches": "text matching {}",
    "isin": "one of {}",
    "equal_to": "the value {}",
}


def _to_float(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse already-validated cells: returns (values, is_text_number)."""
    is_text = series.map(lambda v: isinstance(v, str) and bool(_NUMBER.match(v)))
    vals = pd.to_numeric(series.map(lambda v: v.strip() if isinstance(v, str) else v), errors="coerce")
    return vals.astype(float), is_text


def _iso3_check() -> pa.Check:
    return pa.Check(lambda v: isinstance(v, str) and bool(re.fullmatch(r"[A-Z]{3}", v.strip())), element_wise=True,
                    error="a 3-letter ISO3 code", name="iso3")


_TIDY_SCHEMA = pa.DataFrameSchema(
    {
        "iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
        "country": pa.Column(str),
        "year": pa.Column(int, pa.Check.in_range(1960, 2100)),
        "source": pa.Column(str, pa.Check.isin(sorted(DATASETS))),
        "indicator": pa.Column(str, pa.Check.str_matches(r"\S")),
        "name": pa.Column(str),
        "breakdown": pa.Column(str),
        "value": pa.Column(float, nullable=True),
        "label": pa.Column(str),
        "flag": pa.Column(str, pa.Check.isin(sorted(FLAGS))),
        "note": pa.Column(str),
    },
    unique=["iso3", "year", "source", "indicator", "breakdown"],
    strict=True,
    ordered=True,
)

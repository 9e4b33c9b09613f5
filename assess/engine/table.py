"""Indicator tables in: any tidy long or wide table (DataFrame or CSV path) as a units × indicators frame.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from assess.errors import DataError, Issue, shown

__all__ = ["read_column", "read_table"]



# --------------------------------------------------------------------------- data
def read_table(data, *, year=None, unit_col=None):
    """Read a tidy indicator table (DataFrame or CSV path) into a wide units × indicators frame.

    Long tables have ``indicator`` and ``value`` columns and a unit column (``iso3``,
    ``unit``, ``uCode`` or ``country``); if a ``year`` column is present, ``year`` selects
    one (default: the latest). Wide tables are returned as they are, with non-numeric
    columns dropped (a ``uCode``/``iso3``/``unit`` column becomes the index).

    Examples
    --------
    >>> import pandas as pd
    >>> long = pd.DataFrame({"iso3": ["A", "A", "B"], "indicator": ["x", "y", "x"],
    ...                      "year": 2020, "value": [1.0, 2.0, 3.0]})
    >>> read_table(long).to_dict()
    {'x': {'A': 1.0, 'B': 3.0}, 'y': {'A': 2.0, 'B': nan}}
    """
    if isinstance(data, str | Path):
        from assess.io import safeio

        data = safeio.read_csv(data, source=str(data))
    if not isinstance(data, pd.DataFrame):
        raise DataError("indicator table", [Issue("", f"expected a DataFrame or a CSV path. Got {type(data).__name__} instead.")])
    ucol = unit_col or next((c for c in ("iso3", "unit", "uCode", "country") if c in data.columns), None)
    if "indicator" in data.columns and "value" in data.columns:
        if ucol is None:
            raise DataError("indicator table", [Issue("columns", "a long table needs a unit column "
                                                      f"(iso3, unit, uCode or country). Got {list(data.columns)} instead.")])
        d = data
        for col in (ucol, "indicator"):
            bad = d[col].map(lambda v: not isinstance(v, str | int | np.integer) or isinstance(v, bool))
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                raise DataError("indicator table", [Issue(f"row {i + 1}, column {col!r}", "must be a text id. Got "
                                                          f"{shown(d[col].iloc[i])} instead.")])
        if year is not None and (isinstance(year, bool) or not isinstance(year, int | np.integer)):
            raise DataError("indicator table", [Issue("year", f"must be a whole year. Got {shown(year)} instead.")])
        if "year" in d.columns and d["year"].notna().any():
            years = pd.to_numeric(d["year"], errors="coerce")
            bad = years.isna() & d["year"].notna() | (years.notna() & ((years != years.round()) | ~np.isfinite(years)))
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                raise DataError("indicator table", [Issue(f"row {i + 1}, column 'year'", "must be a whole year. Got "
                                                          f"{shown(d['year'].iloc[i])} instead.")])
            y = year if year is not None else int(years.max())
            d = d[years == y]
        dup = d.duplicated([ucol, "indicator"])
        if dup.any():
            first = d[dup].iloc[0]
            raise DataError("indicator table", [Issue(f"unit {shown(first[ucol])}, indicator "
                                                      f"{shown(first['indicator'])}",
                                                      "must appear once per year. Got duplicates instead.")])
        wide = d.pivot(index=ucol, columns="indicator", values="value")
        wide = wide.apply(lambda s: pd.to_numeric(s, errors="coerce")).astype(float)
    else:
        wide = data.set_index(ucol) if ucol in data.columns and ucol != "country" else data
        if ucol == "country" and "iso3" not in data.columns:
            wide = data.set_index("country")
        wide = wide.select_dtypes(include="number").astype(float)
    if isinstance(wide.index, pd.MultiIndex) or wide.columns.duplicated().any():
        raise DataError("indicator table", [Issue("columns", "expected one unit column and unique indicator columns. "
                                                  f"Got {shown(list(data.columns))} instead.")])
    wide = wide.replace([np.inf, -np.inf], np.nan)
    wide.index = wide.index.astype(str)
    wide.index.name = "unit"
    wide.columns = [str(c) for c in wide.columns]
    wide.columns.name = None
    return wide


def read_column(data, column, *, unit_col=None) -> pd.Series:
    """One column of a wide table (DataFrame or CSV path) by unit, texts kept: a group column such as COINr's
    ``EurAsia_group`` (which :func:`read_table` leaves out, as it keeps numbers only).

    Examples
    --------
    >>> import pandas as pd
    >>> read_column(pd.DataFrame({"uCode": ["A", "B"], "grp": ["Asia", "Europe"], "x": [1, 2]}), "grp").to_dict()
    {'A': 'Asia', 'B': 'Europe'}
    """
    if isinstance(data, str | Path):
        from assess.io import safeio

        data = safeio.read_csv(data, source=str(data))
    if not isinstance(data, pd.DataFrame) or column not in data.columns:
        cols = list(data.columns) if isinstance(data, pd.DataFrame) else []
        raise DataError("indicator table", [Issue(f"column {column!r}", "is needed for the groups of the imputation "
                                                  f"(impute.group). Got columns {shown(cols)} instead.")])
    if "indicator" in data.columns and "value" in data.columns:
        raise DataError("indicator table", [Issue(f"column {column!r}", "a group column needs a wide table (one "
                                                  "row per unit). Got a long table instead.")])
    ucol = unit_col or next((c for c in ("iso3", "unit", "uCode", "country") if c in data.columns), None)
    s = data.set_index(ucol)[column] if ucol else data[column]
    s.index = s.index.astype(str)
    s.index.name = "unit"
    return s.where(s.notna(), None)

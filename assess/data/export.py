"""The store out: a summary of what it holds, and the whole tidy table (or some sources) as CSV or Excel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from assess.data.catalogue import DATASETS, list_datasets
from assess.data.store import load_indicators, memoise_on_data
from assess.errors import AssessError, shown
from assess.i18n import tn, translated
from assess.io.atomic import atomic_path
from assess.io.excel import safe_frame

__all__ = ["data_summary", "export_bytes", "export_indicators"]

#: Rows written per step of an XLSX export (progress is reported after each).
CHUNK_ROWS = 10_000


def data_summary(data: str | Path | None = None, lang: str = "en"):
    """Return one row per dataset of the store: editions, indicators, countries, rows, flagged values (titles and
    the span of years in ``lang``).

    Examples
    --------
    >>> s = data_summary().set_index("source")
    >>> int(s.loc["un_egov", "countries"]), s.loc["un_egov", "years"]
    (193, '2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024')
    >>> data_summary(lang="az").set_index("source").loc["itu_owid", "years"]
    '1960-2019 (48 il)'
    """
    if data is not None:
        return _summary(data, lang)
    return _default_summary(lang)  # once per data version: every row of the store is counted (about 100 ms)


@memoise_on_data(maxsize=4)
def _default_summary(lang: str) -> pd.DataFrame:
    return _summary(None, lang)


def _summary(data: str | Path | None, lang: str) -> pd.DataFrame:
    df = load_indicators(data=data)
    rows = []
    for source, g in df.groupby("source", observed=True):
        years = sorted(g["year"].unique())
        inds = list(g["indicator"].astype(str).unique())
        rows.append(
            {
                "source": source,
                "title": translated(DATASETS[source].title, lang),
                "years": ", ".join(map(str, years)) if len(years) <= 12 else
                tn("{first}-{last} ({n} year)", "{first}-{last} ({n} years)", len(years), lang, first=int(years[0]),
                   last=int(years[-1])),
                "indicators": len(inds),
                "indicator_ids": ", ".join(inds[:4]) + (" …" if len(inds) > 4 else ""),
                "countries": int(g["iso3"].nunique()),
                "rows": int(len(g)),
                "missing": int(g["value"].isna().sum() - (g["label"] != "").sum()),
                "flagged": int((g["flag"] != "").sum()),
            }
        )
    return pd.DataFrame(rows)


def export_indicators(path: str | Path, fmt: str | None = None, *, sources: Sequence[str] | None = None,
                      data: str | Path | None = None, progress: Callable[[float, str], None] | None = None) -> Path:
    """Write the tidy store (optionally some sources only) to CSV or XLSX, atomically.

    The file appears complete or not at all: it is written to a temporary file in the same folder,
    then renamed (:func:`assess.io.atomic.atomic_path`). In the XLSX, every text cell goes through
    :func:`assess.io.excel.safe_frame`, so a ``=HYPERLINK(…)`` in a source file is inert text, never a
    live formula. The CSV keeps the values as published (it is for programs, not spreadsheets).

    The XLSX is written with XlsxWriter (about twice as fast as openpyxl), :data:`CHUNK_ROWS` rows at a time;
    *progress* (``progress(fraction, words)``), when given, is called after each step, so a caller can show
    progress or run it as a background job (a Dash background callback, a Celery task) and report it.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> p = export_indicators(Path(tempfile.mkdtemp()) / "oecd.csv", sources=["oecd_dgi"])
    >>> pd.read_csv(p).shape[0]
    299
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in ("csv", "xlsx"):
        raise AssessError(f"export: expected --format csv or xlsx. Got {shown(fmt, 20)} instead.")
    report = progress or (lambda fraction, words: None)
    df = load_indicators(sources, data=data)
    report(0.05, f"{len(df):,} rows read")
    with atomic_path(path, suffix=f".{fmt}") as tmp:
        if fmt == "csv":
            df.to_csv(tmp, index=False)
        else:
            safe = safe_frame(df)  # every text a source supplied is made inert
            options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
            with pd.ExcelWriter(tmp, engine="xlsxwriter", engine_kwargs={"options": options}) as xw:
                for start in range(0, max(len(safe), 1), CHUNK_ROWS):
                    chunk = safe.iloc[start:start + CHUNK_ROWS]
                    chunk.to_excel(xw, sheet_name="indicators", index=False, header=start == 0,
                                   startrow=start + (1 if start else 0))
                    done = min(start + CHUNK_ROWS, len(safe))
                    report(0.05 + 0.85 * done / max(len(safe), 1), f"{done:,} of {len(safe):,} rows written")
                safe_frame(list_datasets()).to_excel(xw, sheet_name="sources", index=False)
                report(0.95, "compressing the workbook")
    report(1.0, "done")
    return path


def export_bytes(fmt: str, *, sources: Sequence[str] | None = None, data: str | Path | None = None,
                 progress: Callable[[float, str], None] | None = None) -> tuple[str, bytes]:
    """The store exported as :func:`export_indicators` does, in memory: ``(file name, bytes)``.

    The function a background job runs (the dashboard's Data page, a task queue); the file is written to a
    temporary folder, read and removed.

    Examples
    --------
    >>> name, data = export_bytes("csv", sources=["oecd_dgi"])
    >>> name, data[:10]
    ('egov_assess_indicators.csv', b'iso3,count')
    """
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = export_indicators(Path(tmp) / f"egov_assess_indicators.{fmt}", fmt, sources=sources, data=data,
                                 progress=progress)
        return path.name, path.read_bytes()

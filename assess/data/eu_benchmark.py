"""The EU eGovernment Benchmark: the 2023 machine-readable file (data years 2020-2022) joined with the 2024 results
workbook (data year 2023, and the EC's revisions of 2020-2022), as tidy rows.

Two publications of the European Commission hold the same cells for data years 2020-2022:

* the **2023 machine-readable file** (long: ``year, Country, variable, brkdown, unit, Value``), and
* the **2024 results workbook**, sheet ``1. Scores 2024`` (one row per geo x score, one column per data year x
  life event, with biennial averages), which adds data year 2023, Moldova and Ukraine.

Decision (data/SOURCES.md): the newer publication wins. Every shared cell where the numbers differ takes the
workbook's value, flagged ``revised`` with the machine file's value in the note. That replaces the machine file's
147 per-life-event overall scores of 2022 (computed as (UC + TR + KE) / 4, the cross-border dimension left out but
still divided by four; the workbook holds the mean of the four dimensions) and Portugal's cross-border eID
revisions of 2020 and 2021. Every country total (breakdown ``""``) of 2020-2022 is equal in both files.

Column → store mapping: the column "Biennial average (Y-1) + Y" is breakdown ``""`` of year Y (the machine file's
``EGOV_LIFE_EVENTS``); the column "<life event> (Y)" is breakdown ``e_gov_EVENTS_n`` (:data:`LIFE_EVENTS`). A
score row "X.Y label" is the machine code ``e_gov_X<letter Y>_…``, found among the machine file's codes.

Examples
--------
>>> from assess.data.catalogue import data_dir
>>> w = read_workbook(data_dir() / "eu_egov_benchmark/6_eGovernment_Benchmark_2024__Final_Results.xlsx")
>>> row = w[(w.geo == "EE") & (w.year == 2023) & (w.indicator == "e_gov_3a_KE_EID") & (w.breakdown == "")]
>>> round(float(row["value"].iloc[0]), 4), row["cell"].iloc[0]
(94.0667, 'D188')
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from assess.data.tidy import _is_number, _numeric_check, _run_schema, _to_float
from assess.errors import DataError, Issue
from assess.io import safeio

__all__ = ["LIFE_EVENTS", "WORKBOOK_SHEET", "compare", "join", "read_machine", "read_workbook"]

#: Sheet of the 2024 results workbook that holds the scores.
WORKBOOK_SHEET = "1. Scores 2024"
#: Life event as the workbook heads its column → the machine file's breakdown code (each verified by values:
#: tests/test_eu2024.py).
LIFE_EVENTS = {
    "Regular business operations": "e_gov_EVENTS_1", "Moving": "e_gov_EVENTS_2", "Transport": "e_gov_EVENTS_3",
    "Justice": "e_gov_EVENTS_4", "Business Start-up": "e_gov_EVENTS_5", "Family": "e_gov_EVENTS_6",
    "Career": "e_gov_EVENTS_7", "Studying": "e_gov_EVENTS_8", "Health": "e_gov_EVENTS_9",
}
#: The workbook's spelling of the two aggregates → the machine file's.
AGGREGATES = {"AVERAGE_EU27": "EU", "EU27+": "EUplus"}
#: Data years of the workbook read: the 2020 method change breaks the series before (the cover says so).
FIRST_YEAR = 2020
TOTAL = "EGOV_LIFE_EVENTS"


def _read(path: Path, **kw) -> pd.DataFrame:
    if not path.exists():
        raise DataError(path, [Issue("", "file not found; expected it in the bundled data folder (see data/SOURCES.md)")])
    return safeio.read_xlsx(path, source=str(path), dtype=object, **kw)


def read_machine(path: Path, report: dict | None = None) -> pd.DataFrame:
    """The machine-readable file as ``geo, year, indicator, breakdown, value, raw`` (aggregates kept; rows
    without a variable name, 2012-2019, dropped and counted). ``indicator`` is the upper-case spelling of a code.

    Examples
    --------
    >>> from assess.data.catalogue import data_dir, DATASETS
    >>> m = read_machine(data_dir() / DATASETS["eu_egov_benchmark"].files[0])
    >>> sorted(m["year"].unique().tolist()), m["geo"].nunique()
    ([2020, 2021, 2022], 37)
    """
    report = {} if report is None else report
    raw = _read(path)
    need = ["year", "Country", "variable", "brkdown", "unit", "Value"]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise DataError(path, [Issue("header", f"expected columns {need}. Missing {missing}; found {list(raw.columns)}.")])
    schema = pa.DataFrameSchema(
        {
            "year": pa.Column(None, pa.Check(lambda v: _is_number(v) and 2000 <= float(v) <= 2100, element_wise=True,
                                               error="a year", name="year")),
            "Country": pa.Column(None, pa.Check(lambda v: isinstance(v, str) and bool(re.fullmatch(r"[A-Z]{2}|EU|EUplus", v)),
                                                  element_wise=True, error="a 2-letter country code", name="geo")),
            "Value": pa.Column(None, [_numeric_check(["."]), _score_check()], nullable=True),
        }
    )
    _run_schema(raw, schema, path, where="sheet 1, ")
    unlabelled = raw["variable"].isna()
    report["eu_unlabelled_rows_not_loaded"] = int(unlabelled.sum())
    df = raw[~unlabelled].copy()
    canon: dict[str, set] = {}
    for v in df["variable"].unique():
        canon.setdefault(v.lower(), set()).add(v)
    pick = {v: max(variants, key=lambda s: sum(ch.isupper() for ch in s)) for variants in canon.values() for v in variants}
    report["eu_variable_case_variants"] = sorted(v for v in pick if pick[v] != v)
    dot = df["Value"].map(lambda v: isinstance(v, str) and v.strip() in (".", ""))
    value, is_text = _to_float(df["Value"].where(~dot, np.nan))
    return pd.DataFrame({"geo": df["Country"].to_numpy(), "year": df["year"].astype(float).astype(int).to_numpy(),
                         "indicator": df["variable"].map(pick).to_numpy(),
                         "breakdown": df["brkdown"].fillna("").astype(str).to_numpy(), "value": value.to_numpy(),
                         "dot": dot.to_numpy(), "text_number": is_text.to_numpy(),
                         "row": (df.index + 2).to_numpy()})


def _score_check() -> pa.Check:
    return pa.Check(lambda v: not _is_number(v) or v is None or (isinstance(v, float) and np.isnan(v))
                    or 0 <= float(v) <= 100, element_wise=True, error="a score in range (0, 100)",
                    name="in_range(0, 100)")


def _column_kind(header) -> tuple[str, int | None, str]:
    """Workbook column header → (kind, data year, life event)."""
    h = re.sub(r"\s+", " ", str(header)).strip()
    m = re.fullmatch(r"Biennial [Aa]verage (\d{4}) \+ (\d{4})", h)
    if m:
        return "biennial", max(int(m.group(1)), int(m.group(2))), ""
    m = re.fullmatch(r"(Business|Citizen) life events (\d{4}) [&+] (\d{4})", h)
    if m:
        return "group_biennial", int(m.group(3)), ""
    m = re.fullmatch(r"Average \((\d{4})\)", h)
    if m:
        return "average", int(m.group(1)), ""
    m = re.fullmatch(r"(.+) \((\d{4})\)", h)
    if m:
        return "life_event", int(m.group(2)), m.group(1).strip()
    return "other", None, h


def _code_of(label: str, codes: list[str]) -> str | None:
    """'1.2 Mobile friendliness' → 'e_gov_1b_UC_MF'; '0. OVERALL SCORE' → 'e_gov_0_score' (one code must match)."""
    m = re.match(r"\s*(\d+)\.(\d+)?\s", str(label) + " ")
    if not m:
        return None
    prefix = f"e_gov_{m.group(1)}" + (chr(ord("a") + int(m.group(2)) - 1) if m.group(2) else "") + "_"
    found = [c for c in codes if c.startswith(prefix)]
    return found[0] if len(found) == 1 else None


def read_workbook(path: Path, codes: list[str] | None = None) -> pd.DataFrame:
    """Sheet :data:`WORKBOOK_SHEET` as ``geo, year, indicator, label, breakdown, kind, value, raw, cell`` for the
    biennial-average and life-event columns of data years from :data:`FIRST_YEAR` (aggregates kept).

    ``codes`` are the machine file's indicator codes the score rows are matched to (default: the codes of the
    bundled machine file's naming scheme, read from the rows' numbering).
    """
    d = _read(path, sheet_name=WORKBOOK_SHEET, header=None)
    hdr = next((i for i in range(min(12, len(d))) if str(d.iat[i, 1]).strip() == "Country"
                and str(d.iat[i, 2]).strip() == "Scoring"), None)
    if hdr is None:
        raise DataError(path, [Issue(f"sheet '{WORKBOOK_SHEET}'", "expected a header row with 'Country' in column B "
                                                                  "and 'Scoring' in column C within the first 12 rows")])
    codes = list(codes) if codes is not None else _DEFAULT_CODES
    cols = []
    for j in range(3, d.shape[1]):
        h = d.iat[hdr, j]
        if pd.isna(h):
            continue
        kind, year, event = _column_kind(h)
        if year is None or year < FIRST_YEAR or kind not in ("biennial", "life_event"):
            continue
        if kind == "life_event" and event not in LIFE_EVENTS:
            raise DataError(path, [Issue(f"sheet '{WORKBOOK_SHEET}', cell {_cell(hdr, j)}",
                                         f"expected a life event of {sorted(LIFE_EVENTS)}. Found {event!r}.")])
        cols.append((j, kind, year, "" if kind == "biennial" else LIFE_EVENTS[event]))
    rows, problems = [], []
    for i in range(hdr + 1, d.shape[0]):
        geo, label = d.iat[i, 1], d.iat[i, 2]
        if pd.isna(geo) and pd.isna(label):
            continue
        code = _code_of(label, codes)
        if not isinstance(geo, str) or code is None:
            problems.append(Issue(f"sheet '{WORKBOOK_SHEET}', row {i + 1}",
                                  f"expected a geo code in column B and a numbered score ('1.2 Mobile friendliness') "
                                  f"in column C naming one machine code. Found {str(geo)[:20]!r}, {str(label)[:40]!r}."))
            continue
        for j, kind, year, breakdown in cols:
            raw = d.iat[i, j]
            rows.append((geo.strip(), year, code, str(label).strip(), breakdown, kind, raw, _cell(i, j)))
    if problems:
        raise DataError(path, problems[:20])
    out = pd.DataFrame(rows, columns=["geo", "year", "indicator", "label", "breakdown", "kind", "raw", "cell"])
    bad = out[~out["raw"].map(lambda v: _is_number(v) or (isinstance(v, str) and v.strip() in (".", "")))]
    if len(bad):
        raise DataError(path, [Issue(f"sheet '{WORKBOOK_SHEET}', cell {r.cell}", f"expected a score or '.'. Found "
                                                                                 f"{str(r.raw)[:20]!r}.")
                               for r in bad.head(20).itertuples()])
    dot = out["raw"].map(lambda v: isinstance(v, str))
    out["value"], _ = _to_float(out["raw"].where(~dot, np.nan))
    out_of_range = out[(out["value"] < 0) | (out["value"] > 100)]
    if len(out_of_range):
        raise DataError(path, [Issue(f"sheet '{WORKBOOK_SHEET}', cell {r.cell}", f"expected a score in range (0, 100). "
                                                                                 f"Found {r.value}.")
                               for r in out_of_range.head(20).itertuples()])
    out["geo"] = out["geo"].replace(AGGREGATES)
    return out


def _cell(i: int, j: int) -> str:
    letters = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        letters = chr(65 + r) + letters
    return f"{letters}{i + 1}"


#: The machine file's codes (upper-case spelling), used when the workbook is read on its own.
_DEFAULT_CODES = ["e_gov_0_score", "e_gov_1_UC", "e_gov_1a_UC_OA", "e_gov_1b_UC_MF", "e_gov_1c_UC_US", "e_gov_2_TR",
                  "e_gov_2a_TR_SD", "e_gov_2b_TR_PD", "e_gov_2c_TR_DE", "e_gov_3_KE", "e_gov_3a_KE_EID",
                  "e_gov_3b_KE_EDOC", "e_gov_3c_KE_AS", "e_gov_3d_KE_DP", "e_gov_4_CB", "e_gov_4a_CB_OA",
                  "e_gov_4b_CB_US", "e_gov_4c_CB_EID", "e_gov_4d_CB_EDOC"]


def compare(machine: pd.DataFrame, workbook: pd.DataFrame, year: int) -> dict:
    """Cell-by-cell comparison of one data year shared by both files (a cell = geo, year, indicator, breakdown;
    aggregates included): counts of shared cells, equal, missing in both, differing, and the differing cells.

    Examples
    --------
    >>> from assess.data.catalogue import data_dir, DATASETS
    >>> root = data_dir(); files = DATASETS["eu_egov_benchmark"].files
    >>> m = read_machine(root / files[0]); w = read_workbook(root / files[1], m["indicator"].unique())
    >>> c = compare(m, w, 2022)
    >>> c["shared"], c["equal"], c["both_missing"], c["differ"]
    (3515, 3338, 30, 147)
    """
    key = ["geo", "year", "indicator", "breakdown"]
    a = workbook[workbook["year"] == year].copy()
    a["breakdown"] = a["breakdown"].replace({"": TOTAL})
    b = machine[machine["year"] == year]
    j = a[key + ["value", "cell"]].merge(b[key + ["value", "row"]], on=key, how="outer", suffixes=("_w", "_m"),
                                         indicator=True)
    both = j[j["_merge"] == "both"]
    vw, vm = both["value_w"], both["value_m"]
    nums = vw.notna() & vm.notna()
    differ = both[nums & (vw != vm)]
    return {"shared": int(len(both)), "equal": int((nums & (vw == vm)).sum()),
            "both_missing": int((vw.isna() & vm.isna()).sum()), "differ": int(len(differ)),
            "one_side_missing": int((vw.isna() != vm.isna()).sum()),
            "only_workbook": int((j["_merge"] == "left_only").sum()),
            "only_machine": int((j["_merge"] == "right_only").sum()),
            "differing": differ.assign(breakdown=differ["breakdown"].replace({TOTAL: ""})).reset_index(drop=True)}


def join(machine_path: Path, workbook_path: Path, report: dict) -> pd.DataFrame:
    """The store's EU rows (countries only): the machine file for its years with the workbook's revisions, then
    the workbook's later data years. Columns ``geo, year, indicator, breakdown, value, name, flag, note``."""
    m = read_machine(machine_path, report)
    w = read_workbook(workbook_path, sorted(m["indicator"].unique()))
    names = w.drop_duplicates("indicator").set_index("indicator")["label"].to_dict()
    machine_years = sorted(int(y) for y in m["year"].unique())
    key = ["geo", "year", "indicator", "breakdown"]
    revisions: dict[str, dict] = {}
    diffs = []
    for year in machine_years:
        c = compare(m, w, year)
        d = c["differing"]
        countries = d[~d["geo"].isin(AGGREGATES.values())]
        revisions[str(year)] = {"shared_cells": c["shared"], "equal": c["equal"], "both_missing": c["both_missing"],
                                "revised_cells": c["differ"], "revised_country_cells": int(len(countries)),
                                "one_side_missing": c["one_side_missing"]}
        diffs.append(d)
    report["eu_2024_workbook_vs_machine_file"] = revisions
    m = m.assign(breakdown=m["breakdown"].replace({TOTAL: ""}))
    m["flag"] = np.select([m["dot"], m["text_number"]], ["missing_in_source", "text_number"], "")
    m["note"] = ""
    d = pd.concat(diffs, ignore_index=True)
    if len(d):
        pos = pd.MultiIndex.from_frame(m[key]).get_indexer(pd.MultiIndex.from_frame(d[key]))
        m.loc[m.index[pos], "value"] = d["value_w"].to_numpy()
        m.loc[m.index[pos], "flag"] = "revised"
        m.loc[m.index[pos], "note"] = [
            f"revised by the EU eGovernment Benchmark 2024 results workbook (sheet '{WORKBOOK_SHEET}', cell {cell}); "
            f"the 2023 machine-readable file held {old:g}" for cell, old in zip(d["cell"], d["value_m"], strict=True)]
    later = w[w["year"] > max(machine_years)].copy()
    later["flag"] = np.where(later["value"].isna(), "missing_in_source", "")
    later["note"] = ""
    # A geo with no value in the year before has a 'biennial average' of one data year only (Moldova, Ukraine).
    have = set(w.loc[w["value"].notna(), ["geo", "year"]].itertuples(index=False, name=None))
    before = np.array([(g, y - 1) not in have for g, y in zip(later["geo"], later["year"], strict=True)], dtype=bool)
    single = later["breakdown"].eq("").to_numpy() & later["value"].notna().to_numpy() & before
    later.loc[single, "flag"] = "single_year"
    later.loc[single, "note"] = later.loc[single, "year"].map(
        lambda y: f"no data year {y - 1}: the workbook's 'biennial average {y - 1} + {y}' is the {y} value")
    report["eu_single_year_biennial"] = sorted(set(later.loc[single, "geo"]))
    out = pd.concat([m[key + ["value", "flag", "note"]], later[key + ["value", "flag", "note"]]], ignore_index=True)
    out["name"] = out["indicator"].map(names).fillna("")
    total = out["breakdown"].eq("") & out["note"].eq("")
    out.loc[total, "note"] = out.loc[total, "year"].map(
        lambda y: f"biennial average of data years {y - 1} and {y}, all life events")
    agg = out["geo"].isin(AGGREGATES.values())
    report["eu_aggregate_rows_not_loaded"] = int(agg.sum())
    report["eu_data_years"] = {"machine_file": [int(y) for y in machine_years],
                               "workbook": sorted(int(y) for y in later["year"].unique())}
    return out[~agg].reset_index(drop=True)

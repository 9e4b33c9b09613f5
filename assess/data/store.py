"""The harmonised indicator store: every bundled source as one tidy, validated table.

:func:`load_indicators` returns one long DataFrame with the columns of :data:`COLUMNS`:

``iso3``
    ISO 3166 alpha-3 code (see :mod:`assess.data.country_list` for how names are mapped).
``country``
    Harmonised English name (not the source's spelling).
``year``
    Survey edition or reference year (int).
``source``
    Dataset id, a key of :data:`assess.data.catalogue.DATASETS` (``un_egov``, ``wb_gtmi``, …).
``indicator``
    Indicator id within the source (``egdi``, ``osi``, ``gtmi``, ``I-12``, ``SP.POP.TOTL``, …).
``breakdown``
    A sub-series where the source has one (EU benchmark life events), else ``""`` (the country total).
``value``
    The published number (float; NaN where the source has none).
``label``
    A published category where the value is categorical (GTMI group ``A``–``D``), else ``""``.
``flag`` and ``note``
    Why a value is missing or unusual: ``not_assessed``, ``row_not_assessed``, ``out_of_range``,
    ``new_indicator``, ``missing_in_source``, ``text_number``; ``""`` when nothing is to be said.

Known anomalies of the sources are handled here, each with a flag and a test, never silently:
trailing spaces in names; UN rows of countries that were not assessed (0 in the file → missing);
2003 HCI above 1 (kept, flagged); the 2024 file's renamed columns; GTMI cells holding ``New``, footer and
legend rows; byte order marks; numbers stored as text.

Where two sources disagree: the UN's own export (``egovkb_csv``) wins over the UNU re-export (float noise
from pandas, 4 decimals in 2018), which is only used to cross-check ISO3 codes; the GTMI groups sheet wins
over the GTMI and Grp columns of the 48-indicator file (both are checked equal in the tests).

The first load parses the raw files (about a second); later loads read a Parquet cache keyed by the
SHA-256 of every input file and rebuilt when any file changes.

Examples
--------
>>> df = load_indicators()
>>> aze = df[(df.iso3 == "AZE") & (df.year == 2024) & (df.source == "un_egov")]
>>> aze.set_index("indicator").loc[["egdi", "egdi_rank"], "value"].tolist()
[0.76073, 74.0]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from assess.data.catalogue import CLASSIFICATIONS, DATASETS, UN_EDITIONS, data_dir
from assess.data.country_list import CODE_OVERRIDES, EU_CODES, countries, name_to_iso3
from assess.errors import DataError, Issue
from assess.io import safeio
from assess.io.atomic import atomic_path

__all__ = [
    "COLUMNS",
    "FLAGS",
    "cache_path",
    "load_indicators",
    "load_report",
    "verify_checksums",
    "wide",
]

COLUMNS = ["iso3", "country", "year", "source", "indicator", "breakdown", "value", "label", "flag", "note"]

#: Every flag the loader may set, with its meaning.
FLAGS: dict[str, str] = {
    "": "published value, nothing to note",
    "not_assessed": "the country was not assessed in this edition; the file holds 0, loaded as missing",
    "row_not_assessed": "published non-zero component of a country not assessed in this edition (kept as published)",
    "out_of_range": "published value outside the index's [0, 1] range (kept as published)",
    "new_indicator": "indicator did not exist in this edition; the file holds the text 'New'",
    "missing_in_source": "the file marks the value as missing ('.', blank)",
    "text_number": "the file stores this number as text; parsed",
}

CACHE_VERSION = "6"

_UN_HEADERS = {
    "egovkb": {
        "Survey Year": "year",
        "Country Name": "name",
        "E-Government Rank": "egdi_rank",
        "E-Government Index": "egdi",
        "E-Participation Index": "epi",
        "Online Service Index": "osi",
        "Human Capital Index": "hci",
        "Telecommunication Infrastructure Index": "tii",
    },
    # The only complete copy of the 2024 edition renames the UN columns and adds 'Region'.
    "renamed_2024": {
        "Survey Year": "year",
        "Country": "name",
        "Rank": "egdi_rank",
        "E_Index": "egdi",
        "E_Participation": "epi",
        "Online_Service": "osi",
        "Human_Capital": "hci",
        "Tele_Infra": "tii",
    },
}
_UN_INDICATORS = ["egdi", "osi", "hci", "tii", "epi", "egdi_rank"]
_UN_INDEX = ["egdi", "osi", "hci", "tii", "epi"]

_NUMBER = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")


# --------------------------------------------------------------------------------------------------
# Validation helpers (pandera) — every problem names the file, the row, the column and what was expected
# --------------------------------------------------------------------------------------------------


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


def _read_csv(path: Path, **kw) -> pd.DataFrame:
    """A CSV of the data folder, bounded and complete (:func:`assess.io.safeio.read_csv`: encoding by its byte
    order mark or UTF-8, a final line break required, at most MAX_DATA_FILE_BYTES and MAX_TABLE_ROWS)."""
    if not path.exists():
        raise DataError(path, [Issue("", "file not found; expected it in the bundled data folder (see data/SOURCES.md)")])
    return safeio.read_csv(path, source=str(path), dtype=str, keep_default_na=False, **kw)


def _read_xlsx(path: Path, **kw) -> pd.DataFrame:
    """A workbook of the data folder, checked as a zip archive before calamine inflates it."""
    if not path.exists():
        raise DataError(path, [Issue("", "file not found; expected it in the bundled data folder (see data/SOURCES.md)")])
    return safeio.read_xlsx(path, source=str(path), dtype=object, **kw)


def _frame(**cols) -> pd.DataFrame:
    df = pd.DataFrame(cols)
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = "" if c in ("breakdown", "label", "flag", "note", "country") else np.nan
    return df[COLUMNS]


def _melt(df: pd.DataFrame, id_vars: list[str], indicators: list[str]) -> pd.DataFrame:
    return df.melt(id_vars=id_vars, value_vars=indicators, var_name="indicator", value_name="value")


# --------------------------------------------------------------------------------------------------
# One parser per source
# --------------------------------------------------------------------------------------------------


#: Rows of every UN edition file: the 193 UN member states (non-assessed ones carry 0). Fewer means a truncated
#: or edited copy, refused rather than half-loaded.
UN_MEMBER_STATES = 193


def _parse_un_file(path: Path, edition: int, report: dict) -> pd.DataFrame:
    raw = _read_csv(path)
    if len(raw) != UN_MEMBER_STATES:
        raise DataError(path, [Issue("rows", f"expected one row for each of the {UN_MEMBER_STATES} UN member states "
                                             f"in the {edition} edition. Found {len(raw)}: is the file truncated?")])
    header = next((h for h in _UN_HEADERS.values() if set(h).issubset(raw.columns)), None)
    if header is None:
        raise DataError(
            path,
            [Issue("header", f"expected the UN columns {list(_UN_HEADERS['egovkb'])} "
                             f"(or the 2024 copy's {list(_UN_HEADERS['renamed_2024'])}). Found {list(raw.columns)}.")],
        )
    df = raw[list(header)].rename(columns=header)
    schema = pa.DataFrameSchema(
        {
            "year": pa.Column(str, pa.Check.isin([str(edition)]), nullable=False),
            "name": pa.Column(str, pa.Check.str_matches(r"\S"), nullable=False),
            **{c: pa.Column(None, _numeric_check(), nullable=True) for c in _UN_INDICATORS},
        },
        strict=False,
    )
    inv = {v: k for k, v in header.items()}
    try:
        _run_schema(df, schema, path)
    except DataError as e:  # name the file's own column headers, not our internal ids
        raise DataError(path, [Issue(_rename_loc(i.location, inv), i.message) for i in e.issues]) from None

    df["name"] = df["name"].str.strip()
    df["iso3"] = df["name"].map(lambda n: name_to_iso3(n, root=path.parents[2] if "egovkb" in str(path) else path.parents[1]))
    bad = df[df["iso3"].isna()]
    if len(bad):
        raise DataError(
            path,
            [Issue(f"row {i + 2}, column '{inv['name']}'",
                   f"expected a country name that maps to an ISO3 code (M49 name, pycountry or assess.data.country_list.NAME_OVERRIDES). Found {n!r}.")
             for i, n in bad["name"].items()],
        )
    dup = df[df["iso3"].duplicated(keep=False)]
    if len(dup):
        raise DataError(path, [Issue(f"row {i + 2}, column '{inv['name']}'", f"expected each country once. Found {n!r} again.")
                               for i, n in dup["name"].items()])
    report.setdefault("un_trailing_space_names", {})[edition] = int(
        raw[inv["name"]].str.len().ne(raw[inv["name"]].str.strip().str.len()).sum()
    )
    for c in _UN_INDICATORS:
        df[c], _ = _to_float(df[c])
    neg = [(i, c) for c in _UN_INDICATORS for i in df.index[df[c] < 0]]
    if neg:
        raise DataError(path, [Issue(f"row {i + 2}, column '{inv[c]}'", f"expected a value >= 0. Found {df.at[i, c]}.") for i, c in neg])

    long = _melt(df, ["iso3"], _UN_INDICATORS)
    long["flag"] = ""
    long["note"] = ""
    not_assessed = set(df.loc[df["egdi"] == 0, "iso3"])
    report.setdefault("un_not_assessed", {})[edition] = len(not_assessed)
    na_row = long["iso3"].isin(not_assessed)
    zero_or_rank = (long["value"] == 0) | long["indicator"].isin(["egdi", "egdi_rank"])
    m = na_row & zero_or_rank
    long.loc[m, "value"] = np.nan
    long.loc[m, "flag"] = "not_assessed"
    long.loc[m, "note"] = f"not assessed in {edition}: the file holds 0 (EGDI 0, shared last rank)"
    m2 = na_row & ~zero_or_rank
    long.loc[m2, "flag"] = "row_not_assessed"
    long.loc[m2, "note"] = f"country not assessed in {edition} (EGDI 0); this component is kept as published"
    over = long["indicator"].isin(_UN_INDEX) & (long["value"] > 1)
    long.loc[over, "flag"] = "out_of_range"
    long.loc[over, "note"] = long.loc[over, "value"].map(lambda v: f"published value {v} is above the index's maximum of 1")
    long["year"] = edition
    long["source"] = "un_egov"
    return _frame(**{c: long[c] for c in ["iso3", "year", "source", "indicator", "value", "flag", "note"]})


def _rename_loc(loc: str, inv: dict[str, str]) -> str:
    for ours, theirs in inv.items():
        loc = loc.replace(f"column '{ours}'", f"column '{theirs}'")
    return loc


def _parse_un(root: Path, report: dict) -> pd.DataFrame:
    parts = []
    for edition, rel in zip(UN_EDITIONS, DATASETS["un_egov"].files, strict=True):
        parts.append(_parse_un_file(root / rel, edition, report))
    return pd.concat(parts, ignore_index=True)


def _iso3_check() -> pa.Check:
    return pa.Check(lambda v: isinstance(v, str) and bool(re.fullmatch(r"[A-Z]{3}", v.strip())), element_wise=True,
                    error="a 3-letter ISO3 code", name="iso3")


def _parse_gtmi_groups(root: Path, report: dict) -> pd.DataFrame:
    path = root / DATASETS["wb_gtmi"].files[0]
    raw = _read_xlsx(path)
    cols = ["year", "country_code", "country_name", "grp", "gtmi", "cgsi", "psdi", "dcei", "gtei"]
    missing = [c for c in cols if c not in raw.columns]
    if missing:
        raise DataError(path, [Issue("header", f"expected columns {cols}. Missing {missing}; found {list(raw.columns)}.")])
    # Footer and legend rows (2025): country_code holds a number or a threshold, not an ISO3 code.
    junk = ~raw["country_code"].map(lambda v: isinstance(v, str) and bool(re.fullmatch(r"[A-Z]{3}", v.strip())))
    report["wb_gtmi_dropped_rows"] = [int(i) + 2 for i in raw.index[junk]]
    df = raw[~junk].copy()
    comps = ["gtmi", "cgsi", "psdi", "dcei", "gtei"]
    schema = pa.DataFrameSchema(
        {
            "year": pa.Column(None, pa.Check(lambda v: _is_number(v) and 2000 <= float(v) <= 2100, element_wise=True,
                                               error="a year", name="year")),
            "country_code": pa.Column(None, _iso3_check()),
            "grp": pa.Column(None, pa.Check.isin(["A", "B", "C", "D"]), nullable=True),
            **{c: pa.Column(None, [_numeric_check(), pa.Check(lambda v: not _is_number(v) or not (float(v) < 0 or float(v) > 1),
                                                                element_wise=True, error="a value in range (0, 1)",
                                                                name="in_range(0, 1)")], nullable=True) for c in comps},
        }
    )
    _run_schema(df, schema, path, where="sheet 1, ")
    df["iso3"] = df["country_code"].str.strip().replace(CODE_OVERRIDES)
    df["year"] = df["year"].astype(float).astype(int)
    for c in comps:
        df[c], _ = _to_float(df[c])
    dup = df.duplicated(["iso3", "year"], keep=False)
    if dup.any():
        raise DataError(path, [Issue(f"sheet 1, row {i + 2}", f"expected one row per country and year. Found {df.at[i, 'iso3']} {df.at[i, 'year']} twice.")
                               for i in df.index[dup]])
    long = _melt(df, ["iso3", "year"], comps)
    long["flag"] = np.where(long["value"].isna(), "missing_in_source", "")
    long["note"] = ""
    grp = df[["iso3", "year", "grp"]].rename(columns={"grp": "label"})
    grp["indicator"] = "gtmi_group"
    grp["value"] = np.nan
    grp["label"] = grp["label"].fillna("")
    grp["flag"] = np.where(grp["label"] == "", "missing_in_source", "")
    grp["note"] = ""
    out = pd.concat([long, grp], ignore_index=True)
    out["source"] = "wb_gtmi"
    return _frame(**{c: out[c] for c in ["iso3", "year", "source", "indicator", "value", "label", "flag", "note"]})


def _parse_gtmi_indicators(root: Path, report: dict) -> pd.DataFrame:
    path = root / DATASETS["wb_gtmi_indicators"].files[0]
    raw = _read_xlsx(path)
    ind = [f"I-{i}" for i in range(1, 49)]
    need = ["Year", "Code", "Economy", *ind, "Grp", "GTMI"]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise DataError(path, [Issue("header", f"expected columns Year, Code, Economy, I-1 ... I-48, Grp, GTMI. Missing {missing}.")])
    footer = raw["Year"].isna()
    report["wb_gtmi_indicators_footer_rows"] = int(footer.sum())
    df = raw[~footer].copy()
    schema = pa.DataFrameSchema(
        {
            "Year": pa.Column(None, pa.Check(lambda v: _is_number(v) and float(v) in (2020.0, 2022.0), element_wise=True,
                                               error="2020 or 2022", name="year")),
            "Code": pa.Column(None, _iso3_check()),
            **{c: pa.Column(None, _numeric_check(["New", "-"]), nullable=True) for c in [*ind, "GTMI"]},
        }
    )
    _run_schema(df, schema, path, where="sheet 1, ")
    df["iso3"] = df["Code"].str.strip().replace(CODE_OVERRIDES)
    df["year"] = df["Year"].astype(float).astype(int)
    long = _melt(df, ["iso3", "year"], ind)
    raw_vals = long["value"]
    new = raw_vals.map(lambda v: isinstance(v, str) and v.strip() == "New")
    dash = raw_vals.map(lambda v: isinstance(v, str) and v.strip() == "-")
    long["value"], is_text = _to_float(raw_vals.where(~(new | dash), np.nan))
    long["flag"] = np.select([new, is_text, long["value"].isna()], ["new_indicator", "text_number", "missing_in_source"], "")
    report["wb_gtmi_indicators_dash_cells"] = int(dash.sum())
    long["note"] = np.where(new, "indicator introduced after this edition ('New' in the file)", "")
    report["wb_gtmi_indicators_text_numbers"] = int(is_text.sum())
    report["wb_gtmi_indicators_new_cells"] = int(new.sum())
    long["source"] = "wb_gtmi_indicators"
    return _frame(**{c: long[c] for c in ["iso3", "year", "source", "indicator", "value", "flag", "note"]})


def _parse_long_iso(path: Path, source: str, *, iso_col="cc_iso3c", year_col="ref_year", var_col="variable",
                    val_col="value", keep: Callable[[pd.DataFrame], pd.Series] | None = None, report: dict) -> pd.DataFrame:
    raw = _read_csv(path)
    schema = pa.DataFrameSchema(
        {
            iso_col: pa.Column(str, nullable=False),
            year_col: pa.Column(str, pa.Check.str_matches(r"^\d{4}$"), nullable=False),
            var_col: pa.Column(str, pa.Check.str_matches(r"\S"), nullable=False),
            val_col: pa.Column(str, _numeric_check(["NA"]), nullable=True),
        }
    )
    _run_schema(raw, schema, path)
    df = raw if keep is None else raw[keep(raw)]
    report[f"{source}_dropped_rows"] = int(len(raw) - len(df))
    vals, _ = _to_float(df[val_col].where(df[val_col].str.strip() != "NA", ""))
    out = _frame(iso3=df[iso_col].str.strip().replace(CODE_OVERRIDES), year=df[year_col].astype(int), source=source,
                 indicator=df[var_col].str.strip(), value=vals)
    out["flag"] = np.where(out["value"].isna(), "missing_in_source", "")
    return out


def _parse_eu(root: Path, report: dict, iso2: dict[str, str]) -> pd.DataFrame:
    path = root / DATASETS["eu_egov_benchmark"].files[0]
    raw = _read_xlsx(path)
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
            "Value": pa.Column(None, [_numeric_check(["."]),
                                        pa.Check(lambda v: not _is_number(v) or v is None or (isinstance(v, float) and np.isnan(v))
                                                 or 0 <= float(v) <= 100, element_wise=True,
                                                 error="a score in range (0, 100)", name="in_range(0, 100)")], nullable=True),
        }
    )
    _run_schema(raw, schema, path, where="sheet 1, ")
    unlabelled = raw["variable"].isna()
    aggregate = raw["Country"].isin(["EU", "EUplus"])
    report["eu_unlabelled_rows_not_loaded"] = int(unlabelled.sum())
    report["eu_aggregate_rows_not_loaded"] = int((aggregate & ~unlabelled).sum())
    df = raw[~unlabelled & ~aggregate].copy()
    # Variable codes come in two spellings (e_gov_1b_uc_mf / e_gov_1b_UC_MF): take the upper-case one.
    canon = {}
    for v in df["variable"].unique():
        canon.setdefault(v.lower(), set()).add(v)
    pick = {v: max(variants, key=lambda s: sum(ch.isupper() for ch in s)) for variants in canon.values() for v in variants}
    report["eu_variable_case_variants"] = sorted(v for v in pick if pick[v] != v)
    df["indicator"] = df["variable"].map(pick)
    df["iso3"] = df["Country"].map(lambda c: EU_CODES.get(c) or iso2.get(c))
    unknown = df[df["iso3"].isna()]
    if len(unknown):
        raise DataError(path, [Issue(f"sheet 1, row {i + 2}, column 'Country'", f"expected an EU benchmark geo code. Found {c!r}.")
                               for i, c in unknown["Country"].head(20).items()])
    dot = df["Value"].map(lambda v: isinstance(v, str) and v.strip() in (".", ""))
    df["value"], is_text = _to_float(df["Value"].where(~dot, np.nan))
    # The country total over all life events is the file's breakdown EGOV_LIFE_EVENTS: stored as breakdown ""
    # (no breakdown), like every other source's country-level value, with a note.
    total = df["brkdown"].eq("EGOV_LIFE_EVENTS").to_numpy()
    out = _frame(iso3=df["iso3"], year=df["year"].astype(int), source="eu_egov_benchmark", indicator=df["indicator"],
                 breakdown=np.where(total, "", df["brkdown"].fillna("").astype(str)), value=df["value"])
    out["flag"] = np.select([dot.to_numpy(), is_text.to_numpy()], ["missing_in_source", "text_number"], "")
    out["note"] = np.where(total, "all life events (breakdown EGOV_LIFE_EVENTS in the file)", "")
    return out


def _parse_wdi(root: Path, report: dict, known: set[str]) -> pd.DataFrame:
    path = root / DATASETS["wb_wdi"].files[0]
    return _parse_long_iso(path, "wb_wdi", iso_col="cty_iso", year_col="date", var_col="ind_id",
                           keep=lambda d: d["cty_iso"].isin(known), report=report)


def _parse_owid(root: Path, report: dict, known: set[str]) -> pd.DataFrame:
    names = {"share-of-individuals-using-the-internet": "internet_users",
             "mobile-cellular-subscriptions-per-100-people": "mobile_subscriptions",
             "broadband-penetration-by-country": "fixed_broadband"}
    parts = []
    for rel in DATASETS["itu_owid"].files:
        path = root / rel
        raw = _read_csv(path)
        if len(raw.columns) != 4 or list(raw.columns[:3]) != ["Entity", "Code", "Year"]:
            raise DataError(path, [Issue("header", f"expected columns Entity, Code, Year, <value>. Found {list(raw.columns)}.")])
        valcol = raw.columns[3]
        schema = pa.DataFrameSchema({"Year": pa.Column(str, pa.Check.str_matches(r"^\d{4}$")),
                                     valcol: pa.Column(str, _numeric_check())})
        _run_schema(raw, schema, path)
        keep = raw["Code"].isin(known)
        report[f"itu_owid_{names[Path(rel).stem]}_aggregate_rows_not_loaded"] = int((~keep).sum())
        d = raw[keep]
        vals, _ = _to_float(d[valcol])
        parts.append(_frame(iso3=d["Code"], year=d["Year"].astype(int), source="itu_owid",
                            indicator=names[Path(rel).stem], value=vals))
    return pd.concat(parts, ignore_index=True)


_TIDY_SCHEMA = pa.DataFrameSchema(
    {
        "iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
        "country": pa.Column(str),
        "year": pa.Column(int, pa.Check.in_range(1960, 2100)),
        "source": pa.Column(str, pa.Check.isin(sorted(DATASETS))),
        "indicator": pa.Column(str, pa.Check.str_matches(r"\S")),
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


def _build(root: Path) -> tuple[pd.DataFrame, dict]:
    report: dict = {}
    ctry = countries(data=root)
    known = set(ctry["iso3"])
    m49 = _read_csv(root / "classifications" / "unsd_m49_overview.csv")
    iso2 = dict(zip(m49["ISO-alpha2 Code"], m49["ISO-alpha3 Code"], strict=True))
    parts = [
        _parse_un(root, report),
        _parse_gtmi_groups(root, report),
        _parse_gtmi_indicators(root, report),
        _parse_long_iso(root / DATASETS["wb_gtmi_bipa"].files[0], "wb_gtmi_bipa", report=report),
        _parse_long_iso(root / DATASETS["oecd_dgi"].files[0], "oecd_dgi", report=report),
        _parse_eu(root, report, iso2),
        _parse_wdi(root, report, known),
        _parse_owid(root, report, known),
    ]
    df = pd.concat(parts, ignore_index=True)
    unknown = sorted(set(df["iso3"]) - known)
    if unknown:
        raise DataError(root, [Issue("iso3", f"expected codes present in the country table (M49 + World Bank). Found {unknown}.")])
    names = dict(zip(ctry["iso3"], ctry["name"], strict=True))
    df["country"] = df["iso3"].map(names)
    df["year"] = df["year"].astype(int)
    for c in ("breakdown", "label", "flag", "note", "country"):
        df[c] = df[c].fillna("").astype(str)
    df["value"] = df["value"].astype(float)
    try:
        _TIDY_SCHEMA.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataError("tidy indicator table", [Issue(f"column '{r.column}'", f"{r.check}: {r.failure_case!r}")
                                                 for r in err.failure_cases.head(20).itertuples()]) from None
    df = df.sort_values(["source", "indicator", "year", "iso3", "breakdown"], kind="stable").reset_index(drop=True)
    for c in ("source", "indicator", "flag"):
        df[c] = df[c].astype("category")
    report["rows"] = len(df)
    return df, report


# --------------------------------------------------------------------------------------------------
# Cache and public API
# --------------------------------------------------------------------------------------------------


def _input_files(root: Path) -> list[Path]:
    rels = [f for d in (*DATASETS.values(), *CLASSIFICATIONS.values()) for f in d.files]
    return [root / r for r in rels]


#: The bundled data folder: its files are verified against its SHA256SUMS before they are parsed.
BUNDLED_DATA = (Path(__file__).resolve().parents[2] / "data").resolve()


def _digests(root: Path) -> dict[str, str | None]:
    """SHA-256 of every input file (relative path → hex digest; ``None`` when the file is missing)."""
    out: dict[str, str | None] = {}
    for p in _input_files(root):
        try:
            out[str(p.relative_to(root))] = hashlib.sha256(
                safeio.read_bytes(p, safeio.limits.MAX_DATA_FILE_BYTES, source=str(p))).hexdigest()
        except DataError:
            if p.exists() or p.is_symlink():
                raise
            out[str(p.relative_to(root))] = None
    return out


def _fingerprint(root: Path, digests: dict[str, str | None] | None = None) -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    for rel, digest in (digests if digests is not None else _digests(root)).items():
        h.update(rel.encode())
        h.update(bytes.fromhex(digest) if digest else b"missing")
    return h.hexdigest()[:20]


def _sums(root: Path) -> dict[str, str]:
    text = safeio.read_text(root / "SHA256SUMS", safeio.limits.MAX_DATA_FILE_BYTES, source=str(root / "SHA256SUMS"))
    out = {}
    for line in text.splitlines():
        digest, _, rel = line.strip().partition("  ")
        if rel:
            out[rel.strip()] = digest.lower()
    return out


def _verify_bundled(root: Path, digests: dict[str, str | None]) -> None:
    """Refuse a bundled input file whose SHA-256 is not the one in ``data/SHA256SUMS`` (damaged, truncated,
    edited), naming the file, before anything is parsed. Other folders get structural checks instead
    (193 UN member states per edition, complete last lines, headers, value types)."""
    if root.resolve() != BUNDLED_DATA:
        return
    sums = _sums(root)
    for rel, digest in digests.items():
        if digest is None:
            continue  # missing: the parser says "file not found"
        if rel not in sums:
            raise DataError(root / rel, [Issue("", "expected a file listed in data/SHA256SUMS; it is not listed.")])
        if sums[rel] != digest:
            raise DataError(root / rel, [Issue("", f"expected the published file (SHA-256 {sums[rel][:12]}… in "
                                                   f"data/SHA256SUMS), found SHA-256 {digest[:12]}…: the bundled copy "
                                                   "is damaged, truncated or edited. Restore it (git checkout -- data/).")])


def _cache_dir() -> Path:
    env = os.environ.get("EGOV_ASSESS_CACHE")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".cache"


def cache_path(data: str | Path | None = None) -> Path:
    """Return the Parquet cache file for the current content of the data folder.

    The name holds a fingerprint of the SHA-256 of every input file, so any change to a file
    gives a new cache file and the store is rebuilt.

    Examples
    --------
    >>> cache_path().suffix
    '.parquet'
    """
    return _cache_dir() / f"indicators-{_fingerprint(data_dir(data).resolve())}.parquet"


_MEMO: dict[str, tuple[pd.DataFrame, dict]] = {}


def _write_atomic(df: pd.DataFrame, report: dict, path: Path) -> None:
    with atomic_path(path.with_suffix(".json")) as tmp:
        tmp.write_text(json.dumps(report, indent=1, default=str))
    with atomic_path(path) as tmp:  # the Parquet file last: its presence means the cache is complete
        df.to_parquet(tmp, index=False)


def _load(data, cache: bool) -> tuple[pd.DataFrame, dict]:
    root = data_dir(data).resolve()
    digests = _digests(root)
    _verify_bundled(root, digests)
    path = _cache_dir() / f"indicators-{_fingerprint(root, digests)}.parquet"
    key = str(path)
    if cache and key in _MEMO:
        return _MEMO[key]
    if cache and path.exists():
        try:
            df = pd.read_parquet(path)
            report = json.loads(path.with_suffix(".json").read_text()) if path.with_suffix(".json").exists() else {}
            _MEMO[key] = (df, report)
            return df, report
        except Exception as e:  # a corrupt cache is rebuilt, never trusted
            warnings.warn(f"indicator cache {path} unreadable ({e}); rebuilding", stacklevel=3)
    df, report = _build(root)
    if cache:
        try:
            _write_atomic(df, report, path)
        except OSError as e:
            warnings.warn(f"could not write the indicator cache {path}: {e}", stacklevel=3)
        _MEMO[key] = (df, report)
    return df, report


def load_indicators(sources: str | Iterable[str] | None = None, *, data: str | Path | None = None,
                    cache: bool = True) -> pd.DataFrame:
    """Return every bundled indicator as one tidy long table (see the module docstring for columns).

    Parameters
    ----------
    sources : str or list of str, optional
        Keep only these dataset ids (keys of :data:`assess.data.catalogue.DATASETS`).
    data : path, optional
        Data folder (default: ``$EGOV_ASSESS_DATA`` or the repository's ``data/``).
    cache : bool
        Read and write the Parquet cache (default). ``False`` always parses the raw files.

    Raises
    ------
    DataError
        A source file is missing or malformed; the message names the file, row, column and what
        was expected. Nothing is returned half-loaded.

    Examples
    --------
    >>> df = load_indicators("un_egov")
    >>> sorted(df["indicator"].unique())
    ['egdi', 'egdi_rank', 'epi', 'hci', 'osi', 'tii']
    >>> df[df.indicator == "egdi"].groupby("year")["value"].apply(lambda s: int(s.isna().sum())).loc[[2003, 2010, 2014]].tolist()
    [20, 10, 0]
    """
    df, _ = _load(data, cache)
    if sources is not None:
        wanted = [sources] if isinstance(sources, str) else list(sources)
        unknown = [s for s in wanted if s not in DATASETS]
        if unknown:
            raise DataError("load_indicators", [Issue("sources", f"expected dataset ids from {sorted(DATASETS)}. Found {unknown}.")])
        df = df[df["source"].isin(wanted)]
        df = df.assign(source=df["source"].cat.remove_unused_categories(),
                       indicator=df["indicator"].cat.remove_unused_categories()).reset_index(drop=True)
    else:
        df = df.copy()
    return df


def load_report(*, data: str | Path | None = None) -> dict:
    """Return what the last build of the store dropped, flagged or repaired, with counts.

    Examples
    --------
    >>> load_report()["un_not_assessed"]["2003"]
    20
    """
    _, report = _load(data, True)
    return json.loads(json.dumps(report, default=str))


def wide(source: str, year: int | None = None, *, indicators: Iterable[str] | None = None,
         data: str | Path | None = None) -> pd.DataFrame:
    """Return one source as a wide table: index ``iso3`` (and ``year`` when *year* is None), one column per indicator.

    Examples
    --------
    >>> w = wide("un_egov", 2024)
    >>> round(float(w.loc["SGP", "egdi"]), 5), int(w.loc["SGP", "egdi_rank"])
    (0.96912, 3)
    """
    df = load_indicators(source, data=data)
    if year is not None:
        df = df[df["year"] == year]
    if indicators is not None:
        df = df[df["indicator"].isin(list(indicators))]
    df = df[df["breakdown"] == ""]
    idx = ["iso3"] if year is not None else ["iso3", "year"]
    out = df.pivot_table(index=idx, columns="indicator", values="value", aggfunc="first", observed=True, dropna=False)
    out.columns = out.columns.astype(str)
    out.columns.name = None
    return out


def verify_checksums(data: str | Path | None = None) -> list[str]:
    """Check every file listed in ``data/SHA256SUMS``; return the problems (empty when all match).

    Examples
    --------
    >>> verify_checksums()
    []
    """
    root = data_dir(data)
    sums = root / "SHA256SUMS"
    problems = []
    for n, line in enumerate(sums.read_text().splitlines(), 1):
        if not line.strip():
            continue
        digest, _, rel = line.strip().partition("  ")
        p = root / rel
        if not p.exists():
            problems.append(f"SHA256SUMS line {n}: {rel} is missing")
        elif hashlib.sha256(p.read_bytes()).hexdigest() != digest:
            problems.append(f"SHA256SUMS line {n}: {rel} does not match its checksum (expected {digest[:12]}…)")
    listed = {line.partition("  ")[2].strip() for line in sums.read_text().splitlines() if line.strip()}
    for p in _input_files(root):
        rel = str(p.relative_to(root))
        if rel not in listed:
            problems.append(f"{rel} is used by assess but not listed in SHA256SUMS")
    return problems

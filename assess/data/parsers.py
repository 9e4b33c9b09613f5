"""One parser per published source, each returning tidy rows with every anomaly flagged (never dropped silently),
and :func:`build_table`, which parses them all into one validated table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from assess.data import eu_benchmark, indicator_metadata
from assess.data.catalogue import DATASETS, dataset_files
from assess.data.country_list import CODE_OVERRIDES, EU_CODES, countries, name_to_iso3
from assess.data.tidy import (
    _TIDY_SCHEMA,
    COLUMNS,
    _is_number,
    _iso3_check,
    _numeric_check,
    _run_schema,
    _to_float,
)
from assess.errors import DataError, Issue
from assess.io import safeio

__all__ = ["UN_MEMBER_STATES", "build_table"]



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
            df[c] = "" if c in ("breakdown", "label", "flag", "note", "country", "name") else np.nan
    return df[COLUMNS]


def _melt(df: pd.DataFrame, id_vars: list[str], indicators: list[str]) -> pd.DataFrame:
    return df.melt(id_vars=id_vars, value_vars=indicators, var_name="indicator", value_name="value")


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
    # The indicator's name is the UN's own column header (the egovkb export's spelling, whichever copy this is).
    long["name"] = long["indicator"].map({v: k for k, v in _UN_HEADERS["egovkb"].items()})
    return _frame(**{c: long[c] for c in ["iso3", "year", "source", "indicator", "name", "value", "flag", "note"]})


def _rename_loc(loc: str, inv: dict[str, str]) -> str:
    for ours, theirs in inv.items():
        loc = loc.replace(f"column '{ours}'", f"column '{theirs}'")
    return loc


def _parse_un(root: Path, report: dict) -> pd.DataFrame:
    parts, seen = [], {}
    for rel, edition in dataset_files(DATASETS["un_egov"], root):
        if edition in seen:
            raise DataError(root / rel, [Issue("", f"expected one file per UN edition; {seen[edition]} is already the "
                                                   f"{edition} edition. Keep one of the two (data/SOURCES.md).")])
        seen[edition] = rel
        parts.append(_parse_un_file(root / rel, edition, report))
    report["un_editions"] = sorted(seen)
    return pd.concat(parts, ignore_index=True)


def _parse_gtmi_groups(root: Path, report: dict) -> pd.DataFrame:
    parts = [_parse_gtmi_groups_file(root / rel, edition, report) for rel, edition in dataset_files(DATASETS["wb_gtmi"], root)]
    out = pd.concat(parts, ignore_index=True)
    dup = out[out.duplicated(["iso3", "year", "indicator"], keep=False)]
    if len(dup):
        raise DataError(root / "wb_gtmi", [Issue("", f"expected each GTMI edition in one file. Found {sorted(set(dup['year']))} "
                                                     "in two files.")])
    return out


def _parse_gtmi_groups_file(path: Path, edition: int | None, report: dict) -> pd.DataFrame:
    raw = _read_xlsx(path)
    cols = ["year", "country_code", "country_name", "grp", "gtmi", "cgsi", "psdi", "dcei", "gtei"]
    missing = [c for c in cols if c not in raw.columns]
    if missing:
        raise DataError(path, [Issue("header", f"expected columns {cols}. Missing {missing}; found {list(raw.columns)}.")])
    # Footer and legend rows (2025): country_code holds a number or a threshold, not an ISO3 code.
    junk = ~raw["country_code"].map(lambda v: isinstance(v, str) and bool(re.fullmatch(r"[A-Z]{3}", v.strip())))
    dropped = [int(i) + 2 for i in raw.index[junk]]
    if edition is None:  # the bundled file of several editions
        report["wb_gtmi_dropped_rows"] = dropped
    else:
        report.setdefault("wb_gtmi_dropped_rows_by_file", {})[path.name] = dropped
    df = raw[~junk].copy()
    comps = ["gtmi", "cgsi", "psdi", "dcei", "gtei"]
    schema = pa.DataFrameSchema(
        {
            "year": _year_column(edition),
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


def _year_column(edition: int | None) -> pa.Column:
    """A year column: any year 2000-2100 in a file of several editions, the file name's year in a one-edition file."""
    if edition is None:
        return pa.Column(None, pa.Check(lambda v: _is_number(v) and 2000 <= float(v) <= 2100, element_wise=True,
                                        error="a year", name="year"))
    return pa.Column(None, pa.Check(lambda v: _is_number(v) and float(v) == edition, element_wise=True,
                                    error=f"{edition} (the year in the file name)", name="year"))


def _parse_gtmi_indicators(root: Path, report: dict) -> pd.DataFrame:
    parts = [_parse_gtmi_indicators_file(root / rel, edition, report)
             for rel, edition in dataset_files(DATASETS["wb_gtmi_indicators"], root)]
    out = pd.concat(parts, ignore_index=True)
    dup = out[out.duplicated(["iso3", "year", "indicator"], keep=False)]
    if len(dup):
        raise DataError(root / "wb_gtmi", [Issue("", f"expected each GTMI edition's key indicators in one file. Found "
                                                     f"{sorted(set(dup['year']))} in two files.")])
    return out


def _parse_gtmi_indicators_file(path: Path, edition: int | None, report: dict) -> pd.DataFrame:
    raw = _read_xlsx(path)
    ind = [f"I-{i}" for i in range(1, 49)]
    need = ["Year", "Code", "Economy", *ind]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise DataError(path, [Issue("header", f"expected columns Year, Code, Economy, I-1 ... I-48. Missing {missing}.")])
    footer = raw["Year"].isna()
    _add(report, "wb_gtmi_indicators_footer_rows", int(footer.sum()))
    df = raw[~footer].copy()
    schema = pa.DataFrameSchema(
        {
            "Year": _year_column(edition),
            "Code": pa.Column(None, _iso3_check()),
            **{c: pa.Column(None, _numeric_check(["New", "-"]), nullable=True)
               for c in [*ind, *(["GTMI"] if "GTMI" in df.columns else [])]},
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
    _add(report, "wb_gtmi_indicators_dash_cells", int(dash.sum()))
    long["note"] = np.where(new, "indicator introduced after this edition ('New' in the file)", "")
    _add(report, "wb_gtmi_indicators_text_numbers", int(is_text.sum()))
    _add(report, "wb_gtmi_indicators_new_cells", int(new.sum()))
    long["source"] = "wb_gtmi_indicators"
    return _frame(**{c: long[c] for c in ["iso3", "year", "source", "indicator", "value", "flag", "note"]})


def _add(report: dict, key: str, n: int) -> None:
    report[key] = report.get(key, 0) + n


def _parse_long_iso(path: Path, source: str, *, iso_col="cc_iso3c", year_col="ref_year", var_col="variable",
                    val_col="value", name_col: str | None = None,
                    keep: Callable[[pd.DataFrame], pd.Series] | None = None, report: dict) -> pd.DataFrame:
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
                 indicator=df[var_col].str.strip(), value=vals,
                 name=df[name_col].str.strip() if name_col and name_col in df.columns else "")
    out["flag"] = np.where(out["value"].isna(), "missing_in_source", "")
    return out


def _parse_eu(root: Path, report: dict, iso2: dict[str, str]) -> pd.DataFrame:
    machine, workbook = (root / f for f in DATASETS["eu_egov_benchmark"].files)
    df = eu_benchmark.join(machine, workbook, report)
    df["iso3"] = df["geo"].map(lambda c: EU_CODES.get(c) or iso2.get(c))
    unknown = df[df["iso3"].isna()]
    if len(unknown):
        raise DataError(machine, [Issue("geo", f"expected EU benchmark geo codes. Found {sorted(set(unknown['geo']))}.")])
    return _frame(iso3=df["iso3"], year=df["year"].astype(int), source="eu_egov_benchmark", indicator=df["indicator"],
                  name=df["name"], breakdown=df["breakdown"], value=df["value"], flag=df["flag"], note=df["note"])


def _parse_wdi(root: Path, report: dict, known: set[str]) -> pd.DataFrame:
    path = root / DATASETS["wb_wdi"].files[0]
    return _parse_long_iso(path, "wb_wdi", iso_col="cty_iso", year_col="date", var_col="ind_id", name_col="ind_nm",
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


def build_table(root: Path) -> tuple[pd.DataFrame, dict]:
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
    # GTMI names come from the World Bank's metadata files, per indicator and edition (never the 2022 name beside
    # a value of an edition where the code means something else).
    cat = indicator_metadata.build(root, df)
    named = cat[(cat["name"] != "") & (cat["kind"] != "sub_indicator")].set_index(["source", "indicator", "edition"])["name"]
    key = pd.MultiIndex.from_arrays([df["source"], df["indicator"], df["year"]])
    from_cat = pd.Series(named.reindex(key).to_numpy(), index=df.index)
    df["name"] = from_cat.where(from_cat.notna(), df["name"]).fillna("")
    unknown = sorted(set(df["iso3"]) - known)
    if unknown:
        raise DataError(root, [Issue("iso3", f"expected codes present in the country table (M49 + World Bank). Found {unknown}.")])
    names = dict(zip(ctry["iso3"], ctry["name"], strict=True))
    df["country"] = df["iso3"].map(names)
    df["year"] = df["year"].astype(int)
    for c in ("breakdown", "label", "flag", "note", "country", "name"):
        df[c] = df[c].fillna("").astype(str)
    df["value"] = df["value"].astype(float)
    try:
        _TIDY_SCHEMA.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataError("tidy indicator table", [Issue(f"column '{r.column}'", f"{r.check}: {r.failure_case!r}")
                                                 for r in err.failure_cases.head(20).itertuples()]) from None
    df = df.sort_values(["source", "indicator", "year", "iso3", "breakdown"], kind="stable").reset_index(drop=True)
    for c in ("source", "indicator", "flag", "name"):
        df[c] = df[c].astype("category")
    report["rows"] = len(df)
    return df, report

"""The harmonised indicator store: real values from the bundled files, anomalies, validation, cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import assess
from assess.data import COLUMNS, FLAGS, cache_path, load_indicators, load_report, verify_checksums, wide
from assess.data.catalogue import DATASETS, UN_EDITIONS
from assess.data.country_list import CODE_OVERRIDES, name_to_iso3
from assess.errors import DataError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store() -> pd.DataFrame:
    return load_indicators()


@pytest.fixture(scope="module")
def un(store) -> pd.DataFrame:
    return store[store.source == "un_egov"]


def value(df, iso3, year, indicator, source="un_egov"):
    s = df[(df.iso3 == iso3) & (df.year == year) & (df.indicator == indicator) & (df.source == source)]
    assert len(s) == 1, (iso3, year, indicator, len(s))
    return s.iloc[0]


# ---------------------------------------------------------------- provenance


def test_checksums_match_and_cover_every_used_file():
    assert verify_checksums() == []


def test_checksum_mismatch_is_reported(data_copy):
    f = data_copy / "oecd_dgi" / "blavatnik_oecd_dgi_2023.csv"
    f.write_bytes(f.read_bytes() + b"\n")
    problems = verify_checksums(data_copy)
    assert problems == [
        f"SHA256SUMS line {_line_of('oecd_dgi/blavatnik_oecd_dgi_2023.csv')}: oecd_dgi/blavatnik_oecd_dgi_2023.csv "
        "does not match its checksum (expected ba333c1d651a…)"
    ]


def _line_of(rel: str) -> int:
    lines = (ROOT / "data" / "SHA256SUMS").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.endswith(rel))


def test_every_dataset_documented_in_sources_md():
    text = (ROOT / "data" / "SOURCES.md").read_text()
    for d in DATASETS.values():
        for f in d.files:
            assert f"`{f}`" in text, f"{f} is used by assess but not documented in data/SOURCES.md"


# ---------------------------------------------------------------- the tidy table


def test_columns_and_types(store):
    assert list(store.columns) == COLUMNS
    assert store["year"].dtype.kind == "i"
    assert store["value"].dtype == float
    assert set(store["flag"].astype(str)) <= set(FLAGS)
    assert set(store["source"].astype(str)) == set(DATASETS)
    assert not store.duplicated(["iso3", "year", "source", "indicator", "breakdown"]).any()
    assert store["iso3"].str.fullmatch(r"[A-Z]{3}").all()


def test_azerbaijan_2024_published_egdi_and_rank(un):
    assert value(un, "AZE", 2024, "egdi").value == 0.76073
    assert value(un, "AZE", 2024, "egdi_rank").value == 74
    assert value(un, "AZE", 2024, "osi").value == 0.73863
    assert value(un, "AZE", 2024, "hci").value == 0.72329
    assert value(un, "AZE", 2024, "tii").value == 0.82034
    assert value(un, "AZE", 2024, "egdi").country == "Azerbaijan"


def test_singapore_third_in_2024_and_top_three(un):
    assert value(un, "SGP", 2024, "egdi_rank").value == 3
    top = un[(un.year == 2024) & (un.indicator == "egdi_rank")].nsmallest(3, "value")
    assert top["iso3"].tolist() == ["DNK", "EST", "SGP"]


@pytest.mark.parametrize("edition", UN_EDITIONS)
def test_every_un_edition_has_193_member_states(un, edition):
    e = un[(un.year == edition) & (un.indicator == "egdi")]
    assert len(e) == 193
    members = set(assess.countries(un_members_only=True)["iso3"])
    assert set(e["iso3"]) == members


@pytest.mark.parametrize(
    ("edition", "count"),
    [(2003, 20), (2004, 15), (2005, 14), (2008, 11), (2010, 10), (2012, 3), (2014, 0), (2016, 0), (2018, 0),
     (2020, 0), (2022, 0), (2024, 0)],
)
def test_not_assessed_countries_are_missing_not_zero(un, edition, count):
    e = un[(un.year == edition) & (un.indicator == "egdi")]
    assert int(e["value"].isna().sum()) == count
    assert (e.loc[e["value"].isna(), "flag"] == "not_assessed").all()
    assert not (e["value"] == 0).any()
    ranks = un[(un.year == edition) & (un.indicator == "egdi_rank")]
    assert int(ranks["value"].isna().sum()) == count
    assert load_report()["un_not_assessed"][str(edition)] == count


def test_not_assessed_row_keeps_published_nonzero_components(un):
    # Iraq 2003: EGDI 0 (not assessed) but HCI 0.93 and TII 0.01578 published.
    assert np.isnan(value(un, "IRQ", 2003, "egdi").value)
    hci = value(un, "IRQ", 2003, "hci")
    assert hci.value == 0.93 and hci.flag == "row_not_assessed"
    osi = value(un, "IRQ", 2003, "osi")
    assert np.isnan(osi.value) and osi.flag == "not_assessed"


def test_2003_hci_above_one_is_kept_and_flagged(un):
    over = un[un.flag == "out_of_range"]
    assert sorted(over["iso3"]) == ["FSM", "TUV"]
    assert set(over["year"]) == {2003} and set(over["indicator"]) == {"hci"}
    assert dict(zip(over["iso3"], over["value"], strict=True)) == {"FSM": 1.422, "TUV": 1.03}
    assert "above the index's maximum of 1" in over["note"].iloc[0]


def test_trailing_spaces_stripped_and_counted(un):
    assert load_report()["un_trailing_space_names"]["2024"] == 175
    raw = pd.read_csv(ROOT / "data/un_egdi/EGOV_DATA_2024_renamed_cols.csv", dtype=str)
    assert "Iraq " in set(raw["Country"])
    assert value(un, "IRQ", 2024, "egdi").country == "Iraq"


def test_2024_renamed_columns_read_like_the_un_export(un):
    e24 = un[un.year == 2024]
    assert sorted(e24["indicator"].astype(str).unique()) == ["egdi", "egdi_rank", "epi", "hci", "osi", "tii"]
    assert value(un, "DNK", 2024, "egdi_rank").value == 1


def test_2022_plurality_copy_agrees_with_primary(un):
    alt = pd.read_csv(ROOT / "data/un_egdi/EGOV_DATA_2022_crlf_plurality.csv")
    alt["name"] = alt["Country Name"].str.strip()
    alt["iso3"] = alt["name"].map(name_to_iso3)
    ours = wide("un_egov", 2022)
    merged = alt.set_index("iso3").join(ours)
    assert np.allclose(merged["E-Government Index"], merged["egdi"])


def test_unu_reexport_iso3_codes_agree_with_our_name_mapping(un):
    for year in (2010, 2012, 2014, 2016, 2018):
        unu = pd.read_csv(ROOT / f"data/un_egdi/unu_egov/egdi-{year}.csv")
        ours = wide("un_egov", year)
        assert set(unu["country-code"]) == set(ours.index)
        # the UN export wins; the UNU re-export differs only by float noise / rounding
        j = unu.set_index("country-code")[["e-gov-index"]].join(ours)
        ok = j["e-gov-index"].notna() & j["egdi"].notna()
        assert (j.loc[ok, "e-gov-index"] - j.loc[ok, "egdi"]).abs().max() < 1e-4


def test_gtmi_groups_for_azerbaijan(store):
    g = store[(store.source == "wb_gtmi") & (store.iso3 == "AZE") & (store.indicator == "gtmi_group")]
    assert dict(zip(g.year, g.label, strict=True)) == {2020: "B", 2022: "A", 2025: "A"}
    assert value(store, "AZE", 2022, "gtmi", "wb_gtmi").value == pytest.approx(0.774728, abs=1e-6)


def test_gtmi_footer_and_legend_rows_dropped(store):
    g = store[(store.source == "wb_gtmi") & (store.indicator == "gtmi")]
    assert g.groupby("year")["iso3"].nunique().to_dict() == {2020: 198, 2022: 198, 2025: 197}
    assert load_report()["wb_gtmi_dropped_rows"] == [595, 596, 597, 598, 599]
    assert (g["value"].dropna() <= 1).all()


def test_gtmi_new_dash_and_text_numbers(store):
    gi = store[store.source == "wb_gtmi_indicators"]
    new = gi[gi.flag == "new_indicator"]
    assert len(new) == 1188 and set(new["year"]) == {2020} and new["value"].isna().all()
    txt = gi[gi.flag == "text_number"]
    assert len(txt) == load_report()["wb_gtmi_indicators_text_numbers"] > 0
    assert txt["value"].notna().all()
    rep = load_report()
    assert rep["wb_gtmi_indicators_footer_rows"] == 11 and rep["wb_gtmi_indicators_dash_cells"] == 51
    # Kosovo's non-ISO code KSV and old WB codes are mapped
    assert {"XKX", "PSE"} <= set(gi["iso3"])


def test_gtmi_indicator_file_agrees_with_groups_file():
    raw = pd.read_excel(ROOT / "data/wb_gtmi/Clean_GovTech_CG_GTMI_Data_2020_2022.xlsx", engine="calamine")
    raw = raw[raw["Year"].notna()].copy()
    raw["iso3"] = raw["Code"].replace(CODE_OVERRIDES)
    for year in (2020, 2022):
        g = wide("wb_gtmi", year)
        r = raw[raw["Year"] == year].set_index("iso3")
        j = r.join(g, how="inner")
        assert len(j) == 198
        assert (j["GTMI"].astype(float) - j["gtmi"]).abs().max() < 1e-6


def test_bom_files_parse_with_clean_headers(store):
    for rel in ("oecd_dgi/blavatnik_oecd_dgi_2023.csv", "wb_gtmi/blavatnik_gtmi_2022_metadata.csv", "wb_wdi/blavatnik_wb_wdi_2024.csv"):
        assert (ROOT / "data" / rel).read_bytes()[:3] == b"\xef\xbb\xbf"
    assert value(store, "KOR", 2023, "composite_index", "oecd_dgi").value == 0.935
    assert value(store, "KOR", 2023, "composite_rank", "oecd_dgi").value == 1


def test_eu_benchmark_life_events(store):
    eu = store[store.source == "eu_egov_benchmark"]
    assert set(eu["year"]) == {2020, 2021, 2022, 2023}  # 2023: the 2024 results workbook (tests/test_eu2024.py)
    assert "GRC" in set(eu["iso3"])  # EL in the file
    ee = eu[(eu.iso3 == "EST") & (eu.year == 2020) & (eu.indicator == "e_gov_0_score")]
    # all life events together (EGOV_LIFE_EVENTS) plus the four life events measured in 2020
    assert sorted(ee["breakdown"]) == ["", "e_gov_EVENTS_5", "e_gov_EVENTS_6", "e_gov_EVENTS_7", "e_gov_EVENTS_8"]
    total = ee.set_index("breakdown").loc[""]
    assert total["value"] == pytest.approx(91.631698)
    assert total["note"] == "biennial average of data years 2019 and 2020, all life events"
    top22 = eu[(eu.year == 2022) & (eu.indicator == "e_gov_0_score") & (eu.breakdown == "")]
    assert top22.nlargest(1, "value")["iso3"].item() == "MLT"  # Malta leads the 2023 benchmark
    assert not eu["indicator"].astype(str).str.contains("_uc_|_tr_").any()
    rep = load_report()
    assert rep["eu_unlabelled_rows_not_loaded"] == 23910
    assert rep["eu_variable_case_variants"] == ["e_gov_1b_uc_mf", "e_gov_1c_uc_us", "e_gov_2b_tr_pd", "e_gov_2c_tr_de"]
    missing = eu[eu.flag == "missing_in_source"]
    assert missing["value"].isna().all() and len(missing) > 0


def test_wdi_and_itu_drop_aggregates(store):
    wdi = store[store.source == "wb_wdi"]
    assert "AFE" not in set(wdi["iso3"]) and "AZE" in set(wdi["iso3"])
    pop = value(store, "AZE", 2022, "SP.POP.TOTL", "wb_wdi").value
    assert 10_000_000 < pop < 10_300_000
    itu = store[store.source == "itu_owid"]
    assert set(itu["indicator"].astype(str)) == {"internet_users", "mobile_subscriptions", "fixed_broadband"}
    assert not itu["iso3"].str.startswith("OWID").any()


def test_sources_filter_and_unknown_source():
    df = load_indicators(["oecd_dgi"])
    assert set(df["source"].astype(str)) == {"oecd_dgi"} and len(df) == 299
    with pytest.raises(DataError, match=r"sources: expected dataset ids from \[.*'un_egov'.*\]\. Found \['unegov'\]"):
        load_indicators("unegov")


def test_wide_has_one_column_per_indicator():
    w = wide("un_egov", 2024)
    assert w.shape == (193, 6)
    assert w.loc["AZE", "egdi"] == 0.76073


# ---------------------------------------------------------------- bad input: clear errors, nothing half-loaded

UN22 = "un_egdi/egovkb_csv/EGOV_DATA_2022.csv"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _load_fails(data_copy) -> DataError:
    with pytest.raises(DataError) as info:
        load_indicators(data=data_copy)
    assert not list((data_copy.parent / "cache").glob("*.parquet")), "nothing may be cached after a failure"
    return info.value


def test_error_missing_column(data_copy):
    _edit(data_copy / UN22, "Online Service Index", "Online Services")
    err = _load_fails(data_copy)
    assert str(err).startswith(f"{data_copy / UN22}: 1 problem")
    assert "header: expected the UN columns" in str(err) and "Found ['Survey Year'" in str(err)


def test_error_text_in_a_number_column_names_row_and_column(data_copy):
    _edit(data_copy / UN22, '"Azerbaijan ",', '"Azerbaijan ",abc-', 1)
    err = _load_fails(data_copy)
    line = next(i for i, ln in enumerate((data_copy / UN22).read_text().splitlines(), 1) if "Azerbaijan" in ln)
    assert f"row {line}, column 'E-Government Rank': expected a number. Found 'abc-" in str(err)


def test_error_unknown_country_name(data_copy):
    _edit(data_copy / UN22, '"Azerbaijan "', '"Azerbaidjan "')
    err = _load_fails(data_copy)
    assert "column 'Country Name': expected a country name that maps to an ISO3 code" in str(err)
    assert "Found 'Azerbaidjan'" in str(err)


def test_error_duplicate_country(data_copy):
    _edit(data_copy / UN22, '"Azerbaijan "', '"Armenia "')
    err = _load_fails(data_copy)
    assert "expected each country once. Found 'Armenia' again." in str(err)


def test_error_wrong_survey_year(data_copy):
    _edit(data_copy / UN22, "2022,", "2021,", 1)
    err = _load_fails(data_copy)
    assert "row 2, column 'Survey Year': expected one of ['2022']. Found '2021'." in str(err)


def test_error_negative_value(data_copy):
    text = (data_copy / UN22).read_text()
    row = next(ln for ln in text.splitlines() if ln.startswith('2022,"Azerbaijan'))
    fields = row.split(",")
    fields[4] = "-0.5"  # E-Participation Index
    _edit(data_copy / UN22, row, ",".join(fields))
    err = _load_fails(data_copy)
    assert "column 'E-Participation Index': expected a value >= 0. Found -0.5." in str(err)


def test_error_missing_file(data_copy):
    (data_copy / "wb_gtmi" / "gtmiR_groups_data_2020_2022_2025.xlsx").unlink()
    err = _load_fails(data_copy)
    assert "gtmiR_groups_data_2020_2022_2025.xlsx: 1 problem" in str(err)
    assert "file not found; expected it in the bundled data folder" in str(err)


def test_error_not_utf8(data_copy):
    (data_copy / "oecd_dgi" / "blavatnik_oecd_dgi_2023.csv").write_bytes(b"\xff\xfe\x00bad\x00")
    err = _load_fails(data_copy)
    assert "blavatnik_oecd_dgi_2023.csv: 1 problem" in str(err)
    assert "byte 6: expected UTF-16 text after its byte order mark" in str(err) and "Save the file as UTF-8" in str(err)


def test_error_latin1_file_named_with_line_and_column(data_copy):
    f = data_copy / "oecd_dgi" / "blavatnik_oecd_dgi_2023.csv"
    f.write_bytes(f.read_bytes().replace(b'"KOR"', "\"Koréa\"".encode("cp1252"), 1))
    err = _load_fails(data_copy)
    assert str(err).startswith(f"{f}: 1 problem")
    assert "line 2, column 5: expected UTF-8 text after its byte order mark" in str(err)  # the file has a BOM


def test_error_long_file_bad_value_and_year(data_copy):
    f = data_copy / "oecd_dgi" / "blavatnik_oecd_dgi_2023.csv"
    _edit(f, '"KOR",2023,"digital_design",0.971', '"KOR",20x3,"digital_design",high')
    err = _load_fails(data_copy)
    assert "row 2, column 'ref_year': expected text matching" in str(err)
    assert "row 2, column 'value': expected a number or one of ['NA']. Found 'high'." in str(err)


def test_error_gtmi_group_and_range(data_copy):
    import openpyxl

    p = data_copy / "wb_gtmi" / "gtmiR_groups_data_2020_2022_2025.xlsx"
    wb = openpyxl.load_workbook(p)
    ws = wb.active
    header = [c.value for c in ws[1]]
    ws.cell(row=3, column=header.index("grp") + 1, value="E")
    ws.cell(row=4, column=header.index("gtmi") + 1, value=1.7)
    wb.save(p)
    err = _load_fails(data_copy)
    assert "sheet 1, row 3, column 'grp': expected one of ['A', 'B', 'C', 'D']. Found 'E'." in str(err)
    assert "sheet 1, row 4, column 'gtmi': expected a value in range (0, 1). Found 1.7." in str(err)


def test_error_every_problem_listed_at_once(data_copy):
    _edit(data_copy / UN22, '"Azerbaijan ",', '"Azerbaijan ",x')
    _edit(data_copy / UN22, '"Armenia ",', '"Armenia ",y')
    err = _load_fails(data_copy)
    assert len(err.issues) == 2 and str(err).count("expected a number") == 2


# ---------------------------------------------------------------- cache


def test_cache_rebuilt_when_a_file_changes(data_copy):
    first = load_indicators(data=data_copy)
    path1 = cache_path(data_copy)
    assert path1.exists()
    assert value(first, "AZE", 2024, "egdi").value == 0.76073
    _edit(data_copy / "un_egdi/EGOV_DATA_2024_renamed_cols.csv", "0.76073", "0.76074")
    path2 = cache_path(data_copy)
    assert path2 != path1
    second = load_indicators(data=data_copy)
    assert path2.exists()
    assert value(second, "AZE", 2024, "egdi").value == 0.76074


def test_warm_load_reads_the_cache_in_a_new_process(data_copy, tmp_path):
    load_indicators(data=data_copy)
    code = (
        "import assess.data.parsers as p, assess.data.store as d, sys;"
        "p.build_table = lambda root: sys.exit('cache not used');"
        f"df = d.load_indicators(data={str(data_copy)!r});"
        "print(len(df))"
    )
    env = {"EGOV_ASSESS_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert int(out.stdout) == len(load_indicators())


def test_corrupt_cache_is_rebuilt(data_copy):
    load_indicators(data=data_copy)
    p = cache_path(data_copy)
    p.write_bytes(b"not parquet")
    import assess.data as d

    d.store._MEMO.clear()
    with pytest.warns(UserWarning, match="unreadable"):
        df = load_indicators(data=data_copy)
    assert len(df) == len(load_indicators())


def test_assess_imports_without_dash():
    code = "import assess, sys; assert 'dash' not in sys.modules and 'plotly' not in sys.modules, 'dash imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)

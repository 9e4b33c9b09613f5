"""The EU eGovernment Benchmark 2024 edition joins the store: exact overlap with the bundled 2022 data, the 147
known differences explained, the decision (newer publication wins) applied, data year 2023 added."""

from __future__ import annotations

import numpy as np
import pytest

from assess.data import load_indicators, load_report
from assess.data.catalogue import DATASETS, data_dir
from assess.data.eu_benchmark import LIFE_EVENTS, compare, read_machine, read_workbook

DIMENSIONS = ["e_gov_1_UC", "e_gov_2_TR", "e_gov_3_KE", "e_gov_4_CB"]


@pytest.fixture(scope="module")
def files():
    root = data_dir()
    machine = read_machine(root / DATASETS["eu_egov_benchmark"].files[0])
    workbook = read_workbook(root / DATASETS["eu_egov_benchmark"].files[1], machine["indicator"].unique())
    return machine, workbook


@pytest.fixture(scope="module")
def eu():
    return load_indicators("eu_egov_benchmark")


def test_2022_overlap_exact_counts(files):
    machine, workbook = files
    c = compare(machine, workbook, 2022)
    # 37 geo (35 countries, EU27, EU27+) x 19 scores x (total + 4 life events)
    assert (c["shared"], c["equal"], c["both_missing"], c["differ"], c["one_side_missing"]) == (3515, 3338, 30, 147, 0)
    assert c["only_machine"] == 0
    d = c["differing"]
    # every difference is a per-life-event overall score; no total differs
    assert set(d["indicator"]) == {"e_gov_0_score"}
    assert set(d["breakdown"]) == {"e_gov_EVENTS_5", "e_gov_EVENTS_6", "e_gov_EVENTS_7", "e_gov_EVENTS_8"}
    assert d.groupby("geo").size().to_dict()["RS"] == 3 and (d.groupby("geo").size().drop("RS") == 4).all()


def test_2022_totals_all_equal(files):
    machine, workbook = files
    w = workbook[(workbook.year == 2022) & (workbook.breakdown == "")]
    m = machine[(machine.year == 2022) & (machine.breakdown == "EGOV_LIFE_EVENTS")]
    j = w.merge(m, on=["geo", "indicator"], suffixes=("_w", "_m"))
    assert len(j) == 703
    assert ((j["value_w"] == j["value_m"]) | (j["value_w"].isna() & j["value_m"].isna())).sum() == 703


def test_the_147_differences_are_the_missing_cross_border_dimension(files):
    """Hand computation from the dimension scores of the same files: the machine file holds (UC + TR + KE) / 4,
    the workbook the mean of the four dimensions."""
    machine, workbook = files
    d = compare(machine, workbook, 2022)["differing"]
    dims = machine[(machine.year == 2022) & machine.indicator.isin(DIMENSIONS)].pivot_table(
        index=["geo", "breakdown"], columns="indicator", values="value")
    j = d.join(dims, on=["geo", "breakdown"])
    assert np.allclose(j["value_m"], (j["e_gov_1_UC"] + j["e_gov_2_TR"] + j["e_gov_3_KE"]) / 4, atol=1e-6)
    assert np.allclose(j["value_w"], j[DIMENSIONS].mean(axis=1), atol=1e-6)
    # the 148th per-life-event overall score agrees only because its cross-border score is 0
    assert dims.loc[("RS", "e_gov_EVENTS_6"), "e_gov_4_CB"] == 0


def test_life_event_columns_map_by_value(files):
    """Each life-event column of the workbook equals the machine breakdown it is mapped to (overall scores and the
    EC's revisions for Portugal and the aggregates aside)."""
    machine, workbook = files
    seen = set()
    for year in (2020, 2021, 2022):
        w = workbook[(workbook.year == year) & (workbook.breakdown != "")]
        m = machine[machine.year == year]
        j = w.merge(m, on=["geo", "indicator", "breakdown"], suffixes=("_w", "_m"))
        j = j[(j.indicator != "e_gov_0_score") & ~j.geo.isin(["PT", "EU", "EUplus"]) & j.value_w.notna()]
        assert len(j) > 1000 and (j["value_w"] == j["value_m"]).all(), year
        seen |= set(j["breakdown"])
    assert seen == set(LIFE_EVENTS.values())


def test_store_takes_the_newer_publication(eu, files):
    rev = eu[eu.flag == "revised"]
    assert rev.groupby("year").size().to_dict() == {2020: 9, 2021: 3, 2022: 139}
    r22 = rev[rev.year == 2022]
    assert set(r22["indicator"]) == {"e_gov_0_score"}
    machine, workbook = files
    w = workbook[(workbook.geo == "EE") & (workbook.year == 2022) & (workbook.indicator == "e_gov_0_score")
                 & (workbook.breakdown == "e_gov_EVENTS_5")]
    est = rev[(rev.iso3 == "EST") & (rev.year == 2022) & (rev.breakdown == "e_gov_EVENTS_5")].iloc[0]
    assert est["value"] == w["value"].item()
    old = machine[(machine.geo == "EE") & (machine.year == 2022) & (machine.indicator == "e_gov_0_score")
                  & (machine.breakdown == "e_gov_EVENTS_5")]["value"].item()
    assert f"held {old:g}" in est["note"] and f"cell {w['cell'].item()}" in est["note"]
    assert est["value"] != old
    rep = load_report()["eu_2024_workbook_vs_machine_file"]
    assert rep["2022"] == {"shared_cells": 3515, "equal": 3338, "both_missing": 30, "revised_cells": 147,
                           "revised_country_cells": 139, "one_side_missing": 0}
    # no country total changes: the headline scores of 2020-2022 are the machine file's
    assert not ((rev.breakdown == "") & (rev.year == 2022)).any()


def test_data_year_2023_from_the_2024_workbook(eu):
    ee = eu[(eu.iso3 == "EST") & (eu.year == 2023) & (eu.breakdown == "")].set_index("indicator")
    assert round(ee.loc["e_gov_3a_KE_EID", "value"], 4) == 94.0667
    assert round(ee.loc["e_gov_3c_KE_AS", "value"], 4) == 88.0556
    assert ee.loc["e_gov_3a_KE_EID", "name"] == "3.1 eID"
    assert ee.loc["e_gov_3a_KE_EID", "note"] == "biennial average of data years 2022 and 2023, all life events"
    events = eu[(eu.iso3 == "EST") & (eu.year == 2023) & (eu.indicator == "e_gov_0_score")]["breakdown"]
    assert sorted(events) == ["", "e_gov_EVENTS_1", "e_gov_EVENTS_2", "e_gov_EVENTS_3", "e_gov_EVENTS_4",
                              "e_gov_EVENTS_9"]
    new = eu[eu.iso3.isin(["MDA", "UKR"])]
    assert set(new["year"]) == {2023}
    totals = new[(new.breakdown == "") & new.value.notna()]
    assert len(totals) == 38 and (totals["flag"] == "single_year").all()
    assert load_report()["eu_single_year_biennial"] == ["MD", "UA"]


def test_every_eu_indicator_named_from_the_workbook(eu):
    names = eu.drop_duplicates("indicator").set_index("indicator")["name"].astype(str)
    assert len(names) == 19 and (names != "").all()
    assert names["e_gov_3c_KE_AS"] == "3.3 Pre-filled forms"
    assert names["e_gov_0_score"] == "0. OVERALL SCORE"


def test_workbook_errors_name_the_cell(tmp_path):
    """A workbook whose score cell holds text is refused with the sheet and cell."""
    import openpyxl

    from assess.data.eu_benchmark import WORKBOOK_SHEET
    from assess.errors import DataError

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = WORKBOOK_SHEET
    ws["B6"], ws["C6"], ws["D6"] = "Country", "Scoring", "Biennial average 2022 + 2023"
    ws["B7"], ws["C7"], ws["D7"] = "EE", "3.1 eID", "lots"
    path = tmp_path / "w.xlsx"
    wb.save(path)
    with pytest.raises(DataError, match=r"cell D7: expected a score or '.'\. Found 'lots'"):
        read_workbook(path)

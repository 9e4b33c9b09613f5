"""assess.evidence: capability states from published evidence, against 525 hand-checked expectations (AZE, SGP, EST
and one economy per GTMI group, 2020/2022/2025), and the distinctions absent / unknown / not modelled."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import assess
from assess.errors import AssessError, CountryError
from assess.model.evidence_states import source_edition

EXPECTED = pd.read_csv(Path(__file__).parent / "fixtures" / "evidence_expected.csv")
CASES = sorted(set(zip(EXPECTED["iso3"], EXPECTED["year"], strict=True)))


def _key(v: dict) -> str:
    return v["indicator"] if v["source"] == "wb_gtmi_indicators" else v["evidence"]


def _as_expected(values: list[dict]) -> dict:
    return {_key(v): {"edition": v["edition"], "source": v["source"], "value": v["value"]} for v in values}


def test_expectations_cover_seven_economies_three_years():
    assert len(EXPECTED) == 525 and len(CASES) == 21
    assert sorted(set(EXPECTED["iso3"])) == ["AZE", "EST", "GEO", "KAZ", "SGP", "TJK", "TKM"]


@pytest.mark.parametrize(("iso3", "year"), CASES)
def test_states_and_values_match_the_hand_check(iso3, year):
    got = assess.evidence(iso3, int(year)).set_index("capability")
    exp = EXPECTED[(EXPECTED.iso3 == iso3) & (EXPECTED.year == year)]
    for r in exp.itertuples():
        row = got.loc[r.capability]
        assert row["state"] == r.state, (iso3, year, r.capability)
        assert _as_expected(row["values"]) == json.loads(r.values), (iso3, year, r.capability)
        assert _as_expected(row["context"]) == json.loads(r.context), (iso3, year, r.capability)


def test_azerbaijan_participation_portal_and_strategy_in_draft():
    e = assess.evidence("AZE", 2022).set_index("capability")
    v = e.loc["e_participation", "values"][0]
    assert (v["indicator"], v["value"], v["edition"], v["source"]) == ("I-30", 1.0, 2022, "wb_gtmi_indicators")
    assert e.loc["e_government_strategy", "state"] == "partial"  # I-35 = 1: planned / in draft
    assert e.loc["e_government_strategy", "values"][0]["value"] == 1.0
    assert e.loc["e_participation", "coverage"] == "decided"
    assert "I-30" in e.loc["e_participation", "why"]


def test_absent_unknown_and_not_modelled_are_different():
    tkm = assess.evidence("TKM", 2022).set_index("capability")
    assert tkm.loc["e_payment", "state"] == "absent" and tkm.loc["e_payment", "values"][0]["value"] == 0.0
    # no EU benchmark for Turkmenistan: unknown, with the reason
    assert tkm.loc["digital_identity", "state"] == "unknown"
    assert tkm.loc["digital_identity", "values"][0]["reason"] == "no value: eu_egov_benchmark 2022 does not cover TKM"
    assert tkm.loc["e_visa", "state"] == "not_modelled" and tkm.loc["e_visa", "coverage"] == "not_modelled"
    assert tkm.loc["cybersecurity", "coverage"] == "context_only"
    assert tkm.loc["cybersecurity", "context"][0]["indicator"] == "I-43"


def test_2020_new_indicator_gives_unknown_not_absent():
    # I-3 is 'New' in 2020: an economy with I-4 = 0 is unknown for data exchange, not absent
    aze = assess.evidence("AZE", 2020).set_index("capability")
    assert aze.loc["data_exchange", "state"] == "unknown"
    i3 = next(v for v in aze.loc["data_exchange", "values"] if v["indicator"] == "I-3")
    assert i3["value"] is None and "new_indicator" in i3["reason"]


def test_reused_codes_are_never_answered_in_2025():
    e = assess.evidence("EST", 2025).set_index("capability")
    reg = e.loc["population_register"]
    assert reg["state"] == "unknown"
    for v in reg["values"]:
        assert v["edition"] == 2025 and v["value"] is None and v["name"] == ""
        assert "asks another question" in v["reason"]
    # EU data year 2023 (the 2024 workbook) decides Estonia's eID in 2025
    eid = e.loc["digital_identity", "values"][0]
    assert e.loc["digital_identity", "state"] == "present" and eid["edition"] == 2023
    assert round(eid["value"], 4) == 94.0667


def test_year_policy():
    assert source_edition("wb_gtmi_indicators", 2024) == 2022
    assert source_edition("wb_gtmi_indicators", 2019) is None  # no edition at or before 2019
    assert source_edition("un_egov", 2023) == 2022 and source_edition("un_egov", 2026) == 2024
    assert source_edition("eu_egov_benchmark", 2026) is None  # 2023 is three years older
    latest = assess.evidence("AZE").set_index("capability")
    assert latest.loc["cloud_infrastructure", "values"][0]["edition"] == 2022
    assert latest.loc["e_participation", "state"] == "present"


@pytest.mark.parametrize("bad", ["XXX", "aze; drop", "", 12, None])
def test_bad_country_is_a_clear_error(bad):
    with pytest.raises(CountryError, match="(?i)expected (an ISO3|the ISO3)"):
        assess.evidence(bad, 2022)


@pytest.mark.parametrize("bad", [2022.5, float("inf"), "2022", True, 1800])
def test_bad_year_is_a_clear_error(bad):
    with pytest.raises(AssessError, match="expected a year"):
        assess.evidence("AZE", bad)

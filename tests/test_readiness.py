"""Model readiness through measured_by edges, and gaps to the aligned reference components."""

from __future__ import annotations

import math

import pytest

from assess.errors import AssessError
from assess.model.readiness_scoring import indicator_value, readiness


def test_indicator_value_takes_the_published_number_and_latest_year():
    v = indicator_value("un_egdi.osi", "AZE", year=2024)
    assert (v["value"], v["year"], v["scaled"]) == (0.73863, 2024, 0.73863)
    # GTMI 2025 is after 2024, so 2022 is the latest available
    g = indicator_value("gtmi.psdi", "AZE", year=2024)
    assert g["year"] == 2022 and g["value"] == pytest.approx(0.935367, abs=1e-6)
    assert indicator_value("gtmi.psdi", "AZE")["year"] == 2025


def test_eu_benchmark_scaled_from_0_100():
    v = indicator_value("eu_egov_benchmark.user_centricity", "EST", year=2022)
    assert v["value"] == pytest.approx(95.725073, abs=1e-5) and v["scaled"] == pytest.approx(v["value"] / 100)


def test_uncovered_country_is_missing_not_zero():
    v = indicator_value("oecd_dgi.data_driven", "AZE")
    assert math.isnan(v["value"]) and v["note"] == "oecd_dgi does not cover AZE"


def test_root_node_is_weighted_mean_of_leaves():
    v = indicator_value("un_egdi.egdi", "AZE", year=2024)
    assert v["value"] == pytest.approx((0.73863 + 0.72329 + 0.82034) / 3)
    assert abs(v["value"] - 0.76073) < 1e-4  # the published EGDI


def test_proposal_readiness_and_gap_to_singapore():
    r = readiness("azerbaijan_proposal", year=2024, reference="singapore").set_index("node")
    gw = r.loc["egov_gateway"]
    assert gw["indicators"] == ["gtmi.psdi", "un_egdi.osi"]
    assert gw["readiness"] == pytest.approx((0.935367 + 0.73863) / 2, abs=1e-6)
    assert "gov_portal" in gw["reference_nodes"]
    assert gw["reference_readiness"] == pytest.approx(0.98306)  # Singapore's OSI 2024 (other aligned nodes uncovered)
    assert gw["gap"] == pytest.approx(0.98306 - gw["readiness"])
    ministry = r.loc["ict_ministry"]
    assert math.isnan(ministry["readiness"]) and ministry["missing"] == ["oecd_dgi.digital_design"]
    # sorted by gap, largest first
    gaps = readiness("azerbaijan_proposal", year=2024, reference="singapore")["gap"].dropna().tolist()
    assert gaps == sorted(gaps, reverse=True) and gaps[0] > 0


def test_readiness_needs_a_country_model():
    with pytest.raises(AssessError, match="readiness needs a country model. Found a composite"):
        readiness("un_egdi")

"""Country table and name harmonisation."""

from __future__ import annotations

import pandas as pd
import pycountry
import pytest

import assess
from assess.data.country_list import CODE_OVERRIDES, EU_CODES, NAME_OVERRIDES, name_to_iso3
from tests.conftest import DATA


@pytest.fixture(scope="module")
def members() -> pd.DataFrame:
    return assess.countries(un_members_only=True)


def test_193_members_each_with_one_iso3_and_one_m49_region(members):
    assert len(members) == 193
    assert members["iso3"].is_unique
    assert members["region"].notna().all() and members["subregion"].notna().all()
    assert set(members["region"]) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    assert members["region"].value_counts().to_dict() == {"Africa": 54, "Asia": 47, "Europe": 43, "Americas": 35, "Oceania": 14}


def test_azerbaijan_and_singapore_rows():
    c = assess.countries().set_index("iso3")
    aze, sgp = c.loc["AZE"], c.loc["SGP"]
    assert (aze["name"], aze["m49"], aze["subregion"], aze["income_group"]) == ("Azerbaijan", "031", "Western Asia", "Upper middle income")
    assert bool(aze["lldc"]) and not bool(aze["ldc"]) and not bool(aze["sids"])
    assert (sgp["subregion"], sgp["income_group"], bool(sgp["sids"])) == ("South-eastern Asia", "High income", True)


def test_flags_counts_match_m49(members):
    m49 = pd.read_csv(DATA / "classifications/unsd_m49_overview.csv", dtype=str)
    assert int(members["ldc"].sum()) == int((m49["Least Developed Countries (LDC)"] == "x").sum())
    assert 40 <= int(members["ldc"].sum()) <= 50
    assert 30 <= int(members["lldc"].sum()) <= 33


def test_income_group_known_for_all_members_but_venezuela(members):
    missing = members[members["income_group"].isna()]["iso3"].tolist()
    assert missing == ["VEN"]  # unclassified by the World Bank in FY2024


def test_every_un_survey_name_maps_and_agrees_with_unu_codes():
    for year in (2010, 2012, 2014, 2016, 2018):
        unu = pd.read_csv(DATA / f"un_egdi/unu_egov/egdi-{year}.csv")
        ours = pd.read_csv(DATA / f"un_egdi/egovkb_csv/EGOV_DATA_{year}.csv")
        # the same 193 countries by code
        codes = {name_to_iso3(n) for n in ours["Country Name"]}
        assert codes == set(unu["country-code"])


@pytest.mark.parametrize(("name", "iso3"), sorted(NAME_OVERRIDES.items()))
def test_name_override_table(name, iso3):
    assert name_to_iso3(name) == iso3
    assert name_to_iso3(f"{name} ") == iso3  # trailing space as in the UN files
    assert pycountry.countries.get(alpha_3=iso3) is not None


def test_overrides_are_needed_for_georgia():
    # pycountry alone does not know the UN files' spelling
    with pytest.raises(LookupError):
        pycountry.countries.lookup("Georgia (Country)")
    assert name_to_iso3("Georgia (Country)") == "GEO"


@pytest.mark.parametrize(("code", "iso3"), sorted(CODE_OVERRIDES.items()))
def test_code_overrides_land_in_the_country_table(code, iso3):
    assert iso3 in set(assess.countries()["iso3"])
    assert code not in set(assess.countries()["iso3"])


def test_display_name_follows_renames():
    c = assess.countries().set_index("iso3")
    assert c.loc["TUR", "name"] == "Türkiye" == c.loc["TUR", "name_m49"]
    assert c.loc["CZE", "name"] == "Czechia"


def test_eu_codes():
    assert EU_CODES == {"EL": "GRC", "UK": "GBR"}


def test_unknown_names():
    assert name_to_iso3("Atlantis") is None
    assert name_to_iso3("") is None
    assert name_to_iso3(None) is None

"""Named indicators: every GTMI key indicator carries its official name per edition in the store and the catalogue,
derived from the bundled metadata files; never the 2022 name beside a value of an edition where it meant
something else."""

from __future__ import annotations

import pandas as pd
import pytest

import assess
from assess.data import load_indicators
from assess.data.catalogue import METADATA, data_dir
from assess.data.indicator_metadata import KEY_INDICATORS, REUSED_CODES

KEY = ["key_indicator", "external_index"]


@pytest.fixture(scope="module")
def catalogue():
    return assess.indicator_catalogue()


@pytest.fixture(scope="module")
def d360():
    s2 = pd.read_excel(data_dir() / METADATA["gtmi_names"].files[0], sheet_name="Sheet2", engine="calamine", dtype=str)
    g = s2[s2["database_id"] == "WB_GTMI"]
    return {r["Indicator code"].replace("WB_GTMI_I_", "I-"): r["name"].strip() for _, r in g.iterrows()}


def test_every_gtmi_key_indicator_named_in_the_store(d360):
    st = load_indicators("wb_gtmi_indicators")
    assert set(st["indicator"].astype(str)) == set(KEY_INDICATORS)
    assert (st["name"].astype(str) != "").all()
    names = st.drop_duplicates(["indicator", "year"]).set_index(["indicator", "year"])["name"].astype(str)
    for code in KEY_INDICATORS:
        for year in (2020, 2022):
            assert names[(code, year)] == d360[code], (code, year)


def test_official_names_read_from_data360(catalogue):
    c = catalogue[catalogue.source == "wb_gtmi_indicators"].set_index(["indicator", "edition"])
    assert c.loc[("I-17", 2022), "name"] == ("Does government have a national strategy on disruptive / innovative "
                                             "technologies?")
    assert c.loc[("I-30", 2020), "question"] == ("Are there national platforms that allow citizens to participate in "
                                                 "policy decision-making?")
    # external indices are named, not questions
    assert c.loc[("I-27", 2022), "name"] == "UN E-Participation Index (EPI)"
    assert c.loc[("I-27", 2022), "kind"] == "external_index" and c.loc[("I-27", 2022), "question"] == ""
    assert sorted(c[c.kind == "external_index"].index.get_level_values(0).unique()) == [
        "I-16", "I-18", "I-27", "I-43", "I-44"]
    assert "Sheet2, row" in c.loc[("I-17", 2022), "name_source"]


def test_three_editions_of_48_and_components_17_9_6_16(catalogue):
    k = catalogue[catalogue.kind.isin(KEY)]
    assert k.groupby("edition").size().to_dict() == {2020: 48, 2022: 48, 2025: 48}
    comp = k[k.edition == 2022].groupby("component").size().to_dict()
    assert comp == {"CGSI": 17, "PSDI": 9, "DCEI": 6, "GTEI": 16}
    e = k.set_index(["indicator", "edition"])
    assert (e.loc[("I-17", 2022), "component"], e.loc[("I-18", 2022), "component"],
            e.loc[("I-27", 2022), "component"], e.loc[("I-33", 2022), "component"]) == ("CGSI", "PSDI", "DCEI", "GTEI")
    assert not e.loc[(slice(None), 2025), "values_bundled"].any()
    assert e.loc[(slice(None), 2022), "values_bundled"].all()


def test_reused_codes_never_carry_the_2022_name_in_2025(catalogue, d360):
    k = catalogue[catalogue.kind.isin(KEY)].set_index(["indicator", "edition"])
    for code, (first, question, _citation) in REUSED_CODES.items():
        assert first == 2025
        assert k.loc[(code, 2022), "name"] == d360[code]
        assert k.loc[(code, 2025), "name"] == question != d360[code]
        assert bool(k.loc[(code, 2025), "meaning_changed"]) and not bool(k.loc[(code, 2022), "meaning_changed"])
        assert "verified: false" in k.loc[(code, 2025), "name_source"]
        assert k.loc[(code, 2025), "scale"] == ""  # no 2022 scale carried over to another question
    assert k["meaning_changed"].sum() == 2
    # the other 2025 names: the 2025 texts where bundled (identical to 2022 for all 32), else the 2022 wording
    assert k.loc[("I-1", 2025), "name"] == d360["I-1"]
    assert "africa_dpi" in k.loc[("I-1", 2025), "name_source"]
    assert "2022 wording" in k.loc[("I-2", 2025), "name_source"]


def test_scales_official_inferred_or_observed(catalogue):
    k = catalogue[catalogue.kind.isin(KEY)].set_index(["indicator", "edition"])
    official = k.xs(2022, level="edition")
    official = official[official.scale_basis.str.startswith("official")]
    assert sorted(official.index, key=lambda c: int(c[2:])) == ["I-5", "I-6", "I-7", "I-8", "I-12", "I-13", "I-14"]
    assert k.loc[("I-12", 2022), "scale"] == "0=No; 1=Implementation in progress; 2=Yes (in use)"
    assert k.loc[("I-30", 2022), "scale"] == "0=No; 1=Yes"
    assert k.loc[("I-30", 2022), "scale_basis"].startswith("inferred")
    assert k.loc[("I-42", 2022), "scale"] == "values 0|1|2|3"
    # I-5's 2025 third-party scale has no 'No' level: not inferred, the official one is used
    assert k.loc[("I-5", 2022), "scale"].startswith("0=No/Unknown")


def test_anomalies_noted(catalogue):
    k = catalogue[catalogue.kind.isin(KEY)].set_index(["indicator", "edition"])
    assert "not fielded" in k.loc[("I-26", 2022), "note"] and not k.loc[("I-26", 2022), "fielded"]
    assert "'New'" in k.loc[("I-3", 2020), "note"]
    assert "0-100" in k.loc[("I-43", 2020), "note"] and "divided by 100" in k.loc[("I-43", 2022), "note"]
    assert "value 3 occurs" in k.loc[("I-4", 2020), "note"]


def test_composites_and_blavatnik_variables_named(catalogue):
    g = catalogue[catalogue.source == "wb_gtmi"].set_index(["indicator", "edition"])
    assert g.loc[("gtmi", 2025), "name"] == "GovTech Maturity Index (GTMI) - Overall score"  # trailing space stripped
    assert g.loc[("gtmi_group", 2022), "name"] == "GovTech Maturity Index group"
    b = catalogue[catalogue.source == "wb_gtmi_bipa"].set_index("indicator")
    assert len(b) == 29 and (b["name"] != "").all()
    # gtmi_taxmi is 0 exactly when I-7 is 0 (an exact recode of I-7: 0 -> 0, 1 -> 0.5, 2 -> 1)
    assert b.loc["gtmi_taxmi", "name"].startswith("Blavatnik Index variable 'gtmi_taxmi' (tracks GTMI I-7:")
    st = load_indicators(["wb_gtmi_bipa", "wb_gtmi_indicators"])
    w = st[st.year == 2022].pivot_table(index="iso3", columns="indicator", values="value", observed=True)
    assert ((w["gtmi_taxmi"] == 0) == (w["I-7"] == 0)).all()


def test_other_sources_named_from_their_files():
    st = load_indicators(["un_egov", "wb_wdi"])
    names = st.drop_duplicates("indicator").set_index("indicator")["name"].astype(str)
    assert names["osi"] == "Online Service Index" and names["egdi_rank"] == "E-Government Rank"
    assert names["SP.POP.TOTL"] == "Population, total"


def test_unknown_source_refused():
    with pytest.raises(assess.DataError, match="expected dataset ids"):
        assess.indicator_catalogue("no_such_source")


def test_gtmi_profile_shows_2025_and_named_key_indicators_of_their_own_edition():
    p = assess.gtmi_profile("AZE")
    # GTMI 2025 (gtmiR groups sheet): AZE 0.7689, group A; components as published
    assert p["edition"] == 2025 and round(p["gtmi"], 4) == 0.7689 and p["group"] == "A"
    assert [round(c["value"], 4) for c in p["components"]] == [0.9205, 0.9744, 0.3822, 0.7983]
    assert p["components"][0]["name"] == "Core Government Systems Index"
    k = p["key_indicators"].set_index("code")
    assert p["key_edition"] == 2022 and len(k) == 48
    # the 2022 names beside 2022 values: I-40 is the national ID question, not 2025's GreenTech policy
    assert k.loc["I-40", "name"] == "Is there a national ID (or similar foundational ID) system?"
    assert k.loc["I-30", "value"] == 1.0
    p22 = assess.gtmi_profile("AZE", 2022)
    assert p22["key_note"] == "" and p22["key_edition"] == 2022
    with pytest.raises(assess.DataError, match="no GTMI edition"):
        assess.gtmi_profile("AZE", 2024)
    with pytest.raises(assess.CountryError, match="not in the GTMI 2025 edition"):
        assess.gtmi_profile("NIC", 2025)  # Nicaragua is absent from the 2025 edition
    c = assess.gtmi_compare(["AZE", "SGP", "NIC"], 2025)
    assert list(c.index) == ["AZE", "SGP"] and (c["edition"] == 2025).all()

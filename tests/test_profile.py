"""Strengths and weaknesses among the UN components, and the profile of one edition (issue 15)."""

from __future__ import annotations

import pytest

from assess import CountryError, countries, strengths
from assess.indices import published
from assess.indices.profiles import gtmi_history, history, profile


def _region_mean(year, component, region):
    """The hand computation: the plain mean of the component over the assessed countries of the M49 region."""
    p = published.published(year)
    members = set(countries().query("region == @region")["iso3"])
    a = p[p["assessed"] & p.index.isin(members)]
    return float(a[component].mean()), len(a)


def test_azerbaijan_2024_hci_and_tii_above_asia_are_not_weaknesses():
    # issue 15: HCI and TII above the Asian average were labelled "weakness"
    s = strengths("AZE", 2024).set_index("component")
    hci_mean, n = _region_mean(2024, "hci", "Asia")
    tii_mean, _ = _region_mean(2024, "tii", "Asia")
    assert n == 47 and round(hci_mean, 5) == 0.68284 and round(tii_mean, 5) == 0.774
    assert s.loc["hci", "value"] == 0.72329 and s.loc["tii", "value"] == 0.82034
    assert s.loc["hci", "vs_region"] == round(0.72329 - hci_mean, 5) == 0.04045
    assert s.loc["tii", "vs_region"] == round(0.82034 - tii_mean, 5) == 0.04634
    assert s["rank"].to_dict() == {"osi": 67, "hci": 81, "tii": 86, "epi": 88}
    assert set(s["egdi_rank"]) == {74}
    # ranked below the EGDI rank but above the region: neither; OSI ranks above and is above: strength
    assert s["verdict"].to_dict() == {"osi": "strength", "hci": "neither", "tii": "neither", "epi": "weakness"}
    assert s.loc["tii", "why"] == "ranks 86th, below its EGDI rank (74th); 0.0463 above the mean of Asia"


def test_montenegro_2008_osi_below_europe_is_not_a_strength():
    # issue 15: OSI 0.18 below Europe was labelled "strength"
    s = strengths("MNE", 2008).set_index("component")
    osi_mean, n = _region_mean(2008, "osi", "Europe")
    assert n == 41 and round(osi_mean, 4) == 0.5495
    assert s.loc["osi", "value"] == 0.37123 and s.loc["osi", "rank"] == 84 and s.loc["osi", "egdi_rank"] == 100
    assert s.loc["osi", "vs_region"] == round(0.37123 - osi_mean, 4) == -0.1783
    assert s.loc["osi", "verdict"] == "neither"
    assert s.loc["tii", "verdict"] == "weakness"  # 150th and 0.43 below Europe


def test_the_verdict_never_contradicts_the_regional_column():
    for iso3, year in [("AZE", 2024), ("MNE", 2008), ("DNK", 2024), ("SGP", 2022), ("TCD", 2016), ("EST", 2010)]:
        s = strengths(iso3, year)
        assert not ((s["verdict"] == "weakness") & (s["vs_region"] > 0)).any(), (iso3, year)
        assert not ((s["verdict"] == "strength") & (s["vs_region"] < 0)).any(), (iso3, year)
        assert not ((s["verdict"] == "strength") & (s["rank"] >= s["egdi_rank"])).any(), (iso3, year)


def test_not_assessed_is_a_clear_error():
    with pytest.raises(CountryError, match=r"IRQ, 2003: not assessed in this edition of the UN Survey"):
        strengths("IRQ", 2003)


def test_a_2003_profile_shows_only_what_existed_in_2003():
    p = profile("AZE", 2003)
    assert p["egdi"] == 0.36351 and p["rank"] == 94
    assert p["rating_class"] is None and "start in 2018" in p["class_note"]
    assert p["gtmi"] is None and "starts in 2020" in p["gtmi_note"]
    assert p["group"] == "M" and "2014 thresholds applied to the 2003 EGDI" in p["group_note"]
    q = profile("AZE", 2024)
    assert q["rating_class"] in published.CLASS_LADDER and q["group_note"] is None
    assert q["gtmi"] == {"year": 2022, "gtmi": 0.775, "group": "A"}  # labelled with its own year


def test_a_country_missing_from_one_edition_keeps_its_other_editions():
    p = profile("TUV", 2003)
    assert not p["assessed"] and p["editions"] == (2005, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
    assert list(history("TUV")["egdi"].index) == list(p["editions"])


def test_kosovo_palestine_taiwan_have_their_gtmi():
    for iso3, g2025 in [("XKX", 0.851), ("PSE", 0.528), ("TWN", 0.805)]:
        g = gtmi_history(iso3)
        assert list(g.index) == [2020, 2022, 2025] and g.loc[2025, "gtmi"] == g2025
        p = profile(iso3, 2024)
        assert not p["assessed"] and p["editions"] == () and p["gtmi"]["year"] == 2022
    # rounded to the decimals shown, never 0.7747284310624128
    assert gtmi_history("AZE").loc[2022, "gtmi"] == 0.775

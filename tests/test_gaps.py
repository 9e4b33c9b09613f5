"""Gaps decomposed by component, aggregates over groups and peer sets, trends with breaks."""

import pytest

from assess.errors import CountryError, ScoringError
from assess.indices import published
from assess.indices.gaps import gap
from assess.indices.groupings import aggregates, group_stats, load_peers, memberships
from assess.indices.timeseries import trends


def test_gap_to_singapore_decomposes_exactly_in_every_edition():
    g = gap("AZE", "SGP")
    assert set(g.index) >= {2003, 2010, 2024}
    parts = g[["osi_part", "hci_part", "tii_part"]].sum(axis=1) + g["residual"]
    assert (parts - g["gap"]).abs().max() < 1e-12
    ok = g.drop(index=[y for y in published.EXCEPTIONS if y in g.index])
    assert ok["residual"].abs().max() < 1e-4  # mean identity holds outside 2008/2010
    assert g.loc[2008, "residual"] != pytest.approx(0, abs=1e-4) or g.loc[2010, "residual"] != pytest.approx(0, abs=1e-4)
    r = g.loc[2024]
    assert r["gap"] == pytest.approx(0.96912 - 0.76073) and r["rank"] == 74 and r["ref_rank"] == 3
    assert r[["osi_share", "hci_share", "tii_share"]].sum() == pytest.approx(1, abs=1e-3)


def test_gap_references():
    f = gap("AZE", "frontier", years=[2024]).loc[2024]
    assert f["tii_part"] == round((1 - 0.82034) / 3, 5) == 0.05989  # rounded to the published decimals
    top = gap("AZE", "top", years=[2024]).loc[2024]
    assert top["reference"] == "DNK"
    rank = gap("AZE", 50, years=[2024]).loc[2024]
    assert rank["ref_rank"] == 50
    peer = gap("AZE", "peer:south_caucasus", years=[2024]).loc[2024]
    p = published.published(2024).loc[["ARM", "AZE", "GEO"], "egdi"].mean()
    assert peer["ref_egdi"] == round(p, 5)
    ng = gap("ARM", "next_group", years=[2022]).loc[2022]
    assert ng["reference"].startswith("threshold")
    nc = gap("AZE", "next_class", years=[2024]).loc[2024]
    assert nc["gap"] > 0
    with pytest.raises(ScoringError, match="unknown reference"):
        gap("AZE", "mars", years=[2024])
    with pytest.raises(ScoringError, match="unknown peer set"):
        gap("AZE", "peer:nope", years=[2024])


def test_aggregates_groups_and_peers():
    t = aggregates(2024)
    assert int(t.loc[("world", "World"), "n"]) == 193
    assert set(t.loc["region"].index) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    assert t.loc["region", "n"].sum() == 193
    assert int(t.loc[("ldc", "LDC"), "n"]) > 40
    sc = t.loc[("peers", "south_caucasus")]
    assert sc["n"] == 3 and set(sc["members"].split(", ")) == {"ARM", "AZE", "GEO"}
    p = published.published(2024).loc[["ARM", "AZE", "GEO"], "egdi"]
    assert sc["mean"] == pytest.approx(p.mean()) and sc["median"] == pytest.approx(p.median())
    assert sc["max"] == p.max() and sc["min"] == p.min()
    assert len(load_peers()["oic"]) == 57
    assert "AZE" in memberships("peers")["AZE"] or "caspian" in memberships("peers")["AZE"]
    assert group_stats({"A": 1.0, "B": 3.0}, {"A": ["x", "y"], "B": "x"}).loc["x", "mean"] == 2.0
    with pytest.raises(ScoringError, match="unknown grouping"):
        memberships("continent")


def test_trends_with_method_breaks():
    t = trends("AZE")
    e = t[t.indicator == "egdi"].set_index("year")
    assert e.loc[2024, "change"] == pytest.approx(0.76073 - e.loc[2022, "value"])
    assert e.loc[2024, "rank_change"] == e.loc[2022, "rank"] - 74
    assert e.loc[2020, "method_break"] and not e.loc[2020, "comparable"]
    assert not e.loc[2008, "comparable"]  # formula exception
    assert not t[t.indicator == "epi"]["comparable"].any()
    with pytest.raises(CountryError, match="unknown country"):
        trends("XXX")


def test_the_frontier_steps_add_up_to_the_frontier_bar():
    # issue 15: the steps were best-of-each-component gaps but the end bar Denmark's EGDI (0.98474), leaving a
    # -0.015 "not explained" bar. The frontier is a country with the best of each component: its EGDI is their mean.
    f = gap("AZE", "frontier", years=[2024]).loc[2024]
    best = published.published(2024).query("assessed")[["osi", "hci", "tii"]].max()
    assert best.tolist() == [1.0, 1.0, 1.0] and f["ref_egdi"] == 1.0
    assert f["gap"] == round(1.0 - 0.76073, 5) == 0.23927
    assert (f["osi_part"], f["hci_part"], f["tii_part"]) == (0.08712, 0.09224, 0.05989)  # (1 - value) / 3, rounded
    assert abs(f["residual"]) <= 2e-5  # the UN's EGDI comes from unrounded components: 0.76073 vs 0.76075
    f08 = gap("AZE", "frontier", years=[2008]).loc[2008]
    b08 = published.published(2008).query("assessed")[["osi", "hci", "tii"]].max()
    assert f08["ref_egdi"] == round(b08.mean(), 4)


def test_next_group_of_a_very_high_country_is_said_not_drawn():
    # issue 15: "next group" for a Very-high country drew +0.0000 steps
    g = gap("AZE", "next_group", years=[2024]).loc[2024]
    assert g["reference"] == "top group"
    assert g[["ref_egdi", "gap", "osi_part", "hci_part", "tii_part"]].isna().all()
    k = gap("KGZ", "next_group", years=[2024]).loc[2024]
    assert k["reference"] == "threshold 0.75" and k["gap"] == round(0.75 - k["egdi"], 5) > 0


def test_gap_parts_are_rounded_to_the_published_decimals():
    # issue 15: the report showed gap parts such as 0.08143999999999996
    g = gap("AZE", "SGP")
    for y, row in g.iterrows():
        d = published.decimals(published.published(y)["egdi"])
        for c in ("gap", "osi_part", "hci_part", "tii_part", "residual"):
            assert row[c] == round(row[c], d), (y, c, row[c])

"""Strengths and weaknesses among the UN components."""

from __future__ import annotations

import pytest

from assess import DataError, strengths


def test_azerbaijan_2024_online_services_is_its_strength():
    s = strengths("AZE", 2024).set_index("component")
    assert s["verdict"].to_dict() == {"osi": "strength", "hci": "weakness", "tii": "weakness", "epi": "weakness"}
    assert s["rank"].to_dict() == {"osi": 67, "hci": 81, "tii": 86, "epi": 88}
    assert set(s["egdi_rank"]) == {74}
    assert s.loc["osi", "value"] == 0.73863


def test_first_ranked_country_keeps_its_best_component_as_strength():
    s = strengths("DNK", 2024).set_index("component")
    assert (s["verdict"] == "strength").sum() == 1
    assert s.loc[s["rank"].idxmin(), "verdict"] == "strength"


def test_not_assessed_is_a_clear_error():
    with pytest.raises(DataError, match=r"IRQ, 2003: not assessed in this edition of the UN Survey"):
        strengths("IRQ", 2003)

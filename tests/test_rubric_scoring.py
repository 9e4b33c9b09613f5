"""Strategy-structure rubric scoring."""

import pytest

from assess.errors import ScoringError
from assess.strategy.rubric import score_rubric


def test_singapore_against_itself_has_no_gap():
    r = score_rubric("singapore_dgb")
    assert r["improvements"].empty and r["dimensions"]["gap"].abs().max() == 0


def test_partial_answers_ranked_improvements():
    r = score_rubric({"vision": 2})
    crit = r["criteria"]
    assert crit.loc["vision", "level"] == 2 and crit.loc["vision", "gap"] == crit.loc["vision", "reference"] - 2
    imp = r["improvements"]
    assert imp["priority"].is_monotonic_decreasing and "vision" in r["criteria"].index
    assert len(r["unanswered"]) == len(crit) - 1
    assert imp["next_level_evidence"].notna().all()
    with pytest.raises(ScoringError, match="level must be in 0-4"):
        score_rubric({"vision": 7})
    with pytest.raises(ScoringError, match="unknown criteria"):
        score_rubric({"nope": 1})

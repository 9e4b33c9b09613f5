"""Composite frameworks other than the UN's, scored by the engine, against the published totals."""

from __future__ import annotations

import pytest

import assess

# Published totals that are not the mean of the four published benchmarks (difference in points):
# the total is averaged over life events, where a benchmark is missing for some events. Portugal 2021 differed by
# 0.790 with the 2023 file's cross-border score (64.1165); the 2024 workbook revised it to 60.9568 (flag 'revised'),
# and with it the published total 78.379 is the mean of the four (hand: (95.3781 + 70.3236 + 86.8588 + 60.9568) / 4).
EU_EXCEPTIONS = {2020: {"IRL": 3.644}, 2021: {}, 2022: {}}


@pytest.mark.parametrize("year", [2020, 2021, 2022])
def test_eu_benchmark_overall_is_mean_of_the_four_benchmarks(year):
    a = assess.score(assess.load_framework("eu_egov_benchmark"), assess.load_indicators("eu_egov_benchmark"), year=year)
    ours = a.scores
    published = assess.wide("eu_egov_benchmark", year)["e_gov_0_score"]
    both = ours.to_frame("ours").join(published.rename("published"), how="inner").dropna()
    assert len(both) >= 30
    diff = (both["ours"] - both["published"]).abs()
    off = diff[diff > 1e-4]
    assert {k: round(v, 3) for k, v in off.items()} == EU_EXCEPTIONS[year]
    if year == 2022:
        assert both["published"].idxmax() == "MLT"
    if year == 2021:
        assert pytest.approx(both.loc["PRT", "published"], abs=1e-4) == (95.378131 + 70.323640 + 86.858796 + 60.956790) / 4


def test_oecd_dgi_composite_reproduced_for_korea():
    a = assess.score(assess.load_framework("oecd_dgi"), assess.load_indicators("oecd_dgi"), year=2023)
    scores = a["scores"]
    # published composite 0.935 (rounded to 3 decimals in the OECD's PDF)
    assert scores.loc["KOR", "dgi"] == pytest.approx(0.935, abs=5e-4)

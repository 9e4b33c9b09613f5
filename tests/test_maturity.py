"""Maturity placement side by side."""

from assess.maturity import placement


def test_placement_aze_2024():
    t = placement("AZE", 2024)
    assert t.loc["un_egdi_group", "placement"] == "VH"
    assert t.loc["gtmi_group", "placement"] == "A" and t.loc["gtmi_group", "basis"] == "GTMI 2022"
    assert t.loc["un_stages", "placement"] == "interactive"  # OSI 0.739: >= 0.5, < 0.66 rule
    assert t.loc["un_rating_class", "placement"] in ("VH", "V3", "V2", "V1")

"""Plain-function tests of the Strategy structure page and the Strategy page's issue-13 pieces (no browser)."""

from __future__ import annotations

import dash

if not dash.page_registry:  # pages register themselves; a bare Dash app with use_pages makes that legal
    dash.Dash(__name__, use_pages=True, pages_folder="")

from pages import strategy as strategy_page
from pages import structure as page
from tests.test_pages_model_strategy import find, text_of
from ui import strategy_extras as extras


def test_elements_mark_what_lacks_something_and_nodes_to_add():
    els = {e["data"]["id"]: e for e in page.elements("azerbaijan_digital_2026")}
    assert "has-gap" in els["azerbaijan_digital_2026.d_data_governance"]["classes"]  # a direction without goal
    assert "pending" in els["gov_cloud"]["classes"] and "model" in els["gov_cloud"]["classes"]
    assert els["azerbaijan_digital_2026.vision"]["position"] == {"x": 0.0, "y": 0.0}
    assert els["azerbaijan_digital_2026.vision"]["data"]["label"].startswith("Azerbaijan transformed into a")
    rings = [e for e in els.values() if "ring" in e.get("classes", "")]
    assert [r["data"]["label"] for r in rings] == [  # outermost first, so inner rings are drawn on top
        "Bodies, laws, platforms and indicators of the country model", "Enablers, principles, rules, diagrams",
        "KPIs and action points", "Goals", "Strategic directions"]


def test_render_and_bad_values_fall_back():
    drawing, side, compare = page.render("nope", "also_nope")
    text = text_of(drawing)
    assert "Unknown strategy 'nope'" in text and "Showing azerbaijan_digital_2026" in text
    assert "Unknown reference 'also_nope'; showing Singapore." in text
    assert "73 findings: 65 missing parts of the structure, 8 notes." in text_of(side)
    assert "Reference: Singapore" in text_of(compare)
    _, _, compare = page.render("singapore_dgb", "none")
    assert find(compare, "structure-graph-ref") is None and "Verified elements 24 of 49" in text_of(compare)


def test_element_details_name_the_source_and_what_is_missing():
    rows = page.element_details("estonia_dsdp2030", "estonia_dsdp2030.k_connectivity")
    text = text_of(rows)
    assert "Availability of ultra-fast connections across Estonia" in text
    assert "has no numeric target (stated in words only)" in text and "has no owner body" in text
    assert "Minister briefs Estonian parliament" in text  # the source document
    assert "is not part of" in text_of(page.element_details("estonia_dsdp2030", "../../x"))


def test_strategy_page_pieces():
    view = extras.computed_levels_view("singapore_dgb", {"goals_kpis": {"level": 4, "evidence": ""}})
    assert "1 of the levels chosen lie outside what the file's structure evidences." in text_of(view)
    assert "above the evidence" in text_of(find(view, "strategy-computed-goals_kpis"))
    assert "Choose a strategy file" in text_of(extras.computed_levels_view("../x", {}))
    payload = extras._payload([{"criterion": "vision"}], [3], ["p. 2"], [{"criterion": "vision"}], [1], [None],
                              [""], "Aydan", "Babak")
    assert "1 discrepancy" in text_of(extras.discrepancy_view(payload))
    assert "not reconciled yet" in text_of(extras.discrepancy_view(payload))


def test_resaving_the_form_keeps_the_two_assessors(tmp_path):
    from assess.strategy.store import load_assessment, save_assessment

    db = tmp_path / "a.sqlite3"
    i = save_assessment({"rubric": "strategic_structure", "answers": {"vision": {"level": 3, "evidence": ""}},
                         "assessors": [{"name": "A", "answers": {"vision": {"level": 3}}},
                                       {"name": "B", "answers": {"vision": {"level": 2}}}],
                         "reconciled": {"vision": {"level": 3, "note": "p. 2"}}, "strategy": "singapore_dgb"},
                        name="x", country="AZE", db=db)
    new_id, version, _, _ = strategy_page.save({"vision": {"level": 3, "evidence": "p. 2"}}, name="x", country="AZE",
                                               current_id=i, version=1, db=db)
    assert version == 2
    saved = load_assessment(new_id, db=db)
    assert new_id == i and saved["reconciled"] == {"vision": {"level": 3, "note": "p. 2"}}
    assert saved["strategy"] == "singapore_dgb" and [p["name"] for p in saved["assessors"]] == ["A", "B"]

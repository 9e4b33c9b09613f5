"""Strategy structure page in the browser: the concentric drawing, the findings, a reference beside it, the URL."""

from __future__ import annotations

import pytest

from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _canvas_drawn(page, id_="structure-graph"):
    page.wait_for_selector(f"#{id_} canvas")
    # cytoscape draws on canvases: wait until one has a non-zero size
    page.wait_for_function(f"() => [...document.querySelectorAll('#{id_} canvas')].some(c => c.width > 0)")


def test_structure_page_draws_azerbaijan_beside_singapore(goto, page, screenshot):
    goto("/strategy/structure")
    _canvas_drawn(page)
    text = page.locator("#structure-page").inner_text()
    assert "Azerbaijan transformed into a digitally empowered society, economy and government." in text
    total = page.locator("#structure-findings-total").inner_text()
    assert total.startswith("73 findings: 65 missing parts of the structure, 8 notes.")
    assert "Monitoring and evaluation" in page.locator("#structure-level-monitoring_evaluation").inner_text()
    assert "1–3" in page.locator("#structure-level-monitoring_evaluation").inner_text()  # verified – all
    _canvas_drawn(page, "structure-graph-ref")
    assert "Reference: Singapore" in page.locator("#structure-compare").inner_text()
    screenshot("structure-azerbaijan-2026", full_page=True)


def test_url_holds_the_strategy_and_the_reference(goto, page, screenshot):
    goto("/strategy/structure?strategy=singapore_dgb&reference=estonia_dsdp2030")
    _canvas_drawn(page)
    assert "A Government that is Digital to the Core, and Serves with Heart" in page.locator("#structure-meta").inner_text()
    row = page.locator("#structure-level-goals_kpis").inner_text()
    assert "0–2" in row and "4" in row and "above the evidence" in row
    screenshot("structure-singapore-vs-estonia", full_page=True)
    choose(page, "structure-strategy", "Estonia")
    wait_for_dash(page)
    page.wait_for_function("() => location.search.includes('strategy=estonia_dsdp2030')")
    assert "A digitally capable Estonia" in page.locator("#structure-meta").inner_text()
    page.go_back()
    wait_for_dash(page)
    page.wait_for_function("() => document.querySelector('#structure-meta').innerText.includes('Digital to the Core')")


def test_findings_open_and_unknown_values_fall_back(goto, page, screenshot):
    goto("/strategy/structure?strategy=azerbaijan_ict_2003_2012&reference=none")
    _canvas_drawn(page)
    assert page.locator("#structure-graph-ref").count() == 0
    page.get_by_text("the strategy states a vision").click()
    page.wait_for_selector("text=azerbaijan_ict_2003_2012: the strategy states no vision")
    screenshot("structure-azerbaijan-2003", full_page=False)
    goto("/strategy/structure?strategy=../../etc/passwd&reference=nope")
    _canvas_drawn(page)
    text = page.locator("#structure-page").inner_text()
    assert "Unknown strategy '../../etc/passwd'" in text and "Showing azerbaijan_digital_2026" in text
    assert "Unknown reference 'nope'" in text
    assert "Azerbaijan transformed into" in page.locator("#structure-meta").inner_text()


def test_strategy_page_links_to_the_structure(goto, page):
    goto("/strategy")
    page.click("#strategy-structure-link")
    wait_for_dash(page)
    page.wait_for_selector("#structure-graph")
    assert "/strategy/structure" in page.url

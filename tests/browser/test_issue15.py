"""Issue 15 in the browser: each item a policy analyst found, tried as they did."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_no_chart_offers_to_share_or_upload(goto, page):
    for url in ("/", "/country?country=AZE", "/compare", "/whatif", "/strategy"):
        goto(url)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
        page.locator(".js-plotly-plot").first.hover()
        titles = page.evaluate("() => [...document.querySelectorAll('.modebar-btn')].map(b => b.dataset.title)")
        assert titles and not [t for t in titles if "Share" in t or "Cloud" in t or "Chart Studio" in t], (url, titles)
        assert page.evaluate("() => window.Plotly && !window.Plotly.setPlotConfig ? 'no' : 'ok'") == "ok"


def test_charts_have_text_alternatives_and_the_page_declares_its_language(goto, page):
    goto("/country?country=AZE&edition=2024")
    page.wait_for_selector("#country-trend .main-svg")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.wait_for_function("() => document.querySelector('#country-trend .js-plotly-plot')?.getAttribute('aria-label')")
    label = page.locator("#country-trend .js-plotly-plot").get_attribute("aria-label")
    assert label.startswith("Azerbaijan (AZE): EGDI by edition. EGDI by edition. AZE: 2003 0.3635")
    assert "2024 0.7607" in label and page.locator("#country-trend .js-plotly-plot").get_attribute("role") == "img"


def test_the_edition_slider_announces_the_year(goto, page):
    goto("/country?country=AZE&edition=2022")
    handle = page.locator("#country-edition [role=slider]").first
    page.wait_for_function("() => document.querySelector('#country-edition [role=slider]')"
                           "?.getAttribute('aria-valuetext') === '2022'")
    handle.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => document.querySelector('#country-edition [role=slider]')"
                           "?.getAttribute('aria-valuetext') === '2020'")
    assert handle.get_attribute("aria-label") == "UN Survey edition"


def test_a_2003_profile_shows_only_what_existed_in_2003(goto, page, screenshot):
    goto("/country?country=AZE&edition=2003")
    page.wait_for_selector("#country-score")
    assert page.locator("#country-class").inner_text() == "–"
    assert page.locator("#country-gtmi-tile").inner_text() == "–"
    tiles = page.locator("#country-tiles").inner_text()
    assert "The UN rating classes start in 2018" in tiles and "The GTMI starts in 2020" in tiles
    stages = page.locator("#country-stages").inner_text()
    assert "Horizontal integration" not in stages and "horizontal_integration" not in stages
    assert "layne_lee" not in stages and "no country model of 2003's time" in stages
    screenshot("country-aze-2003")


def test_strengths_follow_the_stated_rule(goto, page):
    goto("/country?country=AZE&edition=2024")
    page.wait_for_selector("#country-strength-list")
    assert "ranks above the country's EGDI rank and is above its region's mean" in \
        page.locator("#country-strength-rule").inner_text()
    assert page.locator("#country-strength-list").inner_text() == "Strengths: Online services (OSI)"
    assert page.locator("#country-weakness-list").inner_text() == "Weaknesses: E-participation (EPI)"


def test_a_country_missing_from_an_edition_keeps_its_profile(goto, page, screenshot):
    goto("/country?country=TUV&edition=2003")
    page.wait_for_selector("#country-not-assessed")
    assert "was not assessed in the 2003 UN Survey" in page.locator("#country-not-assessed").inner_text()
    page.wait_for_selector("#country-trend .scatterlayer .trace")
    page.locator("#country-not-assessed a", has_text="2005").click()
    page.wait_for_selector("#country-score")
    assert "edition=2005" in page.url
    screenshot("country-tuv")
    for iso3, name in (("XKX", "Kosovo"), ("PSE", "Palestine"), ("TWN", "Taiwan")):
        goto(f"/country?country={iso3}")
        page.wait_for_selector("#country-gtmi-table")
        assert "not a UN member state" in page.locator("#country-not-assessed").inner_text()
        assert "2025" in page.locator("#country-gtmi-table").inner_text()
        assert name in page.locator("#country-country").inner_text()


@pytest.mark.parametrize("typed, expected", [("Russian Federation", "Russia (RUS)"), ("Russia", "Russia (RUS)"),
                                             ("Turkey", "Türkiye (TUR)"), ("Türkiye", "Türkiye (TUR)"),
                                             ("United States of America", "United States (USA)")])
def test_country_search_by_official_and_common_names(goto, page, typed, expected):
    goto("/country?country=AZE")
    page.locator("#country-country").click()
    menu = page.locator(".dash-dropdown-content[data-state=open]").last
    menu.locator(".dash-dropdown-search").fill(typed)
    menu.locator("[role=option]", has_text=expected).first.click()
    page.wait_for_function(f"() => location.search.includes('country={expected[-4:-1]}')")


def test_ranking_table_sort_filter_download_and_map_click(goto, page, screenshot):
    goto("/?index=egdi&edition=2024")
    page.wait_for_selector("#home-ranking .ag-row")
    page.locator("#home-filter").fill("Azerbaijan")
    page.locator("#home-filter").press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#home-ranking .ag-center-cols-container .ag-row')"
                           ".length === 1")
    assert "0.76073" in page.locator("#home-ranking .ag-center-cols-container").inner_text()
    page.locator("#home-filter").fill("")
    page.locator("#home-filter").press("Enter")
    page.locator("#home-ranking .ag-header-cell[col-id=value]").click()  # ascending: the lowest first
    page.wait_for_function("() => document.querySelector('#home-ranking .ag-center-cols-container "
                           ".ag-row[row-index=\"0\"]')?.innerText.includes('Central African Republic')")
    with page.expect_download() as info:
        page.locator("#home-download-button").click()
    data = info.value.path().read_bytes()
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws.max_row == 194 and ws["D2"].value == 0.98474 and ws["B2"].value == "Denmark"
    # the map: a "not assessed" legend in 2003, and a click opens the profile
    goto("/?index=egdi&edition=2003")
    page.wait_for_selector("#home-map .legendtext")
    assert page.locator("#home-map .legendtext").first.text_content() == "not assessed in 2003"
    screenshot("home-2003-not-assessed")
    page.evaluate("() => { const gd = document.querySelector('#home-map .js-plotly-plot');"
                  " gd.emit('plotly_click', {points: [{location: 'EST', curveNumber: 0, pointNumber: 0}]}); }")
    page.wait_for_url("**/country?country=EST&edition=2003")
    wait_for_dash(page)
    page.wait_for_selector("#country-score")


def test_gtmi_2025_on_the_map_and_in_compare(goto, page, screenshot):
    goto("/?index=gtmi&gtmi=2025")
    page.wait_for_function("() => document.querySelector('#home-map .gtitle')?.textContent === 'GTMI 2025'")
    goto("/compare?country=AZE&compare=SGP,XKX&gtmi=2025")
    page.wait_for_selector("#compare-gtmi-rows")
    rows = page.locator("#compare-gtmi-rows").inner_text()
    assert "AZE" in rows and "0.769" in rows and "XKX" in rows
    screenshot("compare-gtmi")


def test_gap_decomposition_is_honest(goto, page, screenshot):
    goto("/compare?country=AZE&compare=SGP&against=frontier&edition=2024")
    page.wait_for_function("() => document.querySelector('#compare-waterfall .gtitle')?.textContent"
                           " === 'EGDI 2024: AZE → frontier (gap +0.23927)'")
    names = page.evaluate("() => document.querySelector('#compare-waterfall .js-plotly-plot').data.map(d => d.name)")
    assert names == ["AZE", "comparator ahead", "frontier"]  # no "not explained" bar
    yrange = page.evaluate("() => document.querySelector('#compare-waterfall .js-plotly-plot').layout.yaxis.range")
    assert yrange[0] == 0
    assert "÷ 3" in page.locator("#compare-waterfall-note").inner_text()
    screenshot("compare-frontier")
    choose(page, "compare-against", "next UN group")
    page.wait_for_function("() => document.querySelector('#compare-waterfall')?.innerText"
                           ".includes('already in the top UN group')")


def test_whatif_scenario_is_kept_in_the_url(goto, page, screenshot):
    goto("/whatif?country=AZE&edition=2024&osi=0.85&target=next_group")
    page.wait_for_function("() => document.querySelector('#whatif-rank')?.innerText.includes('65')")
    page.locator("#whatif-hci [role=slider]").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('hci=0.73') && location.search.includes('osi=0.85')")
    assert "target=next_group" in page.url
    url = page.url
    goto("/" + url.split("/", 3)[3])  # the same link opened afresh
    page.wait_for_function("() => document.querySelector('#whatif-osi [role=slider]')"
                           "?.getAttribute('aria-valuenow') === '0.85'")
    screenshot("whatif-url-scenario")


def test_store_export_runs_in_the_background_with_progress(goto, page):
    goto("/data")
    with page.expect_download(timeout=120000) as info:
        page.click("#data-download-xlsx")
        page.wait_for_function("() => document.querySelector('#data-export-progress .progress-bar')"
                               "?.getAttribute('aria-valuenow') > 0", timeout=60000)
    assert info.value.suggested_filename == "egov_assess_indicators.xlsx"
    assert "ready" in page.locator("#data-download-message").inner_text()

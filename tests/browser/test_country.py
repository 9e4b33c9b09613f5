"""Country profile in the browser: headline figures, changing country, the data download."""

from __future__ import annotations

import pytest

from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_country_profile_aze_2024_then_change_country(goto, page, screenshot):
    goto("/country?country=AZE&edition=2024")
    page.wait_for_selector("#country-score")
    assert page.locator("#country-score").inner_text() == "0.76073"
    assert page.locator("#country-rank").inner_text() == "74 / 193"
    assert page.locator("#country-group").inner_text() == "Very high"
    assert page.locator("#country-gtmi-tile").inner_text() == "0.775 (A)"  # GTMI 2022, labelled with its year
    page.wait_for_selector("#country-trend .scatterlayer .trace")
    assert "Weaknesses" in page.locator("#country-strengths").inner_text()
    screenshot("country-aze-2024")
    choose(page, "country-country", "Estonia")
    page.wait_for_function("location.search.includes('country=EST')")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#country-score')?.innerText !== '0.76073'")
    assert page.locator("#country-rank").inner_text() == "2 / 193"
    screenshot("country-est-2024")


def test_country_download(goto, page):
    goto("/country?country=AZE")
    page.wait_for_selector("#country-score")
    with page.expect_download() as info:
        page.locator("#country-download-button").click()
    assert info.value.suggested_filename == "egov-assess-AZE.xlsx"


def test_country_not_assessed_is_friendly(goto, page):
    goto("/country?country=AZE&edition=2003")
    wait_for_dash(page)
    text = page.locator("#country-page").inner_text()
    assert "Traceback" not in text
    assert page.locator("#country-score").inner_text()  # AZE was assessed in 2003

"""World overview in the browser: map title follows the edition slider, search shows the country."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_home_edition_slider_changes_map(goto, page, screenshot):
    goto("/")
    page.wait_for_selector("#home-map .gtitle")
    assert page.locator("#home-map .gtitle").text_content() == "EGDI 2024"
    assert "0.76073" in page.locator("#home-country-card").inner_text()
    assert "rank 74 of 193" in page.locator("#home-country-card").inner_text()
    screenshot("home-2024")
    # keyboard: focus the slider handle and step one edition back
    page.locator("#home-edition .rc-slider-handle, #home-edition [role=slider]").first.focus()
    page.keyboard.press("ArrowLeft")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#home-map .gtitle')?.textContent === 'EGDI 2022'")
    assert "edition=2022" in page.url
    # the full ranking is a real table (rows are virtualised: at least the first screenful is drawn)
    assert page.locator("#home-ranking .ag-row").count() >= 10
    screenshot("home-2022")


def test_home_index_and_country_search(goto, page, screenshot):
    goto("/?index=osi&edition=2024")
    page.wait_for_function("document.querySelector('#home-map .gtitle')?.textContent === 'OSI 2024'")
    choose(page, "home-country", "Estonia")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#home-country-card').innerText.includes('Estonia')")
    assert re.search(r"country=EST", page.url)
    screenshot("home-osi-est")


def test_home_back_button_restores_state(goto, page):
    goto("/?edition=2024")
    choose(page, "home-country", "Singapore")
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('country=SGP')")
    page.go_back()
    page.wait_for_function("!location.search.includes('country=SGP')")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#home-country-card').innerText.includes('Azerbaijan')")


def test_unknown_country_is_a_friendly_message(goto, page):
    goto("/?country=XXX")
    assert "Unknown country code 'XXX'. Pick a country from the list." in page.locator("#home-page").inner_text()
    assert "Traceback" not in page.content()

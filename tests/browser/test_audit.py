"""The statistical audit page in the browser: EGDI and GTMI, state in the URL, English and Azerbaijani."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_gtmi_then_egdi(goto, page, screenshot):
    goto("/audit?framework=gtmi&year=2022")
    page.wait_for_selector("#audit-summary")
    assert page.locator("#audit-summary").inner_text().startswith("GTMI 2022.")
    assert page.locator("#audit-alpha").inner_text() == "0.953"  # Cronbach's alpha of CGSI, PSDI, DCEI, GTEI
    page.wait_for_selector("#audit-table .ag-row")
    assert page.locator("#audit-table .ag-center-cols-container .ag-row").count() == 5  # the index and its four components
    assert "GovTech Maturity Index" in page.locator("#audit-table").inner_text()
    page.wait_for_selector("#audit-heatmap .heatmaplayer")
    page.wait_for_selector("#audit-loadings .barlayer")
    screenshot("audit-gtmi-2022")
    page.locator("#audit-framework label", has_text="EGDI").click()
    wait_for_dash(page)
    # the edition stays (2022 is an EGDI edition too)
    page.wait_for_function("document.querySelector('#audit-summary').innerText.startsWith('EGDI 2022.')")
    assert "framework=un_egdi" in page.url and "year=2022" in page.url
    assert page.locator("#audit-alpha").inner_text() == "0.902"  # OSI, HCI, TII of the 2022 edition
    page.wait_for_function("document.querySelectorAll('#audit-table .ag-center-cols-container .ag-row').length === 4")


def test_azerbaijani_and_unknown_values(goto, page, screenshot):
    goto("/audit?framework=un_egdi&year=2022&lang=az")
    page.wait_for_selector("#audit-summary")
    text = page.locator("#audit-page").inner_text()
    assert "Statistik audit" in text and "Kronbax alfası" in text and "EGDI 2022." in text
    screenshot("audit-egdi-2022-az", full_page=False)
    goto("/audit?framework=nope&year=1999")
    page.wait_for_selector("#audit-summary")
    text = page.locator("#audit-page").inner_text()
    assert "Unknown value 'nope' for framework; showing un_egdi." in text
    assert "Unknown value '1999' for year; showing 2024." in text
    assert page.locator("#audit-summary").inner_text().startswith("EGDI 2024.")

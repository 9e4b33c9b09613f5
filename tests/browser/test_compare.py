"""Compare in the browser: default comparators, adding a country, the waterfall reference, sorting."""

from __future__ import annotations

import pytest

from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_compare_defaults_add_country_and_waterfall(goto, page, screenshot):
    goto("/compare")
    page.wait_for_selector("#compare-table .ag-row")
    assert page.locator("#compare-table .ag-row").count() == 6  # SGP, EST, KOR, KAZ, GEO, TUR
    page.wait_for_function("document.querySelector('#compare-waterfall .gtitle')?.textContent"
                           " === 'EGDI 2024: AZE → SGP (gap +0.20839)'")
    screenshot("compare-default")
    choose(page, "compare-with", "Denmark")
    page.wait_for_function("location.search.includes('DNK')")
    wait_for_dash(page)
    page.wait_for_function("document.querySelectorAll('#compare-table .ag-row').length === 7")
    choose(page, "compare-against", "Estonia")
    page.wait_for_function("document.querySelector('#compare-waterfall .gtitle')?.textContent"
                           " === 'EGDI 2024: AZE → EST (gap +0.21201)'")
    assert "against=EST" in page.url
    # sort the gap table by the OSI part (header click)
    page.locator("#compare-table .ag-header-cell[col-id=osi_part]").click()
    wait_for_dash(page)
    screenshot("compare-dnk-est")


def test_compare_empty_selection_is_friendly(goto, page):
    goto("/compare?compare=XXX")
    wait_for_dash(page)
    assert "Unknown country code 'XXX' in the comparison" in page.locator("#compare-page").inner_text()
    assert "Add one or more countries to compare with." in page.locator("#compare-alert").inner_text()


def test_ministry_report_download(goto, page, tmp_path, screenshot):
    import openpyxl

    goto("/compare?country=AZE&compare=SGP,EST&edition=2024")
    page.locator("#compare-report-lang label", has_text="Azərbaycanca").click()
    with page.expect_download(timeout=60000) as info:
        page.click("#compare-report-button")
    assert info.value.suggested_filename == "egov-assess-report-AZE-2024-az.xlsx"
    path = tmp_path / "report.xlsx"
    info.value.save_as(path)
    wb = openpyxl.load_workbook(path)
    ws, cell = next(wb.defined_names["EGDI"].destinations)
    assert wb[ws][cell.replace("$", "")].value == 0.76073
    assert wb.sheetnames[0] == "Xülasə"
    screenshot("compare-report", full_page=True)

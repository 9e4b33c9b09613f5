"""Data & methods page in the browser: sources, methods by framework, downloads."""

from __future__ import annotations

import pytest

from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_sources_and_methods(goto, page, screenshot):
    goto("/data?framework=un_egdi")
    page.wait_for_selector("#data-sources .ag-row")
    grid = page.locator("#data-sources").inner_text()
    assert "un_egov" in grid and "CC BY 4.0 (World Bank)" in grid
    assert "un not assessed: 2003: 20" in page.locator("#data-report").inner_text()
    assert page.locator("#data-method-title").inner_text() == "E-Government Development Index"
    weights = page.locator("#data-method-weights").inner_text()
    assert "33.3%" in weights and "dataset: un_egov, indicator: osi" in weights
    assert "method break" in page.locator("#data-method-editions").inner_text()
    screenshot("data-un-egdi", full_page=False)
    choose(page, "data-framework", "GovTech")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#data-method-title').innerText === 'GovTech Maturity Index'")
    assert "framework=gtmi" in page.url
    page.go_back()
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#data-method-title').innerText === 'E-Government Development Index'")


def test_unknown_framework_is_friendly(goto, page):
    goto("/data?framework=nope")
    assert "Unknown framework 'nope'" in page.locator("#data-page").inner_text()


def test_downloads(goto, page, tmp_path):
    goto("/data?framework=strategic_structure")
    with page.expect_download() as info:
        page.click("#data-download-yaml")
    assert info.value.suggested_filename == "strategic_structure.yaml"
    path = tmp_path / "fw.yaml"
    info.value.save_as(path)
    assert "id: strategic_structure" in path.read_text(encoding="utf-8")
    with page.expect_download(timeout=60000) as info:
        page.click("#data-download-csv")
    path = tmp_path / "store.csv"
    info.value.save_as(path)
    assert path.read_text(encoding="utf-8").startswith("iso3,country,year,source,indicator")


def test_back_to_data_without_framework_restores_the_default(goto, page):
    goto("/data")
    assert page.locator("#data-method-title").inner_text() == "E-Government Development Index"
    choose(page, "data-framework", "GovTech")
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('framework=gtmi')")
    page.go_back()
    page.wait_for_function("!location.search.includes('framework')")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#data-method-title').innerText === 'E-Government Development Index'")

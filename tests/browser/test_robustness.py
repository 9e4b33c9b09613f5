"""Robustness in the browser: run the background Monte Carlo, see the progress bar and the intervals."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_robustness_run_background(goto, page, screenshot):
    goto("/robustness?country=AZE&compare=SGP,EST&edition=2024")
    page.locator("#robustness-run").click()
    page.wait_for_selector("#robustness-progress", state="visible")  # the progress bar shows while it runs
    page.wait_for_selector("#robustness-result", timeout=60000)
    page.wait_for_selector("#robustness-progress", state="hidden")
    assert "replications" in page.locator("#robustness-result").inner_text()
    rows = page.locator("#robustness-table .ag-row")
    assert rows.count() == 3
    assert "Azerbaijan" in page.locator("#robustness-table").inner_text()
    assert page.locator("#robustness-intervals .gtitle").text_content() == "EGDI 2024: 5,000 replications"
    screenshot("robustness-aze")


def test_settings_and_the_job_are_in_the_url_and_survive_a_reload(goto, page):
    goto("/robustness?country=KAZ&compare=GEO&edition=2022&n=1000&range=0.25")
    assert page.locator("#robustness-n").inner_text().strip().startswith("1,000")
    assert "25 %" in page.locator("#robustness-range").inner_text()
    page.locator("#robustness-run").click()
    page.wait_for_selector("#robustness-result", timeout=60000)
    assert page.locator("#robustness-intervals .gtitle").text_content() == "EGDI 2022: 1,000 replications"
    page.wait_for_function("window.location.search.includes('job=')")
    url = page.url
    assert "n=1000" in url and "range=0.25" in url and "edition=2022" in url
    # a reload (or the link in another tab) shows the same run without running it again
    page.reload()
    page.wait_for_selector("#robustness-result", timeout=30000)
    assert page.locator("#robustness-intervals .gtitle").text_content() == "EGDI 2022: 1,000 replications"
    assert "Kazakhstan" in page.locator("#robustness-table").inner_text()
    assert page.url == url


def test_unknown_settings_in_the_url_fall_back_as_said(goto, page):
    goto("/robustness?n=7&range=abc&job=../../etc/passwd")
    text = page.locator("#robustness-page").inner_text()
    assert "Replications '7' are not offered; showing 5,000" in text
    assert "Weight range 'abc' is not offered" in text
    assert "The job in the link is not a job id" in text
    assert page.locator("#robustness-n").inner_text().strip().startswith("5,000")

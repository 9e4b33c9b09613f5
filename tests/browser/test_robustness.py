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

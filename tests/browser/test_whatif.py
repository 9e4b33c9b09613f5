"""What-if in the browser: move the OSI slider, see the new rank; ask what it takes to reach rank 50."""

from __future__ import annotations

import pytest

from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_whatif_slider_and_target(goto, page, screenshot):
    goto("/whatif?country=AZE&edition=2024")
    page.wait_for_selector("#whatif-rank")
    assert page.locator("#whatif-rank").inner_text().startswith("74")
    # keyboard: raise OSI by 0.10 (ten arrow presses of 0.01)
    page.locator("#whatif-osi [role=slider]").focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('#whatif-rank')?.innerText.startsWith('74') &&"
                           " document.querySelector('#whatif-rank').innerText.trim() !== '74'")
    wait_for_dash(page)
    new_rank = int(page.locator("#whatif-rank span").inner_text())
    assert new_rank < 74
    assert "0.76073" in page.locator("#whatif-score").inner_text()
    page.locator("#whatif-target-run").click()
    page.wait_for_selector("#whatif-target-summary")
    assert "To reach rank 50" in page.locator("#whatif-target-summary").inner_text()
    assert "0.97721" in page.locator("#whatif-target-single").inner_text()  # OSI needed alone (assess doctest)
    screenshot("whatif-aze-osi")


def test_next_group_for_a_very_high_country(goto, page, screenshot):
    goto("/whatif?country=AZE&edition=2024")
    choose(page, "whatif-target-kind", "Reach the next group")
    page.locator("#whatif-target-run").click()
    page.wait_for_selector("#whatif-target-note")
    assert "already in the Very high group" in page.locator("#whatif-target-note").inner_text()
    assert "To reach rating class" in page.locator("#whatif-target-summary").inner_text()
    screenshot("whatif-aze-next-group")

"""Keyboard only: from the skip link through the navbar into the country picker, then change country."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ACTIVE = """() => { const a = document.activeElement; if (!a) return null;
    const picker = a.closest('#country-country');
    return {tag: a.tagName, text: (a.innerText || a.value || '').trim().slice(0, 60),
            nav: !!a.closest('.navbar'), picker: !!picker, href: a.getAttribute('href')}; }"""


def test_tab_from_skip_link_through_navbar_into_country_picker(goto, page, screenshot):
    goto("/country?country=AZE&edition=2024")
    page.wait_for_selector("#country-score")
    assert "Azerbaijan" in page.locator("#country-score").locator("xpath=..").inner_text()
    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert first["text"] == "Skip to content" and first["href"] == "#main"
    seen = [first]
    for _ in range(30):
        page.keyboard.press("Tab")
        el = page.evaluate(ACTIVE)
        seen.append(el)
        if el["picker"]:
            break
    assert seen[-1]["picker"], f"Tab never reached the country picker: {seen}"
    nav_texts = [e["text"] for e in seen if e["nav"]]
    for name in ("World overview", "Country profile", "Compare", "Data & methods"):
        assert name in nav_texts, f"{name!r} was not reached by Tab: {nav_texts}"
    # every stop before the picker is in the navbar (nothing unexpected in between)
    assert all(e["nav"] for e in seen[:-1])
    # change the country with the keyboard only: open, type, choose
    page.keyboard.press("ArrowDown")
    page.keyboard.type("Estonia")
    page.wait_for_selector(".dash-dropdown-content[data-state=open] [role=option]:has-text('Estonia')")
    page.keyboard.press("Enter")
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('country=EST')")
    page.wait_for_function("document.querySelector('#country-score').parentElement.innerText.includes('Estonia')")
    screenshot("keyboard-country-est", full_page=False)

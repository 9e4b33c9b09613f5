"""Keyboard only: from the skip link through the navbar into the country picker, then change country."""

from __future__ import annotations

import pytest

from tests.browser.conftest import VIEWPORT, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ACTIVE = """() => { const a = document.activeElement; if (!a) return null;
    const picker = a.closest('#country-country');
    return {tag: a.tagName, text: (a.innerText || a.value || '').trim().slice(0, 60),
            nav: !!a.closest('.navbar'), account: !!a.closest('#account-bar'), picker: !!picker,
            href: a.getAttribute('href')}; }"""


@pytest.fixture
def fresh_page(browser, base_url):
    """A page in its own context: no focus or pointer state left by earlier tests of the shared context."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()
    assert not errors, f"browser console errors: {errors}"


def test_tab_from_skip_link_through_navbar_into_country_picker(fresh_page, screenshot):
    page = fresh_page
    page.goto("/country?country=AZE&edition=2024")
    wait_for_dash(page)
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
    # every stop before the picker is in the navbar or the account bar under it ("Sign in"; nothing else between)
    assert all(e["nav"] or e["account"] for e in seen[:-1]), seen
    assert [e["text"] for e in seen if e["account"]] == ["Sign in"]
    # change the country with the keyboard only: Enter opens the list with the current country focused,
    # ArrowDown moves to the next one (Bahamas after Azerbaijan), Enter chooses it
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement?.classList.contains('dash-options-list-option-checkbox')")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("document.activeElement?.value === 'BHS'")
    page.keyboard.press("Enter")
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('country=BHS')")
    page.wait_for_function("document.querySelector('#country-score').parentElement.innerText.includes('Bahamas')")
    # focus is back on the picker, so a keyboard user can carry on from there
    assert page.evaluate(ACTIVE)["picker"]
    screenshot("keyboard-country-bhs", page, full_page=False)

"""The language switch: ``?lang=az`` in the URL, kept across pages, ``<html lang>`` set, and the reference page (Data &
methods) showing Azerbaijani with no English text of the catalogue left visible."""

from __future__ import annotations

import re
import urllib.request

import pytest

from assess.i18n.catalogues import po_path
from assess.i18n.messages import placeholders
from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _english_phrases() -> list[str]:
    """The English side of every catalogue entry that Azerbaijani writes otherwise (whole texts, no placeholders)."""
    from babel.messages.pofile import read_po

    with po_path("az").open("rb") as f:
        cat = read_po(f)
    out = []
    for m in cat:
        if not m.id or not isinstance(m.id, str) or placeholders(m.id) or "%" in m.id or m.context == "sheet name":
            continue  # sheet names are the reports' (a source's own sheet, '1. Scores 2024', is quoted as named)
        english, az = m.id.strip(" .:\n"), (m.string or "").strip(" .:\n")
        if len(english) >= 4 and az and az != english:
            out.append(english)
    return out


def _visible_english(text: str) -> list[str]:
    return sorted({e for e in _english_phrases() if re.search(rf"(?<![\w/-]){re.escape(e)}(?![\w/-])", text)})


def test_the_switch_speaks_azerbaijani_on_the_data_page_and_keeps_it_across_pages(goto, page, screenshot):
    goto("/data?framework=un_egdi")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.click("#lang-switch >> text=Azərbaycanca")
    page.wait_for_function("document.documentElement.lang === 'az'")
    page.wait_for_function("document.querySelector('#data-page h1').innerText === 'Məlumatlar və metodlar'")
    wait_for_dash(page)
    assert "lang=az" in page.url and "framework=un_egdi" in page.url
    assert page.locator("#data-page").get_attribute("lang") == "az"
    assert page.locator("#data-method-title").inner_text() == "Elektron Hökumətin İnkişafı İndeksi"
    body = page.locator("#data-page").inner_text()
    for text in ("Mənbələr: mənşəyi və lisenziyası", "Hər çərçivənin metodu", "Göstəricilər bazası (CSV)",
                 "Nəşrlər üzrə qeydlər", "Komponentlər 2014-cü ildəki kimidir.", "33,3%", "üst elementdəki payı",
                 "Hər rəqəmin haradan gəldiyi"):
        assert text in body, text
    page.wait_for_selector("#data-sources .ag-header-cell-text >> text=başlıq")
    grid = page.locator("#data-sources").inner_text()
    assert "BMT-nin Elektron Hökumət Sorğusu" in grid and "CC BY 4.0 (Dünya Bankı)" in grid
    # no English text of the catalogue left on the page (the load report lists the store's own keys, the GTMI
    # grid the World Bank's official English questions, <code> the names of columns: not texts)
    page.wait_for_selector("#data-gtmi-names .ag-header-cell-text >> text=Rəsmi ad (sual)")
    shown = page.evaluate("() => { const p = document.querySelector('#data-page').cloneNode(true);"
                          " p.querySelector('#data-report')?.remove();"
                          " p.querySelectorAll('#data-gtmi-names .ag-center-cols-container, code')"
                          ".forEach(e => e.remove()); return p.innerText; }")
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    nav = page.locator("#navbar-collapse").inner_text()
    assert "Məlumatlar və metodlar" in nav and "Data & methods" not in nav
    assert "fw-bold" in page.locator("#lang-switch a", has_text="Azərbaycanca").get_attribute("class")
    screenshot("data-az", full_page=False)

    # another page through the navbar: the language goes along
    page.click("#navbar-collapse a[href^='/?']")
    page.wait_for_function("location.pathname === '/'")
    wait_for_dash(page)
    assert "lang=az" in page.url
    assert page.evaluate("() => document.documentElement.lang") == "az"

    # and back to English
    page.click("#lang-switch >> text=English")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert "lang=" not in page.url


def test_a_link_in_azerbaijani_opens_in_azerbaijani(base_url, goto, page):
    with urllib.request.urlopen(f"{base_url}/data?lang=az") as r:
        assert '<html lang="az">' in r.read().decode("utf-8")  # before any script runs
    with urllib.request.urlopen(f"{base_url}/data?lang=fr") as r:
        assert '<html lang="en">' in r.read().decode("utf-8")  # an unknown language: the default
    goto("/data?framework=un_egdi&lang=az")
    assert page.evaluate("() => document.documentElement.lang") == "az"
    choose(page, "data-framework", "GovTech")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#data-method-title').innerText === 'GovTech Yetkinlik İndeksi'")
    assert "framework=gtmi" in page.url and "lang=az" in page.url
    assert "Komponentlər və göstəricilər" in page.locator("#data-method").inner_text()


def _page_text(page, root: str, drop: tuple[str, ...] = ()) -> str:
    """The visible text of ``root`` and of the charts' titles and axes inside it, without the parts ``drop`` names."""
    return page.evaluate("([root, drop]) => { const p = document.querySelector(root).cloneNode(true);"
                         " drop.forEach(s => p.querySelectorAll(s).forEach(e => e.remove()));"
                         " const svg = [...document.querySelectorAll(root + ' svg text')].map(e => e.textContent);"
                         " return p.innerText + '\\n' + svg.join('\\n'); }", [root, list(drop)])


def test_the_world_overview_in_azerbaijani(goto, page, screenshot):
    goto("/?country=AZE&lang=az")
    page.wait_for_function("document.querySelector('#home-page h1').innerText === 'Dünya icmalı'")
    page.wait_for_selector("#home-ranking .ag-row")
    page.wait_for_selector("#home-map .main-svg")
    page.wait_for_selector("#home-regions .main-svg", timeout=20000)
    wait_for_dash(page)
    body = page.locator("#home-page").inner_text()
    for text in ("İndeks və ya komponent", "BMT Sorğusunun nəşri", "Sizin ölkəniz", "Qruplar üzrə ölkələr",
                 "Regionlar üzrə orta (BMT M49)", "Azərbaycan (AZE)", "0,76073", "193 ölkə arasında 74-cü yer",
                 "Çox yüksək"):
        assert text in body, text
    grid = page.locator("#home-ranking").inner_text()
    assert "Danimarka" in grid and "Avropa" in grid and "Yüksək gəlirli" in grid and "0,98474" in grid
    shown = _page_text(page, "#home-page")
    assert "ölkələr" in shown  # the group chart's axis
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    # a GTMI index: its own editions, the note in Azerbaijani
    choose(page, "home-index", "GTMI")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#home-alert').innerText.includes('öz nəşrləri')")
    shown = _page_text(page, "#home-page")
    assert "GovTech liderləri" in shown
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    screenshot("home-az", full_page=False)


def test_the_country_profile_in_azerbaijani(goto, page, screenshot):
    goto("/country?country=AZE&edition=2024&lang=az")
    page.wait_for_function("document.querySelector('#country-page h1').innerText === 'Ölkə profili'")
    page.wait_for_selector("#country-trend .main-svg")
    page.wait_for_selector("#country-gtmi-bars .main-svg")
    wait_for_dash(page)
    body = page.locator("#country-page").inner_text()
    for text in ("Azərbaycan (AZE)", "0,76073", "Çox yüksək", "Güclü və zəif tərəflər", "Mərhələ modellərində yeri",
                 "81-ci yerdədir, EGDI yerindən (74-cü) aşağı", "BMT EGDI qrupu", "nəşrlər üzrə EGDI"):
        assert text in body or text in _page_text(page, "#country-page"), text
    shown = _page_text(page, "#country-page")
    assert "Region: Asiya" in shown and "Lider: Danimarka" in shown  # the charts' series
    assert "0,8" in shown and "0.8" not in shown  # the axes' numbers with the decimal comma
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    # a year the country was not assessed in, and an economy the UN does not assess
    goto("/country?country=XKX&edition=2024&lang=az")
    page.wait_for_selector("#country-not-assessed")
    shown = _page_text(page, "#country-page")
    assert "BMT-yə üzv dövlət deyil" in shown
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    screenshot("country-az", full_page=False)

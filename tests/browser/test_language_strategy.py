"""The Strategy page and the Structure page in Azerbaijani: every label, message and table of the catalogue in
Azerbaijani, the rubric's criteria, levels and questions in Azerbaijani, strategies, elements and findings named by
their ``az`` names; no English text of the catalogue left visible (charts included)."""

from __future__ import annotations

import pytest

from tests.browser import test_strategy as strategy_tests
from tests.browser.conftest import choose, wait_for_dash
from tests.browser.test_language import _page_text, _visible_english
from tests.browser.test_strategy import choose_in_row, pick

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: The Strategy page's browser tests' accounts and sign-in (fixtures).
accounts, sign_in = strategy_tests.accounts, strategy_tests.sign_in

#: Not texts of the page: what a user typed (assessment and assessor names, notes) and the store's user names.
TYPED = ("Rəqəmsal strategiya — dil testi", "Aydan", "Babək", "leyla")


def _shown(page, root: str, drop: tuple[str, ...] = ()) -> str:
    text = _page_text(page, root, drop)
    for typed in TYPED:
        text = text.replace(typed, "")
    return text


def test_the_strategy_page_in_azerbaijani(goto, page, screenshot):
    goto("/strategy?lang=az")
    page.wait_for_function("document.querySelector('#strategy-page h1').innerText === 'Strategiya qiymətləndirməsi'")
    page.wait_for_selector("#strategy-radar .main-svg")
    wait_for_dash(page)
    body = page.locator("#strategy-page").inner_text()
    for text in ("Saxlanmış qiymətləndirmələr və Excel", "Excel özünüqiymətləndirmə kitabı", "Boş şablon",
                 "Strateji istiqamət", "Vizyon", "Əsas təminedicilər", "Yetkinlik profili", "Müqayisə et",
                 "Strategiya hökumətin necə olacağına dair bir vizyon bəyan edirmi?", "İki qiymətləndirici",
                 "Strategiya faylının sübut etdiyi səviyyələr", "Azərbaycan (AZE)",
                 "Profili görmək üçün ən azı bir meyar üçün səviyyə seçin."):
        assert text in body, text
    # a level chosen: what it means, the profile, the dimensions, what to improve first
    pick(page, "vision", 3)
    pick(page, "goals_kpis", 2)
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#strategy-improvements')?.innerText.includes('Növbəti')")
    body = page.locator("#strategy-page").inner_text()
    for text in ("3 · Müəyyən edilib: Vətəndaşlara və hökumətə yönəlmiş bir qısa vizyon bəyanatı.",
                 "İlk növbədə nəyi yaxşılaşdırmalı", "Ölçü", "İstinad", "Fərq", "Ümumi"):
        assert text in body, text
    assert "," in page.locator("#strategy-overall").inner_text()  # the overall score with the decimal comma
    radar = _page_text(page, "#strategy-radar")
    assert "Sinqapur (istinad)" in radar and "Bu qiymətləndirmə" in radar and "Vizyon" in radar
    # the file's evidenced levels: Azerbaijan 2003-2012, then 2025-2028
    choose(page, "strategy-file", "2003-2012")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#strategy-computed-vision')?.innerText.includes('0–0')")
    card = page.locator("#strategy-computed-card").inner_text()
    assert "Azərbaycan: «Azərbaycan Respublikasının inkişafı naminə informasiya və kommunikasiya texnologiyaları üzrə " \
           "Milli Strategiya (2003-2012-ci illər)»" in card  # the Order's official title
    assert "sübutdan yuxarı" in card and "yalnız ekspert rəyi" in card and "Sübut olunan" in card
    choose(page, "strategy-file", "2026-2028")
    wait_for_dash(page)
    card = page.locator("#strategy-computed-card").inner_text()
    assert "Rəqəmsal İnkişaf Konsepsiyası (2025)" in card and "Strategiya faylı" in card
    shown = _shown(page, "#strategy-page")
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    # the blank self-assessment workbook, offered in both languages: Azerbaijani first here
    assert page.locator("#strategy-template-lang input:checked").get_attribute("value") == "az"
    with page.expect_download() as info:
        page.click("#strategy-template")
    assert info.value.suggested_filename == "strategic_structure_template_az.xlsx"
    screenshot("strategy-az", full_page=False)


def test_two_assessors_and_a_stale_save_in_azerbaijani(goto, page, browser_context, screenshot, sign_in):
    sign_in("leyla")
    goto("/strategy?lang=az")
    pick(page, "vision", 4)
    pick(page, "goals_kpis", 4)
    page.fill("#strategy-name", TYPED[0])
    wait_for_dash(page)
    page.click("#strategy-save")
    page.wait_for_selector("#strategy-save-alert")
    assert "qiymətləndirməsi kimi saxlanıldı (1-ci versiya)" in page.locator("#strategy-save-alert").inner_text()
    assert "lang=az" in page.url
    page.fill("#strategy-assessor-a", "Aydan")
    page.fill("#strategy-assessor-b", "Babək")
    choose_in_row(page, "vision", 0, "3")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#strategy-discrepancy-list').innerText.includes('A 4, B 3')")
    assert "hələ razılaşdırılmayıb" in page.locator("#strategy-discrepancy-list").inner_text()
    choose_in_row(page, "vision", 1, "4")
    note = page.locator("#strategy-b-row-vision input.form-control")
    note.fill("Vizyon təsdiq edilmiş diaqramın mərkəzindədir.")
    note.press("Enter")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#strategy-discrepancy-list').innerText.includes("
                           "'razılaşdırılmış səviyyə 4')")
    page.click("#strategy-save-assessors")
    page.wait_for_selector("#strategy-assessors-ok")
    ok = page.locator("#strategy-assessors-ok").inner_text()
    assert "(2-ci versiya): 1 uyğunsuzluq, 1 razılaşdırılıb" in ok, ok
    card = page.locator("#strategy-assessors-card").inner_text()
    for text in ("İki qiymətləndirici", "Meyar", "Razılaşdırılmış", "Qeyd", "İki qiymətləndiricini saxla",
                 "Yalnız bir qiymətləndiricinin qiymət verdiyi 1 meyar."):
        assert text in card, text
    shown = _shown(page, "#strategy-page", ("#strategy-b-row-vision input",))
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    page.locator("#strategy-assessors-card").scroll_into_view_if_needed()
    screenshot("strategy-two-assessors-az", full_page=False)

    # someone saves the same assessment in another tab: this tab's save is refused, in Azerbaijani
    other = browser_context.new_page()
    try:
        other.goto(page.url)
        wait_for_dash(other)
        other.locator("#strategy-row-vision label", has_text="2").first.click()
        wait_for_dash(other)
        other.click("#strategy-save")
        other.wait_for_selector("#strategy-save-alert")
    finally:
        other.close()
    pick(page, "vision", 1)
    wait_for_dash(page)
    page.click("#strategy-save")
    page.wait_for_function("document.querySelector('#strategy-save-alert')?.innerText.includes('dəyişdirilib')")
    msg = page.locator("#strategy-save-alert").inner_text()
    assert "leyla tərəfindən dəyişdirilib: yenidən yükləyin və ya yeni kimi saxlayın." in msg, msg
    assert page.locator("#strategy-reload-link").inner_text() == "Yenidən yükləyin"
    assert "lang=az" in page.locator("#strategy-reload-link").get_attribute("href")
    assert _visible_english(_shown(page, "#strategy-save-alert")) == []
    # delete asks first, in Azerbaijani
    page.click("#strategy-delete")
    page.wait_for_selector("#strategy-delete-modal", state="visible")
    modal = page.locator("#strategy-delete-modal").inner_text()
    assert "qiymətləndirməsi silinsin?" in modal and "Ləğv et" in modal, modal
    # the administrator's command in the modal is a command, not a text
    assert _visible_english(_shown(page, "#strategy-delete-modal").replace("python -m assess assessments restore",
                                                                          "")) == []
    page.click("#strategy-delete-cancel")


def test_the_structure_page_in_azerbaijani(goto, page, screenshot):
    goto("/strategy/structure?strategy=azerbaijan_digital_2026&reference=singapore_dgb&lang=az")
    page.wait_for_function("document.querySelector('#structure-page h1').innerText === 'Strategiyanın strukturu'")
    page.wait_for_selector("#structure-graph canvas")
    page.wait_for_selector("#structure-graph-ref canvas")
    wait_for_dash(page)
    body = page.locator("#structure-page").inner_text()
    for text in ("Strukturun sübut etdiyi səviyyələr", "Strukturda nə çatışmır", "Yan-yana", "İstinad: Sinqapur",
                 "Azərbaycan (AZE) · “Azərbaycan", "qüvvədə", "Təsdiqlənmiş elementlər", "Fəaliyyət nöqtəsi",
                 "Əsas göstərici", "qırmızı çərçivə = nəsə çatışmır", "Rəqəmsal İnkişaf Konsepsiyası (2025)",
                 "Sinqapur: Rəqəmsal Hökumət Planı", "Mənbəyini və nəyin çatışmadığını görmək üçün"):
        assert text in body, text
    # the findings of one rule, opened: each names its element in Azerbaijani
    page.locator("#structure-findings-list .accordion-button").first.click()
    page.wait_for_selector("#structure-findings-list .accordion-collapse.show li")
    found = page.locator("#structure-findings-list .accordion-collapse.show").first.inner_text()
    assert "Vizyon: izah olunmayıb" in found and "İstiqamət «Rəqəmsal infrastruktur»: izah olunmayıb" in found, found
    # The elements' quoted source words (a document's own English) appear only in the details of a clicked node;
    # everything shown here is the page's or the files' Azerbaijani texts.
    shown = _shown(page, "#structure-page")
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    screenshot("structure-az", full_page=False)

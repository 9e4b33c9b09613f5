"""The analysis pages in Azerbaijani: Compare, What-if & targets, Robustness (its background job's progress and status
lines included) and the statistical audit, with the account bar under the navbar. Each page is opened with
``?lang=az`` and a realistic query, driven through its main interaction, and fails on any English text of the
catalogue left visible — in its text, its tables, and its charts' titles, axes, legends and hover texts."""

from __future__ import annotations

import pytest

from tests.browser.conftest import choose, wait_for_dash
from tests.browser.test_language import _page_text, _visible_english

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: The names and hover texts of every chart under ``root`` (what a reader sees on hovering, and the legends).
_CHART_WORDS = ("(root) => [...document.querySelectorAll(root + ' .js-plotly-plot')].flatMap(gd => (gd.data || [])"
                ".flatMap(d => [d.name || '', d.hovertemplate || '', ...(Array.isArray(d.text) ? d.text : [])]))"
                ".join('\\n')")


def _shown(page, root: str, drop: tuple[str, ...] = ()) -> str:
    """Everything a reader may see under ``root``: its text, the charts' SVG texts, their legends and hovers."""
    return _page_text(page, root, drop) + "\n" + page.evaluate(_CHART_WORDS, root)


def _no_english(text: str) -> None:
    assert _visible_english(text) == [], "; ".join(_visible_english(text))


def _account_bar_in_azerbaijani(page) -> None:
    page.wait_for_function("document.querySelector('#account-bar').innerText.includes('qonaq')")
    bar = page.locator("#account-bar").inner_text()
    assert "Siz qonaq kimi baxırsınız" in bar and "daxil olun" in bar, bar
    _no_english(bar)


def test_compare_in_azerbaijani(goto, page, screenshot):
    goto("/compare?country=AZE&compare=EST,SGP&edition=2024&lang=az")
    page.wait_for_function("document.querySelector('#compare-page h1').innerText === 'Müqayisə'")
    page.wait_for_selector("#compare-table .ag-row")
    page.wait_for_selector("#compare-waterfall .main-svg")
    page.wait_for_selector("#compare-gtmi-rows")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#compare-waterfall .gtitle')?.textContent.includes('fərq')")
    assert page.locator("#compare-waterfall .gtitle").text_content() == "EGDI 2024: AZE → EST (fərq +0,21201)"
    body = page.locator("#compare-page").inner_text()
    for text in ("Müqayisə olunan ölkələr", "BMT Sorğusunun nəşri", "Fərqin komponentlərə ayrılması",
                 "Fərqlər cədvəli", "GovTech Yetkinlik İndeksi (Dünya Bankı)", "OSI fərqi ÷ 3", "Cədvəli endirin",
                 "Nazirlik hesabatını endirin"):
        assert text in body, text
    grid = page.locator("#compare-table").inner_text()
    assert "Sinqapur" in grid and "Estoniya" in grid and "+0,20839" in grid and "0,97274" in grid, grid
    assert "0,769" in page.locator("#compare-gtmi-rows").inner_text()  # the GTMI table's numbers
    shown = _shown(page, "#compare-page")
    assert "müqayisə olunan öndədir" in shown and "yer (1 = ən yaxşı)" in shown  # a legend and an axis
    assert "0,8" in shown and "0.8" not in shown  # the axes' numbers with the decimal comma
    _no_english(shown)
    _account_bar_in_azerbaijani(page)
    screenshot("compare-az", full_page=True)
    # another comparator: the frontier, in words of the page
    choose(page, "compare-against", "Sərhəd")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#compare-waterfall .gtitle')?.textContent"
                           " === 'EGDI 2024: AZE → sərhəd (fərq +0,23927)'")
    _no_english(_shown(page, "#compare-page"))


def test_whatif_in_azerbaijani(goto, page, screenshot):
    goto("/whatif?country=AZE&edition=2024&osi=0.85&lang=az")
    page.wait_for_function("document.querySelector('#whatif-page h1').innerText === 'Ssenarilər və hədəflər'")
    page.wait_for_function("document.querySelector('#whatif-rank')?.innerText.includes('65')")
    page.wait_for_selector("#whatif-bars .main-svg")
    wait_for_dash(page)
    body = page.locator("#whatif-page").inner_text()
    for text in ("Onlayn Xidmət İndeksi (OSI)", "Komponentləri dəyişin", "Dərc olunmuş dəyərlərə qaytar",
                 "193 ölkə arasında", "Çox yüksək", "0,76073", "K yerinə çatmaq"):
        assert text in body, text
    assert "0,85" in page.locator("#whatif-osi").inner_text()  # the slider's tooltip, with the decimal comma
    page.locator("#whatif-target-run").click()
    page.wait_for_selector("#whatif-target-summary")
    wait_for_dash(page)
    summary = page.locator("#whatif-target-summary").inner_text()
    assert summary.startswith("Hədəf (2024): 50-ci yer."), summary
    single = page.locator("#whatif-target-single").inner_text()
    assert "0,97721" in single and "çatmaq mümkündür" in single and "xeyr (hətta 1,0-da da)" in single, single
    shown = _shown(page, "#whatif-page")
    assert "dərc olunmuş" in shown and "ssenari" in shown  # the chart's legend
    _no_english(shown)
    # the next group: Azerbaijan is in the top one already, so the page says so and takes the next rating class
    choose(page, "whatif-target-kind", "Növbəti qrupa")
    page.locator("#whatif-target-run").click()
    page.wait_for_selector("#whatif-target-note")
    wait_for_dash(page)
    assert "ən yuxarı qrup olan “Çox yüksək” qrupundadır" in page.locator("#whatif-target-note").inner_text()
    assert "reytinq sinfi" in page.locator("#whatif-target-summary").inner_text()
    _no_english(_shown(page, "#whatif-page"))
    _account_bar_in_azerbaijani(page)
    screenshot("whatif-az", full_page=True)


def test_robustness_in_azerbaijani_with_its_job(goto, page, screenshot):
    goto("/robustness?country=AZE&compare=EST,SGP&edition=2024&n=1000&range=0.25&lang=az")
    page.wait_for_function("document.querySelector('#robustness-page h1').innerText === 'Dayanıqlıq'")
    body = page.locator("#robustness-page").inner_text()
    for text in ("Təkrarlar", "Çəkilərin dəyişmə həddi", "Təhlili başlat", "Ləğv et", "Həmçinin vurğulanacaq",
                 "Yerlərə nə təsir edir (Sobol indeksləri)"):
        assert text in body, text
    assert page.locator("#robustness-n").inner_text().strip().startswith("1.000")
    _no_english(_shown(page, "#robustness-page"))
    page.locator("#robustness-run").click()
    # the job's progress and status lines, as long as it runs: each in Azerbaijani
    seen = set()
    for _ in range(240):
        seen.add(page.locator("#robustness-job-status").inner_text().strip())
        seen.add(page.locator("#robustness-progress").inner_text().strip())
        if page.locator("#robustness-result").count():
            break
        page.wait_for_timeout(250)
    page.wait_for_selector("#robustness-result", timeout=60000)
    wait_for_dash(page)
    seen.discard("")
    assert seen, "no progress line was seen"
    for line in seen:
        _no_english(line)
    result = page.locator("#robustness-result").inner_text()
    assert "1.000 təkrar" in result and "çəkilər ±25%" in result and "Yerləri ən çox dəyişən fərziyyə" in result
    assert page.locator("#robustness-intervals .gtitle").text_content() == "EGDI 2024: 1.000 təkrar"
    table = page.locator("#robustness-table").inner_text()
    assert "Azərbaycan" in table and "median" in table and "yer" in table
    shown = _shown(page, "#robustness-page")
    assert "digər ölkələr" in shown and "nəticənin dispersiyasındakı pay" in shown and "median yer" in shown
    _no_english(shown)
    _account_bar_in_azerbaijani(page)
    screenshot("robustness-az", full_page=True)


def test_the_statistical_audit_in_azerbaijani(goto, page, screenshot):
    goto("/audit?framework=un_egdi&year=2024&lang=az")
    page.wait_for_function("document.querySelector('#audit-page h1').innerText === 'Statistik audit'")
    page.wait_for_selector("#audit-summary")
    page.wait_for_selector("#audit-table .ag-row")
    page.wait_for_selector("#audit-heatmap .heatmaplayer")
    wait_for_dash(page)
    assert page.locator("#audit-alpha").inner_text().startswith("0,")
    assert "2024" in page.locator("#audit-year").inner_text()
    table = page.locator("#audit-table").inner_text()
    assert "Elektron Hökumətin İnkişafı İndeksi" in table and "Kronbax alfası" in table, table
    assert "0," in table and "0." not in table, table
    shown = _shown(page, "#audit-page")
    assert "komponentlər arasında korrelyasiyalar" in shown and "yük" in shown
    _no_english(shown)
    # the GTMI: its own editions, the same language
    page.locator("#audit-framework label", has_text="GTMI").click()
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#audit-summary').innerText.startsWith('GTMI ')")
    assert "lang=az" in page.url and "framework=gtmi" in page.url
    assert page.locator("#audit-year").inner_text().strip() == "sonuncu"  # 2024 is no GTMI edition: the latest
    assert "aqreqat" in page.locator("#audit-table").inner_text()
    _no_english(_shown(page, "#audit-page"))
    _account_bar_in_azerbaijani(page)
    screenshot("audit-az", full_page=True)


def test_unknown_values_in_the_link_are_said_in_azerbaijani(goto, page):
    goto("/compare?country=AZE&compare=EST,XXX&against=mars&edition=1999&lang=az")
    text = page.locator("#compare-page").inner_text()
    assert "Naməlum ölkə kodu 'XXX' müqayisədən çıxarıldı." in text
    assert "1999 nəşri yoxdur. 2024 göstərilir" in text and "Naməlum müqayisə obyekti 'mars'" in text
    goto("/robustness?n=7&range=abc&job=nope&lang=az")
    text = page.locator("#robustness-page").inner_text()
    assert "Təkrar sayı '7' təklif olunmur; 5.000 göstərilir (seçin: 1.000, 5.000, 10.000, 20.000)." in text
    assert "Çəki diapazonu 'abc' təklif olunmur; ±50% göstərilir" in text
    goto("/whatif?country=AZE&osi=2&target=x&k=0&lang=az")
    text = page.locator("#whatif-page").inner_text()
    assert "OSI '2' 0-dan 1-ə qədər ədəd deyil." in text and "Naməlum hədəf 'x'" in text
    for url, root in (("/compare?compare=XXX&lang=az", "#compare-page"), ("/whatif?k=0&lang=az", "#whatif-page"),
                      ("/audit?framework=nope&year=1999&lang=az", "#audit-page")):
        goto(url)
        _no_english(page.locator(root).inner_text())


def test_the_account_bar_of_a_signed_in_analyst_in_azerbaijani(app_db, page, base_url):
    from assess.strategy import users
    from service.auth import hash_password

    if users.get_user("aynur", db=app_db) is None:
        users.add_user("aynur", "analyst", password_hash=hash_password("a long test passphrase"), db=app_db,
                       user="test")
    try:
        page.goto(base_url + "/login")
        page.fill("#login-name", "aynur")
        page.fill("#login-password", "a long test passphrase")
        page.click("#login-submit")
        wait_for_dash(page)
        page.goto(base_url + "/audit?lang=az")
        wait_for_dash(page)
        page.wait_for_function("document.querySelector('#account-bar').innerText.includes('Daxil olmusunuz')")
        bar = page.locator("#account-bar").inner_text()
        assert "Daxil olmusunuz: aynur (analitik: qiymətləndirmələri saxlayır)" in bar and "Çıxış" in bar, bar
        _no_english(bar)
        # back to English through the switch: the bar follows
        page.click("#lang-switch >> text=English")
        page.wait_for_function("document.querySelector('#account-bar').innerText.includes('Signed in as aynur')")
        assert "Sign out" in page.locator("#account-bar").inner_text()
    finally:
        page.goto("about:blank")  # no callback still in flight can set the session cookie again (shared context)
        page.context.clear_cookies()

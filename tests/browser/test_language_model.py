"""The Model page in Azerbaijani (issue 16): the paper's proposal, today's model as of a year, and "What came true",
with the nodes named by the models' own Azerbaijani names and no English text of the catalogue left visible."""

from __future__ import annotations

import pytest

from tests.browser.conftest import choose, wait_for_dash
from tests.browser.test_language import _visible_english

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: Not texts of the page's own: the notes of framework files that no translation covers (the reference models', marked
#: lang="en" on the page), citations (titles and excerpts as published, in English, Azerbaijani or
#: Russian; the details' source list repeats them), the realisation grid's evidence column (the same citations) and
#: the GTMI's official English questions.
NOT_TEXTS = ("[lang=en]", "#model-details-citations", "#model-details-realisation-evidence", "#model-details-sources",
             "#model-gtmi-key", ".ag-cell[col-id=evidence_text]")

#: Labels of the drawn nodes (drawn on a canvas: read from cytoscape, not from the page's text).
NODE_LABELS = """(graph) => {
    const root = document.getElementById(graph);
    const el = [root, ...root.querySelectorAll('div')].find(d => d._cyreg && d._cyreg.cy);
    return el ? Object.fromEntries(el._cyreg.cy.nodes().map(n => [n.id(), n.data('label')])) : null;
}"""


def _shown(page) -> str:
    """The model page's visible text and its charts' texts, without :data:`NOT_TEXTS`."""
    return page.evaluate("(drop) => { const p = document.querySelector('#model-page').cloneNode(true);"
                         " drop.forEach(s => p.querySelectorAll(s).forEach(e => e.remove()));"
                         " const svg = [...document.querySelectorAll('#model-page svg text')].map(e => e.textContent);"
                         " return p.innerText + '\\n' + svg.join('\\n'); }", list(NOT_TEXTS))


def _labels(page, graph: str = "model-graph") -> dict:
    page.wait_for_function(f"({NODE_LABELS})('{graph}') !== null")
    return page.evaluate(NODE_LABELS, graph)


def _pick(page, name: str, expected: str) -> None:
    """Open a node's details through “Düyünə keçid” (the keyboard's way to every node)."""
    choose(page, "model-node-pick", name)
    wait_for_dash(page)
    page.wait_for_function("(t) => document.querySelector('#model-details-name')?.innerText === t", arg=expected)


def test_the_proposal_in_azerbaijani(goto, page, screenshot):
    goto("/model?lang=az")
    page.wait_for_function("document.querySelector('#model-page h1').innerText === 'Texniki və təşkilati model'")
    labels = _labels(page)
    assert labels["egov_gateway"] == "e-hökumət qapısı"  # the paper's own terms
    assert labels["management_system"] == "əlaqəli idarəetmə sistemi"
    assert labels["ict_ministry"] == "Rabitə və İnformasiya Texnologiyaları Nazirliyi"
    assert labels["un_egdi.osi"] == "Onlayn Xidmət İndeksi"
    body = page.locator("#model-page").inner_text()
    for text in ("Azərbaycan: məqalədə təklif olunan elektron hökumət modeli", "Rəngləmə", "Düyünün növü",
                 "Nə həyata keçdi", "Nazirlik", "Şura", "Təminedici", "tabedir", "Yoxlamalar",
                 "Tabeçiliyin başı: İnformasiya Texnologiyaları Ali Şurası", "Dərc olunmuş sübutlarla müqayisədə",
                 "sübutlarla müqayisə edilmir", "Dünya Bankının GTMI-si", "A: GovTech liderləri", "Modeli yükləyin"):
        assert text in body, text
    assert "0,769" in body  # Azerbaijan's GTMI 2025 with the decimal comma
    _pick(page, "Ali Şura", "İnformasiya Texnologiyaları Ali Şurası")
    details = page.locator("#model-details").inner_text()
    for text in ("Şura", "əsas: məqalə", "məqalədə deyilir (sitat)", "Nə həyata keçdi (2026-cı il üzrə): həyata keçib",
                 "Azərbaycan Respublikasının Rəqəmsal İnkişaf Şurası", "Səlahiyyətlər", "Əlaqələr", "tabedir",
                 "Təklif olunan təşkilatın ali orqanı", "Məqalə Ali Şuranın adını yalnız Şəkil 3-də çəkir"):
        assert text in details, text
    shown = _shown(page)
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    page.evaluate("window.scrollTo(0, 0)")
    screenshot("model-proposal-az", full_page=False)


def test_todays_model_as_of_2020_in_azerbaijani(goto, page, screenshot):
    goto("/model?model=azerbaijan_today&asof=2020&reference=singapore&colour=gap&lang=az")
    page.wait_for_function("document.querySelector('#model-meta')?.innerText.includes('2020-ci il üzrə göstərilir')")
    labels = _labels(page)
    assert labels["mtcht"] == "Nəqliyyat, Rabitə və Yüksək Texnologiyalar Nazirliyi"
    assert labels["asan_service_centres"] == "“ASAN xidmət” mərkəzləri"
    assert "ict_ministry" not in labels  # the Ministry of Digital Development and Transport came in 2021
    assert any(k.startswith("ref:") and "(Sinqapur)" in v for k, v in labels.items())  # the reference's lacking parts
    page.wait_for_selector("#model-gap-table")
    body = page.locator("#model-page").inner_text()
    for text in ("Azərbaycan: elektron hökumət və rəqəmsal inkişaf, 2003-2026", "Sinqapur", "mövcud vəziyyət",
                 "İmkan yalnız bu modeldədir", "İstinad modelində var, burada çatışmır", "Qırıq xətli qırmızı qutular",
                 "Bu modeldə istinad modeli ilə müqayisədə nə çatışmır", "Biznes üçün portal və ya xidmətlər paketi",
                 "Azərbaycan (AZE) üzrə sübutlarla", "uyğunsuzluq", "sübutlara görə ölkədə var", "Tabeçiliyin başı"):
        assert text in body, text
    _pick(page, "İnnovasiya və Rəqəmsal", "İnnovasiya və Rəqəmsal İnkişaf Agentliyi (İRİA)")
    details = page.locator("#model-details").inner_text()
    for text in ("Agentlik", "əsas: mənbə", "İstinadlar", "Tarixlər: başlanma tarixi 2021-10-11",
                 "Təklifdən reallaşdırdığı", "Hazırlıq: ", "Ölkə üzrə rəqəmsal transformasiyanı təşkil etmək"):
        assert text in details, text
    shown = _shown(page)
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    page.evaluate("window.scrollTo(0, 0)")
    screenshot("model-today-az", full_page=False)


def test_what_came_true_in_azerbaijani(goto, page, screenshot):
    goto("/model?colour=realisation&lang=az")
    page.wait_for_selector("#model-timeline .main-svg")
    page.locator("#model-realisation-grid").scroll_into_view_if_needed()  # AG Grid draws rows once in view
    page.wait_for_selector("#model-realisation-grid .ag-row")
    wait_for_dash(page)
    counts = page.locator("#model-realisation-counts").inner_text()
    assert "2026-cı il üzrə" in counts and "həyata keçib" in counts and "qismən" in counts
    legend = page.locator("#model-legend").inner_text()
    assert "əvəzlənib" in legend and "komponent deyil" in legend
    grid = page.locator("#model-realisation-grid").inner_text()
    for text in ("Təklifin elementi", "Reallaşdıran (bu gün)", "İnformasiya Texnologiyaları Ali Şurası",
                 "Azərbaycan Respublikasının Rəqəmsal İnkişaf Şurası", "həyata keçib", "başqa yerdə yerləşir"):
        assert text in grid, text
    chart = " ".join(page.locator("#model-timeline svg text").all_text_contents())
    assert "həyata keçib" in chart and "e-hökumət qapısı" in chart
    shown = _shown(page)
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))
    screenshot("model-realisation-az")  # the whole page: the legend, the 2013 → 2026 grid and the table
    # the same as of 2020: the year chosen in the dropdown, the language kept
    choose(page, "model-asof", "2020")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#model-realisation-counts')?.innerText.includes('2020-ci il üzrə')")
    assert "lang=az" in page.url and "asof=2020" in page.url
    shown = _shown(page)
    assert _visible_english(shown) == [], "; ".join(_visible_english(shown))

"""Model page in the browser: switch model, click a node, checks panel, GraphML download."""

from __future__ import annotations

import pytest

from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Rendered position of a node inside a dash-cytoscape graph (cytoscape keeps its instance on the container).
NODE_POSITION = """([graph, node]) => {
    const root = document.getElementById(graph);
    const el = [root, ...root.querySelectorAll('div')].find(d => d._cyreg && d._cyreg.cy);
    const cy = el._cyreg.cy; const n = cy.getElementById(node);
    if (n.empty()) return null;
    cy.center(n);  // a node outside the visible part of a large graph is brought into view first
    el.scrollIntoView({block: 'center', behavior: 'instant'});
    const box = el.getBoundingClientRect(); const p = n.renderedPosition();
    return {x: box.left + p.x, y: box.top + p.y};
}"""


def click_node(page, node: str, graph: str = "model-graph") -> None:
    page.wait_for_function("([g, n]) => { const r = document.getElementById(g); if (!r) return false;"
                           " const el = [r, ...r.querySelectorAll('div')].find(d => d._cyreg && d._cyreg.cy);"
                           " return !!el && el._cyreg.cy.getElementById(n).nonempty(); }", arg=[graph, node])
    page.wait_for_timeout(300)  # let the preset layout fit the viewport
    pos = page.evaluate(NODE_POSITION, [graph, node])
    if not 0 < pos["y"] < page.viewport_size["height"]:  # a tall canvas: bring the node into the window first
        page.evaluate("(dy) => window.scrollBy(0, dy)", pos["y"] - page.viewport_size["height"] / 2)
        page.wait_for_timeout(100)
        pos = page.evaluate(NODE_POSITION, [graph, node])
    page.mouse.click(pos["x"], pos["y"])
    wait_for_dash(page)


def click_wait(page, node: str, condition: str, graph: str = "model-graph") -> None:
    """Click a node until the JavaScript *condition* holds: a late re-render of the graph on a busy machine resets
    the details panel, so the click is repeated (at most three times)."""
    for attempt in range(3):
        click_node(page, node, graph=graph)
        try:
            page.wait_for_function(condition, timeout=6000)
            return
        except Exception:
            if attempt == 2:
                raise


def test_proposal_root_and_checks(goto, page, screenshot):
    goto("/model")
    assert "Information Technologies Supreme Council" in page.locator("#model-checks").inner_text()
    spof = page.locator("#model-spof").inner_text()
    assert "Ministry of Communications and Information Technologies" in spof
    assert "E-government gateway" in spof
    assert "Every structural rule passes" in page.locator("#model-check-issues").inner_text()
    click_until(page, "it_supreme_council", "#model-details-name")
    assert page.locator("#model-details-name").inner_text() == "Information Technologies Supreme Council"
    screenshot("model-proposal")


def test_switch_to_singapore_and_click_a_node(goto, page, screenshot):
    goto("/model")
    choose(page, "model-model", "Singapore")
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('model=singapore')")
    assert "Prime Minister" in page.locator("#model-checks").inner_text()
    click_until(page, "singpass", "#model-details-sources", name="Singpass (National Digital Identity)")
    sources = page.locator("#model-details-sources").inner_text()
    assert "http" in sources
    screenshot("model-singapore-singpass")
    # back button returns to the proposal
    page.go_back()
    wait_for_dash(page)
    page.wait_for_function("!location.search.includes('model=singapore')")


def test_gap_overlay_and_side_by_side(goto, page, screenshot):
    goto("/model?model=azerbaijan_today&reference=singapore&colour=gap&view=side")
    assert page.locator("#model-graph-ref canvas").count() > 0
    assert "In the reference, lacking here" in page.locator("#model-legend").inner_text()
    click_until(page, "myinfo", "#model-details-sources", graph="model-graph-ref", name="MyInfo")
    screenshot("model-side-by-side")


def test_unknown_model_is_friendly(goto, page):
    goto("/model?model=atlantis")
    assert "Unknown model 'atlantis'" in page.locator("#model-problem").inner_text()
    # the URL's value reaches the dropdown, which drops a value it does not offer: the page settles on the prompt
    page.wait_for_function("document.querySelector('#model-graphs').innerText.includes('Choose a model')")
    choose(page, "model-model", "Estonia")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#model-checks').innerText.includes('Reporting root')")


def test_graphml_download(goto, page, tmp_path):
    goto("/model")
    with page.expect_download() as info:
        page.click("#model-download-graphml")
    download = info.value
    assert download.suggested_filename == "azerbaijan_proposal.graphml"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert "<graphml" in text and "it_supreme_council" in text


def test_show_switches_follow_the_url_and_back_restores_defaults(goto, page):
    goto("/model")
    choose(page, "model-model", "Singapore")
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('model=singapore')")
    # switch the timeline on: the URL says so (lower case, as typed)
    page.locator("#model-show label", has_text="Timeline and laws").click()
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('timeline')")
    assert "show=org,tech,indicators,timeline" in page.url
    page.go_back()  # the URL without the timeline: the switch follows
    page.wait_for_function("!location.search.includes('timeline')")
    wait_for_dash(page)
    page.wait_for_function("!document.querySelector('#model-show input[value=timeline]').checked")
    page.go_back()  # /model: no key at all → the default model (the proposal) and the default groups
    page.wait_for_function("!location.search.includes('model=')")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#model-checks').innerText.includes('Information Technologies Supreme Council')")
    assert page.locator("#model-model").inner_text().startswith("Azerbaijan")


def test_colour_by_readiness_and_details(goto, page, screenshot):
    goto("/model")
    page.locator("#model-colour label", has_text="Readiness").click()
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('colour=readiness')")
    assert "no linked indicator" in page.locator("#model-legend").inner_text()
    click_until(page, "egov_gateway", "#model-details-readiness-value", name="E-government gateway")
    # readiness of the gateway: mean of the indices part (GTMI PSDI 2022 0.935367, OSI 2024 0.73863: 0.837) and the
    # evidence part (single portal, online information and transactions present in GTMI 2022: 1.0)
    assert page.locator("#model-details-readiness-value").inner_text() == "0.918"
    text = page.locator("#model-details-readiness").inner_text()
    assert "gtmi.psdi: 2022; un_egdi.osi: 2024; evidence: wb_gtmi_indicators 2022" in text
    assert page.locator("#model-details-gap").inner_text() == "+0.079"
    # a 2013 proposal coloured with today's data says so, with the indicator years
    assert "Today's readiness for the proposed component" in text
    caveat = page.locator("#model-readiness-caveat").inner_text()
    assert "proposal (2013) coloured with today's data" in caveat and "gtmi.psdi 2022" in caveat
    screenshot("model-readiness")


def test_what_came_true_colours_the_proposal_and_follows_the_year(goto, page, screenshot):
    """Issue 12: the proposal coloured by realisation, the 2013 → 2026 timeline, the table, and the same as of 2020."""
    goto("/model?colour=realisation")
    legend = page.locator("#model-legend").inner_text()
    assert all(s in legend for s in ("realised", "partly", "not", "superseded", "unknown"))
    counts = page.locator("#model-realisation-counts").inner_text()
    assert "As of 2026" in counts and "realised 24" in counts and "superseded 3" in counts
    assert "agrees with the analyst's judgement for 37 of 45" in counts
    page.wait_for_selector("#model-timeline .main-svg")
    page.locator("#model-realisation-grid").scroll_into_view_if_needed()  # AG Grid draws rows once in view
    page.wait_for_selector("#model-realisation-grid .ag-row")
    assert "Digital Development Council" in page.locator("#model-realisation-grid").inner_text()
    click_wait(page, "it_supreme_council", "document.querySelector('#model-details-status-value')?.innerText === 'realised'")
    details = page.locator("#model-details").inner_text()
    assert "since 2026-02-27" in details and "Digital Development Council of the Republic of Azerbaijan" in details
    assert "Trend" in page.locator("#model-details-realisation-evidence").inner_text()
    assert "İnformasiya Texnologiyaları Ali Şurası" in page.locator("#model-details-quote").inner_text()
    screenshot("model-what-came-true-2026")
    # the same proposal as of 2020: the Supreme Council was not realised yet; the URL keeps the year
    choose(page, "model-asof", "2020")
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('asof=2020')")
    page.wait_for_function("document.querySelector('#model-realisation-counts')?.innerText.includes('As of 2020')")
    click_wait(page, "it_supreme_council", "document.querySelector('#model-details-status-value')?.innerText === 'not'")
    assert "not yet" in page.locator("#model-details").inner_text()
    screenshot("model-what-came-true-2020")


def test_basis_is_counted_and_shown_in_the_details(goto, page):
    goto("/model")
    basis = page.locator("#model-basis").inner_text()
    assert "nodes 73 paper · 0 source · 1 inferred" in basis and "relations 59 paper · 1 source · 28 inferred" in basis
    assert "inferred by the analyst" in page.locator("#model-legend-basis").inner_text()
    click_wait(page, "ecitizen_registration", "document.querySelector('#model-details-basis')?.innerText === 'inferred'")
    assert "E-vətəndaş sisteminin təyin olunması" in page.locator("#model-details-reason").inner_text()
    click_wait(page, "gd_information_law", "document.querySelector('#model-details-basis')?.innerText === 'paper'")
    assert "İnformasiya Hüququnun təmin olunması üzrə ümumi müdirlik" in page.locator("#model-details-quote").inner_text()
    assert page.locator("#model-details-status-value").inner_text() == "not"


def test_todays_model_as_of_2013_and_its_citations(goto, page, screenshot):
    goto("/model?model=azerbaijan_today&asof=2013")
    assert "shown as of 2013" in page.locator("#model-meta").inner_text()
    click_wait(page, "mcit", "document.querySelector('#model-details-name')?.innerText === "
                           "'Ministry of Communications and Information Technologies'")
    assert "since 2004-02-20" in page.locator("#model-details-dates").inner_text()
    assert "mincom.gov.az" in page.locator("#model-details-citations").inner_text()
    assert "Ministry of Communications and Information Technologies" in page.locator("#model-details-realised-by").inner_text()
    # the Digital Development Council (2026) is not drawn in 2013
    assert page.evaluate("""() => { const r = document.getElementById('model-graph');
        const el = [r, ...r.querySelectorAll('div')].find(d => d._cyreg && d._cyreg.cy);
        return el._cyreg.cy.getElementById('digital_development_council').nonempty(); }""") is False
    screenshot("model-today-2013")


# ------------------------------------------------------------------------------------------- issue 15 / 18 items
CY = """(graph) => { const root = document.getElementById(graph);
    const el = [root, ...root.querySelectorAll('div')].find(d => d._cyreg && d._cyreg.cy); return el._cyreg.cy; }"""
GHOSTS = "() => { const cy = (" + CY + ")('model-graph'); return cy.nodes().filter(n => n.id().startsWith('ref:')).map(n => n.id().slice(4)).sort(); }"
RED = "() => { const cy = (" + CY + ")('model-graph-ref'); return cy.nodes('.gap-missing').map(n => n.id()).sort(); }"


def click_until(page, node: str, selector: str, graph: str = "model-graph", name: str | None = None) -> None:
    """Click a node until *selector* shows (and the details name *name*): a late re-render of the graph, on a busy
    machine, resets the details panel, so the click is repeated (at most three times)."""
    for attempt in range(3):
        click_node(page, node, graph=graph)
        try:
            page.wait_for_selector(selector, timeout=6000)
            if name is not None:
                page.wait_for_function("(n) => document.querySelector('#model-details-name')?.innerText === n",
                                       arg=name, timeout=3000)
            return
        except Exception:
            if attempt == 2:
                raise


def settle(page) -> None:
    """Let late callbacks (the URL reaching the controls, the dropdowns normalising their values) finish."""
    wait_for_dash(page)
    page.wait_for_timeout(800)
    wait_for_dash(page)


def _cy_ready(page, graph="model-graph"):
    settle(page)
    page.wait_for_function("(g) => { const r = document.getElementById(g); return !!r && [r, ...r.querySelectorAll('div')]"
                           ".some(d => d._cyreg && d._cyreg.cy && d._cyreg.cy.nodes().length > 0); }", arg=graph)
    page.wait_for_timeout(300)


def test_any_economy_baseline_can_be_picked(goto, page, screenshot):
    goto("/model")
    choose(page, "model-model", "Georgia (GEO)")
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('model=baseline_geo')")
    _cy_ready(page)
    ids = page.evaluate("() => (" + CY + ")('model-graph').nodes().map(n => n.id())")
    assert "participation_platform" in ids and "government" in ids
    assert "Every structural rule passes" in page.locator("#model-check-issues").inner_text()
    click_until(page, "participation_platform", "#model-details-sources", name="Citizen participation platform")
    assert page.locator("#model-details-name").inner_text() == "Citizen participation platform"
    assert "I-30 = 1 for GEO (World Bank GTMI 2022)" in page.locator("#model-details-sources").inner_text()
    assert "e participation: present" in page.locator("#model-details-evidence").inner_text()
    screenshot("model-baseline-georgia")


def test_what_azerbaijan_lacks_against_singapore_one_list_in_both_views(goto, page, screenshot):
    goto("/model?model=azerbaijan_today&reference=singapore&colour=gap&view=overlay&show=org,tech,timeline")
    _cy_ready(page)
    overlay = page.evaluate(GHOSTS)
    note = page.locator("#model-gap-note").inner_text()
    assert "the 7 parts of Singapore" in note and len(overlay) == 7
    assert "5 capabilities of Singapore on 7 of its parts are lacking" in page.locator("#model-gap-count").inner_text()
    click_until(page, "ref:lifesg", "#model-details-lacking", name="LifeSG app")
    lacking = page.locator("#model-details-lacking").inner_text()
    assert "life event services" in lacking and "mobile services" in lacking and "single portal" not in lacking
    screenshot("model-gap-overlay")
    page.locator("#model-view label", has_text="Side by side").click()
    wait_for_dash(page)
    page.wait_for_function("location.search.includes('view=side')")
    _cy_ready(page, "model-graph-ref")
    assert page.evaluate(RED) == overlay
    assert "the 7 parts of Singapore" in page.locator("#model-gap-note").inner_text()
    click_until(page, "csa", "#model-details-lacking", graph="model-graph-ref", name="Cyber Security Agency of Singapore")
    assert "cybersecurity" in page.locator("#model-details-lacking").inner_text()
    screenshot("model-gap-side")


def test_side_by_side_text_legible_at_1400x1000(goto, page, screenshot):
    page.set_viewport_size({"width": 1400, "height": 1000})
    goto("/model?model=azerbaijan_proposal&reference=singapore&colour=gap&view=side")
    for graph in ("model-graph", "model-graph-ref"):
        _cy_ready(page, graph)
        size = page.evaluate("(g) => { const cy = (" + CY + ")(g);"
                             " return cy.zoom() * Math.min(...cy.nodes().map(n => parseFloat(n.style('font-size')))); }",
                             graph)
        assert size >= 11, (graph, size)
    # the two graphs use the page's width (the details panel below them)
    widths = page.evaluate("() => ['model-graph', 'model-graph-ref'].map(g => document.getElementById(g).getBoundingClientRect().width)")
    assert min(widths) > 550, widths
    screenshot("model-side-1400x1000", full_page=False)


def test_graph_reachable_by_keyboard(goto, page):
    goto("/model?model=azerbaijan_today&reference=singapore")
    settle(page)
    box = page.locator("#model-graph-box")
    assert box.get_attribute("tabindex") == "0" and "Go to a node" in box.get_attribute("aria-label")
    for attempt in range(3):  # keyboard only; repeated when a late re-render resets the details (busy machine)
        page.locator("#model-model").focus()
        for _ in range(40):  # Tab from the model picker, through the graph's box, to the node list
            page.keyboard.press("Tab")
            inside = page.evaluate("() => !!document.activeElement.closest('#model-node-pick')")
            if inside:
                break
        assert inside, "the node list is not reachable with Tab"
        page.keyboard.press("Enter")
        page.keyboard.type("LifeSG")
        page.wait_for_timeout(300)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        try:
            page.wait_for_function("document.querySelector('#model-details-name')?.innerText === 'LifeSG app'",
                                   timeout=6000)
            break
        except Exception:
            if attempt == 2:
                raise
    assert "Lacking in" in page.locator("#model-details").inner_text()


def _contrast(a, b):
    import re

    def lum(c):
        r, g, b_ = (int(x) / 255 for x in re.findall(r"\d+", c)[:3])
        f = lambda v: v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4  # noqa: E731
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b_)
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("colour", ["type", "gap", "readiness"])
def test_node_labels_meet_wcag_aa_contrast(goto, page, colour):
    goto(f"/model?model=azerbaijan_today&reference=singapore&colour={colour}&show=org,tech,timeline")
    _cy_ready(page)
    styles = page.evaluate("() => (" + CY + ")('model-graph').nodes().filter(n => !n.hasClass('ghost') && "
                           "n.style('text-valign') === 'center').map(n => [n.id(), n.style('background-color'), n.style('color')])")
    assert len(styles) > 20
    bad = [(i, bg, fg, round(_contrast(bg, fg), 2)) for i, bg, fg in styles if _contrast(bg, fg) < 4.5]
    assert bad == []


def test_model_image_downloads(goto, page, tmp_path):
    goto("/model?model=singapore")
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml")):
        with page.expect_download() as info:
            page.click(f"#model-image-{fmt}")
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        assert path.name == f"singapore.{fmt}" and path.read_bytes()[:len(magic)] == magic


def test_node_counts_identical_on_model_and_data_pages(goto, page):
    goto("/model")
    assert "74 nodes, 88 relations (11 to indicators)" in page.locator("#model-meta").inner_text()
    goto("/data?framework=azerbaijan_proposal")
    assert "74 nodes, 88 relations (11 to indicators)" in page.locator("#data-method").inner_text()

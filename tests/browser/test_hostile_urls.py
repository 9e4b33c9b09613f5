"""Every URL parameter of every page, hostile: unknown, empty, over-long and markup values (issue 15).

The pages and their parameters are read from the source (``pages/*.py``: the ``path`` of
``dash.register_page``, the arguments of ``layout`` and the keys of ``ui.register_url_sync``), so a page or a
parameter added later is covered without editing this file. For each page and each kind of value, every
parameter gets that value at once; the page must answer without an HTTP error on any request (no 500 from a
callback), show its heading and content (no blank page), run no script from the URL and log no console error.
Then each parameter alone gets an unknown value and the page must say so or fall back silently, never blank.
"""

from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.browser.conftest import wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"
#: The hostile values, by kind.
VALUES = {
    "unknown": "zz-unknown-9",
    "empty": "",
    "over-long": "x" * 3000,
    "markup": '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><b>bold</b>',
}


def page_parameters() -> dict[str, tuple[str, tuple[str, ...]]]:
    """``{module: (path, parameters)}`` of every page in ``pages/``, read from its source."""
    out = {}
    for file in sorted(PAGES_DIR.glob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        path, params = None, []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "register_page":
                for kw in node.keywords:
                    if kw.arg == "path" and isinstance(kw.value, ast.Constant):
                        path = kw.value.value
            if isinstance(node, ast.FunctionDef) and node.name == "layout":
                params += [a.arg for a in (*node.args.args, *node.args.kwonlyargs)]
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "register_url_sync":
                params += [kw.arg for kw in node.keywords if kw.arg not in (None, "defaults", "valid")]
        if path is not None:
            out[file.stem] = (path, tuple(dict.fromkeys(params)))
    return out


PAGES = page_parameters()


def test_every_page_and_parameter_is_found():
    assert {"home", "country", "compare", "whatif", "data", "model", "strategy", "robustness"} <= set(PAGES)
    assert {"index", "gtmi", "country", "edition"} <= set(PAGES["home"][1])
    assert {"osi", "hci", "tii", "target", "k"} <= set(PAGES["whatif"][1])
    assert {"model", "reference", "colour", "view", "show"} <= set(PAGES["model"][1])


def _open(page, base_url, url):
    failures = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url[:120]}") if r.status >= 400 else None)
    page.on("dialog", lambda d: (failures.append(f"dialog {d.message}"), d.dismiss()))
    page.goto(base_url + url)
    wait_for_dash(page, timeout=30000)
    page.wait_for_timeout(300)
    wait_for_dash(page, timeout=30000)
    return failures


@pytest.mark.parametrize("kind", list(VALUES))
@pytest.mark.parametrize("module", list(PAGES))
def test_hostile_values_in_every_parameter(page, base_url, module, kind):
    path, params = PAGES[module]
    url = path + "?" + urlencode({p: VALUES[kind] for p in params})
    failures = _open(page, base_url, url)
    assert not failures, f"{module} with {kind} values: {failures}"
    content = page.locator("#_pages_content")
    assert content.locator("h1").first.is_visible(), f"{module} with {kind} values: no heading (blank page)"
    assert len(content.inner_text().strip()) > 100, f"{module} with {kind} values: a blank page"
    assert "Traceback" not in page.content()
    assert page.evaluate("() => window.__pwned === undefined"), "a script from the URL ran"
    assert content.locator("b", has_text="bold").count() == 0, "markup from the URL was rendered as HTML"
    # a page that falls back says so in words (or falls back silently): never a raw "Something went wrong"
    assert "Something went wrong" not in content.inner_text()


@pytest.mark.parametrize("module", list(PAGES))
def test_each_parameter_alone_falls_back(page, base_url, module):
    path, params = PAGES[module]
    for p in params:
        failures = _open(page, base_url, path + "?" + urlencode({p: VALUES["unknown"]}))
        assert not failures, f"{module}?{p}=unknown: {failures}"
        assert page.locator("#_pages_content h1").first.is_visible(), f"{module}?{p}=unknown: blank page"


@pytest.mark.parametrize("url, control, shown", [
    ("/?index=foo", "#home-index", "EGDI: E-Government Development Index"),
    ("/?country=<b>x</b>", "#home-country", "Azerbaijan (AZE)"),
    ("/country?country=" + "x" * 3000, "#country-country", "Azerbaijan (AZE)"),
    ("/compare?against=mars", "#compare-against", "Singapore (SGP)"),
    ("/whatif?target=<i>x</i>", "#whatif-target-kind", "Reach rank K"),
])
def test_a_fallen_back_control_shows_what_the_alert_says(goto, page, url, control, shown):
    # issue 15: /?index=foo promised "Showing the EGDI" and then blanked the dropdown
    goto(url)
    page.wait_for_timeout(500)
    wait_for_dash(page)
    assert page.locator("#_pages_content .alert-warning").count() >= 1
    page.wait_for_function(f"() => document.querySelector('{control}').innerText.includes({shown!r})")

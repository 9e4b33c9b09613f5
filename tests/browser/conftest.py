"""Shared fixtures for every browser test (headless Chromium via Playwright, Debian's /usr/bin/chromium).

The API below is used by all ``tests/browser/test_*.py`` files; it is kept stable.

Fixtures
--------
``app_server`` (session)
    Starts ``app.py`` in a subprocess on a free 127.0.0.1 port (``debug`` off) and waits until it
    answers; yields its base URL (``"http://127.0.0.1:PORT"``). The background-callback cache goes
    to a temporary folder.
``base_url`` (session)
    Same string as ``app_server``.
``app_db`` (session)
    The server's SQLite store (a temporary file): tests add accounts to it with :mod:`assess.strategy.users`.
``browser`` (session)
    One Chromium for the whole session (``executable_path="/usr/bin/chromium"``, ``--no-sandbox`` …).
``browser_context`` (session)
    One context (1440×900, the size of a laptop; downloads accepted) shared by the session's pages.
``page`` (function)
    A fresh page in that context. It records console errors, page
    errors (uncaught exceptions) and every request that leaves 127.0.0.1; the test **fails** at
    teardown if there was any. ``page.console_errors`` and ``page.external_requests`` are lists you
    may inspect; a test that expects a console error can clear ``page.console_errors``.
``screenshot`` (function)
    ``screenshot(name, page=None, full_page=True) -> Path``: saves ``screenshots/<name>.png``
    (gitignored) of the ``page`` fixture (or the page given) and returns the path.
``goto`` (function)
    ``goto(path_and_query) -> Page``: opens ``base_url + path`` on the ``page`` fixture and waits
    until Dash has rendered the page and no callback is pending (:func:`wait_for_dash`).

Helpers (import with ``from tests.browser.conftest import wait_for_dash`` or use the fixtures)
-------
``wait_for_dash(page, timeout=15000)``
    Waits for ``#_pages_content`` to have children and for Dash to have no callback in flight.
``choose(page, dropdown_id, text)``
    Opens the ``dcc.Dropdown`` with id *dropdown_id*, searches *text* and clicks the first match.

Every test in this folder must be marked ``@pytest.mark.browser`` and
``@pytest.mark.xdist_group("browser")`` (or use ``pytestmark = [...]``) so the suite runs in one
worker with ``pytest -n 2 --dist loadgroup``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1440, "height": 900}

_FUNCTION = re.compile(r"^\s*(async\s+)?(function\b|\([^)]*\)\s*=>|[\w$]+\s*=>)")
_wait_for_function = Page.wait_for_function


def _csp_safe_wait_for_function(self, expression, *args, **kwargs):
    """``Page.wait_for_function`` with an expression string sent as an arrow function.

    The app's Content-Security-Policy forbids eval (no ``'unsafe-eval'``); Playwright polls an
    *expression* string with eval, which the page refuses, while a function is compiled through the
    browser's debugger protocol. The CSP stays on in every browser test: a violation is a console error.
    """
    if isinstance(expression, str) and not _FUNCTION.match(expression):
        expression = f"() => ({expression})"
    return _wait_for_function(self, expression, *args, **kwargs)


Page.wait_for_function = _csp_safe_wait_for_function

#: The store of the session's server (``app_db`` fixture): tests add accounts to it.
APP_DB: Path | None = None

# Console messages that are not errors of the app (none known today; keep the list short and explained).
IGNORED_CONSOLE = ()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout: float = 60, log_path: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = log_path.read_text(errors="replace") if log_path else ""
            raise RuntimeError(f"the dashboard exited with {proc.returncode} before serving:\n{out[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the dashboard did not answer on {url} within {timeout} s")


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """Base URL of the dashboard, served by ``app.py`` in a subprocess for the whole session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is not installed: run `make test` (it installs chromium) or apt-get install chromium")
    port = _free_port()
    cache = tmp_path_factory.mktemp("dash-cache")
    global APP_DB
    APP_DB = tmp_path_factory.mktemp("db") / "assessments.sqlite3"
    env = {**os.environ, "PORT": str(port), "EGOV_ASSESS_DASH_CACHE": str(cache), "PYTHONUNBUFFERED": "1",
           "EGOV_ASSESS_LANG": "en",  # English unless the URL asks (whatever the machine's locale)
           # saved assessments, accounts and the session key go to temporary folders, never the repository's
           "EGOV_ASSESS_DB": str(APP_DB), "EGOV_ASSESS_VAR": str(tmp_path_factory.mktemp("var"))}
    for name in ("DASH_DEBUG", "DATABASE_URL", "REDIS_URL", "EGOV_ASSESS_AUTH"):
        env.pop(name, None)
    # The server's request log goes to a file: an unread pipe fills up (64 KiB) and then blocks the
    # server on its next log line, which hangs every later page load.
    log_path = tmp_path_factory.mktemp("dash-log") / "app.log"
    log = open(log_path, "wb")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_http(url + "/", proc, log_path=log_path)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def base_url(app_server) -> str:
    return app_server


@pytest.fixture(scope="session")
def app_db(app_server) -> Path:
    """The SQLite store of the session's server (saved assessments and accounts)."""
    return APP_DB


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is not installed: run `make test` (it installs chromium) or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def browser_context(browser, base_url):
    """One context for the session, so Dash's and Plotly's scripts are fetched once (HTTP cache)."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A fresh page; fails the test on console errors, page errors or requests leaving 127.0.0.1."""
    pg = browser_context.new_page()
    pg.set_default_timeout(15000)
    pg.console_errors = []
    pg.external_requests = []

    def on_console(msg):
        if msg.type == "error" and not any(s in msg.text for s in IGNORED_CONSOLE):
            pg.console_errors.append(msg.text)

    def on_request(req):
        url = req.url
        if not (url.startswith("http://127.0.0.1") or url.startswith("data:") or url.startswith("blob:")
                or url.startswith("about:")):
            pg.external_requests.append(url)

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: pg.console_errors.append(f"uncaught: {exc}"))
    pg.on("request", on_request)
    # anything that would leave the machine is aborted (and recorded above)
    pg.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
             else route.abort())
    yield pg
    errors, external = list(pg.console_errors), list(pg.external_requests)
    pg.close()
    assert not errors, f"browser console errors: {errors}"
    assert not external, f"requests left 127.0.0.1: {external}"


@pytest.fixture
def screenshot(page):
    """``screenshot(name, page=None, full_page=True)`` → ``screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name: str, pg=None, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        (pg or page).screenshot(path=str(path), full_page=full_page)
        return path

    return take


def wait_for_dash(pg, timeout: float = 15000) -> None:
    """Wait until the page content is rendered and no Dash callback is pending."""
    pg.wait_for_selector("#_pages_content > *", state="attached", timeout=timeout)
    pg.wait_for_function(
        """() => {
            if (!window.store) return false;
            const busy = document.querySelector('[data-dash-is-loading="true"]');
            const cbs = Object.assign({}, window.store.getState().callbacks || {});
            delete cbs.stored; delete cbs.completed;
            const pending = [].concat(...Object.values(cbs)).length;
            return !busy && pending === 0 && !window.store.getState().isLoading;
        }""",
        timeout=timeout,
    )


def choose(pg, dropdown_id: str, text: str) -> None:
    """Open the ``dcc.Dropdown`` *dropdown_id*, search for *text* and click the first matching option.

    Works for single and multi dropdowns (the menu is closed again with Escape).
    """
    pg.locator(f"#{dropdown_id}").click()
    menu = pg.locator(".dash-dropdown-content[data-state=open]").last
    menu.locator(".dash-dropdown-search").fill(text)
    menu.locator("[role=option]", has_text=text).first.click()
    if pg.locator(".dash-dropdown-content[data-state=open]").count():
        pg.keyboard.press("Escape")


@pytest.fixture
def goto(page, base_url):
    """``goto("/country?country=AZE")``: open a path and wait for Dash to settle."""

    def _go(path: str):
        page.goto(base_url + path)
        wait_for_dash(page)
        return page

    return _go

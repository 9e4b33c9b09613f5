"""Strategy page in the browser: sign in, fill, save, reload, load; radar; upload a filled template; a stale save
refused; delete after a confirmation; the Compare-with menu usable; a too large upload refused; the report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.browser.conftest import choose, wait_for_dash

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def accounts(app_db):
    """An analyst, another analyst and an administrator in the server's store."""
    from assess.strategy import users
    from service.auth import hash_password

    for name, role in (("leyla", "analyst"), ("rashad", "analyst"), ("boss", "admin")):
        if users.get_user(name, db=app_db) is None:
            users.add_user(name, role, password_hash=hash_password(PASSWORD), db=app_db, user="test")
    return app_db


@pytest.fixture
def sign_in(accounts, page, base_url):
    """``sign_in(name)`` through the /login form; signed out again after the test (the context is shared)."""

    def go(name: str, pg=None):
        pg = pg or page
        pg.goto(base_url + "/login")
        pg.fill("#login-name", name)
        pg.fill("#login-password", PASSWORD)
        pg.click("#login-submit")
        wait_for_dash(pg)
        assert pg.locator("#account-name").inner_text() == name

    yield go
    for pg in page.context.pages:  # no callback still in flight (any tab) can set the session cookie again
        pg.goto("about:blank")
    page.context.clear_cookies()


def pick(page, criterion: str, level: int) -> None:
    page.locator(f"#strategy-row-{criterion} label", has_text=str(level)).first.click()


def chosen(page, criterion: str) -> str:
    return page.locator(f"#strategy-row-{criterion} label.active").inner_text()


def test_fill_save_reload_and_load(goto, page, screenshot, sign_in):
    sign_in("leyla")
    goto("/strategy")
    page.wait_for_selector("#strategy-radar .main-svg")
    assert "Singapore (reference)" in page.locator("#strategy-radar").inner_text()
    pick(page, "vision", 3)
    pick(page, "goals_kpis", 1)
    pick(page, "technical_enabler", 3)
    page.locator("#strategy-row-vision textarea").fill("One vision statement on p. 2 of the strategy.")
    page.locator("#strategy-row-technical_enabler textarea").fill("Portal, ID, e-signature, data exchange.")
    page.fill("#strategy-name", "Browser test draft")
    wait_for_dash(page)
    assert "3 · Defined" in page.locator("#strategy-row-vision").inner_text()
    page.wait_for_function("document.querySelector('#strategy-overall').innerText.includes('Overall')")
    assert "What to improve first" in page.locator("#strategy-summary").inner_text()
    page.click("#strategy-save")
    page.wait_for_selector("#strategy-save-alert")
    msg = page.locator("#strategy-save-alert").inner_text()
    assert "Saved as assessment #" in msg and "Evidence is empty for 1 criteria with a level: Goals and KPIs" in msg
    assert "assessment=" in page.url
    screenshot("strategy-saved", full_page=False)
    page.reload()
    wait_for_dash(page)
    assert chosen(page, "vision") == "3" and chosen(page, "goals_kpis") == "1"
    assert page.locator("#strategy-name").input_value() == "Browser test draft"
    # a clean page, then load the saved assessment from the list
    goto("/strategy")
    assert page.locator("#strategy-row-vision label.active").count() == 0
    choose(page, "strategy-saved", "Browser test draft")
    page.click("#strategy-load")
    wait_for_dash(page)
    page.wait_for_function("document.querySelector('#strategy-row-vision label.active')?.innerText === '3'")
    assert chosen(page, "technical_enabler") == "3"
    assert "Portal, ID" in page.locator("#strategy-row-technical_enabler textarea").input_value()
    page.go_back()
    wait_for_dash(page)
    assert page.locator("#strategy-row-vision label.active").count() == 0


def test_upload_a_filled_template(goto, page, tmp_path, screenshot):
    from assess.frameworks import load_framework
    from assess.strategy.workbook import make_template

    r = load_framework("strategic_structure")
    answers = {c: {"level": v["level"], "evidence": v["evidence"]} for c, v in r.profiles["paper_proposal"].items()}
    path = tmp_path / "filled.xlsx"
    make_template(r, answers=answers).save(path)
    goto("/strategy")
    page.set_input_files("#strategy-upload input[type=file]", str(path))
    page.wait_for_selector("#strategy-upload-ok")
    wait_for_dash(page)
    assert "Read 17 criteria from filled.xlsx" in page.locator("#strategy-upload-ok").inner_text()
    assert chosen(page, "organisational_enabler") == "3" and chosen(page, "goals_kpis") == "1"
    page.wait_for_function("document.querySelector('#strategy-overall').innerText.includes('1.87')")
    screenshot("strategy-uploaded")


def test_bad_upload_and_unknown_id_are_friendly(goto, page, tmp_path):
    goto("/strategy?assessment=424242")
    assert "no saved assessment with id 424242" in page.locator("#strategy-page").inner_text()
    junk = tmp_path / "notes.xlsx"
    junk.write_text("not a workbook")
    page.set_input_files("#strategy-upload input[type=file]", str(junk))
    page.wait_for_function("document.querySelector('#strategy-manage-message').innerText.includes('xlsx')")
    assert "expected an Excel .xlsx workbook (a zip archive)" in page.locator("#strategy-manage-message").inner_text()


def test_blank_template_download(goto, page):
    goto("/strategy")
    with page.expect_download() as info:
        page.click("#strategy-template")
    assert info.value.suggested_filename == "strategic_structure_template.xlsx"


def test_a_visitor_reads_but_cannot_save(goto, page, accounts):
    goto("/strategy")
    assert "reading as a visitor" in page.locator("#account-bar").inner_text()
    pick(page, "vision", 2)
    page.fill("#strategy-name", "Visitor's try")
    wait_for_dash(page)
    page.click("#strategy-save")
    page.wait_for_selector("#strategy-save-alert")
    assert "Sign in to save an assessment: visitors can read but not change anything" in \
        page.locator("#strategy-save-alert").inner_text()
    assert page.locator("#strategy-save-alert a", has_text="Sign in").count() == 1


def test_compare_with_opens_above_the_chart_and_can_be_clicked(goto, page, screenshot):
    goto("/strategy")
    page.wait_for_selector("#strategy-radar .main-svg")
    page.locator("#strategy-reference").click()
    menu = page.locator(".dash-dropdown-content[data-state=open]").last
    option = menu.locator("[role=option]", has_text="paper").first
    screenshot("strategy-compare-with-open", full_page=False)
    option.click()  # Playwright refuses to click an option another element covers
    wait_for_dash(page)
    assert "(reference)" in page.locator("#strategy-radar").inner_text()
    assert "Singapore (reference)" not in page.locator("#strategy-radar").inner_text()


def test_a_6_mb_upload_is_refused_clearly(goto, page, tmp_path):
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * 6_000_000)
    goto("/strategy")
    page.set_input_files("#strategy-upload input[type=file]", str(big))
    page.wait_for_function("document.querySelector('#strategy-manage-message').innerText.includes('MAX_UPLOAD_BYTES')")
    text = page.locator("#strategy-manage-message").inner_text()
    assert "big.xlsx: about 6,000,00" in text and "is over the limit MAX_UPLOAD_BYTES = 5,000,000 bytes" in text


def test_a_stale_save_is_refused_and_delete_asks_first(goto, page, browser_context, base_url, sign_in):
    sign_in("leyla")
    goto("/strategy")
    pick(page, "vision", 3)
    page.fill("#strategy-name", "Two tabs")
    wait_for_dash(page)
    page.click("#strategy-save")
    page.wait_for_selector("#strategy-save-alert")
    url = page.url
    other = browser_context.new_page()  # a second tab on the same assessment, saved first
    try:
        other.goto(url)
        wait_for_dash(other)
        other.locator("#strategy-row-vision label", has_text="4").first.click()
        wait_for_dash(other)
        other.click("#strategy-save")
        other.wait_for_selector("#strategy-save-alert")
        assert "(version 2)" in other.locator("#strategy-save-alert").inner_text()
    finally:
        other.close()
    pick(page, "vision", 1)
    wait_for_dash(page)
    page.click("#strategy-save")
    page.wait_for_function("document.querySelector('#strategy-save-alert').innerText.includes('changed by')")
    msg = page.locator("#strategy-save-alert").inner_text()
    assert "was changed by leyla at" in msg and "reload, or save as new" in msg
    assert page.locator("#strategy-reload-link").count() == 1
    # delete: a confirmation naming it first; Cancel keeps it
    choose(page, "strategy-saved", "Two tabs")
    page.click("#strategy-delete")
    page.wait_for_selector("#strategy-delete-modal", state="visible")
    assert "Two tabs" in page.locator("#strategy-delete-question").inner_text()
    page.click("#strategy-delete-cancel")
    page.wait_for_selector("#strategy-delete-modal", state="hidden")
    assert page.locator("#strategy-deleted").count() == 0
    page.click("#strategy-delete")
    page.wait_for_selector("#strategy-delete-modal", state="visible")
    page.click("#strategy-delete-confirm")
    page.wait_for_selector("#strategy-deleted")
    assert "(its versions are kept)" in page.locator("#strategy-deleted").inner_text()


def test_the_ministry_report_carries_the_loaded_assessment(goto, page, sign_in):
    import openpyxl

    sign_in("rashad")
    goto("/strategy")
    pick(page, "vision", 4)
    pick(page, "goals_kpis", 2)
    page.fill("#strategy-name", "For the minister")
    wait_for_dash(page)
    page.click("#strategy-save")
    page.wait_for_selector("#strategy-save-alert")
    with page.expect_download(timeout=120_000) as info:
        page.click("#strategy-report-button")
    assert info.value.suggested_filename.startswith("egov-assess-report-AZE-")
    wb = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    sheet = next(ws for ws in wb.worksheets if "Strategy" in ws.title)
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "#" in cells and "Vision" in cells
def choose_in_row(page, criterion: str, which: int, text: str) -> None:
    """Pick *text* in the *which*-th dropdown (0: assessor B, 1: reconciled) of a two-assessor row."""
    page.locator(f"#strategy-b-row-{criterion} button.dash-dropdown").nth(which).click()
    menu = page.locator(".dash-dropdown-content[data-state=open]").last
    menu.locator("[role=option]", has_text=text).first.click()
    if page.locator(".dash-dropdown-content[data-state=open]").count():
        page.keyboard.press("Escape")


def test_two_assessors_and_evidenced_levels(goto, page, screenshot, sign_in):
    """Assessor A fills the form, B the two-assessor card; the discrepancy is reconciled with a note and saved (as the
    signed-in analyst, on the loaded version); the levels the Singapore file evidences sit beside the chosen ones."""
    sign_in("leyla")
    goto("/strategy")
    pick(page, "vision", 4)
    pick(page, "goals_kpis", 4)
    page.fill("#strategy-name", "Two assessors in the browser")
    wait_for_dash(page)
    page.click("#strategy-save")
    page.wait_for_selector("#strategy-save-alert")
    choose(page, "strategy-file", "Singapore")
    wait_for_dash(page)
    page.wait_for_function("() => document.querySelector('#strategy-computed-goals_kpis')?.innerText.includes('0–2')")
    row = page.locator("#strategy-computed-goals_kpis").inner_text()
    assert "0–2" in row and "4" in row and "above the evidence" in row
    page.fill("#strategy-assessor-a", "Aydan")
    page.fill("#strategy-assessor-b", "Babak")
    choose_in_row(page, "vision", 0, "3")
    wait_for_dash(page)
    page.wait_for_function("() => document.querySelector('#strategy-discrepancy-list').innerText.includes('A 4, B 3')")
    assert "not reconciled yet" in page.locator("#strategy-discrepancy-list").inner_text()
    choose_in_row(page, "vision", 1, "4")
    note = page.locator("#strategy-b-row-vision input.form-control")
    note.fill("The vision is at the centre of the approved diagram.")
    note.press("Enter")
    wait_for_dash(page)
    page.wait_for_function("() => document.querySelector('#strategy-discrepancy-list').innerText.includes('reconciled 4')")
    page.click("#strategy-save-assessors")
    page.wait_for_selector("#strategy-assessors-ok")
    assert "(version 2): 1 discrepancy, 1 reconciled" in page.locator("#strategy-assessors-ok").inner_text()
    assert "1 criterion scored by one assessor only." in page.locator("#strategy-discrepancy-list").inner_text()
    screenshot("strategy-two-assessors", full_page=True)
    page.reload()
    wait_for_dash(page)
    page.wait_for_function("() => document.querySelector('#strategy-discrepancy-list').innerText.includes('reconciled 4')")
    assert "The vision is at the centre" in page.locator("#strategy-b-row-vision input.form-control").input_value()

"""Dashboard pages without a browser: layouts and callbacks called as plain functions."""

from __future__ import annotations

import re
import subprocess
import sys

import dash
import pytest

from app import create_app
from assess.errors import ScoringError
from ui import components as ui


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def pages(app):
    from pages import compare, country, home, robustness, whatif

    return {"home": home, "country": country, "compare": compare, "whatif": whatif, "robustness": robustness}


def _text(component) -> str:
    return str(component)


def test_assess_does_not_import_dash():
    code = "import assess, assess.reports.figures, sys; assert 'dash' not in sys.modules, 'assess imported dash'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_pages_registered_in_order(app, pages):
    paths = {p["path"]: p["name"] for p in dash.page_registry.values()}
    for path in ("/", "/country", "/compare", "/whatif", "/robustness"):
        assert path in paths
    hrefs = ui.nav_hrefs({"country": "EST", "compare": ["SGP"], "edition": 2022})
    assert "/country?country=EST&compare=SGP&edition=2022" in hrefs


def test_index_serves_nothing_from_a_cdn(app):
    html = app.server.test_client().get("/").get_data(as_text=True)
    assert app.config.serve_locally
    assert not re.findall(r"(?:src|href)=\"https?://", html), "the index page references an external URL"
    assert "00-bootstrap.min.css" in html


@pytest.mark.parametrize("name", ["home", "country", "compare", "whatif", "robustness"])
def test_layouts_with_bad_query_are_friendly(pages, name):
    out = _text(pages[name].layout(country="XXX", compare="SGP,QQQ", edition="1999"))
    assert "Unknown country code 'XXX'. Pick a country from the list." in out
    assert "Unknown country code 'QQQ' in the comparison" in out
    assert "No edition 1999" in out


def test_sync_url_both_ways():
    keys = ("country", "edition")
    out = ui.sync_url(keys, "?country=AZE&edition=2024", ["EST", 10], "p-country", "p-url")
    assert out[0] == "?country=EST&edition=2022" and out[-1] == {"country": "EST", "edition": 2022}
    out = ui.sync_url(keys, "?country=SGP&edition=2018", ["EST", 10], "p-url", "p-url")
    assert out[0] is dash.no_update and out[1] == "SGP" and out[2] == ui.edition_position(2018)
    out = ui.sync_url(keys, "", ["AZE", 11], None, "p-url")  # first load: no new history entry
    assert out[0] is dash.no_update


def test_back_to_a_url_without_the_key_restores_the_page_default():
    # e.g. back to /data from /data?framework=gtmi: the framework goes back to the page's default
    out = ui.sync_url(("framework",), "", ["gtmi"], "data-url", "data-url", {"framework": "un_egdi"})
    assert out[1] == "un_egdi"
    out = ui.sync_url(("model", "show"), "?model=singapore", ["estonia", ["org"]], "m-url", "m-url",
                      {"model": "azerbaijan_proposal", "show": ["org", "tech", "indicators"]})
    assert out[1] == "singapore" and out[2] == ["org", "tech", "indicators"]
    # shared keys fall back to the shared defaults
    out = ui.sync_url(("country", "compare", "edition"), "", ["EST", ["SGP"], 3], "p-url", "p-url")
    assert out[1:4] == ("AZE", list(ui.DEFAULT_COMPARE), ui.edition_position(ui.DEFAULT_EDITION))
    # a default may depend on the rest of the query (compare's "gap to")
    out = ui.sync_url(("against",), "?compare=EST,KOR", ["SGP"], "p-url", "p-url",
                      {"against": lambda q: q["compare"].split(",")[0]})
    assert out[1] == "EST"


def test_only_country_lists_are_upper_cased():
    out = ui.sync_url(("compare", "show"), "?compare=sgp,est&show=org,timeline", [["SGP"], ["org"]], "p-url",
                      "p-url", {"show": ["org"]})
    assert out[1] == ["SGP", "EST"] and out[2] == ["org", "timeline"]
    # and the control → URL direction keeps the list as it is
    out = ui.sync_url(("show",), "", [["org", "tech"]], "m-show", "m-url", {"show": ["org"]})
    assert out[0] == "?show=org,tech"


def test_url_sync_needs_a_default_for_page_keys():
    with pytest.raises(ValueError, match="no default for framework"):
        ui.register_url_sync("nodefault", framework=("nodefault-framework", "value"))


def test_url_sync_keeps_the_shared_store():
    # a page without shared keys leaves the store (and so the navbar's country) alone
    out = ui.sync_url(("framework",), "?framework=gtmi", ["un_egdi"], "d-framework", "d-url", {"framework": "x"},
                      {"country": "EST"})
    assert out[-1] is dash.no_update
    out = ui.sync_url(("country",), "", ["KOR"], "c-country", "c-url", None, {"country": "EST", "compare": ["SGP"]})
    assert out[-1] == {"country": "KOR", "compare": ["SGP"]}


def test_home_map_follows_edition(pages):
    home = pages["home"]
    assert home.update_map("egdi", ui.edition_position(2024), 2025, "AZE").figure["layout"]["title"]["text"] == \
        "EGDI 2024"
    assert [g.id for g in home.update_figures(1, "egdi", ui.edition_position(2024), 2025, "AZE")] == list(home.FIGURES)
    rows, cols, alert = home.update_ranking("egdi", ui.edition_position(2024), 2025)
    assert alert is None and len(rows) == 193 and rows[0]["country"] == "Denmark"
    old = home.update_map("egdi", ui.edition_position(2003), 2025, "AZE").figure
    assert old["layout"]["title"]["text"] == "EGDI 2003"
    assert old["data"][1]["name"] == "not assessed in 2003" and len(old["data"][1]["locations"]) == 20
    assert "The UN grouped countries from 2014" in _text(home.update_ranking("egdi", ui.edition_position(2003), 2025)[-1])
    gt = home.update_ranking("gtmi", ui.edition_position(2010), 2025)
    assert "own editions" in _text(gt[-1]) and gt[0][0]["value"] == 0.997  # GTMI 2025, rounded to 3 decimals
    card = _text(home.country_card("egdi", ui.edition_position(2024), 2025, "AZE"))
    assert "0.76073" in card and "rank 74 of 193" in card


def test_home_map_click_opens_the_profile(pages):
    home = pages["home"]
    assert home.open_profile({"points": [{"location": "EST"}]}, "egdi", ui.edition_position(2022)) == \
        "/country?country=EST&edition=2022"
    assert home.open_profile({"points": [{"location": "<b>"}]}, "egdi", 11) is dash.no_update
    assert home.open_profile("junk", "egdi", 11) is dash.no_update


def test_country_profile_aze(pages):
    tiles, trend, bars, strengths, stages, gtmi, alert = pages["country"].update_country("AZE", ui.edition_position(2024))
    text = _text(tiles)
    assert "0.76073" in text and "74 / 193" in text and "Very high" in text and "GTMI 2022" in text
    assert alert is None
    assert [d["name"] for d in trend["data"]][-1] == "AZE"
    assert "Leader: Denmark" in [d["name"] for d in bars["data"]]
    assert "horizontal_integration" not in _text(stages) and "Horizontal integration" in _text(stages)
    assert pages["country"].update_country(None, 11)[-1] is not None


def test_country_profile_2003_shows_only_2003(pages):
    tiles, trend, bars, strengths, stages, gtmi, alert = pages["country"].update_country("AZE", ui.edition_position(2003))
    text = _text(tiles)
    assert "The UN rating classes start in 2018" in text and "The GTMI starts in 2020" in text
    assert "2014 thresholds applied to the 2003 EGDI" in text
    assert "Horizontal integration" not in _text(stages) and "no country model of 2003's time" in _text(stages)


def test_country_missing_from_an_edition_keeps_its_profile(pages):
    tiles, trend, bars, strengths, stages, gtmi, alert = pages["country"].update_country("TUV", ui.edition_position(2003))
    assert "was not assessed in the 2003 UN Survey" in _text(alert) and "edition=2005" in _text(alert)
    assert [d["name"] for d in trend["data"]][-1] == "TUV" and len(trend["data"][-1]["x"]) == 8
    for iso3 in ("XKX", "PSE", "TWN"):
        out = pages["country"].update_country(iso3, ui.edition_position(2024))
        assert "not a UN member state" in _text(out[-1]) and "country-gtmi-bars" in _text(out[5])


def test_country_download_is_xlsx(pages):
    out = pages["country"].download_country(1, "AZE")
    assert out["filename"] == "egov-assess-AZE.xlsx" and out["base64"]


def test_compare_gap_table_and_waterfall(pages):
    compare = pages["compare"]
    fbars, franks, rows, cols, options, alert = compare.update_compare("AZE", ["SGP", "EST"], ui.edition_position(2024))
    assert [r["iso3"] for r in rows] == ["SGP", "EST"]
    assert rows[0]["gap"] == 0.20839 and rows[0]["osi_part"] == 0.08148  # rounded to the published decimals
    wf = compare.update_waterfall("AZE", "SGP", ui.edition_position(2024))
    assert wf.layout.title.text == "EGDI 2024: AZE → SGP (gap +0.20839)"
    assert [d.name for d in wf.data][0] == "AZE" and wf.layout.yaxis.range[0] == 0
    assert wf.data[0].marker.color == ui.country_colour("AZE")
    assert all(d.marker.color != ui.country_colour("AZE") for d in wf.data[1:])
    front = compare.update_waterfall("AZE", "frontier", ui.edition_position(2024))
    assert "not explained" not in str(front) and [d.name for d in front.data][-1] == "frontier"
    top = compare.update_waterfall("AZE", "next_group", ui.edition_position(2024))
    assert "already in the top UN group" in top.layout.annotations[0].text
    empty = compare.update_compare("AZE", [], 11)
    assert "Add one or more countries" in _text(empty[-1])


def test_compare_gtmi(pages):
    fig, table = pages["compare"].update_gtmi("AZE", ["SGP", "XKX", "USA"], 2025)
    assert [d["name"] for d in fig["data"]] == ["AZE", "SGP", "XKX", "USA"]
    assert "0.769" in _text(table)


def test_whatif_osi_raise_moves_rank(pages):
    tiles, fig, alert = pages["whatif"].update_whatif(0.85, 0.72, 0.82, "AZE", ui.edition_position(2024))
    assert alert is None
    assert "65" in _text(tiles) and "74" in _text(tiles)
    # unknown country → friendly alert, no exception
    assert pages["whatif"].update_whatif(0.5, 0.5, 0.5, "XXX", 11)[-1] is not None


def test_whatif_target_rank_50(pages):
    out = _text(pages["whatif"].run_target(1, "AZE", ui.edition_position(2024), "rank", 50))
    assert "To reach rank 50" in out and "0.97721" in out


def test_robustness_analyse_reports_progress(pages):
    seen = []
    fint, fdrv, rows, summary, alert = pages["robustness"].analyse(seen.append, 2024, 1000, 0.5, ["AZE", "SGP"])
    assert [p[0] for p in seen] == [5, 60, 95]  # what the job reports (service.tasks.robustness)
    assert [r["iso3"] for r in rows] == ["AZE", "SGP"]
    assert "replications" in _text(summary)
    with pytest.raises(ScoringError, match="Replications: choose one of 1,000, 5,000"):
        pages["robustness"].analyse(seen.append, 2024, 500, 0.5, [])


def _named(payload, name):
    import base64
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(payload["content"])))
    ws, cell = next(wb.defined_names[name].destinations)
    return wb, wb[ws][cell.replace("$", "")].value


@pytest.mark.parametrize("lang", ["en", "az"])
def test_country_ministry_report_download(pages, lang):
    out, message = pages["country"].download_report(1, "AZE", ui.edition_position(2024), lang,
                                                     {"compare": ["SGP", "EST"]})
    assert message is None and out["filename"] == f"egov-assess-report-AZE-2024-{lang}.xlsx"
    wb, egdi = _named(out, "EGDI")
    assert egdi == 0.76073
    assert wb.sheetnames[0] == ("Summary" if lang == "en" else "Xülasə")


def test_compare_ministry_report_download_and_friendly_error(pages):
    out, message = pages["compare"].download_report(1, "AZE", ["SGP", "KOR"], ui.edition_position(2024), "en")
    assert _named(out, "EGDI")[1] == 0.76073
    out, message = pages["compare"].download_report(1, "AZE", ["QQQ"], ui.edition_position(2024), "en")
    assert out is dash.no_update and "unknown ISO3 code" in str(message)


def test_whatif_next_group_for_a_very_high_country_offers_the_next_class(pages):
    whatif = pages["whatif"]
    out = _text(whatif.run_target(1, "AZE", ui.edition_position(2024), "next_group", None))
    assert "already in the Very high group" in out and "next rating class instead" in out
    t = whatif.next_target("AZE", 2024, "next_group")
    assert "klass" in t["target"] and f"To reach {t['what']}" in out and "whatif-target-single" in out
    # a High country still gets the next group
    assert whatif.next_target("KGZ", 2024, "next_group")["target"] == {"group": "VH"}
    # the very top: nothing above, said so
    top = _text(whatif.run_target(1, "DNK", ui.edition_position(2024), "next_group", None))
    assert "top group and the top rating class" in top


def test_no_page_callback_remembers_a_failure(pages, monkeypatch):
    """Issue 11.4: a transient failure is shown once, never cached; the next call computes again."""
    from assess.indices import views

    home, country, compare = pages["home"], pages["country"], pages["compare"]
    real = views.world_view
    calls = {"n": 0}

    def flaky(index, edition, lang="en"):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("disk busy")
        return real(index, edition, lang)

    monkeypatch.setattr(views, "world_view", flaky)
    first = home.update_ranking("osi", ui.edition_position(2018), 2025)
    assert "Something went wrong" in _text(first[-1]) and first[0] == []
    again = home.update_ranking("osi", ui.edition_position(2018), 2025)
    assert again[-1] is None and len(again[0]) == 193
    import assess.indices.profiles as profiles

    real_profile = profiles.profile
    state = {"n": 0}

    def flaky_profile(iso3, year=None):
        state["n"] += 1
        if state["n"] == 1:
            raise OSError("disk busy")
        return real_profile(iso3, year)

    monkeypatch.setattr(country, "profile", flaky_profile)
    assert "Something went wrong" in _text(country.update_country("EST", ui.edition_position(2016))[-1])
    assert country.update_country("EST", ui.edition_position(2016))[-1] is None
    real_gap = compare.assess.gap
    g = {"n": 0}

    def flaky_gap(*a, **k):
        g["n"] += 1
        if g["n"] == 1:
            raise OSError("disk busy")
        return real_gap(*a, **k)

    monkeypatch.setattr(compare.assess, "gap", flaky_gap)
    assert "Something went wrong" in _text(compare.update_compare("AZE", ["SGP"], ui.edition_position(2014))[-1])
    assert compare.update_compare("AZE", ["SGP"], ui.edition_position(2014))[2][0]["iso3"] == "SGP"


@pytest.mark.parametrize("name", ["home", "compare", "whatif"])
def test_page_keys_fall_back_as_the_layout_says(pages, name):
    """A hostile value of a page key: the layout's alert and the URL sync agree on the fallback."""
    page = pages[name]
    key = {"home": "index", "compare": "against", "whatif": "target"}[name]
    for value in ("foo", "<script>alert(1)</script>", "x" * 5000):
        out = _text(page.layout(**{key: value}))
        assert "…" in out or value in out  # the value is echoed, bounded
        assert "x" * 100 not in out

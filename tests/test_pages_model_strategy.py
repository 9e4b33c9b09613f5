"""Plain-function tests of the Model, Strategy and Data & methods pages (no browser)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import dash
import networkx as nx
import pytest

if not dash.page_registry:  # pages register themselves; a bare Dash app with use_pages makes that legal
    dash.Dash(__name__, use_pages=True, pages_folder="")

from assess.reports import figures
from pages import data as data_page
from pages import model as model_page
from pages import strategy as strategy_page


def text_of(component) -> str:
    """All text inside a Dash component tree, whitespace normalised."""
    return " ".join(_text(component).split())


def _text(component) -> str:
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(_text(c) for c in component)
    return _text(getattr(component, "children", None))


def find(component, id_):
    """The component with ``id`` inside a tree (or None)."""
    if isinstance(component, list | tuple):
        for c in component:
            hit = find(c, id_)
            if hit is not None:
                return hit
        return None
    if getattr(component, "id", None) == id_:
        return component
    children = getattr(component, "children", None)
    return find(children, id_) if children is not None and not isinstance(children, str) else None


# --------------------------------------------------------------------------------------- model


def test_model_options_are_the_four_country_models_and_198_baselines():
    values = [o["value"] for o in model_page.model_options()]
    assert values[:4] == ["azerbaijan_proposal", "azerbaijan_today", "estonia", "singapore"]
    baselines = [v for v in values if v.startswith("baseline_")]
    assert len(baselines) == 198 and len(values) == 202
    assert {"label": "Baseline from evidence: Georgia (GEO)", "value": "baseline_geo"} in model_page.model_options()
    G = model_page.load_graph("baseline_geo")
    assert G.graph["country"] == "GEO" and "participation_platform" in G
    with pytest.raises(model_page.AssessError, match="Unknown model"):
        model_page.load_graph("baseline_xyz")


def test_proposal_graph_has_the_supreme_council_at_the_top():
    els = model_page.elements(model_page.load_graph("azerbaijan_proposal"), show=["org"])
    nodes = [e for e in els if "position" in e]
    top = min(nodes, key=lambda e: e["position"]["y"])
    assert top["data"]["label"] == "Information Technologies Supreme Council"
    assert {e["data"]["type"] for e in nodes} == {"council", "ministry", "body", "agency", "duty"}


def test_show_filters_node_types_and_defaults():
    assert model_page.parse_show("") == ["org", "tech", "indicators"]
    assert model_page.parse_show("timeline,org,bogus") == ["org", "timeline"]
    G = model_page.load_graph("azerbaijan_proposal")
    els = model_page.elements(G, show=["tech"])
    types = {e["data"]["type"] for e in els if "position" in e}
    assert types == {"platform", "system", "service", "enabler", "user_group"}
    # every edge joins two drawn nodes
    ids = {e["data"]["id"] for e in els if "position" in e}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in els if "source" in e["data"])


def test_unknown_model_is_a_friendly_message_not_a_traceback():
    graphs, head, checks, details = model_page.render("atlantis")
    text = text_of(graphs)
    assert "Unknown model 'atlantis'" in text and "azerbaijan_proposal" in text
    with pytest.raises(model_page.AssessError, match="Unknown model"):
        model_page.load_graph("atlantis")
    layout = model_page.layout(model="atlantis")
    assert "Unknown model 'atlantis'" in text_of(layout) and "Choose a model" in text_of(layout)
    assert "Choose a model" in text_of(model_page.render(None)[0])


def test_one_gap_list_for_overlay_and_side_by_side():
    """Issue 15: "what is Azerbaijan missing against Singapore?" answered once: the overlay's dashed boxes and the
    side-by-side view's red nodes are the same reference parts (those carrying a capability the model lacks)."""
    G, R = model_page.load_graph("azerbaijan_today"), model_page.load_graph("singapore")
    gaps = model_page.gap_table("azerbaijan_today", "singapore")
    own, theirs, lacking = model_page.gap_classes(G, R, gaps)
    assert own["egov_gateway"] == "shared" and own["citizens"] == "neutral"
    assert own["asan_service_centres"] == "shared"  # service standards: also Singapore's blueprint
    assert [c["capability"] for c in lacking["lifesg"]] == ["life_event_services", "mobile_services"]
    els = model_page.elements(G, show=["org", "tech", "timeline"], colour="gap", classes=own, ghosts=lacking,
                              reference=R, ref_label="Singapore")
    overlay = sorted(e["data"]["id"][4:] for e in els if e["data"]["id"].startswith("ref:"))
    side = model_page.elements(R, show=["org", "tech", "timeline"], colour="gap", classes=theirs)
    red = sorted(e["data"]["id"] for e in side if "gap-missing" in e.get("classes", ""))
    assert overlay == red == sorted(lacking) and len(red) == 7
    ghost = next(e for e in els if e["data"]["id"] == "ref:lifesg")
    assert ghost["data"]["missing"] == ["life_event_services", "mobile_services"]  # only the lacking capabilities
    # the rendered page says the same count in both views
    for view in ("overlay", "side"):
        graphs, *_ = model_page.render("azerbaijan_today", "singapore", "gap", view, ["org", "tech", "timeline"])
        assert "the 7 parts of Singapore" in text_of(graphs)
    panel = text_of(model_page.gap_panel("azerbaijan_today", "singapore"))
    assert "5 capabilities of Singapore on 7 of its parts are lacking" in panel
    assert "0 missing · 0 not known · 4 unverified in the reference · 1 in the evidence, not in this model" in panel


def test_clicking_a_lacking_part_names_only_the_lacking_capability():
    text = text_of(model_page.node_details("singapore", "lifesg", lacking_in="azerbaijan_today"))
    assert "Lacking in Azerbaijan" in text
    assert "life event services" in text and "mobile services" in text
    # LifeSG also carries single portal capabilities Azerbaijan has: not listed as lacking
    assert "single portal" not in text.split("Lacking in")[1].split("Relations")[0]
    ghost = text_of(model_page.node_details("azerbaijan_today", "ref:csa", reference_id="singapore"))
    assert "cybersecurity" in ghost and "unverified in the reference" in ghost


def test_node_counts_are_the_same_on_every_page():
    graphs, head, _, _ = model_page.render("azerbaijan_proposal")
    assert "74 nodes, 88 relations (11 to indicators)" in text_of(head)
    assert "74 nodes, 88 relations (11 to indicators)" in text_of(data_page.method_view("azerbaijan_proposal"))


def test_model_image_downloads_and_gap_csv():
    png = model_page.image_bytes("azerbaijan_today", "png", "gap", "singapore")
    assert png["filename"] == "azerbaijan_today.png"
    assert base64.b64decode(png["content"])[:8] == bytes([137, 80, 78, 71, 13, 10, 26, 10])
    svg = base64.b64decode(model_page.image_bytes("singapore", "svg")["content"])
    assert b"<svg" in svg and b"GovTech" in svg
    with pytest.raises(model_page.AssessError, match="Unknown image format"):
        model_page.image_bytes("singapore", "gif")
    csv = model_page.gaps_csv("azerbaijan_today", "singapore")
    assert csv["content"].startswith("capability,label,status,reference_nodes")
    assert "mobile_services" in csv["content"] and csv["content"].count("\n") == 6  # header + 5 capabilities
    with pytest.raises(model_page.AssessError, match="different reference"):
        model_page.gaps_csv("singapore", "singapore")


def test_evidence_panel_and_gtmi():
    text = text_of(model_page.evidence_panel("azerbaijan_today"))
    assert "4 disagreements with the evidence for Azerbaijan" in text
    assert "checked against 2024, the latest year with evidence" in text  # the model is as of 2026
    assert "cloud infrastructure" in text and "I-1 = 2 (wb_gtmi_indicators 2022)" in text
    assert "GTMI 2025: 0.769" in text and "group A (A: GovTech leaders)" in text and "The 48 key indicators of GTMI 2022, by name" in text
    assert "Are there national platforms that allow citizens to participate" in text
    assert "a proposal" in text_of(model_page.evidence_panel("azerbaijan_proposal"))


def test_node_picker_lists_every_drawn_node_for_keyboard_users():
    opts = model_page.node_options("azerbaijan_today", "singapore", ["org", "tech"])
    values = {o["value"] for o in opts}
    assert "egov_gateway" in values and "ref:lifesg" in values
    assert {"label": "LifeSG app (Singapore)", "value": "ref:lifesg"} in opts


def test_every_label_meets_wcag_aa_contrast():
    from assess.reports.model_image import contrast_ratio

    for colour in ("type", "gap", "readiness"):
        for rule in model_page.stylesheet(colour):
            st = rule["style"]
            fill, fg = st.get("background-color"), st.get("color")
            if fill and fg and not str(fill).startswith("data(") and rule["selector"] != ".ghost":
                assert contrast_ratio(fill, fg) >= 4.5, (colour, rule["selector"], fill, fg)
    for v in [i / 20 for i in range(21)] + [float("nan")]:
        fill = figures.sequential_colour(v)[0]
        assert contrast_ratio(fill, model_page.text_colour(fill)) >= 4.5, v
    # the reference's lacking parts: dark red text over the pale red ghost fill (18 % over the canvas)
    assert contrast_ratio(model_page.GHOST_TEXT, "#f1d6d7") >= 4.5


def test_checks_panel_lists_single_points_of_failure():
    text = text_of(model_page.checks_panel(model_page.load_graph("azerbaijan_proposal")))
    assert "Every structural rule passes" in text
    assert "Single points of failure (12)" in text  # the faithful model (issue 12): 74 nodes, 88 relations
    assert "Ministry of Communications and Information Technologies" in text
    assert "Reporting root: Information Technologies Supreme Council" in text


def test_node_details_show_duties_sources_and_indicators():
    text = text_of(model_page.node_details("azerbaijan_proposal", "ict_ministry"))
    assert "Ministry of Communications and Information Technologies" in text
    # duties, in the paper's words: *achieve* the targets (not set them)
    assert "Achieve the set targets" in text and "Prevent loss of time and waste" in text
    assert "Digital by design" in text  # linked indicator oecd_dgi.digital_design
    sg = text_of(model_page.node_details("singapore", "singpass"))
    assert "Singpass" in sg and "http" in sg  # a source with its address
    ghost = text_of(model_page.node_details("azerbaijan_proposal", "ref:myinfo", reference_id="singapore"))
    assert "MyInfo" in ghost and "Lacking in" in ghost
    assert "Click a node" in text_of(model_page.node_details("singapore", None))
    assert "is not in the model" in text_of(model_page.node_details("singapore", "nope"))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "archimate"])
def test_exports(fmt, tmp_path):
    out = model_page.export_graph("azerbaijan_proposal", fmt)
    assert out["filename"].startswith("azerbaijan_proposal")
    if fmt == "json":
        assert any(n["id"] == "it_supreme_council" for n in json.loads(out["content"])["nodes"])
    elif fmt == "graphml":
        path = tmp_path / "m.graphml"
        path.write_text(out["content"], encoding="utf-8")
        G = nx.read_graphml(path)
        assert "it_supreme_council" in G
    else:
        assert "it_supreme_council" in out["content"] or "Information Technologies Supreme Council" in out["content"]
    with pytest.raises(model_page.AssessError, match="Unknown export format"):
        model_page.export_graph("azerbaijan_proposal", "pdf")


# --------------------------------------------------------------------------------------- strategy


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "a.sqlite3"
    monkeypatch.setenv("EGOV_ASSESS_DB", str(path))
    return path


def test_collect_answers_from_pattern_ids():
    ids = [{"type": "strategy-level", "criterion": "vision"}, {"type": "strategy-level", "criterion": "goals_kpis"}]
    assert strategy_page.collect_answers(ids, [3, None], [" p. 2 ", None]) == {
        "vision": {"level": 3, "evidence": "p. 2"}, "goals_kpis": {"level": None, "evidence": ""}}


def test_singapore_profile_scores_full_marks_and_azerbaijan_ranks_improvements():
    r = strategy_page.rubric()
    sg = {c: {"level": v["level"], "evidence": v["evidence"]} for c, v in r.profiles["singapore_dgb"].items()}
    res = strategy_page.scored(sg)
    assert res["overall"] == 4.0 and res["improvements"].empty
    az = {c: {"level": v["level"], "evidence": ""} for c, v in r.profiles["azerbaijan_2003_2012"].items()}
    text = text_of(strategy_page.summary(az))
    assert "1.46" in text and "level 1 (Mentioned)" in text
    assert "Diagrams and architecture — level 0 → 4" in text  # the largest gap comes first
    assert strategy_page.scored({"vision": {"level": None, "evidence": ""}}) is None
    assert "Choose a level" in text_of(strategy_page.summary({}))


def test_radar_has_the_reference_and_the_assessment():
    fig = strategy_page.radar({"vision": {"level": 3, "evidence": ""}}, "singapore_dgb")
    ref, own = fig.data
    assert ref.name.startswith("Singapore") and list(ref.r)[:-1] == [4] * 17
    assert own.r[0] == 3 and len(own.theta) == 18


def test_level_text():
    assert strategy_page.level_text(3, "goals_kpis") == "3 · Defined: KPIs with numeric targets and target dates."
    assert strategy_page.level_text(None, "goals_kpis") == "No level chosen."


def test_save_load_and_friendly_messages(db):
    answers = {"vision": {"level": 3, "evidence": "One vision on p. 2"}, "goals_kpis": {"level": 1, "evidence": ""}}
    assert strategy_page.save(answers, name=" ", country="AZE")[2] == "Give the assessment a name before saving."
    none = {"vision": {"level": None, "evidence": "x"}}
    assert "at least one criterion" in strategy_page.save(none, name="x", country="AZE")[2]
    new_id, version, msg, colour = strategy_page.save(answers, name="AZ draft", country="AZE", user="leyla")
    assert colour == "warning" and "Evidence is empty for 1 criteria with a level: Goals and KPIs" in msg
    assert version == 1 and "(version 1)" in msg
    assert strategy_page.store.load_assessment(new_id)["answers"]["vision"]["level"] == 3
    same, v2, _, _ = strategy_page.save(answers, name="AZ draft 2", country="AZE", current_id=new_id, version=1,
                                        user="rashad")
    other, _, _, _ = strategy_page.save(answers, name="copy", country="AZE", current_id=new_id, version=2,
                                        as_new=True)
    assert same == new_id and v2 == 2 and other != new_id
    # the same form saved again from version 1: refused, and the message says who changed it
    stale = strategy_page.save(answers, name="AZ draft (old tab)", country="AZE", current_id=new_id, version=1)
    assert stale[0] is None and stale[3] == "danger"
    assert "was changed by rashad at" in stale[2] and "reload, or save as new" in stale[2]
    labels = [o["label"] for o in strategy_page.saved_options()]
    assert labels[0].startswith(f"#{other} copy (AZE)") and any("AZ draft 2" in s and "v2" in s for s in labels)
    layout = strategy_page.layout(assessment=str(new_id))
    radio = find(layout, {"type": "strategy-level", "criterion": "vision"})
    assert radio.value == 3
    assert find(layout, "strategy-name").value == "AZ draft 2"
    assert find(layout, "strategy-version").data == 2
    assert "Version 2 · last saved by rashad" in text_of(find(layout, "strategy-version-line"))


def test_a_long_name_is_refused_before_the_store_and_shortened_in_lists(db):
    answers = {"vision": {"level": 3, "evidence": "e"}}
    out = strategy_page.save(answers, name="N" * 10_000, country="AZE")
    assert out[0] is None and out[2] == "The name has 10,000 characters; give at most 200."
    i, _, _, _ = strategy_page.save(answers, name="L" * 200, country="AZE")
    label = next(o["label"] for o in strategy_page.saved_options() if o["value"] == i)
    assert len(label) < 160 and "L" * 79 + "…" in label
    assert find(strategy_page.layout(), "strategy-name").maxLength == 200


def test_who_may_delete():
    from service.auth import ANONYMOUS, Identity

    mine = {"id": 3, "created_by": "leyla"}
    assert strategy_page.may_delete(Identity("leyla", "analyst"), mine) is None
    assert strategy_page.may_delete(Identity("boss", "admin"), mine) is None
    assert "only its author or an administrator" in strategy_page.may_delete(Identity("rashad", "analyst"), mine)
    assert "Sign in to delete an assessment" in strategy_page.may_delete(ANONYMOUS, mine)
    assert "may not delete" in strategy_page.may_delete(Identity("v", "viewer"), mine)


def test_bad_assessment_id_in_the_url_is_friendly(db):
    text = text_of(strategy_page.layout(assessment="999"))
    assert "no saved assessment with id 999" in text
    assert "Unknown reference profile" in text_of(strategy_page.layout(reference="mars"))


def _upload(buf: io.BytesIO) -> str:
    return "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + base64.b64encode(
        buf.getvalue()).decode()


def test_upload_reads_a_filled_template_and_rejects_junk():
    from assess.strategy.workbook import make_template

    r = strategy_page.rubric()
    answers = {c: {"level": v["level"], "evidence": v["evidence"]} for c, v in r.profiles["paper_proposal"].items()}
    buf = io.BytesIO()
    make_template(r, answers=answers).save(buf)
    got = strategy_page.read_upload(_upload(buf), "filled.xlsx")
    assert got["answers"]["organisational_enabler"]["level"] == 3
    with pytest.raises(strategy_page.AssessError, match="expected an Excel .xlsx workbook"):
        strategy_page.read_upload("data:text/plain;base64," + base64.b64encode(b"hello").decode(), "notes.txt")
    with pytest.raises(strategy_page.AssessError, match="No file received"):
        strategy_page.read_upload(None, None)
    assert strategy_page.template_bytes()[:2] == b"PK"


# --------------------------------------------------------------------------------------- data


def test_sources_table_has_provenance_and_licence():
    t = data_page.sources_table().set_index("id")
    assert t.loc["wb_gtmi", "licence"] == "CC BY 4.0 (World Bank)"
    assert int(t.loc["un_egov", "countries"]) == 193


def test_report_items_list_the_not_assessed_countries():
    text = text_of(data_page.report_items())
    assert "un not assessed: 2003: 20" in text


def test_method_view_of_every_framework_kind():
    text = text_of(data_page.method_view("un_egdi"))
    assert "arithmetic_mean" in text and "33.3%" in text and "quartile_within_group" in text
    assert "Per-edition notes" in text and "Very high" in text
    assert "Defined and used" in text_of(data_page.method_view("strategic_structure"))
    assert "Catalogue" in text_of(data_page.method_view("layne_lee"))
    assert "reports_to" in text_of(data_page.method_view("singapore"))
    assert "Unknown framework 'nope'" in text_of(data_page.layout(framework="nope"))


def test_downloads(tmp_path):
    y = data_page.framework_file("un_egdi")
    assert y["filename"] == "un_egdi.yaml" and "id: un_egdi" in y["content"]
    csv = data_page.export_store("csv")
    assert csv["filename"] == "egov_assess_indicators.csv"
    head = base64.b64decode(csv["content"])[:200].decode()
    assert head.startswith("iso3,country,year,source,indicator")
    with pytest.raises(data_page.AssessError, match="Unknown framework"):
        data_page.framework_file("nope")


def test_pages_do_not_compute_scores_themselves():
    for mod in (model_page, strategy_page, data_page):
        src = Path(mod.__file__).read_text(encoding="utf-8")
        assert "normalise(" not in src and ".mean()" not in src


def test_colour_by_readiness_fills_nodes_on_the_sequential_scale():
    graphs, head, _, _ = model_page.render("azerbaijan_proposal", None, "readiness", "overlay", ["org", "tech"])
    els = graphs[-1].children[0].children.elements
    by_id = {e["data"]["id"]: e for e in els if "source" not in e["data"]}
    gw = by_id["egov_gateway"]
    assert "ready" in gw["classes"].split() and gw["data"]["fill"].startswith("rgb(")
    # mean of the indices part (GTMI PSDI 2022, OSI 2024: 0.836998) and the evidence part (1.0)
    assert gw["data"]["fill"] == figures.sequential_colour((0.836998 + 1) / 2)[0]
    # no linked indicator and no evidence for its capability (a coordination council) → grey
    assert by_id["it_coordination_council"]["data"]["fill"] == figures.MISSING_COLOUR
    assert "ready-none" in by_id["it_coordination_council"]["classes"]
    legend = str(head[1])
    assert "no linked indicator" in legend and "linear-gradient" in legend
    style = {s["selector"]: s["style"] for s in model_page.stylesheet("readiness")}
    assert style[".ready, .ready-none"]["background-color"] == "data(fill)"


def test_node_details_show_readiness_and_gap():
    text = text_of(model_page.node_details("azerbaijan_proposal", "egov_gateway"))
    assert ("Today's readiness for the proposed component (2024 data, not the proposal's year): 0.918 (mean of "
            "evidence 1.00 and indices 0.837") in text
    assert "gtmi.psdi: 2022; un_egdi.osi: 2024; evidence: wb_gtmi_indicators 2022" in text
    assert "single portal: present" in text
    assert "+0.079" in text and "Singapore" in text
    ministry = str(model_page.node_details("azerbaijan_proposal", "ict_ministry"))
    assert "oecd_dgi.digital_design" in ministry


def test_data_page_names_gtmi_indicators_per_edition_and_shows_the_evidence_map():
    names = data_page.gtmi_names().set_index(["indicator", "edition"])
    assert len(names) == 144
    assert names.loc[("I-41", 2022), "name"] == ("Are records in the national ID system stored in a digitized "
                                                 "(electronic) format?")
    assert names.loc[("I-41", 2025), "name"] == "Are there ethical guidelines in place for the adoption of Artificial Intelligence?"
    layout = data_page.layout()
    assert "GTMI key indicators by name, per edition" in text_of(layout)
    grid = find(layout, "data-gtmi-names")
    assert len(grid.rowData) == 144
    text = text_of(data_page.method_view("capability_evidence"))
    assert "Evidence map" in text and "e_participation" in text and "I-30 = 1" in text
    assert "(I-4 = 1) or (I-3 ≥ 1)" in text  # data exchange partial


def test_a_saved_assessment_goes_into_the_ministry_report(db):
    import openpyxl

    from ui import components as ui

    answers = {"vision": {"level": 4, "evidence": "A vision on p. 1"}, "goals_kpis": {"level": 2, "evidence": "KPIs"}}
    new_id, _, _, _ = strategy_page.save(answers, name="For the report", country="GEO", user="leyla")
    assert {"label": f"#{new_id} For the report (GEO)", "value": new_id} in ui.assessment_options()
    assert find(ui.report_controls("country", assessments=True), "country-report-assessment") is not None
    out = ui.report_bytes("GEO", None, 2024, "en", assessment=new_id)
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(out["content"])))
    sheet = next(ws for ws in wb.worksheets if "Strategy" in ws.title)
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert f"#{new_id}" in text and "A vision on p. 1" in text
    with pytest.raises(strategy_page.AssessError, match="Expected a saved assessment's id"):
        ui.report_bytes("GEO", None, 2024, "en", assessment="1; DROP TABLE")

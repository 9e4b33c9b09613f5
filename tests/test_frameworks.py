"""Frameworks as data: every shipped file validates; broken files report every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from yaml import safe_load

from assess.errors import FrameworkError
from assess.frameworks import (
    FRAMEWORKS_DIR,
    CompositeFramework,
    CountryModel,
    Rubric,
    StageModel,
    framework_from_dict,
    list_frameworks,
    load_framework,
    registry,
)
from assess.frameworks.schema import validate_document
from assess.frameworks.vocabulary import KINDS

BROKEN = Path(__file__).parent / "frameworks_broken"
SHIPPED = [r["id"] for r in list_frameworks()]


def test_list_frameworks_lists_every_kind():
    rows = list_frameworks()
    kinds = {r["kind"] for r in rows}
    assert kinds == set(KINDS)
    ids = {r["id"] for r in rows}
    assert {"un_egdi", "epi", "gtmi", "oecd_dgi", "eu_egov_benchmark", "azerbaijan_proposal",
            "azerbaijan_today", "singapore", "estonia", "strategic_structure", "un_stages",
            "layne_lee", "gartner"} <= ids
    assert all(Path(r["path"]).is_file() for r in rows)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_framework_loads_and_round_trips(name):
    fw = load_framework(name)
    assert fw.id == name == Path(fw.path).stem
    assert fw.name["en"] and fw.name["az"]
    assert framework_from_dict(fw.to_dict()) == fw


def test_un_egdi_structure_and_editions():
    fw = load_framework("un_egdi")
    assert isinstance(fw, CompositeFramework)
    assert fw.root == "egdi"
    assert [c.id for c in fw.children("egdi")] == ["osi", "hci", "tii"]
    assert {c.weight for c in fw.children("egdi")} == {1.0}
    assert fw.node("osi_pub").source == {"dataset": "un_egov", "indicator": "osi"}
    assert [g.min for g in fw.groups] == [0.0, 0.25, 0.5, 0.75]
    assert fw.classes["labels"]["very_high"] == ["VH", "V3", "V2", "V1"]
    assert fw.classes["approximation"] is True
    assert fw.editions[2020]["method_break"] is True
    assert len(fw.editions[2018]["sub_indicators"]["tii"]) == 5
    assert len(fw.editions[2020]["sub_indicators"]["tii"]) == 4
    assert fw.method == {"normalise": "none", "aggregate": "arithmetic_mean", "missing": "reweight"}


def test_gtmi_oecd_eu_structures():
    gtmi = load_framework("gtmi")
    assert [c.id for c in gtmi.children("gtmi")] == ["cgsi", "psdi", "dcei", "gtei"]
    assert [(g.id, g.min) for g in gtmi.groups] == [("d", 0.0), ("c", 0.25), ("b", 0.5), ("a", 0.75)]
    assert gtmi.group_of(0.5).id == "b" and gtmi.group_of(0.2499).id == "d"
    dgi = load_framework("oecd_dgi")
    assert len(dgi.children("dgi")) == 6
    assert {i.source["dataset"] for i in dgi.indicators} == {"oecd_dgi"}
    eu = load_framework("eu_egov_benchmark")
    assert eu.scale == {"min": 0, "max": 100}
    assert [i.source["indicator"] for i in eu.indicators] == ["e_gov_1_UC", "e_gov_2_TR", "e_gov_3_KE",
                                                              "e_gov_4_CB"]


def test_azerbaijan_proposal_components():
    m = load_framework("azerbaijan_proposal")
    assert isinstance(m, CountryModel)
    assert m.node("ict_ministry").name["az"] == "Rabitə və İnformasiya Texnologiyaları Nazirliyi"
    assert m.node("egov_gateway").type == "platform"
    # the seven duties of section 2.2; the first is to *achieve* the targets ("müəyyən hədəfləri əldə etmək")
    assert {n.id for n in m.nodes_of_type("duty")} == {
        "duty_achieve_targets", "duty_research_evaluate", "duty_decide_questions", "duty_overall_view",
        "duty_work_as_whole", "duty_coordinate_projects", "duty_prevent_waste"}
    assert m.node("azerspace1").date == "2013-02-08"
    assert m.node("national_ict_strategy").start == "2003"


def test_factual_nodes_carry_sources():
    for name in ("azerbaijan_today", "singapore", "estonia"):
        m = load_framework(name)
        assert m.status in ("current", "reference")
        assert {n.basis for n in m.nodes} == {"source"}, name
        missing = [n.id for n in m.nodes if not (n.source or n.sources)]
        assert missing == [], name
        urls = [s["url"] for n in m.nodes for s in n.sources] + [n.source for n in m.nodes if n.source]
        assert all(u.startswith("http") or "paper" in u for u in urls), name


def test_rubric_and_profiles():
    r = load_framework("strategic_structure")
    assert isinstance(r, Rubric)
    assert [d.id for d in r.dimensions] == ["direction", "implementation", "enablers", "governance"]
    assert {c.id for c in r.criteria_of("enablers")} == {
        "legal_enabler", "organisational_enabler", "technical_enabler", "human_enabler", "financial_enabler"}
    assert all(set(c.levels) == {0, 1, 2, 3, 4} and all(v["en"] and v["az"] for v in c.levels.values())
               for c in r.criteria)
    assert set(r.profiles) == {"singapore_dgb", "azerbaijan_2003_2012", "paper_proposal"}
    assert {s["level"] for s in r.profiles["singapore_dgb"].values()} == {4}
    assert r.profiles["azerbaijan_2003_2012"]["architecture_diagrams"]["level"] == 0
    assert r.profile_info["paper_proposal"]["kind"] == "expert_judgement"
    assert r.profile_info["paper_proposal"]["editable"] is True


def test_stage_models_place_countries():
    assert isinstance(load_framework("gartner"), StageModel)
    sg = load_framework("singapore").capabilities()
    az = load_framework("azerbaijan_proposal").capabilities()
    assert load_framework("gartner").place(capabilities=sg).id == "optimizing"
    assert load_framework("gartner").place(capabilities=az).id == "initial"
    un = load_framework("un_stages")
    assert un.place({"un_egdi.osi": 0.3}, az).id == "enhanced"
    assert un.place({"un_egdi.osi": 0.9}, sg | {"e_payment"}).id == "connected"
    assert un.place({}, set()) is None


def _problems(name):
    with pytest.raises(FrameworkError) as info:
        load_framework(BROKEN / f"{name}.yaml")
    return info.value, [str(i) for i in info.value.issues]


def test_composite_errors_are_all_reported():
    err, lines = _problems("bad_composite")
    assert str(err).startswith("tests/frameworks_broken/bad_composite.yaml: 6 problems\n  ")
    assert "name (line 3): expected a name in en and az, found no 'az'" in lines
    assert ("components[pillar].weigth (line 7): expected one of id, name, parent, weight, aggregate, "
            "normalise, missing, description, note, rescale, code, found unknown key 'weigth' (did you mean 'weight'?)") in lines
    assert any(line.startswith("components[pillar].id (line 8): expected ids unique") and
               "duplicate id 'pillar'" in line for line in lines)
    assert "indicators[a].weight (line 11): expected a number >= 0, found -1" in lines
    assert any(line.startswith("indicators[b].parent (line 12): expected a component id") and
               "found unknown reference 'pilar' (did you mean 'pillar'?)" in line for line in lines)
    assert ("components[empty] (line 9): expected at least one child weight > 0 under 'empty', "
            "found all weights zero") in lines


def test_model_errors_are_all_reported():
    with pytest.raises(FrameworkError, match=r"bad_model.yaml: 5 problems"):
        load_framework(BROKEN / "bad_model.yaml")
    _, lines = _problems("bad_model")
    assert "nodes[portal].name (line 10): expected a name in en and az, found no 'az'" in lines
    assert any("relations[2].to (line 14)" in x and "unknown reference 'services'" in x for x in lines)
    assert ("relations[3].to (line 15): expected an indicator of a composite framework in frameworks/, "
            "found 'un_egdi.osx': framework 'un_egdi' defines no 'osx' (did you mean 'osi'?)") in lines
    assert any("'no_such_index.osi': no composite framework 'no_such_index'" in x for x in lines)
    assert ("relations[1] (line 13): expected reporting lines without cycles, "
            "found cycle council -> ministry -> council") in lines


def test_basis_citation_and_date_errors_are_all_reported():
    with pytest.raises(FrameworkError, match=r"bad_basis.yaml: 15 problems"):
        load_framework(BROKEN / "bad_basis.yaml")
    _, lines = _problems("bad_basis")
    assert "citations.src_a.verified (line 8): expected true or false, found 'yes please'" in lines
    assert ("nodes[council] (line 10): expected a 'section' with basis paper (the paper's words and where they "
            "stand), found no 'section'") in lines
    assert ("nodes[ministry].basis (line 11): expected one of paper, source, inferred, found 'sorce' "
            "(did you mean 'source'?)") in lines
    assert ("nodes[portal].sources[0] (line 12): expected the id of a citation of the file's 'citations:', "
            "found unknown citation 'src_b' (did you mean 'src_a'?)") in lines
    assert "nodes[old_portal] (line 13): expected a one-line 'reason' with basis inferred, found no 'reason'" in lines
    assert "nodes[old_portal].until (line 13): expected a date not before since (2015), found 2012" in lines
    assert ("nodes[new_portal].since (line 14): expected a date, or null with a 'since_note' saying why none is "
            "given, found null and no 'since_note'") in lines
    assert any(x.startswith("nodes[new_portal].replaces[0] (line 14): expected a node id of this model")
               and x.endswith("found unknown reference 'old_portl' (did you mean 'old_portal'?)") for x in lines)
    assert any(x.startswith("nodes[aim].type (line 15)") and x.endswith("found 'principal' (did you mean 'principle'?)")
               for x in lines)
    assert "nodes[aim] (line 15): expected a key 'basis' (paper, source, inferred), found no 'basis'" in lines
    assert "nodes[fact].quote (line 20): expected the paper's words: a non-empty text or a list of them, found ''" in lines
    assert "nodes[fact].erratum (line 22): expected a key 'sources', found no 'sources'" in lines
    assert any(x.startswith("relations[1].type (line 25)") and x.endswith("(did you mean 'influences'?)") for x in lines)
    assert "relations[2] (line 26): expected 'sources' (citations) with basis source, found no 'sources'" in lines


def test_realisation_map_errors_are_all_reported():
    _, lines = _problems("bad_realisation")
    assert len(lines) == 6
    assert any(x.startswith("entries[0].element (line 8): expected an element of the proposal")
               and x.endswith("(did you mean 'it_supreme_council'?)") for x in lines)
    assert any(x.startswith("entries[1].realised_by[0] (line 13): expected a node id of the current model")
               and x.endswith("(did you mean 'ict_ministry'?)") for x in lines)
    assert "entries[1].status_hint (line 14): expected one of realised, partly, not, superseded, found 'done'" in lines
    assert ("entries[1].evidence (line 15): expected a non-empty list of citations (mappings with title and url) "
            "or citation ids, found an empty list") in lines
    assert ("excluded[0].element (line 17): expected each proposal element listed once, found 'ict_ministry' again "
            "(first at entries[1].element (line 12))") in lines
    assert any(x.startswith("entries (line 7): expected every proposal element under entries, unassessed or "
                            "excluded, found 73 not listed: technical_model") for x in lines)
    doc = (BROKEN / "bad_realisation.yaml").read_text(encoding="utf-8").replace("current: azerbaijan_today",
                                                                                "current: azerbaijan_todya")
    issues = validate_document(safe_load(doc), resolve=registry._resolver([FRAMEWORKS_DIR]))
    assert ("current: expected the id of the current country model in frameworks/, found no country model "
            "'azerbaijan_todya'") in [str(i) for i in issues]


def test_shipped_realisation_map_lists_every_proposal_element_once():
    r = load_framework("azerbaijan_realisation")
    proposal = load_framework("azerbaijan_proposal")
    listed = [e.element for e in r.entries] + list(r.unassessed) + list(r.excluded)
    assert sorted(listed) == sorted(n.id for n in proposal.nodes)
    assert (len(r.entries), len(r.unassessed), len(r.excluded)) == (45, 4, 25)
    assert all(e.evidence for e in r.entries)


def test_rubric_and_stage_errors():
    _, lines = _problems("bad_rubric")
    assert "dimensions (line 7): expected at least one dimension weight > 0, found all weights zero" in lines
    assert "criteria[c1].levels (line 14): expected evidence for every level [0, 1], found none for level 1" in lines
    assert "profiles[p].scores.c1.level (line 21): expected one of 0, 1, found 7" in lines
    _, lines = _problems("bad_stage_model")
    assert ("stages[one].rule.capability (line 5): expected a capability tag, found unknown tag 'e_paymnt' "
            "(did you mean 'e_payment'?)") in lines
    assert "stages[two].order (line 6): expected a unique order, found 1 again (also stage 1)" in lines


def test_yaml_syntax_error_has_line():
    with pytest.raises(FrameworkError, match=r"not_yaml.yaml: 1 problem\n  line 4, column 1: expected valid YAML"):
        load_framework(BROKEN / "not_yaml.yaml")


def test_unknown_kind_and_unknown_name():
    issues = validate_document({"id": "x", "kind": "compsite", "name": {"en": "X", "az": "X"}})
    assert [str(i) for i in issues] == [
        "kind: expected one of composite, country_model, evidence_map, realisation, rubric, stage_model, strategy, "
        "found 'compsite' "
        "(did you mean 'composite'?)"]
    with pytest.raises(FrameworkError, match=r"found 'nope' \(known: .*un_egdi"):
        load_framework("nope")


def test_dropped_in_file_works(tmp_path):
    text = (FRAMEWORKS_DIR / "epi.yaml").read_text(encoding="utf-8").replace("id: epi\n", "id: my_epi\n", 1)
    path = tmp_path / "my_epi.yaml"
    path.write_text(text, encoding="utf-8")
    fw = load_framework(path)
    assert fw.id == "my_epi" and fw.root == "epi"
    assert [r["id"] for r in list_frameworks(tmp_path)] == ["my_epi"]


def test_id_must_match_file_name(tmp_path):
    path = tmp_path / "other.yaml"
    path.write_text((FRAMEWORKS_DIR / "epi.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"id \(line 1\): expected the file name without .yaml \('other'\), "
                                             r"found 'epi'"):
        load_framework(path)


def test_pipeline_and_factor_errors_are_located():
    """A composite's steps, pipelines and uncertain factors are checked like the rest (located, did-you-mean)."""
    err, lines = _problems("bad_steps")
    assert str(err).startswith("tests/frameworks_broken/bad_steps.yaml: 13 problems\n  "), str(err)
    expected = [
        "indicators[b].source (line 9): expected dataset and indicator (the bundled store) or column (a column of "
        "the table given), found keys dataset",
        "steps.impute (line 11): expected a 'group' column for a group method, found no 'group'",
        "steps.screen.dat_thresh (line 12): expected a number from 0 to 1, found 1.5",
        "steps.screen.unit_screen (line 12): expected one of byNA, byzeros, byNAandzeros, none, found 'byNAs' "
        "(did you mean 'byNA'?)",
        "steps.treat.winmax (line 13): expected a whole number >= 0 or null (no limit), found 2.5",
        "steps.treat.f2 (line 13): expected one of log_CT, log_CT_plus, log_CT_orig, log_GII, boxcox, found "
        "'log_ct' (did you mean 'log_CT'?)",
        "steps.normalise.ddof (line 14): expected a parameter of minmax (l_u, lo, hi), found unknown key 'ddof'",
        "steps.aggregate.method (line 15): expected one method per aggregation level (2, from the bottom), found 3",
        "uncertainty.factors[2].noise[7] (line 23): expected a level of the tree (1 = indicators … 3), found 7",
        "uncertainty.factors[3].name (line 24): expected factor names unique, found duplicate 'N'",
    ]
    for line in expected:
        assert line in lines, (line, lines)
    assert any(x.startswith("pipelines.full.normalise.method (line 18): expected one of none, minmax") and
               "found 'n_zscor' (did you mean 'n_zscore'?)" in x for x in lines), lines
    assert any(x.startswith("uncertainty.factors[1].values[0][0] (line 22): expected an indicator id") and
               "unknown reference 'c'" in x for x in lines), lines
    assert any(x.startswith("uncertainty.factors[3].values[0] (line 24)") and "'a_median'" in x for x in lines), lines


def test_examples_are_registered_by_id():
    """frameworks/examples/ holds COINr's ASEM example: loaded by id, listed as an example, never by path."""
    rows = {r["id"]: r for r in list_frameworks()}
    assert rows["asem"]["example"] is True and rows["un_egdi"]["example"] is False
    fw = load_framework("asem")
    assert fw.root == "index" and len(fw.indicators) == 49 and set(fw.pipelines) == {"full"}
    assert fw.node("flights").denominator == "Population" and fw.node("conn").code == "Conn"
    assert [f["name"] for f in fw.uncertainty["factors"]] == ["Winmax", "Normalisation", "Weights", "Aggregation"]
    with pytest.raises(FrameworkError, match="never read as a path"):
        load_framework("frameworks/examples/asem.yaml")
def test_evidence_map_errors_are_all_reported():
    with pytest.raises(FrameworkError, match=r"bad_evidence_map.yaml: 7 problems"):
        load_framework(BROKEN / "bad_evidence_map.yaml")
    _, lines = _problems("bad_evidence_map")
    assert "year_policy.max_lag (line 4): expected a whole number of years >= 0, found -1" in lines
    assert any(x.startswith("evidence.gtmi_i1.source (line 6): expected one of un_egov, wb_gtmi, wb_gtmi_indicators")
               and "found 'wb_gtmi_indicator' (did you mean 'wb_gtmi_indicators'?)" in x for x in lines)
    assert "evidence.gtmi_i30.editions (line 7): expected a list of years, found a list" in lines
    assert any(x.startswith("capabilities.e_participation.present.ev (line 10): expected an evidence id of this file")
               and "found unknown reference 'gtmi_i03' (did you mean 'gtmi_i30'?)" in x for x in lines)
    assert ("capabilities.e_participation.absent (line 11): expected exactly one comparison of min, max, eq, gt, lt, "
            "found eq, min") in lines
    assert any(x.startswith("capabilities.cloud_infrastucture (line 13): expected a capability tag") and
               "(did you mean 'cloud_infrastructure'?)" in x for x in lines)
    assert ("not_modelled.e_participation (line 17): expected each capability in one section, found "
            "'e_participation' also in capabilities") in lines


def test_shipped_evidence_map_covers_every_tag_of_the_four_models():
    em = load_framework("capability_evidence")
    for model in ("azerbaijan_proposal", "azerbaijan_today", "singapore", "estonia"):
        for tag in load_framework(model).capabilities():
            assert em.coverage(tag) is not None, (model, tag)
    assert [r.capability for r in em.rules][:3] == ["cloud_infrastructure", "data_exchange", "single_portal"]
    assert em.max_lag == 2 and em.editions_from["wb_gtmi_indicators"] == "gtmi"
    assert em.item("gtmi_i40").editions == (2020, 2022)  # I-40 asks another question from 2025


def test_an_impute_method_that_is_not_a_text_is_refused_by_name():
    """Fuzzing found a list as the impute method raising TypeError (unhashable) instead of a located problem."""
    doc = load_framework("asem").to_dict()
    doc["steps"] = {"impute": {"method": ["group_mean"]}}
    with pytest.raises(FrameworkError, match=r"steps\.impute\.method: expected one of reweight, .* found a list"):
        framework_from_dict(doc)

"""Frameworks as data: every shipped file validates; broken files report every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    assert {n.id for n in m.nodes_of_type("duty")} == {
        "duty_set_targets", "duty_research_evaluate", "duty_decide_questions", "duty_overall_view",
        "duty_coordinate_projects", "duty_prevent_waste"}
    assert m.node("azerspace1").date == "2013-02-08"
    assert m.node("national_ict_strategy").start == "2003"


def test_factual_nodes_carry_sources():
    for name in ("azerbaijan_today", "singapore", "estonia"):
        m = load_framework(name)
        assert m.status in ("current", "reference")
        missing = [n.id for n in m.nodes if not n.source]
        assert missing == [], name
        assert all(n.source.count("http") >= 1 or "paper" in n.source.lower() for n in m.nodes)


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
            "normalise, missing, description, note, rescale, found unknown key 'weigth' (did you mean 'weight'?)") in lines
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
        "kind: expected one of composite, country_model, rubric, stage_model, strategy, found 'compsite' "
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

"""Model graphs: structure of the shipped models, checks, analytics, exports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from assess.errors import ModelGraphError
from assess.frameworks import list_frameworks
from assess.frameworks.vocabulary import ARCHIMATE_TYPES
from assess.model.analytics import (
    coordination_load,
    indicators_driven,
    reporting_depth,
    reporting_tree,
    root_of,
    services_per_platform,
    single_points_of_failure,
    span_of_control,
)
from assess.model.archimate import ARCHIMATE_NS, RELATIONSHIP_TYPES, XSI_NS, to_archimate
from assess.model.build import build_graph
from assess.model.checks import check_graph, check_model_graph
from assess.model.compare import align, diff
from assess.model.graph_io import read_graph, write_graph
from assess.model.layout import cytoscape_elements, org_chart_layout

MODELS = [r["id"] for r in list_frameworks() if r["kind"] == "country_model"]
ALL = [r["id"] for r in list_frameworks()]
FIVE = {"gd_information_law", "it_coordination_council", "gd_technology_education",
        "standardisation_testing_council", "egov_support_council"}


@pytest.fixture(scope="module")
def proposal():
    return build_graph("azerbaijan_proposal")


def test_proposal_root_ministry_and_five_bodies(proposal):
    assert root_of(proposal) == "it_supreme_council"
    T = reporting_tree(proposal)
    assert list(T.successors("it_supreme_council")) == ["ict_ministry"]
    assert set(T.successors("ict_ministry")) == FIVE
    assert span_of_control(proposal) == {"ict_ministry": 5, "it_supreme_council": 1}
    assert reporting_depth(proposal)["egov_support_council"] == 2


def test_proposal_ecitizen_model_serves_four_user_groups(proposal):
    served = {v for _, v, k in proposal.out_edges("ecitizen_model", keys=True) if k == "serves"}
    assert served == {"citizens", "foreigners", "businesses", "ngos"}
    assert all(proposal.nodes[n]["type"] == "user_group" for n in served)
    parts = {u for u, _, k in proposal.in_edges("service_section", keys=True) if k == "part_of"}
    assert parts == {"ecitizen_model", "egov_gateway"}
    enablers = {u for u, _, k in proposal.in_edges("ecitizen_model", keys=True) if k == "enables"}
    assert {"mia_passport_system", "biometrics", "mobile_esignature", "id_cards"} <= enablers


@pytest.mark.parametrize("name", MODELS)
def test_shipped_models_pass_checks(name):
    G = build_graph(name)
    assert check_graph(G) == []
    assert check_model_graph(G) is G
    assert nx.is_arborescence(reporting_tree(G))


@pytest.mark.parametrize("name", ALL)
def test_every_framework_builds_a_graph(name):
    G = build_graph(name)
    assert G.number_of_nodes() > 0
    assert G.graph["id"] == name


def test_composite_graph_is_a_weighted_tree():
    G = build_graph("oecd_dgi")
    assert nx.is_arborescence(nx.DiGraph(G))
    assert G.out_degree("dgi") == 6
    assert G.nodes["proactiveness_pub"]["dataset"] == "oecd_dgi"


def test_checks_report_each_rule(proposal):
    G = proposal.copy()
    G.nodes["egov_support_council"]["mandate"] = []
    G.remove_edge("duty_achieve_targets", "ict_ministry", key="assigned_to")
    for u in ("citizens", "foreigners", "businesses", "ngos"):
        G.remove_edge(u, "egov_gateway", key="uses")
    G.add_node("lonely_agency", type="agency", mandate=["nothing"])
    lines = [str(i) for i in check_graph(G)]
    assert "nodes[egov_support_council].mandate: expected a mandate for every body, found none" in lines
    assert "nodes[duty_achieve_targets]: expected a duty assigned to a body, found none" in lines
    assert any(x.startswith("nodes[egov_services]: expected a service reachable from some user group") for x in lines)
    assert ("nodes[lonely_agency]: expected a body linked to the organisation (root 'it_supreme_council'), "
            "found an orphan body") in lines
    with pytest.raises(ModelGraphError, match=r"azerbaijan_proposal: 4 problems"):
        check_model_graph(G)


def test_two_roots_rejected(proposal):
    G = proposal.copy()
    G.remove_edge("ict_ministry", "it_supreme_council", key="reports_to")
    G.add_edge("it_supreme_council", "mia_passport_department", key="reports_to", relation="reports_to")
    G.add_node("interior", type="ministry", mandate=["x"])
    G.add_edge("ict_ministry", "interior", key="reports_to", relation="reports_to")
    with pytest.raises(ModelGraphError, match=r"reporting hierarchy: expected a tree with one root, found 2 roots"):
        check_model_graph(G)


def test_analytics(proposal):
    assert coordination_load(proposal, top=1) == [("ict_ministry", coordination_load(proposal)[0][1])]
    spof = single_points_of_failure(proposal)
    assert {"ict_ministry", "egov_gateway", "ecitizen_model"} <= set(spof["articulation_points"])
    assert ("egov_gateway", "egov_services") in spof["bridges"]
    assert services_per_platform(proposal)["service_section"] == ["ecitizen_registration", "egov_services"]
    driven = indicators_driven(proposal)
    assert driven["egov_gateway"] == ["gtmi.psdi", "un_egdi.osi"]
    assert driven["gd_technology_education"] == ["un_egdi.hci"]
    assert proposal.nodes["un_egdi.osi"]["type"] == "indicator"
    assert proposal.nodes["un_egdi.osi"]["name"]["en"] == "Online Service Index"


def test_alignment_with_singapore_lists_missing_capabilities(proposal):
    a = align(build_graph("singapore"), proposal)
    missing = a["only_a"]
    for tag, nodes in {"consented_data_sharing": ["myinfo"], "life_event_services": ["birth_registration", "lifesg"],
                       "central_digital_agency": ["govtech"], "e_payment": ["gov_epayments"],
                       "open_data": ["data_gov_sg"], "once_only": ["myinfo"]}.items():
        assert missing[tag] == nodes
    assert a["only_b"]["biometric_identity"] == ["biometrics"]
    assert a["common"]["single_portal"] == {"a": ["gov_portal"], "b": ["egov_gateway"]}


def test_diff_proposal_vs_today(proposal):
    d = diff(proposal, build_graph("azerbaijan_today"))
    assert {"asan_agency", "egov_development_center", "mygov"} <= set(d["added_nodes"])
    assert FIVE | {"it_supreme_council"} <= set(d["removed_nodes"])
    assert d["changed_nodes"]["ict_ministry"]["name"][0]["en"] == "Ministry of Communications and Information Technologies"
    assert ("ict_ministry", "reports_to", "it_supreme_council") in d["removed_edges"]
    assert ("egov_gateway", "delivers", "egov_services") not in d["added_edges"] + d["removed_edges"]


def test_org_chart_layout(proposal):
    pos = org_chart_layout(proposal)
    assert set(pos) == set(proposal)
    assert len(set(pos.values())) == len(pos)
    five_x = sorted(pos[n][0] for n in FIVE)
    assert pos["ict_ministry"][0] == (five_x[0] + five_x[-1]) / 2
    assert {pos[n][1] for n in FIVE} == {240.0}
    els = cytoscape_elements(proposal, pos)
    assert sum("position" in e for e in els) == proposal.number_of_nodes()
    assert sum("source" in e["data"] for e in els) == proposal.number_of_edges()


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
@pytest.mark.parametrize("name", MODELS)
def test_exports_round_trip(tmp_path, name, fmt):
    G = build_graph(name)
    H = read_graph(write_graph(G, tmp_path / f"m.{fmt}"))
    assert nx.utils.graphs_equal(G, H)
    assert H.graph == G.graph
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))


def test_graphml_keeps_lists_and_names(tmp_path, proposal):
    path = write_graph(proposal, tmp_path / "p.graphml")
    assert "json:" in path.read_text(encoding="utf-8")
    H = read_graph(path)
    assert H.nodes["it_supreme_council"]["mandate"] == proposal.nodes["it_supreme_council"]["mandate"]
    assert H.nodes["ict_ministry"]["capabilities"] == ["ict_ministry"]
    assert H.nodes["ecitizen_model"]["verified"] is True


@pytest.mark.parametrize("name", MODELS)
def test_archimate_structure(tmp_path, name):
    G = build_graph(name)
    path = write_graph(G, tmp_path / "m.xml", "archimate")
    root = ET.parse(path).getroot()
    ns = {"a": ARCHIMATE_NS}
    xsi_type = f"{{{XSI_NS}}}type"
    assert root.tag == f"{{{ARCHIMATE_NS}}}model"
    assert [c.tag.split("}")[1] for c in root] == ["name", "documentation", "elements", "relationships",
                                                  "organizations", "propertyDefinitions", "views"]
    elements = root.findall("a:elements/a:element", ns)
    relationships = root.findall("a:relationships/a:relationship", ns)
    assert len(elements) == G.number_of_nodes() and len(relationships) == G.number_of_edges()
    assert all(e.get(xsi_type) in ARCHIMATE_TYPES for e in elements)
    assert all(r.get(xsi_type) in RELATIONSHIP_TYPES for r in relationships)
    ids = [el.get("identifier") for el in root.iter() if el.get("identifier")]
    assert len(ids) == len(set(ids))
    element_ids = {e.get("identifier") for e in elements}
    assert all(r.get("source") in element_ids and r.get("target") in element_ids for r in relationships)
    props = {p.get("identifier") for p in root.findall("a:propertyDefinitions/a:propertyDefinition", ns)}
    assert {p.get("propertyDefinitionRef") for p in root.iter(f"{{{ARCHIMATE_NS}}}property")} <= props
    view = root.find("a:views/a:diagrams/a:view", ns)
    view_nodes = {n.get("identifier") for n in view.findall("a:node", ns)}
    assert {n.get("elementRef") for n in view.findall("a:node", ns)} == element_ids
    assert all(c.get("source") in view_nodes and c.get("target") in view_nodes for c in view.findall("a:connection", ns))
    refs = {i.get("identifierRef") for i in root.iter(f"{{{ARCHIMATE_NS}}}item") if i.get("identifierRef")}
    assert refs == element_ids | {r.get("identifier") for r in relationships}


def test_archimate_mapping(proposal):
    root = ET.fromstring(to_archimate(proposal).encode())
    ns = {"a": ARCHIMATE_NS}
    xsi_type = f"{{{XSI_NS}}}type"
    by_id = {e.get("identifier"): e for e in root.findall("a:elements/a:element", ns)}
    assert by_id["id-el-it_supreme_council"].get(xsi_type) == "BusinessActor"
    assert by_id["id-el-egov_gateway"].get(xsi_type) == "ApplicationComponent"
    assert by_id["id-el-service_section"].get(xsi_type) == "Grouping"
    rels = {(r.get("source"), r.get("target")): r.get(xsi_type) for r in root.findall("a:relationships/a:relationship", ns)}
    assert rels[("id-el-it_supreme_council", "id-el-ict_ministry")] == "Composition"
    assert rels[("id-el-ict_ministry", "id-el-duty_achieve_targets")] == "Assignment"
    assert rels[("id-el-egov_gateway", "id-el-egov_services")] == "Realization"
    name_az = [v.text for v in by_id["id-el-ict_ministry"].iter(f"{{{ARCHIMATE_NS}}}value")
               if v.get("{http://www.w3.org/XML/1998/namespace}lang") == "az"]
    assert name_az == ["Rabitə və İnformasiya Texnologiyaları Nazirliyi"]


def test_node_link_json_is_plain_json(tmp_path, proposal):
    path = write_graph(proposal, tmp_path / "p.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"nodes", "edges"} <= set(data)
    assert any(e["key"] == "measured_by" and e["target"] == "gtmi.psdi" for e in data["edges"])


@pytest.mark.parametrize("name", MODELS)
def test_org_chart_rows_wrap(name):
    from collections import Counter

    G = build_graph(name)
    pos = org_chart_layout(G)
    tree = reporting_tree(G)  # the reporting tree is drawn as a tree (one level per depth), the rows below wrap
    assert max(Counter(y for n, (_, y) in pos.items() if n not in tree).values()) <= 6
    assert len(set(pos.values())) == len(pos)
    assert max(Counter(y for _, y in org_chart_layout(G, max_per_row=3).values()).values()) <= max(
        3, max(Counter(y for n, (_, y) in pos.items() if n in reporting_tree(G)).values()))

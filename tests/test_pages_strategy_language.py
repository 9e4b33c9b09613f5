"""The Strategy and Structure pages' plain functions in Azerbaijani (no browser); English output unchanged."""

from __future__ import annotations

import base64
import re

import dash
import pytest

if not dash.page_registry:  # pages register themselves; a bare Dash app with use_pages makes that legal
    dash.Dash(__name__, use_pages=True, pages_folder="")

from assess.errors import AssessError
from assess.frameworks import list_frameworks
from assess.strategy import store
from assess.strategy.checks import check_strategy
from pages import strategy as strategy_page
from pages import structure as page
from tests.test_pages_model_strategy import text_of
from ui import strategy_extras as extras

STRATEGIES = [r["id"] for r in list_frameworks() if r["kind"] == "strategy"]
#: English words of the findings' own wording (element names and ids may quote English, these may not).
ENGLISH = re.compile(r"\b(has no|serves no|measures no|is not explained|never spelt|points at|does not say)\b")


@pytest.mark.parametrize("sid", STRATEGIES)
def test_every_finding_says_itself_in_azerbaijani_and_keeps_its_english(sid):
    for f in check_strategy(sid):
        assert f.message_in("en") == f.message
        az = f.message_in("az")
        assert az and (az[0].isupper() or not az[0].isalpha()) and not ENGLISH.search(az), (f.rule, az)


def test_the_structure_page_in_azerbaijani():
    els = {e["data"]["id"]: e for e in page.elements("azerbaijan_digital_2026", "az")}
    assert els["azerbaijan_digital_2026.vision"]["data"]["label"].startswith("Rəqəmsal imkanlarla")
    rings = [e["data"]["label"] for e in els.values() if "ring" in e.get("classes", "")]
    assert "Strateji istiqamətlər" in rings and "Əsas göstəricilər və fəaliyyət nöqtələri" in rings
    drawing, side, compare = page.render("azerbaijan_ict_2003_2012", "singapore_dgb", "az")
    text = text_of([drawing, side, compare])
    for said in ("müddəti bitib", "Strukturun sübut etdiyi səviyyələr", "Strategiyada vizyon göstərilmir",
                 "İstinad: Sinqapur", "Yan-yana", "Təsdiqlənmiş elementlər", "Vizyon", "ekspert rəyi"):
        assert said in text, said
    assert "İstinadsız" in text_of([o["label"] for o in page.reference_options("az")])
    titles = str(page.levels_table("azerbaijan_digital_2026", None, "az"))  # the tooltips: why each level
    assert "4-cü səviyyə üçün lazımdır: diaqram vizyonu və bütün istiqamətləri göstərir" in titles
    assert "aralarında göstərilmiş əlaqə yoxdur" in titles and "needs:" not in titles
    details = text_of(page.element_details("singapore_dgb", "singapore_dgb.k_e_payment", "az"))
    assert "Əsas göstərici" in details and "Mənbə:" in details and "Nə çatışmır" in details
    assert "has no" not in details


def test_the_strategy_page_pieces_in_azerbaijani():
    assert strategy_page.level_text(3, "vision", "az") == \
        "3 · Müəyyən edilib: Vətəndaşlara və hökumətə yönəlmiş bir qısa vizyon bəyanatı."
    assert strategy_page.level_text(None, "vision", "az") == "Səviyyə seçilməyib."
    answers = {"vision": {"level": 3, "evidence": ""}, "goals_kpis": {"level": 1, "evidence": ""}}
    text = text_of(strategy_page.summary(answers, lang="az"))
    assert "İlk növbədə nəyi yaxşılaşdırmalı" in text and "səviyyə 0 → 4." in text and "Növbəti:" in text
    assert re.search(r"\d,\d\d", text)  # scores with the decimal comma
    fig = strategy_page.radar(answers, lang="az")
    assert fig.layout.separators == ",." and fig.data[0].name == "Sinqapur (istinad)"
    view = text_of(extras.computed_levels_view("singapore_dgb", answers, "az"))
    assert "Meyar" in view and "Sübut olunan" in view and "yalnız ekspert rəyi" in view


def test_messages_of_saving_and_deleting_in_azerbaijani(tmp_path):
    db = tmp_path / "a.sqlite3"
    empty = {"vision": {"level": None, "evidence": ""}}
    assert strategy_page.save(empty, name="x", country="AZE", db=db, lang="az")[2] == \
        "Saxlamazdan əvvəl ən azı bir meyar üçün səviyyə seçin."
    answers = {"vision": {"level": 3, "evidence": ""}}
    new_id, version, msg, colour = strategy_page.save(answers, name="Sınaq", country="AZE", user="leyla", db=db,
                                                      lang="az")
    assert msg.startswith(f"#{new_id} “Sınaq” qiymətləndirməsi kimi saxlanıldı (1-ci versiya).") and colour == "warning"
    store.save_assessment(store.load_assessment(new_id, db=db), name="Sınaq", country="AZE", id=new_id, version=1,
                          user="rashad", db=db)
    _, _, stale, colour = strategy_page.save(answers, name="Sınaq", country="AZE", current_id=new_id, version=1,
                                             user="leyla", db=db, lang="az")
    assert colour == "danger" and "rashad tərəfindən dəyişdirilib: yenidən yükləyin və ya yeni kimi saxlayın." in stale
    assert extras.is_stale_reload(stale, "az") and not extras.is_stale_reload(stale, "en")
    assert strategy_page.saved_options(db=db, lang="az")[0]["label"].startswith(f"#{new_id} Sınaq (AZE) · 1 meyar cavablandırılıb")
    english = strategy_page.save(answers, name="Sınaq", country="AZE", current_id=new_id, version=1, user="leyla",
                                 db=db)[2]
    assert "was changed by rashad at" in english and "reload, or save as new" in english


def test_upload_refusals_and_the_workbook_in_both_languages():
    with pytest.raises(AssessError, match="Fayl alınmadı"):
        strategy_page.read_upload(None, "x.xlsx", "az")
    big = "data:application/octet-stream;base64," + base64.b64encode(b"0" * 5_100_000).decode()
    with pytest.raises(AssessError, match=r"x.xlsx: təxminən 5\.100\.000 bayt — bu, MAX_UPLOAD_BYTES = 5\.000\.000"):
        strategy_page.read_upload(big, "x.xlsx", "az")
    assert extras.template_file_name("strategic_structure", "az") == "strategic_structure_template_az.xlsx"
    assert extras.template_file_name("strategic_structure", "en") == "strategic_structure_template.xlsx"
    assert strategy_page.template_bytes("az")[:2] == b"PK"

"""The ministry report and the self-assessment workbook in Azerbaijani: real cells of a report made with ``lang="az"``.

Sheet names within Excel's 31 characters (none cut), headers, narrative, sources and method notes in Azerbaijani,
numbers stored as numbers with formats tagged with the Azerbaijani locale, and LibreOffice showing them with the
decimal comma. The workbook's template in both languages is read back whatever the language of its labels.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest

from assess.reports.country import report, save_workbook
from assess.strategy.workbook import make_template, read_assessment

FIXED = dt.datetime(2024, 9, 17)
SHEETS_AZ = ["Xülasə", "Ballar", "Dinamika", "Müqayisə", "Fərqlər", "Model", "GTMI və sübutlar", "Nə həyata keçdi",
             "İllər üzrə nə həyata keçdi", "Strategiya qiymətləndirməsi", "Strategiyanın strukturu", "Dayanıqlıq",
             "Metod və mənbələr"]


@pytest.fixture(scope="module")
def az():
    return report("AZE", compare=["SGP", "EST", "KOR"], edition=2024, lang="az", model="azerbaijan_proposal",
                  assessment="azerbaijan_2003_2012", fixed_date=FIXED)


def _texts(ws, col=None):
    cells = ws[col] if col else [c for row in ws.iter_rows() for c in row]
    return [c.value for c in cells if isinstance(c.value, str)]


def _row(ws, first):
    return next(r for r in ws.iter_rows(values_only=True) if r[0] == first)


def test_sheet_names_are_azerbaijani_and_whole(az):
    assert az.sheetnames == SHEETS_AZ
    assert all(len(s) <= 31 for s in az.sheetnames)
    assert "Strategiya qiymətləndirməsi" in az.sheetnames  # the old name was 32 characters and lost its last letter


def test_summary_headline_and_narrative(az):
    ws = az["Xülasə"]
    assert ws["A1"].value == "Elektron hökumətin qiymətləndirilməsi: Azərbaycan"
    assert [ws[f"A{r}"].value for r in range(3, 8)] == ["Ölkə", "Müqayisə olunan ölkələr", "İstifadə olunan nəşrlər",
                                                        "Mənbələr", "Tarix"]
    assert ws["B4"].value == "Sinqapur (SGP), Estoniya (EST), Koreya Respublikası (KOR)"
    assert ws["B5"].value.startswith("BMT-nin Elektron Hökumət Sorğusu 2024; 2003, 2004")
    assert ws["B6"].value.startswith("BMT-nin İqtisadi və Sosial Məsələlər Departamenti (DESA) (un_egov); Dünya Bankı")
    assert ws["B7"].value == dt.date(2024, 9, 17) and ws["B7"].number_format == "[$-42C]d mmmm yyyy"
    assert (ws["A11"].value, ws["B11"].value, ws["B11"].number_format) == \
        ("Elektron Hökumətin İnkişafı İndeksi (EGDI)", 0.76073, "[$-42C]0.00000")
    assert (ws["A12"].value, ws["B12"].value, ws["C12"].value) == ("Yer", 74, "193 ölkə arasında 74-cü yer")
    assert _row(ws, "Qrup")[1] == "Çox yüksək"
    assert _row(ws, "Onlayn Xidmət İndeksi (OSI)")[1] == 0.73863
    assert _row(ws, "2022-ci ildən bəri yer dəyişikliyi")[1] == 9
    text = " ".join(_texts(ws, "A"))
    assert ("2024-cü ildə Azərbaycan EGDI üzrə 0,76073 bal toplayıb, 193 ölkə arasında 74-cü yerdədir, "
            "“Çox yüksək” qrupundadır (reytinq sinfi V1, təxmini).") in text
    assert "2022-ci ildən bəri EGDI +0,0670 dəyişib, yeri isə +9 pillə dəyişib." in text
    assert "Ən yaxşı müqayisə ölkəsindən (Estoniya) ən böyük geriləmə OSI üzrədir: 0,2567 bal." in text
    assert "4 baldan 1,46 (Sinqapur: 4,00)." in text  # the rubric's 17 criteria (issue 13)


def test_headers_of_the_tables(az):
    assert [c.value for c in az["Ballar"][1]] == ["ISO3", "Ölkə", "Nəşr", "EGDI", "Yer", "Qrup", "Reytinq sinfi",
                                                  "OSI", "HCI", "TII", "EPI"]
    assert _row(az["Ballar"], "AZE")[1:6] == ("Azərbaycan", 2024, 0.76073, 74, "Çox yüksək")
    gaps = az["Fərqlər"]
    assert [c.value for c in gaps[4]][:8] == ["İstinad", "EGDI", "EGDI fərqi", "OSI", "HCI", "TII", "Qalıq", "EPI"]
    frontier = _row(gaps, "Sərhəd (hər komponentin ən yaxşı dəyəri)")
    assert frontier[1] == pytest.approx(1.0, abs=1e-5)  # the best of each component (issue 15)
    target = _row(gaps, "50-ci yer")
    assert target[1:6:4] == ("OSI", "bəli") and target[3] == pytest.approx(0.97721, abs=1e-5)
    heads = [c.value for c in az["Model"][6]]
    assert heads == ["Komponent", "Növ", "Hazırlıq", "Sinqapurun hazırlığı", "Fərq",
                     "Göstəricilər (istifadə olunan il)", "Sinqapurun uyğun komponentləri", "Çatışmayan məlumat"]
    gateway = _row(az["Model"], "e-hökumət qapısı")  # the paper's own name; readiness (0.837 + 1.0) / 2 (issue 18)
    assert gateway[1] == "platforma" and gateway[2] == pytest.approx(0.918, abs=1e-3)
    assert az["Model"]["A2"].value == "azerbaijan_proposal · təklif · 2013 tarixinə"
    strategy = az["Strategiya qiymətləndirməsi"]
    assert _row(strategy, "Ümumi səviyyə")[1] == "1 (Qeyd edilib)"
    assert [c.value for c in az["Dayanıqlıq"][4]] == ["ISO3", "Ölkə", "Dərc olunmuş yer", "Ən yaxşı yer (5-ci persentil)",
                                                      "Median yer", "Ən pis yer (95-ci persentil)"]


def test_method_notes_and_sources(az):
    ws = az["Metod və mənbələr"]
    items = {r[0]: r[1] for r in ws.iter_rows(min_row=4, values_only=True) if r[0] and r[1]}
    assert items["Düstur"].startswith("EGDI = (OSI + HCI + TII) / 3; BMT hər komponenti")
    assert items["Qruplar və siniflər"].startswith("Çox yüksək: 0,75 və yuxarı")
    # the editions' notes of frameworks/un_egdi.yaml
    assert items["2020"] == ("TII dörd göstəricidən ibarətdir (stasionar telefon çıxarılıb); göstəricilərin yuxarı "
                             "həddi 100 sakinə 120-dir.")
    assert items["2008"].startswith("dərc olunmuş EGDI dərc olunmuş OSI, HCI, TII-nin ortası deyil (fərq 0,0136")
    sources = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0] in ("un_egov", "wb_gtmi")}
    assert sources["un_egov"][1].startswith("BMT-nin Elektron Hökumət Sorğusu: EGDI, OSI, HCI, TII, EPI və EGDI üzrə yer")
    assert sources["un_egov"][1].endswith("https://publicadministration.un.org/egovkb/en-us/Data-Center")
    assert sources["un_egov"][2] == ("BMT-nin İqtisadi və Sosial Məsələlər Departamenti (DESA), Dövlət İnstitutları "
                                     "və Rəqəmsal Hökumət Şöbəsi")
    assert sources["wb_gtmi"][3] == "CC BY 4.0 (Dünya Bankı)"
    assert [c.value for c in ws[3]][:2] == ["Bənd", "Mətn"]
    assert "egov-assess 0.1.0 ilə hazırlanıb" in _texts(ws, "A")
    assert az.properties.language == "az"


def test_numbers_stay_numbers_with_azerbaijani_formats(az):
    numbers = [(ws.title, c) for ws in az.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, int | float) and not isinstance(c.value, bool)]
    formatted = [c.number_format for _, c in numbers if c.number_format != "General"]
    assert len(formatted) > 300 and all(f.startswith("[$-42C]") for f in formatted)
    for ws in az.worksheets:  # no number written as text, whatever the decimal sign
        for text in _texts(ws):
            assert not re.fullmatch(r"[+-]?\d+[.,]\d+", text), (ws.title, text)
    egdi_axis = az["Dinamika"]._charts[0].y_axis.numFmt.formatCode
    assert egdi_axis == "[$-42C]0.00"


def test_english_report_keeps_plain_formats():
    wb = report("AZE", compare=["SGP"], fixed_date=FIXED)
    assert wb["Summary"]["B11"].number_format == "0.00000" and wb["Summary"]["B7"].number_format == "d mmmm yyyy"
    assert "Strategy assessment" in wb.sheetnames and "GTMI & evidence" in wb.sheetnames


# --------------------------------------------------------------------------- the self-assessment workbook
def test_template_in_azerbaijani():
    wb = make_template(lang="az")
    assert wb.sheetnames == ["Qiymətləndirmə", "Təlimat"]
    ws = wb["Qiymətləndirmə"]
    assert [c.value for c in ws[5]] == ["İd", "Ölçü", "Meyar", "Səviyyə", "Sübut", "Hər səviyyənin mənası"]
    assert ws["A2"].value == "Rubrika" and ws["A3"].value == "Şablonun versiyası"
    dv = ws.data_validations.dataValidation[0]
    assert dv.prompt == "0-dan 4-ə qədər səviyyə seçin." and dv.formula1.startswith('"0 – Yoxdur,1 – Qeyd edilib')
    help_ = wb["Təlimat"]
    lines = [c.value for c in help_["A"] if c.value]
    assert lines[0] == "Bu faylı necə doldurmaq lazımdır"
    assert ("2. Hər meyar üçün 'Səviyyə' sütunundakı açılan siyahıdan səviyyə seçin (0 = Yoxdur … 4 = Müəyyən edilib "
            "və istifadə olunur).") in lines
    meanings = {r[0]: r[1] for r in help_.iter_rows(values_only=True) if r[0] and r[1]}
    assert meanings["0 – Yoxdur"] == "Sənədlərdə heç nə yoxdur."  # the rubric's level descriptions, translated
    assert meanings["4 – Müəyyən edilib və istifadə olunur"].startswith("Aydın, tam, görünən")


@pytest.mark.parametrize("lang", ["en", "az"])
def test_either_language_is_read_back(lang):
    from assess.frameworks import load_framework

    answers = {c.id: {"level": i % 5, "evidence": f"e-{c.id}"}
               for i, c in enumerate(load_framework("strategic_structure").criteria)}
    buf = io.BytesIO()
    make_template(lang=lang, answers=answers).save(buf)
    got = read_assessment(buf.getvalue())
    assert got["answers"] == answers


def test_importer_takes_typed_levels_in_either_language():
    wb = make_template(lang="en")
    ws = wb["Assessment"]
    for r in range(6, 23):  # the rubric's 17 criteria
        ws.cell(r, 4).value = "Qismən" if r % 2 else "3 – Müəyyən edilib"
    buf = io.BytesIO()
    wb.save(buf)
    levels = {v["level"] for v in read_assessment(buf.getvalue())["answers"].values()}
    assert levels == {2, 3}


# --------------------------------------------------------------------------- what LibreOffice shows
def _pdf_text(xlsx, tmp_path, env=None):
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        pytest.fail("LibreOffice is not installed: `apt-get install libreoffice-calc-nogui` (make test does).")
    profile = tmp_path / "lo-profile"
    proc = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(xlsx)], capture_output=True, text=True, timeout=180, env=env)
    pdf = tmp_path / (xlsx.stem + ".pdf")
    assert proc.returncode == 0 and pdf.exists(), proc.stdout + proc.stderr
    return subprocess.run([shutil.which("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.slow
def test_libreoffice_shows_the_azerbaijani_report_with_decimal_commas(az, tmp_path):
    """Converted on this machine (its locale is not Azerbaijani), the numbers show as Azerbaijani writes them."""
    text = _pdf_text(save_workbook(az, tmp_path / "az.xlsx"), tmp_path)
    summary = text.split("\f")[0]
    assert re.search(r"Elektron Hökumətin İnkişafı İndeksi \(EGDI\)\s+0,76073", summary)
    assert re.search(r"2022-ci ildən bəri dəyişiklik\s+\+0,06703", summary)
    assert re.search(r"Tarix\s+17 [Ss]entyabr 2024", summary)  # Azerbaijani month name from the locale tag
    assert "0.76073" not in text
    assert "Metod və mənbələr" in text and "BMT-nin İqtisadi və Sosial Məsələlər Departamenti" in text


@pytest.mark.slow
def test_libreoffice_in_an_azerbaijani_locale_shows_english_formats_its_way(tmp_path):
    """Plain formats follow the reader's locale, as in Excel: an English report read in Azerbaijani shows commas."""
    import os

    wb = report("AZE", compare=["SGP"], fixed_date=FIXED)
    text = _pdf_text(save_workbook(wb, tmp_path / "en.xlsx"), tmp_path,
                     env={**os.environ, "LANG": "az_AZ.UTF-8", "LC_ALL": "az_AZ.UTF-8"})
    assert re.search(r"E-Government Development Index \(EGDI\)\s+0,76073", text)

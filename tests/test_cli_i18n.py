"""The command line speaks the language of ``--lang`` or of ``EGOV_ASSESS_LANG`` / the locale: its help, its messages,
argparse's own texts and the framing of errors (the library's messages inside stay English)."""

from __future__ import annotations

import argparse
import gettext
import inspect

import pytest
from openpyxl import load_workbook

from assess.cli import main
from assess.cli.language import ARGPARSE_MESSAGES, cli_lang


@pytest.fixture
def locale_env(monkeypatch):
    for name in ("EGOV_ASSESS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_lang_option_speaks_azerbaijani(capsys, locale_env):
    assert main(["--lang", "az", "data", "verify"]) == 0
    assert capsys.readouterr().out == "Proqramla gələn bütün fayllar data/SHA256SUMS ilə uyğun gəlir.\n"
    assert main(["data", "verify"]) == 0
    assert capsys.readouterr().out == "All bundled files match data/SHA256SUMS.\n"


def test_the_locale_chooses_the_language_and_the_setting_overrides_it(capsys, locale_env):
    locale_env.setenv("LANG", "az_AZ.UTF-8")
    assert cli_lang(["data", "verify"]) == "az"
    main(["data", "verify"])
    assert capsys.readouterr().out.startswith("Proqramla gələn")
    locale_env.setenv("LC_ALL", "C.UTF-8")  # LC_ALL wins over LANG
    assert cli_lang([]) == "en"
    locale_env.setenv("EGOV_ASSESS_LANG", "az")
    assert cli_lang([]) == "az" and cli_lang(["--lang", "en"]) == "en"
    locale_env.setenv("EGOV_ASSESS_LANG", "fr")
    assert main(["data", "verify"]) == 2
    assert "EGOV_ASSESS_LANG: expected en or az. Got 'fr' instead." in capsys.readouterr().err


def test_errors_are_framed_in_azerbaijani_with_the_library_message_inside(capsys, tmp_path, locale_env):
    code = main(["report", "--lang", "az", "--country", "XXX", "-o", str(tmp_path / "r.xlsx")])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err == ["xəta: report: 1 problem tapıldı",
                   "  country: 'XXX' was not assessed in the UN E-Government Survey 2024. Expected an ISO3 code such "
                   "as 'AZE'."]
    assert not (tmp_path / "r.xlsx").exists()


def test_argparse_speaks_azerbaijani_and_is_restored(capsys, locale_env):
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "az", "report"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("istifadə qaydası: python -m assess report")
    assert "python -m assess report: xəta: bu arqumentlər tələb olunur: --country, -o/--output" in err
    with pytest.raises(SystemExit):
        main(["--lang", "az", "report", "--country", "AZE", "-o", "x.xlsx", "--lang", "fr"])
    assert "yanlış seçim: 'fr' (bunlardan birini seçin: 'en', 'az')" in capsys.readouterr().err
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext


def test_help_in_azerbaijani(capsys, locale_env):
    with pytest.raises(SystemExit):
        main(["report", "--lang", "az", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("istifadə qaydası: python -m assess report")
    assert "--country COUNTRY     ISO3 kodu, məsələn AZE" in out
    assert "faylın və mesajların dili (standart: az)" in out
    assert "seçimlər:" in out and "bu kömək mesajını göstər və çıx" in out


def test_a_report_made_from_the_command_line_in_azerbaijani(capsys, tmp_path, locale_env):
    out = tmp_path / "r.xlsx"
    assert main(["--lang", "az", "report", "--country", "AZE", "--compare", "SGP", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"{out} yazıldı\n"
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["Xülasə", "Ballar", "Dinamika"]
    assert wb["Xülasə"]["A1"].value == "Elektron hökumətin qiymətləndirilməsi: Azərbaycan"


def test_model_commands_in_azerbaijani(capsys, locale_env):
    assert main(["--lang", "az", "model", "check", "azerbaijan_proposal"]) == 0
    assert capsys.readouterr().out == (
        "azerbaijan_proposal: qaydasındadır (74 düyün, 88 əlaqə, 11 göstərici bağlantısı)\n"
        "əsas: düyünlər 73 məqalə, 0 mənbə, 1 nəticə çıxarılmış; əlaqələr 59 məqalə, 1 mənbə, 28 nəticə çıxarılmış\n"
        "məqalə sitatları: 154 sitat data/paper/seed_paper_az.txt ilə yoxlanıldı, hamısı tapıldı\n"
        "təsdiqlənməmiş faktlar: 1\n")
    assert main(["model", "show", "azerbaijan_proposal", "--lang", "az"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("azerbaijan_proposal: Azərbaycan: məqalədə təklif olunan elektron hökumət modeli "
                               "[AZE, təklif, ")
    assert lines[1].startswith("düyünlər: agentlik ")
    assert lines[2].startswith("əsas: düyünlər ")  # the basis line of main's provenance, translated
    assert lines[5].startswith("əlaqələndirmə yükü: ") and "," in lines[5].split(": ")[1]  # decimal commas


def test_argparse_messages_are_argparses():
    """The marked texts are argparse's own (a new Python that rewords one shows up here)."""
    source = inspect.getsource(argparse)
    missing = [m for m in ARGPARSE_MESSAGES if repr(m)[1:-1] not in source and m not in source]
    assert missing == []

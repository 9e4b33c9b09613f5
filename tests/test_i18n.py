"""The translation mechanism (assess.i18n): complete catalogues, strict look-ups, grammar, numbers and dates.

The catalogue test extracts every message of the code (``pybabel extract`` with ``babel.cfg``, as ``make messages``
does) and fails on any text missing, untranslated or fuzzy in either catalogue, and on translations whose
placeholders differ from the English.
"""

from __future__ import annotations

import ast
import datetime as dt
import shutil

import pytest

from assess import i18n
from assess.i18n import catalogues, messages
from assess.i18n.grammar import inflect, last_vowel, ordinal
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def pot(tmp_path_factory):
    return messages.extract(tmp_path_factory.mktemp("pot") / "messages.pot")


@pytest.fixture(scope="module")
def template(pot):
    from babel.messages.pofile import read_po

    with pot.open("rb") as f:
        return read_po(f)


# --------------------------------------------------------------------------- the catalogues are complete
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_message_of_the_code_is_translated(pot, lang):
    problems = messages.check(pot)[lang]
    assert problems == [], "\n".join(problems)


def test_extraction_finds_the_code_the_framework_notes_and_the_page_names(template):
    found = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): {loc for loc, _ in m.locations}
             for m in template if m.id}
    assert ("sheet name", "Strategy assessment") in found
    assert "assess/reports/country/narrative.py" in found[(None, "It is already in the top {target}.")]
    assert "frameworks/un_egdi.yaml" in found[(None, "Same components as 2014.")]  # an edition's note
    assert "frameworks/strategic_structure.yaml" in found[(None, "Nothing in the documents.")]  # a level's meaning
    assert "pages/data.py" in found[(None, "Data & methods")]  # dash.register_page(name=...)
    assert "assess/data/catalogue.py" in found[(None, "UN Statistics Division")]  # N_() in a table
    assert len(found) > 200


def test_sheet_names_fit_excel_in_every_language(template):
    names = [m.id for m in template if m.context == "sheet name"]
    assert len(names) >= 11
    for lang in i18n.LANGS:
        for name in names:
            text = i18n.pt("sheet name", name, lang)
            assert 0 < len(text) <= 31, (lang, name, text)
            assert not set(text) & set("[]:*?/\\"), text


def test_check_reports_what_a_release_must_not_ship(tmp_path, monkeypatch):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    pot = tmp_path / "messages.pot"
    tpl = Catalog()
    tpl.add("Rank", locations=[("assess/x.py", None)])
    tpl.add("rank {rank} of {n}", locations=[("assess/x.py", None)])
    tpl.add("sheet_scores", locations=[("assess/y.py", None)])
    with pot.open("wb") as f:
        write_po(f, tpl)
    for lang, entries in {"en": [("Rank", "Rank"), ("rank {rank} of {n}", "rank {rank} of {n}"),
                                 ("Unused", "Unused")],
                          "az": [("Rank", ""), ("rank {rank} of {n}", "{n} ölkə arasında {rnk_ord} yer")]}.items():
        cat = Catalog(locale=lang)
        for msgid, text in entries:
            cat.add(msgid, text)
        path = tmp_path / lang / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True)
        with path.open("wb") as f:
            write_po(f, cat)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(messages, "ROOT", tmp_path)
    problems = messages.check(pot)
    en, az = "\n".join(problems["en"]), "\n".join(problems["az"])
    assert "'sheet_scores' used in assess/y.py is missing" in en
    assert "'sheet_scores' looks like a symbolic key" in en
    assert "'Unused' is used by no code" in en
    assert "'Rank' is not translated" in az
    assert "unknown placeholder {rnk_ord}" in az and "placeholder {rank} of the English text is not used" in az


def test_texts_are_marked_with_literal_english(tmp_path):
    """``t(variable)`` hides a text from ``pybabel extract``: only ``translated`` looks up a value marked elsewhere."""
    calls = {"t", "tn", "pt", "N_", "_", "_n", "_p"}
    bad = []
    for folder in ("assess", "pages", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.is_relative_to(ROOT / "assess" / "i18n"):
                continue  # the mechanism itself passes its arguments on
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                inner = node.func.func if isinstance(node, ast.Call) and isinstance(node.func, ast.Call) else None
                name = inner.id if isinstance(inner, ast.Name) else inner.attr if isinstance(inner, ast.Attribute) \
                    else None
                if name in ("text", "gettext_for", "ngettext_for", "pgettext_for"):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno} (bind `_ = text()` first: pybabel sees `_(`)")
                if isinstance(node, ast.JoinedStr):  # Python 3.11's tokenizer hides calls in f-strings from pybabel
                    bad += [f"{path.relative_to(ROOT)}:{sub.lineno} (a call inside an f-string: pybabel cannot see it)"
                            for sub in ast.walk(node) if isinstance(sub, ast.Call)
                            and isinstance(sub.func, ast.Name) and sub.func.id in calls]
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in calls:
                    first = 1 if node.func.id in ("pt", "_p") else 0
                    args = node.args[first:first + (2 if node.func.id in ("tn", "_n") else 1)]
                    if not args or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                        bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bad == []


# --------------------------------------------------------------------------- look-ups
def test_a_text_missing_from_the_catalogues_fails_in_strict_mode_and_falls_back_otherwise():
    with pytest.raises(KeyError, match="not in the message catalogues"):
        i18n.t("sheet_benchmarks", "az")  # a pre-migration STRINGS key, say
    old = i18n.set_strict(False)
    try:
        assert i18n.t("A text nobody translated", "az") == "A text nobody translated"
        assert i18n.t("Rank {n}", "az", n=3) == "Rank 3"
    finally:
        i18n.set_strict(old)


def test_placeholders_numbers_and_derived_forms():
    t = i18n.t
    assert t("rank {rank} of {n}", "en", rank=74, n=193) == "rank 74 of 193"
    assert t("rank {rank} of {n}", "az", rank=74, n=193) == "193 ölkə arasında 74-cü yer"
    assert t("{ref} readiness", "az", ref="Sinqapur") == "Sinqapurun hazırlığı"
    assert t("{ref} readiness", "en", ref="Singapore") == "Singapore readiness"
    assert t("Choose a level from 0 to {top}.", "az", top=4) == "0-dan 4-ə qədər səviyyə seçin."
    assert t("Choose a level from 0 to {top}.", "az", top=6) == "0-dan 6-ya qədər səviyyə seçin."
    text = "Its largest gap to the best comparator ({leader}) is in {comp}: {gap:.4f} points."
    assert t(text, "en", leader="Estonia", comp="OSI", gap=0.25671) == \
        "Its largest gap to the best comparator (Estonia) is in OSI: 0.2567 points."
    assert t(text, "az", leader="Estoniya", comp="OSI", gap=0.25671) == \
        "Ən yaxşı müqayisə ölkəsindən (Estoniya) ən böyük geriləmə OSI üzrədir: 0,2567 bal."


def test_plural_and_error_framing():
    from assess.errors import Issue, ReportError

    one = ReportError("report", [Issue("country", "'XXX' was not assessed.")])
    two = ReportError("t.xlsx", ["a", "b"])
    assert i18n.error_text(one, "en") == str(one) and i18n.error_text(two, "en") == str(two)
    assert i18n.error_text(two, "az").splitlines() == ["t.xlsx: 2 problem tapıldı", "  a", "  b"]
    assert i18n.error_text(ValueError("plain"), "az") == "plain"


def test_all_translations_and_language_names():
    assert i18n.all_translations("Evidence") == {"en": "Evidence", "az": "Sübut"}
    assert [i18n.language(v) for v in ("az", "AZ", "az_AZ.UTF-8", "az-Latn-AZ", "en_GB", "C.UTF-8", "", None, 3)] \
        == ["az", "az", "az", "az", "en", "en", "en", "en", "en"]


# --------------------------------------------------------------------------- compiled catalogues
def test_compiled_catalogues_match_their_sources(tmp_path, monkeypatch):
    """The .mo a process loads says what its .po says; a missing or older .mo is compiled from the .po."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    for lang in i18n.LANGS:
        po, mo = catalogues.po_path(lang), catalogues.mo_path(lang)
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            def entries(cat):
                def plain(v):
                    return tuple(v) if isinstance(v, list | tuple) else v.decode() if isinstance(v, bytes) else v

                return {(plain(m.context), plain(m.id)): plain(m.string) for m in cat if m.id and not m.fuzzy}

            with po.open("rb") as f:
                source = entries(read_po(f))
            with mo.open("rb") as f:
                compiled = entries(read_mo(f))
            assert compiled == source, lang
    local = tmp_path / "locale"
    shutil.copytree(catalogues.LOCALE_DIR, local, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(catalogues, "LOCALE_DIR", local)
    catalogues.clear()
    try:
        assert not catalogues.mo_path("az").exists()
        assert catalogues.translations("az").pgettext("sheet name", "Summary") == "Xülasə"
        messages.compile_catalogues()
        assert catalogues.mo_path("az").exists() and catalogues.mo_path("en").exists()
        assert catalogues.translations("az").pgettext("sheet name", "Summary") == "Xülasə"
    finally:
        monkeypatch.undo()
        catalogues.clear()


# --------------------------------------------------------------------------- grammar
@pytest.mark.parametrize(("word", "gen", "dat", "loc", "abl", "acc"), [
    ("Azərbaycan", "Azərbaycanın", "Azərbaycana", "Azərbaycanda", "Azərbaycandan", "Azərbaycanı"),
    ("Sinqapur", "Sinqapurun", "Sinqapura", "Sinqapurda", "Sinqapurdan", "Sinqapuru"),
    ("Estoniya", "Estoniyanın", "Estoniyaya", "Estoniyada", "Estoniyadan", "Estoniyanı"),
    ("Türkiyə", "Türkiyənin", "Türkiyəyə", "Türkiyədə", "Türkiyədən", "Türkiyəni"),
    ("Gürcüstan", "Gürcüstanın", "Gürcüstana", "Gürcüstanda", "Gürcüstandan", "Gürcüstanı"),
    ("Koreya Respublikası", "Koreya Respublikasının", "Koreya Respublikasına", "Koreya Respublikasında",
     "Koreya Respublikasından", "Koreya Respublikasını"),
    ("Böyük Britaniya", "Böyük Britaniyanın", "Böyük Britaniyaya", "Böyük Britaniyada", "Böyük Britaniyadan",
     "Böyük Britaniyanı"),
    ("İsveç", "İsveçin", "İsveçə", "İsveçdə", "İsveçdən", "İsveçi"),
    ("Peru", "Perunun", "Peruya", "Peruda", "Perudan", "Perunu"),
    ("Özbəkistan", "Özbəkistanın", "Özbəkistana", "Özbəkistanda", "Özbəkistandan", "Özbəkistanı"),
    (2024, "2024-ün", "2024-ə", "2024-də", "2024-dən", "2024-ü"),
    (2022, "2022-nin", "2022-yə", "2022-də", "2022-dən", "2022-ni"),
    (10, "10-un", "10-a", "10-da", "10-dan", "10-u"),
    (6, "6-nın", "6-ya", "6-da", "6-dan", "6-nı"),
])
def test_azerbaijani_case_endings(word, gen, dat, loc, abl, acc):
    assert [inflect(word, c) for c in ("gen", "dat", "loc", "abl", "acc")] == [gen, dat, loc, abl, acc]
    assert inflect(word, "gen", "en") == str(word)


def test_ordinals_follow_the_last_number_word():
    said = {1: "bir", 2: "iki", 3: "üç", 4: "dörd", 5: "beş", 6: "altı", 7: "yeddi", 8: "səkkiz", 9: "doqquz",
            10: "on", 20: "iyirmi", 30: "otuz", 40: "qırx", 50: "əlli", 60: "altmış", 70: "yetmiş", 80: "səksən",
            90: "doxsan", 100: "yüz", 1000: "min", 10**6: "milyon", 10**9: "milyard"}
    for n, word in said.items():
        assert last_vowel(n) == last_vowel(word), n
    assert [ordinal(n, "az") for n in (1, 2, 3, 4, 6, 9, 10, 60, 74, 100, 193, 2000, 2024)] == [
        "1-ci", "2-ci", "3-cü", "4-cü", "6-cı", "9-cu", "10-cu", "60-cı", "74-cü", "100-cü", "193-cü", "2000-ci",
        "2024-cü"]
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]
    with pytest.raises(ValueError, match="case: expected one of"):
        inflect("x", "instrumental")


# --------------------------------------------------------------------------- numbers and dates
def test_numbers_in_text_per_language():
    f = i18n.format_number
    assert [f(0.76073, "en", 5), f(0.76073, "az", 5)] == ["0.76073", "0,76073"]
    assert [f(1234567.891, "en", 2), f(1234567.891, "az", 2)] == ["1,234,567.89", "1.234.567,89"]
    assert [f(2024, "az", group=False), f(-0.0670, "az", 4), f(0.5, "az")] == ["2024", "-0,0670", "0,5"]
    assert [i18n.format_percent(0.333, "en", 1), i18n.format_percent(0.333, "az", 1)] == ["33.3%", "33,3%"]
    assert i18n.format_percent(1, "az") == "100%"


def test_dates_per_language():
    d = dt.date(2024, 9, 17)
    assert i18n.format_date(d, "en") == "17 September 2024"
    assert i18n.format_date(d, "az") == "17 sentyabr 2024"
    assert i18n.format_date(d, "az", "short") == "17.09.24"
    assert i18n.format_date(dt.date(2025, 1, 5), "az", "full") == "5 yanvar 2025, bazar"


def test_excel_formats_per_language():
    assert i18n.excel_format("0.00000", "en") == "0.00000"
    assert i18n.excel_format("0.00000", "az") == "[$-42C]0.00000"
    assert i18n.excel_format("[$-409]0.0", "az") == "[$-409]0.0"  # an explicit locale is kept
    assert i18n.excel_date_format("az") == "[$-42C]d mmmm yyyy"


# --------------------------------------------------------------------------- country names
#: UN member states Azerbaijani writes as English does.
SAME_IN_AZERBAIJANI = {"AND", "ARG", "BDI", "BEN", "BFA", "BRB", "HND", "HTI", "KIR", "LAO", "MDA", "MLI", "MLT",
                       "NER", "NPL", "NRU", "OMN", "PAK", "PAN", "PER", "PLW", "SDN", "SMR", "TUV", "VUT", "WSM"}


def test_every_un_member_has_an_azerbaijani_name():
    import assess

    c = assess.countries(un_members_only=True).set_index("iso3")
    assert c["name_az"].notna().all()
    inverted = c.index[c["name_az"].str.contains(",")].tolist()
    assert inverted == []  # no ISO-style "Koreya, Respublika"
    english = set(c.index[c["name_az"] == c["name"]])
    assert english <= SAME_IN_AZERBAIJANI, sorted(english - SAME_IN_AZERBAIJANI)
    assert c.loc[["KOR", "KAZ", "USA", "GBR", "CZE", "NLD", "ROU"], "name_az"].tolist() == [
        "Koreya Respublikası", "Qazaxıstan", "Amerika Birləşmiş Ştatları", "Böyük Britaniya", "Çexiya", "Niderland",
        "Rumıniya"]


# --------------------------------------------------------------------------- migrating the old table
def test_a_branch_with_old_strings_keys_is_migrated(tmp_path):
    from assess.i18n import migrate

    old = tmp_path / "old_init.py"
    old.write_text('from collections.abc import Callable\n'
                   'STRINGS: dict[str, dict[str, str]] = {\n'
                   '    "sheet_audit": {"en": "Audit", "az": "Audit"},\n'
                   '    "audit_title": {"en": "Audit of {fw}", "az": "{fw}: audit"},\n'
                   '    "country": {"en": "Country", "az": "Ölkə"},\n'
                   '}\n', encoding="utf-8")
    strings = migrate.read_strings(old)
    assert strings["audit_title"] == {"en": "Audit of {fw}", "az": "{fw}: audit"}
    page = tmp_path / "pages" / "audit.py"
    page.parent.mkdir()
    page.write_text('from assess.i18n import name_in, t\n\n'
                    'def sheet(wb, lang):\n'
                    '    ws = wb.create_sheet(t("sheet_audit", lang))\n'
                    '    ws["A1"] = t("audit_title", lang, fw="GTMI")\n'
                    '    ws["A2"] = t(f"col_{lang}", lang)\n', encoding="utf-8")
    assert migrate.rewrite_tree(tmp_path, strings) == {"pages/audit.py": 2}
    text = page.read_text(encoding="utf-8")
    assert 'from assess.i18n import name_in, pt, t\n' in text
    assert 'pt("sheet name", "Audit", lang)' in text and 't("Audit of {fw}", lang, fw="GTMI")' in text
    assert migrate.leftovers(tmp_path, strings) == ['pages/audit.py:6: ws["A2"] = t(f"col_{lang}", lang)']

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    po = tmp_path / "az.po"
    cat = Catalog(locale="az")
    cat.add("Audit of {fw}", "")
    cat.add("Country", "Ölkə (kept)")
    with po.open("wb") as f:
        write_po(f, cat)
    assert migrate.fill_translations(po, strings) == 1
    with po.open("rb") as f:
        got = {m.id: m.string for m in read_po(f) if m.id}
    assert got == {"Audit of {fw}": "{fw}: audit", "Country": "Ölkə (kept)"}


def test_migrate_keeps_f_strings_valid_and_leaves_plain_words_that_are_texts(tmp_path):
    """A call inside an f-string keeps its quotes (Python 3.11 refuses the same quotes inside); a key that is
    also an English text of the catalogues (``_("group")``) is not rewritten, and is listed for a hand."""
    import ast

    from assess.i18n import migrate

    strings = {"gtmi_none": {"en": "No GTMI.", "az": "GTMI yoxdur."}, "group": {"en": "Group", "az": "Qrup"},
               "col_x": {"en": "Bob's", "az": "Bob"}, "STRINGS_x": {"en": "x"}}
    src = ('row = [f"{t(\'gtmi_none\', lang)} {g[\'group\']}", f"{t(\'col_x\', lang)}", _("group")]\n')
    out, n = migrate.rewrite(src, strings, keep={"group"})
    assert n == 2 and '_("group")' in out and "t('No GTMI.', lang)" in out and 't("Bob\'s", lang)' in out
    page = tmp_path / "pages" / "p.py"
    page.parent.mkdir()
    page.write_text('x = [f"{t(\'gtmi_none\', lang)}", _("group")]\n', encoding="utf-8")
    assert migrate.rewrite_tree(tmp_path, strings, keep={"group"}) == {"pages/p.py": 1}
    ast.parse(page.read_text(encoding="utf-8"))
    assert migrate.ambiguous(tmp_path, strings, {"group"}) == [
        "pages/p.py:1: 'group' kept (the table says 'Group'): x = [f\"{t('No GTMI.', lang)}\", _(\"group\")]"]
    imports = migrate.rewrite('from assess.i18n import name_in, STRINGS, t\nt("sheet_a", lang)\n',
                              {"sheet_a": {"en": "A"}})[0]
    assert imports.startswith("from assess.i18n import STRINGS, name_in, pt, t\n")

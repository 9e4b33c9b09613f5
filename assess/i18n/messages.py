"""Keeping the catalogues in step with the code: ``python -m assess.i18n.messages extract|update|compile|check``.

``make messages`` runs ``update``: ``pybabel extract`` over ``assess/``, ``pages/``, ``ui/``, ``app.py`` and the framework
texts named in ``babel.cfg`` (keywords :data:`KEYWORDS`), then ``pybabel update`` of every catalogue (new texts come
in empty, changed ones fuzzy with their previous text, removed ones go), then the English catalogue is filled (each
new text translates to itself), then ``compile``. ``make`` (the set-up) runs ``compile``: ``pybabel compile`` of every
catalogue into its ``.mo``. ``check`` lists what stops a release: texts of the code missing from a catalogue,
untranslated or fuzzy entries, entries no code uses, and translations whose placeholders differ from the English.

The output is kept diff-friendly: entries sorted by text, one line each, with the files (not the lines) that use them.

Examples
--------
>>> sorted(placeholders("{n} ölkə arasında {rank_ord} yer")), placeholder_problems("rank {rank} of {n}", "{rank_ord} / {m}")
(['n', 'rank_ord'], ["unknown placeholder {m}: expected those of the English text (['n', 'rank']) or their forms"])
"""

from __future__ import annotations

import argparse
import re
import string
import subprocess
import sys
import tempfile
from pathlib import Path

from assess.i18n.catalogues import DOMAIN, LANGS, LOCALE_DIR, clear, po_path
from assess.i18n.grammar import CASES

__all__ = ["KEYWORDS", "ROOT", "check", "compile_catalogues", "extract", "fill_english", "placeholder_problems",
           "placeholders", "update"]

#: The checkout whose sources are extracted (``babel.cfg`` lives here).
ROOT = Path(__file__).resolve().parents[2]
#: The calls that mark a text (``pybabel -k``): see :mod:`assess.i18n.translate`.
KEYWORDS = ("t", "tn:1,2", "pt:1c,2", "N_", "_", "_n:1,2", "_p:1c,2")
COMMENT_TAG = "TRANSLATORS:"
#: What may follow a placeholder's name in a translation: ``{x_ord}``, ``{x_gen}`` … (:mod:`assess.i18n.grammar`).
FORMS = ("ord", *CASES)
_SYMBOLIC = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def _pybabel(*args: str) -> str:
    exe = Path(sys.executable).with_name("pybabel")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from babel.messages.frontend import main; main()"]
    out = subprocess.run([*cmd, *args], cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"pybabel {args[0]} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout + out.stderr


def extract(pot: Path) -> Path:
    """``pybabel extract`` of every marked text into the template ``pot``; return its path."""
    keywords = [f"--keyword={k}" for k in KEYWORDS]
    _pybabel("extract", "-F", "babel.cfg", "--no-default-keywords", *keywords, f"--add-comments={COMMENT_TAG}",
             "--strip-comment-tags", "--add-location=file", "--sort-output", "--no-wrap", "--project=egov-assess",
             "--copyright-holder=egov-assess contributors", "-o", str(pot), ".")
    return Path(pot)


def fill_english() -> int:
    """Give every empty or fuzzy entry of the English catalogue its own text; return how many changed."""
    from babel.messages.pofile import read_po, write_po

    path = po_path("en")
    with path.open("rb") as f:
        cat = read_po(f, locale="en", domain=DOMAIN)
    changed = 0
    for m in cat:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strs = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strs):
            m.string = tuple(ids) if isinstance(m.id, tuple) else m.id
            m.flags.discard("fuzzy")
            m.previous_id = []
            changed += 1
    if changed:
        with path.open("wb") as f:
            write_po(f, cat, width=None, include_previous=True)
    return changed


def update() -> str:
    """Extract, update every catalogue, fill the English one, compile; return pybabel's report."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = extract(Path(tmp) / f"{DOMAIN}.pot")
        log = _pybabel("update", "-i", str(pot), "-d", str(LOCALE_DIR), "-D", DOMAIN, "--no-wrap", "--ignore-obsolete",
                       "--previous", "--ignore-pot-creation-date")
    fill_english()
    return log + compile_catalogues()


def compile_catalogues(langs=LANGS) -> str:
    """Compile every catalogue into its ``.mo`` (fuzzy entries left out, as ``pybabel compile`` does); return the
    statistics.

    Babel's compiler is called through its API rather than ``pybabel compile``, whose ``python-format`` check
    misreads English texts with a literal ``%`` ("prices as % of GNI": ``% o`` looks like a ``%o`` placeholder);
    texts here are filled with ``str.format`` and their ``{placeholders}`` are checked by :func:`check`.
    """
    from babel.messages.mofile import write_mo

    lines = []
    for lang in langs:
        path = po_path(lang)
        if not path.is_file():
            continue
        cat = _load(path, lang)
        total = sum(1 for m in cat if m.id)
        done = sum(1 for m in cat if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else
                                                                    (m.string,)))
        tmp = path.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, cat, use_fuzzy=False)
        tmp.replace(path.with_suffix(".mo"))
        lines.append(f"{lang}: {done} of {total} messages translated, compiled to {path.with_suffix('.mo').name}")
    clear()
    return "\n".join(lines) + "\n"


def placeholders(text: str) -> set[str]:
    """The placeholder names of a text (``{rank}``, ``{egdi:.5f}`` → ``rank``, ``egdi``)."""
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def placeholder_problems(english: str, translation: str) -> list[str]:
    """What is wrong with the placeholders of ``translation`` against its ``english`` text (empty when nothing)."""
    mine, theirs = placeholders(translation), placeholders(english)
    allowed = theirs | {f"{p}_{form}" for p in theirs for form in FORMS}
    problems = [f"unknown placeholder {{{p}}}: expected those of the English text ({sorted(theirs)}) or their forms"
                for p in sorted(mine - allowed)]
    used = {p.rsplit("_", 1)[0] if p not in theirs else p for p in mine}
    problems += [f"placeholder {{{p}}} of the English text is not used" for p in sorted(theirs - used)
                 if p != "n"]  # a plural's count may be left out ("one problem")
    return problems


def _load(path: Path, lang: str):
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def check(pot: Path | None = None) -> dict[str, list[str]]:
    """Everything that stops a release, by language: ``{lang: [problem, …]}`` (all lists empty when fine)."""
    from babel.messages.pofile import read_po

    with tempfile.TemporaryDirectory() as tmp:
        pot = extract(Path(tmp) / f"{DOMAIN}.pot") if pot is None else Path(pot)
        with pot.open("rb") as f:
            template = read_po(f)
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in template if m.id}
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        problems: list[str] = []
        path = po_path(lang)
        if not path.is_file():
            out[lang] = [f"{path.relative_to(ROOT)} is missing: run `make messages`."]
            continue
        cat = _load(path, lang)
        have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in cat if m.id}
        where = f"{path.relative_to(ROOT)}"
        for key, m in wanted.items():
            label = repr(key[1]) + (f" (context {key[0]!r})" if key[0] else "")
            files = sorted({loc for loc, _ in m.locations})
            if lang == "en" and _SYMBOLIC.match(key[1]):
                problems.append(f"{label} looks like a symbolic key (the old STRINGS table): message ids are the "
                                "English texts (docs/I18N.md).")
            if key not in have:
                problems.append(f"{where}: {label} used in {', '.join(files)} is missing: run `make messages`.")
                continue
            e = have[key]
            strs = e.string if isinstance(e.string, tuple) else (e.string,)
            if e.fuzzy:
                problems.append(f"{where}: {label} is fuzzy (its English text changed): check the translation and "
                                "remove the fuzzy flag.")
            elif not all(s.strip() for s in strs):
                problems.append(f"{where}: {label} is not translated.")
            else:
                ids = e.id if isinstance(e.id, tuple) else (e.id,)
                for s in strs:
                    for p in placeholder_problems(ids[-1] if len(ids) > 1 else ids[0], s):
                        problems.append(f"{where}: {label}: {p}.")
        for key in sorted(set(have) - set(wanted), key=str):
            problems.append(f"{where}: {key[1]!r} is used by no code: run `make messages`.")
        out[lang] = problems
    return out


def main(argv=None) -> int:
    """``python -m assess.i18n.messages update|compile|check``."""
    p = argparse.ArgumentParser(prog="python -m assess.i18n.messages", description=__doc__.split("\n")[0])
    p.add_argument("command", choices=["extract", "update", "compile", "check"])
    p.add_argument("langs", nargs="*", metavar="LANG", help=f"languages to compile ({', '.join(LANGS)}; default all)")
    p.add_argument("-o", "--output", default=str(ROOT / ".cache" / f"{DOMAIN}.pot"), help="template (extract)")
    a = p.parse_args(argv)
    unknown = [x for x in a.langs if x not in LANGS]
    if unknown:
        p.error(f"unknown language(s) {unknown}: expected {', '.join(LANGS)}")
    if a.command == "extract":
        Path(a.output).parent.mkdir(parents=True, exist_ok=True)
        print(f"wrote {extract(Path(a.output))}")
    elif a.command == "update":
        print(update().strip())
    elif a.command == "compile":
        print(compile_catalogues(a.langs or LANGS).strip())
    else:
        problems = check()
        for lang, items in problems.items():
            for item in items:
                print(item)
            print(f"{lang}: {len(items)} problem{'s' if len(items) != 1 else ''}")
        return 1 if any(problems.values()) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Moving texts of the old ``STRINGS`` table (symbolic keys, ``{"en": …, "az": …}``) into the catalogues.

Branches started before the catalogues add keys to ``assess.i18n.STRINGS`` and call ``t("sheet_x", lang)``. After
merging such a branch (keep the catalogues' ``assess/i18n/__init__.py``), run::

    git show <branch>:assess/i18n/__init__.py > /tmp/strings.py
    python -m assess.i18n.migrate /tmp/strings.py

It rewrites the calls ``t("key", …)`` / ``_("key", …)`` of ``assess/``, ``pages/``, ``ui/`` and ``app.py`` to the
English texts (sheet names, keys ``sheet_*``, to ``pt("sheet name", …)``), runs ``make messages``' update and
puts the table's Azerbaijani into the empty entries of the Azerbaijani catalogue (translations already there are
kept). What it cannot rewrite (a key built at run time, ``STRINGS[...]``) it lists; the tests fail on those until
they are marked by hand.

Examples
--------
>>> table = {"sheet_gaps": {"en": "Gaps", "az": "Fərqlər"}, "col_x": {"en": "X {n}", "az": "X {n}"}}
>>> rewrite('ws.title = sheet_title(t("sheet_gaps", lang))\\ncell = _("col_x", n=2)\\n', table)
('ws.title = sheet_title(pt("sheet name", "Gaps", lang))\\ncell = _("X {n}", n=2)\\n', 2)
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

__all__ = ["ambiguous", "fill_translations", "leftovers", "read_strings", "rewrite", "rewrite_tree"]

_CALL = re.compile(r"(?<![\w.])(t|_)\(\s*([\"'])([a-z][a-z0-9_]*)\2")
SOURCES = ("assess", "pages", "ui", "app.py")


def read_strings(path) -> dict[str, dict[str, str]]:
    """The ``STRINGS`` dict literal of an old ``assess/i18n/__init__.py`` (read with ``ast``, never executed)."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) \
            else []
        if any(isinstance(t, ast.Name) and t.id == "STRINGS" for t in targets) and node.value is not None:
            return ast.literal_eval(node.value)
    raise ValueError(f"{path}: no STRINGS = {{...}} found. Expected an old assess/i18n/__init__.py.")


def _literal(text: str, quote: str) -> str:
    """``text`` as a Python literal in the call's own quotes when it can be (an f-string around the call may use
    the other kind, which Python before 3.12 refuses inside it)."""
    if quote == "'" and "'" not in text and "\\" not in text and "\n" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def _import_key(name: str) -> tuple:
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)  # isort's order by type


def rewrite(source: str, strings: dict, keep: frozenset | set = frozenset()) -> tuple[str, int]:
    """``source`` with its ``t("key"``/``_("key"`` calls rewritten to the English texts; return it and the count.

    Keys in ``keep`` are left alone: they are also English texts of the catalogues (``_("group")``), so a call
    may mean either (:func:`ambiguous` lists them for a hand).
    """
    count = 0

    def repl(m):
        nonlocal count
        func, quote, key = m.group(1), m.group(2), m.group(3)
        entry = strings.get(key)
        if not isinstance(entry, dict) or "en" not in entry or key in keep:
            return m.group(0)
        count += 1
        text = _literal(entry["en"], quote)
        if key.startswith("sheet_") and func == "t":
            return f'pt("sheet name", {text}'
        return f"{func}({text}"

    out = _CALL.sub(repl, source)
    if count and 'pt("sheet name"' in out:
        out = re.sub(r"^(from assess\.i18n import )([^\n(]+)$",
                     lambda m: m.group(0) if re.search(r"\bpt\b", m.group(2))
                     else m.group(1) + ", ".join(sorted({*map(str.strip, m.group(2).split(",")), "pt"},
                                                      key=_import_key)),
                     out, count=1, flags=re.M)
    return out, count


def rewrite_tree(root, strings: dict, keep: frozenset | set = frozenset()) -> dict[str, int]:
    """:func:`rewrite` every Python file of the sources under ``root``; return ``{file: calls rewritten}``."""
    root = Path(root)
    done = {}
    for name in SOURCES:
        base = root / name
        files = [base] if base.is_file() else sorted(base.rglob("*.py")) if base.is_dir() else []
        for path in files:
            if "i18n" in path.relative_to(root).parts[:2]:
                continue
            text = path.read_text(encoding="utf-8")
            new, n = rewrite(text, strings, keep)
            if n:
                path.write_text(new, encoding="utf-8")
                done[str(path.relative_to(root))] = n
    return done


def leftovers(root, strings: dict) -> list[str]:
    """Lines under ``root`` that still use the table or one of its keys (to mark by hand)."""
    root = Path(root)
    symbolic = sorted((k for k in strings if "_" in k), key=len, reverse=True)  # "country" is also a plain word
    # a key as a text, not as a subscript or a .get() of data that happens to share its name (r["overall_level"])
    keys = re.compile(r"(?<!\[)(?<!get\()[\"'](" + "|".join(map(re.escape, symbolic)) + r")[\"'](?!\])") \
        if symbolic else None
    out = []
    for name in SOURCES:
        base = root / name
        files = [base] if base.is_file() else sorted(base.rglob("*.py")) if base.is_dir() else []
        for path in files:
            if "i18n" in path.relative_to(root).parts[:2]:
                continue
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if "STRINGS" in line or re.search(r"\bt\(f[\"']", line) or (keys and keys.search(line)):
                    out.append(f"{path.relative_to(root)}:{i}: {line.strip()}")
    return out


def ambiguous(root, strings: dict, keep) -> list[str]:
    """Calls ``t("key"``/``_("key"`` of a key in ``keep`` whose table text differs from the key: the call may
    mean the catalogue's text (``_("group")``) or the table's (``"Group"``); a hand decides."""
    root = Path(root)
    out = []
    for name in SOURCES:
        base = root / name
        files = [base] if base.is_file() else sorted(base.rglob("*.py")) if base.is_dir() else []
        for path in files:
            if "i18n" in path.relative_to(root).parts[:2]:
                continue
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                for m in _CALL.finditer(line):
                    key = m.group(3)
                    if key in keep and isinstance(strings.get(key), dict) and strings[key].get("en") != key:
                        out.append(f"{path.relative_to(root)}:{i}: {key!r} kept (the table says "
                                   f"{strings[key]['en']!r}): {line.strip()}")
    return out


def fill_translations(po, strings: dict, lang: str = "az") -> int:
    """Put the table's ``lang`` texts into the empty (or fuzzy) entries of the catalogue ``po``; return how many."""
    from babel.messages.pofile import read_po, write_po

    by_english = {v["en"]: v.get(lang) for v in strings.values() if isinstance(v, dict) and v.get("en")}
    with Path(po).open("rb") as f:
        cat = read_po(f, locale=lang)
    n = 0
    for m in cat:
        if not isinstance(m.id, str) or m.id not in by_english or not by_english[m.id]:
            continue
        if m.string and not m.fuzzy:
            continue
        m.string, n = by_english[m.id], n + 1
        m.flags.discard("fuzzy")
        m.previous_id = []
    if n:
        with Path(po).open("wb") as f:
            write_po(f, cat, width=None, include_previous=True)
    return n


def _catalogue_ids() -> frozenset:
    """The English texts of the English catalogue as it is (before this run's update)."""
    from babel.messages.pofile import read_po

    from assess.i18n.catalogues import po_path

    with po_path("en").open("rb") as f:
        return frozenset(m.id for m in read_po(f) if isinstance(m.id, str) and m.id)


def main(argv=None) -> int:
    """``python -m assess.i18n.migrate OLD_INIT_PY``: rewrite, update the catalogues, fill the Azerbaijani."""
    from assess.i18n import messages
    from assess.i18n.catalogues import po_path

    p = argparse.ArgumentParser(prog="python -m assess.i18n.migrate", description=__doc__.split("\n")[0])
    p.add_argument("strings", help="an old assess/i18n/__init__.py holding STRINGS")
    a = p.parse_args(argv)
    strings = read_strings(a.strings)
    keep = _catalogue_ids()
    done = rewrite_tree(messages.ROOT, strings, keep)
    print(f"rewrote {sum(done.values())} calls in {len(done)} files")
    messages.update()
    print(f"filled {fill_translations(po_path('az'), strings)} Azerbaijani entries")
    messages.compile_catalogues()
    for line in leftovers(messages.ROOT, strings) + ambiguous(messages.ROOT, strings, keep):
        print(f"by hand: {line}")
    problems = messages.check()
    for items in problems.values():
        for item in items:
            print(item)
    return 1 if any(problems.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

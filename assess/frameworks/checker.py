"""The located checks every framework kind uses: each problem is an :class:`~assess.errors.Issue` at ``key.path
(line N)`` saying what was expected and what was found, with a did-you-mean hint; all are collected, none stops
the others.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from assess.errors import Issue
from assess.frameworks.vocabulary import (
    ID_RE,
    LANGUAGES,
)

__all__ = []



_NOTHING = object()


#: Characters of a found text shown in a message (the rest of the value is never echoed).
SHOWN_CHARS = 40


def _show(value: Any) -> str:
    """A found value in words, texts cut to :data:`SHOWN_CHARS` characters.

    Examples
    --------
    >>> _show("high"), _show("x" * 100), _show([1]), _show(b"\\x00")
    ("'high'", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (100 characters)", 'a list', 'binary data')
    """
    if value is _NOTHING:
        return "nothing"
    if isinstance(value, str):
        if len(value) > SHOWN_CHARS:
            return f"{value[:SHOWN_CHARS] + '…'!r} ({len(value):,} characters)"
        return repr(value)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, set | frozenset):
        return "a set"
    if isinstance(value, bytes | bytearray):
        return "binary data"
    if value is None:
        return "null"
    if isinstance(value, bool | int | float | _dt.date):
        text = repr(value) if not isinstance(value, _dt.date) else value.isoformat()
        return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
    return f"a {type(value).__name__}"


def _suggest(word: Any, choices: Iterable[str]) -> str:
    if not isinstance(word, str) or len(word) > 100:
        return ""
    close = difflib.get_close_matches(word, [c for c in choices if isinstance(c, str)], n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _one_of(choices: Iterable[Any], limit: int = 12) -> str:
    choices = [str(c) for c in choices]
    shown = ", ".join(choices[:limit]) + (", …" if len(choices) > limit else "")
    return f"one of {shown}"


class _Checker:
    """Collects issues for one document, locating them by key path and line."""

    def __init__(self, doc: Any, lines: Mapping[tuple, int]):
        self.doc = doc
        self.lines = lines
        self.issues: list[Issue] = []

    # -- locations -----------------------------------------------------------------------------
    def where(self, path: tuple) -> str:
        parts: list[str] = []
        obj: Any = self.doc
        for key in path:
            if isinstance(key, int) and isinstance(obj, list):
                item = obj[key] if key < len(obj) else None
                label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else key
                parts.append(f"[{label}]")
                obj = item
            elif isinstance(key, int):
                parts.append(f"[{key}]")
                obj = obj.get(key) if isinstance(obj, dict) else None
            else:
                parts.append(("." if parts else "") + str(key))
                obj = obj.get(key) if isinstance(obj, dict) else None
        text = "".join(parts) or "(top level)"
        line = None
        for n in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:n]))
            if line is not None:
                break
        return f"{text} (line {line})" if line is not None else text

    def add(self, path: tuple, expected: str, found: Any = _NOTHING, *, found_text: str | None = None) -> None:
        shown = found_text if found_text is not None else _show(found)
        self.issues.append(Issue(self.where(path), f"expected {expected}, found {shown}"))

    # -- generic checks --------------------------------------------------------------------------
    def mapping(self, path: tuple, obj: Any, keys: Mapping[str, bool]) -> bool:
        """Check a mapping's keys against ``keys`` (name → required). Returns False if not a dict."""
        if not isinstance(obj, dict):
            self.add(path, "a mapping", obj)
            return False
        for key in obj:
            if key not in keys:
                self.add(path + (key,), f"{_one_of(keys, 40)}", found_text=f"unknown key {_show(key)}"
                         + _suggest(key, keys))
        for key, required in keys.items():
            if required and key not in obj:
                self.add(path, f"a key '{key}'", found_text=f"no '{key}'")
        return True

    def list_of_mappings(self, path: tuple, obj: Any, what: str, *, allow_empty: bool = False) -> list:
        if obj is None or obj is _NOTHING:
            return []
        if not isinstance(obj, list):
            self.add(path, f"a list of {what}", obj)
            return []
        if not obj and not allow_empty:
            self.add(path, f"at least one {what.rstrip('s')}", found_text="an empty list")
        return obj

    def name(self, path: tuple, obj: Any) -> None:
        if isinstance(obj, str):
            self.add(path, "a name in en and az", found_text=f"only the text {_show(obj)}")
            return
        if not isinstance(obj, dict):
            self.add(path, "a name in en and az", obj)
            return
        for lang in LANGUAGES:
            value = obj.get(lang)
            if value is None:
                self.add(path, "a name in en and az", found_text=f"no '{lang}'")
            elif not isinstance(value, str) or not value.strip():
                self.add(path + (lang,), "a non-empty text", value)
        for lang, value in obj.items():
            if not (isinstance(lang, str) and re.fullmatch(r"[a-z]{2}", lang)):
                self.add(path + (lang,), "a two-letter language code", found_text=_show(lang))
            elif lang not in LANGUAGES and not isinstance(value, str):
                self.add(path + (lang,), "a text", value)

    def text(self, path: tuple, obj: Any, *, allow_translated: bool = True) -> None:
        if isinstance(obj, str) and obj.strip():
            return
        if allow_translated and isinstance(obj, dict):
            self.name(path, obj)
            return
        self.add(path, "a non-empty text", obj)

    def ident(self, path: tuple, obj: Any) -> bool:
        if not isinstance(obj, str) or not ID_RE.match(obj):
            self.add(path, "a snake_case id (a-z, 0-9, _; starting with a letter)", obj)
            return False
        return True

    def number(self, path: tuple, obj: Any, *, minimum: float | None = None) -> bool:
        ok = isinstance(obj, int | float) and not isinstance(obj, bool)
        if not ok or (minimum is not None and obj < minimum):
            self.add(path, "a number" + (f" >= {minimum:g}" if minimum is not None else ""), obj)
            return False
        return True

    def boolean(self, path: tuple, obj: Any) -> None:
        if not isinstance(obj, bool):
            self.add(path, "true or false", obj)

    def choice(self, path: tuple, obj: Any, choices: Iterable[Any]) -> bool:
        choices = list(choices)
        if obj not in choices:
            self.add(path, _one_of(choices), found_text=_show(obj) + _suggest(obj, [str(c) for c in choices]))
            return False
        return True

    def string_list(self, path: tuple, obj: Any) -> list[str]:
        if not isinstance(obj, list) or not all(isinstance(x, str) for x in obj):
            self.add(path, "a list of texts", obj)
            return []
        return obj

    def unique_ids(self, items: list[tuple[tuple, Any]], scope: str) -> dict[str, tuple]:
        """Check ids are unique; returns id → path of first occurrence."""
        seen: dict[str, tuple] = {}
        for path, value in items:
            if not isinstance(value, str):
                continue
            if value in seen:
                self.add(path, f"ids unique within {scope}",
                         found_text=f"duplicate id {_show(value)} (first at {self.where(seen[value])})")
            else:
                seen[value] = path
        return seen

    def reference(self, path: tuple, value: Any, known: Iterable[str], what: str) -> bool:
        known = list(known)
        if value in known:
            return True
        self.add(path, f"{what} ({_one_of(sorted(set(map(str, known))), 8)})",
                 found_text=f"unknown reference {_show(value)}" + _suggest(value, known))
        return False

    def cycles(self, parent_of: Mapping[str, str], path_of: Callable[[str], tuple], what: str) -> set[str]:
        """Report every cycle in a child → parent map; return the nodes on cycles."""
        on_cycle: set[str] = set()
        for start in sorted(parent_of):
            if start in on_cycle:
                continue
            seen: list[str] = []
            node: str | None = start
            while node is not None and node not in seen and node not in on_cycle:
                seen.append(node)
                node = parent_of.get(node)
            if node is not None and node in seen:
                cycle = seen[seen.index(node):]
                if not (set(cycle) & on_cycle):
                    first = min(cycle)
                    i = cycle.index(first)
                    cycle = cycle[i:] + cycle[:i]
                    self.add(path_of(first), f"{what} without cycles",
                             found_text="cycle " + " -> ".join([*cycle, first]))
                on_cycle.update(cycle)
        return on_cycle


COMMON_KEYS = {"id": True, "kind": True, "name": True, "description": False, "publisher": False,
               "source": False, "url": False, "version": False, "notes": False, "verified": False,
               "retrieved": False}


def _check_common(c: _Checker, doc: dict, kind: str, stem: str | None) -> None:
    if c.ident(("id",), doc.get("id")) and stem is not None and doc["id"] != stem:
        c.add(("id",), f"the file name without .yaml ({stem!r})", doc["id"])
    if "name" in doc:
        c.name(("name",), doc["name"])
    for key in ("description", "publisher", "source", "url", "notes", "ties"):
        if key in doc and not (kind == "strategy" and key in ("notes", "description")):  # lists/{en, az} there
            c.text((key,), doc[key])
    if "verified" in doc:
        c.boolean(("verified",), doc["verified"])

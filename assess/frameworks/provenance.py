"""Where a fact of a country model comes from, and when it held: basis, citations, errata and dates.

Every node and relation of a country model (and every mandate item written as a mapping) carries a **basis**
(:data:`~assess.frameworks.vocabulary.BASES`) with its companion:

* ``basis: paper`` — ``quote`` (the paper's own words: one text or a list of fragments) and ``section``
  (the heading or paragraph it stands in); ``sources`` may add support;
* ``basis: source`` — ``sources`` (a list of citations, or ids of the file's top-level ``citations:``
  registry), or ``source`` (one citation as a text with its URL);
* ``basis: inferred`` — ``reason`` (one line: the analyst's reading).

A citation is a mapping ``{title, url, publisher, date, excerpt, verified, note}`` (``title`` and ``url``
required; ``verified: false`` = the fact could not be opened or rests on an unreliable page). ``erratum:
{claim, correction, sources}`` annotates a fact the paper states wrongly. Dates: ``since`` and ``until`` are
a year, ``YYYY-MM``, an ISO date, or ``null`` with a ``since_note``/``until_note`` saying why;
``since_verified``/``until_verified: false`` flag a date given but not confirmed; ``replaces: [ids]`` names
what a node took the place of.

Examples
--------
>>> date_text(2013), date_text("2021-04"), year_of("2026-02-27"), year_of(None)
('2013', '2021-04', 2026, None)
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from assess.frameworks.checker import _Checker, _show, _suggest
from assess.frameworks.vocabulary import BASES

__all__ = ["BASIS_KEYS", "CITATION_KEYS", "DATING_KEYS", "date_text", "resolve_sources", "year_of"]

#: Keys of one citation (name → required).
CITATION_KEYS = {"title": True, "url": True, "publisher": False, "date": False, "excerpt": False,
                 "verified": False, "note": False}
#: Keys that state a basis (on nodes, relations and mandate items; a missing basis is reported by :func:`check_basis`).
BASIS_KEYS = {"basis": False, "quote": False, "section": False, "sources": False, "reason": False}
#: Keys that date a node or a relation.
DATING_KEYS = {"since": False, "until": False, "since_note": False, "until_note": False,
               "since_verified": False, "until_verified": False}
ERRATUM_KEYS = {"claim": True, "correction": True, "sources": True}

_DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def date_text(value: Any) -> str | None:
    """A year, ``YYYY-MM`` or ISO date as text (``None`` stays ``None``).

    Examples
    --------
    >>> import datetime
    >>> date_text(datetime.date(2026, 2, 27)), date_text("2014-02")
    ('2026-02-27', '2014-02')
    """
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def year_of(value: Any) -> int | None:
    """The year of a date as :func:`date_text` writes it (``None`` when there is none)."""
    text = date_text(value)
    return int(text[:4]) if text and text[:4].isdigit() else None


def resolve_sources(sources: Any, citations: dict | None) -> tuple[dict, ...]:
    """The citations of a ``sources`` list, ids replaced by the registry's entries (dates as text).

    Examples
    --------
    >>> resolve_sources(["a", {"title": "T", "url": "u"}], {"a": {"title": "A", "url": "v", "date": 2013}})
    ({'title': 'A', 'url': 'v', 'date': '2013', 'id': 'a'}, {'title': 'T', 'url': 'u'})
    """
    out = []
    for s in sources or ():
        if isinstance(s, str):
            entry = dict((citations or {}).get(s) or {"title": s, "url": ""})
            entry["id"] = s
        else:
            entry = dict(s)
        if "date" in entry:
            entry["date"] = date_text(entry["date"])
        out.append(entry)
    return tuple(out)


# ------------------------------------------------------------------------------------------------ checks
def check_citation(c: _Checker, path: tuple, obj: Any) -> None:
    """One citation mapping: title and url texts, a date, ``verified`` true or false."""
    if not c.mapping(path, obj, CITATION_KEYS):
        return
    for key in ("title", "url", "publisher", "excerpt", "note"):
        if key in obj:
            c.text(path + (key,), obj[key], allow_translated=False)
    if obj.get("date") is not None:
        _check_date(c, path + ("date",), obj["date"])
    if "verified" in obj:
        c.boolean(path + ("verified",), obj["verified"])


def check_citations(c: _Checker, doc: dict) -> set[str]:
    """The top-level ``citations:`` registry (id → citation); returns its ids."""
    reg = doc.get("citations")
    if reg is None:
        return set()
    if not isinstance(reg, dict):
        c.add(("citations",), "a mapping citation id → citation", reg)
        return set()
    for cid, cit in reg.items():
        if c.ident(("citations", cid), cid):
            check_citation(c, ("citations", cid), cit)
    return {k for k in reg if isinstance(k, str)}


def check_sources(c: _Checker, path: tuple, value: Any, citations: set[str]) -> bool:
    """A non-empty list of citations or ids of the registry; returns whether it has at least one."""
    if not isinstance(value, list) or not value:
        c.add(path, "a non-empty list of citations (mappings with title and url) or citation ids", value,
              **({"found_text": "an empty list"} if value == [] else {}))
        return False
    for i, s in enumerate(value):
        if isinstance(s, str):
            if s not in citations:
                c.add(path + (i,), "the id of a citation of the file's 'citations:'",
                      found_text=f"unknown citation {_show(s)}" + _suggest(s, citations))
        else:
            check_citation(c, path + (i,), s)
    return True


def _check_quote(c: _Checker, path: tuple, value: Any) -> None:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(q, str) and q.strip() for q in items):
        c.add(path, "the paper's words: a non-empty text or a list of them", value)


def check_basis(c: _Checker, path: tuple, item: dict, citations: set[str]) -> None:
    """``basis`` and its companion (quote + section, sources/source, or reason)."""
    basis = item.get("basis")
    if basis is None:
        c.add(path, f"a key 'basis' ({', '.join(BASES)})", found_text="no 'basis'")
    elif not c.choice(path + ("basis",), basis, BASES):
        basis = None
    if "quote" in item:
        _check_quote(c, path + ("quote",), item["quote"])
    if "section" in item:
        c.text(path + ("section",), item["section"], allow_translated=False)
    if "reason" in item:
        c.text(path + ("reason",), item["reason"], allow_translated=False)
    if "sources" in item:
        check_sources(c, path + ("sources",), item["sources"], citations)
    if basis == "paper":
        for key in ("quote", "section"):
            if key not in item:
                c.add(path, f"a '{key}' with basis paper (the paper's words and where they stand)",
                      found_text=f"no '{key}'")
    elif basis == "source" and "sources" not in item and not (isinstance(item.get("source"), str)
                                                              and item["source"].strip()):
        c.add(path, "'sources' (citations) with basis source", found_text="no 'sources'")
    elif basis == "inferred" and "reason" not in item:
        c.add(path, "a one-line 'reason' with basis inferred", found_text="no 'reason'")
    if basis in ("source", "inferred") and "quote" in item:
        c.add(path + ("quote",), "a quote only with basis paper", found_text=f"a quote with basis {_show(basis)}")


def check_erratum(c: _Checker, path: tuple, value: Any, citations: set[str]) -> None:
    """``erratum: {claim, correction, sources}``: what the paper says wrongly, the correction and its citations."""
    if not c.mapping(path, value, ERRATUM_KEYS):
        return
    for key in ("claim", "correction"):
        if key in value:
            c.text(path + (key,), value[key], allow_translated=False)
    if "sources" in value:
        check_sources(c, path + ("sources",), value["sources"], citations)


def _check_date(c: _Checker, path: tuple, value: Any) -> bool:
    if isinstance(value, bool) or not (isinstance(value, _dt.date) or (isinstance(value, int) and 1000 <= value <= 2999)
                                       or (isinstance(value, str) and _DATE_RE.match(value))):
        c.add(path, "a year, YYYY-MM or an ISO date (YYYY-MM-DD)", value)
        return False
    return True


def check_dating(c: _Checker, path: tuple, item: dict) -> None:
    """``since``/``until`` (a date or null with a note), their ``*_verified`` flags, since not after until."""
    texts = {}
    for key in ("since", "until"):
        if key in item:
            if item[key] is None:
                if not item.get(f"{key}_note"):
                    c.add(path + (key,), f"a date, or null with a '{key}_note' saying why none is given",
                          found_text=f"null and no '{key}_note'")
            elif _check_date(c, path + (key,), item[key]):
                texts[key] = date_text(item[key])
        if f"{key}_note" in item:
            c.text(path + (f"{key}_note",), item[f"{key}_note"], allow_translated=False)
        if f"{key}_verified" in item:
            c.boolean(path + (f"{key}_verified",), item[f"{key}_verified"])
    if len(texts) == 2:
        since, until = texts["since"], texts["until"]
        if since[:len(until)] > until[:len(since)]:
            c.add(path + ("until",), f"a date not before since ({since})", item["until"])

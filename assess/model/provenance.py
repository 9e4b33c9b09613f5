"""Where a model's facts come from: counts per basis, the paper's quotes checked against its text, unverified facts.

Every node and relation of a country model carries a ``basis`` (paper, source, inferred;
:mod:`assess.frameworks.provenance`). This module summarises it for ``model check``, ``model show``, the Model
page and the exports:

* :func:`basis_counts` — how many nodes and relations rest on the paper, on sources, on inference;
* :func:`check_quotes` — every ``basis: paper`` quote must occur in the seed paper's text
  (``data/paper/seed_paper_az.txt``), compared whitespace- and line-break-insensitively (runs of
  whitespace become one space), as the researcher's ``check_quotes.py`` did;
* :func:`unverified_facts` — what could not be confirmed: nodes, relations and citations marked
  ``verified: false``, dates flagged ``since_verified``/``until_verified: false``, dates not found (null).

Examples
--------
>>> basis_counts("azerbaijan_proposal")["nodes"]
{'paper': 73, 'source': 0, 'inferred': 1}
>>> check_quotes("azerbaijan_proposal")
[]
"""

from __future__ import annotations

import re

from assess import limits
from assess.caches import memoise
from assess.data.catalogue import data_dir
from assess.errors import DataError, Issue
from assess.frameworks import CountryModel
from assess.frameworks.vocabulary import BASES
from assess.io import safeio

__all__ = ["PAPER_FILE", "basis_counts", "basis_of", "check_quotes", "normalise_text", "paper_quotes", "paper_text",
           "unverified_facts"]

#: The seed paper's text, relative to the data folder (provenance in data/SOURCES.md).
PAPER_FILE = "paper/seed_paper_az.txt"


def normalise_text(text: str) -> str:
    """Runs of whitespace (spaces, tabs, line breaks) become one space; ends stripped.

    Examples
    --------
    >>> normalise_text("  e-\\n\\nhökumət   qapısı ")
    'e- hökumət qapısı'
    """
    return re.sub(r"\s+", " ", str(text)).strip()


@memoise(maxsize=1)
def paper_text() -> str:
    """The seed paper's text (``data/paper/seed_paper_az.txt``), read bounded; :class:`DataError` if missing.

    Examples
    --------
    >>> "İnformasiya" in paper_text()
    True
    """
    path = data_dir() / PAPER_FILE
    return safeio.read_text(path, limits.MAX_DATA_FILE_BYTES, source=PAPER_FILE, error=DataError)


def _model(model: CountryModel | str) -> CountryModel:
    """A model object from an id of ``frameworks/``, a baseline id (``baseline_geo``) or an object."""
    from assess.model.baseline import resolve_model

    return resolve_model(model) if isinstance(model, str) else model


def basis_of(item) -> str:
    """The basis of a node or relation (``""`` when none is given)."""
    return getattr(item, "basis", "") or ""


def basis_counts(model: CountryModel | str) -> dict[str, dict[str, int]]:
    """Nodes and relations per basis: ``{"nodes": {basis: n}, "relations": {basis: n}}`` (bases in vocabulary order).

    Examples
    --------
    >>> basis_counts("singapore")
    {'nodes': {'paper': 0, 'source': 27, 'inferred': 0}, 'relations': {'paper': 0, 'source': 3, 'inferred': 46}}
    """
    m = _model(model)
    out = {"nodes": dict.fromkeys(BASES, 0), "relations": dict.fromkeys(BASES, 0)}
    for key, items in (("nodes", m.nodes), ("relations", m.relations)):
        for item in items:
            b = basis_of(item)
            if b in out[key]:
                out[key][b] += 1
    return out


def paper_quotes(model: CountryModel | str) -> list[tuple[str, str]]:
    """``(where, quote)`` of every quote standing under ``basis: paper`` (nodes, mandate items, relations).

    Examples
    --------
    >>> qs = paper_quotes("azerbaijan_proposal")
    >>> len(qs), qs[0]
    (154, ('nodes[technical_model].quote[0]', 'Bu model iki hissədən ibarətdir:birincisi texniki model,ikincisi isə təşkilati modeldir'))
    """
    m = _model(model)
    out: list[tuple[str, str]] = []
    for n in m.nodes:
        if n.basis == "paper":
            out += [(f"nodes[{n.id}].quote[{i}]", q) for i, q in enumerate(n.quote)]
        for j, item in enumerate(n.mandate_items):
            if item.get("basis") == "paper":
                out += [(f"nodes[{n.id}].mandate[{j}].quote[{i}]", q) for i, q in enumerate(item.get("quote", []))]
    for k, r in enumerate(m.relations):
        if r.basis == "paper":
            out += [(f"relations[{k}] {r.source} -{r.type}-> {r.target}.quote[{i}]", q) for i, q in enumerate(r.quote)]
    return out


def check_quotes(model: CountryModel | str, text: str | None = None) -> list[Issue]:
    """Every ``basis: paper`` quote that does not occur in the paper's text (whitespace-insensitive).

    Parameters
    ----------
    model : CountryModel or str
    text : str, optional
        The paper's text (default :func:`paper_text`).

    Returns
    -------
    list of Issue
        One per missing quote; a quote found only once *all* whitespace is removed says so (a word split
        by a line break in the extracted text).

    Examples
    --------
    >>> check_quotes("azerbaijan_proposal", text="Xidmət bölməsi")[0].location
    'nodes[technical_model].quote[0]'
    """
    paper = normalise_text(paper_text() if text is None else text)
    squashed = re.sub(r"\s+", "", paper)
    issues = []
    for where, quote in paper_quotes(model):
        if normalise_text(quote) in paper:
            continue
        hint = " (it occurs only with all whitespace removed)" if re.sub(r"\s+", "", quote) in squashed else ""
        shown = quote if len(quote) <= 60 else quote[:60] + "…"
        issues.append(Issue(where, f"expected the paper's own words, found a quote not in the paper{hint}: {shown!r}"))
    return issues


def unverified_facts(model: CountryModel | str) -> list[dict]:
    """What the model states without confirmation, one row each: ``element``, ``what``, ``note``.

    Counted: nodes and relations marked ``verified: false``; citations (of nodes, relations, mandate items
    and errata) marked ``verified: false``; dates flagged ``since_verified``/``until_verified: false``; ``since``
    or ``until`` left null because no date was found.

    Examples
    --------
    >>> rows = unverified_facts("azerbaijan_today")
    >>> sorted({r["what"] for r in rows})
    ['citation not verified', 'date not confirmed', 'date not found', 'node not verified']
    """
    m = _model(model)
    rows: list[dict] = []

    def cites(element: str, sources) -> None:
        for s in sources:
            if s.get("verified") is False:
                rows.append({"element": element, "what": "citation not verified",
                             "note": f"{s.get('publisher') or ''}: {s.get('title', '')}".strip(": ")})

    for n in m.nodes:
        if not n.verified:
            rows.append({"element": n.id, "what": "node not verified", "note": n.note or ""})
        cites(n.id, n.sources)
        for item in n.mandate_items:
            cites(n.id, item.get("sources", []))
        if n.erratum:
            cites(n.id, n.erratum.get("sources", []))
        for key in ("since", "until"):
            if not getattr(n, f"{key}_verified"):
                rows.append({"element": n.id, "what": "date not confirmed", "note": f"{key} {getattr(n, key)}"})
            if getattr(n, f"{key}_note") and getattr(n, key) is None:
                rows.append({"element": n.id, "what": "date not found", "note": f"{key}: {getattr(n, f'{key}_note')}"})
    for r in m.relations:
        where = f"{r.source} -{r.type}-> {r.target}"
        if not r.verified:
            rows.append({"element": where, "what": "relation not verified", "note": r.note or ""})
        cites(where, r.sources)
    return rows

"""Validation of ``kind: strategy`` files: every key, type, date and reference, each problem with its line.

What refuses a file (here) is what makes it unreadable or inconsistent: unknown or missing keys, wrong types,
bad dates, duplicate ids, a reference to an id that exists nowhere (not in the file, not in the country model,
not in ``model_gaps``), ``source.document`` not among the documents, an owner that is a node of the model but
not a body, an indicator not of the form ``dataset:indicator``. What is *missing from the strategy* (a KPI
without owner, a direction without goal) is not an error of the file: the traceability checks
(:mod:`assess.strategy.checks`) report it.

A ``model_gaps`` entry names a node the model lacks. When the model later gains that node, the model's node
wins (its type is used) and the check reports the entry as resolved; the file does not break.

Examples
--------
>>> from assess.frameworks.schema import validate_document
>>> doc = {"id": "s", "kind": "strategy", "name": {"en": "S", "az": "S"}, "country": "EST", "model": "estonia",
...        "period": {"start": "2021", "end": "2030"}, "as_of": "2021", "status": "current",
...        "documents": [{"id": "d", "title": {"en": "D", "az": "D"}, "issuer": "mkm", "date": "2021-13",
...                       "url": None, "language": "et", "status": "in_force", "role": "strategy",
...                       "part_of_set": True, "opened": "full", "verified": True}],
...        "vision": None, "directions": [], "goals": [], "kpis": [], "principles": [],
...        "implementation_rules": [], "action_points": [], "enablers": [], "diagrams": [], "notes": []}
>>> [str(i) for i in validate_document(doc)]
["documents[d].date: expected a quoted date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', found '2021-13'"]
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from typing import Any

from assess.frameworks.checker import COMMON_KEYS, _Checker, _one_of, _show, _suggest
from assess.frameworks.vocabulary import BODY_TYPES, ID_RE, KNOWN_DATASETS, LANGUAGES, NODE_TYPES, STRATEGY

__all__ = ["STRATEGY_KEYS"]

STRATEGY_KEYS = {**{k: False for k in COMMON_KEYS}, "id": True, "kind": True, "name": True, "country": True,
                 "model": True, "period": True, "as_of": True, "status": True, "documents": True, "vision": True,
                 "general_objective": False, "directions": True, "goals": True, "kpis": True, "principles": True,
                 "implementation_rules": True, "action_points": True, "enablers": True, "diagrams": True,
                 "notes": True, "model_gaps": False, "glossary": False}

_COMMON = {"id": True, "name": True, "description": False, "source": True, "corroboration": False,
           "verified": True, "note": False}
DOCUMENT_KEYS = {"id": True, "title": True, "issuer": True, "issuer_name": False, "date": True, "url": True,
                 "language": True, "status": True, "role": True, "part_of_set": True, "opened": True,
                 "verified": True, "note": False, "retrieved": False, "local_copy": False}
ELEMENT_KEYS = {
    "vision": {**_COMMON, "statement": True},
    "general_objective": {**_COMMON, "statement": True},
    "directions": {**_COMMON, "order": True, "original": False},
    "goals": {**_COMMON, "directions": True, "link_stated": True},
    "kpis": {**_COMMON, "goal": True, "link_stated": True, "definition": True, "unit": True, "polarity": True,
             "baseline": True, "target": True, "owner": True, "owner_stated": True, "data_source": True,
             "reported": True, "measured_by": True},
    "principles": {**_COMMON, "requires": True, "applies_to": True},
    "implementation_rules": {**_COMMON, "type": True, "body": True, "frequency": True, "applies_to": True},
    "action_points": {**_COMMON, "goal": True, "link_stated": True, "owner": True, "owner_stated": True,
                      "start": True, "end": True, "status": True, "status_date": True, "budget_line": True,
                      "delivers": False},
    "enablers": {**_COMMON, "type": True, "node": True, "directions": True, "link_stated": True},
    "diagrams": {**_COMMON, "url": True, "shows": True, "layout": False},
}
NOTE_KEYS = {"id": True, "date": True, "text": True, "source": True, "verified": True, "affects": False,
             "note": False, "corroboration": False}
GAP_KEYS = {"id": True, "type": True, "name": True, "source": True, "verified": True, "needed_by": True,
            "note": False}
SOURCE_KEYS = {"document": True, "section": True, "page": True, "quote": True}
BASELINE_KEYS = {"value": True, "year": True, "source": True, "verified": True}
TARGET_KEYS = {"value": True, "value_max": True, "comparator": True, "date": True, "source": True, "verified": True}
REPORTED_KEYS = {"date": True, "value": True, "comparator": False, "source": True, "verified": True, "note": False}
MEASURE_KEYS = {"indicator": True, "fit": True}
GLOSSARY_KEYS = {"term": True, "definition": True}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_INDICATOR = re.compile(r"^([a-z][a-z0-9_]*):([A-Za-z0-9_.\-]+)$")
_LANG = re.compile(r"^[a-z]{2}$")


def _date_ok(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    m = _DATE.match(value)
    if not m:
        return False
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


class _StrategyChecker:
    """The checks of one strategy document, sharing its id tables and the country model's node types."""

    def __init__(self, c: _Checker, doc: dict, model_nodes: dict[str, str] | None):
        self.c, self.doc, self.model = c, doc, model_nodes
        self.documents: set[str] = set()
        self.elements: dict[str, str] = {}  # id → list key
        self.ids_of: dict[str, set[str]] = {}  # list key → ids
        self.gaps: dict[str, str] = {}  # id → type

    # -- small checks -------------------------------------------------------------------------------
    def bilingual(self, path: tuple, obj: Any, *, nullable: bool = False) -> None:
        """``{en, az}`` (both non-empty), plus optional ``original`` or other two-letter languages."""
        c = self.c
        if obj is None and nullable:
            return
        if not isinstance(obj, dict):
            c.add(path, "a text in en and az ({en: …, az: …})" + (" or null" if nullable else ""), obj)
            return
        for lang in LANGUAGES:
            value = obj.get(lang)
            if value is None:
                c.add(path, "a text in en and az", found_text=f"no '{lang}'")
            elif not isinstance(value, str) or not value.strip():
                c.add(path + (lang,), "a non-empty text", value)
        for key, value in obj.items():
            if key in LANGUAGES:
                continue
            if key != "original" and not (isinstance(key, str) and _LANG.match(key)):
                c.add(path + (key,), "en, az, original or a two-letter language code",
                      found_text=f"unknown key {_show(key)}" + _suggest(key, ("en", "az", "original")))
            elif not isinstance(value, str):
                c.add(path + (key,), "a text", value)

    def date(self, path: tuple, value: Any, *, nullable: bool = True) -> None:
        if value is None and nullable:
            return
        if not _date_ok(value):
            found = f"{value.isoformat()} unquoted (YAML read it as a date: quote it)" \
                if isinstance(value, _dt.date) else _show(value)
            self.c.add(path, "a quoted date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'", found_text=found)

    def text(self, path: tuple, value: Any, *, nullable: bool = True) -> None:
        if value is None and nullable:
            return
        if not isinstance(value, str) or not value.strip():
            self.c.add(path, "a non-empty text" + (" or null" if nullable else ""), value)

    def boolean(self, path: tuple, value: Any) -> None:
        if not isinstance(value, bool):
            self.c.add(path, "true or false", value)

    def number(self, path: tuple, value: Any, *, nullable: bool = True) -> None:
        if value is None and nullable:
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value or \
                value in (float("inf"), float("-inf")):
            self.c.add(path, "a number" + (" or null" if nullable else ""), value)

    def choice(self, path: tuple, value: Any, key: str) -> None:
        self.c.choice(path, value, STRATEGY[key])

    def id_list(self, path: tuple, value: Any) -> list:
        if not isinstance(value, list):
            self.c.add(path, "a list of ids", value)
            return []
        return value

    # -- references --------------------------------------------------------------------------------
    def ref(self, path: tuple, value: Any, known, what: str) -> None:
        if not isinstance(value, str):
            self.c.add(path, what, value)
        elif not known:
            self.c.add(path, f"{what} (the file defines none)", found_text=f"unknown reference {_show(value)}")
        elif value not in known:
            self.c.reference(path, value, sorted(map(str, known)), what)

    def node_ref(self, path: tuple, value: Any, *, body: bool, what: str) -> None:
        """A node of the country model (or a ``model_gaps`` entry); ``body``: of a body type."""
        if value is None:
            return
        c = self.c
        if not isinstance(value, str):
            c.add(path, f"{what} (a node id) or null", value)
            return
        model = self.model if self.model is not None else {}
        node_type = model.get(value) or self.gaps.get(value)
        if node_type is None:
            if self.model is None and value not in self.gaps:
                return  # the model could not be read (reported at 'model'): nothing to check against
            known = sorted(set(model) | set(self.gaps))
            c.add(path, f"{what}: a node of the country model {_show(self.doc.get('model'))} or a model_gaps id",
                  found_text=f"unknown node {_show(value)}" + _suggest(value, known))
        elif body and node_type not in BODY_TYPES:
            where = "in the model" if value in model else "in model_gaps"
            c.add(path, f"{what}: a body ({', '.join(BODY_TYPES)})",
                  found_text=f"{_show(value)}, a {_show(node_type)} {where}")

    def source(self, path: tuple, obj: Any, *, nullable: bool = False) -> None:
        c = self.c
        if obj is None and nullable:
            return
        if not c.mapping(path, obj, SOURCE_KEYS):
            return
        if "document" in obj:
            self.ref(path + ("document",), obj["document"], self.documents, "a document id of this file")
        self.text(path + ("section",), obj.get("section"))
        page = obj.get("page")
        if page is not None and (isinstance(page, bool) or not isinstance(page, int | str)):
            c.add(path + ("page",), "a page number, a text or null", page)
        self.text(path + ("quote",), obj.get("quote"))

    # -- the document ------------------------------------------------------------------------------
    def collect_ids(self) -> None:
        c, doc = self.c, self.doc
        items: list[tuple[tuple, Any]] = []
        for i, d in enumerate(_list(doc.get("documents"))):
            if isinstance(d, dict):
                items.append((("documents", i, "id"), d.get("id")))
                if isinstance(d.get("id"), str):
                    self.documents.add(d["id"])
        for key in ("vision", "general_objective"):
            el = doc.get(key)
            if isinstance(el, dict):
                items.append(((key, "id"), el.get("id")))
                if isinstance(el.get("id"), str):
                    self.elements[el["id"]] = key
        for key in (*ELEMENT_KEYS, "notes", "model_gaps"):
            if key in ("vision", "general_objective"):
                continue
            for i, el in enumerate(_list(doc.get(key))):
                if isinstance(el, dict):
                    items.append(((key, i, "id"), el.get("id")))
                    if isinstance(el.get("id"), str) and key != "model_gaps":
                        self.elements[el["id"]] = key
                        self.ids_of.setdefault(key, set()).add(el["id"])
                    if key == "model_gaps" and isinstance(el.get("id"), str):
                        self.gaps[el["id"]] = el.get("type") if el.get("type") in NODE_TYPES else "?"
        for path, value in items:
            c.ident(path, value)
        c.unique_ids(items, "the whole file (documents, elements, notes and model_gaps)")

    def top(self) -> None:
        c, doc = self.c, self.doc
        if "country" in doc and not (isinstance(doc["country"], str) and re.fullmatch(r"[A-Z]{3}", doc["country"])):
            c.add(("country",), "an ISO 3166-1 alpha-3 code such as 'AZE'", doc["country"])
        if "status" in doc:
            self.choice(("status",), doc["status"], "status")
        if "as_of" in doc:
            self.date(("as_of",), doc["as_of"], nullable=False)
        if "period" in doc and c.mapping(("period",), doc["period"], {"start": True, "end": True}):
            self.date(("period", "start"), doc["period"].get("start"))
            self.date(("period", "end"), doc["period"].get("end"))
        if "description" in doc:
            self.bilingual(("description",), doc["description"])
        for i, g in enumerate(c.list_of_mappings(("glossary",), doc.get("glossary"), "terms", allow_empty=True)):
            if c.mapping(("glossary", i), g, GLOSSARY_KEYS):
                self.text(("glossary", i, "term"), g.get("term"), nullable=False)
                self.bilingual(("glossary", i, "definition"), g.get("definition"))

    def documents_list(self) -> None:
        c = self.c
        docs = c.list_of_mappings(("documents",), self.doc.get("documents"), "documents")
        for i, d in enumerate(docs):
            path = ("documents", i)
            if not c.mapping(path, d, DOCUMENT_KEYS):
                continue
            if "title" in d:
                self.bilingual(path + ("title",), d["title"])
            self.node_ref(path + ("issuer",), d.get("issuer"), body=True, what="issuer")
            for key in ("issuer_name", "url", "note", "local_copy"):
                self.text(path + (key,), d.get(key))
            for key in ("date", "retrieved"):
                self.date(path + (key,), d.get(key))
            if "language" in d and not (isinstance(d["language"], str) and _LANG.match(d["language"])):
                c.add(path + ("language",), "an ISO 639-1 code such as 'az', 'en', 'et'", d["language"])
            for key, vocab in (("status", "document_status"), ("role", "document_role"), ("opened", "opened")):
                if key in d:
                    self.choice(path + (key,), d[key], vocab)
            for key in ("part_of_set", "verified"):
                if key in d:
                    self.boolean(path + (key,), d[key])

    def common(self, path: tuple, el: dict) -> None:
        if "name" in el:
            self.bilingual(path + ("name",), el["name"])
        if "description" in el:
            self.bilingual(path + ("description",), el["description"])
        if "source" in el:
            self.source(path + ("source",), el["source"])
        for j, cite in enumerate(_list(el.get("corroboration"), path + ("corroboration",), self.c)):
            self.source(path + ("corroboration", j), cite)
        if "verified" in el:
            self.boolean(path + ("verified",), el["verified"])
        self.text(path + ("note",), el.get("note"))

    def element(self, key: str, path: tuple, el: Any) -> None:
        c = self.c
        if not c.mapping(path, el, ELEMENT_KEYS[key]):
            return
        self.common(path, el)
        directions, goals = self.ids_of.get("directions", set()), self.ids_of.get("goals", set())
        for flag in ("link_stated", "owner_stated"):
            if flag in el:
                self.boolean(path + (flag,), el[flag])
        if key in ("vision", "general_objective") and "statement" in el:
            self.bilingual(path + ("statement",), el["statement"])
        elif key == "directions" and "order" in el:
            if isinstance(el["order"], bool) or not isinstance(el["order"], int):
                c.add(path + ("order",), "a whole number (the order in the document)", el["order"])
        elif key in ("goals", "enablers"):
            for j, d in enumerate(self.id_list(path + ("directions",), el.get("directions", []))):
                self.ref(path + ("directions", j), d, directions, "a direction id")
            if key == "enablers":
                if "type" in el:
                    self.choice(path + ("type",), el["type"], "enabler_type")
                self.node_ref(path + ("node",), el.get("node"), body=False, what="node")
        elif key == "kpis":
            self.kpi(path, el, goals)
        elif key == "principles":
            if "requires" in el:
                self.bilingual(path + ("requires",), el["requires"], nullable=True)
            for j, d in enumerate(self.id_list(path + ("applies_to",), el.get("applies_to", []))):
                self.ref(path + ("applies_to", j), d, directions, "a direction id")
        elif key == "implementation_rules":
            if "type" in el:
                self.choice(path + ("type",), el["type"], "rule_type")
            self.node_ref(path + ("body",), el.get("body"), body=True, what="body")
            self.text(path + ("frequency",), el.get("frequency"))
            for j, t in enumerate(self.id_list(path + ("applies_to",), el.get("applies_to", []))):
                self.ref(path + ("applies_to", j), t, self.documents | set(self.elements), "a document or element id")
        elif key == "action_points":
            if el.get("goal") is not None:
                self.ref(path + ("goal",), el["goal"], goals, "a goal id or null")
            self.node_ref(path + ("owner",), el.get("owner"), body=True, what="owner")
            for k in ("start", "end", "status_date"):
                self.date(path + (k,), el.get(k))
            if "status" in el:
                self.choice(path + ("status",), el["status"], "action_status")
            if "budget_line" in el:
                self.bilingual(path + ("budget_line",), el["budget_line"], nullable=True)
            for j, n in enumerate(self.id_list(path + ("delivers",), el.get("delivers", []))):
                self.node_ref(path + ("delivers", j), n, body=False, what="delivers")
        elif key == "diagrams":
            self.text(path + ("url",), el.get("url"))
            self.text(path + ("layout",), el.get("layout"))
            for j, s in enumerate(self.id_list(path + ("shows",), el.get("shows", []))):
                if isinstance(s, str) and s.startswith("model:"):
                    self.node_ref(path + ("shows", j), s[6:], body=False, what="shows model:")
                else:
                    self.ref(path + ("shows", j), s, set(self.elements), "an element id or 'model:<node id>'")

    def kpi(self, path: tuple, el: dict, goals: set[str]) -> None:
        c = self.c
        if el.get("goal") is not None:
            self.ref(path + ("goal",), el["goal"], goals, "a goal id or null")
        if "definition" in el:
            self.bilingual(path + ("definition",), el["definition"], nullable=True)
        if "data_source" in el:
            self.bilingual(path + ("data_source",), el["data_source"], nullable=True)
        self.text(path + ("unit",), el.get("unit"), nullable=False)
        if "polarity" in el:
            self.choice(path + ("polarity",), el["polarity"], "polarity")
        self.node_ref(path + ("owner",), el.get("owner"), body=True, what="owner")
        b = el.get("baseline")
        if b is not None and c.mapping(path + ("baseline",), b, BASELINE_KEYS):
            self.number(path + ("baseline", "value"), b.get("value"))
            self.date(path + ("baseline", "year"), b.get("year"))
            self.source(path + ("baseline", "source"), b.get("source"), nullable=True)
            self.boolean(path + ("baseline", "verified"), b.get("verified"))
        t = el.get("target")
        if t is not None and c.mapping(path + ("target",), t, TARGET_KEYS):
            self.number(path + ("target", "value"), t.get("value"))
            self.number(path + ("target", "value_max"), t.get("value_max"))
            if "comparator" in t:
                self.choice(path + ("target", "comparator"), t["comparator"], "comparator")
            if t.get("comparator") == "range" and t.get("value_max") is None and t.get("value") is not None:
                c.add(path + ("target", "value_max"), "the upper end of the range (comparator 'range')",
                      found_text="null")
            self.date(path + ("target", "date"), t.get("date"))
            self.source(path + ("target", "source"), t.get("source"), nullable=True)
            self.boolean(path + ("target", "verified"), t.get("verified"))
        for j, r in enumerate(_list(el.get("reported"), path + ("reported",), c)):
            rp = path + ("reported", j)
            if not c.mapping(rp, r, REPORTED_KEYS):
                continue
            self.date(rp + ("date",), r.get("date"))
            if r.get("date") is None and not r.get("note"):
                c.add(rp + ("date",), "a date, or a note saying why the value is undated", found_text="null and no note")
            self.number(rp + ("value",), r.get("value"), nullable=False)
            if "comparator" in r:
                self.choice(rp + ("comparator",), r["comparator"], "comparator")
            self.source(rp + ("source",), r.get("source"))
            self.boolean(rp + ("verified",), r.get("verified"))
            self.text(rp + ("note",), r.get("note"))
        for j, m in enumerate(_list(el.get("measured_by"), path + ("measured_by",), c)):
            mp = path + ("measured_by", j)
            if not c.mapping(mp, m, MEASURE_KEYS):
                continue
            ind = m.get("indicator")
            match = _INDICATOR.match(ind) if isinstance(ind, str) else None
            if match is None:
                c.add(mp + ("indicator",), "an indicator 'dataset:indicator' of the data store (e.g. 'un_egov:osi')",
                      ind)
            elif match.group(1) not in KNOWN_DATASETS:
                c.add(mp + ("indicator",), f"a dataset of the store ({_one_of(KNOWN_DATASETS)})",
                      found_text=f"{_show(ind)}: unknown dataset {_show(match.group(1))}"
                      + _suggest(match.group(1), KNOWN_DATASETS))
            if "fit" in m:
                self.choice(mp + ("fit",), m["fit"], "fit")

    def notes(self) -> None:
        c = self.c
        targets = self.documents | set(self.elements)
        for i, n in enumerate(c.list_of_mappings(("notes",), self.doc.get("notes"), "notes", allow_empty=True)):
            path = ("notes", i)
            if not c.mapping(path, n, NOTE_KEYS):
                continue
            self.date(path + ("date",), n.get("date"))
            if "text" in n:
                self.bilingual(path + ("text",), n["text"])
            if "source" in n:
                self.source(path + ("source",), n["source"])
            for j, cite in enumerate(_list(n.get("corroboration"), path + ("corroboration",), c)):
                self.source(path + ("corroboration", j), cite)
            if "verified" in n:
                self.boolean(path + ("verified",), n["verified"])
            self.text(path + ("note",), n.get("note"))
            for j, t in enumerate(self.id_list(path + ("affects",), n.get("affects", []))):
                self.ref(path + ("affects", j), t, targets, "a document or element id")

    def model_gaps(self) -> None:
        c = self.c
        targets = self.documents | set(self.elements)
        gaps = c.list_of_mappings(("model_gaps",), self.doc.get("model_gaps"), "model_gaps", allow_empty=True)
        for i, g in enumerate(gaps):
            path = ("model_gaps", i)
            if not c.mapping(path, g, GAP_KEYS):
                continue
            if "type" in g:
                c.choice(path + ("type",), g["type"], NODE_TYPES)
            if "name" in g:
                self.bilingual(path + ("name",), g["name"])
            if "source" in g:
                self.source(path + ("source",), g["source"])
            if "verified" in g:
                self.boolean(path + ("verified",), g["verified"])
            self.text(path + ("note",), g.get("note"))
            for j, t in enumerate(self.id_list(path + ("needed_by",), g.get("needed_by", []))):
                self.ref(path + ("needed_by", j), t, targets, "a document or element id")


def _list(value: Any, path: tuple | None = None, c: _Checker | None = None) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        if c is not None and path is not None:
            c.add(path, "a list", value)
        return []
    return value


def _validate_strategy(c: _Checker, doc: dict, resolve_model: Callable[[str], Any] | None) -> None:
    """Check a strategy document; ``resolve_model(id)`` returns ``(country, {node: type})`` or ``None``."""
    model_nodes = None
    model_id = doc.get("model")
    if "model" in doc:
        if not (isinstance(model_id, str) and ID_RE.fullmatch(model_id)):
            c.add(("model",), "the id of a country model in frameworks/", model_id)
        elif resolve_model is not None:
            found = resolve_model(model_id)
            if found is None:
                c.add(("model",), "the id of a country model (kind: country_model) in frameworks/",
                      found_text=f"{_show(model_id)}, not a readable country model")
            else:
                country, model_nodes = found
                if isinstance(doc.get("country"), str) and doc["country"] != country:
                    c.add(("country",), f"the model's country {country!r}", doc["country"])
    s = _StrategyChecker(c, doc, model_nodes)
    s.collect_ids()
    s.top()
    s.documents_list()
    for key in ("vision", "general_objective"):
        if key in doc and doc[key] is not None:
            s.element(key, (key,), doc[key])
    for key in ELEMENT_KEYS:
        if key in ("vision", "general_objective"):
            continue
        for i, el in enumerate(c.list_of_mappings((key,), doc.get(key), key, allow_empty=True)):
            s.element(key, (key, i), el)
    s.notes()
    s.model_gaps()

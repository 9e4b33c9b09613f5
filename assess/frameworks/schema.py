"""Schema and validation of framework documents (``frameworks/*.yaml``).

One load reports *every* problem. :func:`read_yaml` parses a file and remembers the line of
every key; the ``validate_*`` functions walk a document and return a list of
:class:`~assess.errors.Issue`, each located as ``key.path (line N)`` with a message
``expected …, found …``. :func:`check_document` raises one
:class:`~assess.errors.FrameworkError` listing them all.

Four kinds of document are known (``kind:``): ``composite``, ``country_model``, ``rubric``
and ``stage_model``. Their keys are the tables ``*_KEYS`` below; ``frameworks/README.md``
documents them for users.

Examples
--------
>>> doc, lines = read_yaml_text("id: x\\nkind: stage_model\\nname: {en: X}\\nstages: []\\n")
>>> for issue in validate_document(doc, lines, source="x.yaml"):
...     print(issue)
name (line 3): expected a name in en and az, found no 'az'
stages (line 4): expected at least one stage, found an empty list
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from assess import limits
from assess.errors import FrameworkError, Issue
from assess.frameworks.vocabulary import (
    AGGREGATORS,
    ARCHIMATE_TYPES,
    BODY_TYPES,
    CAPABILITIES,
    CLASS_COUNT,
    CLASS_RULES,
    ID_RE,
    KINDS,
    KNOWN_DATASETS,
    LANGUAGES,
    MISSING_POLICIES,
    NODE_TYPES,
    NORMALISERS,
    RELATION_TYPES,
)
from assess.io import safeio

__all__ = [
    "check_document",
    "read_yaml",
    "read_yaml_text",
    "validate_document",
]

# ---------------------------------------------------------------------------------------------
# YAML with line numbers
# ---------------------------------------------------------------------------------------------

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _record(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key: Any = key_node.value
            if key_node.tag.endswith(":int") and key.lstrip("-").isdigit():
                key = int(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _record_children(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record(item, path + (i,), lines)


def _record_children(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    line = lines[path]
    _record(node, path, lines)
    lines[path] = line  # a key's line is where the key is written, not where its value starts


def read_yaml_text(text: str, source: str = "<string>") -> tuple[Any, dict[tuple, int]]:
    """Parse YAML text and return ``(document, lines)``.

    ``lines`` maps a key path (a tuple of keys and list indices) to its 1-based line.

    Parameters
    ----------
    text : str
        The YAML text.
    source : str
        Name used in the error when the text is not valid YAML.

    Returns
    -------
    tuple
        The parsed document (plain dicts, lists, scalars) and the line map.

    Raises
    ------
    FrameworkError
        If the text is not valid YAML (with the line and column of the syntax error), or breaks a
        limit of :mod:`assess.limits` (size, aliases, nesting, expanded size: :func:`assess.io.safeio.check_yaml`).

    Examples
    --------
    >>> doc, lines = read_yaml_text("a: 1\\nb:\\n  - {c: 2}\\n")
    >>> doc, lines[("b", 0, "c")]
    ({'a': 1, 'b': [{'c': 2}]}, 3)
    """
    safeio.check_yaml(text, source, error=FrameworkError)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        doc = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrameworkError(source, [Issue(where, f"expected valid YAML, found a syntax error: {problem}")]) \
            from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _record(node, (), lines)
    return doc, lines


def read_yaml(path: str | Path) -> tuple[Any, dict[tuple, int]]:
    """Read a YAML file and return ``(document, lines)`` (see :func:`read_yaml_text`).

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
    ...     _ = f.write("x: [1, 2]\\n")
    >>> read_yaml(f.name)[0]
    {'x': [1, 2]}
    >>> os.remove(f.name)
    """
    path = Path(path)
    text = safeio.read_text(path, limits.MAX_YAML_BYTES, source=str(path), error=FrameworkError)
    return read_yaml_text(text, source=str(path))


# ---------------------------------------------------------------------------------------------
# Collecting issues
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Kinds
# ---------------------------------------------------------------------------------------------

COMMON_KEYS = {"id": True, "kind": True, "name": True, "description": False, "publisher": False,
               "source": False, "url": False, "version": False, "notes": False, "verified": False,
               "retrieved": False}

COMPOSITE_KEYS = {**COMMON_KEYS, "scale": False, "method": False, "components": True, "indicators": True,
                  "groups": False, "classes": False, "editions": False, "ties": False}
COMPONENT_KEYS = {"id": True, "name": True, "parent": False, "weight": False, "aggregate": False,
                  "normalise": False, "missing": False, "description": False, "note": False, "rescale": False}
INDICATOR_KEYS = {"id": True, "name": True, "parent": True, "weight": False, "direction": False,
                  "normalise": False, "source": True, "description": False, "note": False, "unit": False,
                  "goalposts": False}
INDICATOR_SOURCE_KEYS = {"dataset": True, "indicator": True, "column": False, "note": False}
METHOD_KEYS = {"normalise": False, "aggregate": False, "missing": False}
RESCALE_KEYS = {"method": True, "range": False, "lo": False, "hi": False}
GROUP_KEYS = {"id": True, "name": True, "min": True, "description": False, "code": False}
CLASSES_KEYS = {"rule": True, "approximation": False, "labels": True, "note": False, "since": False}
EDITION_KEYS = {"note": False, "method_break": False, "weights": False, "components": False,
                "exclude": False, "groups": False, "classes": False, "sub_indicators": False,
                "sources": False, "exception": False, "ties": False}

COUNTRY_MODEL_KEYS = {**COMMON_KEYS, "country": True, "status": True, "as_of": True, "nodes": True,
                      "relations": True, "capabilities": False}
MODEL_STATUSES = ("proposal", "current", "reference")
NODE_KEYS = {"id": True, "type": True, "name": True, "description": False, "source": False,
             "verified": False, "archimate_type": False, "capabilities": False, "mandate": False,
             "date": False, "start": False, "end": False, "note": False, "url": False}
RELATION_KEYS = {"from": True, "type": True, "to": True, "note": False, "source": False, "verified": False}

RUBRIC_KEYS = {**COMMON_KEYS, "levels": True, "dimensions": True, "criteria": True, "profiles": False}
RUBRIC_LEVEL_KEYS = {"name": True, "description": False}
DIMENSION_KEYS = {"id": True, "name": True, "weight": False, "description": False}
CRITERION_KEYS = {"id": True, "dimension": True, "name": True, "weight": False, "question": False,
                  "levels": True, "note": False}
PROFILE_KEYS = {"id": True, "name": True, "kind": True, "subject": False, "date": False, "editable": False,
                "source": False, "note": False, "scores": True}
PROFILE_KINDS = ("expert_judgement", "self_assessment")
SCORE_KEYS = {"level": True, "evidence": True, "source": False}

STAGE_MODEL_KEYS = {**COMMON_KEYS, "basis": False, "cumulative": False, "stages": True}
STAGE_KEYS = {"id": True, "name": True, "order": True, "rule": True, "description": False, "source": False,
              "verified": False, "note": False}
RULE_KEYS = ("indicator", "min", "max", "capability", "capabilities", "all", "any", "not", "always", "note")


def _check_common(c: _Checker, doc: dict, kind: str, stem: str | None) -> None:
    if c.ident(("id",), doc.get("id")) and stem is not None and doc["id"] != stem:
        c.add(("id",), f"the file name without .yaml ({stem!r})", doc["id"])
    if "name" in doc:
        c.name(("name",), doc["name"])
    for key in ("description", "publisher", "source", "url", "notes", "ties"):
        if key in doc:
            c.text((key,), doc[key])
    if "verified" in doc:
        c.boolean(("verified",), doc["verified"])


def _validate_composite(c: _Checker, doc: dict) -> None:
    normalisers, aggregators = tuple(NORMALISERS), tuple(AGGREGATORS)
    if "scale" in doc:
        scale = doc["scale"]
        if c.mapping(("scale",), scale, {"min": True, "max": True}) and \
                c.number(("scale", "min"), scale.get("min")) and c.number(("scale", "max"), scale.get("max")) \
                and scale["min"] >= scale["max"]:
            c.add(("scale",), "min < max", found_text=f"min {scale['min']} and max {scale['max']}")
    method = doc.get("method", {})
    if "method" in doc and c.mapping(("method",), method, METHOD_KEYS):
        for key, choices in (("normalise", normalisers), ("aggregate", aggregators), ("missing", tuple(MISSING_POLICIES))):
            if key in method:
                c.choice(("method", key), method[key], choices)

    components = c.list_of_mappings(("components",), doc.get("components"), "components")
    indicators = c.list_of_mappings(("indicators",), doc.get("indicators"), "indicators")
    id_items = [(("components", i, "id"), x.get("id")) for i, x in enumerate(components) if isinstance(x, dict)]
    id_items += [(("indicators", i, "id"), x.get("id")) for i, x in enumerate(indicators) if isinstance(x, dict)]
    c.unique_ids(id_items, "the framework (components and indicators)")
    component_ids = [x.get("id") for x in components if isinstance(x, dict) and isinstance(x.get("id"), str)]
    component_path = {x["id"]: ("components", i) for i, x in enumerate(components)
                      if isinstance(x, dict) and isinstance(x.get("id"), str)}

    parent_of: dict[str, str] = {}
    children: dict[str, list[tuple[tuple, Any]]] = {cid: [] for cid in component_ids}
    roots: list[str] = []
    for section, items, keys in (("components", components, COMPONENT_KEYS),
                                 ("indicators", indicators, INDICATOR_KEYS)):
        for i, item in enumerate(items):
            path = (section, i)
            if not c.mapping(path, item, keys):
                continue
            c.ident(path + ("id",), item.get("id"))
            if "name" in item:
                c.name(path + ("name",), item["name"])
            for key in ("description", "note", "unit"):
                if key in item:
                    c.text(path + (key,), item[key])
            if "rescale" in item and c.mapping(path + ("rescale",), item["rescale"], RESCALE_KEYS):
                c.choice(path + ("rescale", "method"), item["rescale"].get("method"), ("minmax",))
                if "range" in item["rescale"]:
                    c.choice(path + ("rescale", "range"), item["rescale"]["range"], ("input",))
                for key in ("lo", "hi"):
                    if key in item["rescale"]:
                        c.number(path + ("rescale", key), item["rescale"][key])
            if "normalise" in item:
                c.choice(path + ("normalise",), item["normalise"], normalisers)
            if "aggregate" in item:
                c.choice(path + ("aggregate",), item["aggregate"], aggregators)
            if "missing" in item:
                c.choice(path + ("missing",), item["missing"], tuple(MISSING_POLICIES))
            weight = item.get("weight", 1)
            if "weight" in item:
                c.number(path + ("weight",), weight, minimum=0)
            parent = item.get("parent")
            if parent is None:
                if section == "components":
                    roots.append(item.get("id"))
                continue
            if c.reference(path + ("parent",), parent, component_ids, "a component id"):
                children[parent].append((path + ("weight",), weight))
                if section == "components" and isinstance(item.get("id"), str):
                    parent_of[item["id"]] = parent
            if section == "indicators":
                if "direction" in item:
                    c.choice(path + ("direction",), item["direction"], (1, -1))
                src = item.get("source")
                if "source" in item and c.mapping(path + ("source",), src, INDICATOR_SOURCE_KEYS):
                    if "dataset" in src:
                        c.choice(path + ("source", "dataset"), src["dataset"], KNOWN_DATASETS)
                    if "indicator" in src and not (isinstance(src["indicator"], str) and src["indicator"]):
                        c.add(path + ("source", "indicator"), "an indicator id of the dataset", src["indicator"])
                if "goalposts" in item:
                    gp = item["goalposts"]
                    if c.mapping(path + ("goalposts",), gp, {"lo": True, "hi": True}):
                        c.number(path + ("goalposts", "lo"), gp.get("lo"))
                        c.number(path + ("goalposts", "hi"), gp.get("hi"))

    if components and len([r for r in roots if r is not None]) != 1:
        c.add(("components",), "exactly one root component (without parent)",
              found_text=f"{len(roots)}" + (f": {', '.join(map(str, roots))}" if roots else ""))
    c.cycles(parent_of, lambda n: component_path[n] + ("parent",), "a component hierarchy")
    for cid in component_ids:
        kids = children.get(cid, [])
        if not kids:
            c.add(component_path[cid], "a component with at least one child (component or indicator)",
                  found_text="none")
            continue
        weights = [w for _, w in kids if isinstance(w, int | float) and not isinstance(w, bool)]
        if len(weights) == len(kids) and all(w == 0 for w in weights):
            c.add(component_path[cid], f"at least one child weight > 0 under {_show(cid)}",
                  found_text="all weights zero")

    groups = c.list_of_mappings(("groups",), doc.get("groups"), "groups", allow_empty=True)
    c.unique_ids([(("groups", i, "id"), g.get("id")) for i, g in enumerate(groups) if isinstance(g, dict)],
                 "groups")
    previous = None
    for i, group in enumerate(groups):
        if not c.mapping(("groups", i), group, GROUP_KEYS):
            continue
        c.ident(("groups", i, "id"), group.get("id"))
        if "name" in group:
            c.name(("groups", i, "name"), group["name"])
        if "code" in group:
            c.text(("groups", i, "code"), group["code"])
        if "min" in group and c.number(("groups", i, "min"), group["min"]):
            if previous is not None and group["min"] <= previous:
                c.add(("groups", i, "min"), f"groups in ascending order of min (> {previous})", group["min"])
            previous = group["min"]
    group_ids = [g.get("id") for g in groups if isinstance(g, dict) and isinstance(g.get("id"), str)]

    if "classes" in doc:
        cls = doc["classes"]
        if c.mapping(("classes",), cls, CLASSES_KEYS):
            if "rule" in cls:
                c.choice(("classes", "rule"), cls["rule"], tuple(CLASS_RULES))
            if "approximation" in cls:
                c.boolean(("classes", "approximation"), cls["approximation"])
            labels = cls.get("labels")
            if "labels" in cls and c.mapping(("classes", "labels"), labels, dict.fromkeys(group_ids, False)):
                for gid, values in labels.items():
                    names = c.string_list(("classes", "labels", gid), values)
                    if names and len(names) != CLASS_COUNT:
                        c.add(("classes", "labels", gid), f"{CLASS_COUNT} class labels, best first",
                              found_text=f"{len(names)}")

    node_ids = component_ids + [x.get("id") for x in indicators if isinstance(x, dict)]
    editions = doc.get("editions")
    if "editions" in doc and isinstance(editions, dict):
        for year, ed in editions.items():
            path = ("editions", year)
            if not (isinstance(year, int) and 1990 <= year <= 2100):
                c.add(path, "a year as key (1990-2100)", year)
            if not c.mapping(path, ed, EDITION_KEYS):
                continue
            for key in ("note", "exception", "ties"):
                if key in ed:
                    c.text(path + (key,), ed[key])
            for key in ("method_break", "classes", "groups"):
                if key in ed:
                    c.boolean(path + (key,), ed[key])
            if "weights" in ed and c.mapping(path + ("weights",), ed["weights"], dict.fromkeys(node_ids, False)):
                for nid, w in ed["weights"].items():
                    c.number(path + ("weights", nid), w, minimum=0)
            for key in ("components", "exclude"):
                if key in ed:
                    for j, nid in enumerate(c.string_list(path + (key,), ed[key])):
                        c.reference(path + (key, j), nid, node_ids, "a component or indicator id")
            if "sub_indicators" in ed and c.mapping(path + ("sub_indicators",), ed["sub_indicators"],
                                                    dict.fromkeys(node_ids, False)):
                for nid, vals in ed["sub_indicators"].items():
                    c.string_list(path + ("sub_indicators", nid), vals)
            if "sources" in ed:
                c.string_list(path + ("sources",), ed["sources"])
    elif "editions" in doc:
        c.add(("editions",), "a mapping year → edition", editions)


def _validate_country_model(c: _Checker, doc: dict, resolve: Callable[[str], Any] | None) -> None:
    if "country" in doc and not (isinstance(doc["country"], str) and re.fullmatch(r"[A-Z]{3}", doc["country"])):
        c.add(("country",), "an ISO 3166-1 alpha-3 code such as 'AZE'", doc["country"])
    if "status" in doc:
        c.choice(("status",), doc["status"], MODEL_STATUSES)
    if "as_of" in doc and not isinstance(doc["as_of"], int | str | _dt.date):
        c.add(("as_of",), "a year or a date", doc["as_of"])
    vocabulary = dict(CAPABILITIES)
    if "capabilities" in doc:
        extra = doc["capabilities"]
        if isinstance(extra, dict):
            for tag, text in extra.items():
                if c.ident(("capabilities", tag), tag):
                    vocabulary[tag] = str(text)
        else:
            c.add(("capabilities",), "a mapping tag → description", extra)

    nodes = c.list_of_mappings(("nodes",), doc.get("nodes"), "nodes")
    c.unique_ids([(("nodes", i, "id"), n.get("id")) for i, n in enumerate(nodes) if isinstance(n, dict)],
                 "the model")
    node_type = {n["id"]: n.get("type") for n in nodes if isinstance(n, dict) and isinstance(n.get("id"), str)}
    for i, node in enumerate(nodes):
        path = ("nodes", i)
        if not c.mapping(path, node, NODE_KEYS):
            continue
        c.ident(path + ("id",), node.get("id"))
        if "type" in node:
            c.choice(path + ("type",), node["type"], NODE_TYPES)
        if "name" in node:
            c.name(path + ("name",), node["name"])
        for key in ("description", "source", "note", "url"):
            if key in node:
                c.text(path + (key,), node[key])
        if "mandate" in node:
            value = node["mandate"]
            if isinstance(value, list):
                for j, item in enumerate(value):
                    c.text(path + ("mandate", j), item)
            else:
                c.text(path + ("mandate",), value)
        if "verified" in node:
            c.boolean(path + ("verified",), node["verified"])
        if "archimate_type" in node:
            c.choice(path + ("archimate_type",), node["archimate_type"], ARCHIMATE_TYPES)
        for key in ("date", "start", "end"):
            if key in node and not isinstance(node[key], int | str | _dt.date):
                c.add(path + (key,), "a year or an ISO date", node[key])
        if "capabilities" in node:
            for j, tag in enumerate(c.string_list(path + ("capabilities",), node["capabilities"])):
                if tag not in vocabulary:
                    c.add(path + ("capabilities", j), "a capability tag (schema.CAPABILITIES or the "
                          "model's 'capabilities:')", found_text=f"unknown tag {_show(tag)}" + _suggest(tag, vocabulary))

    relations = c.list_of_mappings(("relations",), doc.get("relations"), "relations", allow_empty=True)
    seen: dict[tuple, int] = {}
    reports_to: dict[str, str] = {}
    reports_path: dict[str, tuple] = {}
    for i, rel in enumerate(relations):
        path = ("relations", i)
        if not c.mapping(path, rel, RELATION_KEYS):
            continue
        rtype = rel.get("type")
        type_ok = "type" in rel and c.choice(path + ("type",), rtype, RELATION_TYPES)
        src, dst = rel.get("from"), rel.get("to")
        src_ok = "from" in rel and c.reference(path + ("from",), src, node_type, "a node id of this model")
        if rtype == "measured_by":
            if "to" in rel:
                _check_indicator_ref(c, path + ("to",), dst, resolve)
            dst_ok = False
        else:
            dst_ok = "to" in rel and c.reference(path + ("to",), dst, node_type, "a node id of this model")
        for key in ("note", "source"):
            if key in rel:
                c.text(path + (key,), rel[key])
        if "verified" in rel:
            c.boolean(path + ("verified",), rel["verified"])
        key = (src, rtype, dst)
        if type_ok and isinstance(src, str) and isinstance(dst, str):
            if key in seen:
                c.add(path, "each relation once", found_text=f"duplicate of relation at "
                      f"{c.where(('relations', seen[key]))}")
            else:
                seen[key] = i
        if rtype == "reports_to" and src_ok and dst_ok:
            bad = [n for n in (src, dst) if node_type.get(n) not in BODY_TYPES]
            for n in bad:
                c.add(path, f"reports_to between bodies ({', '.join(BODY_TYPES)})",
                      found_text=f"{_show(n)} of type {_show(node_type.get(n))}")
            if not bad:
                if src in reports_to:
                    c.add(path, "one reports_to line per body",
                          found_text=f"{_show(src)} also reports to {_show(reports_to[src])}")
                else:
                    reports_to[src] = dst
                    reports_path[src] = path
        if rtype == "assigned_to" and src_ok and dst_ok:
            if node_type.get(src) != "duty":
                c.add(path + ("from",), "a duty node for assigned_to", found_text=f"{_show(src)} of type "
                      f"{_show(node_type.get(src))}")
            if node_type.get(dst) not in BODY_TYPES:
                c.add(path + ("to",), "a body for assigned_to", found_text=f"{_show(dst)} of type {_show(node_type.get(dst))}")
    c.cycles(reports_to, lambda n: reports_path[n], "reporting lines")


def _check_indicator_ref(c: _Checker, path: tuple, ref: Any, resolve: Callable[[str], Any] | None) -> None:
    """``framework_id.node_id`` must name a composite framework and one of its components/indicators."""
    if not (isinstance(ref, str) and ref.count(".") == 1):
        c.add(path, "an indicator reference 'framework_id.node_id' (e.g. 'un_egdi.osi')", ref)
        return
    fw_id, node_id = ref.split(".")
    if resolve is None:
        return
    node_ids = resolve(fw_id)
    if node_ids is None:
        c.add(path, "an indicator of a composite framework in frameworks/",
              found_text=f"{_show(ref)}: no composite framework {_show(fw_id)}")
    elif node_id not in node_ids:
        c.add(path, "an indicator of a composite framework in frameworks/",
              found_text=f"{_show(ref)}: framework {_show(fw_id)} defines no {_show(node_id)}" + _suggest(node_id, node_ids))


def _validate_rubric(c: _Checker, doc: dict) -> None:
    levels = doc.get("levels")
    level_keys: list[int] = []
    if "levels" in doc and isinstance(levels, dict):
        level_keys = sorted(k for k in levels if isinstance(k, int))
        if level_keys != list(range(len(levels))):
            c.add(("levels",), "levels numbered 0, 1, 2, … without gaps", found_text=", ".join(map(str, levels)))
        for k, level in levels.items():
            if c.mapping(("levels", k), level, RUBRIC_LEVEL_KEYS):
                if "name" in level:
                    c.name(("levels", k, "name"), level["name"])
                if "description" in level:
                    c.text(("levels", k, "description"), level["description"])
    elif "levels" in doc:
        c.add(("levels",), "a mapping level number → {name}", levels)

    dims = c.list_of_mappings(("dimensions",), doc.get("dimensions"), "dimensions")
    c.unique_ids([(("dimensions", i, "id"), d.get("id")) for i, d in enumerate(dims) if isinstance(d, dict)],
                 "dimensions")
    dim_ids = [d.get("id") for d in dims if isinstance(d, dict) and isinstance(d.get("id"), str)]
    for i, dim in enumerate(dims):
        if c.mapping(("dimensions", i), dim, DIMENSION_KEYS):
            c.ident(("dimensions", i, "id"), dim.get("id"))
            if "name" in dim:
                c.name(("dimensions", i, "name"), dim["name"])
            if "weight" in dim:
                c.number(("dimensions", i, "weight"), dim["weight"], minimum=0)
            if "description" in dim:
                c.text(("dimensions", i, "description"), dim["description"])
    dim_weights = [d.get("weight", 1) for d in dims if isinstance(d, dict)]
    if dims and all(isinstance(w, int | float) and w == 0 for w in dim_weights):
        c.add(("dimensions",), "at least one dimension weight > 0", found_text="all weights zero")

    criteria = c.list_of_mappings(("criteria",), doc.get("criteria"), "criteria")
    c.unique_ids([(("criteria", i, "id"), x.get("id")) for i, x in enumerate(criteria) if isinstance(x, dict)],
                 "criteria")
    crit_ids = [x.get("id") for x in criteria if isinstance(x, dict)]
    per_dim: dict[str, list] = {d: [] for d in dim_ids if isinstance(d, str)}
    for i, crit in enumerate(criteria):
        path = ("criteria", i)
        if not c.mapping(path, crit, CRITERION_KEYS):
            continue
        c.ident(path + ("id",), crit.get("id"))
        if "name" in crit:
            c.name(path + ("name",), crit["name"])
        if "question" in crit:
            c.text(path + ("question",), crit["question"])
        weight = crit.get("weight", 1)
        if "weight" in crit:
            c.number(path + ("weight",), weight, minimum=0)
        if "dimension" in crit and c.reference(path + ("dimension",), crit["dimension"], dim_ids, "a dimension id"):
            per_dim[crit["dimension"]].append(weight)
        clevels = crit.get("levels")
        if "levels" in crit:
            if not isinstance(clevels, dict):
                c.add(path + ("levels",), "a mapping level → evidence {en, az}", clevels)
            else:
                missing = [k for k in level_keys if k not in clevels]
                if missing:
                    c.add(path + ("levels",), f"evidence for every level {level_keys}",
                          found_text="none for level " + ", ".join(map(str, missing)))
                for k, text in clevels.items():
                    if k not in level_keys:
                        c.add(path + ("levels", k), f"a level in {level_keys}", k)
                    else:
                        c.name(path + ("levels", k), text)
    for dim, weights in per_dim.items():
        if not weights:
            c.add(("dimensions", dim_ids.index(dim)), f"at least one criterion in dimension {_show(dim)}",
                  found_text="none")
        elif all(isinstance(w, int | float) and w == 0 for w in weights):
            c.add(("dimensions", dim_ids.index(dim)), f"at least one criterion weight > 0 in {_show(dim)}",
                  found_text="all weights zero")

    profiles = c.list_of_mappings(("profiles",), doc.get("profiles"), "profiles", allow_empty=True)
    c.unique_ids([(("profiles", i, "id"), p.get("id")) for i, p in enumerate(profiles) if isinstance(p, dict)],
                 "profiles")
    for i, prof in enumerate(profiles):
        path = ("profiles", i)
        if not c.mapping(path, prof, PROFILE_KEYS):
            continue
        c.ident(path + ("id",), prof.get("id"))
        if "name" in prof:
            c.name(path + ("name",), prof["name"])
        if "kind" in prof:
            c.choice(path + ("kind",), prof["kind"], PROFILE_KINDS)
        for key in ("subject", "source", "note"):
            if key in prof:
                c.text(path + (key,), prof[key])
        if "editable" in prof:
            c.boolean(path + ("editable",), prof["editable"])
        scores = prof.get("scores")
        if "scores" not in prof:
            continue
        if not isinstance(scores, dict):
            c.add(path + ("scores",), "a mapping criterion id → {level, evidence, source}", scores)
            continue
        for cid, score in scores.items():
            spath = path + ("scores", cid)
            c.reference(spath, cid, crit_ids, "a criterion id")
            if c.mapping(spath, score, SCORE_KEYS):
                if "level" in score:
                    c.choice(spath + ("level",), score["level"], level_keys)
                if "evidence" in score:
                    c.text(spath + ("evidence",), score["evidence"])
                if "source" in score:
                    c.text(spath + ("source",), score["source"])
        unscored = [x for x in crit_ids if isinstance(x, str) and x not in scores]
        if unscored:
            c.add(path + ("scores",), "a score for every criterion", found_text="none for " + ", ".join(unscored))


def _validate_rule(c: _Checker, path: tuple, rule: Any, resolve, vocabulary) -> None:
    if not c.mapping(path, rule, dict.fromkeys(RULE_KEYS, False)):
        return
    logical = [k for k in ("indicator", "capability", "capabilities", "all", "any", "not", "always") if k in rule]
    if len(logical) != 1:
        c.add(path, "exactly one of indicator, capability, capabilities, all, any, not, always",
              found_text=", ".join(logical) if logical else "none")
        return
    key = logical[0]
    if key == "indicator":
        _check_indicator_ref(c, path + ("indicator",), rule["indicator"], resolve)
        if "min" not in rule and "max" not in rule:
            c.add(path, "a bound 'min' or 'max' with 'indicator'", found_text="neither")
        for bound in ("min", "max"):
            if bound in rule:
                c.number(path + (bound,), rule[bound])
    elif key in ("capability", "capabilities"):
        tags = [rule[key]] if key == "capability" else c.string_list(path + (key,), rule[key])
        for j, tag in enumerate(tags):
            where = path + ((key,) if key == "capability" else (key, j))
            if not isinstance(tag, str) or tag not in vocabulary:
                c.add(where, "a capability tag", found_text=f"unknown tag {_show(tag)}" + _suggest(tag, vocabulary))
    elif key in ("all", "any"):
        if not isinstance(rule[key], list) or not rule[key]:
            c.add(path + (key,), "a non-empty list of rules", rule[key])
        else:
            for j, sub in enumerate(rule[key]):
                _validate_rule(c, path + (key, j), sub, resolve, vocabulary)
    elif key == "not":
        _validate_rule(c, path + ("not",), rule["not"], resolve, vocabulary)
    elif key == "always" and rule["always"] is not True:
        c.add(path + ("always",), "true", rule["always"])


def _validate_stage_model(c: _Checker, doc: dict, resolve) -> None:
    if "basis" in doc:
        c.choice(("basis",), doc["basis"], ("indicators", "capabilities", "mixed"))
    if "cumulative" in doc:
        c.boolean(("cumulative",), doc["cumulative"])
    stages = c.list_of_mappings(("stages",), doc.get("stages"), "stages")
    c.unique_ids([(("stages", i, "id"), s.get("id")) for i, s in enumerate(stages) if isinstance(s, dict)],
                 "stages")
    orders: dict[Any, int] = {}
    for i, stage in enumerate(stages):
        path = ("stages", i)
        if not c.mapping(path, stage, STAGE_KEYS):
            continue
        c.ident(path + ("id",), stage.get("id"))
        if "name" in stage:
            c.name(path + ("name",), stage["name"])
        for key in ("description", "source", "note"):
            if key in stage:
                c.text(path + (key,), stage[key])
        if "verified" in stage:
            c.boolean(path + ("verified",), stage["verified"])
        order = stage.get("order")
        if "order" in stage:
            if not isinstance(order, int) or isinstance(order, bool):
                c.add(path + ("order",), "an integer", order)
            elif order in orders:
                c.add(path + ("order",), "a unique order", found_text=f"{order} again (also stage {orders[order]+1})")
            else:
                orders[order] = i
        if "rule" in stage:
            _validate_rule(c, path + ("rule",), stage["rule"], resolve, CAPABILITIES)


def validate_document(doc: Any, lines: Mapping[tuple, int] | None = None, *, source: str | None = None,
                      resolve: Callable[[str], Any] | None = None) -> list[Issue]:
    """Return every problem of a framework document (empty list when valid).

    Parameters
    ----------
    doc : Any
        The parsed YAML document.
    lines : mapping, optional
        Key path → line, from :func:`read_yaml`.
    source : str, optional
        File name; its stem must equal the document's ``id``.
    resolve : callable, optional
        ``resolve(framework_id)`` returns the node ids of a composite framework, or ``None``
        when there is none; used to check ``measured_by`` edges and stage rules. Without it
        those references are only checked for their form.

    Returns
    -------
    list of Issue

    Examples
    --------
    >>> doc = {"id": "t", "kind": "composite", "name": {"en": "T", "az": "T"},
    ...        "components": [{"id": "root", "name": {"en": "R", "az": "R"}}],
    ...        "indicators": [{"id": "a", "name": {"en": "A", "az": "A"}, "parent": "root", "weight": -1,
    ...                        "source": {"dataset": "un_egov", "indicator": "osi"}}]}
    >>> [str(i) for i in validate_document(doc)]
    ['indicators[a].weight: expected a number >= 0, found -1']
    """
    c = _Checker(doc, lines or {})
    if not isinstance(doc, dict):
        c.add((), "a mapping with keys id, kind, name, …", doc)
        return c.issues
    stem = Path(source).stem if source and source.endswith((".yaml", ".yml")) else None
    kind = doc.get("kind")
    if kind not in KINDS:
        c.add(("kind",), _one_of(KINDS), found_text=_show(kind if "kind" in doc else _NOTHING)
              + _suggest(kind, KINDS))
        for key in ("id", "name"):
            if key not in doc:
                c.add((), f"a key '{key}'", found_text=f"no '{key}'")
        _check_common(c, doc, "", stem)
        return c.issues
    keys = {"composite": COMPOSITE_KEYS, "country_model": COUNTRY_MODEL_KEYS, "rubric": RUBRIC_KEYS,
            "stage_model": STAGE_MODEL_KEYS}[kind]
    c.mapping((), doc, keys)
    _check_common(c, doc, kind, stem)
    if kind == "composite":
        _validate_composite(c, doc)
    elif kind == "country_model":
        _validate_country_model(c, doc, resolve)
    elif kind == "rubric":
        _validate_rubric(c, doc)
    else:
        _validate_stage_model(c, doc, resolve)
    return c.issues


def check_document(doc: Any, lines: Mapping[tuple, int] | None = None, *, source: str = "<document>",
                   resolve: Callable[[str], Any] | None = None) -> None:
    """Raise one :class:`FrameworkError` listing every problem of ``doc`` (see :func:`validate_document`).

    Examples
    --------
    >>> check_document({"id": "x", "kind": "compsite"}, source="frameworks/x.yaml")
    Traceback (most recent call last):
    ...
    assess.errors.FrameworkError: frameworks/x.yaml: 2 problems
      kind: expected one of composite, country_model, rubric, stage_model, found 'compsite' (did you mean 'composite'?)
      (top level): expected a key 'name', found no 'name'
    """
    issues = validate_document(doc, lines, source=source, resolve=resolve)
    if issues:
        raise FrameworkError(source, issues)

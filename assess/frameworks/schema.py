"""Validate a framework document of any kind: the common keys, then the checks of its kind's module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from assess.errors import FrameworkError, Issue
from assess.frameworks.checker import _NOTHING, _check_common, _Checker, _one_of, _show, _suggest
from assess.frameworks.composite import COMPOSITE_KEYS, _validate_composite
from assess.frameworks.country_model import COUNTRY_MODEL_KEYS, _validate_country_model
from assess.frameworks.evidence_map import EVIDENCE_MAP_KEYS, _validate_evidence_map
from assess.frameworks.realisation import REALISATION_KEYS, _validate_realisation
from assess.frameworks.rubric import RUBRIC_KEYS, _validate_rubric
from assess.frameworks.stage_model import STAGE_MODEL_KEYS, _validate_stage_model
from assess.frameworks.strategy_schema import STRATEGY_KEYS, _validate_strategy
from assess.frameworks.vocabulary import (
    KINDS,
)

__all__ = ["check_document", "validate_document"]



def validate_document(doc: Any, lines: Mapping[tuple, int] | None = None, *, source: str | None = None,
                      resolve: Callable[[str], Any] | None = None,
                      resolve_model: Callable[[str], Any] | None = None) -> list[Issue]:
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
        when there is none; used to check ``measured_by`` edges and stage rules. Its attribute
        ``model(framework_id)``, when present, returns a country model (or ``None``): used to check the
        ids of a realisation map. Without it those references are only checked for their form.
    resolve_model : callable, optional
        ``resolve_model(model_id)`` returns ``(country, {node_id: node_type})`` of a country model, or
        ``None``; used by strategies to check the bodies, laws and platforms they name.

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
    keys = {"composite": COMPOSITE_KEYS, "country_model": COUNTRY_MODEL_KEYS, "evidence_map": EVIDENCE_MAP_KEYS,
            "realisation": REALISATION_KEYS, "rubric": RUBRIC_KEYS, "stage_model": STAGE_MODEL_KEYS,
            "strategy": STRATEGY_KEYS}[kind]
    c.mapping((), doc, keys)
    _check_common(c, doc, kind, stem)
    if kind == "composite":
        _validate_composite(c, doc)
    elif kind == "country_model":
        _validate_country_model(c, doc, resolve)
    elif kind == "realisation":
        _validate_realisation(c, doc, resolve)
    elif kind == "evidence_map":
        _validate_evidence_map(c, doc, resolve)
    elif kind == "rubric":
        _validate_rubric(c, doc)
    elif kind == "strategy":
        _validate_strategy(c, doc, resolve_model)
    else:
        _validate_stage_model(c, doc, resolve)
    return c.issues


def check_document(doc: Any, lines: Mapping[tuple, int] | None = None, *, source: str = "<document>",
                   resolve: Callable[[str], Any] | None = None,
                   resolve_model: Callable[[str], Any] | None = None) -> None:
    """Raise one :class:`FrameworkError` listing every problem of ``doc`` (see :func:`validate_document`).

    Examples
    --------
    >>> check_document({"id": "x", "kind": "compsite"}, source="frameworks/x.yaml")
    Traceback (most recent call last):
    ...
    assess.errors.FrameworkError: frameworks/x.yaml: 2 problems
      kind: expected one of composite, country_model, evidence_map, realisation, rubric, stage_model, strategy, found 'compsite' (did you mean 'composite'?)
      (top level): expected a key 'name', found no 'name'
    """
    issues = validate_document(doc, lines, source=source, resolve=resolve, resolve_model=resolve_model)
    if issues:
        raise FrameworkError(source, issues)

"""Stage models (``kind: stage_model``): ordered stages with explicit placement rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assess.frameworks.base import Name, _Framework, _text
from assess.frameworks.checker import COMMON_KEYS, _Checker, _show, _suggest
from assess.frameworks.country_model import _check_indicator_ref
from assess.frameworks.vocabulary import (
    CAPABILITIES,
)

__all__ = ["Stage", "StageModel", "evaluate_rule"]



@dataclass(frozen=True)
class Stage:
    """One stage: ``order`` (1 = lowest) and the ``rule`` that must hold to reach it."""

    id: str
    name: Name
    order: int
    rule: dict
    description: str | None = None
    source: str | None = None


def evaluate_rule(rule: Mapping, values: Mapping[str, float] | None = None,
                  capabilities: Iterable[str] = ()) -> bool:
    """Evaluate a stage rule against indicator values and capability tags.

    Parameters
    ----------
    rule : mapping
        ``{"indicator": "fw.node", "min": x, "max": y}``, ``{"capability": tag}``,
        ``{"capabilities": [tags]}`` (all), ``{"all": [...]}``, ``{"any": [...]}``,
        ``{"not": rule}`` or ``{"always": true}``.
    values : mapping, optional
        ``"fw.node"`` → value. A missing value makes an indicator rule false.
    capabilities : iterable of str
        Tags the country has.

    Returns
    -------
    bool

    Examples
    --------
    >>> evaluate_rule({"all": [{"indicator": "un_egdi.osi", "min": 0.5}, {"capability": "e_payment"}]},
    ...               {"un_egdi.osi": 0.6}, {"e_payment"})
    True
    >>> evaluate_rule({"indicator": "un_egdi.osi", "min": 0.5}, {})
    False
    """
    values = values or {}
    caps = set(capabilities)
    if rule.get("always"):
        return True
    if "indicator" in rule:
        value = values.get(rule["indicator"])
        if value is None or value != value:  # missing or NaN
            return False
        return ("min" not in rule or value >= rule["min"]) and ("max" not in rule or value <= rule["max"])
    if "capability" in rule:
        return rule["capability"] in caps
    if "capabilities" in rule:
        return set(rule["capabilities"]) <= caps
    if "all" in rule:
        return all(evaluate_rule(r, values, caps) for r in rule["all"])
    if "any" in rule:
        return any(evaluate_rule(r, values, caps) for r in rule["any"])
    if "not" in rule:
        return not evaluate_rule(rule["not"], values, caps)
    return False


@dataclass(frozen=True)
class StageModel(_Framework):
    """Stages of e-government maturity with explicit rules (UN stages, Layne & Lee, Gartner).

    Attributes
    ----------
    stages : tuple of Stage
        Sorted by ``order``.
    cumulative : bool
        If true (default) a stage is reached only when every lower stage is reached too.
    basis : str
        ``indicators``, ``capabilities`` or ``mixed``.

    Examples
    --------
    >>> from assess.frameworks.registry import load_framework
    >>> sm = load_framework("layne_lee")
    >>> [s.id for s in sm.stages]
    ['catalogue', 'transaction', 'vertical_integration', 'horizontal_integration']
    >>> sm.place(capabilities={"online_information", "online_transactions", "e_payment"}).id
    'transaction'
    """

    source: str | None = None
    basis: str = "mixed"
    cumulative: bool = True
    stages: tuple[Stage, ...] = ()

    def place(self, values: Mapping[str, float] | None = None, capabilities: Iterable[str] = ()) -> Stage | None:
        """The highest stage reached (``None`` if not even the first one is).

        Parameters
        ----------
        values : mapping, optional
            ``"framework_id.node_id"`` → value (e.g. ``{"un_egdi.osi": 0.62}``).
        capabilities : iterable of str
            Capability tags, e.g. ``CountryModel.capabilities()``.
        """
        caps = set(capabilities)
        reached = None
        for stage in self.stages:
            if evaluate_rule(stage.rule, values, caps):
                reached = stage
            elif self.cumulative:
                break
        return reached


STAGE_MODEL_KEYS = {**COMMON_KEYS, "basis": False, "cumulative": False, "stages": True}


STAGE_KEYS = {"id": True, "name": True, "order": True, "rule": True, "description": False, "source": False,
              "verified": False, "note": False}


RULE_KEYS = ("indicator", "min", "max", "capability", "capabilities", "all", "any", "not", "always", "note")


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


def build(doc: dict, base: dict) -> StageModel:
    """The stage model of a validated document; ``base`` holds the fields every framework has (id, kind, name, path, doc)."""
    stages = tuple(sorted((Stage(id=s["id"], name=dict(s["name"]), order=s["order"], rule=s["rule"],
                                 description=_text(s.get("description")), source=_text(s.get("source")))
                           for s in doc["stages"]), key=lambda s: s.order))
    return StageModel(**base, source=_text(doc.get("source")), basis=doc.get("basis", "mixed"),
                      cumulative=doc.get("cumulative", True), stages=stages)

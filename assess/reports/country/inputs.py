"""The report's arguments turned into objects: the country model, the reference models, the strategy answers.

Each function checks what it is given and raises :class:`~assess.errors.ReportError` naming the argument
and what was expected.

Examples
--------
>>> country_model("AZE", None).id
'azerbaijan_today'
>>> s = strategy_input("azerbaijan_2003_2012", "en")
>>> s.rubric.id, len(s.answers) > 0, s.label
('strategic_structure', True, 'Azerbaijan: ICT strategy 2003-2012 and programmes (as the paper describes them)')
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from assess.errors import Issue, ReportError
from assess.i18n import name_in

__all__ = ["DEFAULT_COMPARE", "READINESS_REFERENCE", "RUBRIC_COUNTRY", "RUBRIC_REFERENCE", "StrategyInput",
           "country_model", "fail", "reference_models", "strategy_input"]

#: Comparators used when none are given: the paper's reference (Singapore) and two leaders.
DEFAULT_COMPARE = ("SGP", "EST", "KOR")
#: Reference model of the readiness gap (the paper's reference); another reference if the model is it.
READINESS_REFERENCE = "singapore"
#: Reference profile of the strategy rubric, and its country.
RUBRIC_REFERENCE, RUBRIC_COUNTRY = "singapore_dgb", "SGP"


class StrategyInput(NamedTuple):
    """A strategy assessment to score: the rubric, the answers ``{criterion: level or dict}`` and a label."""

    rubric: object
    answers: dict
    label: str
    payload: dict | None = None  # the whole assessment (two assessors, reconciled levels, strategy id)


def fail(where, message):
    """Raise a :class:`~assess.errors.ReportError` for the argument ``where``.

    Examples
    --------
    >>> fail("lang", "must be one of ['en', 'az']. Got 'fr' instead.")
    Traceback (most recent call last):
    ...
    assess.errors.ReportError: report: 1 problem
      lang: must be one of ['en', 'az']. Got 'fr' instead.
    """
    raise ReportError("report", [Issue(where, message)])


def country_model(iso3, model):
    """The country model of the *Model* sheet: ``model`` (an id or a CountryModel) if given, else the
    bundled model of ``iso3`` (current state first, then reference, then proposal), else ``None``.

    Examples
    --------
    >>> country_model("SGP", None).id, country_model("AZE", "azerbaijan_proposal").status
    ('singapore', 'proposal')
    >>> country_model("AZE", "un_egdi")
    Traceback (most recent call last):
    ...
    assess.errors.ReportError: report: 1 problem
      model: must be a country model. Got a 'composite' framework instead.
    """
    from assess.frameworks import CountryModel, list_frameworks, load_framework

    if model is not None:
        m = model if isinstance(model, CountryModel) else load_framework(model)
        if not isinstance(m, CountryModel):
            fail("model", f"must be a country model. Got a {m.kind!r} framework instead.")
        return m
    found = [f["id"] for f in list_frameworks() if f["kind"] == "country_model"]
    models = [load_framework(i) for i in found]
    mine = [m for m in models if m.country == iso3]
    for status in ("current", "reference", "proposal"):
        for m in mine:
            if m.status == status:
                return m
    return None


def reference_models(model) -> tuple:
    """The bundled reference models other than ``model`` (the models its capabilities are compared with).

    Examples
    --------
    >>> "singapore" in [m.id for m in reference_models(country_model("AZE", None))]
    True
    """
    from assess.frameworks import list_frameworks, load_framework

    refs = []
    for f in list_frameworks():
        if f["kind"] == "country_model":
            m = load_framework(f["id"])
            if m.status == "reference" and m.id != getattr(model, "id", None):
                refs.append(m)
    return tuple(refs)


def strategy_input(assessment, lang) -> StrategyInput | None:
    """The strategy assessment from a dict, a filled workbook (``.xlsx``), a ``.json`` file, a stored
    id or a profile id of the rubric; ``None`` for ``None``.

    Examples
    --------
    >>> strategy_input({"name": "draft", "answers": {"vision": 2}}, "en").label
    'draft'
    >>> strategy_input("nope", "en")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    assess.errors.ReportError: report: 1 problem
      assessment: expected a saved assessment, an .xlsx/.json file or a profile id (...). Got 'nope' instead.
    """
    from assess.frameworks import load_framework

    if assessment is None:
        return None
    label = ""
    if isinstance(assessment, int) and not isinstance(assessment, bool):
        from assess.strategy.store import load_assessment

        a, label = load_assessment(assessment), f"#{assessment}"
    elif isinstance(assessment, str | Path) and Path(assessment).suffix.lower() in (".xlsx", ".xlsm"):
        from assess.strategy.workbook import read_assessment

        a, label = read_assessment(assessment), Path(assessment).name
    elif isinstance(assessment, str | Path) and Path(assessment).suffix.lower() == ".json":
        from assess.io import safeio

        label = Path(assessment).name
        a = safeio.load_json(assessment, source=label, error=ReportError)
        if not isinstance(a, dict) or not isinstance(a.get("answers", {}), dict):
            raise ReportError(label, [Issue("", "expected a JSON object {\"rubric\": id, \"answers\": "
                                                "{criterion: {\"level\": n, \"evidence\": text}}}.")])
    elif isinstance(assessment, str):
        rub = load_framework("strategic_structure")
        if assessment not in rub.profiles:
            fail("assessment", f"expected a saved assessment, an .xlsx/.json file or a profile id "
                               f"({', '.join(sorted(rub.profiles))}). Got {assessment!r} instead.")
        a = {"rubric": rub.id, "answers": rub.profiles[assessment]}
        if rub.profile_info.get(assessment, {}).get("strategy"):
            a["strategy"] = rub.profile_info[assessment]["strategy"]  # the strategy file the profile judges
        label = name_in(rub.profile_info.get(assessment, {}).get("name"), lang, assessment)
    else:
        a = dict(assessment)
        label = str(a.get("name", ""))
    rub = load_framework(a.get("rubric") or "strategic_structure")
    return StrategyInput(rub, dict(a.get("answers") or {}), label, dict(a))

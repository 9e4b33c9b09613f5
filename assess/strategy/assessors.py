"""Two assessors: each scores the rubric; the tool lists where they differ and keeps a reconciled level with a note.

The part of a saved assessment's JSON payload (:mod:`assess.strategy.store`) that holds them::

    {"rubric": "strategic_structure",
     "answers": {"vision": {"level": 3, "evidence": "…"}, …},      # the assessment's levels (reconciled)
     "strategy": "azerbaijan_digital_2026",                         # optional: the strategy file assessed
     "assessors": [{"name": "Assessor A", "answers": {"vision": {"level": 3, "evidence": "…"}, …}},
                   {"name": "Assessor B", "answers": {"vision": {"level": 2, "evidence": "…"}, …}}],
     "reconciled": {"vision": {"level": 3, "note": "The statement is on p. 2; B read the draft."}}}

:func:`check_two_assessors` validates and normalises those keys (used by the store before saving);
:func:`discrepancies` lists the criteria where the assessors differ; :func:`reconcile` records a reconciled
level with its note and makes it the assessment's level; :func:`assessor_table` is what the report and
the dashboard show.

Examples
--------
>>> p = {"rubric": "strategic_structure", "answers": {},
...      "assessors": [{"name": "A", "answers": {"vision": {"level": 3}}},
...                    {"name": "B", "answers": {"vision": {"level": 2}}}]}
>>> [(d["criterion"], d["a"], d["b"]) for d in discrepancies(p)]
[('vision', 3, 2)]
>>> p = reconcile(p, "vision", 3, "The statement is on page 2.")
>>> p["answers"]["vision"]["level"], p["reconciled"]["vision"]["note"], discrepancies(p)[0]["reconciled"]
(3, 'The statement is on page 2.', 3)
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

import pandas as pd

from assess.errors import Issue, ScoringError

__all__ = ["MAX_ASSESSORS", "assessor_table", "check_two_assessors", "discrepancies", "reconcile"]

#: Assessors per assessment (the issue asks for two).
MAX_ASSESSORS = 2
_TEXT_LIMIT = 10_000


def _level(value, where: str, issues: list) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or not -1000 < value < 1000 \
            or float(value) != int(value):
        issues.append(Issue(where, f"must be a whole number or empty. Got {str(value)[:40]!r} instead."))
        return None
    return int(value)


def _text(value, where: str, issues: list, *, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            issues.append(Issue(where, "must be a non-empty text."))
        return ""
    if not isinstance(value, str):
        issues.append(Issue(where, f"must be text. Got {type(value).__name__} instead."))
        return ""
    if len(value) > _TEXT_LIMIT:
        issues.append(Issue(where, f"must be at most {_TEXT_LIMIT:,} characters. Got {len(value):,}."))
        return value[:_TEXT_LIMIT]
    return value.strip()


def check_two_assessors(payload: Mapping) -> tuple[dict, list[Issue]]:
    """Validate and normalise ``assessors``, ``reconciled`` and ``strategy`` of a payload.

    Returns ``(the normalised keys, problems)``; keys absent from the payload are absent from the result.
    A reconciled level needs a note (why this level); a strategy is named by its id.

    Examples
    --------
    >>> keys, problems = check_two_assessors({"assessors": [{"name": "A", "answers": {"vision": {"level": 3.0}}}],
    ...                                       "reconciled": {"vision": {"level": 2}}})
    >>> keys["assessors"][0]["answers"]["vision"], [str(i) for i in problems]
    ({'level': 3, 'evidence': ''}, ['reconciled[vision].note: must be a non-empty text.'])
    """
    issues: list[Issue] = []
    out: dict = {}
    if "strategy" in payload and payload["strategy"] is not None:
        sid = payload["strategy"]
        if not (isinstance(sid, str) and sid.isascii() and sid.replace("_", "a").isalnum() and len(sid) <= 80):
            issues.append(Issue("strategy", f"must be the id of a strategy file. Got {str(sid)[:40]!r} instead."))
        else:
            out["strategy"] = sid
    if "assessors" in payload and payload["assessors"] is not None:
        raw = payload["assessors"]
        if not isinstance(raw, list | tuple) or len(raw) > MAX_ASSESSORS:
            issues.append(Issue("assessors", f"must be a list of at most {MAX_ASSESSORS} assessors "
                                             "{name, answers}."))
            raw = []
        people = []
        for i, person in enumerate(raw):
            where = f"assessors[{i}]"
            if not isinstance(person, Mapping):
                issues.append(Issue(where, "must be {name, answers}."))
                continue
            answers = person.get("answers") or {}
            if not isinstance(answers, Mapping):
                issues.append(Issue(f"{where}.answers", "must be a mapping criterion -> {level, evidence}."))
                answers = {}
            clean = {}
            for crit, ans in answers.items():
                cw = f"{where}.answers[{str(crit)[:40]}]"
                ans = ans if isinstance(ans, Mapping) else {"level": ans}
                clean[str(crit)] = {"level": _level(ans.get("level"), cw + ".level", issues),
                                    "evidence": _text(ans.get("evidence"), cw + ".evidence", issues)}
            people.append({"name": _text(person.get("name"), f"{where}.name", issues) or f"Assessor {'AB'[i]}",
                           "answers": clean})
        out["assessors"] = people
    if "reconciled" in payload and payload["reconciled"] is not None:
        raw = payload["reconciled"]
        if not isinstance(raw, Mapping):
            issues.append(Issue("reconciled", "must be a mapping criterion -> {level, note}."))
            raw = {}
        rec = {}
        for crit, r in raw.items():
            where = f"reconciled[{str(crit)[:40]}]"
            if not isinstance(r, Mapping):
                issues.append(Issue(where, "must be {level, note}."))
                continue
            level = _level(r.get("level"), where + ".level", issues)
            if level is None and "level" in r and r["level"] is None:
                issues.append(Issue(where + ".level", "must be a level."))
            rec[str(crit)] = {"level": level, "note": _text(r.get("note"), where + ".note", issues, required=True)}
        out["reconciled"] = rec
    return out, issues


def discrepancies(payload: Mapping, *, all_criteria: bool = False) -> list[dict]:
    """Criteria where the two assessors differ (one answered and not the other counts), with the reconciled
    level and note where there is one: ``[{criterion, a, b, difference, reconciled, note}]``.

    Examples
    --------
    >>> p = {"assessors": [{"name": "A", "answers": {"vision": {"level": 3}, "principles": {"level": 1}}},
    ...                    {"name": "B", "answers": {"vision": {"level": 3}}}]}
    >>> [(d["criterion"], d["a"], d["b"], d["difference"]) for d in discrepancies(p)]
    [('principles', 1, None, None)]
    """
    people = list(payload.get("assessors") or [])
    if not people:
        return []
    a = (people[0].get("answers") or {}) if people else {}
    b = (people[1].get("answers") or {}) if len(people) > 1 else {}
    rec = payload.get("reconciled") or {}
    out = []
    for crit in dict.fromkeys([*a, *b, *rec]):
        la, lb = (a.get(crit) or {}).get("level"), (b.get(crit) or {}).get("level")
        if la == lb and not all_criteria:
            continue
        r = rec.get(crit) or {}
        out.append({"criterion": crit, "a": la, "b": lb,
                    "difference": None if la is None or lb is None else abs(la - lb),
                    "reconciled": r.get("level"), "note": r.get("note", "")})
    return out


def reconcile(payload: Mapping, criterion: str, level: int, note: str) -> dict:
    """A copy of ``payload`` with ``criterion`` reconciled at ``level`` (with ``note``), which becomes the
    assessment's level for that criterion (``answers``).

    Examples
    --------
    >>> reconcile({"answers": {}}, "vision", 2, "")
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: reconcile: a reconciled level needs a note saying why.
    """
    if not isinstance(note, str) or not note.strip():
        raise ScoringError("reconcile: a reconciled level needs a note saying why.")
    out = copy.deepcopy(dict(payload))
    out.setdefault("reconciled", {})[criterion] = {"level": int(level), "note": note.strip()}
    answer = dict(out.setdefault("answers", {}).get(criterion) or {})
    answer["level"] = int(level)
    answer.setdefault("evidence", "")
    out["answers"][criterion] = answer
    return out


def assessor_table(payload: Mapping, rubric="strategic_structure") -> pd.DataFrame:
    """One row per criterion of the rubric: both assessors' levels, whether they differ, the reconciled level
    and note, and the assessment's level. Empty when the payload has no assessors.

    Examples
    --------
    >>> p = {"answers": {"vision": {"level": 3}}, "assessors": [{"name": "A", "answers": {"vision": {"level": 3}}},
    ...      {"name": "B", "answers": {"vision": {"level": 2}}}], "reconciled": {"vision": {"level": 3, "note": "p. 2"}}}
    >>> assessor_table(p).loc["vision", ["a", "b", "differ", "reconciled", "note", "level"]].tolist()
    [3, 2, True, 3, 'p. 2', 3]
    """
    from assess.frameworks import load_framework

    r = load_framework(rubric) if isinstance(rubric, str) else rubric
    people = list(payload.get("assessors") or [])
    if not people:
        return pd.DataFrame(columns=["name", "a", "b", "differ", "reconciled", "note", "level"])
    a = people[0].get("answers") or {}
    b = (people[1].get("answers") or {}) if len(people) > 1 else {}
    rec, answers = payload.get("reconciled") or {}, payload.get("answers") or {}
    rows = []
    for c in r.criteria:
        la, lb = (a.get(c.id) or {}).get("level"), (b.get(c.id) or {}).get("level")
        ans = answers.get(c.id)
        rows.append({"criterion": c.id, "name": c.name.get("en", c.id), "a": la, "b": lb, "differ": la != lb,
                     "reconciled": (rec.get(c.id) or {}).get("level"), "note": (rec.get(c.id) or {}).get("note", ""),
                     "level": ans.get("level") if isinstance(ans, Mapping) else ans})
    out = pd.DataFrame(rows, dtype=object).set_index("criterion")
    out.attrs["names"] = [p.get("name", "") for p in people] + [""] * (2 - len(people))
    return out

"""What the assessment store accepts: an assessment's JSON document, ids, user names, backup documents.

Every check collects all the problems of its input in one :class:`~assess.strategy.db.StoreError` (each an
:class:`~assess.errors.Issue` naming the key) and shows at most a few dozen characters of a value found.

Examples
--------
>>> check({"rubric": "r", "answers": {"vision": {"level": 2.0}}}, "AZ draft", "aze")["answers"]
{'vision': {'level': 2, 'evidence': ''}}
>>> as_id("12"), who("  leyla ")
(12, 'leyla')
"""

from __future__ import annotations

import getpass
import json
import re
from collections.abc import Mapping

from assess import limits
from assess.errors import Issue
from assess.strategy.db import StoreError

__all__ = ["as_id", "check", "check_backup", "shown", "who"]


def shown(value) -> str:
    """A value in a message, at most 60 characters (and never a failure: huge ints cannot be printed).

    Examples
    --------
    >>> shown("x" * 100)[-5:], shown(10 ** 5000)
    ('xxxx…', 'a number out of range')
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** 60:
        return "a number out of range"
    try:
        text = repr(value)
    except ValueError:
        text = f"a {type(value).__name__}"
    return text if len(text) <= 60 else text[:60] + "…"


def as_id(value, *, what: str = "an assessment id") -> int:
    """A whole number from 1 (an int, or a text of digits) given as an id or a version; else a StoreError.

    Examples
    --------
    >>> as_id(3), as_id(" 7 ")
    (3, 7)
    >>> as_id("abc")
    Traceback (most recent call last):
    ...
    assess.strategy.db.StoreError: expected an assessment id (a whole number from 1). Got 'abc' instead.
    """
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 18 and int(value.strip()) > 0:
        return int(value.strip())
    found = repr(value) if isinstance(value, str) and len(value) <= 40 else f"a {type(value).__name__}" \
        if not isinstance(value, int) else "a number out of range"
    raise StoreError(f"expected {what} (a whole number from 1). Got {found} instead.")


def who(user: str | None) -> str:
    """The name recorded with a change: *user* (trimmed, at most :data:`~assess.limits.MAX_USER_CHARS`
    characters), else the local account as ``local:<login>``.

    Examples
    --------
    >>> who(None).startswith("local")
    True
    >>> who("x" * 100)
    Traceback (most recent call last):
    ...
    assess.strategy.db.StoreError: user: 100 characters is over the limit MAX_USER_CHARS = 64 characters (a user name).
    """
    if user is None:
        try:
            return f"local:{getpass.getuser()}"[: int(limits.MAX_USER_CHARS.value)]
        except (OSError, KeyError):
            return "local"
    if not isinstance(user, str) or not user.strip() or any(ord(c) < 32 for c in user):
        raise StoreError(f"user: expected a user name (text without control characters). Got {shown(user)} instead.")
    if limits.MAX_USER_CHARS.exceeded(len(user.strip())):
        raise StoreError(limits.MAX_USER_CHARS.refusal("user", len(user.strip())))
    return user.strip()


def check(assessment, name, country) -> dict:
    """Validate and normalise an assessment to save; collect every problem in one StoreError.

    The name is a non-empty text of at most :data:`~assess.limits.MAX_NAME_CHARS` characters, the country three
    letters (ISO3), the rubric an id; each answer ``{level: whole number or None, evidence: text}``; everything
    else must be JSON (texts, finite numbers, lists, mappings) and is kept as it is.

    Examples
    --------
    >>> check({"rubric": "r"}, "x" * 300, "AZE")
    Traceback (most recent call last):
    ...
    assess.strategy.db.StoreError: save_assessment: 1 problem
      name: 300 characters is over the limit MAX_NAME_CHARS = 200 characters (name of one saved assessment).
    """
    issues = []
    if not isinstance(assessment, Mapping):
        raise StoreError("save_assessment: expected a dict with 'rubric' and 'answers'. "
                         f"Got {type(assessment).__name__} instead.")
    if not isinstance(name, str) or not name.strip():
        issues.append(Issue("name", f"must be a non-empty text. Got {shown(name)} instead."))
    elif limits.MAX_NAME_CHARS.exceeded(len(name.strip())):
        issues.append(Issue("name", limits.MAX_NAME_CHARS.describe(len(name.strip()))))
    if not isinstance(country, str) or not re.fullmatch(r"[A-Za-z]{3}", country.strip()):
        issues.append(Issue("country", f"must be a three-letter ISO3 code. Got {shown(country)} instead."))
    rubric = assessment.get("rubric")
    if not isinstance(rubric, str) or not rubric or len(rubric) > 100:
        issues.append(Issue("rubric", f"must be the rubric id. Got {shown(rubric)} instead."))
    answers = assessment.get("answers", {})
    clean: dict[str, dict] = {}
    if not isinstance(answers, Mapping):
        issues.append(Issue("answers", "must be a mapping criterion -> {level, evidence}. "
                                       f"Got {type(answers).__name__} instead."))
        answers = {}
    for crit, ans in answers.items():
        where = f"answers[{str(crit)[:40]}]"
        if not isinstance(ans, Mapping):
            issues.append(Issue(where, f"must be {{level, evidence}}. Got {shown(ans)} instead."))
            continue
        level = ans.get("level")
        if level is not None and (isinstance(level, bool) or not isinstance(level, int | float)
                                  or not -1000 < level < 1000 or float(level) != int(level)):
            found = repr(level) if not isinstance(level, int) or -1000 < level < 1000 else "a number out of range"
            issues.append(Issue(f"{where}.level", f"must be a whole number or empty. Got {found[:60]} instead."))
            continue
        evidence = ans.get("evidence") or ""
        if not isinstance(evidence, str):
            issues.append(Issue(f"{where}.evidence", f"must be text. Got {shown(evidence)} instead."))
            continue
        clean[str(crit)] = {**{k: v for k, v in ans.items() if isinstance(k, str)},
                            "level": None if level is None else int(level), "evidence": evidence}
    if issues:
        lines = "\n".join(f"  {i.location}: {i.message}" for i in issues)
        raise StoreError(f"save_assessment: {len(issues)} problem{'s' * (len(issues) > 1)}\n{lines}", issues)
    payload = {k: v for k, v in dict(assessment).items() if k != "answers"}
    payload["answers"] = clean
    # two assessors, their reconciled levels and the strategy file assessed (issue 13): assess.strategy.assessors
    from assess.strategy.assessors import check_two_assessors

    two, problems = check_two_assessors(payload)
    if problems:
        lines = "\n".join(f"  {i.location}: {i.message}" for i in problems)
        raise StoreError(f"save_assessment: {len(problems)} problem{'s' * (len(problems) > 1)}\n{lines}", problems)
    payload.update(two)
    if payload.get("rubric_version") is not None and not isinstance(payload["rubric_version"], str):
        payload["rubric_version"] = shown(payload["rubric_version"])
    try:  # stored as JSON: every other value must be JSON too (texts, finite numbers, lists, mappings with text keys)
        json.dumps(payload, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise StoreError(f"save_assessment: expected JSON values only (texts, finite numbers, lists, mappings). "
                         f"{str(e)[:80]}.") from None
    except RecursionError:
        raise StoreError("save_assessment: the assessment is nested too deeply to be JSON.") from None
    return payload


_ACTIONS = ("create", "update", "delete", "restore", "import")


def check_backup(doc, expected_format: str) -> list[dict]:
    """The assessments of a backup document, each with its versions' payloads as JSON text (``text``).

    Every problem is listed (at most 20) in one StoreError before anything is written.

    Examples
    --------
    >>> check_backup({"format": "x"}, "egov-assess assessments")
    Traceback (most recent call last):
    ...
    assess.strategy.db.StoreError: backup: 2 problems
      format: expected 'egov-assess assessments'. Got 'x' instead.
      assessments: expected a list of assessments. Got None instead.
    """
    issues: list[Issue] = []
    if not isinstance(doc, Mapping):
        raise StoreError(f"backup: expected a JSON object with 'format' and 'assessments'. Got {shown(doc)} instead.")
    if doc.get("format") != expected_format:
        issues.append(Issue("format", f"expected {expected_format!r}. Got {shown(doc.get('format'))} instead."))
    items = doc.get("assessments")
    if not isinstance(items, list):
        issues.append(Issue("assessments", f"expected a list of assessments. Got {shown(items)} instead."))
        items = []
    out, seen = [], set()
    for k, a in enumerate(items):
        where = f"assessments[{k}]"
        if not isinstance(a, Mapping):
            issues.append(Issue(where, f"expected an assessment (a JSON object). Got {shown(a)} instead."))
            continue
        try:
            aid = as_id(a.get("id"))
        except StoreError as e:
            issues.append(Issue(f"{where}.id", str(e)))
            continue
        if aid in seen:
            issues.append(Issue(f"{where}.id", f"id {aid} appears twice."))
        seen.add(aid)
        for key in ("created", "rubric"):
            if not isinstance(a.get(key), str) or not a.get(key):
                issues.append(Issue(f"{where}.{key}", f"expected a text. Got {shown(a.get(key))} instead."))
        if a.get("uid") is not None and not (isinstance(a["uid"], str) and re.fullmatch(r"[0-9a-f]{32}", a["uid"])):
            issues.append(Issue(f"{where}.uid", f"expected 32 hexadecimal digits. Got {shown(a['uid'])} instead."))
        versions = a.get("versions")
        if not isinstance(versions, list) or not versions:
            issues.append(Issue(f"{where}.versions", f"expected a non-empty list. Got {shown(versions)} instead."))
            continue
        clean = []
        for n, v in enumerate(versions, start=1):
            vw = f"{where}.versions[{n - 1}]"
            if not isinstance(v, Mapping) or v.get("version") != n:
                issues.append(Issue(vw, f"expected version {n} (versions 1, 2, … in order). Got "
                                        f"{shown(v.get('version') if isinstance(v, Mapping) else v)} instead."))
                break
            bad = [key for key in ("saved", "name", "country") if not isinstance(v.get(key), str) or not v.get(key)]
            if bad or v.get("action") not in _ACTIONS or not isinstance(v.get("payload"), Mapping):
                issues.append(Issue(vw, "expected saved, name, country (texts), action (one of "
                                        f"{', '.join(_ACTIONS)}) and payload (an object)."))
                break
            if v.get("saved_by") is not None and not isinstance(v.get("saved_by"), str):
                issues.append(Issue(f"{vw}.saved_by", f"expected a text. Got {shown(v.get('saved_by'))} instead."))
                break
            try:
                text = json.dumps(v["payload"], ensure_ascii=False, allow_nan=False)
            except (TypeError, ValueError, RecursionError):
                issues.append(Issue(f"{vw}.payload", "expected JSON values only."))
                break
            clean.append({**v, "text": text})
        else:
            if a.get("version") != len(clean):
                issues.append(Issue(f"{where}.version", f"expected {len(clean)} (its last version). "
                                                        f"Got {shown(a.get('version'))} instead."))
            out.append({**a, "id": aid, "versions": clean})
        if len(issues) >= 20:
            break
    if issues:
        lines = "\n".join(f"  {i.location}: {i.message}" for i in issues)
        raise StoreError(f"backup: {len(issues)} problem{'s' * (len(issues) > 1)}\n{lines}", issues)
    return out

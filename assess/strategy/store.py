"""Saved assessments: a small SQLite store (stdlib :mod:`sqlite3`), nothing else knows where they live.

An *assessment* here is a filled rubric: which rubric (id and version), and for each criterion the
level chosen and the evidence for it::

    {"rubric": "strategic_structure", "rubric_version": "1",
     "answers": {"vision": {"level": 3, "evidence": "One short statement ..."}, ...}}

It may also hold two assessors' levels, the reconciled levels with their notes and the strategy file
assessed (``assessors``, ``reconciled``, ``strategy``: :mod:`assess.strategy.assessors`), and KPIs and
action points a ministry entered in the workbook (``kpis``, ``action_points``).

The database is ``$EGOV_ASSESS_DB`` or ``.cache/assessments.sqlite3`` under the repository,
created (with its folder) on first use. The schema is versioned (``PRAGMA user_version``); a
database written by a newer version of this module is refused rather than misread.

Writes happen in one transaction: a save either stores the whole new version or leaves the
previous one untouched. Each save of an existing id keeps the old payload in the ``history`` table,
so earlier versions can be recovered.

Examples
--------
>>> import tempfile, pathlib
>>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
>>> a = {"rubric": "strategic_structure", "answers": {"vision": {"level": 3, "evidence": "Stated."}}}
>>> i = save_assessment(a, name="AZ 2024 draft", country="AZE", db=db)
>>> load_assessment(i, db=db)["answers"]["vision"]["level"]
3
>>> list_assessments(db=db)[["id", "name", "country", "rubric", "answered"]].to_dict("records")
[{'id': 1, 'name': 'AZ 2024 draft', 'country': 'AZE', 'rubric': 'strategic_structure', 'answered': 1}]
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

import pandas as pd

from assess import settings
from assess.errors import AssessError, Issue

__all__ = [
    "SCHEMA_VERSION",
    "StoreError",
    "db_path",
    "delete_assessment",
    "list_assessments",
    "load_assessment",
    "save_assessment",
]

#: Version of the table layout, kept in ``PRAGMA user_version``.
SCHEMA_VERSION = 1

#: Columns of :func:`list_assessments`.
LIST_COLUMNS = ["id", "name", "country", "rubric", "rubric_version", "answered", "created", "updated"]

_DDL = """
CREATE TABLE IF NOT EXISTS assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    rubric TEXT NOT NULL,
    rubric_version TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    assessment_id INTEGER NOT NULL,
    saved TEXT NOT NULL,
    payload TEXT NOT NULL
);
"""


class StoreError(AssessError):
    """A saved assessment is missing, malformed, or the database cannot be used."""

    def __init__(self, message: str, issues=()):
        super().__init__(message)
        self.issues = tuple(issues)


def db_path(db: str | os.PathLike | None = None) -> Path:
    """Return the database file: *db*, else ``$EGOV_ASSESS_DB``, else ``.cache/assessments.sqlite3``.

    Examples
    --------
    >>> db_path("/tmp/x.sqlite3").name
    'x.sqlite3'
    >>> db_path() == settings.get("EGOV_ASSESS_DB")
    True
    """
    if db is not None:
        return Path(db)
    return settings.get("EGOV_ASSESS_DB")


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _connect(db) -> sqlite3.Connection:
    path = db_path(db)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path, timeout=10, isolation_level=None)  # explicit BEGIN/COMMIT below
    except (OSError, sqlite3.Error) as e:
        raise StoreError(f"{path}: cannot open the assessment store: {e}") from e
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path}: expected an assessment store of schema version <= {SCHEMA_VERSION}. "
                             f"Got version {version} instead (written by a newer egov-assess).")
        if version < SCHEMA_VERSION:
            con.execute("BEGIN IMMEDIATE")
            for stmt in filter(str.strip, _DDL.split(";")):
                con.execute(stmt)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("COMMIT")
    except sqlite3.DatabaseError as e:
        con.close()
        raise StoreError(f"{path}: not a usable assessment store: {e}") from e
    except StoreError:
        con.close()
        raise
    return con


def _shown(value) -> str:
    """A value in a message, at most 60 characters (and never a failure: huge ints cannot be printed)."""
    try:
        text = repr(value)
    except ValueError:
        text = f"a {type(value).__name__}"
    return text if len(text) <= 60 else text[:60] + "…"


def _check(assessment, name, country) -> dict:
    """Validate and normalise an assessment; collect every problem in one StoreError."""
    issues = []
    if not isinstance(assessment, Mapping):
        raise StoreError("save_assessment: expected a dict with 'rubric' and 'answers'. "
                         f"Got {type(assessment).__name__} instead.")
    if not isinstance(name, str) or not name.strip():
        issues.append(Issue("name", f"must be a non-empty text. Got {name!r} instead."))
    if not isinstance(country, str) or not country.strip():
        issues.append(Issue("country", f"must be a non-empty text (ISO3). Got {country!r} instead."))
    rubric = assessment.get("rubric")
    if not isinstance(rubric, str) or not rubric:
        issues.append(Issue("rubric", f"must be the rubric id. Got {rubric!r} instead."))
    answers = assessment.get("answers", {})
    clean: dict[str, dict] = {}
    if not isinstance(answers, Mapping):
        issues.append(Issue("answers", f"must be a mapping criterion -> {{level, evidence}}. "
                                               f"Got {type(answers).__name__} instead."))
        answers = {}
    for crit, ans in answers.items():
        if not isinstance(ans, Mapping):
            issues.append(Issue(f"answers[{str(crit)[:40]}]", f"must be {{level, evidence}}. Got {_shown(ans)} "
                                                           "instead."))
            continue
        level = ans.get("level")
        if level is not None and (isinstance(level, bool) or not isinstance(level, int | float)
                                  or not -1000 < level < 1000 or float(level) != int(level)):
            shown = repr(level) if not isinstance(level, int) or -1000 < level < 1000 else "a number out of range"
            issues.append(Issue(f"answers[{str(crit)[:40]}].level",
                                f"must be a whole number or empty. Got {shown[:60]} instead."))
            continue
        evidence = ans.get("evidence") or ""
        if not isinstance(evidence, str):
            issues.append(Issue(f"answers[{str(crit)[:40]}].evidence", f"must be text. Got {_shown(evidence)} "
                                                                    "instead."))
            continue
        clean[str(crit)] = {"level": None if level is None else int(level), "evidence": evidence}
    if issues:
        lines = "\n".join(f"  {i.location}: {i.message}" for i in issues)
        raise StoreError(f"save_assessment: {len(issues)} problem{'s' * (len(issues) > 1)}\n{lines}", issues)
    payload = {k: v for k, v in dict(assessment).items() if k not in ("answers",)}
    payload["answers"] = clean
    # Two assessors, their reconciled levels and the strategy file assessed (issue 13): assess.strategy.assessors
    from assess.strategy.assessors import check_two_assessors

    two, problems = check_two_assessors(payload)
    if problems:
        lines = "\n".join(f"  {i.location}: {i.message}" for i in problems)
        raise StoreError(f"save_assessment: {len(problems)} problem{'s' * (len(problems) > 1)}\n{lines}", problems)
    payload.update(two)
    if payload.get("rubric_version") is not None:
        payload["rubric_version"] = _shown(payload["rubric_version"]) if not isinstance(payload["rubric_version"], str) \
            else payload["rubric_version"]
    try:  # stored as JSON: every other value must be JSON too (texts, finite numbers, lists, mappings with text keys)
        json.dumps(payload, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise StoreError(f"save_assessment: expected JSON values only (texts, finite numbers, lists, mappings). "
                         f"{str(e)[:80]}.") from None
    return payload


def save_assessment(assessment: Mapping, *, name: str, country: str, db=None, id: int | None = None) -> int:
    """Save an assessment atomically and return its id.

    Parameters
    ----------
    assessment : dict
        ``{"rubric": id, "rubric_version": …, "answers": {criterion: {"level": int|None, "evidence": str}}}``;
        other keys are kept as they are.
    name, country : str
        Label and ISO3 code shown in :func:`list_assessments`.
    db : path, optional
        Database file (see :func:`db_path`).
    id : int, optional
        Overwrite this saved assessment (its previous payload goes to the history); default: a
        new one (or ``assessment["id"]`` if present).

    Raises
    ------
    StoreError
        The assessment is malformed (every problem listed), the id does not exist, or the
        database cannot be written. Nothing is changed then.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
    >>> i = save_assessment({"rubric": "r", "answers": {}}, name="first", country="AZE", db=db)
    >>> save_assessment({"rubric": "r", "answers": {"c": {"level": 2}}}, name="second", country="AZE", db=db, id=i) == i
    True
    >>> load_assessment(i, db=db)["name"], load_assessment(i, db=db)["answers"]
    ('second', {'c': {'level': 2, 'evidence': ''}})
    """
    payload = _check(assessment, name, country)
    if id is None and payload.get("id") is not None:
        id = payload["id"]
    for key in ("id", "name", "country", "created", "updated"):
        payload.pop(key, None)
    now = _now()
    with closing(_connect(db)) as con:
        try:
            con.execute("BEGIN IMMEDIATE")
            if id is None:
                payload.update(created=now, updated=now)
                cur = con.execute(
                    "INSERT INTO assessments (name, country, rubric, rubric_version, created, updated, payload)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (name.strip(), country.strip().upper(), payload["rubric"], payload.get("rubric_version"),
                     now, now, json.dumps(payload, ensure_ascii=False)))
                new_id = int(cur.lastrowid)
            else:
                row = con.execute("SELECT created, payload, updated FROM assessments WHERE id = ?",
                                  (int(id),)).fetchone()
                if row is None:
                    raise StoreError(f"save_assessment: no saved assessment with id {id}.")
                con.execute("INSERT INTO history (assessment_id, saved, payload) VALUES (?, ?, ?)",
                            (int(id), row[2], row[1]))
                payload.update(created=row[0], updated=now)
                con.execute(
                    "UPDATE assessments SET name = ?, country = ?, rubric = ?, rubric_version = ?, updated = ?,"
                    " payload = ? WHERE id = ?",
                    (name.strip(), country.strip().upper(), payload["rubric"], payload.get("rubric_version"),
                     now, json.dumps(payload, ensure_ascii=False), int(id)))
                new_id = int(id)
            con.execute("COMMIT")
        except BaseException as e:
            if con.in_transaction:
                con.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):
                raise StoreError(f"{db_path(db)}: could not save the assessment: {e}") from e
            raise
    return new_id


def _as_id(id) -> int:
    if isinstance(id, int) and not isinstance(id, bool) and 0 < id < 2**63:
        return int(id)
    if isinstance(id, str) and id.strip().isdigit() and len(id.strip()) <= 18:
        return int(id.strip())
    shown = repr(id) if isinstance(id, str) and len(id) <= 40 else f"a {type(id).__name__}" \
        if not isinstance(id, int) else "a number out of range"
    raise StoreError(f"expected an assessment id (a whole number from 1). Got {shown} instead.")


def load_assessment(id, db=None) -> dict:
    """Return a saved assessment: its payload plus ``id``, ``name``, ``country``, ``created``, ``updated``.

    Raises
    ------
    StoreError
        No assessment with that id, or the id is not a number.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
    >>> load_assessment(7, db=db)
    Traceback (most recent call last):
    ...
    assess.strategy.store.StoreError: no saved assessment with id 7.
    """
    key = _as_id(id)
    with closing(_connect(db)) as con:
        row = con.execute("SELECT id, name, country, created, updated, payload FROM assessments WHERE id = ?",
                          (key,)).fetchone()
    if row is None:
        raise StoreError(f"no saved assessment with id {key}.")
    try:
        payload = json.loads(row[5])
    except json.JSONDecodeError as e:
        raise StoreError(f"saved assessment {key}: the stored payload is not valid JSON ({e}).") from e
    payload.update(id=row[0], name=row[1], country=row[2], created=row[3], updated=row[4])
    return payload


def list_assessments(db=None) -> pd.DataFrame:
    """Return the saved assessments, newest first: id, name, country, rubric, version, answered, dates.

    ``answered`` counts the criteria with a level.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> list(list_assessments(db=pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3").columns) == LIST_COLUMNS
    True
    """
    with closing(_connect(db)) as con:
        rows = con.execute("SELECT id, name, country, rubric, rubric_version, created, updated, payload "
                           "FROM assessments ORDER BY updated DESC, id DESC").fetchall()
    out = []
    for r in rows:
        try:
            answers = json.loads(r[7]).get("answers", {})
        except (json.JSONDecodeError, AttributeError):
            answers = {}
        answered = sum(1 for a in answers.values() if isinstance(a, dict) and a.get("level") is not None)
        out.append({"id": r[0], "name": r[1], "country": r[2], "rubric": r[3], "rubric_version": r[4],
                    "answered": answered, "created": r[5], "updated": r[6]})
    return pd.DataFrame(out, columns=LIST_COLUMNS)


def delete_assessment(id, db=None) -> bool:
    """Delete a saved assessment (and its history); return whether it existed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
    >>> i = save_assessment({"rubric": "r", "answers": {}}, name="x", country="AZE", db=db)
    >>> delete_assessment(i, db=db), delete_assessment(i, db=db)
    (True, False)
    """
    key = _as_id(id)
    with closing(_connect(db)) as con:
        try:
            con.execute("BEGIN IMMEDIATE")
            cur = con.execute("DELETE FROM assessments WHERE id = ?", (key,))
            con.execute("DELETE FROM history WHERE assessment_id = ?", (key,))
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
    return cur.rowcount > 0

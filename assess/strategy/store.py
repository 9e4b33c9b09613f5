"""Saved assessments: versioned, never lost, every change recorded with who and when.

An *assessment* is a filled rubric kept as one JSON document (which rubric, and for each criterion the level
and the evidence; other keys are kept as they are)::

    {"rubric": "strategic_structure", "rubric_version": "1",
     "answers": {"vision": {"level": 3, "evidence": "One short statement ..."}, ...}}

Where it is kept is :mod:`assess.strategy.db` (SQLite in ``var/`` by default, PostgreSQL with ``DATABASE_URL``).
It may also hold two assessors' levels, the reconciled levels with their notes and the strategy file
assessed (``assessors``, ``reconciled``, ``strategy``: :mod:`assess.strategy.assessors`, checked by
:func:`assess.strategy.payload.check`), and KPIs and action points a ministry entered in the workbook (``kpis``,
``action_points``).

* **Optimistic versioning.** Every saved assessment has a ``version`` (1, 2, …). A save of an existing one names
  the version it was edited from; when someone saved in between, the save is refused with
  :class:`StaleVersionError` — "changed by … at …: reload, or save as new" — and nothing is overwritten.
* **Every version kept.** Each save, delete and restore writes a new row of ``versions`` (who, when, what);
  :func:`assessment_history` lists them and ``load_assessment(id, version=n)`` reads an old one.
* **Soft delete.** :func:`delete_assessment` hides an assessment (and records who); its versions stay and
  :func:`restore_assessment` brings it back.
* **Backups.** :func:`export_assessments` / :func:`import_assessments` (and :func:`write_backup` /
  :func:`read_backup`, ``python -m assess assessments export|import``) move every assessment with its versions
  as one JSON document.
* Each write is one transaction: it stores the whole new version or leaves the previous one untouched, even
  when the process is killed in the middle.

Callers name who acts (``user=``: the dashboard passes the signed-in user; the command line and the API the
local account, ``local:<login>``). Who may do what is decided by the dashboard, not here.

Examples
--------
>>> import tempfile, pathlib
>>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
>>> a = {"rubric": "strategic_structure", "answers": {"vision": {"level": 3, "evidence": "Stated."}}}
>>> i = save_assessment(a, name="AZ 2024 draft", country="AZE", db=db, user="leyla")
>>> got = load_assessment(i, db=db)
>>> got["answers"]["vision"]["level"], got["version"], got["updated_by"]
(3, 1, 'leyla')
>>> save_assessment(got, name="AZ 2024", country="AZE", db=db, user="rashad") == i
True
>>> save_assessment(got, name="AZ 2024 (old copy)", country="AZE", db=db, user="leyla")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
assess.strategy.store.StaleVersionError: assessment #1 was changed by rashad at ... UTC: reload, or save as new.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import uuid
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from assess import limits, settings
from assess.errors import AssessError
from assess.strategy.db import ASSESSMENTS as A
from assess.strategy.db import VERSIONS as V
from assess.strategy.db import StoreError, database_url, engine, writing
from assess.strategy.payload import as_id, check, who

__all__ = [
    "LIST_COLUMNS",
    "StaleVersionError",
    "StoreError",
    "assessment_history",
    "db_path",
    "delete_assessment",
    "export_assessments",
    "import_assessments",
    "list_assessments",
    "load_assessment",
    "read_backup",
    "restore_assessment",
    "save_assessment",
    "write_backup",
]

#: Columns of :func:`list_assessments`.
LIST_COLUMNS = ["id", "name", "country", "rubric", "rubric_version", "answered", "version", "created", "created_by",
                "updated", "updated_by"]
#: Columns of :func:`assessment_history`.
HISTORY_COLUMNS = ["version", "action", "saved", "saved_by", "name", "country", "answered"]
#: Keys of a loaded assessment that are columns, not part of the stored JSON document.
META_KEYS = ("id", "name", "country", "created", "created_by", "updated", "updated_by", "version", "deleted",
             "deleted_by", "uid")
#: ``format`` of a backup document.
BACKUP_FORMAT = "egov-assess assessments"


class StaleVersionError(StoreError):
    """A save or delete named a version that is no longer the current one (someone saved in between)."""

    def __init__(self, message: str, *, current: int | None = None, by: str | None = None, at: str | None = None):
        super().__init__(message)
        self.current, self.by, self.at = current, by, at


def db_path(db: str | os.PathLike | None = None) -> Path:
    """The SQLite file of the store: *db*, else ``$EGOV_ASSESS_DB`` (``var/assessments.sqlite3``).

    Examples
    --------
    >>> db_path("/tmp/x.sqlite3").name
    'x.sqlite3'
    >>> db_path().parts[-2:] == settings.get("EGOV_ASSESS_DB").parts[-2:]
    True
    """
    if db is not None:
        return Path(db)
    return Path(settings.get("EGOV_ASSESS_DB"))


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _when(stamp: str | None) -> str:
    """``2025-03-01T10:20:30+00:00`` → ``2025-03-01 10:20 UTC``."""
    return (stamp or "?")[:16].replace("T", " ") + " UTC" if stamp else "an unknown time"


def _eng(db):
    return engine(database_url(db))


def _read(db):
    try:
        return _eng(db).connect()
    except sa.exc.DBAPIError as e:
        raise StoreError(f"{db_path(db) if db else 'the assessment store'}: cannot be read: "
                         f"{str(e.orig).splitlines()[0][:200]}") from e


def _dump(payload: dict) -> str:
    text = json.dumps(payload, ensure_ascii=False, allow_nan=False)
    size = len(text.encode("utf-8"))
    if limits.MAX_ASSESSMENT_BYTES.exceeded(size):
        raise StoreError(limits.MAX_ASSESSMENT_BYTES.refusal("save_assessment", size))
    return text


def _loads(text: str, key) -> dict:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as e:
        raise StoreError(f"saved assessment {key}: the stored payload is not valid JSON ({e}).") from e
    return payload if isinstance(payload, dict) else {"answers": {}}


# ------------------------------------------------------------------------------------------------ save
def save_assessment(assessment: Mapping, *, name: str, country: str, db=None, id: int | None = None,
                    version: int | None = None, user: str | None = None) -> int:
    """Save an assessment (a new one, or a new version of one) in one transaction; return its id.

    Parameters
    ----------
    assessment : dict
        ``{"rubric": id, "rubric_version": …, "answers": {criterion: {"level": int|None, "evidence": str}}}``;
        other keys are kept as they are. A dict returned by :func:`load_assessment` carries its ``id`` and
        ``version``, so saving it back updates that assessment.
    name, country : str
        Label (at most :data:`~assess.limits.MAX_NAME_CHARS` characters) and ISO3 code.
    db : path or URL, optional
        The store (see :func:`assess.strategy.db.database_url`).
    id : int, optional
        Update this assessment (default: ``assessment["id"]``, else a new one).
    version : int, optional
        The version the update was edited from (default: ``assessment["version"]``); required for an update.
    user : str, optional
        Who saves (recorded with the version; default the local account).

    Raises
    ------
    StaleVersionError
        Someone saved (or deleted) the assessment after *version*: nothing is written.
    StoreError
        The assessment is malformed (every problem listed), the id does not exist, or the store cannot be
        written. Nothing is changed then.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
    >>> i = save_assessment({"rubric": "r", "answers": {}}, name="first", country="AZE", db=db)
    >>> save_assessment({"rubric": "r", "answers": {"c": {"level": 2}}}, name="second", country="AZE", db=db, id=i,
    ...                 version=1) == i
    True
    >>> load_assessment(i, db=db)["name"], load_assessment(i, db=db)["answers"], load_assessment(i, db=db)["version"]
    ('second', {'c': {'level': 2, 'evidence': ''}}, 2)
    """
    payload = check(assessment, name, country)
    user = who(user)
    if id is None and payload.get("id") is not None:
        id = payload["id"]
    if version is None and id is not None and payload.get("version") is not None:
        version = payload["version"]
    for key in META_KEYS:
        payload.pop(key, None)
    name, country = name.strip(), country.strip().upper()
    text = _dump(payload)
    now = _now()
    eng = _eng(db)
    if id is None:
        with writing(eng) as conn:
            new_id = conn.execute(A.insert().values(
                name=name, country=country, rubric=payload["rubric"], rubric_version=payload.get("rubric_version"),
                created=now, created_by=user, updated=now, updated_by=user, payload=text, version=1,
                uid=uuid.uuid4().hex)).inserted_primary_key[0]
            conn.execute(V.insert().values(assessment_id=new_id, version=1, saved=now, saved_by=user, action="create",
                                           name=name, country=country, payload=text))
        return int(new_id)
    key = as_id(id)
    if version is None:
        raise StoreError(f"save_assessment: assessment #{key} is saved over only from the version it was edited "
                         "from (version=, as load_assessment gives it); none was given.")
    expected = as_id(version, what="a version number")
    with writing(eng) as conn:
        _current(conn, key, expected, "changed")
        done = conn.execute(A.update().where(A.c.id == key, A.c.version == expected, A.c.deleted.is_(None)).values(
            name=name, country=country, rubric=payload["rubric"], rubric_version=payload.get("rubric_version"),
            updated=now, updated_by=user, payload=text, version=expected + 1))
        if done.rowcount != 1:  # someone saved between the read and the update (PostgreSQL, read committed)
            _current(conn, key, expected, "changed")
            raise StaleVersionError(f"assessment #{key} was changed meanwhile: reload, or save as new.")
        conn.execute(V.insert().values(assessment_id=key, version=expected + 1, saved=now, saved_by=user,
                                       action="update", name=name, country=country, payload=text))
    return key


def _current(conn, key: int, expected: int | None, verb: str):
    """The row of *key*, refused when missing, deleted, or not at *expected* (``None``: any version)."""
    row = conn.execute(sa.select(A.c.version, A.c.updated, A.c.updated_by, A.c.deleted, A.c.deleted_by)
                       .where(A.c.id == key)).first()
    if row is None:
        raise StoreError(f"no saved assessment with id {key}.")
    if row.deleted is not None:
        raise StaleVersionError(f"assessment #{key} was deleted by {row.deleted_by} at {_when(row.deleted)}: "
                                "save it as new, or ask an administrator to restore it.",
                                current=row.version, by=row.deleted_by, at=row.deleted)
    if expected is not None and row.version != expected:
        raise StaleVersionError(f"assessment #{key} was {verb} by {row.updated_by} at {_when(row.updated)}: "
                                "reload, or save as new.", current=row.version, by=row.updated_by, at=row.updated)
    return row


# ------------------------------------------------------------------------------------------------ read
def load_assessment(id, db=None, *, version=None, deleted: bool = False) -> dict:
    """Return a saved assessment: its JSON document plus ``id``, ``name``, ``country``, ``version``, who and when.

    Parameters
    ----------
    version : int, optional
        An earlier version (from :func:`assessment_history`); default the current one.
    deleted : bool
        Also return a deleted assessment (with ``deleted`` and ``deleted_by``); default: it is missing.

    Raises
    ------
    StoreError
        No assessment with that id (or version), or the id is not a number.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
    >>> load_assessment(7, db=db)
    Traceback (most recent call last):
    ...
    assess.strategy.db.StoreError: no saved assessment with id 7.
    """
    key = as_id(id)
    with _read(db) as conn:
        row = conn.execute(sa.select(A).where(A.c.id == key)).first()
        if row is None or (row.deleted is not None and not deleted):
            raise StoreError(f"no saved assessment with id {key}."
                             + (f" It was deleted by {row.deleted_by} at {_when(row.deleted)}." if row else ""))
        meta = {k: getattr(row, k) for k in META_KEYS}
        text = row.payload
        if version is not None:
            n = as_id(version, what="a version number")
            old = conn.execute(sa.select(V).where(V.c.assessment_id == key, V.c.version == n)).first()
            if old is None:
                raise StoreError(f"assessment #{key} has no version {n} (versions 1 to {row.version}).")
            text = old.payload
            meta.update(name=old.name, country=old.country, version=n, updated=old.saved, updated_by=old.saved_by)
    payload = _loads(text, key)
    payload.update({k: v for k, v in meta.items() if v is not None or k in ("version", "id")})
    return payload


def _answered(payload_text: str) -> int:
    try:
        answers = json.loads(payload_text).get("answers", {})
    except (json.JSONDecodeError, AttributeError):
        return 0
    return sum(1 for a in answers.values() if isinstance(a, dict) and a.get("level") is not None) \
        if isinstance(answers, dict) else 0


def list_assessments(db=None, *, deleted: bool = False) -> pd.DataFrame:
    """Return the saved assessments, last changed first (*deleted*: the deleted ones instead).

    ``answered`` counts the criteria with a level. Columns: :data:`LIST_COLUMNS` (with *deleted*, also
    ``deleted`` and ``deleted_by``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> list(list_assessments(db=pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3").columns) == LIST_COLUMNS
    True
    """
    cols = [A.c.id, A.c.name, A.c.country, A.c.rubric, A.c.rubric_version, A.c.version, A.c.created, A.c.created_by,
            A.c.updated, A.c.updated_by, A.c.deleted, A.c.deleted_by, A.c.payload]
    where = A.c.deleted.is_not(None) if deleted else A.c.deleted.is_(None)
    with _read(db) as conn:
        rows = conn.execute(sa.select(*cols).where(where).order_by(A.c.updated.desc(), A.c.id.desc())).all()
    out = [{**{k: getattr(r, k) for k in LIST_COLUMNS if k != "answered"}, "answered": _answered(r.payload),
            **({"deleted": r.deleted, "deleted_by": r.deleted_by} if deleted else {})} for r in rows]
    return pd.DataFrame(out, columns=LIST_COLUMNS + (["deleted", "deleted_by"] if deleted else []))


def assessment_history(id, db=None) -> pd.DataFrame:
    """Every version of an assessment, oldest first: what was done, when, by whom, name and answered criteria.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
    >>> i = save_assessment({"rubric": "r", "answers": {}}, name="x", country="AZE", db=db, user="ana")
    >>> _ = delete_assessment(i, db=db, user="admin")
    >>> assessment_history(i, db=db)[["version", "action", "saved_by"]].to_dict("records")
    [{'version': 1, 'action': 'create', 'saved_by': 'ana'}, {'version': 2, 'action': 'delete', 'saved_by': 'admin'}]
    """
    key = as_id(id)
    with _read(db) as conn:
        if conn.execute(sa.select(A.c.id).where(A.c.id == key)).first() is None:
            raise StoreError(f"no saved assessment with id {key}.")
        rows = conn.execute(sa.select(V).where(V.c.assessment_id == key).order_by(V.c.version)).all()
    return pd.DataFrame([{"version": r.version, "action": r.action, "saved": r.saved, "saved_by": r.saved_by,
                          "name": r.name, "country": r.country, "answered": _answered(r.payload)} for r in rows],
                        columns=HISTORY_COLUMNS)


# ------------------------------------------------------------------------------------------------ delete
def delete_assessment(id, db=None, *, user: str | None = None, version: int | None = None) -> bool:
    """Delete a saved assessment (hidden, its versions kept, who recorded); return whether it was there.

    With *version*, the delete is refused (:class:`StaleVersionError`) when someone saved after it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
    >>> i = save_assessment({"rubric": "r", "answers": {}}, name="x", country="AZE", db=db)
    >>> delete_assessment(i, db=db), delete_assessment(i, db=db), len(list_assessments(db=db, deleted=True))
    (True, False, 1)
    """
    key = as_id(id)
    expected = None if version is None else as_id(version, what="a version number")
    user, now = who(user), _now()
    with writing(_eng(db)) as conn:
        try:
            row = _current(conn, key, expected, "changed")
        except StaleVersionError as e:
            if e.current is not None and expected is None:  # already deleted
                return False
            raise
        except StoreError:
            return False
        text = conn.execute(sa.select(A.c.payload, A.c.name, A.c.country).where(A.c.id == key)).first()
        conn.execute(A.update().where(A.c.id == key).values(deleted=now, deleted_by=user, version=row.version + 1,
                                                              updated=now, updated_by=user))
        conn.execute(V.insert().values(assessment_id=key, version=row.version + 1, saved=now, saved_by=user,
                                       action="delete", name=text.name, country=text.country, payload=text.payload))
    return True


def restore_assessment(id, db=None, *, user: str | None = None) -> int:
    """Bring a deleted assessment back (a new version, action ``restore``); return its new version.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
    >>> i = save_assessment({"rubric": "r", "answers": {}}, name="x", country="AZE", db=db)
    >>> _ = delete_assessment(i, db=db)
    >>> restore_assessment(i, db=db), load_assessment(i, db=db)["name"]
    (3, 'x')
    """
    key = as_id(id)
    user, now = who(user), _now()
    with writing(_eng(db)) as conn:
        row = conn.execute(sa.select(A).where(A.c.id == key)).first()
        if row is None:
            raise StoreError(f"no saved assessment with id {key}.")
        if row.deleted is None:
            raise StoreError(f"assessment #{key} is not deleted.")
        conn.execute(A.update().where(A.c.id == key).values(deleted=None, deleted_by=None, version=row.version + 1,
                                                              updated=now, updated_by=user))
        conn.execute(V.insert().values(assessment_id=key, version=row.version + 1, saved=now, saved_by=user,
                                       action="restore", name=row.name, country=row.country, payload=row.payload))
    return row.version + 1


# ------------------------------------------------------------------------------------------------ backups
def export_assessments(db=None) -> dict:
    """Every assessment (deleted ones too) with every version, as one JSON document (a backup).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
    >>> _ = save_assessment({"rubric": "r", "answers": {}}, name="x", country="AZE", db=db, user="ana")
    >>> doc = export_assessments(db)
    >>> doc["format"], len(doc["assessments"]), doc["assessments"][0]["versions"][0]["saved_by"]
    ('egov-assess assessments', 1, 'ana')
    """
    from assess.strategy.db import HEAD

    with _read(db) as conn:
        rows = conn.execute(sa.select(A).order_by(A.c.id)).all()
        versions: dict[int, list] = {}
        for v in conn.execute(sa.select(V).order_by(V.c.assessment_id, V.c.version)):
            versions.setdefault(v.assessment_id, []).append(
                {"version": v.version, "action": v.action, "saved": v.saved, "saved_by": v.saved_by,
                 "name": v.name, "country": v.country, "payload": _loads(v.payload, v.assessment_id)})
    return {"format": BACKUP_FORMAT, "format_version": 1, "exported": _now(), "egov_assess": settings.VERSION,
            "store_migration": HEAD,
            "assessments": [{**{k: getattr(r, k) for k in META_KEYS}, "rubric": r.rubric,
                             "rubric_version": r.rubric_version, "versions": versions.get(r.id, [])} for r in rows]}


def import_assessments(doc: Mapping, db=None, *, user: str | None = None) -> dict:
    """Add the assessments of a backup (:func:`export_assessments`) to the store, in one transaction.

    An assessment whose id is free keeps it, with all its versions; one the store already holds (same ``uid``, at
    the same or a later version) is left as it is; any other is added under a new id. Every problem of the
    document is listed before anything is written. Returns ``{"added", "kept", "renumbered"}``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> a, b = (pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3" for _ in range(2))
    >>> _ = save_assessment({"rubric": "r", "answers": {}}, name="x", country="AZE", db=a)
    >>> import_assessments(export_assessments(a), db=b)
    {'added': 1, 'kept': 0, 'renumbered': {}}
    >>> import_assessments(export_assessments(a), db=b)
    {'added': 0, 'kept': 1, 'renumbered': {}}
    """
    from assess.strategy.payload import check_backup

    items = check_backup(doc, BACKUP_FORMAT)
    user = who(user)
    out = {"added": 0, "kept": 0, "renumbered": {}}
    eng = _eng(db)
    with writing(eng) as conn:
        for item in items:
            uid = item.get("uid") or uuid.uuid4().hex
            same = conn.execute(sa.select(A.c.version).where(A.c.uid == uid)).first()
            if same is not None and same.version >= item["version"]:
                out["kept"] += 1
                continue
            if same is not None:  # an older copy of it is here: the backup's newer versions come as a new one
                uid = uuid.uuid4().hex
            have = conn.execute(sa.select(A.c.id).where(A.c.id == item["id"])).first()
            last = item["versions"][-1]
            values = {"name": last["name"], "country": last["country"], "rubric": item["rubric"],
                      "rubric_version": item.get("rubric_version"), "created": item["created"],
                      "created_by": item.get("created_by"), "updated": item.get("updated") or last["saved"],
                      "updated_by": item.get("updated_by") or last["saved_by"], "deleted": item.get("deleted"),
                      "deleted_by": item.get("deleted_by"), "version": item["version"] + 1,
                      "payload": last["text"], "uid": uid}
            if have is None:
                conn.execute(A.insert().values(id=item["id"], **values))
                new_id = item["id"]
            else:
                new_id = conn.execute(A.insert().values(**values)).inserted_primary_key[0]
                out["renumbered"][item["id"]] = int(new_id)
            conn.execute(V.insert(), [{"assessment_id": new_id, "version": v["version"], "saved": v["saved"],
                                       "saved_by": v["saved_by"], "action": v["action"], "name": v["name"],
                                       "country": v["country"], "payload": v["text"]} for v in item["versions"]]
                         + [{"assessment_id": new_id, "version": item["version"] + 1, "saved": _now(),
                             "saved_by": user, "action": "import", "name": last["name"], "country": last["country"],
                             "payload": last["text"]}])
            out["added"] += 1
        if conn.dialect.name == "postgresql":  # explicit ids do not move the sequence
            conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('assessments', 'id'), "
                                 "COALESCE((SELECT MAX(id) FROM assessments), 1))")
    return out


def write_backup(path: str | os.PathLike, db=None) -> Path:
    """Write :func:`export_assessments` to *path* as JSON, atomically (complete or absent); return the path."""
    from assess.io.atomic import atomic_path

    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(export_assessments(db), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read_backup(path: str | os.PathLike, db=None, *, user: str | None = None) -> dict:
    """Import a backup file written by :func:`write_backup` (bounded: :data:`~assess.limits.MAX_BACKUP_BYTES`)."""
    from assess.io.safeio import read_text

    try:
        text = read_text(path, limits.MAX_BACKUP_BYTES, source=str(path))
        doc = json.loads(text)
    except AssessError as e:
        raise StoreError(str(e)) from None
    except (json.JSONDecodeError, RecursionError) as e:
        raise StoreError(f"{path}: expected a JSON backup of assessments, found: {str(e)[:120]}.") from None
    return import_assessments(doc, db, user=user)

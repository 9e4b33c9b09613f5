"""Where saved assessments live: the database URL, its SQLAlchemy engine, its tables and their migrations.

The store is SQLite by default — the file ``$EGOV_ASSESS_DB`` (``var/assessments.sqlite3``), in write-ahead-log
mode, in a folder no cache clean touches — or the database named by ``DATABASE_URL`` (PostgreSQL for a department
with several servers). Nothing else in egov-assess knows where assessments are kept.

The tables (:data:`METADATA`):

``assessments``
    one row per assessment: its current ``name``, ``country``, ``rubric``, ``payload`` (the assessment as one JSON
    document, so fields added to it need no migration), ``version`` (1, 2, … one more at every change), who
    created, last changed and soft-deleted it, and when, and a ``uid`` that follows it into backups (an
    import recognises an assessment it already holds by it).
``versions``
    every version ever written, never changed afterwards: (``assessment_id``, ``version``) with the action
    (``create``, ``update``, ``delete``, ``restore``, ``import``), who and when, and the payload then.
``users``
    the accounts of the dashboard: name, role, password hash (made and checked by the dashboard layer).

The schema is migrated with Alembic (``assess/strategy/migrations``) when a process first uses the store and by
``python -m assess db upgrade``; a store written by a newer egov-assess is refused, never misread. A store made
by egov-assess 0.1 (tables ``assessments`` and ``history`` under ``PRAGMA user_version = 1``) is recognised and
migrated with its history; one left at the old default place (``$EGOV_ASSESS_CACHE/assessments.sqlite3``, which
``make clean-cache`` deletes) is copied to the new one first and the old file renamed ``….moved``.

Examples
--------
>>> import tempfile, pathlib
>>> url = database_url(pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3")
>>> url.startswith("sqlite:///") and url.endswith("a.sqlite3")
True
>>> upgrade(url) == HEAD
True
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from assess import settings
from assess.errors import AssessError

__all__ = ["HEAD", "METADATA", "StoreError", "database_url", "dispose_engines", "engine", "revision", "shown_url", "upgrade",
           "writing"]

log = logging.getLogger("egov_assess.store")

#: The newest migration (``assess/strategy/migrations/versions``).
HEAD = "0002"
#: Where the migrations are.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: How long a write waits for another one to finish before it is refused (seconds).
BUSY_TIMEOUT = 5.0


class StoreError(AssessError):
    """A saved assessment is missing, malformed, or the database cannot be used."""

    def __init__(self, message: str, issues=()):
        super().__init__(message)
        self.issues = tuple(issues)


METADATA = sa.MetaData()

ASSESSMENTS = sa.Table(
    "assessments", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.Text, nullable=False),
    sa.Column("rubric", sa.Text, nullable=False),
    sa.Column("rubric_version", sa.Text),
    sa.Column("created", sa.Text, nullable=False),
    sa.Column("updated", sa.Text, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("created_by", sa.Text),
    sa.Column("updated_by", sa.Text),
    sa.Column("deleted", sa.Text),
    sa.Column("deleted_by", sa.Text),
    sa.Column("uid", sa.Text, unique=True),
    sqlite_autoincrement=True,
)

VERSIONS = sa.Table(
    "versions", METADATA,
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("saved", sa.Text, nullable=False),
    sa.Column("saved_by", sa.Text),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.Text, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
)

USERS = sa.Table(
    "users", METADATA,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("password_hash", sa.Text),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created", sa.Text, nullable=False),
    sa.Column("created_by", sa.Text),
    sa.Column("updated", sa.Text, nullable=False),
    sa.Column("updated_by", sa.Text),
)


# ------------------------------------------------------------------------------------------------ where
def database_url(db: str | os.PathLike | None = None) -> str:
    """The store's SQLAlchemy URL: *db* (a SQLite file or a URL), else ``DATABASE_URL``, else ``$EGOV_ASSESS_DB``.

    Examples
    --------
    >>> database_url("/tmp/x.sqlite3")
    'sqlite:////tmp/x.sqlite3'
    >>> database_url("postgresql+psycopg://u@localhost/egov")
    'postgresql+psycopg://u@localhost/egov'
    """
    if db is not None:
        text = os.fspath(db)
        if "://" in text:
            return text
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    url = settings.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{_default_sqlite_file()}"


def _default_sqlite_file() -> Path:
    """``$EGOV_ASSESS_DB``; when it is the default and missing, an old ``.cache`` store is moved there first."""
    path = Path(settings.get("EGOV_ASSESS_DB")).expanduser().resolve()
    if not settings.is_set("EGOV_ASSESS_DB"):
        old = Path(settings.get("EGOV_ASSESS_CACHE")).expanduser().resolve() / "assessments.sqlite3"
        if old.is_file() and not path.exists():
            move_legacy_store(old, path)
    return path


def move_legacy_store(old: Path, new: Path) -> Path:
    """Copy the SQLite store *old* to *new* (an online backup: consistent even while it is used), rename *old*.

    The copy is written beside *new* and renamed into place, so *new* is complete or absent; *old* becomes
    ``<old>.moved`` only after that (nothing is deleted).

    Examples
    --------
    >>> import tempfile, pathlib, sqlite3
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with sqlite3.connect(d / "old.sqlite3") as c:
    ...     _ = c.execute("CREATE TABLE t (x)")
    >>> move_legacy_store(d / "old.sqlite3", d / "var" / "new.sqlite3").name, sorted(p.name for p in d.iterdir())
    ('new.sqlite3', ['old.sqlite3.moved', 'var'])
    """
    new.parent.mkdir(parents=True, exist_ok=True)
    tmp = new.with_name(f".{new.name}.moving")
    try:
        with contextlib.closing(sqlite3.connect(old)) as src, contextlib.closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)
        os.replace(tmp, new)
    except (OSError, sqlite3.Error) as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError(f"{old}: could not move the assessment store to {new}: {e}") from e
    os.replace(old, old.with_name(old.name + ".moved"))
    log.warning("moved the assessment store from %s to %s (the old file is kept as %s.moved)", old, new, old.name)
    return new


def shown_url(url: str) -> str:
    """The URL without its password (for messages)."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the database URL"


# ------------------------------------------------------------------------------------------------ engines
_ENGINES: dict[str, sa.Engine] = {}
_UPGRADED: set[str] = set()
_LOCK = threading.RLock()


def engine(url: str) -> sa.Engine:
    """The (shared) engine of *url*, its schema migrated to :data:`HEAD` on first use.

    SQLite connections use WAL, ``synchronous=FULL`` (a save that returned survives a power cut), foreign keys
    and a busy timeout of :data:`BUSY_TIMEOUT` s; transactions are begun by egov-assess (``BEGIN`` for reads,
    ``BEGIN IMMEDIATE`` for writes, see :func:`writing`), so two writers queue instead of failing half-way.
    """
    with _LOCK:
        eng = _ENGINES.get(url)
        if eng is None:
            eng = _create_engine(url)
            _ENGINES[url] = eng
        if url not in _UPGRADED:
            upgrade(url, eng)
        return eng


def _create_engine(url: str) -> sa.Engine:
    try:
        parsed = sa.engine.make_url(url)
    except Exception as e:
        raise StoreError(f"{shown_url(url)}: not a database URL ({e}).") from None
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not parsed.database or parsed.database == ":memory:":
            raise StoreError("the assessment store must be a file (sqlite:///PATH), not an in-memory database.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{path}: cannot open the assessment store: {e}") from e
        # pooled: closing the last connection of a WAL database checkpoints it, which would cost every request
        eng = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT, "check_same_thread": False},
                               pool_size=4, max_overflow=8, pool_timeout=BUSY_TIMEOUT, pool_pre_ping=False)

        @event.listens_for(eng, "connect")
        def _on_connect(dbapi, _record):
            dbapi.isolation_level = None  # transactions begun below, not by the driver
            cur = dbapi.cursor()
            try:
                cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
                cur.execute("PRAGMA journal_mode = WAL")
                cur.execute("PRAGMA synchronous = FULL")
                cur.execute("PRAGMA foreign_keys = ON")
            finally:
                cur.close()

        @event.listens_for(eng, "begin")
        def _on_begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writing") else "BEGIN")

        return eng
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"{shown_url(url)}: expected a SQLite or PostgreSQL URL.")
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=BUSY_TIMEOUT,
                            connect_args={"connect_timeout": 10})


def dispose_engines() -> None:
    """Forget every engine's pooled connections (after a fork: a child must not share its parent's sockets)."""
    with _LOCK:
        for eng in _ENGINES.values():
            eng.dispose(close=False)


@contextlib.contextmanager
def writing(eng: sa.Engine) -> Iterator[sa.Connection]:
    """A write transaction: committed when the block ends, rolled back on any error (nothing half-written).

    On SQLite it starts with ``BEGIN IMMEDIATE`` (the write lock is taken first, so a concurrent writer waits up
    to :data:`BUSY_TIMEOUT` s instead of failing after it has read); a store that stays locked longer is a clear
    :class:`StoreError`.
    """
    try:
        with eng.execution_options(writing=True).begin() as conn:
            yield conn
    except sa.exc.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise StoreError("the assessment store is busy (another save is being written): try again.") from e
        raise StoreError(f"{shown_url(str(eng.url))}: could not write: {_reason(e)}") from e
    except sa.exc.DBAPIError as e:
        raise StoreError(f"{shown_url(str(eng.url))}: could not write: {_reason(e)}") from e


def _reason(e: sa.exc.DBAPIError) -> str:
    return str(getattr(e, "orig", e)).strip().splitlines()[0][:200]


# ------------------------------------------------------------------------------------------------ migrations
def _alembic_config(conn: sa.Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def revision(url: str | None = None) -> str | None:
    """The migration the store at *url* is at (``None``: an empty database).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> revision(database_url(pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3")) is None
    True
    """
    url = url or database_url()
    eng = _ENGINES.get(url) or _create_engine(url)
    try:
        with eng.connect() as conn:
            return _current(conn)
    except sa.exc.DBAPIError as e:
        raise StoreError(f"{shown_url(url)}: not a usable assessment store: {_reason(e)}") from e


def _current(conn: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(url: str | None = None, eng: sa.Engine | None = None) -> str:
    """Migrate the store at *url* to :data:`HEAD` (nothing to do when it is there); return the revision.

    One process migrates at a time (a file lock beside a SQLite file, an advisory lock on PostgreSQL). A store
    of egov-assess 0.1 is recognised (``PRAGMA user_version = 1``) and migrated with its history; a store at a
    revision this version does not know (a newer egov-assess) is refused.

    Raises
    ------
    StoreError
        The database cannot be reached, is not an assessment store, or is newer than this egov-assess.
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    url = url or database_url()
    eng = eng or _ENGINES.get(url) or _create_engine(url)
    with _LOCK, _migration_lock(eng):
        try:
            with eng.begin() as conn:
                cfg = _alembic_config(conn)
                current = _current(conn)
                known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
                if current is not None and current not in known:
                    raise StoreError(f"{shown_url(url)}: expected an assessment store at migration {HEAD} or "
                                     f"older. Got migration {current!r} instead (written by a newer egov-assess).")
                if current is None and _is_legacy(conn):
                    command.stamp(cfg, "0001")
                    current = "0001"
                if current != HEAD:
                    command.upgrade(cfg, "head")
                    log.info("assessment store %s migrated from %s to %s", shown_url(url), current, HEAD)
        except sa.exc.DBAPIError as e:
            raise StoreError(f"{shown_url(url)}: not a usable assessment store: {_reason(e)}") from e
    _UPGRADED.add(url)
    return HEAD


def _is_legacy(conn: sa.Connection) -> bool:
    """A store of egov-assess 0.1: tables made by hand, ``PRAGMA user_version`` 1, no ``alembic_version``."""
    if conn.dialect.name != "sqlite":
        return False
    names = set(sa.inspect(conn).get_table_names())
    if "assessments" not in names:
        return False
    version = conn.exec_driver_sql("PRAGMA user_version").scalar()
    if version != 1:
        raise StoreError(f"{conn.engine.url.database}: expected an assessment store of schema version <= 1. "
                         f"Got version {version} instead (written by a newer egov-assess).")
    return True


@contextlib.contextmanager
def _migration_lock(eng: sa.Engine) -> Iterator[None]:
    if eng.dialect.name == "sqlite":
        path = Path(eng.url.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_name(path.name + ".migrate.lock"), "a+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
        return
    with eng.connect() as conn:
        conn.exec_driver_sql("SELECT pg_advisory_lock(727274)")  # one key for egov-assess migrations
        conn.commit()
        try:
            yield
        finally:
            conn.exec_driver_sql("SELECT pg_advisory_unlock(727274)")
            conn.commit()

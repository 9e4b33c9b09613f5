"""The dashboard's accounts, kept beside the assessments: a name, a role, a password hash, who changed it.

This module only keeps the records. Passwords are hashed and checked, and roles enforced, by the dashboard
(``service.auth``): the library never sees a password nor decides who may do what. The roles are

``viewer``
    reads everything, runs analyses, downloads;
``analyst``
    also saves assessments and deletes the ones they created;
``admin``
    also deletes and restores any assessment, imports backups and manages accounts.

Examples
--------
>>> import tempfile, pathlib
>>> db = pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3"
>>> add_user("leyla", "analyst", password_hash="$argon2id$…", db=db, user="admin")
>>> get_user("leyla", db=db)["role"], get_user("nobody", db=db)
('analyst', None)
>>> update_user("leyla", role="admin", db=db, user="admin"); get_user("leyla", db=db)["role"]
'admin'
"""

from __future__ import annotations

import re

import pandas as pd
import sqlalchemy as sa

from assess.strategy.db import USERS as U
from assess.strategy.db import StoreError, database_url, engine, writing
from assess.strategy.payload import shown, who

__all__ = ["ROLES", "add_user", "check_name", "get_user", "list_users", "update_user"]

#: The roles, least to most allowed.
ROLES = ("viewer", "analyst", "admin")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


def check_name(name) -> str:
    """A user name: 1 to 64 letters, digits, ``.``, ``_``, ``@`` or ``-``, starting with a letter or digit.

    Examples
    --------
    >>> check_name("leyla.m")
    'leyla.m'
    >>> check_name("<b>")
    Traceback (most recent call last):
    ...
    assess.strategy.db.StoreError: user name: expected 1 to 64 letters, digits, '.', '_', '@' or '-'. Got '<b>' instead.
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise StoreError(f"user name: expected 1 to 64 letters, digits, '.', '_', '@' or '-'. Got {shown(name)} "
                         "instead.")
    return name


def _role(role) -> str:
    if role not in ROLES:
        raise StoreError(f"role: expected one of {', '.join(ROLES)}. Got {shown(role)} instead.")
    return role


def _now() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def add_user(name: str, role: str, *, password_hash: str | None = None, db=None, user: str | None = None) -> None:
    """Add an account (refused when the name is taken). ``password_hash`` is ``None`` for ``proxy`` mode users."""
    name, role, by, now = check_name(name), _role(role), who(user), _now()
    with writing(engine(database_url(db))) as conn:
        if conn.execute(sa.select(U.c.name).where(U.c.name == name)).first() is not None:
            raise StoreError(f"user {name!r} exists already (change it with update_user / `users set`).")
        conn.execute(U.insert().values(name=name, role=role, password_hash=password_hash, disabled=False, created=now,
                                       created_by=by, updated=now, updated_by=by))


def get_user(name: str, db=None) -> dict | None:
    """The account *name* (``name, role, password_hash, disabled, …``), or ``None``."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        return None
    with engine(database_url(db)).connect() as conn:
        row = conn.execute(sa.select(U).where(U.c.name == name)).first()
    return None if row is None else dict(row._mapping)


def update_user(name: str, *, role: str | None = None, password_hash: str | None = None,
                disabled: bool | None = None, db=None, user: str | None = None) -> None:
    """Change an account's role, password hash or disabled flag (recorded with who and when)."""
    values = {"updated": _now(), "updated_by": who(user)}
    if role is not None:
        values["role"] = _role(role)
    if password_hash is not None:
        values["password_hash"] = password_hash
    if disabled is not None:
        values["disabled"] = bool(disabled)
    with writing(engine(database_url(db))) as conn:
        done = conn.execute(U.update().where(U.c.name == check_name(name)).values(**values))
        if done.rowcount != 1:
            raise StoreError(f"no user {name!r}.")


def list_users(db=None) -> pd.DataFrame:
    """Every account: name, role, disabled, whether it has a password, created/updated (never the hashes)."""
    with engine(database_url(db)).connect() as conn:
        rows = conn.execute(sa.select(U).order_by(U.c.name)).all()
    return pd.DataFrame([{"name": r.name, "role": r.role, "disabled": bool(r.disabled),
                          "password": r.password_hash is not None, "created": r.created, "created_by": r.created_by,
                          "updated": r.updated, "updated_by": r.updated_by} for r in rows],
                        columns=["name", "role", "disabled", "password", "created", "created_by", "updated",
                                 "updated_by"])

"""Declared settings: every environment variable egov-assess reads, with its default and what it does.

Like datasette's settings, each one is declared once here (:data:`SETTINGS`) and read *at use* through
:func:`get` (so a test or a server can change the environment), parsed to its type and checked: a bad value is a
:class:`SettingsError` naming the variable and what was expected, never a traceback. The README's table of
environment variables is checked against this list by the tests. The size limits are declared in
:mod:`assess.limits`.

Examples
--------
>>> import os
>>> get("PORT")
8050
>>> os.environ["PORT"] = "80x"
>>> get("PORT")
Traceback (most recent call last):
...
assess.settings.SettingsError: PORT: expected a whole number from 1 to 65535. Got '80x' instead.
>>> del os.environ["PORT"]
>>> get("DASH_DEBUG"), [s.name for s in SETTINGS][:2]
(False, ['EGOV_ASSESS_DATA', 'EGOV_ASSESS_CACHE'])
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.errors import AssessError, shown

__all__ = ["AUTH_MODES", "PROJECT_ROOT", "SETTINGS", "VERSION", "Setting", "SettingsError", "explicitly_on", "get",
           "is_set", "markdown_table",
           "setting"]

#: The release of egov-assess (also the package metadata's version, see ``pyproject.toml``).
VERSION = "0.1.0"

#: The checkout the library runs from (``data/`` and ``frameworks/`` are found relative to it by default).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(AssessError):
    """An environment variable holds a value egov-assess cannot use."""


def _path(value: str) -> Path:
    return Path(value).expanduser()


def _bool(value: str) -> bool:
    v = value.strip().lower()
    if v in ("1", "true", "yes", "on"):
        return True
    if v in ("", "0", "false", "no", "off"):
        return False
    raise ValueError


def explicitly_on(value: str) -> bool:
    """True only for ``1``, ``true`` or ``yes`` (any case): anything else, a typo included, is off.

    Examples
    --------
    >>> [explicitly_on(v) for v in ("1", "true", "YES", " True ", "0", "false", "", "no", "off", "2")]
    [True, True, True, True, False, False, False, False, False, False]
    """
    return str(value).strip().lower() in ("1", "true", "yes")


def _lang(value: str) -> str:
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    if code not in ("en", "az"):
        raise ValueError
    return code


def _locale_lang() -> str:
    """The language of the locale (the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set): ``az`` for an
    Azerbaijani locale (``az_AZ.UTF-8``), else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "az" if value.strip().lower().startswith("az") else "en"
    return "en"


def _port(value: str) -> int:
    n = int(value)
    if not 1 <= n <= 65535:
        raise ValueError
    return n


def _count(value: str) -> int:
    n = int(value)
    if not 1 <= n <= 256:
        raise ValueError
    return n


def _seconds(value: str) -> float:
    n = float(value)
    if not 0 <= n <= 3600:
        raise ValueError
    return n


def _database_url(value: str) -> str:
    v = value.strip()
    if not re.fullmatch(r"(sqlite|postgresql)(\+\w+)?://\S*", v):
        raise ValueError
    return v


def _redis_url(value: str) -> str:
    v = value.strip()
    if not re.fullmatch(r"(redis|rediss|unix)://\S+", v):
        raise ValueError
    return v


def _auth_mode(value: str) -> str:
    v = value.strip().lower()
    if v not in AUTH_MODES:
        raise ValueError
    return v


def _host(value: str) -> str:
    v = value.strip()
    if not re.fullmatch(r"[\w.:-]{1,253}|\[[0-9a-fA-F:]+\]", v):
        raise ValueError
    return v


def _header(value: str) -> str:
    v = value.strip()
    if not re.fullmatch(r"[A-Za-z0-9-]{1,64}", v):
        raise ValueError
    return v


def _addresses(value: str) -> tuple[str, ...]:
    items = tuple(a.strip() for a in value.split(",") if a.strip())
    if not items or not all(re.fullmatch(r"[0-9a-fA-F.:/]{2,64}", a) for a in items):
        raise ValueError
    return items


def _secret(value: str) -> str:
    if len(value) < 32:
        raise ValueError
    return value


#: How the dashboard knows who is asking (``EGOV_ASSESS_AUTH``): ``users`` (sign in with a name and a password
#: kept as an Argon2 hash) or ``proxy`` (a trusted reverse proxy names the user in a header).
AUTH_MODES = ("users", "proxy")

_EXPECTED = {_path: "a folder or file path", _bool: "1/true/yes/on or 0/false/no/off",
             _port: "a whole number from 1 to 65535", _count: "a whole number from 1 to 256", _lang: "en or az",
             _database_url: "an SQLAlchemy URL: sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DB",
             _redis_url: "a Redis URL: redis://HOST:PORT/DB (or rediss://, unix://)",
             _auth_mode: "one of " + ", ".join(AUTH_MODES), _host: "a host name or IP address",
             _header: "an HTTP header name (letters, digits, -)",
             _addresses: "IP addresses or networks separated by commas",
             _secret: "a random text of at least 32 characters"}


def _cpus() -> int:
    return max(2, os.cpu_count() or 2)


@dataclass(frozen=True)
class Setting:
    """One environment variable: its ``name``, ``default`` (text, or a function of the other settings) and ``help``."""

    name: str
    default: str | Callable[[], Any]
    help: str
    parse: Callable[[str], Any] = str
    shown_default: str = ""

    def value(self) -> Any:
        """The current value, parsed (the default when the variable is unset or empty)."""
        raw = os.environ.get(self.name)
        if raw is None or raw == "":
            return self.default() if callable(self.default) else self.parse(self.default)
        try:
            return self.parse(raw)
        except (TypeError, ValueError):
            expected = _EXPECTED.get(self.parse, "a text")
            raise SettingsError(f"{self.name}: expected {expected}. Got {shown(raw, 40)} instead.") from None


SETTINGS: tuple[Setting, ...] = (
    Setting("EGOV_ASSESS_DATA", str(PROJECT_ROOT / "data"), "the data folder (published files, SOURCES.md, SHA256SUMS)",
            _path, "`data/`"),
    Setting("EGOV_ASSESS_CACHE", str(PROJECT_ROOT / ".cache"),
            "the Parquet cache of the indicator store (`make clean-cache` empties it)", _path, "`.cache/`"),
    Setting("EGOV_ASSESS_VAR", str(PROJECT_ROOT / "var"),
            "the folder of what must last: saved assessments (SQLite), background jobs, the session key; "
            "no cache clean touches it", _path, "`var/`"),
    Setting("EGOV_ASSESS_DB", lambda: get("EGOV_ASSESS_VAR") / "assessments.sqlite3",
            "saved strategy assessments (SQLite, WAL); a store left in `.cache/` by an older version is moved here",
            _path, "`$EGOV_ASSESS_VAR/assessments.sqlite3`"),
    Setting("DATABASE_URL", lambda: None, "keep the assessments in this database instead (PostgreSQL: "
            "`postgresql+psycopg://USER:PASSWORD@HOST/DB`); migrated on start", _database_url, "unset (SQLite)"),
    Setting("REDIS_URL", lambda: None, "background jobs on Celery workers through this Redis "
            "(`redis://HOST:6379/0`), shared by every server process and host", _redis_url,
            "unset (Diskcache, jobs run by the server)"),
    Setting("EGOV_ASSESS_DASH_CACHE", lambda: get("EGOV_ASSESS_VAR") / "jobs",
            "the background jobs' folder when REDIS_URL is unset (Diskcache)", _path, "`$EGOV_ASSESS_VAR/jobs`"),
    Setting("EGOV_ASSESS_MAX_JOBS", "2", "background jobs (robustness runs, big exports) running at once; "
            "the Celery worker's concurrency", _count, "`2`"),
    Setting("EGOV_ASSESS_MAX_QUEUED", "10", "background jobs waiting for a free slot; more are refused "
            "with a message", _count, "`10`"),
    Setting("EGOV_ASSESS_WARM", "1", "fill the dashboard's caches at start-up (0 turns it off)", _bool,
            "on"),
    Setting("EGOV_ASSESS_HOST", "127.0.0.1", "the address the dashboard listens on (0.0.0.0: every interface, "
            "behind a reverse proxy)", _host, "`127.0.0.1`"),
    Setting("EGOV_ASSESS_LANG", _locale_lang,
            "the language of the command line and the dashboard's default language (`en` or `az`)", _lang,
            "the locale's (`LC_ALL`, `LC_MESSAGES`, `LANG`: `az_AZ…` → `az`), else `en`"),
    Setting("PORT", "8050", "the dashboard's port", _port, "`8050`"),
    Setting("EGOV_ASSESS_WORKERS", _cpus, "gunicorn worker processes of `make serve`", _count,
            "the number of CPUs (at least 2)"),
    Setting("EGOV_ASSESS_THREADS", "1", "threads per gunicorn worker of `make serve`: with 1, gunicorn's `sync` workers "
            "(one request at a time from the queue all workers share); with more, `gthread` workers that keep each "
            "browser's connection (on 2 cores at 100 users: p95 511 ms with `sync`, 624 ms with `gthread`, at the same "
            "req/s; more threads help only when long synchronous downloads would otherwise hold a worker)", _count,
            "`1`"),
    Setting("EGOV_ASSESS_RECHECK_SECONDS", "1", "how long the dashboard trusts its last look at the data and framework "
            "files before looking again (a changed file is seen by the requests after it; `0`: every request looks)",
            _seconds, "`1`"),
    Setting("EGOV_ASSESS_CHECK_FIGURES", "0", "have Plotly check every chart the dashboard sends (2–3 ms a chart; "
            "the library, reports and tests always check them)", _bool, "off"),
    Setting("EGOV_ASSESS_AUTH", "users", "who may change assessments: `users` (sign in; accounts made with "
            "`python -m service users add`) or `proxy` (a trusted reverse proxy names the user)", _auth_mode,
            "`users`"),
    Setting("EGOV_ASSESS_PROXY_HEADER", "X-Forwarded-User", "the header naming the signed-in user in `proxy` mode",
            _header, "`X-Forwarded-User`"),
    Setting("EGOV_ASSESS_TRUSTED_PROXIES", "127.0.0.1,::1", "the addresses whose user header is believed in "
            "`proxy` mode", _addresses, "`127.0.0.1,::1`"),
    Setting("EGOV_ASSESS_SECRET_KEY", lambda: None, "the key signing session cookies (the same on every "
            "host); at least 32 characters", _secret, "random, kept in `$EGOV_ASSESS_VAR/secret_key`"),
    Setting("EGOV_ASSESS_SECURE_COOKIES", "0", "send the session cookie over HTTPS only (turn on behind a TLS "
            "proxy)", _bool, "off"),
    Setting("DASH_DEBUG", "0", "Dash's debug mode, only when explicitly 1/true/yes (never on a shared server)",
            explicitly_on, "off"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The declared :class:`Setting` called ``name``.

    Examples
    --------
    >>> setting("PORT").help
    "the dashboard's port"
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise SettingsError(f"{shown(name, 40)}: not a setting. Expected one of {', '.join(_BY_NAME)}.") from None


def is_set(name: str) -> bool:
    """Whether the environment gives the setting ``name`` a value (else its default is used).

    Examples
    --------
    >>> is_set("DASH_DEBUG") in (True, False)
    True
    """
    return bool(os.environ.get(setting(name).name))


def get(name: str) -> Any:
    """The current value of the setting ``name`` (see :data:`SETTINGS`).

    Examples
    --------
    >>> get("EGOV_ASSESS_DATA").name
    'data'
    """
    return setting(name).value()


def markdown_table() -> str:
    """The README's table of environment variables, made from :data:`SETTINGS` (a test keeps the two equal).

    Examples
    --------
    >>> markdown_table().splitlines()[2]
    '| `EGOV_ASSESS_DATA` | `data/` | the data folder (published files, SOURCES.md, SHA256SUMS) |'
    """
    rows = ["| variable | default | what |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {s.shown_default} | {s.help} |" for s in SETTINGS]
    return "\n".join(rows)

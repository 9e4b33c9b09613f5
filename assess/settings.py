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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.errors import AssessError, shown

__all__ = ["PROJECT_ROOT", "SETTINGS", "VERSION", "Setting", "SettingsError", "explicitly_on", "get", "markdown_table",
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


_EXPECTED = {_path: "a folder or file path", _bool: "1/true/yes/on or 0/false/no/off",
             _port: "a whole number from 1 to 65535", _lang: "en or az"}


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
            "the Parquet cache of the indicator store (and the dashboard's background-job cache)", _path, "`.cache/`"),
    Setting("EGOV_ASSESS_DB", lambda: get("EGOV_ASSESS_CACHE") / "assessments.sqlite3", "saved strategy assessments",
            _path, "`.cache/assessments.sqlite3`"),
    Setting("EGOV_ASSESS_DASH_CACHE", lambda: get("EGOV_ASSESS_CACHE") / "dash",
            "the dashboard's background-callback cache (Diskcache)", _path, "`$EGOV_ASSESS_CACHE/dash`"),
    Setting("EGOV_ASSESS_WARM", "1", "fill the dashboard's caches in a thread at start-up (0 turns it off)", _bool,
            "on"),
    Setting("EGOV_ASSESS_LANG", _locale_lang,
            "the language of the command line and the dashboard's default language (`en` or `az`)", _lang,
            "the locale's (`LC_ALL`, `LC_MESSAGES`, `LANG`: `az_AZ…` → `az`), else `en`"),
    Setting("PORT", "8050", "the dashboard's port", _port, "`8050`"),
    Setting("DASH_DEBUG", "0", "Dash's debug mode, only when explicitly 1/true/yes (never on a shared server)",
            explicitly_on, "off"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The declared :class:`Setting` called ``name``.

    Examples
    --------
    >>> setting("EGOV_ASSESS_DB").help
    'saved strategy assessments'
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise SettingsError(f"{shown(name, 40)}: not a setting. Expected one of {', '.join(_BY_NAME)}.") from None


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

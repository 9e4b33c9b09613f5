"""The language of the command line: ``--lang`` on the command line, else ``EGOV_ASSESS_LANG``, else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``az_AZ.UTF-8`` → Azerbaijani), else English.

Every text the command line writes itself — help, messages, the framing of errors — goes through the catalogues in
that language, and so do argparse's own texts (``usage:``, ``the following arguments are required``…), which
:func:`argparse_in` routes through them while a command line is parsed. What the library says inside an error (the
file, row or key and what was expected) stays English: those messages are logged, searched for and reported as
they are (:func:`assess.i18n.error_text` frames them).

Command modules write ``_ = text()`` where they print; :func:`using` sets the language for a command's run.

Examples
--------
>>> cli_lang(["report", "--lang", "az"]), cli_lang(["--lang=az", "data", "list"]), cli_lang(["data", "list"], "en")
('az', 'az', 'en')
>>> with using("az"):
...     text()("wrote {path}", path="r.xlsx")
'r.xlsx yazıldı'
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
from collections.abc import Callable, Sequence

from assess.i18n import LANGS, N_, gettext_for, language, translations

__all__ = ["ARGPARSE_MESSAGES", "argparse_in", "cli_lang", "current", "text", "using"]

_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("assess_cli_lang", default="en")

#: argparse's own texts that a user of this command line can meet (Python 3.11's ``argparse.py``; a test checks
#: that each is still there), marked for the catalogues.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def cli_lang(argv: Sequence[str] | None, default: str | None = None) -> str:
    """The language a command line asks for: the first ``--lang X`` / ``--lang=X`` that names a language of the
    product, else ``default``, else the setting ``EGOV_ASSESS_LANG`` (which follows the locale)."""
    items = list(argv or [])
    for i, item in enumerate(items):
        value = item.split("=", 1)[1] if item.startswith("--lang=") else \
            items[i + 1] if item == "--lang" and i + 1 < len(items) else None
        if value is not None and language(value, "") in LANGS:
            return language(value)
    if default is not None:
        return language(default)
    from assess import settings

    return settings.get("EGOV_ASSESS_LANG")  # a bad value is a SettingsError naming the variable


def current() -> str:
    """The language of the command running now."""
    return _LANG.get()


def text() -> Callable[..., str]:
    """``_`` in the language of the command running now (:func:`using`)."""
    return gettext_for(_LANG.get())


@contextlib.contextmanager
def using(lang: str):
    """Run the block with ``lang`` as the command line's language."""
    token = _LANG.set(language(lang))
    try:
        yield
    finally:
        _LANG.reset(token)


@contextlib.contextmanager
def argparse_in(lang: str):
    """Let argparse write its own texts in ``lang`` while the block runs (its module-level ``_`` and ``ngettext``
    are replaced by the catalogue's, then restored)."""
    lang = language(lang)
    if lang == "en":
        yield
        return
    tr = translations(lang)
    old = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = tr.gettext, tr.ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = old

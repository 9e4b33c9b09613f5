"""The gettext catalogues: ``assess/i18n/locale/<lang>/LC_MESSAGES/messages.po`` (sources) and ``.mo`` (compiled).

The ``.po`` files are the translations, committed and reviewed; the ``.mo`` files are built from them by the set-up
(``make`` runs ``python -m assess.i18n.messages compile``) and are not committed. A process loads the ``.mo`` of a
language when it is at least as new as its ``.po``; otherwise (a fresh checkout that was not set up, a ``.po`` just
merged) it compiles the ``.po`` in memory, so a translation is never silently missing.

Message ids are the English texts (see :mod:`assess.i18n`); the English catalogue maps each id to itself (or to a
copy-edited English text), the Azerbaijani one to its translation.

Examples
--------
>>> translations("az").gettext("Headline figures"), translations("az").pgettext("sheet name", "Summary")
('Əsas göstəricilər', 'Xülasə')
>>> language("az_AZ.UTF-8"), language("AZ"), language("fr", default="en"), language(None)
('az', 'az', 'en', 'en')
>>> known("Headline figures"), known("Summary", "sheet name"), known("no such message")
(True, True, False)
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from pathlib import Path

__all__ = ["DEFAULT_LANG", "DOMAIN", "LANGS", "LANGUAGE_NAMES", "LOCALE_DIR", "clear", "known", "language",
           "mo_path", "po_path", "translations"]

#: The languages of the product: English (the message ids) and Azerbaijani (Latin script).
LANGS: tuple[str, ...] = ("en", "az")
DEFAULT_LANG = "en"
#: Each language's own name, as a language switch shows it.
LANGUAGE_NAMES = {"en": "English", "az": "Azərbaycanca"}
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_EXACT = frozenset(LANGS)
_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_.@].*)?$")


def po_path(lang: str) -> Path:
    """The ``.po`` file of ``lang`` (the translations, in git)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    """The compiled ``.mo`` file of ``lang`` (built by the set-up, not in git)."""
    return po_path(lang).with_suffix(".mo")


def language(value, default: str = DEFAULT_LANG) -> str:
    """The product language named by ``value`` (``"az"``, ``"AZ"``, ``"az_AZ.UTF-8"``, ``"az-Latn"``), else ``default``.

    Never fails: a request or an environment value that names no language of the product gives ``default``.
    """
    if value in _EXACT:  # "en", "az": most calls
        return value
    if isinstance(value, str) and len(value) <= 64:
        m = _TAG.match(value)
        if m and m.group(1).lower() in LANGS:
            return m.group(1).lower()
    return default


@functools.lru_cache(maxsize=8)
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (cached per process; :func:`clear` forgets it).

    The ``.mo`` file when it is at least as new as the ``.po``, else the ``.po`` compiled in memory (fuzzy
    entries left out, as ``pybabel compile`` does). An unknown language gets the English catalogue.
    """
    lang = language(lang)
    po, mo = po_path(lang), mo_path(lang)
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    if po.is_file():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as f:
            catalog = read_po(f, locale=lang, domain=DOMAIN)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        buf.seek(0)
        return gettext.GNUTranslations(buf)
    return gettext.NullTranslations()


def known(msgid: str, context: str | None = None) -> bool:
    """Whether ``msgid`` (in ``context``) is a message of the catalogues (the English one lists every message)."""
    catalog = getattr(translations("en"), "_catalog", {})
    key = msgid if context is None else f"{context}\x04{msgid}"
    return key in catalog or (key, 0) in catalog


def clear() -> None:
    """Forget the loaded catalogues (after ``make messages`` rewrote them)."""
    translations.cache_clear()

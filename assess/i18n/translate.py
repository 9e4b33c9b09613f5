"""Looking texts up in the catalogues and filling their placeholders, numbers in the language's own way.

Message ids are the English texts. Code marks a text where it is written:

* ``t("Summary", lang)``, ``tn("{n} problem", "{n} problems", n, lang)``, ``pt("sheet", "Model", lang)``: look up and
  fill now (``pybabel extract`` finds these calls: the first arguments must be literal texts);
* ``N_("Very high")``: mark a text kept in a table for later; ``translated(value, lang)`` looks such a value up
  (and the plain English texts of the framework files, extracted from the YAML);
* ``_ = gettext_for(lang)`` (``ui.text(lang)`` in the dashboard), then ``_("Download")``; ``ngettext_for``,
  ``pgettext_for`` likewise.

Placeholders are Python's ``{name}`` / ``{name:.4f}``. Numbers are written with the language's decimal and
grouping signs (``0,76073`` in Azerbaijani). An integer ``x`` also gives ``{x_ord}`` (``74-cü``) and any value the
Azerbaijani case forms ``{x_gen}``, ``{x_dat}``, ``{x_loc}``, ``{x_abl}``, ``{x_acc}`` (:mod:`assess.i18n.grammar`).

A text missing from the catalogues falls back to English (never an error for a user); in strict mode (the test suite,
:func:`set_strict`) it raises ``KeyError`` so that no text ships untranslated.

Examples
--------
>>> t("Headline figures", "az"), t("rank {rank} of {n}", "az", rank=74, n=193)
('Əsas göstəricilər', '193 ölkə arasında 74-cü yer')
>>> _ = gettext_for("az"); _("Since {prev} its EGDI has changed by {delta:+.4f} and its rank by {drank:+d} places.",
...                          prev=2022, delta=0.067, drank=9)
'2022-ci ildən bəri EGDI +0,0670 dəyişib, yeri isə +9 pillə dəyişib.'
"""

from __future__ import annotations

import functools
import numbers
import string
from collections.abc import Callable

from assess.i18n.catalogues import LANGS, known, language, translations
from assess.i18n.grammar import CASES, inflect, ordinal

__all__ = ["N_", "all_translations", "error_text", "gettext_for", "name_in", "ngettext_for", "pgettext_for",
           "pt", "set_strict", "t", "tn", "translated"]

_STRICT = {"on": False}


def set_strict(on: bool = True) -> bool:
    """Make a text missing from the catalogues an error (``KeyError``) instead of English; return the old setting.

    The test suite turns it on (``tests/conftest.py``), so code that shows a text nobody translated fails its tests.
    """
    old = _STRICT["on"]
    _STRICT["on"] = bool(on)
    return old


def N_(msgid: str) -> str:
    """Mark ``msgid`` for extraction and return it unchanged (for texts kept in tables, translated later).

    Examples
    --------
    >>> N_("Very high")
    'Very high'
    """
    return msgid


@functools.lru_cache(maxsize=8)
def _symbols(lang: str) -> dict[int, str]:
    """Decimal and grouping signs of ``lang`` (Babel's CLDR data) as a ``str.translate`` table from Python's."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return {ord("."): get_decimal_symbol(lang), ord(","): get_group_symbol(lang)}


class _Formatter(string.Formatter):
    """``str.format`` writing numbers with the language's decimal and grouping signs."""

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value, format_spec):
        out = format(value, format_spec)
        if self.lang != "en" and isinstance(value, numbers.Number) and not isinstance(value, bool):
            out = out.translate(_symbols(self.lang))
        return out


class _Values(dict):
    """The values of a text, plus the forms derived on demand: ``x_ord`` and the case forms ``x_gen`` …"""

    def __init__(self, values, lang):
        super().__init__(values)
        self.lang = lang

    def __missing__(self, key):
        base, _, form = key.rpartition("_")
        if base and dict.__contains__(self, base):
            v = dict.__getitem__(self, base)
            integer = isinstance(v, numbers.Integral) and not isinstance(v, bool)
            if form == "ord" and integer:
                return ordinal(int(v), self.lang)
            if form in CASES:
                return inflect(int(v) if integer else v, form, self.lang)
        raise KeyError(key)


def _fill(text: str, lang: str, values: dict) -> str:
    if not values:
        return text
    return _Formatter(lang).vformat(text, (), _Values(values, lang))


def _missing(msgid, context=None) -> None:
    if _STRICT["on"] and not known(msgid, context):
        where = f" (context {context!r})" if context else ""
        raise KeyError(f"{msgid!r}{where} is not in the message catalogues. Run `make messages` and translate it in "
                       "assess/i18n/locale/az/LC_MESSAGES/messages.po (docs/I18N.md).")


def t(msgid: str, lang: str = "en", /, **values) -> str:
    """The text of ``msgid`` (its English text) in ``lang`` with ``values`` filled in.

    Examples
    --------
    >>> t("Reachable", "az"), t("Change since {year}", "az", year=2022)
    ('Mümkündür', '2022-ci ildən bəri dəyişiklik')
    """
    _missing(msgid)
    lang = language(lang)
    return _fill(translations(lang).gettext(msgid), lang, values)


def translated(text, lang: str = "en", /, **values) -> str:
    """``t`` for a text held in a variable: one marked with :func:`N_` or a plain English text of a framework file.

    Examples
    --------
    >>> translated(N_("platform"), "az")
    'platforma'
    """
    return t(str(text), lang, **values)


def tn(singular: str, plural: str, n: int, lang: str = "en", /, **values) -> str:
    """The singular or plural text for the count ``n`` in ``lang`` (``{n}`` is filled with ``n``).

    Examples
    --------
    >>> tn("{source}: {n} problem", "{source}: {n} problems", 2, "en", source="report")
    'report: 2 problems'
    """
    _missing(singular)
    lang = language(lang)
    return _fill(translations(lang).ngettext(singular, plural, int(n)), lang, {"n": n, **values})


def pt(context: str, msgid: str, lang: str = "en", /, **values) -> str:
    """The text of ``msgid`` in ``context`` (the same English word translated two ways).

    Examples
    --------
    >>> pt("sheet name", "Strategy assessment", "az")
    'Strategiya qiymətləndirməsi'
    """
    _missing(msgid, context)
    lang = language(lang)
    return _fill(translations(lang).pgettext(context, msgid), lang, values)


def gettext_for(lang: str = "en") -> Callable[..., str]:
    """``_(msgid, **values)`` bound to ``lang``: the call pages and modules use (``pybabel`` extracts ``_``).

    Examples
    --------
    >>> gettext_for("az")("Evidence")
    'Sübut'
    """
    lang = language(lang)

    def _(msgid: str, /, **values) -> str:
        return t(msgid, lang, **values)

    return _


def ngettext_for(lang: str = "en") -> Callable[..., str]:
    """``_n(singular, plural, n, **values)`` bound to ``lang``.

    Examples
    --------
    >>> ngettext_for("en")("{source}: {n} problem", "{source}: {n} problems", 1, source="x")
    'x: 1 problem'
    """
    lang = language(lang)

    def _n(singular: str, plural: str, n: int, /, **values) -> str:
        return tn(singular, plural, n, lang, **values)

    return _n


def pgettext_for(lang: str = "en") -> Callable[..., str]:
    """``_p(context, msgid, **values)`` bound to ``lang``.

    Examples
    --------
    >>> pgettext_for("az")("sheet name", "Strategy assessment")
    'Strategiya qiymətləndirməsi'
    """
    lang = language(lang)

    def _p(context: str, msgid: str, /, **values) -> str:
        return pt(context, msgid, lang, **values)

    return _p


def all_translations(msgid: str, context: str | None = None) -> dict[str, str]:
    """``{lang: text}`` of ``msgid`` in every language (an importer accepts any of them).

    Examples
    --------
    >>> all_translations("Assessment", "sheet name")
    {'en': 'Assessment', 'az': 'Qiymətləndirmə'}
    """
    if context is None:
        return {lang: t(msgid, lang) for lang in LANGS}
    return {lang: pt(context, msgid, lang) for lang in LANGS}


def name_in(name, lang: str = "en", default: str = "") -> str:
    """Text of a framework ``name`` (a ``{en, az}`` dict or a plain string) in ``lang``.

    Examples
    --------
    >>> name_in({"en": "Vision", "az": "Vizyon"}, "az"), name_in("Plain", "az")
    ('Vizyon', 'Plain')
    """
    if isinstance(name, dict):
        return str(name.get(lang) or name.get("en") or next(iter(name.values()), default))
    return default if name is None else str(name)


def error_text(exc: BaseException, lang: str = "en") -> str:
    """What a user reads for an :class:`assess.errors.AssessError`: the framing in ``lang``, the problems as the
    library wrote them (English: they name files, rows and keys, and are what people search for and report).

    Examples
    --------
    >>> from assess.errors import Issue, ReportError
    >>> e = ReportError("report", [Issue("country", "'XXX' was not assessed.")])
    >>> error_text(e, "en") == str(e), error_text(e, "az").splitlines()[0]
    (True, 'report: 1 problem tapıldı')
    """
    issues = getattr(exc, "issues", None)
    source = getattr(exc, "source", None)
    if not isinstance(issues, tuple) or source is None:
        return str(exc)
    head = tn("{source}: {n} problem", "{source}: {n} problems", len(issues), lang, source=source)
    return "\n".join([head, *(f"  {issue}" for issue in issues)])

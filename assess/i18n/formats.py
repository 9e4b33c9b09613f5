"""Numbers and dates in each language (Babel's CLDR data), in text and in Excel.

In text, Azerbaijani writes ``0,76073`` and ``75,3%``, English ``0.76073`` and ``75.3%``; dates ``17 sentyabr 2024`` /
``17 September 2024``. In Excel a number stays a number with a number format: the format code is written the
same way in every language (``0.00000``) and Excel shows it with the separators of the reader's system, so an
Azerbaijani Excel shows ``0,76073``. The Azerbaijani report also tags its formats with the Azerbaijani locale
(``[$-42C]``, Windows' locale id of az-Latn-AZ): LibreOffice then shows the decimal comma whatever the machine's
locale, and dates take Azerbaijani month names.

Examples
--------
>>> format_number(0.76073, "az", 5), format_number(0.76073, "en", 5), format_number(12345.5, "az", 1)
('0,76073', '0.76073', '12.345,5')
>>> format_percent(0.7531, "az", 1), format_date(__import__("datetime").date(2024, 9, 17), "az")
('75,3%', '17 sentyabr 2024')
>>> excel_format("0.00000", "az"), excel_format("0.00000", "en")
('[$-42C]0.00000', '0.00000')
"""

from __future__ import annotations

import datetime as _dt
import functools

from assess.i18n.catalogues import language

__all__ = ["EXCEL_LOCALE_IDS", "excel_date_format", "excel_format", "format_date", "format_number", "format_percent"]

#: Windows locale ids (LCID, hex) written into Excel number formats as ``[$-xxx]``; English formats carry none.
EXCEL_LOCALE_IDS = {"az": "42C"}


def format_number(value, lang: str = "en", decimals: int | None = None, *, group: bool = True) -> str:
    """``value`` with ``decimals`` decimals (all that it has when ``None``) and the language's separators.

    Examples
    --------
    >>> format_number(1234567, "az"), format_number(1234567, "en"), format_number(-0.5, "az"), format_number(2024, "az", group=False)
    ('1.234.567', '1,234,567', '-0,5', '2024')
    """
    lang = language(lang)
    try:
        return _formatted(value, lang, decimals, group)
    except TypeError:  # a value that cannot be a key (not a number Babel takes either: it says so)
        return _formatted.__wrapped__(value, lang, decimals, group)


@functools.lru_cache(maxsize=65536)
def _formatted(value, lang: str, decimals: int | None, group: bool) -> str:
    """Babel's formatting, kept: a page writes the same published values again and again (about 60 µs each)."""
    from babel.numbers import format_decimal

    pattern = ("#,##0" if group else "0") + ("." + "0" * decimals if decimals else "")
    if decimals is None:
        pattern = ("#,##0" if group else "0") + ".###############"
    return format_decimal(value, format=pattern, locale=lang, decimal_quantization=decimals is not None)


def format_percent(value, lang: str = "en", decimals: int = 0) -> str:
    """The share ``value`` (0.753) as a percentage (``75,3%`` in Azerbaijani, ``75.3%`` in English).

    Examples
    --------
    >>> format_percent(1 / 3, "az", 1), format_percent(1 / 3, "en")
    ('33,3%', '33%')
    """
    from babel.numbers import format_percent as _percent

    lang = language(lang)
    return _percent(value, format="#,##0" + ("." + "0" * decimals if decimals else "") + "%", locale=lang)


def format_date(value: _dt.date, lang: str = "en", form: str = "long") -> str:
    """A date as the language writes it (``form``: ``short``, ``medium``, ``long`` or ``full``).

    Examples
    --------
    >>> import datetime as dt
    >>> format_date(dt.date(2024, 9, 17), "en"), format_date(dt.date(2024, 9, 17), "az", "short")
    ('17 September 2024', '17.09.24')
    """
    from babel.dates import format_date as _date

    lang = language(lang)
    if lang == "en" and form == "long":
        return f"{value.day} {_date(value, 'MMMM', locale='en')} {value.year}"  # the report's British order
    return _date(value, form, locale=lang)


def excel_format(code: str, lang: str = "en") -> str:
    """The Excel number format ``code`` for a workbook in ``lang`` (tagged with the language's locale id).

    Examples
    --------
    >>> excel_format("+0.00;-0.00;0.00", "az"), excel_format("General", "az")
    ('[$-42C]+0.00;-0.00;0.00', 'General')
    """
    lcid = EXCEL_LOCALE_IDS.get(language(lang))
    if not lcid or not code or code == "General" or code.startswith("[$"):
        return code
    return f"[$-{lcid}]{code}"


def excel_date_format(lang: str = "en") -> str:
    """The Excel format of a date cell: ``17 September 2024`` / ``17 sentyabr 2024``.

    Examples
    --------
    >>> excel_date_format("en"), excel_date_format("az")
    ('d mmmm yyyy', '[$-42C]d mmmm yyyy')
    """
    return excel_format("d mmmm yyyy", lang)

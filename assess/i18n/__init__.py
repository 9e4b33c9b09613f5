"""Every text users read, in English and Azerbaijani: gettext catalogues, grammar helpers, numbers and dates.

One mechanism: the gettext catalogues ``assess/i18n/locale/{en,az}/LC_MESSAGES/messages.po`` (Babel), whose message
ids are the **English texts** (``t("Summary", "az")`` → ``Xülasə``). The code reads as it displays, ``pybabel
extract`` finds every text, and when an English text changes its translation turns *fuzzy* until someone checks it.
The same English word that needs two translations gets a context (``pt("sheet name", "Model", lang)``).

* :func:`t`, :func:`tn`, :func:`pt`, :func:`gettext_for` (``_``) — look a text up and fill ``{placeholders}``;
  :func:`N_` marks a text kept in a table, :func:`translated` looks such a value up;
* :func:`ordinal`, :func:`inflect` — ordinals and Azerbaijani case endings (also ``{x_ord}``, ``{x_gen}`` … in texts);
* :func:`format_number`, :func:`format_percent`, :func:`format_date`, :func:`excel_format` — numbers and dates per
  language (Babel's CLDR data), in text and in Excel;
* :func:`name_in` — a ``{en, az}`` name of a framework file; :func:`error_text` — an error framed in a language.

``make messages`` extracts and updates the catalogues (:mod:`assess.i18n.messages`); docs/I18N.md says how to add
a text or a language.

Examples
--------
>>> t("Headline figures", "az"), pt("sheet name", "Summary", "az")
('Əsas göstəricilər', 'Xülasə')
>>> t("rank {rank} of {n}", "en", rank=74, n=193)
'rank 74 of 193'
>>> _ = gettext_for("az"); _("Level")
'Səviyyə'
"""

from __future__ import annotations

from assess.i18n.catalogues import DEFAULT_LANG, LANGS, LANGUAGE_NAMES, language, translations
from assess.i18n.formats import excel_date_format, excel_format, format_date, format_number, format_percent
from assess.i18n.grammar import inflect, ordinal
from assess.i18n.translate import (
    N_,
    all_translations,
    error_text,
    gettext_for,
    name_in,
    ngettext_for,
    pgettext_for,
    pt,
    set_strict,
    t,
    tn,
    translated,
)

__all__ = ["DEFAULT_LANG", "LANGS", "LANGUAGE_NAMES", "N_", "all_translations", "error_text", "excel_date_format",
           "excel_format", "format_date", "format_number", "format_percent", "gettext_for", "inflect", "language",
           "name_in", "ngettext_for", "ordinal", "pgettext_for", "pt", "set_strict", "t", "tn", "translated",
           "translations"]

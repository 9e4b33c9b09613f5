"""The dashboard's language: ``?lang=az`` in the URL, a switch in the navbar, the page's ``lang`` attribute, and
``text(lang)`` for the pages.

How a page speaks the chosen language (the Data page is the reference)::

    def layout(framework="un_egdi", lang=None, **_query):
        lang = ui.request_lang(lang)            # "az" or "en" (unknown values: the default language)
        _ = ui.text(lang)                       # pybabel extracts _("…"): run `make messages`, translate az.po
        return ui.page("data", _("Data & methods"), lang=lang, children=[...])

``ui.page(..., lang=lang)`` sets the page's ``lang`` attribute and keeps the language in a ``dcc.Store``
(``"<page>-lang"``) that callbacks read with ``State("<page>-lang", "data")`` to answer in the same language.
Country names: ``ui.country_label(iso3, lang)``, ``ui.country_options(lang=lang)``.

The URL holds the language (``lang=az``; left out when it is the default language, ``EGOV_ASSESS_LANG``), the navbar
links carry it from page to page, the switch keeps the rest of the query, and ``<html lang>`` follows: set by the
server on the first load (:func:`serve_lang_attribute`), then by a client-side callback on every change.

Examples
--------
>>> request_lang("az"), request_lang("AZ"), request_lang(["az"]), request_lang("fr"), request_lang(None)
('az', 'az', 'en', 'en', 'en')
>>> with_lang("/data?framework=gtmi", "az"), with_lang("/data?framework=gtmi&lang=az", "en")
('/data?framework=gtmi&lang=az', '/data?framework=gtmi')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

import dash
from dash import ALL, Input, Output, dcc, html

from assess import settings
from assess.i18n import LANGS, LANGUAGE_NAMES, N_, gettext_for, language, translated

__all__ = ["DROPDOWN_LABELS", "LANG_KEY", "LANG_LINK", "LANG_STATE", "app_parts", "default_lang", "dropdown_labels",
           "language_switch", "page_name", "register_language", "request_lang", "serve_lang_attribute",
           "slider_tooltip", "text", "with_lang"]

#: The query key of the language.
LANG_KEY = "lang"
#: id of the app-wide ``dcc.Store`` holding the language of the URL (written by :func:`register_language`).
LANG_STATE = "app-lang"
#: id type of the switch's links (pattern-matching ids ``{"type": LANG_LINK, "index": "az"}``).
LANG_LINK = "lang-link"
_URL = "app-url"


def default_lang() -> str:
    """The dashboard's default language (setting ``EGOV_ASSESS_LANG``; English when the setting is unusable)."""
    try:
        return settings.get("EGOV_ASSESS_LANG")
    except settings.SettingsError:
        return "en"


def request_lang(value) -> str:
    """The language a request value names (``"az"``, ``"en"``), else the default language; never fails."""
    if isinstance(value, str) and len(value) <= 16 and language(value, "") in LANGS:
        return language(value)
    return default_lang()


def text(lang) -> Callable[..., str]:
    """``_`` for a page in ``lang``: ``_("Download")``, ``_("{n} countries", n=3)`` (:func:`assess.i18n.gettext_for`)."""
    return gettext_for(request_lang(lang))


#: The texts ``dcc.Dropdown`` writes itself (its ``labels``; Dash's defaults are these English texts).
DROPDOWN_LABELS = {"select_all": N_("Select All"), "deselect_all": N_("Deselect All"),
                   "selected_count": N_("{num_selected} selected"), "search": N_("Search"),
                   "clear_search": N_("Clear search"), "clear_selection": N_("Clear selection"),
                   "no_options_found": N_("No options found")}


def dropdown_labels(lang) -> dict:
    """A ``dcc.Dropdown``'s own texts in ``lang`` (``labels=dropdown_labels(lang)``; ``{num_selected}`` is filled
    by the dropdown).

    Examples
    --------
    >>> dropdown_labels("az")["selected_count"], dropdown_labels("en")["search"]
    ('{num_selected} seçilib', 'Search')
    """
    lang = request_lang(lang)
    return {k: translated(v, lang) for k, v in DROPDOWN_LABELS.items()}


def page_name(page: dict, lang) -> str:
    """A registered page's name in ``lang`` (its ``name=`` is the English text, extracted from ``register_page``)."""
    return translated(page.get("name") or "", request_lang(lang)) if page.get("name") else ""


def with_lang(href: str, lang) -> str:
    """``href`` with its query's ``lang`` set to ``lang`` (left out for the default language), the rest kept."""
    path, _, query = (href or "/").partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=False) if k != LANG_KEY]
    lang = request_lang(lang)
    if lang != default_lang():
        pairs.append((LANG_KEY, lang))
    return path + ("?" + urlencode(pairs, safe=",") if pairs else "")


#: Plotly's decimal and thousands signs per language (``layout.separators``), as :func:`assess.i18n.format_number`
#: writes numbers: ``0,76`` and ``1.234`` in Azerbaijani.
SEPARATORS = {"az": ",."}


#: The ``dcc.Slider`` tooltip transform (``assets/locale.js``) writing a value with the language's decimal sign.
SLIDER_TRANSFORMS = {"az": "decimalComma"}


def slider_tooltip(lang, **tooltip) -> dict:
    """A ``dcc.Slider``'s ``tooltip`` showing its value with the language's decimal sign (``0,85`` in Azerbaijani).

    Examples
    --------
    >>> slider_tooltip("az", placement="bottom"), slider_tooltip("en")
    ({'placement': 'bottom', 'transform': 'decimalComma'}, {})
    """
    transform = SLIDER_TRANSFORMS.get(request_lang(lang))
    return {**tooltip, "transform": transform} if transform else tooltip


def localise_figure(figure, lang):
    """``figure`` (a ``plotly.graph_objects.Figure`` or its dict) with the axes' and labels' numbers in the
    language's signs (``layout.separators``); English figures are returned as they are.

    Examples
    --------
    >>> localise_figure({"data": [], "layout": {"title": "x"}}, "az")["layout"]
    {'title': 'x', 'separators': ',.'}
    """
    sep = SEPARATORS.get(request_lang(lang))
    if sep is None:
        return figure
    if isinstance(figure, dict):
        return {**figure, "layout": {**(figure.get("layout") or {}), "separators": sep}}
    figure.update_layout(separators=sep)
    return figure


def language_switch() -> html.Div:
    """The navbar's switch: one link per language, named in its own language (``lang`` set for screen readers)."""
    return html.Div([
        dcc.Link(html.Span(LANGUAGE_NAMES[code], lang=code), href=with_lang("/", code),
                 id={"type": LANG_LINK, "index": code}, className="nav-link px-2 py-1")
        for code in LANGS
    ], id="lang-switch", className="navbar-nav flex-row align-items-center ms-lg-auto small", role="group",
        **{"aria-label": "Language / Dil"})


def serve_lang_attribute(app: dash.Dash) -> dash.Dash:
    """Write ``<html lang="…">`` of the language in the first request's URL (before any script runs)."""
    import flask

    original = app.interpolate_index

    def interpolate_index(**kwargs):
        page = original(**kwargs)
        lang = request_lang(flask.request.args.get(LANG_KEY)) if flask.has_request_context() else default_lang()
        return re.sub(r'<html(?: lang="[^"]*")?>', f'<html lang="{lang}">', page, count=1)

    app.interpolate_index = interpolate_index
    return app


def register_language(app: dash.Dash, nav_link_type: str) -> None:
    """The callbacks of the language: URL → :data:`LANG_STATE`, the navbar's labels in that language, the switch's
    links (this page, this query, the other language) and ``document.documentElement.lang``."""

    @app.callback(Output(LANG_STATE, "data"), Input(_URL, "search"))
    def language_of_url(search):
        query = dict(parse_qsl(search.lstrip("?") if isinstance(search, str) else ""))
        return request_lang(query.get(LANG_KEY))

    @app.callback(Output({"type": nav_link_type, "index": ALL}, "children"), Input(LANG_STATE, "data"))
    def navbar_labels(lang):
        pages = {p["module"]: p for p in dash.page_registry.values()}
        ids = [o.get("id") if isinstance(o, dict) else None for o in dash.ctx.outputs_list]
        return [page_name(pages.get(i.get("index") if isinstance(i, dict) else None, {}), lang) for i in ids]

    @app.callback(Output({"type": LANG_LINK, "index": ALL}, "href"),
                  Output({"type": LANG_LINK, "index": ALL}, "className"),
                  Input(_URL, "pathname"), Input(_URL, "search"))
    def switch_links(pathname, search):
        path = pathname if isinstance(pathname, str) and pathname.startswith("/") and len(pathname) <= 200 else "/"
        query = search if isinstance(search, str) and len(search) <= 2000 else ""
        current = dict(parse_qsl(query.lstrip("?"))).get(LANG_KEY)
        here = request_lang(current)
        listed = dash.ctx.outputs_list[0] if dash.ctx.outputs_list else []
        codes = [o["id"].get("index") if isinstance(o, dict) and isinstance(o.get("id"), dict) else None
                 for o in (listed if isinstance(listed, list) else [])]
        hrefs = [with_lang(path + query, code) for code in codes]
        classes = ["nav-link px-2 py-1" + (" active fw-bold" if code == here else "") for code in codes]
        return hrefs, classes

    app.clientside_callback(
        "function (lang) { if (lang) { document.documentElement.lang = lang; } return lang; }",
        Output(LANG_STATE + "-dom", "data"), Input(LANG_STATE, "data"))


def app_parts() -> list:
    """The app-level pieces the language needs (put once in the app's layout)."""
    return [dcc.Location(id=_URL, refresh=False), dcc.Store(id=LANG_STATE, data=default_lang()),
            dcc.Store(id=LANG_STATE + "-dom")]

"""Shared Dash pieces for every page: navbar, pickers, edition slider, alerts, URL state, colours.

This module is the contract between the pages (``pages/*.py``); its names and signatures are kept
stable. Pages import what they need::

    from ui import components as ui

    def layout(country="AZE", compare="SGP,EST,KOR,KAZ,GEO,TUR", edition="2024", **_):
        state, problems = ui.parse_state(country=country, compare=compare, edition=edition)
        return ui.page(
            "model", "Model", lead="…",
            children=[ui.alerts(problems), ui.country_picker("model-country", state.country), …],
        )

    ui.register_url_sync("model", country=("model-country", "value"))

URL state
---------
The query string holds the state shared between pages: ``country`` (ISO3), ``compare``
(comma-separated ISO3 codes) and ``edition`` (UN survey year), plus any page-specific key.

* :func:`parse_state` turns the raw query values into a :class:`UrlState` and a list of
  friendly problems (unknown code → the default country and a message, never an exception).
* :func:`url_location` (one ``dcc.Location`` per page, id ``"<page>-url"``, ``refresh=False``) and
  :func:`register_url_sync` keep the query string and the page's controls in sync both ways:
  moving a control pushes a new history entry (so links are shareable and the back button
  works), and back/forward sets the controls from the URL. It also writes the shared
  :data:`APP_STATE` store, from which ``app.py`` rewrites the navbar links so the country and
  comparators follow the user from page to page.

Colours
-------
:data:`COUNTRY_COLOURS` / :func:`country_colour` (re-exported from :mod:`assess.reports.figures`) give every
ISO3 code one colour-blind-safe colour on every page and figure.

Errors
------
:func:`friendly_error` turns any exception into a ``dbc.Alert``: :class:`assess.AssessError`
messages are shown as they are (they say where, what was expected and what was found); anything
else shows a short generic message and is logged, never a traceback.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Mapping

import dash
import dash_bootstrap_components as dbc
from dash import ALL, dcc, html

import assess
from assess.i18n import LANGUAGE_NAMES
from assess.reports.figures import COUNTRY_COLOURS, country_colour
from ui.graphs import GRAPH_CONFIG, TOPOJSON_URL, graph, grid
from ui.lang import (
    LANG_KEY,
    default_lang,
    dropdown_labels,
    language_switch,
    localise_figure,
    request_lang,
    slider_tooltip,
    text,
    with_lang,
)
from ui.url_state import (
    APP_STATE,
    COUNTRY_LIST_KEYS,
    DEFAULT_COMPARE,
    DEFAULT_COUNTRY,
    DEFAULT_EDITION,
    EDITIONS,
    SHARED_DEFAULTS,
    SHARED_KEYS,
    UrlState,
    country_names,
    echo,
    edition_position,
    edition_year,
    parse_state,
    query_string,
    register_url_sync,
    request_choice,
    request_code,
    request_codes,
    request_text,
    sync_url,
    url_location,
)

__all__ = [
    "APP_STATE",
    "COUNTRY_COLOURS",
    "COUNTRY_LIST_KEYS",
    "DEFAULT_COMPARE",
    "DEFAULT_COUNTRY",
    "DEFAULT_EDITION",
    "EDITIONS",
    "GRAPH_CONFIG",
    "SHARED_DEFAULTS",
    "SHARED_KEYS",
    "TOPOJSON_URL",
    "UrlState",
    "alerts",
    "card",
    "comparator_picker",
    "country_colour",
    "country_label",
    "country_names",
    "country_options",
    "country_picker",
    "echo",
    "edition_position",
    "edition_slider",
    "edition_year",
    "error_alert",
    "friendly_error",
    "graph",
    "grid",
    "LANG_KEY",
    "default_lang",
    "dropdown_labels",
    "localise_figure",
    "nav_hrefs",
    "navbar",
    "page",
    "parse_state",
    "plain_text",
    "query_string",
    "register_url_sync",
    "report_bytes",
    "report_controls",
    "request_choice",
    "request_code",
    "request_codes",
    "request_lang",
    "request_text",
    "stat",
    "slider_tooltip",
    "sync_url",
    "text",
    "url_location",
    "with_lang",
]

log = logging.getLogger("egov_assess.dashboard")

#: id prefix of the navbar links (pattern-matching ids ``{"type": NAV_LINK, "index": module}``).
NAV_LINK = "nav-link"


# ----------------------------------------------------------------------------------------- countries
@functools.lru_cache(maxsize=1)
def _un_members() -> tuple[str, ...]:
    c = assess.countries(un_members_only=True)
    return tuple(c.sort_values("name")["iso3"])


@functools.lru_cache(maxsize=1)
def _with_data() -> tuple[str, ...]:
    """UN member states and the economies the GTMI covers (Kosovo, Palestine, Taiwan …)."""
    from assess.indices import published

    gtmi = set().union(*(published.published_gtmi(y).index for y in published.GTMI_EDITIONS))
    return tuple(sorted(set(_un_members()) | (gtmi & set(country_names()))))


@functools.lru_cache(maxsize=1)
def _search_terms() -> dict[str, str]:
    from assess.data.country_list import search_names

    return {k: " ".join(v) for k, v in search_names().items()}


def country_label(iso3: str, lang: str = "en") -> str:
    """``"Azerbaijan (AZE)"`` for a code (``"Azərbaycan (AZE)"`` in Azerbaijani), the code itself when unknown.

    Examples
    --------
    >>> country_label("SGP"), country_label("XXX"), country_label("KOR", "az")
    ('Singapore (SGP)', 'XXX', 'Koreya Respublikası (KOR)')
    """
    if not isinstance(iso3, str):
        iso3 = str(iso3)
    name = country_names("az" if lang == "az" else "en").get(iso3)
    return f"{name} ({iso3})" if name else (iso3 if len(iso3) <= 40 else iso3[:40] + "…")


def country_options(codes: Iterable[str] | None = None, lang: str = "en", *, gtmi: bool = False) -> list[dict]:
    """Dropdown options ``{"label": "Azerbaijan (AZE)", "value": "AZE", "search": …}`` sorted by name in ``lang``.

    The search text holds every name a user may type, in either language: the UN's official name ("Russian
    Federation", "United States of America"), the common one ("Russia", "Turkey"), the Azerbaijani one and the
    code (:func:`assess.data.country_list.search_names`).

    Parameters
    ----------
    codes : iterable of str, optional
        The codes to offer (default: the 193 UN member states, plus with *gtmi* the economies the GTMI covers).
    lang : {"en", "az"}
        Language of the labels.

    Examples
    --------
    >>> o = {x["value"]: x for x in country_options(gtmi=True)}
    >>> "Russian Federation" in o["RUS"]["search"], "Turkey" in o["TUR"]["search"], "XKX" in o
    (True, True, True)
    >>> {x["value"]: x for x in country_options(lang="az")}["SGP"]["label"]
    'Sinqapur (SGP)'
    """
    if codes is None:  # the usual lists: built once per language and version of the data
        lang = lang if isinstance(lang, str) else None  # (a request value that names no language: English)
        return [dict(o) for o in _default_options(bool(gtmi), lang, assess.data.data_version())]
    return _options(codes, lang)


@functools.lru_cache(maxsize=8)
def _default_options(gtmi: bool, lang: str | None, _version: str) -> tuple[dict, ...]:
    return tuple(_options(_with_data() if gtmi else _un_members(), lang))


def _options(codes, lang) -> list[dict]:
    terms = _search_terms()
    return sorted(({"label": country_label(c, lang), "value": c, "search": terms.get(c, c)} for c in codes),
                  key=lambda o: o["label"])


# ----------------------------------------------------------------------------------------- navbar
def _pages() -> list[dict]:
    return sorted(dash.page_registry.values(), key=lambda p: (p.get("order") or 0, p["name"]))


def nav_hrefs(state: Mapping | None, lang: str | None = None) -> list[str]:
    """Navbar hrefs (registry order) carrying the shared state and the language: ``/country?country=AZE&…&lang=az``.

    Examples
    --------
    >>> nav_hrefs({"country": "EST"}) == [p["relative_path"] + "?country=EST" for p in _pages()]
    True
    >>> all(h.endswith("?country=EST&lang=az") for h in nav_hrefs({"country": "EST"}, "az"))
    True
    """
    state = state if isinstance(state, Mapping) else {}
    values = {"country": request_code(state.get("country")), "compare": request_codes(state.get("compare")),
              "edition": edition_year(state.get("edition")) if state.get("edition") is not None else None}
    q = query_string(**{k: values.get(k) for k in SHARED_KEYS})
    return [with_lang(p["relative_path"] + q, lang) if lang is not None else p["relative_path"] + q
            for p in _pages()]


def navbar(brand: str = "egov-assess") -> dbc.Navbar:
    """The top navbar: one link per registered page (``dash.page_registry``, by ``order``)."""
    links = [
        dbc.NavItem(dbc.NavLink(p["name"], href=p["relative_path"], id={"type": NAV_LINK, "index": p["module"]},
                                active="exact"))
        for p in _pages()
    ]
    return dbc.Navbar(
        dbc.Container([
            html.A("Skip to content", href="#main", className="visually-hidden-focusable text-white me-2"),
            dbc.NavbarBrand(brand, href="/", className="fw-bold"),
            dbc.NavbarToggler(id="navbar-toggler", n_clicks=0),
            dbc.Collapse([dbc.Nav(links, navbar=True, className="flex-wrap"), language_switch()],
                         id="navbar-collapse", navbar=True, is_open=False),
        ], fluid=True),
        color="dark", dark=True, className="mb-3", expand="lg",
    )


# ----------------------------------------------------------------------------------------- controls
def _labelled(label: str, control, control_id: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=control_id, className="fw-semibold mb-1"), control], className="mb-2")


def country_picker(id: str, value: str = DEFAULT_COUNTRY, *, label: str = "Country",
                   options: list[dict] | None = None, clearable: bool = False,
                   placeholder: str = "Type a country name or code…", lang: str | None = None) -> html.Div:
    """A labelled, searchable single-country dropdown (value: ISO3); with ``lang`` the dropdown's own texts
    (:func:`dropdown_labels`) are in that language."""
    kw = {"labels": dropdown_labels(lang)} if lang is not None else {}
    dd = dcc.Dropdown(id=id, options=options if options is not None else country_options(), value=value,
                      clearable=clearable, searchable=True, placeholder=placeholder, **kw)
    return _labelled(label, dd, id)


def comparator_picker(id: str, value: Iterable[str] = DEFAULT_COMPARE, *, label: str = "Compare with",
                      options: list[dict] | None = None, placeholder: str = "Add countries to compare…",
                      lang: str | None = None) -> html.Div:
    """A labelled multi-country dropdown (value: list of ISO3); with ``lang`` the dropdown's own texts ("2 selected",
    "Select All" …, :func:`dropdown_labels`) are in that language."""
    kw = {"labels": dropdown_labels(lang)} if lang is not None else {}
    dd = dcc.Dropdown(id=id, options=options if options is not None else country_options(), value=list(value),
                      multi=True, searchable=True, placeholder=placeholder, **kw)
    return _labelled(label, dd, id)


def edition_slider(id: str, value: int = DEFAULT_EDITION, *, editions: Iterable[int] = EDITIONS,
                   label: str = "Edition") -> html.Div:
    """A labelled slider over survey editions; marks show every edition.

    The slider's ``value`` is the **position** of the edition in *editions* (0, 1, …), so the keyboard
    (arrow keys) moves from one edition to the next; read it with :func:`edition_year` in callbacks.
    :func:`register_url_sync` converts it to the year in the URL (``edition=2024``). The slider announces the
    year to screen readers (``aria-valuetext``, set by ``assets/charts.js`` from ``data-years``).
    """
    eds = [int(e) for e in editions]
    marks = {i: {"label": f"'{str(e)[2:]}" if len(eds) > 8 else str(e)} for i, e in enumerate(eds)}
    s = dcc.Slider(id=id, min=0, max=len(eds) - 1, step=1, value=edition_position(value, eds), marks=marks,
                   allow_direct_input=False, included=False)
    return html.Div(_labelled(label, s, id), **{"data-years": ",".join(map(str, eds)), "data-label": label})


# ----------------------------------------------------------------------------------------- messages
def error_alert(message, *, title: str | None = None, color: str = "warning", id: str | None = None,
                dismissable: bool = False) -> dbc.Alert:
    """A ``dbc.Alert`` with an optional bold title (``role="alert"`` for screen readers)."""
    parts = list(message) if isinstance(message, list | tuple) else [message]
    children = [html.Strong(title + " "), *parts] if title else parts
    kw = {"id": id} if id else {}
    return dbc.Alert(children, color=color, dismissable=dismissable, className="mb-3", **kw)


def alerts(messages: Iterable[str], *, color: str = "warning") -> html.Div:
    """One alert per message (e.g. the problems from :func:`parse_state`)."""
    return html.Div([error_alert(m, color=color) for m in messages])


def friendly_error(exc: BaseException, lang: str | None = None) -> dbc.Alert:
    """Render an exception for the user: ``AssessError`` text as is, anything else generically; the framing in
    ``lang`` (the default language when not given).

    An error listing problems of one source shows the problems, not the developer's header
    (``un_egov: 1 problem``).

    Examples
    --------
    >>> a = friendly_error(assess.ScoringError("what-if: 'XXX' was not assessed in 2024."))
    >>> a.color, "not assessed" in str(a.children)
    ('warning', True)
    >>> friendly_error(assess.DataError("un_egov", [assess.Issue("year 2023", "no edition.")])).children[1]
    'year 2023: no edition.'

    >>> friendly_error(ZeroDivisionError("x")).color
    'danger'
    """
    _ = text(lang)
    if isinstance(exc, assess.AssessError):
        issues = getattr(exc, "issues", None)
        message = "; ".join(str(i) for i in issues) if issues else str(exc)
        return error_alert(plain_text(message), title=_("Cannot show this:"), color="warning")
    log.exception("dashboard callback failed", exc_info=exc)
    return error_alert(_("Something went wrong while computing this view ({error}). Try another selection; the error "
                         "was logged.", error=type(exc).__name__), title=_("Sorry."), color="danger")


_DEV_REFERENCE = re.compile(r"[;,]?\s*(?:see |summari[sz]ed in )?DOMAIN\.md\s*§\s*\d+[;,]?\s*")


def plain_text(text: str) -> str:
    """*text* without references meant for developers (``DOMAIN.md §7``), for the user's eyes.

    Examples
    --------
    >>> plain_text("UN E-Government Surveys 2003-2012 (DOMAIN.md §5; stage names unverified)")
    'UN E-Government Surveys 2003-2012 (stage names unverified)'
    >>> plain_text("Public sources cited on each node; see DOMAIN.md §8")
    'Public sources cited on each node'
    >>> plain_text("Seed paper (summarised in DOMAIN.md §7)")
    'Seed paper'
    """
    out = _DEV_REFERENCE.sub(" ", str(text))
    out = re.sub(r"\(\s*\)", "", out)
    out = re.sub(r"\(\s+", "(", out)
    return re.sub(r"\s{2,}", " ", out).strip()


# ----------------------------------------------------------------------------------------- layout
def page(prefix: str, title: str, *, lead: str | None = None, children=(), lang: str | None = None) -> html.Div:
    """A page body: its :func:`url_location`, a heading, an optional lead paragraph, then *children*.

    With ``lang`` (a page that speaks the chosen language, :mod:`ui.lang`) the body carries the ``lang`` attribute
    and a ``dcc.Store`` ``"<prefix>-lang"`` holding it, for the page's callbacks.
    """
    extra = {"lang": request_lang(lang)} if lang is not None else {}
    return html.Div([
        url_location(prefix),
        dcc.Store(id=f"{prefix}-lang", data=extra["lang"]) if extra else None,
        html.H1(title, className="h3 mb-1"),
        html.P(lead, className="text-body-secondary mb-3") if lead else None,
        *([children] if not isinstance(children, list | tuple) else children),
    ], id=f"{prefix}-page", **extra)


def card(title: str | None, body, *, id: str | None = None, className: str = "mb-3") -> dbc.Card:
    """A card with an optional header."""
    kw = {"id": id} if id else {}
    parts = [dbc.CardHeader(title, className="fw-semibold")] if title else []
    return dbc.Card([*parts, dbc.CardBody(body)], className=className, **kw)


def stat(label: str, value, *, id: str | None = None, note=None) -> dbc.Card:
    """A small card with a big number (value) and a label: the country profile's headline tiles."""
    kw = {"id": id} if id else {}
    return dbc.Card(dbc.CardBody([
        html.Div(label, className="text-body-secondary small text-uppercase"),
        html.Div(value, className="fs-3 fw-bold", **kw),
        html.Div(note, className="small text-body-secondary") if note is not None else None,
    ]), className="h-100")


def nav_link_ids() -> list[dict]:
    """The pattern-matching ids of the navbar links (registry order)."""
    return [{"type": NAV_LINK, "index": p["module"]} for p in _pages()]


NAV_LINKS_ALL = {"type": NAV_LINK, "index": ALL}


# ----------------------------------------------------------------------------------------- ministry report
REPORT_LANGS = dict(LANGUAGE_NAMES)


def report_controls(prefix: str, lang: str = "en", *, assessments: bool = False) -> html.Div:
    """"Download ministry report (Excel)" with an English/Azerbaijani choice (the page's language first chosen) and
    its ``dcc.Download``.

    Ids: ``"<prefix>-report-lang"`` (``en``/``az``), ``"<prefix>-report-button"``, ``"<prefix>-report"``
    (the download) and ``"<prefix>-report-message"`` (friendly errors). With *assessments*, also
    ``"<prefix>-report-assessment"``: a saved strategy assessment to put in the report (:func:`assessment_options`;
    pass its value to :func:`report_bytes` as ``assessment=``).
    """
    _, pick = text(lang), []
    if assessments:
        pick = [dcc.Dropdown(id=f"{prefix}-report-assessment", options=assessment_options(), value=None,
                             placeholder=_("with a saved strategy assessment…"), clearable=True,
                             style={"minWidth": "16rem"}, className="small me-1")]
    return html.Div([
        dbc.RadioItems(id=f"{prefix}-report-lang", value=request_lang(lang), inline=True, className="small me-2",
                       options=[{"label": html.Span(v, lang=k), "value": k} for k, v in REPORT_LANGS.items()]),
        *pick,
        dcc.Loading(dbc.Button(_("Download ministry report (Excel)"), id=f"{prefix}-report-button", color="primary",
                               size="sm"), delay_show=300, type="dot"),
        dcc.Download(id=f"{prefix}-report"),
        html.Div(id=f"{prefix}-report-message", className="small"),
    ], className="d-flex flex-wrap align-items-center gap-1")


def assessment_options() -> list[dict]:
    """Saved strategy assessments as dropdown options (``#id name (country)``; none when the store cannot be read)."""
    from assess.strategy import store

    try:
        df = store.list_assessments()
    except assess.AssessError as exc:
        log.warning("saved assessments cannot be listed: %s", exc)
        return []
    return [{"label": f"#{r.id} {str(r.name)[:60]} ({r.country})", "value": int(r.id)} for r in df.itertuples()]


def report_bytes(country: str, compare: Iterable[str] | None, edition, lang: str = "en", *,
                 assessment: int | None = None) -> dict:
    """The ministry report workbook (:func:`assess.report`) built in memory, as a ``dcc.Download`` payload.

    *edition* is an :func:`edition_slider` value (or a year); *assessment* a saved assessment's id for the
    report's *Strategy assessment* sheet.
    """
    import io

    year = edition_year(edition)
    code = request_code(country)
    if code is None:
        raise assess.ReportError("report", [f"Unknown country {request_text(country, 'this value', limit=40)!r}. "
                                            "Pick a country from the list."])
    country, lang = code, request_choice(lang, tuple(REPORT_LANGS), "en")
    items = compare.split(",") if isinstance(compare, str) else compare if isinstance(compare, list | tuple) else []
    others = [c.strip().upper() for c in items[:50] if isinstance(c, str) and 0 < len(c.strip()) <= 10]
    if assessment is not None and (not isinstance(assessment, int) or isinstance(assessment, bool) or assessment < 1
                                   or assessment >= 2**63):
        raise assess.ReportError("report", ["Expected a saved assessment's id."])
    wb = assess.report(country, compare=others if compare is not None else None, edition=year, lang=lang,
                       assessment=assessment)  # it names any unknown code
    buf = io.BytesIO()
    wb.save(buf)
    return dcc.send_bytes(buf.getvalue(), f"egov-assess-report-{country}-{year}-{lang}.xlsx")

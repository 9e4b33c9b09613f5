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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

import assess
from assess.indices.published import EDITIONS
from assess.reports.figures import COUNTRY_COLOURS, country_colour

__all__ = [
    "APP_STATE",
    "COUNTRY_COLOURS",
    "DEFAULT_COMPARE",
    "DEFAULT_COUNTRY",
    "DEFAULT_EDITION",
    "EDITIONS",
    "UrlState",
    "alerts",
    "card",
    "comparator_picker",
    "country_colour",
    "country_label",
    "country_names",
    "country_options",
    "country_picker",
    "edition_position",
    "edition_slider",
    "edition_year",
    "error_alert",
    "friendly_error",
    "graph",
    "grid",
    "nav_hrefs",
    "navbar",
    "page",
    "parse_state",
    "query_string",
    "register_url_sync",
    "report_bytes",
    "report_controls",
    "stat",
    "url_location",
]

log = logging.getLogger("egov_assess.dashboard")

DEFAULT_COUNTRY = "AZE"
DEFAULT_COMPARE: tuple[str, ...] = ("SGP", "EST", "KOR", "KAZ", "GEO", "TUR")
DEFAULT_EDITION = 2024
#: id of the one shared ``dcc.Store`` (in ``app.py``) holding ``{"country", "compare", "edition"}``.
APP_STATE = "app-state"
#: id prefix of the navbar links (pattern-matching ids ``{"type": NAV_LINK, "index": module}``).
NAV_LINK = "nav-link"
#: keys of the query string shared by all pages (carried by the navbar links).
SHARED_KEYS = ("country", "compare", "edition")


# ----------------------------------------------------------------------------------------- countries
@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 → English name of every country or economy known to :func:`assess.countries` (cached).

    Examples
    --------
    >>> country_names()["AZE"]
    'Azerbaijan'
    """
    c = assess.countries()
    return dict(zip(c["iso3"], c["name"], strict=True))


@functools.lru_cache(maxsize=1)
def _un_members() -> tuple[str, ...]:
    c = assess.countries(un_members_only=True)
    return tuple(c.sort_values("name")["iso3"])


def country_label(iso3: str) -> str:
    """``"Azerbaijan (AZE)"`` for a code, the code itself when unknown.

    Examples
    --------
    >>> country_label("SGP"), country_label("XXX")
    ('Singapore (SGP)', 'XXX')
    """
    if not isinstance(iso3, str):
        iso3 = str(iso3)
    name = country_names().get(iso3)
    return f"{name} ({iso3})" if name else (iso3 if len(iso3) <= 40 else iso3[:40] + "…")


def country_options(codes: Iterable[str] | None = None) -> list[dict]:
    """Dropdown options ``{"label": "Azerbaijan (AZE)", "value": "AZE"}`` sorted by name.

    Parameters
    ----------
    codes : iterable of str, optional
        The codes to offer (default: the 193 UN member states).
    """
    names = country_names()
    codes = _un_members() if codes is None else codes
    return sorted(({"label": country_label(c), "value": c, "search": f"{names.get(c, c)} {c}"} for c in codes),
                  key=lambda o: o["label"])


# ----------------------------------------------------------------------------------------- URL state
@dataclass(frozen=True)
class UrlState:
    """The shared state a page reads from its query string (already validated)."""

    country: str = DEFAULT_COUNTRY
    compare: tuple[str, ...] = DEFAULT_COMPARE
    edition: int = DEFAULT_EDITION
    extra: Mapping[str, str] = field(default_factory=dict)

    def query(self, **changes) -> str:
        """The query string of this state (``"?country=AZE&compare=SGP,EST&edition=2024"``)."""
        values = {"country": self.country, "compare": list(self.compare), "edition": self.edition,
                  **self.extra, **changes}
        return query_string(**values)


def _codes(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [str(v).strip().upper() for v in value if str(v).strip()]


def parse_state(country=None, compare=None, edition=None, *, editions: Iterable[int] = EDITIONS,
                **extra) -> tuple[UrlState, list[str]]:
    """Validate query-string values; return the state and a list of friendly problems.

    Unknown or missing values fall back to the defaults (Azerbaijan; Singapore, Estonia, Korea,
    Kazakhstan, Georgia, Türkiye; 2024) and each problem is reported once, in words.

    Examples
    --------
    >>> s, problems = parse_state(country="xxx", compare="SGP,EST", edition="2022")
    >>> s.country, s.compare, s.edition
    ('AZE', ('SGP', 'EST'), 2022)
    >>> problems
    ["Unknown country code 'XXX'. Pick a country from the list."]
    >>> parse_state(edition="1999")[1]
    ['No edition 1999. Showing 2024; editions are 2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024.']
    """
    names = country_names()
    problems: list[str] = []
    code = (_codes(country) or [DEFAULT_COUNTRY])[0]
    if code not in names:
        problems.append(f"Unknown country code '{code}'. Pick a country from the list.")
        code = DEFAULT_COUNTRY
    if compare is None:
        comp = list(DEFAULT_COMPARE)
    else:
        comp = []
        for c in _codes(compare):
            if c not in names:
                problems.append(f"Unknown country code '{c}' in the comparison. It was left out.")
            elif c not in comp:
                comp.append(c)
    editions = tuple(int(e) for e in editions)
    ed = DEFAULT_EDITION if DEFAULT_EDITION in editions else editions[-1]
    if edition not in (None, ""):
        try:
            e = int(str(edition).strip())
        except ValueError:
            e = None
        if e in editions:
            ed = e
        else:
            problems.append(f"No edition {edition}. Showing {ed}; editions are {', '.join(map(str, editions))}.")
    return UrlState(code, tuple(comp), ed, {k: str(v) for k, v in extra.items() if v is not None}), problems


def query_string(**values) -> str:
    """Build a query string; lists become comma-separated, ``None`` and empty values are left out.

    Examples
    --------
    >>> query_string(country="AZE", compare=["SGP", "EST"], edition=2024, empty=None)
    '?country=AZE&compare=SGP,EST&edition=2024'
    """
    pairs = []
    for k, v in values.items():
        if v is None or v == "" or v == []:
            continue
        if isinstance(v, list | tuple):
            v = ",".join(map(str, v))
        pairs.append((k, str(v)))
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def _parse_search(search: str | None) -> dict[str, str]:
    return dict(parse_qsl((search if isinstance(search, str) else "").lstrip("?"), keep_blank_values=False))


# ----------------------------------------------------------------------------------------- request values
# A callback receives whatever the request carries: a list where a text was expected, a dict, a huge
# number. These turn a value into what the page offers, or into None / the default, so callbacks never
# crash on hostile values (tests/test_fuzz.py posts them to every callback).
def request_text(value, default: str | None = None, *, limit: int = 200) -> str | None:
    """*value* when it is a text of at most *limit* characters, else *default*.

    Examples
    --------
    >>> request_text("egdi"), request_text(["egdi"]), request_text("x" * 500, "egdi")
    ('egdi', None, 'egdi')
    """
    return value if isinstance(value, str) and len(value) <= limit else default


def request_code(value, default: str | None = None) -> str | None:
    """A known ISO3 code (upper-cased) from a request value, else *default*.

    Examples
    --------
    >>> request_code("aze"), request_code("XXX"), request_code({"x": 1}, "AZE")
    ('AZE', None, 'AZE')
    """
    if isinstance(value, str) and value.strip().upper() in country_names():
        return value.strip().upper()
    return default


def request_codes(value) -> list[str]:
    """Known ISO3 codes from a list or a comma-separated text (anything else is dropped), each once.

    Examples
    --------
    >>> request_codes(["SGP", "xxx", 3, "EST", "SGP"]), request_codes("sgp,est"), request_codes({"a": 1})
    (['SGP', 'EST'], ['SGP', 'EST'], [])
    """
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list | tuple) else []
    out: list[str] = []
    for item in items[:500]:
        code = request_code(item)
        if code and code not in out:
            out.append(code)
    return out


def request_choice(value, choices, default=None):
    """*value* when it is one of *choices* (compared as texts or numbers, never hashed), else *default*.

    Examples
    --------
    >>> request_choice("gap", ("type", "gap")), request_choice(["gap"], ("type", "gap"), "type")
    ('gap', 'type')
    """
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        for c in choices:
            if type(c) is type(value) and c == value:
                return c
    return default


#: query keys whose values are lists of ISO3 codes (upper-cased); other list values are kept as typed.
COUNTRY_LIST_KEYS = frozenset({"compare"})
#: the default control value of each shared key (what a page shows when the URL does not say).
SHARED_DEFAULTS = {"country": DEFAULT_COUNTRY, "compare": list(DEFAULT_COMPARE)}


def _shared_default(key: str):
    if key == "edition":
        return edition_position(DEFAULT_EDITION)
    return SHARED_DEFAULTS.get(key)


def _to_control(key: str, raw: str | None, current, default=None):
    """A query value → the control's value (lists for ``compare``, a slider position for ``edition``).

    A key missing from the URL (``raw is None``) gives *default*, the page's default for that key
    (shared keys have their own defaults), so going back to ``/data`` restores the default framework.
    Only country lists (:data:`COUNTRY_LIST_KEYS`) are upper-cased; other lists (``show=org,tech``)
    are split on commas as they are.

    Examples
    --------
    >>> _to_control("framework", None, "gtmi", "un_egdi"), _to_control("country", None, "EST")
    ('un_egdi', 'AZE')
    >>> _to_control("compare", "sgp,est", []), _to_control("show", "org,tech", ["org"])
    (['SGP', 'EST'], ['org', 'tech'])
    """
    if raw is None:
        if key in SHARED_KEYS:
            return _shared_default(key)
        return list(default) if isinstance(default, list | tuple) else default
    if key in COUNTRY_LIST_KEYS:
        return _codes(raw)
    if isinstance(current, list | tuple) or isinstance(default, list | tuple):
        return [v.strip() for v in raw.split(",") if v.strip()]
    if key == "edition":
        return edition_position(raw)
    if isinstance(current, int | float) and not isinstance(current, bool):
        try:
            return type(current)(raw)
        except ValueError:
            return current
    if key == "country":
        return raw.upper()
    return raw


def sync_url(keys: tuple[str, ...], search: str | None, values: list, triggered: str | None,
             url_id: str, defaults: Mapping | None = None, app_state: Mapping | None = None) -> tuple:
    """The body of the URL-sync callback (a plain function, tested directly).

    Returns ``(new_search, *control_values, app_state)``; ``dash.no_update`` where nothing changes.
    *defaults* maps each page-specific key to the control value shown when the URL lacks it (a value,
    or a function of the parsed query dict). The shared :data:`APP_STATE` gets the page's shared keys
    merged into *app_state* (``no_update`` for a page without shared keys).

    Examples
    --------
    >>> out = sync_url(("country",), "?country=AZE", ["EST"], "x-country", "x-url")
    >>> out[0], out[-1]
    ('?country=EST', {'country': 'EST'})
    >>> out = sync_url(("country",), "?country=SGP", ["EST"], "x-url", "x-url")
    >>> out[1], out[-1]
    ('SGP', {'country': 'SGP'})
    >>> sync_url(("framework",), "", ["gtmi"], "x-url", "x-url", {"framework": "un_egdi"})[1]
    'un_egdi'
    """
    current = _parse_search(search)
    search = search if isinstance(search, str) else ""
    app_state = app_state if isinstance(app_state, Mapping) else {}
    defaults = defaults or {}

    def default(k):
        d = defaults.get(k)
        return d(current) if callable(d) else d

    if triggered == url_id:  # back/forward or a link: the URL wins; a missing key is the page's default
        new_values = [_to_control(k, current.get(k), v, default(k)) for k, v in zip(keys, values, strict=True)]
        controls = [nv if nv != v else no_update for nv, v in zip(new_values, values, strict=True)]
    else:
        new_values, controls = values, [no_update] * len(values)
    state = {k: (edition_year(v) if k == "edition" else _plain(v)) for k, v in zip(keys, new_values, strict=True)}
    shared = {k: v for k, v in state.items() if k in SHARED_KEYS}
    store = {**(app_state or {}), **shared} if shared else no_update
    if triggered == url_id:
        return (no_update, *controls, store)
    merged = {**current, **{k: (",".join(map(str, v)) if isinstance(v, list) else v) for k, v in state.items()
                            if v is None or isinstance(v, str | int | float | list)}}
    new_search = query_string(**merged)
    if triggered is None or new_search == (search or ""):
        new_search = no_update
    return (new_search, *controls, store)


def _plain(v):
    if isinstance(v, tuple):
        return list(v)
    return v


def url_location(page: str) -> dcc.Location:
    """The page's own ``dcc.Location`` (id ``"<page>-url"``, ``refresh=False``: no reload on change)."""
    return dcc.Location(id=f"{page}-url", refresh=False)


def register_url_sync(page: str, *, defaults: Mapping | None = None, **controls: tuple[str, str]) -> None:
    """Keep the query string of *page* and its controls in sync (both ways).

    Parameters
    ----------
    page : str
        Page prefix; the page layout must contain :func:`url_location` ``(page)``.
    defaults : mapping, optional
        Page-specific key → the control value when the URL lacks that key (going back to ``/data``
        shows the default framework again), or a function of the parsed query dict. Required for
        every key that is not shared (``country``, ``compare``, ``edition`` have their own defaults).
    **controls : (component_id, property)
        Query key → the control holding it, e.g. ``country=("country-country", "value")``.
        ``compare`` values are lists of ISO3 codes; ``edition`` is an :func:`edition_slider` position
        (the URL holds the year); a key whose default is a list holds a comma-separated list; other
        keys strings.
    """
    keys = tuple(controls)
    defaults = dict(defaults or {})
    lacking = [k for k in keys if k not in SHARED_KEYS and k not in defaults]
    if lacking:
        raise ValueError(f"register_url_sync({page!r}): no default for {', '.join(lacking)}. "
                         "Expected defaults={key: value} for every page-specific key.")
    url_id = f"{page}-url"

    @callback(
        Output(url_id, "search"),
        *[Output(cid, prop) for cid, prop in controls.values()],
        Output(APP_STATE, "data", allow_duplicate=True),
        Input(url_id, "search"),
        *[Input(cid, prop) for cid, prop in controls.values()],
        State(APP_STATE, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def _sync(search, *values):
        *values, app_state = values
        trig = ctx.triggered_id if ctx.triggered else None
        if trig is not None and not isinstance(trig, str):
            trig = str(trig)
        return sync_url(keys, search, list(values), trig, url_id, defaults, app_state)

    _sync.__name__ = f"{page}_url_sync"


# ----------------------------------------------------------------------------------------- navbar
def _pages() -> list[dict]:
    return sorted(dash.page_registry.values(), key=lambda p: (p.get("order") or 0, p["name"]))


def nav_hrefs(state: Mapping | None) -> list[str]:
    """Navbar hrefs (registry order) carrying the shared state: ``/country?country=AZE&…``.

    Examples
    --------
    >>> nav_hrefs({"country": "EST"}) == [p["relative_path"] + "?country=EST" for p in _pages()]
    True
    """
    state = state if isinstance(state, Mapping) else {}
    values = {"country": request_code(state.get("country")), "compare": request_codes(state.get("compare")),
              "edition": edition_year(state.get("edition")) if state.get("edition") is not None else None}
    q = query_string(**{k: values.get(k) for k in SHARED_KEYS})
    return [p["relative_path"] + q for p in _pages()]


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
            dbc.Collapse(dbc.Nav(links, navbar=True, className="flex-wrap"), id="navbar-collapse", navbar=True,
                         is_open=False),
        ], fluid=True),
        color="dark", dark=True, className="mb-3", expand="lg",
    )


# ----------------------------------------------------------------------------------------- controls
def _labelled(label: str, control, control_id: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=control_id, className="fw-semibold mb-1"), control], className="mb-2")


def country_picker(id: str, value: str = DEFAULT_COUNTRY, *, label: str = "Country",
                   options: list[dict] | None = None, clearable: bool = False) -> html.Div:
    """A labelled, searchable single-country dropdown (value: ISO3)."""
    dd = dcc.Dropdown(id=id, options=options if options is not None else country_options(), value=value,
                      clearable=clearable, searchable=True, placeholder="Type a country name or code…")
    return _labelled(label, dd, id)


def comparator_picker(id: str, value: Iterable[str] = DEFAULT_COMPARE, *, label: str = "Compare with",
                      options: list[dict] | None = None) -> html.Div:
    """A labelled multi-country dropdown (value: list of ISO3)."""
    dd = dcc.Dropdown(id=id, options=options if options is not None else country_options(), value=list(value),
                      multi=True, searchable=True, placeholder="Add countries to compare…")
    return _labelled(label, dd, id)


def edition_slider(id: str, value: int = DEFAULT_EDITION, *, editions: Iterable[int] = EDITIONS,
                   label: str = "Edition") -> html.Div:
    """A labelled slider over survey editions; marks show every edition.

    The slider's ``value`` is the **position** of the edition in *editions* (0, 1, …), so the keyboard
    (arrow keys) moves from one edition to the next; read it with :func:`edition_year` in callbacks.
    :func:`register_url_sync` converts it to the year in the URL (``edition=2024``).
    """
    eds = [int(e) for e in editions]
    marks = {i: {"label": f"'{str(e)[2:]}" if len(eds) > 8 else str(e)} for i, e in enumerate(eds)}
    s = dcc.Slider(id=id, min=0, max=len(eds) - 1, step=1, value=edition_position(value, eds), marks=marks,
                   allow_direct_input=False,
                   included=False)
    return _labelled(label, s, id)


def edition_position(year, editions: Iterable[int] = EDITIONS) -> int:
    """Position of an edition year in *editions* (the nearest edition when *year* is not one).

    Examples
    --------
    >>> edition_position(2024), edition_position(2022), edition_position(2023)
    (11, 10, 10)
    """
    eds = [int(e) for e in editions]
    try:
        y = int(float(year))
    except (TypeError, ValueError, OverflowError):
        y = DEFAULT_EDITION
    return min(range(len(eds)), key=lambda i: (abs(eds[i] - y), -eds[i] if eds[i] <= y else eds[i]))


def edition_year(value, editions: Iterable[int] = EDITIONS) -> int:
    """The edition year of an :func:`edition_slider` value (a position; a year is passed through).

    Examples
    --------
    >>> edition_year(11), edition_year(0), edition_year(2018), edition_year(None), edition_year("x"), edition_year([1])
    (2024, 2003, 2018, 2024, 2024, 2024)
    """
    eds = [int(e) for e in editions]
    if value is None:
        return DEFAULT_EDITION
    try:  # a slider sends a number; anything else a request may carry gets the default edition
        v = int(round(float(value)))
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_EDITION
    if v >= 1000:
        return eds[edition_position(v, eds)]
    return eds[min(max(v, 0), len(eds) - 1)]


# ----------------------------------------------------------------------------------------- messages
def error_alert(message, *, title: str | None = None, color: str = "warning", id: str | None = None,
                dismissable: bool = False) -> dbc.Alert:
    """A ``dbc.Alert`` with an optional bold title (``role="alert"`` for screen readers)."""
    children = [html.Strong(title + " "), message] if title else [message]
    kw = {"id": id} if id else {}
    return dbc.Alert(children, color=color, dismissable=dismissable, className="mb-3", **kw)


def alerts(messages: Iterable[str], *, color: str = "warning") -> html.Div:
    """One alert per message (e.g. the problems from :func:`parse_state`)."""
    return html.Div([error_alert(m, color=color) for m in messages])


def friendly_error(exc: BaseException) -> dbc.Alert:
    """Render an exception for the user: ``AssessError`` text as is, anything else generically.

    Examples
    --------
    >>> a = friendly_error(assess.ScoringError("what-if: 'XXX' was not assessed in 2024."))
    >>> a.color, "not assessed" in str(a.children)
    ('warning', True)
    >>> friendly_error(ZeroDivisionError("x")).color
    'danger'
    """
    if isinstance(exc, assess.AssessError):
        return error_alert(str(exc), title="Cannot show this:", color="warning")
    log.exception("dashboard callback failed", exc_info=exc)
    return error_alert(f"Something went wrong while computing this view ({type(exc).__name__}). "
                       "Try another selection; the error was logged.", title="Sorry.", color="danger")


# ----------------------------------------------------------------------------------------- layout
def page(prefix: str, title: str, *, lead: str | None = None, children=()) -> html.Div:
    """A page body: its :func:`url_location`, a heading, an optional lead paragraph, then *children*."""
    return html.Div([
        url_location(prefix),
        html.H1(title, className="h3 mb-1"),
        html.P(lead, className="text-body-secondary mb-3") if lead else None,
        *([children] if not isinstance(children, list | tuple) else children),
    ], id=f"{prefix}-page")


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


#: Plotly config of every graph; ``topojsonURL`` serves the world map from ``assets/`` (no CDN).
TOPOJSON_URL = "/assets/topojson/"
_GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "topojsonURL": TOPOJSON_URL,
                 "modeBarButtonsToRemove": ["lasso2d", "select2d"], "toImageButtonOptions": {"scale": 2}}


def graph(id: str, figure=None, **kw) -> dcc.Graph:
    """A ``dcc.Graph`` with the app's config (no plotly logo, responsive, hi-res PNG export)."""
    return dcc.Graph(id=id, figure=figure if figure is not None else {}, config=_GRAPH_CONFIG, **kw)


def grid(id: str, frame: pd.DataFrame | None = None, *, columns: list[dict] | None = None, height: int = 420,
         **kw) -> dag.AgGrid:
    """A sortable, filterable ``dash_ag_grid.AgGrid`` from a DataFrame (index dropped).

    Numbers are formatted to 4 decimals unless a column def says otherwise.
    """
    frame = frame if frame is not None else pd.DataFrame()
    if columns is None:
        columns = []
        for c in frame.columns:
            col = {"field": str(c), "headerName": str(c)}
            if pd.api.types.is_float_dtype(frame[c]):
                col["valueFormatter"] = {"function": "params.value == null ? '' : d3.format('.4f')(params.value)"}
                col["type"] = "rightAligned"
            columns.append(col)
    return dag.AgGrid(
        id=id, rowData=frame.to_dict("records"), columnDefs=columns,
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1, "minWidth": 90},
        dashGridOptions={"animateRows": False, "domLayout": "normal"},
        style={"height": f"{height}px"}, **kw,
    )


def nav_link_ids() -> list[dict]:
    """The pattern-matching ids of the navbar links (registry order)."""
    return [{"type": NAV_LINK, "index": p["module"]} for p in _pages()]


NAV_LINKS_ALL = {"type": NAV_LINK, "index": ALL}


# ----------------------------------------------------------------------------------------- ministry report
REPORT_LANGS = {"en": "English", "az": "Azərbaycanca"}


def report_controls(prefix: str, *, assessments: bool = False) -> html.Div:
    """"Download ministry report (Excel)" with an English/Azerbaijani choice and its ``dcc.Download``.

    Ids: ``"<prefix>-report-lang"`` (``en``/``az``), ``"<prefix>-report-button"``, ``"<prefix>-report"``
    (the download) and ``"<prefix>-report-message"`` (friendly errors). With *assessments*, also
    ``"<prefix>-report-assessment"``: a saved strategy assessment to put in the report (:func:`assessment_options`;
    pass its value to :func:`report_bytes` as ``assessment=``).
    """
    pick = []
    if assessments:
        pick = [dcc.Dropdown(id=f"{prefix}-report-assessment", options=assessment_options(), value=None,
                             placeholder="with a saved strategy assessment…", clearable=True,
                             style={"minWidth": "16rem"}, className="small me-1")]
    return html.Div([
        dbc.RadioItems(id=f"{prefix}-report-lang", value="en", inline=True, className="small me-2",
                       options=[{"label": v, "value": k} for k, v in REPORT_LANGS.items()]),
        *pick,
        dcc.Loading(dbc.Button("Download ministry report (Excel)", id=f"{prefix}-report-button", color="primary",
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

"""URL state of the dashboard: the query string ⇄ the pages' controls, and request values made safe.

The query string holds the state shared between pages: ``country`` (ISO3), ``compare``
(comma-separated ISO3 codes) and ``edition`` (UN survey year), plus any page-specific key.

* :func:`parse_state` turns the raw query values into a :class:`UrlState` and a list of friendly problems
  (unknown code → the default country and a message, never an exception).
* :func:`url_location` (one ``dcc.Location`` per page, id ``"<page>-url"``, ``refresh=False``) and
  :func:`register_url_sync` keep the query string and the page's controls in sync both ways. A value the URL
  carries goes through the same check as the page layout's (``valid=``), so the control shows what the alert
  says it falls back to — never an unknown value that blanks a dropdown.
* ``request_*`` turn any value a callback request may carry into what the page offers, or a default.

Every value echoed in a message is bounded (:func:`echo`): an over-long or markup value is shown cut, as text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from dash import Input, Output, State, callback, ctx, dcc, no_update

import assess
from assess.i18n import gettext_for
from assess.indices.published import EDITIONS

__all__ = ["APP_STATE", "DEFAULT_COMPARE", "DEFAULT_COUNTRY", "DEFAULT_EDITION", "EDITIONS", "SHARED_KEYS",
           "UrlState", "country_names", "echo", "edition_position", "edition_year", "parse_search", "parse_state",
           "query_string",
           "register_url_sync", "request_choice", "request_code", "request_codes", "request_text", "sync_url",
           "url_location"]

DEFAULT_COUNTRY = "AZE"
DEFAULT_COMPARE: tuple[str, ...] = ("SGP", "EST", "KOR", "KAZ", "GEO", "TUR")
DEFAULT_EDITION = 2024
#: id of the one shared ``dcc.Store`` (in ``app.py``) holding ``{"country", "compare", "edition"}``.
APP_STATE = "app-state"
#: keys of the query string shared by all pages (carried by the navbar links).
SHARED_KEYS = ("country", "compare", "edition")


@functools.lru_cache(maxsize=4)
def country_names(lang: str = "en") -> dict[str, str]:
    """ISO3 → name of every country or economy known to :func:`assess.countries`, in ``lang`` (the ``name_az``
    column in Azerbaijani, the English name where it has none; cached).

    Examples
    --------
    >>> country_names()["AZE"], country_names("az")["SGP"]
    ('Azerbaijan', 'Sinqapur')
    """
    c = assess.countries()
    names = dict(zip(c["iso3"], c["name"], strict=True))
    if lang == "az":
        names.update({k: v for k, v in zip(c["iso3"], c["name_az"], strict=True) if isinstance(v, str) and v})
    return names


def echo(value, limit: int = 40) -> str:
    """A request value as a message may show it: text, at most *limit* characters (then "…").

    Examples
    --------
    >>> echo("foo"), echo("x" * 100)[-3:], echo(["a"])
    ('foo', 'xx…', "['a']")
    """
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


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


def parse_state(country=None, compare=None, edition=None, *, editions: Iterable[int] = EDITIONS, lang: str = "en",
                **extra) -> tuple[UrlState, list[str]]:
    """Validate query-string values; return the state and a list of friendly problems (in ``lang``).

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
    >>> parse_state(compare="SGP,QQQ", lang="az")[1]
    ["Naməlum ölkə kodu 'QQQ' müqayisədən çıxarıldı."]
    """
    _ = gettext_for(lang)
    names = country_names()
    problems: list[str] = []
    code = (_codes(country) or [DEFAULT_COUNTRY])[0]
    if code not in names:
        problems.append(_("Unknown country code '{code}'. Pick a country from the list.", code=echo(code)))
        code = DEFAULT_COUNTRY
    if compare is None:
        comp = list(DEFAULT_COMPARE)
    else:
        comp = []
        for c in _codes(compare)[:50]:
            if c not in names:
                problems.append(_("Unknown country code '{code}' in the comparison. It was left out.", code=echo(c)))
            elif c not in comp:
                comp.append(c)
    editions = tuple(int(e) for e in editions)
    ed = DEFAULT_EDITION if DEFAULT_EDITION in editions else editions[-1]
    if edition not in (None, ""):
        try:
            e = int(str(edition).strip()) if len(str(edition)) <= 10 else None
        except ValueError:
            e = None
        if e in editions:
            ed = e
        else:
            problems.append(_("No edition {value}. Showing {year}; editions are {editions}.", value=echo(edition),
                              year=ed, editions=", ".join(map(str, editions))))
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


def parse_search(search: str | None) -> dict[str, str]:
    """The query string as ``{key: text}`` (bounded: at most 20,000 characters and 50 fields, else empty).

    Examples
    --------
    >>> parse_search("?country=AZE&osi=0.85"), parse_search("x" * 30_000)
    ({'country': 'AZE', 'osi': '0.85'}, {})
    """
    return _parse_search(search)


def _parse_search(search: str | None) -> dict[str, str]:
    text = search if isinstance(search, str) and len(search) <= 20_000 else ""
    try:
        return dict(parse_qsl(text.lstrip("?"), keep_blank_values=False, max_num_fields=50))
    except ValueError:  # more fields than any page has: nothing is read from it
        return {}


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


#: Longest text a URL value may hold for a page-specific key (longer → the page's default).
MAX_URL_VALUE = 200


def _to_control(key: str, raw: str | None, current, default=None, valid: Callable | None = None):
    """A query value → the control's value (lists for ``compare``, a slider position for ``edition``).

    A key missing from the URL (``raw is None``) gives *default*, the page's default for that key
    (shared keys have their own defaults), so going back to ``/data`` restores the default framework.
    A value the page does not offer falls back exactly as the page's layout says: an unknown country to
    the default country, unknown codes in ``compare`` left out, an unknown edition to the default edition, a
    page key through *valid* (``valid(raw)`` → the control value, or ``None`` for the default); without
    *valid*, a text over :data:`MAX_URL_VALUE` characters gives the default.
    Only country lists (:data:`COUNTRY_LIST_KEYS`) are upper-cased; other lists (``show=org,tech``)
    are split on commas as they are.

    Examples
    --------
    >>> _to_control("framework", None, "gtmi", "un_egdi"), _to_control("country", None, "EST")
    ('un_egdi', 'AZE')
    >>> _to_control("compare", "sgp,xxx,est", []), _to_control("show", "org,tech", ["org"])
    (['SGP', 'EST'], ['org', 'tech'])
    >>> _to_control("country", "<b>x</b>", "EST"), _to_control("edition", "1999", 3) == edition_position(2024)
    ('AZE', True)
    >>> _to_control("index", "foo", "egdi", "egdi", valid=lambda v: v if v in ("egdi", "osi") else None)
    'egdi'
    """
    if raw is None:
        if key in SHARED_KEYS:
            return _shared_default(key)
        return list(default) if isinstance(default, list | tuple) else default
    if key == "country":
        return request_code(raw, DEFAULT_COUNTRY)
    if key in COUNTRY_LIST_KEYS:
        return request_codes(raw)
    if key == "edition":
        year = raw.strip() if isinstance(raw, str) else raw
        return edition_position(int(year)) if isinstance(year, str) and year.isdigit() and len(year) == 4 and \
            int(year) in EDITIONS else _shared_default("edition")
    fallback = list(default) if isinstance(default, list | tuple) else default
    if valid is not None:
        v = valid(raw)
        return fallback if v is None else v
    if len(raw) > MAX_URL_VALUE:
        return fallback
    if isinstance(current, list | tuple) or isinstance(default, list | tuple):
        return [v.strip() for v in raw.split(",") if v.strip()]
    if isinstance(current, int | float) and not isinstance(current, bool):
        try:
            return type(current)(raw)
        except ValueError:
            return current
    return raw


def sync_url(keys: tuple[str, ...], search: str | None, values: list, triggered: str | None,
             url_id: str, defaults: Mapping | None = None, app_state: Mapping | None = None,
             valid: Mapping | None = None) -> tuple:
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
    valid = valid or {}

    def default(k):
        d = defaults.get(k)
        return d(current) if callable(d) else d

    if triggered == url_id:  # back/forward or a link: the URL wins; a missing key is the page's default
        new_values = [_to_control(k, current.get(k), v, default(k), valid.get(k))
                      for k, v in zip(keys, values, strict=True)]
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


def register_url_sync(page: str, *, defaults: Mapping | None = None, valid: Mapping | None = None,
                      **controls: tuple[str, str]) -> None:
    """Keep the query string of *page* and its controls in sync (both ways).

    Parameters
    ----------
    page : str
        Page prefix; the page layout must contain :func:`url_location` ``(page)``.
    defaults : mapping, optional
        Page-specific key → the control value when the URL lacks that key (going back to ``/data``
        shows the default framework again), or a function of the parsed query dict. Required for
        every key that is not shared (``country``, ``compare``, ``edition`` have their own defaults).
    valid : mapping, optional
        Page-specific key → ``check(raw text) -> control value or None`` (``None``: the default), the same
        check the page's layout applies, so a URL value falls back as the layout's alert says.
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
        return sync_url(keys, search, list(values), trig, url_id, defaults, app_state, valid)

    _sync.__name__ = f"{page}_url_sync"


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

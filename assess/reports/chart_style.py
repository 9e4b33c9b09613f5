"""The look shared by every chart: colour-blind-safe palettes, one colour per country, the light template,
and each chart's text alternative (:func:`describe`, :func:`summary`). :mod:`assess.reports.figures` re-exports
all of it.

Examples
--------
>>> country_colour("AZE"), country_colour("SGP")
('#D55E00', '#0072B2')
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import zlib
from collections.abc import Iterator, Mapping

import plotly.graph_objects as go
from plotly.basedatatypes import BaseFigure

__all__ = ["COUNTRY_COLOURS", "Draft", "as_dict", "GROUP_COLOURS", "MISSING_COLOUR", "OKABE_ITO", "REFERENCE_STYLES", "SEQUENTIAL",
           "TEMPLATE", "TOL_MUTED", "country_colour", "describe", "empty_figure", "layout", "nested",
           "sequential_colour", "sequential_stops", "summary", "trace", "unchecked_figures"]

#: Okabe & Ito (2008) colour-blind-safe palette (yellow left out: unreadable on white).
OKABE_ITO = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Paul Tol's "muted" qualitative palette (colour-blind safe).
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")

#: Fixed colours of the default comparison set; every other code gets :func:`country_colour`'s hash.
COUNTRY_COLOURS: dict[str, str] = {
    "AZE": "#D55E00",  # vermillion: the seed country
    "SGP": "#0072B2",  # blue
    "EST": "#009E73",  # bluish green
    "KOR": "#CC79A7",  # reddish purple
    "KAZ": "#E69F00",  # orange
    "GEO": "#56B4E9",  # sky blue
    "TUR": "#000000",  # black
    "DNK": "#332288",
    "FIN": "#117733",
    "GBR": "#882255",
    "USA": "#44AA99",
    "ARM": "#999933",
    "UZB": "#AA4499",
    "RUS": "#CC6677",
    "IRN": "#88CCEE",
}

#: UN EGDI groups, light to dark (sequential, colour-blind safe; from ColorBrewer "Blues").
GROUP_COLOURS = {"L": "#c6dbef", "M": "#6baed6", "H": "#2171b5", "VH": "#08306b",
                 "Low": "#c6dbef", "Middle": "#6baed6", "High": "#2171b5", "Very high": "#08306b"}

#: Reference series drawn next to countries (never a country colour).
REFERENCE_STYLES = {
    "region": {"color": "#777777", "dash": "dash"},
    "income": {"color": "#AAAAAA", "dash": "dot"},
    "leader": {"color": "#444444", "dash": "dashdot"},
    "world": {"color": "#BBBBBB", "dash": "longdash"},
}

_HASH_PALETTE = OKABE_ITO[1:] + TOL_MUTED
_AXIS = dict(gridcolor="#e5e5e5", zerolinecolor="#cfcfcf", linecolor="#cfcfcf", automargin=True)
#: A small white template (much lighter than ``plotly_white`` to build and to send).
TEMPLATE = go.layout.Template(layout=dict(paper_bgcolor="white", plot_bgcolor="white", xaxis=_AXIS, yaxis=_AXIS,
                                          colorway=list(OKABE_ITO)))
TEMPLATE_JSON = TEMPLATE.to_plotly_json()
_FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif", size=14)


def country_colour(iso3: str) -> str:
    """Return the colour of a country: fixed for the default set, a stable hash otherwise.

    Parameters
    ----------
    iso3 : str
        ISO 3166 alpha-3 code (any case).

    Examples
    --------
    >>> country_colour("EST")
    '#009E73'
    >>> country_colour("FRA") == country_colour("FRA") and country_colour("FRA").startswith("#")
    True
    """
    code = str(iso3).upper()
    if code in COUNTRY_COLOURS:
        return COUNTRY_COLOURS[code]
    return _HASH_PALETTE[zlib.crc32(code.encode()) % len(_HASH_PALETTE)]


#: The sequential, colour-blind-safe scale of the maps and of the model page's readiness colours.
SEQUENTIAL = "Viridis"
#: Fill of a value that is missing on a sequential scale (light grey, distinct from every Viridis colour).
MISSING_COLOUR = "#bdbdbd"


def sequential_colour(value, lo: float = 0.0, hi: float = 1.0) -> tuple[str, str]:
    """``(fill, text)`` colours of *value* on :data:`SEQUENTIAL` between *lo* and *hi*.

    The text colour is white on the dark end and near-black on the light end; a missing value gets
    :data:`MISSING_COLOUR` with dark text.

    Examples
    --------
    >>> sequential_colour(0.0), sequential_colour(1.0)[1], sequential_colour(float("nan"))
    (('rgb(68, 1, 84)', '#ffffff'), '#1f2d3d', ('#bdbdbd', '#1f2d3d'))
    """
    from plotly.colors import sample_colorscale

    try:
        v = float(value)
    except (TypeError, ValueError):
        v = float("nan")
    if v != v:
        return MISSING_COLOUR, "#1f2d3d"
    t = min(max((v - lo) / (hi - lo) if hi > lo else 0.0, 0.0), 1.0)
    return sample_colorscale(_sequential_scale(), [t])[0], "#ffffff" if t < 0.6 else "#1f2d3d"


@functools.cache
def _sequential_scale() -> list:
    """:data:`SEQUENTIAL` as ``[position, colour]`` pairs (a name is looked up among Plotly's scales at each use)."""
    from plotly.colors import get_colorscale

    return get_colorscale(SEQUENTIAL)


def sequential_stops(n: int = 6) -> list[str]:
    """*n* evenly spaced colours of :data:`SEQUENTIAL` (for a CSS gradient legend).

    Examples
    --------
    >>> sequential_stops(2)
    ['rgb(68, 1, 84)', 'rgb(253, 231, 37)']
    """
    from plotly.colors import sample_colorscale

    return sample_colorscale(SEQUENTIAL, [i / (n - 1) for i in range(n)])


#: Plotly's property names that contain an underscore (``error_x``, ``paper_bgcolor`` …, from Plotly itself); in any
#: other key an underscore is Plotly's "magic underscore", a path (``marker_line_color`` = ``marker.line.color``).
UNDERSCORE_NAMES = frozenset(BaseFigure._valid_underscore_properties)
#: Keys whose values are the chart's own data, not Plotly properties (never read as paths).
_FREE_FORM = frozenset({"meta", "customdata"})


def _path(key: str) -> list[str]:
    parts = key.split("_")
    out: list[str] = []
    for part in parts:
        if out and f"{out[-1]}_{part}" in UNDERSCORE_NAMES:
            out[-1] = f"{out[-1]}_{part}"
        else:
            out.append(part)
    return out if all(out) else [key]  # a leading, trailing or double underscore is not a path


_LEAVES = frozenset({str, int, float, bool, type(None)})
#: Short forms Plotly's checks write out in full (plotly.js 3 reads only the full forms): a title given as a
#: text is ``{"text": ...}``; a colour scale given by name is its list of ``[position, colour]``.
_SHORTHANDS = {"title": lambda text: {"text": text}, "colorscale": lambda name: _named_scale(name)}


@functools.cache
def _named_scale(name: str) -> list:
    from plotly.colors import get_colorscale

    return [list(stop) for stop in get_colorscale(name)]


def nested(props: Mapping) -> dict:
    """*props* with Plotly's magic-underscore keys written out as nested dicts, as plotly.js reads them, and a
    title given as a text or a colour scale given by name written out as Plotly's checks write them.

    Examples
    --------
    >>> nested({"marker_line_color": "#fff", "marker": {"size": 4}, "paper_bgcolor": "white",
    ...         "error_x_width": 2, "meta": {"a_b": 1}})
    {'marker': {'line': {'color': '#fff'}, 'size': 4}, 'paper_bgcolor': 'white', 'error_x': {'width': 2}, \
'meta': {'a_b': 1}}
    >>> n = nested({"yaxis_title": "EGDI", "colorscale": "Viridis"})
    >>> n["yaxis"], n["colorscale"][0], n["colorscale"][-1]
    ({'title': {'text': 'EGDI'}}, [0.0, '#440154'], [1.0, '#fde725'])
    """
    out: dict = {}
    for key, value in props.items():
        if type(value) in _LEAVES and "_" not in key and key not in _SHORTHANDS:  # most keys: nothing to do
            out[key] = value
            continue
        if key not in _FREE_FORM:
            if isinstance(value, Mapping):
                value = nested(value)
            elif isinstance(value, list | tuple) and value and all(isinstance(v, Mapping) for v in value):
                value = [nested(v) for v in value]
        path = _path(key) if "_" in key and key not in _FREE_FORM else [key]
        if isinstance(value, str) and path[-1] in _SHORTHANDS:
            value = _SHORTHANDS[path[-1]](value)
        for name in reversed(path[1:]):
            value = {name: value}
        _merge(out, {path[0]: value})
    return out


def _merge(into: dict, update: Mapping) -> dict:
    """Merge *update* into *into* as ``update_layout`` does: nested dicts merged, anything else replaced."""
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value
    return into


#: Whether :meth:`Draft.figure` has Plotly check the figure (``go.Figure``); see :func:`unchecked_figures`.
_CHECKED: contextvars.ContextVar[bool] = contextvars.ContextVar("egov_assess_checked_figures", default=True)


@contextlib.contextmanager
def unchecked_figures() -> Iterator[None]:
    """Within, :meth:`Draft.figure` returns the plain dict plotly.js reads instead of a checked ``go.Figure``.

    The dashboard serves every request within (``app.py``; ``EGOV_ASSESS_CHECK_FIGURES=1`` turns it off):
    Plotly's checks cost 2–3 ms a chart, about a third of a chart callback, and they find only what the tests
    already find, since the library, the reports and the tests build the same figures checked. The dict is what
    the checked figure sends: its keys are nested (:func:`nested`), and Dash's encoder writes its arrays.

    Examples
    --------
    >>> with unchecked_figures():
    ...     plain = Draft(trace("bar", x=[1], marker_color="red")).figure()
    >>> plain
    {'data': [{'type': 'bar', 'x': [1], 'marker': {'color': 'red'}}], 'layout': {}}
    >>> type(Draft().figure()).__name__
    'Figure'
    """
    token = _CHECKED.set(False)
    try:
        yield
    finally:
        _CHECKED.reset(token)


def as_dict(fig: go.Figure | dict) -> dict:
    """*fig* as the dict plotly.js reads: a ``go.Figure``'s ``to_plotly_json()``, a plain figure as it is.

    Examples
    --------
    >>> as_dict(go.Figure(layout={"height": 300}))["layout"]["height"]
    300
    >>> as_dict({"data": [], "layout": {}})
    {'data': [], 'layout': {}}
    """
    return fig if isinstance(fig, dict) else fig.to_plotly_json()


def _set(props: dict) -> dict:
    """*props* without the properties set to ``None`` (unset: Plotly's checks leave them out), at every level."""
    out = {}
    for key, value in props.items():
        if value is None:
            continue
        if isinstance(value, dict) and key not in _FREE_FORM:
            value = _set(value)
        elif isinstance(value, list) and value and isinstance(value[0], dict) and key not in _FREE_FORM:
            value = [_set(v) if isinstance(v, dict) else v for v in value]
        out[key] = value
    return out


def trace(kind: str, **props) -> dict:
    """A trace as a plain dict (``trace("bar", x=..., marker_color=...)``, keys nested as plotly.js reads them):
    checked once, when :meth:`Draft.figure` builds the figure, not property by property.

    Examples
    --------
    >>> trace("bar", x=[1], y=[2], marker_color="red")
    {'type': 'bar', 'x': [1], 'y': [2], 'marker': {'color': 'red'}}
    """
    return {"type": kind, **nested(props)}


class Draft:
    """A figure being built, as plain dicts; :meth:`figure` validates it once and returns the ``go.Figure``.

    It has the few ``go.Figure`` methods the builders use (``add_trace``, ``update_layout``, ``update_xaxes``,
    ``update_yaxes``, ``update_geos``, ``add_vline``, ``add_annotation``). Plotly validates every property as it is
    set, and an incremental build (a template, then five marker lines, then the axes…) validated the whole layout
    again at each step: 20–30 ms per chart. A draft builds the same figure in 2–5 ms.

    Examples
    --------
    >>> d = Draft(trace("scatter", x=[2022, 2024], y=[0.7, 0.8], name="AZE"))
    >>> _ = d.add_vline(x=2024, line_dash="dot").update_yaxes(title="EGDI", range=[0, 1])
    >>> fig = d.figure()
    >>> fig.data[0].name, fig.layout.shapes[0].line.dash, fig.layout.yaxis.title.text
    ('AZE', 'dot', 'EGDI')
    """

    def __init__(self, data=None) -> None:
        items = [] if data is None else (list(data) if isinstance(data, list | tuple) else [data])
        self.data: list = [self._plain(d) for d in items]
        self.layout: dict = {}

    @staticmethod
    def _plain(item):
        return item.to_plotly_json() if hasattr(item, "to_plotly_json") else nested(item)

    def add_trace(self, item) -> Draft:
        self.data.append(self._plain(item))
        return self

    def update_layout(self, layout: Mapping | None = None, **props) -> Draft:
        _merge(self.layout, nested({**(layout or {}), **props}))
        return self

    def update_xaxes(self, **props) -> Draft:
        return self.update_layout(xaxis=props)

    def update_yaxes(self, **props) -> Draft:
        return self.update_layout(yaxis=props)

    def update_geos(self, **props) -> Draft:
        return self.update_layout(geo=props)

    def add_annotation(self, **props) -> Draft:
        self.layout.setdefault("annotations", []).append(nested(props))
        return self

    def add_vline(self, x, *, line: Mapping | None = None, annotation_text: str | None = None,
                  annotation_position: str = "top", **props) -> Draft:
        """A vertical line across the plot at *x* (``line_dash=``, ``line_color=``, ``line_width=`` or ``line=``)."""
        style = dict(line or {})
        style.update({k.removeprefix("line_"): v for k, v in props.items() if k.startswith("line_")})
        self.layout.setdefault("shapes", []).append({"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1,
                                                     "yref": "y domain", "line": style})
        if annotation_text:
            self.add_annotation(x=x, xref="x", y=1 if "top" in annotation_position else 0, yref="y domain",
                                text=annotation_text, showarrow=False,
                                yanchor="bottom" if "top" in annotation_position else "top")
        return self

    def figure(self) -> go.Figure | dict:
        """The ``go.Figure``, checked (an unknown property is an error, as with ``go.Figure``); within
        :func:`unchecked_figures`, the plain dict ``{"data": [...], "layout": {...}}``."""
        if not _CHECKED.get():
            return {"data": [_set(d) for d in self.data], "layout": _set(self.layout)}
        return go.Figure({"data": self.data, "layout": self.layout})


def describe(fig: go.Figure | Draft, summary: str) -> go.Figure:
    """Give *fig* its text alternative: ``layout.meta.summary`` (one or two sentences saying what it shows).

    The dashboard sets the title and this summary as the chart's ``aria-label`` (``assets/charts.js``).

    Examples
    --------
    >>> describe(go.Figure(), "Two bars.").layout.meta["summary"]
    'Two bars.'
    """
    if isinstance(fig, Draft):
        meta = fig.layout.get("meta") if isinstance(fig.layout.get("meta"), dict) else {}
        return fig.update_layout(meta={**meta, "summary": summary}).figure()
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, "summary": summary})
    return fig


def summary(fig: go.Figure) -> str:
    """The text alternative of a figure: its title and :func:`describe`'s summary.

    Examples
    --------
    >>> summary(describe(_layout(go.Figure(), "EGDI 2024"), "A map."))
    'EGDI 2024. A map.'
    """
    title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else ""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    return ". ".join(x for x in (title.rstrip("."), meta.get("summary", "")) if x)


def _layout(fig: go.Figure | Draft, title: str | None = None, *, height: int | None = None, **kw):
    fig.update_layout(
        template=TEMPLATE_JSON if isinstance(fig, Draft) else TEMPLATE,
        title=dict(text=title, x=0, xanchor="left", y=1, yref="container", yanchor="top", pad=dict(t=12),
                   font=dict(size=17)) if title else None,
        font=_FONT,
        margin=dict(l=10, r=10, t=80 if title else 30, b=10),
        height=height,
        hoverlabel=dict(font_size=14),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0),
        **kw,
    )
    return fig


def empty_figure(message: str = "Nothing to show.") -> go.Figure:
    """A blank figure carrying a message (for empty selections).

    Examples
    --------
    >>> empty_figure("Pick a country").layout.annotations[0].text
    'Pick a country'
    """
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font=dict(size=16, color="#555"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return describe(_layout(fig, height=300), message)


layout = _layout

"""The look shared by every chart: colour-blind-safe palettes, one colour per country, the light template,
and each chart's text alternative (:func:`describe`, :func:`summary`). :mod:`assess.reports.figures` re-exports
all of it.

Examples
--------
>>> country_colour("AZE"), country_colour("SGP")
('#D55E00', '#0072B2')
"""

from __future__ import annotations

import zlib

import plotly.graph_objects as go

__all__ = ["COUNTRY_COLOURS", "GROUP_COLOURS", "MISSING_COLOUR", "OKABE_ITO", "REFERENCE_STYLES", "SEQUENTIAL",
           "TEMPLATE", "TOL_MUTED", "country_colour", "describe", "empty_figure", "layout", "sequential_colour",
           "sequential_stops", "summary"]

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
    return sample_colorscale(SEQUENTIAL, [t])[0], "#ffffff" if t < 0.6 else "#1f2d3d"


def sequential_stops(n: int = 6) -> list[str]:
    """*n* evenly spaced colours of :data:`SEQUENTIAL` (for a CSS gradient legend).

    Examples
    --------
    >>> sequential_stops(2)
    ['rgb(68, 1, 84)', 'rgb(253, 231, 37)']
    """
    from plotly.colors import sample_colorscale

    return sample_colorscale(SEQUENTIAL, [i / (n - 1) for i in range(n)])


def describe(fig: go.Figure, summary: str) -> go.Figure:
    """Give *fig* its text alternative: ``layout.meta.summary`` (one or two sentences saying what it shows).

    The dashboard sets the title and this summary as the chart's ``aria-label`` (``assets/charts.js``).

    Examples
    --------
    >>> describe(go.Figure(), "Two bars.").layout.meta["summary"]
    'Two bars.'
    """
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


def _layout(fig: go.Figure, title: str | None = None, *, height: int | None = None, **kw) -> go.Figure:
    fig.update_layout(
        template=TEMPLATE,
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

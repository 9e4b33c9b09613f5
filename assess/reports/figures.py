"""Plotly figure builders for the dashboard and the notebooks (``go.Figure`` only, no Dash).

Every builder takes plain pandas objects that :mod:`assess` already computed and returns a
``plotly.graph_objects.Figure``; none of them computes a score. Colours are consistent across
figures: :func:`country_colour` gives each ISO3 code one colour from a colour-blind-safe palette
(Okabe–Ito, then Paul Tol's "muted"), with fixed colours for the default comparison set, and
reference series (region, income group, leader) use greys and dash patterns so they never look
like a country.

Examples
--------
>>> country_colour("AZE"), country_colour("SGP")
('#D55E00', '#0072B2')
>>> country_colour("aze") == country_colour("AZE")
True
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

__all__ = [
    "COUNTRY_COLOURS",
    "GROUP_COLOURS",
    "MISSING_COLOUR",
    "OKABE_ITO",
    "REFERENCE_STYLES",
    "SEQUENTIAL",
    "STATUS_COLOURS",
    "TOL_MUTED",
    "choropleth",
    "component_bars",
    "country_colour",
    "empty_figure",
    "gap_waterfall",
    "sequential_colour",
    "sequential_stops",
    "group_distribution",
    "group_averages",
    "rank_intervals",
    "rank_trajectories",
    "realisation_timeline",
    "sensitivity_bars",
    "trend",
    "whatif_bars",
]

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
    return _layout(fig, height=300)


def choropleth(values: pd.Series, *, names: Mapping[str, str] | pd.Series | None = None, title: str | None = None,
               label: str = "score", highlight: Iterable[str] = (), range_color: Sequence[float] | None = (0, 1),
               height: int = 480) -> go.Figure:
    """World map of one value per ISO3 code.

    Parameters
    ----------
    values : pandas.Series
        Index ISO3, values to colour by (NaN countries are left grey).
    names : mapping, optional
        ISO3 → country name for the hover text.
    title : str, optional
    label : str
        Name of the value in the colour bar and hover.
    highlight : iterable of str
        ISO3 codes outlined in their country colour.
    range_color : (float, float) or None
        Colour scale range; ``None`` uses the data range.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = choropleth(pd.Series({"AZE": 0.76, "SGP": 0.97}), title="EGDI 2024", highlight=["AZE"])
    >>> fig.layout.title.text, list(fig.data[0].locations)
    ('EGDI 2024', ['AZE', 'SGP'])
    """
    v = pd.Series(values, dtype=float).dropna()
    nm = pd.Series(names if names is not None else {}, dtype=object).reindex(v.index).fillna(pd.Series(v.index, v.index))
    fig = go.Figure(go.Choropleth(
        locations=list(v.index), z=v.to_numpy(), text=nm.to_numpy(), locationmode="ISO-3",
        colorscale=SEQUENTIAL, reversescale=False,
        zmin=None if range_color is None else range_color[0], zmax=None if range_color is None else range_color[1],
        marker_line_color="white", marker_line_width=0.4,
        colorbar=dict(title=dict(text=label), thickness=14, len=0.8),
        hovertemplate="%{text} (%{location})<br>" + label + " %{z:.4f}<extra></extra>",
    ))
    hl = [c for c in highlight if c in v.index]
    if hl:
        fig.add_trace(go.Choropleth(
            locations=hl, z=[1] * len(hl), locationmode="ISO-3", showscale=False,
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            marker_line_color=[country_colour(c) for c in hl], marker_line_width=2.5, hoverinfo="skip",
        ))
    fig.update_geos(showframe=False, showcoastlines=False, projection_type="natural earth",
                    showcountries=True, countrycolor="#ddd", bgcolor="rgba(0,0,0,0)", lataxis_range=[-58, 85])
    return _layout(fig, title, height=height)


def group_distribution(groups: pd.Series, *, order: Sequence[str] = ("VH", "H", "M", "L"),
                       labels: Mapping[str, str] | None = None, title: str | None = None,
                       highlight: Mapping[str, str] | None = None) -> go.Figure:
    """Bar chart of how many countries fall in each group.

    Parameters
    ----------
    groups : pandas.Series
        Group id per country (``VH``, ``H``, ``M``, ``L`` or GTMI ``A``–``D``).
    order : sequence of str
        Group ids, best first.
    labels : mapping, optional
        Group id → display name.
    highlight : mapping, optional
        ISO3 → group id of countries to annotate on their bar.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = group_distribution(pd.Series({"AZE": "VH", "SGP": "VH", "AFG": "L"}))
    >>> list(fig.data[0].y)
    [2, 0, 0, 1]
    """
    counts = pd.Series(groups).value_counts().reindex(list(order), fill_value=0)
    names = [(labels or {}).get(g, g) for g in order]
    colours = [GROUP_COLOURS.get(g, "#6baed6") for g in order]
    fig = go.Figure(go.Bar(x=names, y=counts.to_list(), marker_color=colours, text=counts.to_list(),
                           textposition="outside", hovertemplate="%{x}: %{y} countries<extra></extra>"))
    for iso3, g in (highlight or {}).items():
        if g in order:
            fig.add_annotation(x=names[list(order).index(g)], y=counts[g], text=f"▼ {iso3}", showarrow=False,
                               yshift=34, font=dict(color=country_colour(iso3), size=13))
    fig.update_yaxes(title="countries", rangemode="tozero", range=[0, max(int(counts.max()), 1) * 1.3])
    return _layout(fig, title, height=320, showlegend=False)


def group_averages(table: pd.DataFrame, *, value: str = "mean", label: str = "score", title: str | None = None,
                   reference: float | None = None, reference_label: str = "") -> go.Figure:
    """Horizontal bars of averages by region or income group.

    Parameters
    ----------
    table : pandas.DataFrame
        Index group name; a column *value* (and optionally ``n``).
    reference : float, optional
        A vertical line (e.g. the chosen country's score).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"mean": [0.8, 0.5], "n": [44, 54]}, index=["Europe", "Africa"])
    >>> list(group_averages(t).data[0].y)
    ['Africa', 'Europe']
    """
    t = table.sort_values(value)
    n = t["n"].astype(int).astype(str).radd("n=").to_list() if "n" in t else None
    fig = go.Figure(go.Bar(x=t[value], y=list(t.index.astype(str)), orientation="h", marker_color="#0072B2",
                           text=[f"{x:.3f}" for x in t[value]], textposition="auto", customdata=n,
                           hovertemplate="%{y}: %{x:.4f}" + (" (%{customdata})" if n else "") + "<extra></extra>"))
    if reference is not None and np.isfinite(reference):
        fig.add_vline(x=reference, line_color=COUNTRY_COLOURS["AZE"] if not reference_label else
                      country_colour(reference_label), line_width=2, line_dash="dash",
                      annotation_text=reference_label, annotation_position="top")
    fig.update_xaxes(title=label, rangemode="tozero")
    return _layout(fig, title, height=60 + 34 * len(t), showlegend=False)



def _country_line(fig: go.Figure, iso3, s: pd.Series, value_format: str) -> None:
    """One country's series over editions, in its fixed colour."""
    fig.add_trace(go.Scatter(x=list(s.index), y=s.to_list(), name=str(iso3), mode="lines+markers",
                             line=dict(color=country_colour(iso3), width=3), marker=dict(size=8),
                             hovertemplate=f"{iso3} %{{x}}: {value_format}<extra></extra>"))


def _method_breaks(fig: go.Figure, breaks) -> None:
    """A dotted line and a ⚑ (with the note on hover) at each edition where the method changed."""
    for year, note in (breaks or {}).items():
        fig.add_vline(x=year, line_dash="dot", line_color="#999", line_width=1)
        fig.add_annotation(x=year, y=1, yref="paper", text="⚑", hovertext=f"{year}: {note}", showarrow=False,
                           yanchor="bottom", font=dict(size=13, color="#666"))

def trend(series: Mapping[str, pd.Series] | pd.DataFrame, *, title: str | None = None, label: str = "score",
          breaks: Mapping[int, str] | None = None, references: Mapping[str, pd.Series] | None = None,
          yrange: Sequence[float] | None = (0, 1)) -> go.Figure:
    """Line chart of scores over editions, one line per country, with method-break markers.

    Parameters
    ----------
    series : mapping of str to Series, or DataFrame
        ISO3 → values indexed by year (or a DataFrame with one column per ISO3).
    breaks : mapping, optional
        Year → short note; drawn as dotted vertical lines with the note on hover.
    references : mapping, optional
        ``"region"``/``"income"``/``"leader"``/``"world"`` (or any name) → Series by year, drawn grey and dashed.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = trend({"AZE": pd.Series({2022: 0.75, 2024: 0.76})}, breaks={2024: "TII set changed"})
    >>> fig.data[0].name, len(fig.layout.shapes)
    ('AZE', 1)
    """
    data = dict(series.items()) if isinstance(series, Mapping) else {c: series[c] for c in series.columns}
    fig = go.Figure()
    for name, s in (references or {}).items():
        s = pd.Series(s, dtype=float).dropna()
        style = REFERENCE_STYLES.get(name.split(":")[0].strip().lower(), REFERENCE_STYLES["world"])
        fig.add_trace(go.Scatter(x=list(s.index), y=s.to_list(), name=name, mode="lines",
                                 line=dict(color=style["color"], dash=style["dash"], width=2),
                                 hovertemplate=name + " %{x}: %{y:.4f}<extra></extra>"))
    for iso3, s in data.items():
        _country_line(fig, iso3, pd.Series(s, dtype=float).dropna(), "%{y:.4f}")
    _method_breaks(fig, breaks)
    fig.update_xaxes(title="edition", dtick=2, tickformat="d")
    fig.update_yaxes(title=label, range=list(yrange) if yrange else None)
    _layout(fig, title, height=400, hovermode="x unified")
    return fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0))


def component_bars(table: pd.DataFrame, *, title: str | None = None, label: str = "score",
                   names: Mapping[str, str] | None = None) -> go.Figure:
    """Grouped bars: one group per component, one bar per series (country or reference).

    Parameters
    ----------
    table : pandas.DataFrame
        Index = series (ISO3 codes or reference names like ``"Region: Asia"``), columns = components.
    names : mapping, optional
        Component id → display name.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"osi": [0.74, 0.99], "hci": [0.8, 0.9]}, index=["AZE", "Leader: DNK"])
    >>> [d.name for d in component_bars(t).data]
    ['AZE', 'Leader: DNK']
    """
    fig = go.Figure()
    cols = list(table.columns)
    x = [(names or {}).get(c, c.upper()) for c in cols]
    for name, row in table.iterrows():
        key = str(name)
        ref = key.split(":")[0].strip().lower()
        if ref in REFERENCE_STYLES:
            style = REFERENCE_STYLES[ref]
            marker = dict(color=style["color"], pattern=dict(
                shape="/" if ref == "region" else ("." if ref == "income" else "x"), fgcolor="white",
                fillmode="overlay", solidity=0.25))
        else:
            marker = dict(color=country_colour(key))
        fig.add_trace(go.Bar(x=x, y=row.to_list(), name=key, marker=marker,
                             hovertemplate=key + " %{x}: %{y:.4f}<extra></extra>"))
    fig.update_yaxes(title=label, range=[0, 1.05])
    return _layout(fig, title, height=380, barmode="group")


def rank_trajectories(ranks: pd.DataFrame, *, title: str | None = None,
                      breaks: Mapping[int, str] | None = None) -> go.Figure:
    """Rank over editions, one line per country, rank 1 on top.

    Parameters
    ----------
    ranks : pandas.DataFrame
        Index year, one column per ISO3 code.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = rank_trajectories(pd.DataFrame({"AZE": [68, 74]}, index=[2022, 2024]))
    >>> fig.layout.yaxis.autorange
    'reversed'
    """
    fig = go.Figure()
    for iso3 in ranks.columns:
        _country_line(fig, iso3, ranks[iso3].dropna(), "rank %{y}")
    _method_breaks(fig, breaks)
    fig.update_yaxes(title="rank (1 = best)", autorange="reversed")
    fig.update_xaxes(title="edition", dtick=2, tickformat="d")
    _layout(fig, title, height=400, hovermode="x unified")
    return fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0))


def gap_waterfall(contributions: pd.Series, *, start: float, end: float, start_label: str = "country",
                  end_label: str = "comparator", title: str | None = None,
                  names: Mapping[str, str] | None = None) -> go.Figure:
    """Waterfall from one country's score to a comparator's, one step per component contribution.

    Parameters
    ----------
    contributions : pandas.Series
        Component id → contribution to the score gap (they should sum to ``end - start``).
    start, end : float
        The two scores.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = gap_waterfall(pd.Series({"osi": 0.08, "tii": 0.05}), start=0.76, end=0.89,
    ...                     start_label="AZE", end_label="EST")
    >>> list(fig.data[0].measure)
    ['absolute', 'relative', 'relative', 'total']
    """
    c = pd.Series(contributions, dtype=float)
    x = [start_label] + [(names or {}).get(k, str(k).upper()) for k in c.index] + [end_label]
    y = [start, *c.to_list(), end]
    text = [f"{start:.4f}"] + [f"{v:+.4f}" for v in c] + [f"{end:.4f}"]
    fig = go.Figure(go.Waterfall(
        x=x, y=y, measure=["absolute"] + ["relative"] * len(c) + ["total"], text=text, textposition="outside",
        increasing=dict(marker=dict(color="#009E73")), decreasing=dict(marker=dict(color="#D55E00")),
        totals=dict(marker=dict(color="#0072B2")), connector=dict(line=dict(color="#999", dash="dot")),
        hovertemplate="%{x}: %{text}<extra></extra>",
    ))
    lo, hi = min(start, end, start + c.cumsum().min()), max(start, end, start + c.cumsum().max())
    pad = max((hi - lo) * 0.35, 0.02)
    fig.update_yaxes(title="score", range=[max(lo - pad, 0), hi + pad])
    return _layout(fig, title, height=380, showlegend=False)


def whatif_bars(before: Mapping[str, float], after: Mapping[str, float], *, title: str | None = None,
                iso3: str = "AZE") -> go.Figure:
    """Before/after bars of a what-if (components and index).

    Examples
    --------
    >>> fig = whatif_bars({"osi": 0.74, "egdi": 0.76}, {"osi": 0.85, "egdi": 0.80})
    >>> [d.name for d in fig.data]
    ['published', 'what-if']
    """
    keys = list(before)
    x = [k.upper() for k in keys]
    fig = go.Figure([
        go.Bar(x=x, y=[before[k] for k in keys], name="published", marker=dict(color="#BBBBBB"),
               text=[f"{before[k]:.4f}" for k in keys], textposition="outside"),
        go.Bar(x=x, y=[after[k] for k in keys], name="what-if", marker=dict(color=country_colour(iso3)),
               text=[f"{after[k]:.4f}" for k in keys], textposition="outside"),
    ])
    fig.update_yaxes(title="score", range=[0, 1.12])
    return _layout(fig, title, height=340, barmode="group")


def rank_intervals(table: pd.DataFrame, *, highlight: Iterable[str] = (), title: str | None = None,
                   names: Mapping[str, str] | None = None, max_rows: int | None = None) -> go.Figure:
    """Rank intervals (e.g. 5th–95th percentile over Monte Carlo runs) per country, sorted by median.

    Parameters
    ----------
    table : pandas.DataFrame
        Index ISO3; columns ``low``, ``median``, ``high`` (ranks) and optionally ``rank`` (published).
    highlight : iterable of str
        ISO3 codes drawn in their country colour and labelled; others are grey.
    max_rows : int, optional
        Keep the best *max_rows* by median (plus the highlighted countries).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"low": [1, 60], "median": [2, 74], "high": [4, 85]}, index=["DNK", "AZE"])
    >>> fig = rank_intervals(t, highlight=["AZE"])
    >>> [d.name for d in fig.data if d.showlegend]
    ['other countries', 'AZE']
    """
    t = table.sort_values(["median", "low"]).copy()
    hl = [c for c in highlight if c in t.index]
    if max_rows is not None and len(t) > max_rows:
        keep = list(t.index[:max_rows]) + [c for c in hl if c not in t.index[:max_rows]]
        t = t.loc[keep]
    nm = names or {}
    labels = [f"{nm.get(i, i)} ({i})" if i in hl else str(nm.get(i, i)) for i in t.index]
    y = list(range(len(t)))
    others = [k for k, i in enumerate(t.index) if i not in hl]
    fig = go.Figure()

    def _trace(rows, name, colour, width):
        xs, ys = [], []
        for k in rows:
            xs += [t["low"].iat[k], t["high"].iat[k], None]
            ys += [y[k], y[k], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=name, line=dict(color=colour, width=width),
                                 hoverinfo="skip", showlegend=True, legendgroup=name))
        fig.add_trace(go.Scatter(
            x=[t["median"].iat[k] for k in rows], y=[y[k] for k in rows], mode="markers", name=name,
            marker=dict(color=colour, size=7 if width < 3 else 11, line=dict(color="white", width=1)),
            customdata=[[labels[k], t["low"].iat[k], t["high"].iat[k]] for k in rows], showlegend=False,
            legendgroup=name,
            hovertemplate="%{customdata[0]}: median rank %{x}, interval %{customdata[1]}–%{customdata[2]}"
                          "<extra></extra>"))

    _trace(others, "other countries", "#BBBBBB", 2)
    for c in hl:
        _trace([list(t.index).index(c)], c, country_colour(c), 4)
    # lines first, then the markers on top (the markers carry the hover text)
    fig.data = tuple(d for d in fig.data if d.mode == "lines") + tuple(d for d in fig.data if d.mode == "markers")
    fig.update_yaxes(tickmode="array", tickvals=y, ticktext=labels, autorange="reversed",
                     showticklabels=len(t) <= 80, title=None)
    fig.update_xaxes(title="rank (1 = best)")
    return _layout(fig, title, height=max(360, min(22 * len(t), 2400)))


def sensitivity_bars(table: pd.DataFrame, *, title: str | None = None,
                     names: Mapping[str, str] | None = None) -> go.Figure:
    """Horizontal bars of first-order (``S1``) and total (``ST``) Sobol indices per assumption.

    Parameters
    ----------
    table : pandas.DataFrame
        Index = assumption; columns ``S1`` and ``ST`` (``*_conf`` columns become error bars).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"S1": [0.1, 0.3], "ST": [0.4, 0.5]}, index=["w_osi", "aggregate"])
    >>> [d.name for d in sensitivity_bars(t).data]
    ['first order (S1)', 'total (ST)']
    """
    t = table.sort_values("ST")
    y = [(names or {}).get(i, str(i)) for i in t.index]
    fig = go.Figure()
    for col, name, colour in (("S1", "first order (S1)", "#56B4E9"), ("ST", "total (ST)", "#0072B2")):
        err = dict(type="data", array=t[f"{col}_conf"].to_list(), color="#777") if f"{col}_conf" in t else None
        fig.add_trace(go.Bar(x=t[col].clip(lower=0), y=y, orientation="h", name=name, marker_color=colour,
                             error_x=err, hovertemplate="%{y}: %{x:.3f}<extra>" + name + "</extra>"))
    fig.update_xaxes(title="share of the variance of the output", rangemode="tozero")
    return _layout(fig, title, height=120 + 45 * len(t), barmode="group")


#: Colours of the realisation statuses (Okabe–Ito; unknown is the missing grey).
STATUS_COLOURS = {"realised": "#009E73", "partly": "#E69F00", "not": "#D55E00", "superseded": "#56B4E9",
                  "unknown": MISSING_COLOUR}


def realisation_timeline(history: pd.DataFrame, *, title: str | None = None, mark: int | None = None) -> go.Figure:
    """The status of each proposal element, year by year (one row per element, one cell per year).

    ``history`` is :func:`assess.model.realised.realisation_history` (``element, name, year, status``); ``mark`` a
    year to mark with a dashed line (the year the page shows). Long names are cut in the axis, whole in the hover.

    Examples
    --------
    >>> h = pd.DataFrame({"element": ["a", "a"], "name": ["A", "A"], "year": [2013, 2014], "status": ["not", "realised"]})
    >>> [(d.name, list(d.base)) for d in realisation_timeline(h).data]
    [('realised', [2013.5]), ('not', [2012.5])]
    """
    short = {n: n if len(n) <= 48 else n[:47] + "…" for n in dict.fromkeys(history["name"])}
    short = short if len(set(short.values())) == len(short) else {n: n for n in short}
    names = list(short.values())
    fig = go.Figure()
    for status, colour in STATUS_COLOURS.items():
        h = history[history["status"] == status]
        if len(h):
            fig.add_trace(go.Bar(x=[1] * len(h), base=(h["year"] - 0.5).to_list(), y=h["name"].map(short), name=status,
                                 orientation="h", marker=dict(color=colour, line=dict(color="white", width=1)),
                                 customdata=list(zip(h["name"], h["year"], strict=True)),
                                 hovertemplate="%{customdata[0]}, %{customdata[1]}: " + status + "<extra></extra>"))
    if mark is not None:
        fig.add_vline(x=mark, line=dict(color="#1f2d3d", dash="dash", width=1))
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1], title=None, tickfont=dict(size=12))
    fig.update_xaxes(dtick=1, title=None, range=[history["year"].min() - 0.6, history["year"].max() + 0.6])
    return _layout(fig, title, height=110 + 19 * len(names), barmode="overlay", bargap=0.15)

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
    "describe",
    "empty_figure",
    "gtmi_bars",
    "gap_waterfall",
    "sequential_colour",
    "sequential_stops",
    "group_distribution",
    "group_averages",
    "rank_intervals",
    "rank_trajectories",
    "realisation_timeline",
    "sensitivity_bars",
    "summary",
    "trend",
    "whatif_bars",
]

from assess.i18n import format_number, t
from assess.reports.analysis_figures import (  # noqa: F401  (re-exported: the analysis pages' figures)
    GAP_STEP_COLOURS,
    gap_waterfall,
    rank_intervals,
    sensitivity_bars,
    whatif_bars,
)
from assess.reports.chart_style import (  # noqa: F401  (re-exported: the figures' look lives there)
    COUNTRY_COLOURS,
    GROUP_COLOURS,
    MISSING_COLOUR,
    OKABE_ITO,
    REFERENCE_STYLES,
    SEQUENTIAL,
    TEMPLATE,
    TOL_MUTED,
    Draft,
    _layout,
    as_dict,
    country_colour,
    describe,
    empty_figure,
    sequential_colour,
    sequential_stops,
    summary,
    trace,
)


def choropleth(values: pd.Series, *, names: Mapping[str, str] | pd.Series | None = None, title: str | None = None,
               label: str = "score", highlight: Iterable[str] = (), range_color: Sequence[float] | None = (0, 1),
               height: int = 480, not_assessed: Iterable[str] = (), not_assessed_label: str = "not assessed",
               decimals: int = 4, lang: str = "en") -> go.Figure:
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
    not_assessed : iterable of str
        ISO3 codes drawn in :data:`MISSING_COLOUR` with a legend entry *not_assessed_label*.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = choropleth(pd.Series({"AZE": 0.76, "SGP": 0.97}), title="EGDI 2024", highlight=["AZE"],
    ...                  not_assessed=["TUV"])
    >>> fig.layout.title.text, list(fig.data[0].locations), fig.data[1].name
    ('EGDI 2024', ['AZE', 'SGP'], 'not assessed')
    >>> summary(fig)
    'EGDI 2024. World map of EGDI 2024 for 2 countries, from 0.7600 (AZE) to 0.9700 (SGP); 1 not assessed.'
    """
    v = pd.Series(values, dtype=float).dropna()
    nm = pd.Series(names if names is not None else {}, dtype=object).reindex(v.index).fillna(pd.Series(v.index, v.index))
    fig = Draft(trace("choropleth",
        locations=list(v.index), z=v.to_numpy(), text=nm.to_numpy(), locationmode="ISO-3",
        colorscale=SEQUENTIAL, reversescale=False,
        zmin=None if range_color is None else range_color[0], zmax=None if range_color is None else range_color[1],
        marker_line_color="white", marker_line_width=0.4,
        colorbar=dict(title=dict(text=label), thickness=14, len=0.8),
        hovertemplate="%{text} (%{location})<br>" + label + f" %{{z:.{decimals}f}}<extra></extra>",
    ))
    missing = [c for c in not_assessed if c not in v.index]
    if missing:
        fig.add_trace(trace("choropleth",
            locations=missing, z=[0] * len(missing), locationmode="ISO-3", showscale=False, showlegend=True,
            name=not_assessed_label, colorscale=[[0, MISSING_COLOUR], [1, MISSING_COLOUR]],
            marker_line_color="white", marker_line_width=0.4,
            text=[str(pd.Series(names if names is not None else {}, dtype=object).get(c, c)) for c in missing],
            hovertemplate="%{text} (%{location}): " + not_assessed_label + "<extra></extra>"))
    hl = [c for c in highlight if c in v.index]
    if hl:
        fig.add_trace(trace("choropleth",
            locations=hl, z=[1] * len(hl), locationmode="ISO-3", showscale=False,
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            marker_line_color=[country_colour(c) for c in hl], marker_line_width=2.5, hoverinfo="skip",
        ))
    fig.update_geos(showframe=False, showcoastlines=False, projection_type="natural earth",
                    showcountries=True, countrycolor="#ddd", bgcolor="rgba(0,0,0,0)", lataxis_range=[-58, 85])
    _layout(fig, title, height=height)
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=0, xanchor="left", x=0,
                                  bgcolor="rgba(255,255,255,0.7)"))
    words = t("World map of {what} for {n} countries", lang, what=title or label, n=len(v))
    if len(v):
        lo, hi = v.idxmin(), v.idxmax()
        words += t(", from {low} ({lo}) to {high} ({hi})", lang, low=format_number(v[lo], lang, decimals),
                   lo=lo, high=format_number(v[hi], lang, decimals), hi=hi)
    return describe(fig, words + (f"; {len(missing)} {not_assessed_label}." if missing else "."))


def group_distribution(groups: pd.Series, *, order: Sequence[str] = ("VH", "H", "M", "L"),
                       labels: Mapping[str, str] | None = None, title: str | None = None,
                       highlight: Mapping[str, str] | None = None, lang: str = "en") -> go.Figure:
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
    fig = Draft(trace("bar", x=names, y=counts.to_list(), marker_color=colours, text=counts.to_list(),
                           textposition="outside",
                           hovertemplate="%{x}: %{y} " + t("countries", lang) + "<extra></extra>"))
    for iso3, g in (highlight or {}).items():
        if g in order:
            fig.add_annotation(x=names[list(order).index(g)], y=counts[g], text=f"▼ {iso3}", showarrow=False,
                               yshift=34, font=dict(color=country_colour(iso3), size=13))
    fig.update_yaxes(title=t("countries", lang), rangemode="tozero", range=[0, max(int(counts.max()), 1) * 1.3])
    words = ", ".join(f"{n}: {int(k)}" for n, k in zip(names, counts.to_list(), strict=True))
    return describe(_layout(fig, title, height=320, showlegend=False),
                    t("Countries per group: {list}.", lang, list=words))


def group_averages(table: pd.DataFrame, *, value: str = "mean", label: str = "score", title: str | None = None,
                   reference: float | None = None, reference_label: str = "", lang: str = "en") -> go.Figure:
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
    tab = table.sort_values(value)
    n = tab["n"].astype(int).astype(str).radd("n=").to_list() if "n" in tab else None
    fig = Draft(trace("bar", x=tab[value], y=list(tab.index.astype(str)), orientation="h", marker_color="#0072B2",
                           text=[format_number(x, lang, 3) for x in tab[value]], textposition="auto", customdata=n,
                           hovertemplate="%{y}: %{x:.4f}" + (" (%{customdata})" if n else "") + "<extra></extra>"))
    if reference is not None and np.isfinite(reference):
        fig.add_vline(x=reference, line_color=COUNTRY_COLOURS["AZE"] if not reference_label else
                      country_colour(reference_label), line_width=2, line_dash="dash",
                      annotation_text=reference_label, annotation_position="top")
    fig.update_xaxes(title=label, rangemode="tozero")
    words = ", ".join(f"{g} {format_number(v, lang, 3)}" for g, v in tab[value].iloc[::-1].items())
    ref = t("; the line marks {name} at {value}", lang, name=reference_label,
               value=format_number(reference, lang, 4)) if reference is not None and np.isfinite(reference) else ""
    return describe(_layout(fig, title, height=60 + 34 * len(tab), showlegend=False),
                    t("Average {label} by group, highest first: {list}{line}.", lang, label=label, list=words,
                         line=ref))



def _country_line(fig: go.Figure, iso3, s: pd.Series, value_format: str) -> None:
    """One country's series over editions, in its fixed colour."""
    fig.add_trace(trace("scatter", x=list(s.index), y=s.to_list(), name=str(iso3), mode="lines+markers",
                             line=dict(color=country_colour(iso3), width=3), marker=dict(size=8),
                             hovertemplate=f"{iso3} %{{x}}: {value_format}<extra></extra>"))


def _method_breaks(fig: go.Figure, breaks) -> None:
    """A dotted line and a ⚑ (with the note on hover) at each edition where the method changed."""
    for year, note in (breaks or {}).items():
        fig.add_vline(x=year, line_dash="dot", line_color="#999", line_width=1)
        fig.add_annotation(x=year, y=1, yref="paper", text="⚑", hovertext=f"{year}: {note}", showarrow=False,
                           yanchor="bottom", font=dict(size=13, color="#666"))

def trend(series: Mapping[str, pd.Series] | pd.DataFrame, *, title: str | None = None, label: str | None = None,
          breaks: Mapping[int, str] | None = None, references: Mapping[str, pd.Series] | None = None,
          yrange: Sequence[float] | None = (0, 1), series_names: Mapping[str, str] | None = None,
          lang: str = "en") -> go.Figure:
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
    label = t("score", lang) if label is None else label  # the y-axis title
    data = dict(series.items()) if isinstance(series, Mapping) else {c: series[c] for c in series.columns}
    fig = Draft()
    for key, s in (references or {}).items():
        s = pd.Series(s, dtype=float).dropna()
        style = REFERENCE_STYLES.get(key.split(":")[0].strip().lower(), REFERENCE_STYLES["world"])
        name = (series_names or {}).get(key, key)  # the key picks the style, the name is what readers see
        fig.add_trace(trace("scatter", x=list(s.index), y=s.to_list(), name=name, mode="lines",
                                 line=dict(color=style["color"], dash=style["dash"], width=2),
                                 hovertemplate=name + " %{x}: %{y:.4f}<extra></extra>"))
    for iso3, s in data.items():
        _country_line(fig, iso3, pd.Series(s, dtype=float).dropna(), "%{y:.4f}")
    _method_breaks(fig, breaks)
    fig.update_xaxes(title=t("edition", lang), dtick=2, tickformat="d")
    fig.update_yaxes(title=label, range=list(yrange) if yrange else None)
    _layout(fig, title, height=400, hovermode="x unified")
    words = "; ".join(f"{k}: " + ", ".join(f"{y} {format_number(v, lang, 4)}"
                                          for y, v in pd.Series(s, dtype=float).dropna().items())
                      for k, s in data.items())
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0))
    breaks_words = t(" Method breaks in {years}.", lang, years=", ".join(map(str, breaks))) if breaks else ""
    return describe(fig, t("{label} by edition.", lang, label=label) + f" {words}." + breaks_words)


def component_bars(table: pd.DataFrame, *, title: str | None = None, label: str | None = None,
                   names: Mapping[str, str] | None = None, series_names: Mapping[str, str] | None = None,
                   lang: str = "en") -> go.Figure:
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
    label = t("score", lang) if label is None else label  # the y-axis title
    fig = Draft()
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
        shown = (series_names or {}).get(key, key)  # the key picks the style, the name is what readers see
        fig.add_trace(trace("bar", x=x, y=row.to_list(), name=shown, marker=marker,
                             hovertemplate=shown + " %{x}: %{y:.4f}<extra></extra>"))
    fig.update_yaxes(title=label, range=[0, 1.05])
    words = "; ".join(f"{(series_names or {}).get(str(n), n)}: "
                      + ", ".join(f"{c.upper()} {format_number(v, lang, 3)}" for c, v in r.items() if pd.notna(v))
                      for n, r in table.iterrows())
    return describe(_layout(fig, title, height=380, barmode="group"),
                    t("Components by series.", lang) + f" {words}.")


def rank_trajectories(ranks: pd.DataFrame, *, title: str | None = None,
                      breaks: Mapping[int, str] | None = None, lang: str = "en") -> go.Figure:
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
    fig = Draft()
    for iso3 in ranks.columns:
        _country_line(fig, iso3, ranks[iso3].dropna(), t("rank", lang) + " %{y}")
    _method_breaks(fig, breaks)
    fig.update_yaxes(title=t("rank (1 = best)", lang), autorange="reversed")
    fig.update_xaxes(title=t("edition", lang), dtick=2, tickformat="d")
    _layout(fig, title, height=400, hovermode="x unified")
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0))
    words = "; ".join(f"{c}: " + ", ".join(f"{y} {int(v)}" for y, v in ranks[c].dropna().items()) for c in ranks.columns)
    return describe(fig, t("Published rank by edition (1 = best).", lang) + f" {words}.")


def gtmi_bars(table: pd.DataFrame, *, title: str | None = None, names: Mapping[str, str] | None = None,
              decimals: int = 3, lang: str = "en") -> go.Figure:
    """Grouped bars of the GTMI and its four components, one bar per row (a country, or an edition).

    Parameters
    ----------
    table : pandas.DataFrame
        Index = series (ISO3 codes or edition years), columns ``gtmi, cgsi, psdi, dcei, gtei``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"gtmi": [0.769], "cgsi": [0.92], "psdi": [0.97], "dcei": [0.38], "gtei": [0.8]},
    ...                  index=["AZE"])
    >>> [d.name for d in gtmi_bars(t, title="GTMI 2025").data], summary(gtmi_bars(t, title="GTMI 2025"))[:29]
    (['AZE'], 'GTMI 2025. GTMI and its compo')
    """
    fig = Draft()
    cols = [c for c in ("gtmi", "cgsi", "psdi", "dcei", "gtei") if c in table.columns]
    x = [(names or {}).get(c, c.upper()) for c in cols]
    greys = ("#9e9e9e", "#6f6f6f", "#3f3f3f")
    for k, (name, row) in enumerate(table.iterrows()):
        key = str(name)
        colour = country_colour(key) if len(key) == 3 and key.isalpha() else greys[k % len(greys)]
        fig.add_trace(trace("bar", x=x, y=row[cols].to_list(), name=key, marker=dict(color=colour),
                             hovertemplate=key + " %{x}: %{y:." + str(decimals) + "f}<extra></extra>"))
    fig.update_yaxes(title=t("score (0-1)", lang), range=[0, 1.05])
    _layout(fig, title, height=360, barmode="group")
    rows = "; ".join(f"{n}: GTMI {format_number(r['gtmi'], lang, decimals)}" for n, r in table.iterrows()
                     if pd.notna(r.get("gtmi")))
    return describe(fig, t("GTMI and its components CGSI, PSDI, DCEI, GTEI for {n} series.", lang, n=len(table))
                    + f" {rows}.")


#: Colours of the realisation statuses (Okabe–Ito; unknown is the missing grey).
STATUS_COLOURS = {"realised": "#009E73", "partly": "#E69F00", "not": "#D55E00", "superseded": "#56B4E9",
                  "unknown": MISSING_COLOUR}


def realisation_timeline(history: pd.DataFrame, *, title: str | None = None, mark: int | None = None,
                         lang: str = "en") -> go.Figure:
    """The status of each proposal element, year by year (one row per element, one cell per year).

    ``history`` is :func:`assess.model.realised.realisation_history` (``element, name, year, status``); ``mark`` a
    year to mark with a dashed line (the year the page shows). Long names are cut in the axis, whole in the hover.
    The statuses are named in ``lang`` (the names are the history's: ask it for them in ``lang``).

    Examples
    --------
    >>> h = pd.DataFrame({"element": ["a", "a"], "name": ["A", "A"], "year": [2013, 2014], "status": ["not", "realised"]})
    >>> [(d.name, list(d.base)) for d in realisation_timeline(h).data]
    [('realised', [2013.5]), ('not', [2012.5])]
    """
    from assess.model.realised import status_word

    short = {n: n if len(n) <= 48 else n[:47] + "…" for n in dict.fromkeys(history["name"])}
    short = short if len(set(short.values())) == len(short) else {n: n for n in short}
    names = list(short.values())
    fig = Draft()
    for status, colour in STATUS_COLOURS.items():
        h = history[history["status"] == status]
        if len(h):
            word = status_word(status, lang)
            fig.add_trace(trace("bar", x=[1] * len(h), base=(h["year"] - 0.5).to_list(), y=h["name"].map(short), name=word,
                                 orientation="h", marker=dict(color=colour, line=dict(color="white", width=1)),
                                 customdata=list(zip(h["name"], h["year"], strict=True)),
                                 hovertemplate="%{customdata[0]}, %{customdata[1]}: " + word + "<extra></extra>"))
    if mark is not None:
        fig.add_vline(x=mark, line=dict(color="#1f2d3d", dash="dash", width=1))
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1], title=None, tickfont=dict(size=12))
    fig.update_xaxes(dtick=1, title=None, range=[history["year"].min() - 0.6, history["year"].max() + 0.6])
    return _layout(fig, title, height=110 + 19 * len(names), barmode="overlay", bargap=0.15).figure()

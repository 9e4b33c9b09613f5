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

def trend(series: Mapping[str, pd.Series] | pd.DataFrame, *, title: str | None = None, label: str = "score",
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


def component_bars(table: pd.DataFrame, *, title: str | None = None, label: str = "score",
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
    fig = Draft()
    for iso3 in ranks.columns:
        _country_line(fig, iso3, ranks[iso3].dropna(), "rank %{y}")
    _method_breaks(fig, breaks)
    fig.update_yaxes(title="rank (1 = best)", autorange="reversed")
    fig.update_xaxes(title="edition", dtick=2, tickformat="d")
    _layout(fig, title, height=400, hovermode="x unified")
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0))
    words = "; ".join(f"{c}: " + ", ".join(f"{y} {int(v)}" for y, v in ranks[c].dropna().items()) for c in ranks.columns)
    return describe(fig, f"Published rank by edition (1 = best). {words}.")


#: Steps of a gap chart: the comparator ahead on a component (a gap to close), the country ahead. Greys with
#: a pattern, never a country colour: the country's colour means the country on every chart.
GAP_STEP_COLOURS = {"behind": "#6f6f6f", "ahead": "#c9c9c9"}


def gap_waterfall(contributions: pd.Series, *, start: float, end: float, start_label: str = "country",
                  end_label: str = "comparator", title: str | None = None,
                  names: Mapping[str, str] | None = None, start_colour: str | None = None,
                  end_colour: str | None = None, decimals: int = 4) -> go.Figure:
    """Bars from one country's score to a comparator's, one floating step per component contribution.

    The first bar is the country (in its colour), the last the comparator (in its colour, or dark grey for a
    reference such as the frontier); each step floats from the running total: dark grey when the comparator
    is ahead on that component, light grey and hatched when the country is. The y-axis starts at 0, so bar
    lengths compare honestly; each bar carries its value.

    Parameters
    ----------
    contributions : pandas.Series
        Component id → contribution to the score gap (they should sum to ``end - start``).
    start, end : float
        The two scores.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = gap_waterfall(pd.Series({"osi": 0.08, "tii": -0.05}), start=0.76, end=0.79,
    ...                     start_label="AZE", end_label="EST")
    >>> [d.name for d in fig.data], fig.layout.yaxis.range
    (['AZE', 'comparator ahead', 'country ahead', 'EST'], (0, 1.05))
    >>> list(fig.data[1].base), [round(b, 2) for b in fig.data[2].base]
    ([0.76], [0.79])
    """
    c = pd.Series(contributions, dtype=float)
    labels = [(names or {}).get(k, str(k).upper()) for k in c.index]
    running = start + c.cumsum().shift(fill_value=0.0)
    fig = Draft()
    fig.add_trace(trace("bar", x=[start_label], y=[start], name=start_label,
                         marker=dict(color=start_colour or country_colour(start_label)),
                         text=[f"{start:.{decimals}f}"], textposition="outside",
                         hovertemplate=f"{start_label}: {start:.{decimals}f}<extra></extra>"))
    for key, sign in (("behind", c >= 0), ("ahead", c < 0)):
        part = c[sign]
        if part.empty:
            continue
        fig.add_trace(trace("bar",
            x=[labels[list(c.index).index(k)] for k in part.index], y=part.abs().to_list(),
            base=[min(running[k], running[k] + part[k]) for k in part.index],
            name="comparator ahead" if key == "behind" else "country ahead",
            marker=dict(color=GAP_STEP_COLOURS[key],
                        pattern=dict(shape="/" if key == "ahead" else "", fgcolor="#ffffff", solidity=0.3)),
            text=[f"{v:+.{decimals}f}" for v in part], textposition="outside",
            hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.add_trace(trace("bar", x=[end_label], y=[end], name=end_label,
                         marker=dict(color=end_colour or (country_colour(end_label) if len(end_label) == 3 and
                                                          end_label.isupper() else "#444444")),
                         text=[f"{end:.{decimals}f}"], textposition="outside",
                         hovertemplate=f"{end_label}: {end:.{decimals}f}<extra></extra>"))
    top = max(start, end, float((start + c.cumsum()).max()) if len(c) else start)
    fig.update_yaxes(title="EGDI", range=(0, max(1.05, top * 1.1)))
    fig.update_xaxes(categoryorder="array", categoryarray=[start_label, *labels, end_label])
    _layout(fig, title, height=400, barmode="overlay", bargap=0.35)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, xanchor="left", x=0))
    steps = "; ".join(f"{lab} {v:+.{decimals}f}" for lab, v in zip(labels, c, strict=True))
    return describe(fig, f"From {start_label} at {start:.{decimals}f} to {end_label} at {end:.{decimals}f}: {steps}.")


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
    fig = Draft([
        trace("bar", x=x, y=[before[k] for k in keys], name="published", marker=dict(color="#BBBBBB"),
               text=[f"{before[k]:.4f}" for k in keys], textposition="outside"),
        trace("bar", x=x, y=[after[k] for k in keys], name="what-if", marker=dict(color=country_colour(iso3)),
               text=[f"{after[k]:.4f}" for k in keys], textposition="outside"),
    ])
    fig.update_yaxes(title="score", range=[0, 1.12])
    words = ", ".join(f"{k.upper()} {before[k]:.4f} → {after[k]:.4f}" for k in keys)
    return describe(_layout(fig, title, height=340, barmode="group"), f"Published and what-if values: {words}.")


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
    fig = Draft()

    def _trace(rows, name, colour, width):
        xs, ys = [], []
        for k in rows:
            xs += [t["low"].iat[k], t["high"].iat[k], None]
            ys += [y[k], y[k], None]
        fig.add_trace(trace("scatter", x=xs, y=ys, mode="lines", name=name, line=dict(color=colour, width=width),
                                 hoverinfo="skip", showlegend=True, legendgroup=name))
        fig.add_trace(trace("scatter",
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
    fig.data = [d for d in fig.data if d["mode"] == "lines"] + [d for d in fig.data if d["mode"] == "markers"]
    fig.update_yaxes(tickmode="array", tickvals=y, ticktext=labels, autorange="reversed",
                     showticklabels=len(t) <= 80, title=None)
    fig.update_xaxes(title="rank (1 = best)")
    return _layout(fig, title, height=max(360, min(22 * len(t), 2400))).figure()


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
    fig = Draft()
    for col, name, colour in (("S1", "first order (S1)", "#56B4E9"), ("ST", "total (ST)", "#0072B2")):
        err = dict(type="data", array=t[f"{col}_conf"].to_list(), color="#777") if f"{col}_conf" in t else None
        fig.add_trace(trace("bar", x=t[col].clip(lower=0), y=y, orientation="h", name=name, marker_color=colour,
                             error_x=err, hovertemplate="%{y}: %{x:.3f}<extra>" + name + "</extra>"))
    fig.update_xaxes(title="share of the variance of the output", rangemode="tozero")
    return _layout(fig, title, height=120 + 45 * len(t), barmode="group").figure()


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

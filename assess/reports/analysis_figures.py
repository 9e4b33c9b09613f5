"""Plotly figures of the analysis pages: the gap waterfall (Compare), what-if bars (What-if), rank intervals and
Sobol bars (Robustness). Re-exported by :mod:`assess.reports.figures`, like every figure builder.

Each takes ``lang`` (``"en"`` by default): legends, axis titles, hover texts, the numbers written on the bars and
the text alternative (:func:`assess.reports.chart_style.describe`) are in that language; Plotly writes the axes'
numbers with the page's separators (``ui.localise_figure``).

Examples
--------
>>> import pandas as pd
>>> fig = gap_waterfall(pd.Series({"osi": 0.08}), start=0.76, end=0.84, start_label="AZE", end_label="EST",
...                     lang="az")
>>> [d.name for d in fig.data], fig.data[0].text
(['AZE', 'müqayisə olunan öndədir', 'EST'], ('0,7600',))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from assess.i18n import format_number, t
from assess.reports.chart_style import Draft, _layout, country_colour, describe, trace

__all__ = ["GAP_STEP_COLOURS", "gap_waterfall", "rank_intervals", "sensitivity_bars", "whatif_bars"]


def _num(value: float, lang: str, decimals: int, *, sign: bool = False) -> str:
    """``value`` written in ``lang`` (``0,7607``), with its sign when ``sign`` (``+0,0800``, ``-0,0500``)."""
    text = format_number(abs(value) if sign else value, lang, decimals, group=False)
    return (("+" if value >= 0 else "-") + text) if sign else text


#: Steps of a gap chart: the comparator ahead on a component (a gap to close), the country ahead. Greys with
#: a pattern, never a country colour: the country's colour means the country on every chart.
GAP_STEP_COLOURS = {"behind": "#6f6f6f", "ahead": "#c9c9c9"}


def gap_waterfall(contributions: pd.Series, *, start: float, end: float, start_label: str = "country",
                  end_label: str = "comparator", title: str | None = None,
                  names: Mapping[str, str] | None = None, start_colour: str | None = None,
                  end_colour: str | None = None, decimals: int = 4, lang: str = "en") -> go.Figure:
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
                         text=[_num(start, lang, decimals)], textposition="outside",
                         hovertemplate=f"{start_label}: {_num(start, lang, decimals)}<extra></extra>"))
    for key, sign in (("behind", c >= 0), ("ahead", c < 0)):
        part = c[sign]
        if part.empty:
            continue
        fig.add_trace(trace("bar",
            x=[labels[list(c.index).index(k)] for k in part.index], y=part.abs().to_list(),
            base=[min(running[k], running[k] + part[k]) for k in part.index],
            name=t("comparator ahead", lang) if key == "behind" else t("country ahead", lang),
            marker=dict(color=GAP_STEP_COLOURS[key],
                        pattern=dict(shape="/" if key == "ahead" else "", fgcolor="#ffffff", solidity=0.3)),
            text=[_num(v, lang, decimals, sign=True) for v in part], textposition="outside",
            hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.add_trace(trace("bar", x=[end_label], y=[end], name=end_label,
                         marker=dict(color=end_colour or (country_colour(end_label) if len(end_label) == 3 and
                                                          end_label.isupper() else "#444444")),
                         text=[_num(end, lang, decimals)], textposition="outside",
                         hovertemplate=f"{end_label}: {_num(end, lang, decimals)}<extra></extra>"))
    top = max(start, end, float((start + c.cumsum()).max()) if len(c) else start)
    fig.update_yaxes(title="EGDI", range=(0, max(1.05, top * 1.1)))
    fig.update_xaxes(categoryorder="array", categoryarray=[start_label, *labels, end_label])
    _layout(fig, title, height=400, barmode="overlay", bargap=0.35)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, xanchor="left", x=0))
    steps = "; ".join(f"{lab} {_num(v, lang, decimals, sign=True)}" for lab, v in zip(labels, c, strict=True))
    return describe(fig, t("From {start} at {a} to {end} at {b}: {steps}.", lang, start=start_label,
                           a=_num(start, lang, decimals), end=end_label, b=_num(end, lang, decimals), steps=steps))


def whatif_bars(before: Mapping[str, float], after: Mapping[str, float], *, title: str | None = None,
                iso3: str = "AZE", lang: str = "en") -> go.Figure:
    """Before/after bars of a what-if (components and index).

    Examples
    --------
    >>> fig = whatif_bars({"osi": 0.74, "egdi": 0.76}, {"osi": 0.85, "egdi": 0.80})
    >>> [d.name for d in fig.data]
    ['published', 'what-if']
    >>> [d.name for d in whatif_bars({"osi": 0.74}, {"osi": 0.85}, lang="az").data]
    ['dərc olunmuş', 'ssenari']
    """
    keys = list(before)
    x = [k.upper() for k in keys]
    fig = Draft([
        trace("bar", x=x, y=[before[k] for k in keys], name=t("published", lang), marker=dict(color="#BBBBBB"),
               text=[_num(before[k], lang, 4) for k in keys], textposition="outside"),
        trace("bar", x=x, y=[after[k] for k in keys], name=t("what-if", lang), marker=dict(color=country_colour(iso3)),
               text=[_num(after[k], lang, 4) for k in keys], textposition="outside"),
    ])
    fig.update_yaxes(title=t("score", lang), range=[0, 1.12])
    words = ", ".join(f"{k.upper()} {_num(before[k], lang, 4)} → {_num(after[k], lang, 4)}" for k in keys)
    return describe(_layout(fig, title, height=340, barmode="group"),
                    t("Published and what-if values: {list}.", lang, list=words))


def rank_intervals(table: pd.DataFrame, *, highlight: Iterable[str] = (), title: str | None = None,
                   names: Mapping[str, str] | None = None, max_rows: int | None = None,
                   lang: str = "en") -> go.Figure:
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
    t_ = table.sort_values(["median", "low"]).copy()
    hl = [c for c in highlight if c in t_.index]
    if max_rows is not None and len(t_) > max_rows:
        keep = list(t_.index[:max_rows]) + [c for c in hl if c not in t_.index[:max_rows]]
        t_ = t_.loc[keep]
    nm = names or {}
    labels = [f"{nm.get(i, i)} ({i})" if i in hl else str(nm.get(i, i)) for i in t_.index]
    y = list(range(len(t_)))
    others = [k for k, i in enumerate(t_.index) if i not in hl]
    hover = t("{country}: median rank {median}, interval {low}–{high}", lang, country="%{customdata[0]}",
              median="%{x}", low="%{customdata[1]}", high="%{customdata[2]}") + "<extra></extra>"
    fig = Draft()

    def _trace(rows, name, colour, width):
        xs, ys = [], []
        for k in rows:
            xs += [t_["low"].iat[k], t_["high"].iat[k], None]
            ys += [y[k], y[k], None]
        fig.add_trace(trace("scatter", x=xs, y=ys, mode="lines", name=name, line=dict(color=colour, width=width),
                                 hoverinfo="skip", showlegend=True, legendgroup=name))
        fig.add_trace(trace("scatter",
            x=[t_["median"].iat[k] for k in rows], y=[y[k] for k in rows], mode="markers", name=name,
            marker=dict(color=colour, size=7 if width < 3 else 11, line=dict(color="white", width=1)),
            customdata=[[labels[k], t_["low"].iat[k], t_["high"].iat[k]] for k in rows], showlegend=False,
            legendgroup=name, hovertemplate=hover))

    _trace(others, t("other countries", lang), "#BBBBBB", 2)
    for c in hl:
        _trace([list(t_.index).index(c)], c, country_colour(c), 4)
    # lines first, then the markers on top (the markers carry the hover text)
    fig.data = [d for d in fig.data if d["mode"] == "lines"] + [d for d in fig.data if d["mode"] == "markers"]
    fig.update_yaxes(tickmode="array", tickvals=y, ticktext=labels, autorange="reversed",
                     showticklabels=len(t_) <= 80, title=None)
    fig.update_xaxes(title=t("rank (1 = best)", lang))
    return _layout(fig, title, height=max(360, min(22 * len(t_), 2400))).figure()


def sensitivity_bars(table: pd.DataFrame, *, title: str | None = None,
                     names: Mapping[str, str] | None = None, lang: str = "en") -> go.Figure:
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
    tab = table.sort_values("ST")
    y = [(names or {}).get(i, str(i)) for i in tab.index]
    fig = Draft()
    for col, name, colour in (("S1", t("first order (S1)", lang), "#56B4E9"),
                              ("ST", t("total (ST)", lang), "#0072B2")):
        err = dict(type="data", array=tab[f"{col}_conf"].to_list(), color="#777") if f"{col}_conf" in tab else None
        fig.add_trace(trace("bar", x=tab[col].clip(lower=0), y=y, orientation="h", name=name, marker_color=colour,
                             error_x=err, hovertemplate="%{y}: %{x:.3f}<extra>" + name + "</extra>"))
    fig.update_xaxes(title=t("share of the variance of the output", lang), rangemode="tozero")
    return _layout(fig, title, height=120 + 45 * len(tab), barmode="group").figure()

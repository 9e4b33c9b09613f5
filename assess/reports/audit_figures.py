"""Plotly figures of a statistical audit (:func:`assess.audit`): a correlation heatmap and the loadings of the first
principal component. Builders only draw what the audit computed.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame([[1.0, 0.8], [0.8, 1.0]], index=["osi", "hci"], columns=["osi", "hci"])
>>> [list(r) for r in correlation_heatmap(m).data[0].z]
[[1.0, 0.8], [0.8, 1.0]]
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from assess.i18n import format_number, t
from assess.reports.figures import _layout

__all__ = ["correlation_heatmap", "loadings_bars"]


def correlation_heatmap(matrix: pd.DataFrame, *, title: str | None = None,
                        names: Mapping[str, str] | None = None, lang: str = "en") -> go.Figure:
    """A correlation matrix as a heatmap on a fixed diverging scale from -1 to 1, values written in the cells (in
    ``lang``: ``0,80`` in Azerbaijani).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1.0, -0.2], [-0.2, 1.0]], index=["a", "b"], columns=["a", "b"])
    >>> fig = correlation_heatmap(m, names={"a": "A"})
    >>> fig.data[0].x, fig.data[0].zmin, fig.data[0].zmax
    (('A', 'b'), -1, 1)
    """
    labels = [(names or {}).get(c, str(c)) for c in matrix.columns]
    rows = [(names or {}).get(c, str(c)) for c in matrix.index]
    z = matrix.to_numpy(dtype=float).round(3).tolist()
    fig = go.Figure(go.Heatmap(z=z, x=labels, y=rows, zmin=-1, zmax=1, colorscale="RdBu", reversescale=False,
                               text=[[format_number(v, lang, 2) for v in r] for r in z], texttemplate="%{text}",
                               hovertemplate="%{y} × %{x}: %{z:.3f}<extra></extra>",
                               colorbar=dict(title="r", thickness=12)))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=140 + 60 * len(rows))


def loadings_bars(loadings: pd.Series, *, title: str | None = None, names: Mapping[str, str] | None = None,
                  lang: str = "en") -> go.Figure:
    """Horizontal bars of each child's loading on the first principal component.

    Examples
    --------
    >>> import pandas as pd
    >>> loadings_bars(pd.Series({"osi": 0.57, "hci": 0.59})).data[0].x.tolist()
    [0.57, 0.59]
    """
    y = [(names or {}).get(c, str(c)) for c in loadings.index]
    fig = go.Figure(go.Bar(x=loadings.to_numpy().round(3), y=y, orientation="h", marker_color="#0072B2",
                           hovertemplate="%{y}: %{x:.3f}<extra></extra>"))
    fig.update_xaxes(title=t("loading", lang), rangemode="tozero")
    return _layout(fig, title, height=120 + 45 * len(y))

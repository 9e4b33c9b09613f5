"""Charts and grids with one configuration for the whole dashboard.

* :data:`GRAPH_CONFIG`: no Plotly logo, no "Share chart…" / cloud upload or Chart Studio link (nothing
  leaves the machine), the world map's topojson from ``assets/``, hi-res PNG export. ``assets/charts.js``
  applies the same no-cloud defaults to every Plotly chart of the app (``Plotly.setPlotConfig``), including
  charts a page builds with ``dcc.Graph`` directly, and gives each chart its text alternative.
* Text alternatives: a figure built by :mod:`assess.reports.figures` carries a title and a one-sentence
  summary in ``layout.meta``; ``assets/charts.js`` sets them as the chart's ``aria-label`` (``role="img"``).
"""

from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd
from dash import dcc

__all__ = ["GRAPH_CONFIG", "TOPOJSON_URL", "graph", "grid"]

#: Plotly config of every graph; ``topojsonURL`` serves the world map from ``assets/`` (no CDN).
TOPOJSON_URL = "/assets/topojson/"
GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "topojsonURL": TOPOJSON_URL,
                "showSendToCloud": False, "showEditInChartStudio": False, "showLink": False, "sendData": False,
                "plotlyServerURL": "", "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
                "toImageButtonOptions": {"scale": 2}}
_GRAPH_CONFIG = GRAPH_CONFIG  # the name pages used before


def graph(id: str, figure=None, **kw) -> dcc.Graph:
    """A ``dcc.Graph`` with the app's :data:`GRAPH_CONFIG` (no logo, no cloud, responsive, hi-res PNG export)."""
    return dcc.Graph(id=id, figure=figure if figure is not None else {}, config=GRAPH_CONFIG, **kw)


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
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1, "minWidth": 115},  # "+0.20839" and its filter icon fit
        dashGridOptions={"animateRows": False, "domLayout": "normal"},
        style={"height": f"{height}px"}, **kw,
    )

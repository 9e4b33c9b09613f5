"""egov-assess dashboard (placeholder until the dashboard lands): lists the bundled data.

Run with ``make run`` → http://127.0.0.1:8050
"""

from __future__ import annotations

import os

from dash import Dash, dash_table, html

import assess
from assess.cli import data_summary


def create_app() -> Dash:
    app = Dash(__name__, title="egov-assess")
    summary = data_summary()
    app.layout = html.Main(
        [
            html.H1("egov-assess: bundled indicator store"),
            html.P(f"{int(summary['rows'].sum()):,} values from {len(summary)} datasets."),
            dash_table.DataTable(data=summary.to_dict("records"), columns=[{"name": c, "id": c} for c in summary.columns]),
            html.H2("Sources"),
            dash_table.DataTable(data=assess.list_datasets()[["id", "title", "publisher", "licence", "url"]].to_dict("records")),
        ]
    )
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=int(os.environ.get("PORT", "8050")), debug=bool(os.environ.get("DASH_DEBUG")))

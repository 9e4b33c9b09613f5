"""egov-assess dashboard: a thin multi-page Dash layer over :mod:`assess`.

Pages live in ``pages/`` and register themselves (``dash.register_page``); shared pieces are in
``ui/components.py``; figures come from :mod:`assess.figures`. Everything is served from
127.0.0.1: Dash's own scripts (``serve_locally=True``), Bootstrap's CSS from ``assets/``
(no CDN, no web fonts).

Run with ``make run`` → http://127.0.0.1:8050 (``DASH_DEBUG=1`` for Dash's debug mode).
Background callbacks (the Robustness page's Monte Carlo) use a :class:`dash.DiskcacheManager`
whose folder is ``$EGOV_ASSESS_DASH_CACHE``, else ``$EGOV_ASSESS_CACHE/dash`` (default ``.cache/dash``).
"""

from __future__ import annotations

import os
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import diskcache
from dash import Dash, DiskcacheManager, Input, Output, State, dcc, html

from ui import components as ui

ROOT = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Folder of the background-callback cache (``$EGOV_ASSESS_CACHE/dash`` or ``.cache/dash``)."""
    if os.environ.get("EGOV_ASSESS_DASH_CACHE"):
        return Path(os.environ["EGOV_ASSESS_DASH_CACHE"])
    base = Path(os.environ.get("EGOV_ASSESS_CACHE") or ROOT / ".cache")
    return base / "dash"


def create_app() -> Dash:
    """Build the Dash app (pages registered from ``pages/``)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    manager = DiskcacheManager(diskcache.Cache(str(folder)))
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(ROOT / "pages"),
        assets_folder=str(ROOT / "assets"),
        serve_locally=True,
        title="egov-assess",
        update_title=None,
        background_callback_manager=manager,
        suppress_callback_exceptions=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = html.Div([
        dcc.Store(id=ui.APP_STATE, storage_type="memory",
                  data={"country": ui.DEFAULT_COUNTRY, "compare": list(ui.DEFAULT_COMPARE),
                        "edition": ui.DEFAULT_EDITION}),
        ui.navbar(),
        dbc.Container(html.Main(dash.page_container, id="main", tabIndex="-1"), fluid=True, className="pb-5"),
    ])

    @app.callback(Output(ui.NAV_LINKS_ALL, "href"), Input(ui.APP_STATE, "data"))
    def nav_links(state):
        return ui.nav_hrefs(state)

    @app.callback(Output("navbar-collapse", "is_open"), Input("navbar-toggler", "n_clicks"),
                  State("navbar-collapse", "is_open"), prevent_initial_call=True)
    def toggle_navbar(n, is_open):
        return not is_open

    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=int(os.environ.get("PORT", "8050")),
                     debug=bool(os.environ.get("DASH_DEBUG")))

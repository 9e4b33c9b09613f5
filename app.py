"""egov-assess dashboard: a thin multi-page Dash layer over :mod:`assess`.

Pages live in ``pages/`` and register themselves (``dash.register_page``); shared pieces are in
``ui/components.py``; figures come from :mod:`assess.reports.figures`. Everything is served from
127.0.0.1: Dash's own scripts (``serve_locally=True``), Bootstrap's CSS from ``assets/``
(no CDN, no web fonts).

Run with ``make run`` → http://127.0.0.1:8050 (``DASH_DEBUG=1`` for Dash's debug mode).
Background callbacks (the Robustness page's Monte Carlo) use a :class:`dash.DiskcacheManager`
whose folder is ``$EGOV_ASSESS_DASH_CACHE``, else ``$EGOV_ASSESS_CACHE/dash`` (default ``.cache/dash``).
"""

from __future__ import annotations

import logging
import os
import threading
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


def warm_up() -> None:
    """Fill the pages' caches (published editions, the default views) so first clicks are fast.

    Runs in a daemon thread started by :func:`create_app` (``EGOV_ASSESS_WARM=0`` turns it off).
    """
    try:
        from assess.indices import published
        from assess.indices import scenarios as whatif
        from pages import compare, country, home

        pos = ui.edition_position(ui.DEFAULT_EDITION)
        home.update_world("egdi", pos, ui.DEFAULT_COUNTRY)
        country.update_country(ui.DEFAULT_COUNTRY, pos)
        compare.update_compare(ui.DEFAULT_COUNTRY, list(ui.DEFAULT_COMPARE), pos)
        whatif.un_state(ui.DEFAULT_EDITION)
        for y in reversed(published.EDITIONS):
            home.world_view("egdi", y)
            country.history(ui.DEFAULT_COUNTRY)
    except Exception:  # a failed warm-up only costs speed
        logging.getLogger("egov_assess.dashboard").exception("warm-up failed")


def create_app(*, warm: bool | None = None) -> Dash:
    """Build the Dash app (pages registered from ``pages/``); *warm* starts :func:`warm_up` in a thread."""
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

    if warm is None:
        warm = os.environ.get("EGOV_ASSESS_WARM", "1") != "0"
    if warm:
        threading.Thread(target=warm_up, name="egov-assess-warm-up", daemon=True).start()
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=int(os.environ.get("PORT", "8050")),
                     debug=bool(os.environ.get("DASH_DEBUG")))

"""egov-assess dashboard: a thin multi-page Dash layer over :mod:`assess`.

Pages live in ``pages/`` and register themselves (``dash.register_page``); shared pieces are in
``ui/components.py``; figures come from :mod:`assess.reports.figures`. Everything is served from
127.0.0.1: Dash's own scripts (``serve_locally=True``), Bootstrap's CSS from ``assets/``
(no CDN, no web fonts).

Run with ``make run`` → http://127.0.0.1:8050. Debug mode (Dash's dev tools, the Werkzeug
debugger) is on only when ``DASH_DEBUG`` is explicitly ``1``, ``true`` or ``yes``
(:func:`debug_enabled`); ``0``, ``false``, an empty value or anything else keeps it off.

Hardening (:func:`harden`): request bodies over :data:`assess.limits.MAX_REQUEST_BYTES` are
refused with 413 before they are read; every response carries a Content-Security-Policy (scripts
from this server only, plus the hashes of Dash's own inline scripts), ``X-Content-Type-Options``,
``X-Frame-Options``, ``frame-ancestors 'none'`` and ``Referrer-Policy``; the ``Server`` header names
no software version (:class:`QuietRequestHandler`).

Serving a department (:mod:`service`): ``make serve`` runs this app under gunicorn (:mod:`service.serve`);
responses are compressed (brotli or gzip, Flask-Compress; Dash's scripts compressed once per worker); people
sign in at ``/login`` and only analysts and administrators change assessments (:mod:`service.auth`,
:mod:`service.web`); the store is migrated when the app starts. Long jobs (the Robustness page's Monte Carlo,
the full store export) go to :mod:`service.jobs`; Dash's own background callbacks, if a page has any, use a
:class:`dash.CeleryManager` on ``REDIS_URL``, else a :class:`dash.DiskcacheManager` in
``$EGOV_ASSESS_DASH_CACHE`` (default ``var/jobs``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import diskcache
import flask
from dash import Dash, DiskcacheManager, Input, Output, State, dcc, html
from werkzeug.serving import WSGIRequestHandler

from assess import caches, limits, settings
from assess.errors import AssessError
from assess.reports.chart_style import unchecked_figures
from ui import account
from ui import components as ui
from ui import lang as ui_lang

ROOT = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Folder of the background jobs without Redis (setting ``EGOV_ASSESS_DASH_CACHE``, default ``var/jobs``)."""
    return settings.get("EGOV_ASSESS_DASH_CACHE")


def background_manager():
    """Dash's background-callback manager: Celery on ``REDIS_URL`` when set, else Diskcache in :func:`cache_dir`."""
    if settings.get("REDIS_URL"):
        from dash import CeleryManager

        from service.celery_app import for_url

        return CeleryManager(for_url(settings.get("REDIS_URL")))
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    cache = diskcache.Cache(str(folder))
    OPEN_CACHES.append(cache)
    return DiskcacheManager(cache)


#: Diskcache folders opened by this process (closed after a fork: a worker opens its own connection).
OPEN_CACHES: list = []


#: Response types compressed (brotli for browsers that take it, else gzip); images and workbooks already are.
COMPRESSED_TYPES = ["text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
                    "application/json", "image/svg+xml"]


def compress(server: flask.Flask) -> None:
    """Compress responses (Flask-Compress): brotli or gzip as the browser accepts, callbacks and pages alike.

    Dash's script bundles (``/_dash-component-suites/…``, about 9 MB, fingerprinted) are compressed once per
    worker and kept (a dict keyed by path and algorithm); everything else is compressed as it is sent.
    """
    from flask_compress import Compress, DictCache

    server.config.update(COMPRESS_REGISTER=False, COMPRESS_MIMETYPES=COMPRESSED_TYPES,
                         COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_ALGORITHM_STREAMING=["br", "deflate"],
                         COMPRESS_BR_LEVEL=4, COMPRESS_LEVEL=6, COMPRESS_MIN_SIZE=1000)
    live, kept = Compress(), Compress()
    live.init_app(server)
    kept.init_app(server)
    kept.cache, kept.cache_key = DictCache(), lambda request: request.full_path

    @server.after_request
    def compressed(response):
        path = flask.request.path
        if flask.request.method == "GET" and path.startswith("/_dash-component-suites/") and \
                response.status_code == 200 and not response.is_streamed:
            return kept.after_request(response)
        return live.after_request(response)


def warm_up() -> None:
    """Fill the pages' caches (published editions, the default views) so first clicks are fast.

    Runs in a daemon thread started by :func:`create_app` (``EGOV_ASSESS_WARM=0`` turns it off).
    """
    log = logging.getLogger("egov_assess.dashboard")
    started = time.perf_counter()
    try:
        from assess.indices import published, scenarios, views
        from pages import compare, country, home

        pos = ui.edition_position(ui.DEFAULT_EDITION)
        home.update_ranking("egdi", pos, home.DEFAULT_GTMI)
        home.update_map("egdi", pos, home.DEFAULT_GTMI, ui.DEFAULT_COUNTRY)
        home.update_figures(1, "egdi", pos, home.DEFAULT_GTMI, ui.DEFAULT_COUNTRY)
        country.update_country(ui.DEFAULT_COUNTRY, pos)
        compare.update_compare(ui.DEFAULT_COUNTRY, list(ui.DEFAULT_COMPARE), pos)
        compare.update_gtmi(ui.DEFAULT_COUNTRY, list(ui.DEFAULT_COMPARE), published.GTMI_EDITIONS[-1])
        scenarios.un_state(ui.DEFAULT_EDITION)
        for y in reversed(published.EDITIONS):
            views.world_view("egdi", y)
        for y in published.GTMI_EDITIONS:
            views.world_view("gtmi", y)
    except Exception:  # a failed warm-up only costs speed, but it is logged so that it is seen
        log.exception("warm-up failed")
    else:
        log.info("warm-up finished in %.1f s", time.perf_counter() - started)


#: The page shell: Dash's own, with the page language declared (``<html lang="en">``) for screen readers.
INDEX = """<!DOCTYPE html>
<html lang="{%lang%}">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def debug_enabled(value: str | None = None) -> bool:
    """Whether ``DASH_DEBUG`` (or *value*) explicitly asks for debug mode: ``1``, ``true`` or ``yes``.

    Examples
    --------
    >>> [debug_enabled(v) for v in ("1", "true", "YES", " True ", "0", "false", "", "no", "off", "2")]
    [True, True, True, True, False, False, False, False, False, False]
    """
    return settings.get("DASH_DEBUG") if value is None else settings.explicitly_on(value)


#: Headers set on every response (the Content-Security-Policy is built per app: :func:`content_security_policy`).
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def content_security_policy(app: Dash) -> str:
    """The Content-Security-Policy the dashboard works under.

    Everything comes from this server (``'self'``): scripts, styles, images, fonts, requests.
    Dash's inline scripts (the renderer start and the clientside callbacks) are allowed by
    their hashes (``app.csp_hashes()``), not by ``'unsafe-inline'``; styles need
    ``'unsafe-inline'`` (Plotly, AG Grid and Bootstrap components set inline styles); images
    may be ``data:``/``blob:`` URLs (Plotly's mode bar and PNG export). No frame may embed the app.
    """
    scripts = " ".join(["'self'", *app.csp_hashes()])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def harden(app: Dash) -> Dash:
    """Bound request bodies and add the security headers to every response of ``app.server``."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = int(limits.MAX_REQUEST_BYTES.value)
    @server.errorhandler(413)
    def too_large(_exc):
        length = flask.request.content_length
        found = f"{length:,} bytes" if length else None
        return limits.MAX_REQUEST_BYTES.refusal("Request refused", what=found), 413, \
            {"Content-Type": "text/plain; charset=utf-8"}

    @server.before_request
    def check_callback_request():
        # Dash's own router takes the URL from the request as it comes: a non-text path or query is a bad request.
        if flask.request.method != "POST" or not flask.request.path.endswith("/_dash-update-component"):
            return None
        body = flask.request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("output"), str) or \
                not isinstance(body.get("inputs", []), list) or not isinstance(body.get("state", []), list):
            return "Bad request: expected a Dash callback request (JSON with output, inputs and state).", 400, \
                {"Content-Type": "text/plain; charset=utf-8"}
        if body["output"] not in app.callback_map:
            return "Bad request: no callback of this app has these outputs.", 400, \
                {"Content-Type": "text/plain; charset=utf-8"}
        wanted = app.callback_map[body["output"]]
        if len(body.get("inputs", [])) != len(wanted.get("inputs", [])) or \
                len(body.get("state", [])) != len(wanted.get("state", [])):  # Dash would index past the end: a 500
            return (f"Bad request: this callback takes {len(wanted.get('inputs', []))} inputs and "
                    f"{len(wanted.get('state', []))} states."), 400, {"Content-Type": "text/plain; charset=utf-8"}
        for item in [*body.get("inputs", []), *body.get("state", [])]:
            if isinstance(item, dict) and item.get("id") == "_pages_location" and \
                    item.get("value") is not None and not isinstance(item.get("value"), str):
                return "Bad request: the page path and query must be texts.", 400, \
                    {"Content-Type": "text/plain; charset=utf-8"}
        return None

    @server.after_request
    def security_headers(response):
        # computed per response: Dash adds the clientside callbacks' scripts as the pages are imported
        response.headers["Content-Security-Policy"] = content_security_policy(app)
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        return response

    return app


class QuietRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler without the ``Werkzeug/x.y Python/x.y`` banner in ``Server``."""

    def version_string(self) -> str:
        return "egov-assess"


def in_snapshots(server: flask.Flask) -> None:
    """Run every request of *server* in an :func:`assess.caches.snapshot`: the data and framework files are looked
    at once per ``EGOV_ASSESS_RECHECK_SECONDS`` (1 s), not at every call of the store (about 2 ms a look: the data
    files' digests and the frameworks' stamps); a changed file is seen by the requests after it. Charts are sent as
    built, without Plotly's checks (:func:`assess.reports.chart_style.unchecked_figures`), unless
    ``EGOV_ASSESS_CHECK_FIGURES`` is on."""
    inner = server.wsgi_app

    def wsgi_app(environ, start_response):
        with caches.snapshot(reuse_for=settings.get("EGOV_ASSESS_RECHECK_SECONDS")), \
                (contextlib.nullcontext() if settings.get("EGOV_ASSESS_CHECK_FIGURES") else unchecked_figures()):
            return inner(environ, start_response)

    server.wsgi_app = wsgi_app


def create_app(*, warm: bool | None = None) -> Dash:
    """Build the Dash app (pages registered from ``pages/``); *warm* starts :func:`warm_up` in a thread.

    The assessment store is migrated first (a store that cannot be reached is logged; the pages then say so).
    """
    log = logging.getLogger("egov_assess.dashboard")
    try:
        from assess.strategy import db as storedb

        storedb.upgrade()
    except AssessError as exc:
        log.error("the assessment store cannot be used: %s", exc)
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(ROOT / "pages"),
        assets_folder=str(ROOT / "assets"),
        assets_ignore=r"^plotly-egov-",  # the Plotly bundle: loaded by assets/charts.js, only where charts are
        serve_locally=True,
        title="egov-assess",
        update_title=None,
        background_callback_manager=background_manager(),
        suppress_callback_exceptions=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        compress=True,  # gzip/brotli responses (Flask-Compress): ~9 MB of scripts become ~2.5 MB
    )
    app.index_string = INDEX.replace("{%lang%}", "en")  # the request's language: ui_lang.serve_lang_attribute

    def layout():
        from service.web import current_identity

        return html.Div([
            dcc.Store(id=ui.APP_STATE, storage_type="memory",
                      data={"country": ui.DEFAULT_COUNTRY, "compare": list(ui.DEFAULT_COMPARE),
                            "edition": ui.DEFAULT_EDITION}),
            *ui_lang.app_parts(),
            ui.navbar(),
            account.bar(current_identity()),
            dbc.Container(html.Main(dash.page_container, id="main", tabIndex="-1"), fluid=True, className="pb-5"),
        ])

    app.layout = layout

    @app.callback(Output(ui.NAV_LINKS_ALL, "href"), Input(ui.APP_STATE, "data"), Input(ui_lang.LANG_STATE, "data"))
    def nav_links(state, lang):
        # one href per link the request lists (a hostile request may list others): by the page's module name
        hrefs = dict(zip([i["index"] for i in ui.nav_link_ids()], ui.nav_hrefs(state, ui.request_lang(lang)),
                         strict=True))
        return [hrefs.get(o["id"].get("index") if isinstance(o.get("id"), dict) else None, "/")
                for o in dash.ctx.outputs_list]

    @app.callback(Output("navbar-collapse", "is_open"), Input("navbar-toggler", "n_clicks"),
                  State("navbar-collapse", "is_open"), prevent_initial_call=True)
    def toggle_navbar(n, is_open):
        return not is_open

    ui_lang.register_language(app, ui.NAV_LINK)
    account.register(app, ui_lang.LANG_STATE)
    ui_lang.serve_lang_attribute(app)
    harden(app)
    from service import web

    web.install(app.server)
    compress(app.server)
    in_snapshots(app.server)
    if warm is None:
        warm = settings.get("EGOV_ASSESS_WARM")
    if warm:
        threading.Thread(target=warm_up, name="egov-assess-warm-up", daemon=True).start()
    return app


def main() -> None:
    """``make run``: Flask's development server on ``$EGOV_ASSESS_HOST:$PORT`` (default 127.0.0.1:8050), debug
    only when :func:`debug_enabled`. ``make serve`` is the production server (:mod:`service.serve`)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    create_app().run(host=settings.get("EGOV_ASSESS_HOST"), port=settings.get("PORT"), debug=debug_enabled(),
                     request_handler=QuietRequestHandler)


if __name__ == "__main__":
    main()

"""The dashboard's HTTP side of :mod:`service.auth` and of the store: sign-in pages, sessions, a small JSON API.

:func:`install` adds to the Flask server under the Dash app:

* ``GET/POST /login`` (a plain form, no script), ``POST /logout``;
* ``GET /jobs/<id>/download`` — the file a finished job made (the full store as Excel), by job id;
* ``GET /api/whoami`` — ``{"user": name|null, "role": …, "mode": "users"|"proxy"}``;
* ``GET /api/assessments`` — the saved assessments (JSON), ``GET /api/assessments/export`` — a backup of every
  assessment with every version (signed-in users), ``POST /api/assessments/import`` — add a backup (admins);
* a check of every ``POST``: one sent from another site (an ``Origin`` that is not this server) is refused.

:func:`current_identity` tells the pages' callbacks who is asking (from the session, or from the proxy header).
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

import flask
from markupsafe import escape

from assess import settings
from assess.errors import AssessError
from assess.strategy import store
from service import auth

log = logging.getLogger("egov_assess.auth")

__all__ = ["current_identity", "install"]


def current_identity() -> auth.Identity:
    """Who sends the current request (:data:`service.auth.ANONYMOUS` outside a request or when unknown)."""
    if not flask.has_request_context():
        return auth.ANONYMOUS
    cached = getattr(flask.g, "egov_identity", None)
    if cached is not None:
        return cached
    identity = auth.ANONYMOUS
    try:
        if settings.get("EGOV_ASSESS_AUTH") == "proxy":
            name = flask.request.headers.get(settings.get("EGOV_ASSESS_PROXY_HEADER"), "").strip()
            if name and auth.trusted(flask.request.remote_addr):
                from assess.strategy.users import check_name

                role = auth.role_of(check_name(name))
                identity = auth.Identity(name, role) if role else auth.ANONYMOUS
        else:
            name = flask.session.get("user")
            if isinstance(name, str):
                from assess.strategy.users import get_user

                account = get_user(name)  # read each request: a disabled account or a new role counts at once
                if account is not None and not account["disabled"]:
                    identity = auth.Identity(account["name"], account["role"])
    except AssessError as exc:
        log.warning("who is asking could not be told: %s", exc)
    flask.g.egov_identity = identity
    return identity


_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} · egov-assess</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/00-bootstrap.min.css"></head>
<body class="bg-light"><main class="container py-5" style="max-width:28rem">
<h1 class="h4 mb-3"><a href="/" class="text-decoration-none">egov-assess</a> · {title}</h1>{body}</main></body></html>"""


def _page(title: str, body: str, status: int = 200):
    return flask.Response(_PAGE.format(title=escape(title), body=body), status=status,
                          content_type="text/html; charset=utf-8")


def _next_path(value: str | None) -> str:
    """A path on this server to go back to after signing in (anything else: ``/``)."""
    if not isinstance(value, str) or len(value) > 500:
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _login_form(message: str = "", name: str = "", nxt: str = "/") -> str:
    alert = f'<div class="alert alert-warning" role="alert">{escape(message)}</div>' if message else ""
    return (f'{alert}<form method="post" action="/login" class="card card-body">'
            f'<input type="hidden" name="next" value="{escape(nxt)}">'
            '<label class="form-label" for="login-name">Name</label>'
            f'<input class="form-control mb-2" id="login-name" name="name" value="{escape(name)}" '
            'autocomplete="username" maxlength="64" required autofocus>'
            '<label class="form-label" for="login-password">Password</label>'
            '<input class="form-control mb-3" id="login-password" name="password" type="password" '
            'autocomplete="current-password" maxlength="256" required>'
            '<button class="btn btn-primary" id="login-submit" type="submit">Sign in</button></form>'
            '<p class="small text-body-secondary mt-3">Visitors can read everything without signing in. Accounts '
            'are made by an administrator (<code>python -m service users add</code>).</p>')


def install(server: flask.Flask) -> None:
    """Sessions, sign-in routes, the JSON API and the cross-site POST check on *server*."""
    server.secret_key = auth.secret_key()
    server.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                         SESSION_COOKIE_SECURE=settings.get("EGOV_ASSESS_SECURE_COOKIES"),
                         SESSION_COOKIE_NAME="egov_assess_session", PERMANENT_SESSION_LIFETIME=12 * 3600)

    @server.before_request
    def same_origin_posts():
        if flask.request.method not in ("POST", "PUT", "DELETE", "PATCH"):
            return None
        origin = flask.request.headers.get("Origin")
        if origin and origin != "null" and urlsplit(origin).netloc != flask.request.host:
            return "Forbidden: a request from another site.", 403, {"Content-Type": "text/plain; charset=utf-8"}
        return None

    @server.route("/login", methods=["GET", "POST"])
    def login():
        mode = settings.get("EGOV_ASSESS_AUTH")
        if mode == "proxy":
            return _page("Sign in", "<p>This server's users sign in through the ministry's proxy; there is no "
                                    "password here.</p>")
        if flask.request.method == "GET":
            nxt = _next_path(flask.request.args.get("next") or urlsplit(flask.request.referrer or "").path)
            return _page("Sign in", _login_form(nxt=nxt))
        name = (flask.request.form.get("name") or "")[:64].strip()
        password = (flask.request.form.get("password") or "")[:1000]
        nxt = _next_path(flask.request.form.get("next"))
        try:
            identity = auth.authenticate(name, password)
        except AssessError as exc:
            return _page("Sign in", _login_form(str(exc), name, nxt), 503)
        if identity is None:
            log.warning("failed sign-in for %r from %s", name[:64], flask.request.remote_addr)
            return _page("Sign in", _login_form("Wrong name or password.", name, nxt), 401)
        flask.session.clear()
        flask.session["user"] = identity.name
        flask.session.permanent = True
        log.info("%s signed in from %s", identity.name, flask.request.remote_addr)
        return flask.redirect(nxt, code=303)

    @server.route("/logout", methods=["POST", "GET"])
    def logout():
        if flask.request.method == "GET":
            return _page("Sign out", '<form method="post" action="/logout"><button class="btn btn-secondary" '
                                     'id="logout-submit" type="submit">Sign out</button></form>')
        flask.session.clear()
        return flask.redirect("/", code=303)

    @server.route("/jobs/<jid>/download")
    def job_download(jid):
        from service import jobs, tasks

        key = jobs.job_id(jid)
        if key is None:
            return "Not found: expected a job id.", 404, {"Content-Type": "text/plain; charset=utf-8"}
        try:
            job = jobs.status(key)
            if job["kind"] not in tasks.DOWNLOADS:
                return "Not found: this job makes no file.", 404, {"Content-Type": "text/plain; charset=utf-8"}
            data = jobs.result(key)
        except AssessError as exc:
            return f"{exc}", 404, {"Content-Type": "text/plain; charset=utf-8"}
        filename, mimetype = tasks.DOWNLOADS[job["kind"]]
        return flask.Response(data, mimetype=mimetype,
                              headers={"Content-Disposition": f"attachment; filename={filename}"})

    @server.route("/api/whoami")
    def whoami():
        who = current_identity()
        return flask.jsonify(user=who.name, role=who.role, mode=settings.get("EGOV_ASSESS_AUTH"))

    @server.route("/api/assessments")
    def api_list():
        try:
            df = store.list_assessments()
        except AssessError as exc:
            return _json_error(str(exc), 503)
        return flask.Response(df.to_json(orient="records", force_ascii=False), content_type="application/json")

    @server.route("/api/assessments/export")
    def api_export():
        who = current_identity()
        if not who.signed_in:
            return _json_error("Sign in to download the backup of every assessment.", 401)
        try:
            doc = store.export_assessments()
        except AssessError as exc:
            return _json_error(str(exc), 503)
        body = json.dumps(doc, ensure_ascii=False, indent=1)
        return flask.Response(body, content_type="application/json", headers={
            "Content-Disposition": "attachment; filename=egov_assess_assessments.json"})

    @server.route("/api/assessments/import", methods=["POST"])
    def api_import():
        try:
            who = auth.require(current_identity(), "import", "import a backup")
        except auth.PermissionDenied as exc:
            return _json_error(str(exc), 403)
        doc = flask.request.get_json(silent=True)
        if doc is None:
            return _json_error("Expected a JSON backup (Content-Type: application/json).", 400)
        try:
            out = store.import_assessments(doc, user=who.name)
        except AssessError as exc:
            return _json_error(str(exc), 400)
        return flask.jsonify(out)


def _json_error(message: str, status: int):
    return flask.Response(json.dumps({"error": message}, ensure_ascii=False), status=status,
                          content_type="application/json")

"""``make serve``: the dashboard under gunicorn — several worker processes, compressed responses, warm caches.

Settings: ``EGOV_ASSESS_HOST`` (default ``127.0.0.1``) and ``PORT`` (``8050``) where it listens,
``EGOV_ASSESS_WORKERS`` processes (default: the CPUs) of ``EGOV_ASSESS_THREADS`` threads each. With one thread
(the default) they are gunicorn's ``sync`` workers: a worker takes one request at a time from the queue the
workers share, so a request waits only for the first free worker. With keep-alive threads (``gthread``) a worker
keeps each browser's connection and serves it even while the other worker is idle: on 2 cores at 100 users, p95
624 ms against 511 ms with ``sync`` workers, at the same requests/s.
The app is built and warmed up once, in the master process, before the workers are forked (``preload_app``):
every worker starts with the published editions and default views in memory, shared copy-on-write, and the
store's migrations have run. A worker is replaced after about 50,000 requests (its caches are bounded, so memory
stays bounded; replacing it sooner would throw away what it has computed), a request
taking over 120 s is stopped, and the ``Server`` header names no software. Behind a reverse proxy, listen on
``127.0.0.1`` (or a private address) and let the proxy face the network (README, "Deployment").
"""

from __future__ import annotations

import logging
import sys

from gunicorn.app.base import BaseApplication

from assess import settings

__all__ = ["DashboardServer", "options"]


def options() -> dict:
    """gunicorn's settings for ``make serve``, from egov-assess's settings.

    Examples
    --------
    >>> o = options()
    >>> o["bind"], o["worker_class"], o["preload_app"]
    ('127.0.0.1:8050', 'sync', True)
    """
    host = settings.get("EGOV_ASSESS_HOST")
    threads = settings.get("EGOV_ASSESS_THREADS")
    return {
        "bind": f"{host}:{settings.get('PORT')}",
        "workers": settings.get("EGOV_ASSESS_WORKERS"),
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "preload_app": True,
        "timeout": 120,
        "graceful_timeout": 30,
        "keepalive": 5,
        "max_requests": 50_000,
        "max_requests_jitter": 5_000,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "egov-assess",
        "control_socket_disable": True,  # no shared $HOME/.gunicorn/gunicorn.ctl: several servers may run
        "forwarded_allow_ips": ",".join(settings.get("EGOV_ASSESS_TRUSTED_PROXIES")),
        "post_fork": _post_fork,
    }


def _post_fork(_server, _worker) -> None:
    """A worker must not share the master's database or Redis connections."""
    from assess.strategy import db
    from service import jobs

    db.dispose_engines()
    jobs.forget_backends()
    import app as dashboard

    for cache in dashboard.OPEN_CACHES:
        cache.close()  # reopened lazily, by this worker


class DashboardServer(BaseApplication):
    """gunicorn running ``app.create_app()`` with :func:`options`."""

    def __init__(self, opts: dict | None = None):
        self.opts = opts or options()
        super().__init__()

    def load_config(self):
        for key, value in self.opts.items():
            self.cfg.set(key, value)

    def load(self):
        import app as dashboard

        dash_app = dashboard.create_app(warm=False)
        if settings.get("EGOV_ASSESS_WARM"):
            dashboard.warm_up()  # here, before the fork: every worker starts warm
        return dash_app.server


def main() -> int:
    """Run gunicorn in the foreground (Ctrl-C or SIGTERM stops it gracefully)."""
    import gunicorn.http.wsgi

    gunicorn.http.wsgi.SERVER = "egov-assess"  # the Server header names no software version
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    DashboardServer().run()
    return 0

"""The Celery application of egov-assess: ``celery -A service.celery_app worker`` (``python -m service worker``).

Its broker and result backend are ``REDIS_URL``. One task, ``egov_assess.run_job``, runs a job of
:mod:`service.jobs` by id. The worker takes one job at a time per process (``EGOV_ASSESS_MAX_JOBS`` processes,
each replaced after its job so a robustness run's memory is returned), acknowledges a job when it ends
(``acks_late``: a job whose worker stops with SIGTERM finishes first; queued jobs wait in Redis for the next
worker), and a killed job is reported failed by its missing heartbeat (:data:`service.jobs.STALE`).

Dash's background callbacks use the same application (``dash.CeleryManager``) when ``REDIS_URL`` is set; the
worker builds the dashboard so that any page's background callback is registered here too.
"""

from __future__ import annotations

import logging

from celery import Celery
from celery.signals import worker_init, worker_process_init

from assess import settings

__all__ = ["celery", "for_url", "make_celery"]

#: The queue of egov-assess jobs.
QUEUE = "egov-assess"


def make_celery(url: str | None = None) -> Celery:
    """A Celery application on *url* (default ``REDIS_URL``; ``redis://127.0.0.1:6379/0`` when unset)."""
    url = url or settings.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    app = Celery("egov_assess", broker=url, backend=url)
    app.conf.update(
        task_default_queue=QUEUE,
        task_acks_late=True,
        task_reject_on_worker_lost=False,
        worker_prefetch_multiplier=1,
        worker_concurrency=settings.get("EGOV_ASSESS_MAX_JOBS"),
        worker_max_tasks_per_child=1,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": 3600},
        result_expires=24 * 3600,
        worker_hijack_root_logger=False,
        task_serializer="json", accept_content=["json"], result_serializer="json",
    )

    @app.task(name="egov_assess.run_job", ignore_result=True)
    def run_job(job_id: str) -> str:
        from service import jobs

        return jobs.run_job(job_id)

    return app


_APPS: dict[str, Celery] = {}


def for_url(url: str) -> Celery:
    """The application on *url* (one per URL and process: the web server sends jobs through it)."""
    app = _APPS.get(url)
    if app is None:
        app = _APPS[url] = make_celery(url)
    return app


#: The application of ``celery -A service.celery_app worker`` (``REDIS_URL`` when the worker starts).
celery = for_url(settings.get("REDIS_URL") or "redis://127.0.0.1:6379/0")


@worker_process_init.connect
def _fresh_connections(**_):
    """A pool process must not share its parent's connections."""
    from service import jobs

    jobs.forget_backends()


@worker_init.connect
def _register_dashboard(**_) -> None:
    """In a worker (not in the web server): build the dashboard, so that any page's Dash background callback
    is a task here too."""
    try:
        import app as dashboard

        dashboard.create_app(warm=False)
    except Exception:  # the worker still runs egov-assess jobs; the log says why pages' callbacks are missing
        logging.getLogger("egov_assess.jobs").exception("the worker could not build the dashboard")

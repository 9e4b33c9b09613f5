"""Background jobs (robustness runs, big exports): a bounded queue, at most N at once, progress, cancel, reload-safe.

A job is submitted with :func:`submit` and gets an id (32 hexadecimal digits) that the page keeps in its URL, so a
reload or another tab follows the same job. :func:`status` tells where it is — ``queued`` (with the number of
jobs ahead), ``running`` (percent and a sentence), ``done``, ``failed`` (the reason) or ``cancelled`` — and
:func:`result` gives its result (bytes) for a day. :func:`cancel` stops it, queued or running.

Where jobs run is chosen by ``REDIS_URL``:

* **set**: jobs go to Redis and are run by Celery workers (``python -m service worker``, on this host or
  others, each running ``EGOV_ASSESS_MAX_JOBS`` at once); their state is kept in Redis, so every server process
  and host sees the same jobs.
* **unset** (embedded, ``make run``): state is kept with Diskcache in ``$EGOV_ASSESS_DASH_CACHE`` and each
  server process runs a dispatcher thread that starts queued jobs, each in a process of its own, while fewer
  than ``EGOV_ASSESS_MAX_JOBS`` run (counted across the server's processes).

Either way at most ``EGOV_ASSESS_MAX_QUEUED`` jobs wait; more are refused with a message. A running job writes
a heartbeat every :data:`HEARTBEAT` seconds: when its worker is killed the job is reported ``failed`` after
:data:`STALE` seconds (a worker stopped with SIGTERM finishes its running jobs first, and the queued ones wait
for the next worker). The same job asked again (same kind and parameters) while it is queued or running, or
done within the day, is not run twice: its id is returned, and its result serves everyone who asks (a cache on
Redis or Diskcache).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import threading
import time

from assess import settings
from assess.errors import AssessError
from assess.i18n import N_, t, tn, translated
from assess.i18n.catalogues import known

log = logging.getLogger("egov_assess.jobs")

__all__ = ["JobError", "cancel", "job_id", "progress_text", "result", "run_job", "say", "status", "submit"]

#: What the queue itself says of a job (English in the record; :func:`say` gives it in a page's language).
STARTING, CANCELLING, CANCELLED, DONE = N_("Starting…"), N_("Cancelling…"), N_("Cancelled."), N_("Done.")
UNEXPECTED = N_("The analysis failed unexpectedly ({error}); the error was logged.")

#: Seconds between two heartbeats of a running job; a job silent for :data:`STALE` seconds has lost its worker.
HEARTBEAT = 2.0
STALE = 60.0
#: How long a finished job and its result are kept (seconds).
KEEP = 24 * 3600
STATES = ("queued", "running", "done", "failed", "cancelled")
_ID = re.compile(r"[0-9a-f]{32}")


class JobError(AssessError):
    """A job cannot be submitted (queue full, unknown kind, queue unreachable) or is unknown."""


def job_id(value) -> str | None:
    """A job id from a request value (32 hexadecimal digits), else ``None``.

    Examples
    --------
    >>> job_id("0" * 32), job_id("../../etc/passwd"), job_id(None)
    ('00000000000000000000000000000000', None, None)
    """
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


# ------------------------------------------------------------------------------------------------ backends
class _Redis:
    """Job records as Redis hashes, the waiting and running ones in a sorted set (by submission time)."""

    _CREATE = """
    local n = redis.call('ZCARD', KEYS[1])
    if n >= tonumber(ARGV[1]) then return 0 end
    redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
    redis.call('HSET', KEYS[2], unpack(cjson.decode(ARGV[4])))
    return 1"""
    _TRANSITION = """
    local state = redis.call('HGET', KEYS[1], 'state')
    if not state then return 0 end
    local allowed = cjson.decode(ARGV[1])
    if #allowed > 0 then
      local ok = false
      for _, s in ipairs(allowed) do if s == state then ok = true end end
      if not ok then return 0 end
    end
    redis.call('HSET', KEYS[1], unpack(cjson.decode(ARGV[2])))
    return 1"""

    def __init__(self, url: str):
        import redis

        self.url = url
        self.r = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5, health_check_interval=30)
        self._create = self.r.register_script(self._CREATE)
        self._transition = self.r.register_script(self._TRANSITION)

    @staticmethod
    def _key(jid: str) -> str:
        return f"egov-assess:job:{jid}"

    def create(self, job: dict, limit: int) -> bool:
        flat = [x for k, v in job.items() for x in (k, json.dumps(v))]
        return bool(self._create(keys=["egov-assess:jobs:active", self._key(job["id"])],
                                 args=[limit, job["submitted"], job["id"], json.dumps(flat)]))

    def get(self, jid: str) -> dict | None:
        raw = self.r.hgetall(self._key(jid))
        return {k.decode(): json.loads(v) for k, v in raw.items()} if raw else None

    def transition(self, jid: str, allowed: tuple, **fields) -> bool:
        flat = [x for k, v in fields.items() for x in (k, json.dumps(v))]
        states = [json.dumps(a) for a in allowed]  # fields are kept as JSON texts: '"queued"'
        return bool(self._transition(keys=[self._key(jid)], args=[json.dumps(states), json.dumps(flat)]))

    def active(self) -> list[dict]:
        ids = [i.decode() for i in self.r.zrange("egov-assess:jobs:active", 0, -1)]
        jobs = [self.get(i) for i in ids]
        gone = [i for i, j in zip(ids, jobs, strict=True) if j is None]
        if gone:
            self.r.zrem("egov-assess:jobs:active", *gone)
        return [j for j in jobs if j is not None]

    def finish(self, jid: str, data: bytes | None) -> None:
        pipe = self.r.pipeline()
        if data is not None:
            pipe.set(self._key(jid) + ":result", data, ex=KEEP)
        pipe.zrem("egov-assess:jobs:active", jid)
        pipe.expire(self._key(jid), KEEP)
        pipe.execute()

    def result(self, jid: str) -> bytes | None:
        return self.r.get(self._key(jid) + ":result")

    def same(self, key: str, jid: str | None = None) -> str | None:
        """The job id remembered for *key* (a kind and its parameters), or remember *jid* for it."""
        if jid is None:
            v = self.r.get(f"egov-assess:same:{key}")
            return v.decode() if v else None
        self.r.set(f"egov-assess:same:{key}", jid, ex=KEEP)
        return jid


class _Disk:
    """Job records in a Diskcache folder; every read-modify-write in one of its transactions."""

    def __init__(self, folder):
        import diskcache

        self.cache = diskcache.Cache(str(folder))

    def create(self, job: dict, limit: int) -> bool:
        with self.cache.transact():
            active = self.cache.get("egov-assess:active", [])
            if len(active) >= limit:
                return False
            self.cache.set(f"job:{job['id']}", job)
            self.cache.set("egov-assess:active", [*active, job["id"]])
        return True

    def get(self, jid: str) -> dict | None:
        return self.cache.get(f"job:{jid}")

    def transition(self, jid: str, allowed: tuple, **fields) -> bool:
        with self.cache.transact():
            job = self.cache.get(f"job:{jid}")
            if job is None or (allowed and job["state"] not in allowed):
                return False
            self.cache.set(f"job:{jid}", {**job, **fields})
        return True

    def active(self) -> list[dict]:
        with self.cache.transact():
            ids = self.cache.get("egov-assess:active", [])
            jobs = [self.cache.get(f"job:{i}") for i in ids]
            if any(j is None for j in jobs):
                self.cache.set("egov-assess:active", [i for i, j in zip(ids, jobs, strict=True) if j is not None])
        return [j for j in jobs if j is not None]

    def finish(self, jid: str, data: bytes | None) -> None:
        with self.cache.transact():
            if data is not None:
                self.cache.set(f"result:{jid}", data, expire=KEEP)
            self.cache.set("egov-assess:active", [i for i in self.cache.get("egov-assess:active", []) if i != jid])
            job = self.cache.get(f"job:{jid}")
            if job is not None:
                self.cache.set(f"job:{jid}", job, expire=KEEP)

    def result(self, jid: str) -> bytes | None:
        return self.cache.get(f"result:{jid}")

    def same(self, key: str, jid: str | None = None) -> str | None:
        if jid is None:
            return self.cache.get(f"same:{key}")
        self.cache.set(f"same:{key}", jid, expire=KEEP)
        return jid

    def claim(self, limit: int) -> dict | None:
        """The oldest queued job, now ``running``, if fewer than *limit* run (embedded mode only)."""
        with self.cache.transact():
            jobs = [self.cache.get(f"job:{i}") for i in self.cache.get("egov-assess:active", [])]
            jobs = [j for j in jobs if j is not None]
            if sum(j["state"] == "running" for j in jobs) >= limit:
                return None
            nxt = next((j for j in jobs if j["state"] == "queued"), None)
            if nxt is None:
                return None
            now = time.time()
            nxt = {**nxt, "state": "running", "started": now, "heartbeat": now, "message": "Starting…"}
            self.cache.set(f"job:{nxt['id']}", nxt)
        return nxt


_BACKENDS: dict[str, object] = {}
_LOCK = threading.Lock()


def backend():
    """The job store of the current settings (Redis when ``REDIS_URL`` is set, else Diskcache)."""
    url = settings.get("REDIS_URL")
    key = url or str(settings.get("EGOV_ASSESS_DASH_CACHE"))
    with _LOCK:
        b = _BACKENDS.get(key)
        if b is None:
            b = _Redis(url) if url else _Disk(key)
            _BACKENDS[key] = b
        return b


def forget_backends() -> None:
    """Drop the connections (after a fork)."""
    with _LOCK:
        _BACKENDS.clear()


def _unreachable(exc: Exception) -> JobError:
    return JobError(f"The job queue cannot be reached ({type(exc).__name__}: {str(exc)[:120]}). The analysis "
                    "was not started; try again, or tell the administrator (REDIS_URL).")


# ------------------------------------------------------------------------------------------------ API
def submit(kind: str, params: dict, *, owner: str | None = None) -> str:
    """Queue a job of *kind* (:data:`service.tasks.KINDS`) with JSON *params*; return its id.

    Raises :class:`JobError` when the queue is full (``EGOV_ASSESS_MAX_QUEUED`` waiting) or unreachable.
    """
    from service.tasks import KINDS

    if kind not in KINDS:
        raise JobError(f"Unknown job kind {str(kind)[:40]!r}; expected one of {', '.join(KINDS)}.")
    same = hashlib.sha256(json.dumps([kind, params], sort_keys=True).encode()).hexdigest()[:32]
    b = backend()
    try:
        earlier = job_id(b.same(same))
        if earlier:
            job = b.get(earlier)
            if job is not None and (job["state"] in ("queued", "running")
                                    or (job["state"] == "done" and b.result(earlier) is not None)):
                return earlier  # the same analysis is under way, or done within the day: its result is shared
        jid = secrets.token_hex(16)
        job = {"id": jid, "kind": kind, "params": params, "owner": owner, "state": "queued", "progress": 0,
               "message": "Waiting for a free slot…", "submitted": time.time(), "started": None, "finished": None,
               "heartbeat": None, "error": None, "cancel": False}
        limit = settings.get("EGOV_ASSESS_MAX_QUEUED") + settings.get("EGOV_ASSESS_MAX_JOBS")
        if not b.create(job, limit):
            raise JobError(f"{limit} analyses are already waiting or running (limits EGOV_ASSESS_MAX_JOBS = "
                           f"{settings.get('EGOV_ASSESS_MAX_JOBS')} and EGOV_ASSESS_MAX_QUEUED = "
                           f"{settings.get('EGOV_ASSESS_MAX_QUEUED')}): try again in a minute.")
        b.same(same, jid)
        if isinstance(b, _Redis):
            from service.celery_app import QUEUE, for_url

            for_url(b.url).send_task("egov_assess.run_job", args=[jid], task_id=jid, queue=QUEUE)
        else:
            _ensure_dispatcher()
    except JobError:
        raise
    except Exception as exc:  # Redis down, disk full: said, never a traceback
        raise _unreachable(exc) from exc
    log.info("job %s (%s) submitted by %s", jid, kind, owner or "a visitor")
    return jid


def status(jid: str) -> dict:
    """Where job *jid* is: ``state``, ``progress`` (0-100), ``message``, ``error``, ``ahead`` (jobs queued before
    it), ``kind``, ``params``, times. A running job whose heartbeat stopped is marked ``failed`` here."""
    key = job_id(jid)
    if key is None:
        raise JobError("Unknown job: expected a job id (32 hexadecimal digits).")
    b = backend()
    try:
        job = b.get(key)
        if job is None:
            raise JobError("This job is unknown or was finished more than a day ago: run it again.")
        now = time.time()
        if job["state"] == "running" and now - (job.get("heartbeat") or job.get("started") or now) > STALE:
            if b.transition(key, ("running",), state="failed", finished=now,
                            error="The worker running this job stopped (it was restarted or killed) before it "
                                  "finished. Run it again."):
                b.finish(key, None)
                log.warning("job %s lost its worker", key)
            job = b.get(key)
        job["ahead"] = 0
        if job["state"] == "queued":
            active = b.active()
            job["ahead"] = sum(1 for j in active if j["state"] == "queued" and j["submitted"] < job["submitted"])
            job["running"] = sum(1 for j in active if j["state"] == "running")
            if isinstance(b, _Disk):
                _ensure_dispatcher()
    except JobError:
        raise
    except Exception as exc:
        raise _unreachable(exc) from exc
    return job


def cancel(jid: str) -> bool:
    """Cancel job *jid*: a queued one never starts, a running one is stopped within :data:`HEARTBEAT` seconds.
    Returns whether it was queued or running."""
    key = job_id(jid)
    if key is None:
        return False
    b = backend()
    try:
        if b.transition(key, ("queued",), state="cancelled", cancel=True, finished=time.time(),
                        message=CANCELLED):
            b.finish(key, None)
            return True
        return b.transition(key, ("running",), cancel=True, message=CANCELLING)
    except Exception as exc:
        raise _unreachable(exc) from exc


def result(jid: str) -> bytes:
    """The result of a ``done`` job (a :class:`JobError` otherwise)."""
    job = status(jid)
    if job["state"] != "done":
        raise JobError(f"This job is {job['state']}: it has no result.")
    data = backend().result(jid)
    if data is None:
        raise JobError("This job's result was removed (results are kept a day): run it again.")
    return data


# ------------------------------------------------------------------------------------------------ running
def run_job(jid: str, *, claimed: bool = False) -> str:
    """Run job *jid* here (a Celery task or an embedded job process); return the state it ended in.

    A heartbeat thread writes every :data:`HEARTBEAT` seconds and ends the process when the job is cancelled
    (the job's memory goes with it: a robustness run may use a gigabyte).
    """
    from service.tasks import KINDS

    b = backend()
    now = time.time()
    if not claimed and not b.transition(jid, ("queued",), state="running", started=now, heartbeat=now,
                                        message=STARTING):
        return (b.get(jid) or {}).get("state", "unknown")  # cancelled meanwhile, or taken already
    job = b.get(jid)
    stop = threading.Event()

    def beat():
        while not stop.wait(HEARTBEAT):
            current = b.get(jid) or {}
            if current.get("cancel"):
                b.transition(jid, ("running",), state="cancelled", finished=time.time(), message=CANCELLED)
                b.finish(jid, None)
                log.info("job %s cancelled while running", jid)
                os._exit(0)
            b.transition(jid, ("running",), heartbeat=time.time())

    def progress(percent: float, message: str) -> None:
        b.transition(jid, ("running",), progress=int(max(0, min(100, percent))), message=str(message)[:200],
                     heartbeat=time.time())

    thread = threading.Thread(target=beat, name=f"job-{jid[:8]}-heartbeat", daemon=True)
    thread.start()
    try:
        data = KINDS[job["kind"]](job["params"], progress)
    except AssessError as exc:
        state, fields, data = "failed", {"error": str(exc)}, None
    except Exception as exc:  # logged with its traceback; the page says what failed, not how
        log.exception("job %s (%s) failed", jid, job["kind"])
        state, fields, data = "failed", {"error": UNEXPECTED.format(error=type(exc).__name__)}, None
    else:
        state, fields = "done", {"progress": 100, "message": DONE}
    finally:
        stop.set()
        thread.join()
    if state == "done":
        b.finish(jid, data)  # the result first: a page that sees "done" finds it
    if b.transition(jid, ("running",), state=state, finished=time.time(), **fields) and state != "done":
        b.finish(jid, None)
    return state


# ------------------------------------------------------------------------------------------------ embedded
_DISPATCHER: dict[int, threading.Thread] = {}


def _ensure_dispatcher() -> None:
    """Start this process's dispatcher thread (embedded mode), once per process (also after a fork)."""
    pid = os.getpid()
    t = _DISPATCHER.get(pid)
    if t is not None and t.is_alive():
        return
    with _LOCK:
        t = _DISPATCHER.get(pid)
        if t is None or not t.is_alive():
            t = threading.Thread(target=_dispatch, name="egov-assess-jobs", daemon=True)
            _DISPATCHER[pid] = t
            t.start()


def _dispatch(poll: float = 0.5) -> None:
    import multiprocessing as mp

    ctx = mp.get_context("forkserver")
    # the fork server imports the library once; every job process forks from it ready to compute
    ctx.set_forkserver_preload(["service.tasks", "assess", "assess.data.export"])
    try:
        from multiprocessing import forkserver

        forkserver.ensure_running()
    except Exception:  # it is started again on the first job
        log.exception("could not start the job fork server")
    while True:
        try:
            b = backend()
            if not isinstance(b, _Disk):
                return
            job = b.claim(settings.get("EGOV_ASSESS_MAX_JOBS"))
            if job is None:
                mp.active_children()  # reaps finished job processes
                time.sleep(poll)
                continue
            ctx.Process(target=_run_claimed, args=(job["id"], dict(_job_env())), name=f"job-{job['id'][:8]}",
                        daemon=False).start()
        except Exception:  # the dispatcher must not die: a failed start is logged and the loop goes on
            log.exception("job dispatcher")
            time.sleep(poll * 4)


def _job_env() -> dict:
    names = [s.name for s in settings.SETTINGS]
    return {k: v for k, v in os.environ.items() if k in names}


def _run_claimed(jid: str, env: dict) -> None:
    os.environ.update(env)
    forget_backends()
    run_job(jid, claimed=True)


def progress_text(job: dict, lang: str = "en") -> str:
    """One line for the page, in ``lang``: where the job is.

    Examples
    --------
    >>> progress_text({"state": "queued", "ahead": 2, "message": "Waiting"})
    'Queued: 2 jobs ahead of this one.'
    >>> progress_text({"state": "running", "progress": 40, "message": "Sensitivity: Sobol indices…"})
    '40 %: Sensitivity: Sobol indices…'
    >>> progress_text({"state": "running", "progress": 5, "message": "Monte Carlo: 5,000 random choices of weights "
    ...                "and methods…"}, "az")
    '5 %: Monte-Karlo: çəkilərin və metodların 5.000 təsadüfi seçimi…'
    """
    state = job["state"]
    if state == "queued":
        ahead = job.get("ahead", 0)
        return t("Queued: next to start.", lang) if not ahead else \
            tn("Queued: {n} job ahead of this one.", "Queued: {n} jobs ahead of this one.", ahead, lang)
    if state == "running":
        return t("{percent} %: {message}", lang, percent=job.get("progress", 0),
                 message=say(job.get("message"), lang) or t("running…", lang))
    said = say(job.get("error") or job.get("message"), lang)
    return said or (translated(STATE_WORDS[state], lang) if state in STATE_WORDS else str(state))


#: The states in words (a job without a message says its state).
STATE_WORDS = {"queued": N_("queued"), "running": N_("running"), "done": N_("done"), "failed": N_("failed"),
               "cancelled": N_("cancelled")}
_PLACEHOLDER = re.compile(r"\\\{(\w+)(?:![rsa])?(?::[^}]*)?\\\}")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def _sentences() -> list[tuple[str, re.Pattern]]:
    """Each sentence with values a job may say (:data:`service.tasks.SENTENCES`, :data:`UNEXPECTED`) as a pattern
    that finds its values again."""
    from service.tasks import SENTENCES

    return [(s, re.compile(_PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(s)))) for s in (*SENTENCES, UNEXPECTED)
            if "{" in s]


def say(message, lang: str = "en") -> str:
    """A job's message or error (English, as the job wrote it) in ``lang``: a sentence of the catalogues translated
    with its values; anything else (the library's own error, naming a file or key) as written.

    Examples
    --------
    >>> say("Cancelled.", "az"), say("Writing every indicator to XLSX (the longest step)…", "az")
    ('Ləğv edildi.', 'Bütün göstəricilər XLSX formatında yazılır (ən uzun addım)…')
    >>> say("store: no such file 'x.csv'.", "az")
    "store: no such file 'x.csv'."
    """
    if not isinstance(message, str) or not message or lang == "en":
        return message if isinstance(message, str) else ""
    if known(message):
        return translated(message, lang)
    for sentence, pattern in _sentences():
        m = pattern.fullmatch(message)
        if m:
            values = {k: int(v.replace(",", "")) if _GROUPED.fullmatch(v) else v for k, v in m.groupdict().items()}
            return translated(sentence, lang, **values)
    return message

"""Real servers for the tests: PostgreSQL, Redis, a Celery worker and gunicorn, each on a free loopback port.

Each is started by the test session from the programs ``make test`` installs (Debian ``postgresql`` and
``redis-server``, pip ``celery`` and ``gunicorn``), in a temporary folder, and stopped afterwards: no system
service is used or needed. A missing program **fails** the test that needs it (it never skips).

Fixtures (import them into a test module: ``from tests.services import postgres_url, redis_url``):

``postgres_server`` (session)
    ``initdb`` + ``pg_ctl start`` in a temporary folder (as the ``postgres`` account when the tests run as
    root: PostgreSQL refuses to run as root); yields its base URL ``postgresql+psycopg://egov@127.0.0.1:PORT``.
``postgres_url`` (function)
    A fresh, empty database on that server for one test (``…/t_<n>``).
``redis_server`` (session)
    ``redis-server`` without persistence; yields ``redis://127.0.0.1:PORT``.
``redis_url`` (function)
    A database of that server (``/1``) flushed before the test.

``start_celery_worker(env, folder)`` and ``stop`` start and stop a worker (``celery -A service.celery_app
worker``) for the tests that restart or kill it.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def program(name: str, *, package: str, also: str | None = None) -> str:
    """The path of *name* (on PATH, or in *also*, a glob); the test fails naming the Debian package if missing."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(also or ""), reverse=True)), None)
    if not found:
        pytest.fail(f"{name} is not installed: run `make test` (it installs the Debian package {package}) "
                    f"or apt-get install {package}")
    return found


def wait_for(check, timeout: float, what: str, proc: subprocess.Popen | None = None, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            text = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"{what} exited with {proc.returncode}:\n{text}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    text = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} not ready within {timeout} s\n{text}")


def stop(proc: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 20) -> None:
    """Stop a process group started with ``start_new_session=True`` (the worker's children too)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=timeout)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


# ------------------------------------------------------------------------------------------------ PostgreSQL
@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of its own (temporary cluster, trust authentication on loopback only)."""
    pattern = "/usr/lib/postgresql/*/bin/"
    initdb = program("initdb", package="postgresql", also=pattern + "initdb")
    pg_ctl = program("pg_ctl", package="postgresql", also=pattern + "pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="egov-pg-"))
    run_as: dict = {}
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("the postgres account is missing: apt-get install postgresql creates it")
        os.chown(folder, pw.pw_uid, pw.pw_gid)
        run_as = {"user": pw.pw_uid, "group": pw.pw_gid}
    data, port = folder / "data", free_port()
    out = subprocess.run([initdb, "-D", str(data), "-U", "egov", "-A", "trust", "--no-sync", "-E", "UTF8",
                          "--locale=C"], capture_output=True, text=True, **run_as)
    assert out.returncode == 0, out.stdout + out.stderr
    log = folder / "server.log"
    opts = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    out = subprocess.run([pg_ctl, "-D", str(data), "-l", str(log), "-o", opts, "-w", "-t", "60", "start"],
                         capture_output=True, text=True, **run_as)
    assert out.returncode == 0, out.stdout + out.stderr + (log.read_text() if log.exists() else "")
    try:
        wait_for(lambda: _port_open(port), 30, "PostgreSQL", log=log)
        yield f"postgresql+psycopg://egov@127.0.0.1:{port}"
    finally:
        subprocess.run([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True, **run_as)
        shutil.rmtree(folder, ignore_errors=True)


_DB_NUMBERS = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server):
    """A new empty database of :func:`postgres_server` for this test."""
    import psycopg

    name = f"t_{os.getpid()}_{next(_DB_NUMBERS)}"
    base = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server}/{name}"
    from assess.strategy import db

    db.dispose_engines()


# ------------------------------------------------------------------------------------------------ Redis
@pytest.fixture(scope="session")
def redis_server():
    """A redis-server of its own (no persistence, loopback only)."""
    exe = program("redis-server", package="redis-server")
    folder = Path(tempfile.mkdtemp(prefix="egov-redis-"))
    port = free_port()
    log = folder / "redis.log"
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--save", "",
                             "--appendonly", "no", "--logfile", str(log), "--daemonize", "no"],
                            start_new_session=True)
    try:
        wait_for(lambda: _port_open(port), 20, "redis-server", proc=proc, log=log)
        yield f"redis://127.0.0.1:{port}"
    finally:
        stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def redis_url(redis_server):
    """Database 1 of :func:`redis_server`, empty."""
    import redis

    url = f"{redis_server}/1"
    redis.Redis.from_url(url).flushdb()
    return url


# ------------------------------------------------------------------------------------------------ Celery
def start_celery_worker(env: dict, folder: Path, *, concurrency: int = 2, name: str = "w1") -> subprocess.Popen:
    """``celery -A service.celery_app worker`` with *env*; returns when it is ready to take jobs."""
    program("celery", package="celery (pip)", also=str(Path(sys.executable).parent / "celery"))
    log = folder / f"celery-{name}.log"
    proc = subprocess.Popen([sys.executable, "-m", "celery", "-A", "service.celery_app", "worker",
                             "--concurrency", str(concurrency), "--hostname", f"{name}@%h", "--loglevel", "INFO",
                             "--without-gossip", "--without-mingle"],
                            cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, stdout=open(log, "ab"),  # noqa: SIM115
                            stderr=subprocess.STDOUT, start_new_session=True)
    wait_for(lambda: " ready." in log.read_text(errors="replace"), 90, "the Celery worker", proc=proc, log=log)
    proc.log = log
    return proc

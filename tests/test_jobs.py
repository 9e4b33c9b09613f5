"""Background jobs on a real redis-server with a real Celery worker, and embedded (Diskcache) without them:
bounded queue, at most N at once, progress, cancel, a worker restarted or killed while it works."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from service import jobs, tasks
from tests.services import redis_server, redis_url, start_celery_worker, stop  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("services")]


def wait(jid: str, states=("done", "failed", "cancelled"), timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = jobs.status(jid)
        if job["state"] in states:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {jid} still {jobs.status(jid)['state']} after {timeout} s")


@pytest.fixture
def env(tmp_path, monkeypatch):
    """Settings of the test process and of the workers it starts."""
    values = {"EGOV_ASSESS_VAR": str(tmp_path / "var"), "EGOV_ASSESS_MAX_JOBS": "1", "EGOV_ASSESS_MAX_QUEUED": "2",
              "EGOV_ASSESS_WARM": "0"}
    for k, v in values.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(jobs, "STALE", 8.0)  # the web side declares a silent job lost after 8 s here
    return values


@pytest.fixture
def celery_env(env, redis_url, monkeypatch):  # noqa: F811
    monkeypatch.setenv("REDIS_URL", redis_url)
    return {**os.environ, **env, "REDIS_URL": redis_url}


def test_a_job_runs_on_a_celery_worker_with_progress(celery_env, tmp_path):
    worker = start_celery_worker(celery_env, tmp_path)
    try:
        jid = jobs.submit("check", {"seconds": 3, "tag": "progress"}, owner="leyla")
        seen = set()
        deadline = time.monotonic() + 60
        while (job := jobs.status(jid))["state"] != "done" and time.monotonic() < deadline:
            seen.add((job["state"], job.get("progress")))
            time.sleep(0.3)
        assert job["state"] == "done" and job["owner"] == "leyla"
        assert any(s == "running" and 0 < (p or 0) < 100 for s, p in seen), seen  # progress was reported
        out = json.loads(jobs.result(jid))
        assert out["ok"] and out["pid"] != os.getpid()  # ran in the worker, not here
        # the same job asked again is not run again: same id, same result
        assert jobs.submit("check", {"seconds": 3, "tag": "progress"}) == jid
        # a real analysis through the worker: the robustness job of the Robustness page
        rid = jobs.submit("robustness", {"edition": 2024, "n": 1000, "weight_range": 0.5})
        assert wait(rid, timeout=120)["state"] == "done"
        params, table, sobol = tasks.robustness_result(jobs.result(rid))
        assert params == {"edition": 2024, "n": 1000, "weight_range": 0.5}
        assert table.loc["DNK", "nominal_rank"] == 1 and len(table) == 193
        assert set(sobol.index) == {"w_osi", "w_hci", "w_tii", "normalise", "aggregate"}
    finally:
        stop(worker)


def test_the_queue_is_bounded_and_jobs_wait_for_a_worker(celery_env, tmp_path):
    """No worker yet: jobs wait in Redis (MAX_JOBS 1 + MAX_QUEUED 2 = 3), the fourth is refused; a cancelled one
    never runs; the others run when a worker comes, one at a time."""
    ids = [jobs.submit("check", {"seconds": 1, "tag": str(k)}) for k in range(3)]
    with pytest.raises(jobs.JobError, match=r"3 analyses are already waiting or running \(limits "
                                            r"EGOV_ASSESS_MAX_JOBS = 1 and EGOV_ASSESS_MAX_QUEUED = 2\): try again"):
        jobs.submit("check", {"seconds": 1, "tag": "too many"})
    assert [jobs.status(i)["ahead"] for i in ids] == [0, 1, 2]
    assert jobs.progress_text(jobs.status(ids[2])) == "Queued: 2 jobs ahead of this one."
    assert jobs.cancel(ids[1]) is True and jobs.status(ids[1])["state"] == "cancelled"
    worker = start_celery_worker(celery_env, tmp_path, concurrency=1)
    try:
        running_at_once = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            states = [jobs.status(i)["state"] for i in ids]
            running_at_once = max(running_at_once, states.count("running"))
            if states[0] == states[2] == "done":
                break
            time.sleep(0.1)
        assert [jobs.status(i)["state"] for i in ids] == ["done", "cancelled", "done"]
        assert running_at_once == 1
        assert json.loads(jobs.result(ids[0]))["tag"] == "0" and json.loads(jobs.result(ids[2]))["tag"] == "2"
        with pytest.raises(jobs.JobError, match="This job is cancelled: it has no result"):
            jobs.result(ids[1])
    finally:
        stop(worker)


def test_a_job_survives_a_worker_restart_or_is_reported_failed(celery_env, tmp_path):
    worker = start_celery_worker(celery_env, tmp_path, concurrency=1)
    # 1. a graceful restart (SIGTERM) while a job runs: the worker finishes it first; the queued one waits
    first = jobs.submit("check", {"seconds": 4, "tag": "graceful"})
    queued = jobs.submit("check", {"seconds": 1, "tag": "queued"})
    wait(first, states=("running",))
    os.kill(worker.pid, signal.SIGTERM)
    worker.wait(timeout=60)
    assert jobs.status(first)["state"] == "done"
    assert jobs.status(queued)["state"] == "queued"  # kept in Redis for the next worker
    worker = start_celery_worker(celery_env, tmp_path, concurrency=1, name="w2")
    assert wait(queued)["state"] == "done"
    # 2. killed (kill -9, the worker and its job process) in the middle of a job: reported failed, not stuck
    lost = jobs.submit("check", {"seconds": 30, "tag": "killed"})
    wait(lost, states=("running",))
    stop(worker, signal.SIGKILL)
    job = wait(lost, states=("failed",), timeout=30)
    assert "The worker running this job stopped" in job["error"] and "Run it again" in job["error"]
    # 3. the next worker takes new jobs
    worker = start_celery_worker(celery_env, tmp_path, concurrency=1, name="w3")
    try:
        assert wait(jobs.submit("check", {"seconds": 1, "tag": "after"}))["state"] == "done"
        assert jobs.status(lost)["state"] == "failed"  # the lost job stays failed (not run twice in the dark)
    finally:
        stop(worker)


def test_a_running_job_is_cancelled_and_the_worker_goes_on(celery_env, tmp_path):
    worker = start_celery_worker(celery_env, tmp_path, concurrency=1)
    try:
        jid = jobs.submit("check", {"seconds": 30, "tag": "cancel me"})
        wait(jid, states=("running",))
        t = time.monotonic()
        assert jobs.cancel(jid) is True
        assert wait(jid, states=("cancelled",), timeout=15)["state"] == "cancelled"
        assert time.monotonic() - t < jobs.HEARTBEAT + 5
        assert wait(jobs.submit("check", {"seconds": 0, "tag": "next"}))["state"] == "done"
    finally:
        stop(worker)


def test_unreachable_redis_is_a_clear_message(env, monkeypatch):
    from tests.services import free_port

    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    with pytest.raises(jobs.JobError, match="The job queue cannot be reached .* The analysis was not started"):
        jobs.submit("check", {"seconds": 0})


def test_ids_and_kinds_are_checked(env):
    with pytest.raises(jobs.JobError, match="Unknown job kind 'rm -rf'"):
        jobs.submit("rm -rf", {})
    with pytest.raises(jobs.JobError, match="expected a job id"):
        jobs.status("../../etc/passwd")
    assert jobs.cancel("x" * 5000) is False


# ------------------------------------------------------------------------------------------ embedded
def test_embedded_jobs_run_in_processes_of_the_server_one_at_a_time(env):
    """Without REDIS_URL: Diskcache and a dispatcher thread; MAX_JOBS = 1 holds across jobs."""
    a = jobs.submit("check", {"seconds": 2, "tag": "a"})
    b = jobs.submit("check", {"seconds": 1, "tag": "b"})
    both_running = False
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        sa, sb = jobs.status(a)["state"], jobs.status(b)["state"]
        both_running |= sa == sb == "running"
        if sa == sb == "done":
            break
        time.sleep(0.1)
    assert (sa, sb) == ("done", "done") and not both_running
    assert json.loads(jobs.result(a))["pid"] != os.getpid()
    c = jobs.submit("check", {"seconds": 30, "tag": "c"})
    wait(c, states=("running",))
    assert jobs.cancel(c) and wait(c, states=("cancelled",), timeout=15)["state"] == "cancelled"


def test_the_full_store_export_is_a_job_and_its_file_is_downloaded(env, monkeypatch):
    """The Data page's 10–40 s workbook: a job, then ``/jobs/<id>/download``."""
    import io

    monkeypatch.setattr(jobs, "STALE", 60.0)  # a loaded machine may starve the heartbeat for seconds

    import flask
    import openpyxl

    from service import web

    jid = jobs.submit("store_export", {"format": "xlsx"})
    assert jobs.submit("store_export", {"format": "xlsx"}) == jid  # asked twice: one job
    assert wait(jid, timeout=300)["state"] == "done"
    server = flask.Flask("download-test")
    web.install(server)
    client = server.test_client()
    r = client.get(f"/jobs/{jid}/download")
    assert r.status_code == 200 and "egov_assess_indicators.xlsx" in r.headers["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.data), read_only=True)
    ws = wb[wb.sheetnames[0]]
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    assert header[:4] == ["iso3", "country", "year", "source"]
    assert client.get("/jobs/../../etc/passwd/download").status_code == 404
    check = jobs.submit("check", {"seconds": 0})
    wait(check)
    assert "this job makes no file" in client.get(f"/jobs/{check}/download").get_data(as_text=True)
    assert client.get(f"/jobs/{'0' * 32}/download").status_code == 404

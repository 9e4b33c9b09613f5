"""``make serve`` over real HTTP: gunicorn workers, compressed responses, and who may change what — an anonymous
request cannot change anything, roles are enforced on the server, every change records who."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import psutil
import pytest
import requests

from assess.frameworks import load_framework
from assess.strategy import store, users
from service import auth
from tests.conftest import ROOT
from tests.services import free_port, stop, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``python -m service serve`` (what ``make serve`` runs) on a free port, 2 workers, with three accounts."""
    tmp = tmp_path_factory.mktemp("serve")
    db = tmp / "var" / "assessments.sqlite3"
    env = {**os.environ, "PORT": str(free_port()), "EGOV_ASSESS_VAR": str(tmp / "var"), "EGOV_ASSESS_WARM": "0",
           "EGOV_ASSESS_WORKERS": "2", "EGOV_ASSESS_THREADS": "2", "PYTHONPATH": str(ROOT)}
    for k in ("DASH_DEBUG", "REDIS_URL", "DATABASE_URL", "EGOV_ASSESS_DB", "EGOV_ASSESS_AUTH"):
        env.pop(k, None)
    for name, role in (("vera", "viewer"), ("leyla", "analyst"), ("rashad", "analyst"), ("boss", "admin")):
        users.add_user(name, role, password_hash=auth.hash_password(PASSWORD), db=db, user="setup")
    log = tmp / "gunicorn.log"
    proc = subprocess.Popen([sys.executable, "-m", "service", "serve"], cwd=ROOT, env=env,
                            stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True)  # noqa: SIM115
    url = f"http://127.0.0.1:{env['PORT']}"

    def up():
        return requests.get(url + "/", timeout=2).status_code == 200

    try:
        wait_for(up, 120, "make serve (gunicorn)", proc=proc, log=log)
        yield {"url": url, "db": db, "proc": proc, "log": log}
    finally:
        stop(proc)
    assert "Traceback" not in log.read_text(errors="replace"), log.read_text(errors="replace")[-3000:]


def deps(s: requests.Session, url: str) -> list:
    return s.get(url + "/_dash-dependencies", timeout=20).json()


def body(dependencies: list, output_part: str, values: dict, changed: str) -> dict:
    """A callback request as the browser sends it: *values* by ``id.property`` (a list for ALL patterns)."""
    cb = min((d for d in dependencies if output_part in d["output"]
              and any(f"{i['id']}.{i['property']}" == changed for i in d["inputs"])), key=lambda d: len(d["output"]))

    def item(d):
        i = json.loads(d["id"]) if isinstance(d["id"], str) and d["id"].startswith("{") else d["id"]
        key = i if isinstance(i, str) else _pattern(i)
        return values.get(f"{key}.{d['property']}", {**d, "value": None})

    outs = []
    for part in cb["output"].strip(".").split("..."):
        i, p = part.rsplit(".", 1) if not part.startswith("{") else (part[:part.rindex("}") + 1],
                                                                     part[part.rindex("}") + 2:])
        outs.append({"id": json.loads(i) if i.startswith("{") else i, "property": p.split("@")[0]})
    return {"output": cb["output"], "outputs": outs if cb["output"].startswith("..") else outs[0],
            "inputs": [item(d) for d in cb["inputs"]], "state": [item(d) for d in cb["state"]],
            "changedPropIds": [changed]}


def _pattern(i: dict) -> str:
    return json.dumps(i, sort_keys=True, separators=(",", ":"))


def strategy_values(name="Department draft", current_id=None, version=None, vision=3) -> dict:
    criteria = [c.id for c in load_framework("strategic_structure").criteria]
    level = _pattern({"criterion": ["ALL"], "type": "strategy-level"})
    evidence = _pattern({"criterion": ["ALL"], "type": "strategy-evidence"})
    v = {f"{level}.value": [{"id": {"criterion": c, "type": "strategy-level"}, "property": "value",
                             "value": vision if c == "vision" else None} for c in criteria],
         f"{evidence}.value": [{"id": {"criterion": c, "type": "strategy-evidence"}, "property": "value",
                                "value": "p. 2" if c == "vision" else ""} for c in criteria]}
    for key, value in {"strategy-save.n_clicks": 1, "strategy-save-new.n_clicks": None, "strategy-name.value": name,
                       "strategy-country.value": "AZE", "strategy-id.data": current_id,
                       "strategy-version.data": version, "strategy-reference.value": "singapore_dgb",
                       "strategy-saved.value": current_id, "strategy-load.n_clicks": None,
                       "strategy-delete.n_clicks": 1, "strategy-delete-confirm.n_clicks": 1,
                       "strategy-delete-cancel.n_clicks": None}.items():
        i, p = key.rsplit(".", 1)
        v[key] = {"id": i, "property": p, "value": value}
    return v


def post(s: requests.Session, url: str, payload: dict, **headers) -> requests.Response:
    return s.post(url + "/_dash-update-component", json=payload, timeout=60, headers=headers)


def signed_in(url: str, name: str, password: str = PASSWORD) -> requests.Session:
    s = requests.Session()
    r = s.post(url + "/login", data={"name": name, "password": password, "next": "/strategy"},
               allow_redirects=False, timeout=20)
    assert r.status_code == 303 and r.headers["Location"] == "/strategy", r.text[:500]
    assert s.get(url + "/api/whoami", timeout=10).json()["user"] == name
    return s


# ------------------------------------------------------------------------------------------ serving
def test_make_serve_is_gunicorn_with_workers_and_compressed_responses(served):
    url = served["url"]
    master = psutil.Process(served["proc"].pid)
    assert "gunicorn" in " ".join(master.cmdline()) or "service" in " ".join(master.cmdline())
    # EGOV_ASSESS_WORKERS: the master forks its workers one by one; the first may answer before the second exists
    wait_for(lambda: len(master.children()) >= 2, 60, "the second gunicorn worker", proc=served["proc"],
             log=served["log"])
    assert len(master.children()) == 2
    r = requests.get(url + "/", headers={"Accept-Encoding": "br"}, timeout=20)
    assert r.headers["Content-Encoding"] == "br" and "<title>egov-assess</title>" in r.text
    assert r.headers["Server"] == "egov-assess" and "script-src 'self'" in r.headers["Content-Security-Policy"]
    script = next(part.split('"')[0] for part in r.text.split('src="')[1:] if "_dash-component-suites" in part)
    plain = requests.get(url + script, headers={"Accept-Encoding": "identity"}, timeout=20)
    small = requests.get(url + script, headers={"Accept-Encoding": "gzip, deflate, br"}, timeout=20)
    assert small.headers["Content-Encoding"] == "br" and small.content == plain.content  # decoded by requests
    assert int(small.headers["Content-Length"]) < len(plain.content) / 2
    s = requests.Session()
    b = body(deps(s, url), "home-ranking.rowData", {"home-index.value": {"id": "home-index", "property": "value",
                                                                      "value": "egdi"}}, "home-index.value")
    r = post(s, url, b, **{"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["Content-Encoding"] == "gzip" and "response" in r.json()


def test_one_thread_workers_take_requests_from_the_shared_queue(monkeypatch):
    from service import serve

    monkeypatch.delenv("EGOV_ASSESS_THREADS", raising=False)
    assert serve.options()["worker_class"] == "sync"  # the default: no worker holds a browser's connection
    monkeypatch.setenv("EGOV_ASSESS_THREADS", "4")
    o = serve.options()
    assert (o["worker_class"], o["threads"], o["keepalive"]) == ("gthread", 4, 5)


# ------------------------------------------------------------------------------------------ who may change what
def test_an_anonymous_request_cannot_change_anything(served):
    url, db = served["url"], served["db"]
    first = store.save_assessment({"rubric": "strategic_structure", "answers": {"vision": {"level": 1}}},
                                  name="Leyla's", country="AZE", db=db, user="leyla")
    before = store.export_assessments(db)["assessments"]
    s = requests.Session()
    d = deps(s, url)
    # save as new, save over, delete (asked and confirmed directly), through the callbacks a page uses
    r = post(s, url, body(d, "strategy-save-message", strategy_values(), "strategy-save.n_clicks"))
    assert r.status_code == 200 and "Sign in to save an assessment" in r.text
    v = strategy_values(name="overwritten", current_id=first, version=1)
    assert "Sign in to save" in post(s, url, body(d, "strategy-save-message", v, "strategy-save.n_clicks")).text
    assert "Sign in to delete" in post(s, url, body(d, "strategy-nav.search", v, "strategy-delete.n_clicks")).text
    r = post(s, url, body(d, "strategy-delete-modal.is_open", v, "strategy-delete-confirm.n_clicks"))
    assert "Sign in to delete" in r.text
    # the JSON API
    assert s.post(url + "/api/assessments/import", json={"format": "egov-assess assessments", "assessments": []},
                  timeout=20).status_code == 403
    assert s.get(url + "/api/assessments/export", timeout=20).status_code == 401
    assert s.get(url + "/api/assessments", timeout=20).json()[0]["name"] == "Leyla's"  # reading is free
    # a forged session cookie is not a session
    s.cookies.set("egov_assess_session", "eyJ1c2VyIjoiYm9zcyJ9.forged.signature")
    assert s.get(url + "/api/whoami", timeout=10).json()["user"] is None
    assert "Sign in to save" in post(s, url, body(d, "strategy-save-message", v, "strategy-save.n_clicks")).text
    after = store.export_assessments(db)["assessments"]
    assert after == before  # nothing changed: same assessments, versions, authors


def test_roles_are_enforced_and_every_change_records_who(served):
    url, db = served["url"], served["db"]
    d = deps(requests.Session(), url)
    bad = requests.post(url + "/login", data={"name": "leyla", "password": "wrong password!"}, timeout=20)
    assert bad.status_code == 401 and "Wrong name or password." in bad.text
    viewer = signed_in(url, "vera")
    r = post(viewer, url, body(d, "strategy-save-message", strategy_values(name="viewer's"), "strategy-save.n_clicks"))
    assert "vera (viewer) may not save an assessment: only analysts and administrators can." in r.text
    leyla = signed_in(url, "leyla")
    r = post(leyla, url, body(d, "strategy-save-message", strategy_values(name="By Leyla"), "strategy-save.n_clicks"))
    assert "strategy-id" in r.json()["response"], r.text[:1500]
    new_id = r.json()["response"]["strategy-id"]["data"]
    got = store.load_assessment(new_id, db=db)
    assert (got["name"], got["created_by"], got["version"]) == ("By Leyla", "leyla", 1)
    # rashad (analyst) edits it: a new version by rashad; leyla's stale save is refused with his name
    rashad = signed_in(url, "rashad")
    post(rashad, url, body(d, "strategy-save-message", strategy_values("By Leyla, edited", new_id, 1, vision=4),
                           "strategy-save.n_clicks"))
    r = post(leyla, url, body(d, "strategy-save-message", strategy_values("By Leyla, old tab", new_id, 1),
                              "strategy-save.n_clicks"))
    assert "was changed by rashad at" in r.text and "reload, or save as new" in r.text
    assert store.load_assessment(new_id, db=db)["version"] == 2
    # rashad may not delete leyla's assessment; the admin may; the history says who did what
    v = strategy_values(current_id=new_id, version=2)
    r = post(rashad, url, body(d, "strategy-delete-modal.is_open", v, "strategy-delete-confirm.n_clicks"))
    assert "only its author or an administrator can delete it" in r.text
    r = post(rashad, url, body(d, "strategy-nav.search", v, "strategy-delete.n_clicks"))
    assert "only its author or an administrator" in r.text  # the confirmation is not even offered
    boss = signed_in(url, "boss")
    r = post(boss, url, body(d, "strategy-nav.search", v, "strategy-delete.n_clicks"))
    assert r.json()["response"]["strategy-delete-modal"]["is_open"] is True and "Delete assessment #" in r.text
    r = post(boss, url, body(d, "strategy-delete-modal.is_open", v, "strategy-delete-confirm.n_clicks"))
    assert f"Deleted assessment #{new_id} (its versions are kept)" in r.text
    h = store.assessment_history(new_id, db=db)
    assert list(zip(h["action"], h["saved_by"], strict=True)) == [("create", "leyla"), ("update", "rashad"),
                                                                  ("delete", "boss")]
    # the backup API is for signed-in users, the import for administrators
    assert leyla.get(url + "/api/assessments/export", timeout=20).json()["format"] == "egov-assess assessments"
    assert leyla.post(url + "/api/assessments/import", json={}, timeout=20).status_code == 403
    r = boss.post(url + "/api/assessments/import", json={"format": "x"}, timeout=20)
    assert r.status_code == 400 and "backup: 2 problems" in r.json()["error"]
    # signing out ends the session
    boss.post(url + "/logout", timeout=20)
    assert boss.get(url + "/api/whoami", timeout=10).json()["user"] is None


def test_a_post_from_another_site_is_refused(served):
    url = served["url"]
    r = requests.post(url + "/login", data={"name": "boss", "password": PASSWORD},
                      headers={"Origin": "http://evil.example"}, timeout=20, allow_redirects=False)
    assert r.status_code == 403 and "another site" in r.text
    r = requests.post(url + "/login", data={"name": "boss", "password": PASSWORD, "next": "https://evil.example/x"},
                      headers={"Origin": url}, timeout=20, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/"  # never sent to another site after signing in


# ------------------------------------------------------------------------------------------ proxy mode
def test_proxy_mode_believes_the_header_only_from_the_proxy(tmp_path, monkeypatch):
    import flask

    from service import web

    monkeypatch.setenv("EGOV_ASSESS_VAR", str(tmp_path))
    monkeypatch.setenv("EGOV_ASSESS_AUTH", "proxy")
    monkeypatch.setenv("EGOV_ASSESS_TRUSTED_PROXIES", "10.0.0.1")
    monkeypatch.delenv("EGOV_ASSESS_DB", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    users.add_user("aysel", "analyst", db=None, user="setup")  # no password: the proxy signs her in
    server = flask.Flask("proxy-test")
    web.install(server)
    client = server.test_client()

    def who(addr, **headers):
        return client.get("/api/whoami", headers=headers, environ_base={"REMOTE_ADDR": addr}).get_json()

    assert who("10.0.0.1", **{"X-Forwarded-User": "aysel"}) == {"user": "aysel", "role": "analyst", "mode": "proxy"}
    assert who("10.0.0.1", **{"X-Forwarded-User": "someone"})["role"] == "viewer"  # no account: a viewer
    assert who("10.0.0.99", **{"X-Forwarded-User": "aysel"})["user"] is None  # not from the proxy: ignored
    assert who("10.0.0.1", **{"X-Forwarded-User": "<script>"})["user"] is None  # not a user name
    assert "through the ministry's proxy" in client.get("/login").get_data(as_text=True)
    users.update_user("aysel", disabled=True, user="setup")
    assert who("10.0.0.1", **{"X-Forwarded-User": "aysel"})["user"] is None


def test_accounts_from_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("EGOV_ASSESS_VAR", str(tmp_path))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EGOV_ASSESS_VAR": str(tmp_path)}
    env.pop("EGOV_ASSESS_DB", None)
    env.pop("DATABASE_URL", None)

    def run(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "service", *args], input=stdin, capture_output=True, text=True,
                              cwd=ROOT, env=env, timeout=120)

    out = run("users", "add", "leyla", "--role", "analyst", "--password-stdin", stdin=PASSWORD + "\n")
    assert out.returncode == 0 and "user leyla added (analyst)" in out.stdout
    out = run("users", "add", "short", "--role", "viewer", "--password-stdin", stdin="short\n")
    assert out.returncode == 2 and "a password has 10 to 256 characters" in out.stderr
    assert run("users", "add", "leyla", "--role", "admin", "--no-password").returncode == 2
    assert run("users", "set", "leyla", "--role", "admin").returncode == 0
    out = run("users", "list")
    assert "leyla" in out.stdout and "admin" in out.stdout and "argon2" not in out.stdout
    account = users.get_user("leyla")
    assert account["password_hash"].startswith("$argon2id$") and PASSWORD not in account["password_hash"]
    assert auth.authenticate("leyla", PASSWORD).role == "admin"
    assert auth.authenticate("leyla", "wrong password") is None and auth.authenticate("nobody", PASSWORD) is None

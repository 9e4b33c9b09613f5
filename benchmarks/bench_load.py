"""Load and soak: many simulated analysts replaying real callbacks of every page, dev server vs ``make serve``.

Each simulated user (a gevent greenlet with its own keep-alive connection, ``geventhttpclient`` — the client of
locust's ``FastHttpUser``) repeatedly opens a page as the browser does — the page route
callback (``_pages_location`` → ``_pages_content``), then that page's callbacks — with a country, comparison,
edition, index, model or framework drawn from varied values (15 countries, 6 editions, 6 indices, every model and
framework), so the servers' in-process caches do not answer for them. Users send ``Accept-Encoding: gzip, deflate,
br`` like a browser and do not wait between requests (the servers run saturated: requests/s is their capacity).

The same request mix is sent, in the same run, to

* the development server (``python app.py``, what ``make run`` starts) and
* the production server (``python -m service serve``, what ``make serve`` starts: gunicorn workers, compression),

each started on a free loopback port with a fresh database and job cache, warmed up, then loaded with each user
count for ``--duration`` seconds (after a ramp-up that is not measured). Printed per server and user count:
requests/s, errors, p50/p95/p99 (ms), and at the end the ratio of requests/s and the targets (0 errors, p95 < 300
ms at 50 users and < 500 ms at 100, at least twice the development server's requests/s).

Run: ``.venv/bin/python benchmarks/bench_load.py`` (``--users 50,100 --duration 60 --servers dev,serve``).
``--per-request`` instead replays the same requests in one process, twice, and prints the time of each kind of
request: the first pass pays what a worker computes the first time (a model's baseline, a framework's tables),
the second is the steady state. It says where a server's time goes; the load run says what users see.
A figure, not a test: it prints and returns 0 whether or not the targets are met.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COUNTRIES = ["AZE", "SGP", "EST", "KOR", "KAZ", "GEO", "TUR", "DNK", "USA", "BRA", "IND", "NGA", "FRA", "ARM", "UZB"]
EDITIONS = [2024, 2022, 2020, 2018, 2014, 2010]
INDICES = ["egdi", "osi", "hci", "tii", "epi", "gtmi"]
TARGETS = {50: 300.0, 100: 500.0}


# ------------------------------------------------------------------------------------------ requests
def generate(path: Path, visits: int, seed: int = 0) -> dict:
    """Write *visits* page visits (lists of callback requests) to *path* as JSON; return counts per page.

    Built from the app's own callback map, so the bodies are what the browser sends. A callback the pages no
    longer have is left out (and named in the counts) rather than failing the benchmark.
    """
    sys.path.insert(0, str(ROOT))
    import dash

    from app import create_app

    app = create_app(warm=False)
    client = app.server.test_client()
    client.get("/")
    client.get("/_dash-dependencies")
    cmap = app.callback_map
    from ui import components as ui

    rng = random.Random(seed)
    missing: set[str] = set()

    def find(prefix: str):
        keys = [k for k in cmap if prefix in k]
        return min(keys, key=len) if keys else None

    def outputs(key: str):
        if key.startswith(".."):
            return [_one(p) for p in key.strip(".").split("...")]
        return _one(key)

    def req(name: str, prefix: str, values: dict, changed: str, outs=None):
        key = find(prefix)
        if key is None:
            missing.add(name)
            return None
        cb = cmap[key]

        def val(d):
            return values.get(f"{d['id']}.{d['property']}") if isinstance(d["id"], str) else values.get(
                f"{json.dumps(d['id'], sort_keys=True)}.{d['property']}")

        body = {"output": key, "outputs": outs if outs is not None else outputs(key),
                "inputs": [{**d, "value": val(d)} for d in cb["inputs"]],
                "state": [{**d, "value": val(d)} for d in cb.get("state", [])],
                "changedPropIds": [changed]}
        return {"name": name, "body": body}

    modules = [p["module"] for p in sorted(dash.page_registry.values(),
                                           key=lambda p: (p.get("order") or 0, p["name"]))]
    nav_outs = [{"id": {"type": "nav-link", "index": m}, "property": "href"} for m in modules]
    try:
        from pages import model as model_page
        models = [o["value"] for o in model_page.model_options()]
    except Exception:  # the page changed: keep the benchmark running
        models = ["azerbaijan_proposal"]
    try:
        from pages import data as data_page
        frameworks = [o["value"] for o in data_page.framework_options()]
    except Exception:
        frameworks = ["un_egdi"]
    try:
        from pages import strategy as strategy_page
        criteria = [c.id for c in strategy_page.rubric().criteria]
    except Exception:
        criteria = []

    def route(path: str, query: str):
        return req(f"{path} page", "_pages_content.children",
                   {"_pages_location.pathname": path, "_pages_location.search": query}, "_pages_location.pathname")

    def visit(kind: str) -> list:
        iso = rng.choice(COUNTRIES)
        year = rng.choice(EDITIONS)
        pos = ui.edition_position(year)
        others = rng.sample([c for c in COUNTRIES if c != iso], rng.randint(3, 6))
        q = f"?country={iso}&edition={year}"
        out = [req("app: nav links", "nav-link", {"app-state.data": {"country": iso, "edition": year}},
                   "app-state.data", outs=nav_outs)]
        if kind == "home":
            idx = rng.choice(INDICES)
            v = {"home-index.value": idx, "home-edition.value": pos, "home-country.value": iso}
            out += [route("/", f"?index={idx}&edition={year}&country={iso}"),
                    req("home: ranking", "home-ranking.rowData", v, "home-edition.value"),
                    req("home: map, groups, averages", "home-map-box.children",
                        {**v, "home-draw.data": rng.randint(1, 10**6)}, "home-draw.data"),
                    req("home: country card", "home-country-card.children", v, "home-country.value"),
                    req("home: URL sync", "home-url.search", {**v, "home-url.search": q}, "home-country.value")]
        elif kind == "country":
            v = {"country-country.value": iso, "country-edition.value": pos}
            out += [route("/country", q), req("country: profile", "country-tiles.children", v, "country-country.value"),
                    req("country: URL sync", "country-url.search", {**v, "country-url.search": q},
                        "country-country.value")]
        elif kind == "compare":
            v = {"compare-country.value": iso, "compare-with.value": others, "compare-edition.value": pos,
                 "compare-against.value": others[0]}
            out += [route("/compare", q + "&compare=" + ",".join(others)),
                    req("compare: components, ranks, gaps", "compare-components.figure", v, "compare-with.value"),
                    req("compare: waterfall", "compare-waterfall.figure", v, "compare-against.value"),
                    req("compare: URL sync", "compare-url.search", {**v, "compare-url.search": ""},
                        "compare-with.value")]
        elif kind == "model":
            m = rng.choice(models)
            ref = rng.choice([None, *[x for x in models if x != m]])
            colour = rng.choice(["type", "gap", "readiness"])
            view = rng.choice(["overlay", "side"])
            v = {"model-model.value": m, "model-reference.value": ref, "model-colour.value": colour,
                 "model-view.value": view, "model-show.value": ["org", "tech", "indicators"]}
            out += [route("/model", f"?model={m}"), req("model: graphs", "model-graphs.children", v, "model-model.value"),
                    req("model: URL sync", "model-url.search", {**v, "model-url.search": ""}, "model-model.value")]
        elif kind == "strategy":
            ids = [{"criterion": c, "type": "strategy-level"} for c in criteria]
            levels = [rng.choice([None, 0, 1, 2, 3, 4]) for _ in ids]
            body = req("strategy: radar and summary", "strategy-radar.figure",
                       {"strategy-reference.value": "singapore_dgb", "strategy-country.value": iso},
                       "strategy-reference.value")
            if body is not None:  # the pattern-matching lists, as the browser sends them
                b = body["body"]
                b["inputs"][0] = [{"id": i, "property": "value", "value": lv} for i, lv in zip(ids, levels, strict=True)]
                b["state"][0] = [{"id": {**i, "type": "strategy-evidence"}, "property": "value", "value": ""}
                                 for i in ids]
            out += [route("/strategy", ""), body]
        elif kind == "whatif":
            v = {"whatif-country.value": iso, "whatif-edition.value": ui.edition_position(2024),
                 "whatif-osi.value": round(rng.uniform(0.4, 1.0), 2), "whatif-hci.value": round(rng.uniform(0.4, 1), 2),
                 "whatif-tii.value": round(rng.uniform(0.4, 1.0), 2)}
            out += [route("/whatif", f"?country={iso}"),
                    req("whatif: reset sliders", "whatif-osi.value", v, "whatif-country.value"),
                    req("whatif: score, rank, group", "whatif-tiles.children", v, "whatif-tii.value"),
                    req("whatif: URL sync", "whatif-url.search", {**v, "whatif-url.search": ""}, "whatif-country.value")]
        elif kind == "robustness":
            v = {"robustness-country.value": iso, "robustness-compare.value": others,
                 "robustness-edition.value": pos, "robustness-url.search": ""}
            out += [route("/robustness", q), req("robustness: URL sync", "robustness-url.search", v,
                                                 "robustness-country.value")]
        elif kind == "data":
            fw = rng.choice(frameworks)
            out += [route("/data", f"?framework={fw}"),
                    req("data: method", "data-method.children", {"data-framework.value": fw}, "data-framework.value"),
                    req("data: URL sync", "data-url.search", {"data-framework.value": fw, "data-url.search": ""},
                        "data-framework.value")]
        return [r for r in out if r is not None]

    kinds = ["home", "country", "compare", "model", "strategy", "whatif", "robustness", "data"]
    sessions = [{"page": kinds[i % len(kinds)], "requests": visit(kinds[i % len(kinds)])} for i in range(visits)]
    # every request checked once against the app before it is used for load (a 4xx/5xx is a broken benchmark)
    bad = []
    for s in sessions[: len(kinds) * 2]:
        for r in s["requests"]:
            resp = client.post("/_dash-update-component", json=r["body"])
            if resp.status_code not in (200, 204):
                bad.append(f"{r['name']}: HTTP {resp.status_code} {resp.get_data(as_text=True)[:200]}")
    path.write_text(json.dumps(sessions), encoding="utf-8")
    return {"visits": len(sessions), "requests": sum(len(s["requests"]) for s in sessions),
            "missing": sorted(missing), "bad": bad}


def _one(spec: str):
    if spec.startswith("{"):
        end = spec.rindex("}")
        return {"id": json.loads(spec[:end + 1]), "property": spec[end + 2:].split("@")[0]}
    i, p = spec.rsplit(".", 1)
    return {"id": i, "property": p.split("@")[0]}


# ------------------------------------------------------------------------------------------ one load phase
def phase(url: str, users: int, duration: float, requests_file: Path, ramp: float) -> dict:
    """Run *users* greenlets against *url* in this process; return requests/s, errors and percentiles (ms).

    Each user is a greenlet with its own keep-alive connection (``geventhttpclient``, the client locust's
    ``FastHttpUser`` uses; locust itself cannot be installed beside pytest 9). Users start over *ramp* seconds;
    what they do then for *duration* seconds is measured (the ramp-up is not).
    """
    from gevent import monkey

    monkey.patch_all()
    import gevent
    from geventhttpclient import HTTPClient
    from geventhttpclient.url import URL

    sessions = json.loads(Path(requests_file).read_text(encoding="utf-8"))
    bodies = [[(r["name"], json.dumps(r["body"]).encode()) for r in s["requests"]] for s in sessions]
    headers = {"Content-Type": "application/json", "Accept": "application/json",
               "Accept-Encoding": "gzip, deflate, br"}
    target = URL(url)
    times: list[float] = []
    errors: dict[str, int] = {}
    state = {"measuring": False, "stop": False}

    def user(k: int) -> None:
        rng = random.Random(k)
        client = HTTPClient(target.host, target.port, concurrency=1, connection_timeout=30, network_timeout=60)
        while not state["stop"]:
            for name, body in rng.choice(bodies):
                if state["stop"]:
                    break
                t = time.perf_counter()
                try:
                    resp = client.post("/_dash-update-component", body=body, headers=headers)
                    resp.read()
                    status = resp.status_code
                except Exception as exc:  # a refused or dropped connection is an error of the server
                    status = type(exc).__name__
                dt = time.perf_counter() - t
                if state["measuring"]:
                    times.append(dt)
                    if status not in (200, 204):
                        key = f"{name}: {status}"
                        errors[key] = errors.get(key, 0) + 1
        client.close()

    greenlets = []
    for k in range(users):
        greenlets.append(gevent.spawn(user, k))
        gevent.sleep(ramp / max(users, 1))
    gevent.sleep(2)
    state["measuring"] = True
    started = time.monotonic()
    gevent.sleep(duration)
    state["measuring"] = False
    elapsed = time.monotonic() - started
    state["stop"] = True
    gevent.joinall(greenlets, timeout=90)
    xs = sorted(times)

    def pct(q):
        return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000 if xs else float("nan")

    return {"users": users, "requests": len(xs), "errors": sum(errors.values()), "rps": len(xs) / elapsed,
            "p50": pct(0.5), "p95": pct(0.95), "p99": pct(0.99),
            "errors_by": dict(sorted(errors.items(), key=lambda kv: -kv[1])[:5])}


# ------------------------------------------------------------------------------------------ per request
def replay(requests_file: Path) -> dict:
    """Replay the requests in this process (Flask's test client), twice; milliseconds per kind and pass."""
    import collections

    sys.path.insert(0, str(ROOT))
    import app as dashboard

    client = dashboard.create_app(warm=False).server.test_client()
    client.get("/")
    dashboard.warm_up()  # what make serve does before it forks its workers
    sessions = json.loads(Path(requests_file).read_text(encoding="utf-8"))
    headers = {"Accept-Encoding": "gzip, deflate, br"}
    out: dict = {}
    for label in ("first", "steady"):
        times: dict[str, list[float]] = collections.defaultdict(list)
        for s in sessions:
            for r in s["requests"]:
                t = time.perf_counter()
                resp = client.post("/_dash-update-component", json=r["body"], headers=headers)
                times[r["name"]].append((time.perf_counter() - t) * 1000)
                if resp.status_code not in (200, 204):
                    raise RuntimeError(f"{r['name']}: HTTP {resp.status_code}")
        out[label] = {k: sorted(v) for k, v in times.items()}
    return out


def print_replay(result: dict) -> None:
    first, steady = result["first"], result["steady"]
    total = {k: sum(sum(v) for v in p.values()) for k, p in result.items()}
    n = sum(len(v) for v in steady.values())
    print(f"{n} requests per pass: first {total['first'] / n:.1f} ms a request, steady {total['steady'] / n:.1f} ms "
          f"({n / total['steady'] * 1000:.0f} requests/s on one core, before HTTP)")
    print(f"\n{'request':40s} {'n':>4s} {'first ms':>9s} {'steady ms':>10s} {'p50':>6s} {'max':>7s} {'share':>6s}")
    for name, v in sorted(steady.items(), key=lambda kv: -sum(kv[1])):
        print(f"{name:40s} {len(v):4d} {sum(first[name]) / len(v):9.1f} {sum(v) / len(v):10.1f} "
              f"{v[len(v) // 2]:6.1f} {v[-1]:7.1f} {sum(v) / total['steady'] * 100:5.1f}%")


# ------------------------------------------------------------------------------------------ servers
def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVERS = {
    "dev": ("development server (python app.py = make run)", [sys.executable, str(ROOT / "app.py")]),
    "serve": ("make serve (python -m service serve: gunicorn)", [sys.executable, "-m", "service", "serve"]),
}


def start(kind: str, tmp: Path) -> tuple[subprocess.Popen, str, Path]:
    port = _port()
    folder = tmp / kind
    folder.mkdir()
    env = {**os.environ, "PORT": str(port), "EGOV_ASSESS_WARM": "1", "EGOV_ASSESS_VAR": str(folder / "var"),
           "EGOV_ASSESS_DB": str(folder / "db.sqlite3"), "EGOV_ASSESS_DASH_CACHE": str(folder / "dash"),
           "PYTHONPATH": str(ROOT)}
    for k in ("DASH_DEBUG", "REDIS_URL", "DATABASE_URL"):
        env.pop(k, None)
    log = folder / "server.log"
    proc = subprocess.Popen(SERVERS[kind][1], cwd=ROOT, env=env, stdout=open(log, "wb"),  # noqa: SIM115
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{kind} exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                break
        except OSError:
            time.sleep(0.3)
    while time.monotonic() < deadline and "warm-up finished" not in log.read_text(errors="replace"):
        time.sleep(0.3)
    return proc, url, log


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", default="50,100")
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--ramp", type=float, default=5)
    ap.add_argument("--servers", default="dev,serve")
    ap.add_argument("--visits", type=int, default=2000)
    ap.add_argument("--per-request", action="store_true",
                    help="replay the requests in one process and print the time of each kind (no servers)")
    ap.add_argument("--phase", nargs=4, metavar=("URL", "USERS", "DURATION", "REQUESTS"), help=argparse.SUPPRESS)
    ap.add_argument("--replay", metavar="PATH", help=argparse.SUPPRESS)
    ap.add_argument("--generate", metavar="PATH", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.generate:
        print(json.dumps(generate(Path(args.generate), args.visits)))
        return 0
    if args.replay:
        print(json.dumps(replay(Path(args.replay))))
        return 0
    if args.phase:
        url, users, duration, reqs = args.phase
        print(json.dumps(phase(url, int(users), float(duration), Path(reqs), args.ramp)))
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    reqs = tmp / "requests.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EGOV_ASSESS_WARM": "0", "EGOV_ASSESS_VAR": str(tmp / "gen"),
           "EGOV_ASSESS_DB": str(tmp / "gen.sqlite3"), "EGOV_ASSESS_DASH_CACHE": str(tmp / "gen-dash")}
    gen = subprocess.run([sys.executable, __file__, "--generate", str(reqs), "--visits", str(args.visits)],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    if gen.returncode:
        print(gen.stderr[-3000:])
        return 1
    info = json.loads(gen.stdout.strip().splitlines()[-1])
    print(f"{info['visits']} page visits, {info['requests']} callback requests over 8 pages"
          + (f"; callbacks not found (left out): {', '.join(info['missing'])}" if info["missing"] else ""))
    if info["bad"]:
        print("requests the app refused (the benchmark is broken):\n  " + "\n  ".join(info["bad"][:10]))
    if args.per_request:
        env.update({"EGOV_ASSESS_VAR": str(tmp / "replay"), "EGOV_ASSESS_DB": str(tmp / "replay.sqlite3"),
                    "EGOV_ASSESS_DASH_CACHE": str(tmp / "replay-dash")})
        out = subprocess.run([sys.executable, __file__, "--replay", str(reqs)], capture_output=True, text=True,
                             env=env, cwd=ROOT)
        if out.returncode:
            print(out.stderr[-3000:])
            return 1
        print_replay(json.loads(out.stdout.strip().splitlines()[-1]))
        return 0
    users = [int(u) for u in args.users.split(",")]
    results: dict[str, list[dict]] = {}
    for kind in args.servers.split(","):
        proc, url, log = start(kind, tmp)
        try:
            for n in users:
                out = subprocess.run([sys.executable, __file__, "--phase", url, str(n), str(args.duration), str(reqs),
                                      "--ramp", str(args.ramp)], capture_output=True, text=True, cwd=ROOT)
                if out.returncode:
                    print(out.stderr[-3000:])
                    return 1
                r = json.loads(out.stdout.strip().splitlines()[-1])
                results.setdefault(kind, []).append(r)
                print(f"  {kind:6s} {n:4d} users: {r['rps']:7.1f} req/s, {r['errors']} errors, p50 {r['p50']:.0f} ms, "
                      f"p95 {r['p95']:.0f} ms, p99 {r['p99']:.0f} ms" + (f" {r['errors_by']}" if r["errors"] else ""), flush=True)
        finally:
            stop(proc)
        text = log.read_text(errors="replace")
        if "Traceback" in text:
            print(f"  ({kind}: the server log has a traceback; see {log})")
    print(f"\n{'server':48s} {'users':>5s} {'req/s':>7s} {'errors':>6s} {'p50':>5s} {'p95':>5s} {'p99':>5s}  target")
    for kind, rows in results.items():
        for r in rows:
            t = TARGETS.get(r["users"])
            ok = "" if t is None else ("met" if r["errors"] == 0 and r["p95"] < t else "MISSED") + f" (p95 < {t:.0f})"
            print(f"{SERVERS[kind][0]:48s} {r['users']:5d} {r['rps']:7.1f} {r['errors']:6d} {r['p50']:5.0f} "
                  f"{r['p95']:5.0f} {r['p99']:5.0f}  {ok}")
    if "dev" in results and "serve" in results:
        for a, b in zip(results["dev"], results["serve"], strict=True):
            ratio = b["rps"] / a["rps"] if a["rps"] else float("nan")
            print(f"requests/s at {a['users']} users: make serve / dev server = {ratio:.2f}× (target ≥ 2×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

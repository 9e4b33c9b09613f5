"""Dashboard latency: every callback driven through the server (Flask test client), p50/p95 per callback,
the time to a usable first page (cold process; in headless Chromium when /usr/bin/chromium exists), the time
to the first chart of every page, and the time of the full-store exports.

Targets: p95 under 150 ms per callback; under 1.5 s to a usable first page and to the first chart of every
page on localhost.

First chart per page: a served app (warm process), each page opened in headless Chromium at 1400×1000, the
time from navigation to the first Plotly chart drawn (``.js-plotly-plot .main-svg``). "cold" opens each page
in a fresh browser context (empty HTTP and code caches: a first visit); "warm" opens it a second time in the
same context (a user moving between pages). Median of ``--runs`` (default 3). ``--base-url URL`` measures an
app already running (for example an older version, to compare before/after).

Run: ``.venv/bin/python benchmarks/bench_dashboard.py`` (``make bench``). Options: ``--repeat N``,
``--no-browser``, ``--pages-only``, ``--runs N``, ``--base-url URL``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COUNTRIES = ["AZE", "SGP", "EST", "KOR", "KAZ", "GEO", "TUR", "DNK", "USA", "BRA", "IND", "NGA", "FRA", "ARM", "UZB"]
COMPARE = ["SGP", "EST", "KOR", "KAZ", "GEO", "TUR"]


def _outputs(key: str):
    if key.startswith(".."):
        parts = key.strip(".").split("...")
        return [_one(p) for p in parts], True
    return _one(key), False


def _one(spec: str):
    if spec.startswith("{"):
        end = spec.rindex("}")
        return {"id": json.loads(spec[:end + 1]), "property": spec[end + 2:]}
    i, p = spec.rsplit(".", 1)
    return {"id": i, "property": p}


class Driver:
    """Posts callback requests to ``/_dash-update-component`` and times them."""

    def __init__(self, app):
        self.app = app
        self.client = app.server.test_client()
        self.client.get("/")  # registers the pages' callbacks
        self.client.get("/_dash-dependencies")
        self.times: dict[str, list[float]] = {}

    def find(self, output_prefix: str) -> str:
        keys = [k for k in self.app.callback_map if output_prefix in k]
        if not keys:
            raise KeyError(output_prefix)
        return min(keys, key=len)

    def call(self, name: str, output_prefix: str, values: dict, changed: str, outputs=None) -> dict:
        key = self.find(output_prefix)
        cb = self.app.callback_map[key]
        outs, multi = _outputs(key)
        if outputs is not None:
            outs = outputs
        body = {
            "output": key, "outputs": outs,
            "inputs": [{**d, "value": values.get(f"{d['id']}.{d['property']}")} for d in cb["inputs"]],
            "state": [{**d, "value": values.get(f"{d['id']}.{d['property']}")} for d in cb.get("state", [])],
            "changedPropIds": [changed],
        }
        t = time.perf_counter()
        r = self.client.post("/_dash-update-component", json=body)
        dt = time.perf_counter() - t
        if r.status_code not in (200, 204):
            raise RuntimeError(f"{name}: HTTP {r.status_code}: {r.get_data(as_text=True)[:500]}")
        self.times.setdefault(name, []).append(dt)
        return r.get_json() if r.status_code == 200 else {}


def drive_all(d: Driver, repeat: int) -> None:
    from pages import home  # noqa: F401  (registered by create_app)
    from ui import components as ui

    pos = ui.edition_position
    editions = [2024, 2022, 2020, 2018, 2014, 2010]
    modules = [p["module"] for p in sorted(__import__("dash").page_registry.values(),
                                           key=lambda p: (p.get("order") or 0, p["name"]))]
    for r in range(repeat):
        for k, iso in enumerate(COUNTRIES):
            ed = pos(editions[(k + r) % len(editions)])
            d.call("app: nav links", "nav-link", {"app-state.data": {"country": iso, "edition": 2024}},
                   "app-state.data",
                   outputs=[{"id": {"type": "nav-link", "index": m}, "property": "href"} for m in modules])
            d.call("app: navbar toggle", "navbar-collapse.is_open",
                   {"navbar-toggler.n_clicks": 1, "navbar-collapse.is_open": False}, "navbar-toggler.n_clicks")
            # world overview
            idx = ["egdi", "osi", "hci", "tii", "epi", "gtmi"][k % 6]
            v = {"home-index.value": idx, "home-edition.value": ed, "home-country.value": iso, "home-gtmi.value": 2025}
            d.call("home: full ranking", "home-ranking.rowData", v, "home-edition.value")
            d.call("home: map", "home-map-box.children", v, "home-index.value")
            d.call("home: groups, averages (after the ranking)", "home-groups-box.children",
                   {**v, "home-draw.data": r * 100 + k}, "home-draw.data")
            d.call("home: country card", "home-country-card.children", v, "home-country.value")
            d.call("home: URL sync", "home-url.search",
                   {**v, "home-url.search": "?country=AZE"}, "home-country.value")
            # country profile
            v = {"country-country.value": iso, "country-edition.value": ed}
            d.call("country: profile", "country-tiles.children", v, "country-country.value")
            d.call("country: URL sync", "country-url.search", {**v, "country-url.search": ""}, "country-country.value")
            if k % 5 == 0:
                d.call("country: xlsx download", "country-download.data",
                       {"country-download-button.n_clicks": 1, **v}, "country-download-button.n_clicks")
            # compare
            others = [c for c in COMPARE if c != iso][: 3 + k % 4]
            v = {"compare-country.value": iso, "compare-with.value": others, "compare-edition.value": ed,
                 "compare-against.value": others[0]}
            d.call("compare: components, ranks, gap table", "compare-components.figure", v, "compare-with.value")
            d.call("compare: waterfall", "compare-waterfall.figure", v, "compare-against.value")
            d.call("compare: GTMI", "compare-gtmi-bars.figure", {**v, "compare-gtmi.value": 2025}, "compare-with.value")
            d.call("compare: URL sync", "compare-url.search", {**v, "compare-url.search": ""}, "compare-with.value")
            if k % 5 == 0:
                d.call("compare: xlsx download", "compare-download.data",
                       {"compare-download-button.n_clicks": 1, **v}, "compare-download-button.n_clicks")
            # what-if
            v = {"whatif-country.value": iso, "whatif-edition.value": pos(2024), "whatif-reset.n_clicks": None,
                 "whatif-osi.value": 0.9, "whatif-hci.value": 0.8, "whatif-tii.value": 0.85 + 0.01 * (k % 5),
                 "whatif-target-kind.value": "rank", "whatif-target-rank.value": 20 + k, "whatif-url.search": ""}
            d.call("whatif: reset sliders", "whatif-osi.value", v, "whatif-country.value")
            d.call("whatif: new score, rank, group, class", "whatif-tiles.children", v, "whatif-tii.value")
            d.call("whatif: URL sync", "whatif-url.search", {**v, "whatif-url.search": ""}, "whatif-country.value")
            if k % 3 == 0:
                d.call("whatif: what it takes (button)", "whatif-target-result.children",
                       {**v, "whatif-target-run.n_clicks": 1}, "whatif-target-run.n_clicks")
            d.call("robustness: URL sync", "robustness-url.search",
                   {"robustness-country.value": iso, "robustness-compare.value": COMPARE,
                    "robustness-edition.value": pos(2024), "robustness-url.search": ""}, "robustness-country.value")


def time_background(repeat: int) -> list[float]:
    """The Robustness page's background job (Monte Carlo 5,000 + Sobol), timed as a function."""
    from pages import robustness

    out = []
    for _ in range(max(1, repeat // 2)):
        t = time.perf_counter()
        robustness.analyse(lambda _p: None, 2024, 5000, 0.5, ["AZE", *COMPARE])
        out.append(time.perf_counter() - t)
    return out


def first_page_client() -> float:
    """Cold process: import, build the app, serve the index, layout, dependencies and the home callbacks."""
    code = r"""
import time, sys
t0 = time.perf_counter()
sys.path.insert(0, ROOT_DIR)
from app import create_app
from benchmarks.bench_dashboard import Driver
from ui import components as ui
app = create_app()
d = Driver(app)
c = d.client
c.get("/_dash-layout")
v = {"home-index.value": "egdi", "home-edition.value": ui.edition_position(2024), "home-country.value": "AZE",
     "home-gtmi.value": 2025}
d.call("ranking", "home-ranking.rowData", v, "home-edition.value")
d.call("map", "home-map-box.children", v, "home-index.value")
d.call("figures", "home-groups-box.children", {**v, "home-draw.data": 1}, "home-draw.data")
d.call("card", "home-country-card.children", v, "home-country.value")
print(time.perf_counter() - t0)
""".replace("ROOT_DIR", repr(str(ROOT)))
    env = {**os.environ, "EGOV_ASSESS_DASH_CACHE": tempfile.mkdtemp(), "EGOV_ASSESS_WARM": "0"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def first_page_browser(runs: int = 3) -> dict | None:
    """A served app (warm process) opened in headless Chromium, each run in a fresh context (empty HTTP cache).

    Returns the median over *runs* of ``usable`` (the country search shown and the country's headline
    value on screen; Playwright resolves it only when the page's main thread is free), ``drawn`` (the world
    map has its title) and the navigation timing's ``dom_content_loaded`` (all in seconds).
    """
    if not Path("/usr/bin/chromium").exists():
        return None
    import socket
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PORT": str(port), "EGOV_ASSESS_DASH_CACHE": tempfile.mkdtemp()}
    env.pop("DASH_DEBUG", None)
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            pg = b.new_page()
            pg.goto(f"http://127.0.0.1:{port}/")  # warm the server's caches once, as after a first visitor
            pg.wait_for_selector("#home-map .gtitle", timeout=30000)
            out = {"usable": [], "drawn": [], "dom_content_loaded": []}
            for _ in range(runs):
                pg2 = b.new_page()  # a new context each time: nothing cached
                t = time.perf_counter()
                pg2.goto(f"http://127.0.0.1:{port}/")
                pg2.wait_for_selector("#home-country-value", timeout=30000)  # the country's headline value
                pg2.locator("#home-country").wait_for(state="visible", timeout=30000)  # the country search
                out["usable"].append(time.perf_counter() - t)
                pg2.wait_for_selector("#home-map .gtitle", timeout=30000)  # the choropleth drawn
                out["drawn"].append(time.perf_counter() - t)
                out["dom_content_loaded"].append(pg2.evaluate(
                    "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd") / 1000)
                pg2.close()
            b.close()
        return {k: statistics.median(v) for k, v in out.items()}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


#: The pages timed for their first chart (the Data page has no chart: its time to the sources table).
FIRST_CHART_PAGES = {
    "home": "/", "country": "/country?country=AZE&edition=2024", "compare": "/compare?country=AZE",
    "model": "/model", "strategy": "/strategy", "whatif": "/whatif?country=AZE", "robustness": "/robustness",
    "data": "/data",
}


#: What counts as a page's first chart where it is not a Plotly chart (the model graph is a Cytoscape canvas).
FIRST_CHART_SELECTORS = {"data": "#data-sources .ag-row", "model": "#_pages_content canvas"}


def _serve(env_extra: dict | None = None):
    """Start app.py on a free port; return ``(process, base URL)``."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PORT": str(port), "EGOV_ASSESS_DASH_CACHE": tempfile.mkdtemp(), **(env_extra or {})}
    env.pop("DASH_DEBUG", None)
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    time.sleep(3)  # the warm-up thread fills the caches, as after a first visitor
    return proc, f"http://127.0.0.1:{port}"


def first_chart_per_page(base_url: str | None = None, runs: int = 3) -> dict[str, dict[str, float]]:
    """``{page: {"cold": s, "warm": s}}``: median seconds from navigation to the page's first chart drawn
    (:data:`FIRST_CHART_SELECTORS`: the model page's graph, the data page's sources table)."""
    if not Path("/usr/bin/chromium").exists():
        return {}
    from playwright.sync_api import sync_playwright

    proc, url = (None, base_url) if base_url else _serve()
    out: dict[str, dict[str, list[float]]] = {}
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            warm_up = b.new_page()
            for path in FIRST_CHART_PAGES.values():  # the server's caches, as after a first visitor
                warm_up.goto(url + path)
                warm_up.wait_for_timeout(1500)
            warm_up.close()
            for _ in range(runs):
                for name, path in FIRST_CHART_PAGES.items():
                    selector = FIRST_CHART_SELECTORS.get(name, ".js-plotly-plot .main-svg")
                    ctx = b.new_context(viewport={"width": 1400, "height": 1000})
                    for kind in ("cold", "warm"):
                        pg = ctx.new_page()
                        t = time.perf_counter()
                        pg.goto(url + path)
                        pg.wait_for_selector(selector, timeout=60000)
                        out.setdefault(name, {}).setdefault(kind, []).append(time.perf_counter() - t)
                        pg.close()
                    ctx.close()
            b.close()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)
    return {k: {kind: statistics.median(v) for kind, v in d.items()} for k, d in out.items()}


def export_times() -> dict[str, float]:
    """Seconds to export the whole store as CSV and as XLSX (:func:`assess.data.export.export_bytes`)."""
    from assess.data.export import export_bytes

    out = {}
    for fmt in ("csv", "xlsx"):
        t = time.perf_counter()
        export_bytes(fmt)
        out[fmt] = time.perf_counter() - t
    return out


def _pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--pages-only", action="store_true", help="only the first chart per page and the exports")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--base-url", default=None, help="measure an app already running at this URL")
    args = ap.parse_args(argv)
    if args.pages_only:
        _report_pages(args)
        return 0
    os.environ.setdefault("EGOV_ASSESS_DASH_CACHE", tempfile.mkdtemp())
    from app import create_app

    d = Driver(create_app(warm=False))
    drive_all(d, 1)  # warm-up pass: first touches of each edition and country (reported separately)
    cold = {k: max(v) for k, v in d.times.items()}
    d.times.clear()
    drive_all(d, args.repeat)
    print(f"{'callback':45s} {'n':>4s} {'p50 ms':>8s} {'p95 ms':>8s} {'first ms':>9s}")
    worst = 0.0
    for name, ts in d.times.items():
        p50, p95 = _pct(ts, 0.5) * 1000, _pct(ts, 0.95) * 1000
        worst = max(worst, p95) if "button" not in name and "download" not in name else worst
        print(f"{name:45s} {len(ts):4d} {p50:8.1f} {p95:8.1f} {cold[name] * 1000:9.1f}")
    bg = time_background(args.repeat)
    print(f"{'robustness: background job (MC 5,000 + Sobol)':45s} {len(bg):4d} {statistics.median(bg) * 1000:8.1f} "
          f"{max(bg) * 1000:8.1f}  (background callback, progress bar)")
    print(f"\nworst p95 of the interactive callbacks: {worst:.1f} ms (target < 150 ms)")
    print(f"first page, cold process through the test client: {first_page_client():.2f} s")
    if not args.no_browser:
        fb = first_page_browser()
        if fb is not None:
            print(f"first page in headless Chromium (warm server, fresh context, median of 3): usable (country "
                  f"search and the country's value) {fb['usable']:.2f} s (target < 1.5 s), world map drawn "
                  f"{fb['drawn']:.2f} s, DOMContentLoaded {fb['dom_content_loaded']:.2f} s")
        _report_pages(args)
    return 0


def _report_pages(args) -> None:
    pages = first_chart_per_page(args.base_url, runs=args.runs)
    if pages:
        print(f"\nfirst chart per page (s, median of {args.runs}; cold = fresh browser context, warm = second visit; "
              "target < 1.5 s; data: its sources table):")
        for name, t in pages.items():
            print(f"  {name:12s} cold {t['cold']:5.2f}   warm {t['warm']:5.2f}")
    if args.base_url is None:
        ex = export_times()
        print(f"store export: CSV {ex['csv']:.1f} s, XLSX {ex['xlsx']:.1f} s (the Data page runs the XLSX in the "
              "background with a progress bar)")


if __name__ == "__main__":
    raise SystemExit(main())

"""The dashboard's own Plotly bundle (tools/plotly-bundle): every trace the code draws is in it; it is the file
its README describes; plotly.py ships the same plotly.js version."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "assets" / "vendor" / "plotly-egov-4.1.1.min.js"
ENTRY = ROOT / "tools" / "plotly-bundle" / "entry.js"
README = ROOT / "tools" / "plotly-bundle" / "README.md"


def _registered() -> set[str]:
    return set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", ENTRY.read_text())) - {"core"} | {"scatter"}


def test_every_trace_the_code_draws_is_in_the_bundle():
    used = set()
    for folder in ("assess", "pages", "ui"):
        for f in (ROOT / folder).rglob("*.py"):
            text = f.read_text(encoding="utf-8")
            used |= {m.lower() for m in re.findall(r"\bgo\.([A-Z][A-Za-z]+)\(", text)}
            used |= set(re.findall(r"\btrace\(\s*[\"'](\w+)[\"']", text))  # chart_style.trace("bar", ...)
    used -= {"figure"}
    assert used, "no trace found: the scan is broken"
    assert {"bar", "scatter", "choropleth", "scatterpolar"} <= used
    missing = used - _registered()
    assert not missing, f"traces drawn but not in tools/plotly-bundle/entry.js: {sorted(missing)} (rebuild it)"


def test_the_bundle_is_the_file_its_readme_describes():
    digest = hashlib.sha256(BUNDLE.read_bytes()).hexdigest()
    assert f"`{digest}`" in README.read_text(), "assets/vendor bundle differs from tools/plotly-bundle/README.md"
    assert f"{BUNDLE.stat().st_size:,} bytes" in README.read_text()


def test_plotly_py_ships_the_same_plotly_js():
    from plotly.offline import get_plotlyjs_version

    assert BUNDLE.name == f"plotly-egov-{get_plotlyjs_version()}.min.js"


def test_the_bundle_is_kept_out_of_every_page_and_used_by_the_loader():
    app = (ROOT / "app.py").read_text()
    js = (ROOT / "assets" / "charts.js").read_text()
    assert 'assets_ignore=r"^plotly-egov-"' in app
    assert f'"/assets/vendor/{BUNDLE.name}"' in js and "_dashPlotlyJSURL" in js

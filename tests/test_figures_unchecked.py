"""The dashboard sends its charts without Plotly's checks (``chart_style.unchecked_figures``, 2–3 ms a chart saved):
what it sends must be what the checked figures send. Every kind of callback request of the load benchmark
(``benchmarks/bench_load.py``, built from the app's own callback map) is answered with and without the checks."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from assess.reports import chart_style

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def requests_by_kind(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_load
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    path = tmp_path_factory.mktemp("bench") / "requests.json"
    counts = bench_load.generate(path, 60, seed=3)
    assert counts["bad"] == [] and counts["missing"] == [], counts  # the benchmark's requests are the app's own
    kinds: dict[str, list] = {}
    for visit in json.loads(path.read_text(encoding="utf-8")):
        for r in visit["requests"]:
            kinds.setdefault(r["name"], []).append(r["body"])
    return {name: bodies[:2] for name, bodies in kinds.items()}


@pytest.fixture(scope="module")
def client():
    from app import create_app

    c = create_app(warm=False).server.test_client()
    assert c.get("/_dash-layout").status_code == 200
    return c


def _typed_arrays_as_lists(value):
    """Plotly's checked figures send numeric arrays as typed arrays (``{"dtype": "f8", "bdata": ...}``)."""
    if isinstance(value, dict):
        if set(value) == {"dtype", "bdata"} or set(value) == {"dtype", "bdata", "shape"}:
            arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            return arr.reshape([int(n) for n in str(value["shape"]).split(",")]).tolist() if "shape" in value \
                else arr.tolist()
        return {k: _typed_arrays_as_lists(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed_arrays_as_lists(v) for v in value]
    return value


def _figures(value, out):
    """Every figure (a dict with ``data`` and ``layout``) in an answer."""
    if isinstance(value, dict):
        if "data" in value and "layout" in value:
            out.append(value)
            return out
        for v in value.values():
            _figures(v, out)
    elif isinstance(value, list):
        for v in value:
            _figures(v, out)
    return out


def _keys(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield path + (k,)
            if k not in ("meta", "customdata"):
                yield from _keys(v, path + (k,))
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v, path)


def test_every_chart_callback_sends_what_the_checked_figures_send(requests_by_kind, client, monkeypatch):
    compared = set()
    for name, bodies in requests_by_kind.items():
        for body in bodies:
            monkeypatch.setenv("EGOV_ASSESS_CHECK_FIGURES", "0")
            plain = client.post("/_dash-update-component", json=body)
            monkeypatch.setenv("EGOV_ASSESS_CHECK_FIGURES", "1")
            checked = client.post("/_dash-update-component", json=body)
            assert plain.status_code == checked.status_code, name
            if plain.status_code != 200:
                continue
            a, b = plain.get_json(), checked.get_json()
            assert a == _typed_arrays_as_lists(b), f"{name}: the unchecked answer differs from the checked one"
            figs = _figures(a, [])
            if figs:
                compared.add(name)
            for fig in figs:  # plotly.js reads nested keys only: no "marker_color", no title given as a bare text
                bad = [".".join(map(str, p)) for p in _keys(fig) if "_" in p[-1]
                       and p[-1] not in chart_style.UNDERSCORE_NAMES and not p[-1].startswith("_")]
                assert not bad, f"{name}: magic-underscore keys sent to plotly.js: {bad[:5]}"
    # the country profile, comparison, what-if, world map and strategy radar among them (else this shows nothing)
    assert {"country: profile", "compare: components, ranks, gaps", "compare: waterfall", "whatif: score, rank, group",
            "home: map, groups, averages", "strategy: radar and summary"} <= compared, sorted(compared)


def test_outside_a_request_figures_are_checked():
    fig = chart_style.Draft(chart_style.trace("bar", x=[1], y=[2], marker_colour="red"))
    with pytest.raises(ValueError, match="colour"):
        fig.figure()  # a typo is Plotly's error in the library, the reports and the tests
    with chart_style.unchecked_figures():
        assert fig.figure()["data"][0]["marker"] == {"colour": "red"}


@pytest.mark.parametrize("lang", ["en", "az"])
def test_charts_outside_the_benchmark_send_what_the_checked_figures_send(client, lang):
    """The GTMI bars of the Compare page and the Model page's realisation timeline (not in the benchmark's mix)."""
    from plotly.io.json import to_json_plotly

    from pages import compare, model

    def answers(build):
        with chart_style.unchecked_figures():
            plain = json.loads(to_json_plotly(build()))
        return plain, _typed_arrays_as_lists(json.loads(to_json_plotly(build())))

    for build in (lambda: compare.update_gtmi("AZE", ["EST", "GEO"], 2022, lang),
                  lambda: model.timeline_card("azerbaijan_proposal", 2024, lang)):
        plain, checked = answers(build)
        figs = _figures(plain, [])
        assert figs and plain == checked

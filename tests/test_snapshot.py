"""One look at the files per request (``assess.caches.snapshot``), and derived caches keyed on the data's version:
fast under load, yet a changed file is seen by the next request and a derived model is rebuilt."""

from __future__ import annotations

import pytest

from app import create_app
from assess import caches
from assess.data import store
from assess.frameworks import registry
from assess.model import baseline


@pytest.fixture(scope="module")
def app():
    return create_app(warm=False)


@pytest.fixture(scope="module")
def client(app):
    c = app.server.test_client()
    assert c.get("/_dash-layout").status_code == 200  # Dash registers the page route callback on first use
    return c


def _page_request(app, path: str, query: str) -> dict:
    """The page route callback, as the browser sends it when the URL changes (built from the app's callback map)."""
    key = min((k for k in app.callback_map if "_pages_content.children" in k), key=len)
    cb = app.callback_map[key]
    values = {"pathname": path, "search": query}

    def item(d):
        return {**d, "value": values.get(d["property"]) if d["id"] == "_pages_location" else None}

    outputs = [{"id": i.rsplit(".", 1)[0], "property": i.rsplit(".", 1)[1]} for i in key.strip(".").split("...")]
    return {"output": key, "outputs": outputs, "inputs": [item(d) for d in cb["inputs"]],
            "state": [item(d) for d in cb.get("state", [])], "changedPropIds": ["_pages_location.pathname"]}


def test_a_request_lists_the_frameworks_once_and_the_next_request_again(app, client, monkeypatch):
    monkeypatch.setenv("EGOV_ASSESS_RECHECK_SECONDS", "0")  # every request looks (the default shares a look for 1 s)
    listings = []
    folders = registry._folders
    monkeypatch.setattr(registry, "_folders", lambda: listings.append(1) or folders())
    assert client.get("/_dash-layout").status_code == 200
    asked = []
    memoised = registry._registered
    monkeypatch.setattr(registry, "_registered", lambda: asked.append(1) or memoised())
    listings.clear()
    resp = client.post("/_dash-update-component", json=_page_request(app, "/model", "?model=estonia"))
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert len(asked) >= 5, "the page asks the registry many times (else this test shows nothing)"
    first = len(listings)  # once for the registry, once for the list of frameworks: not once per question
    assert 1 <= first <= 2, listings
    client.post("/_dash-update-component", json=_page_request(app, "/model", "?model=singapore"))
    assert first < len(listings) <= 2 * first  # a new request looks again: a framework added meanwhile is found


def test_outside_a_snapshot_every_call_looks_at_the_files(monkeypatch):
    digests = []
    real = store._input_files
    monkeypatch.setattr(store, "_input_files", lambda root: digests.append(1) or real(root))
    store.data_version(), store.data_version()
    assert len(digests) == 2
    digests.clear()
    with caches.snapshot():
        store.data_version(), store.data_version()
        with caches.snapshot():  # nested: the outer snapshot holds
            store.data_version()
    assert len(digests) == 1


def test_an_error_is_not_kept_in_the_snapshot():
    calls = []

    @caches.per_snapshot
    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise OSError("busy")
        return "ok"

    with caches.snapshot():
        with pytest.raises(OSError):
            flaky()
        assert flaky() == "ok" and flaky() == "ok"
    assert len(calls) == 2


def test_a_baseline_model_is_built_once_per_data_version(monkeypatch):
    first = baseline.baseline_model("GEO", 2022)
    assert baseline.baseline_model("geo", 2022) is first  # the same economy, year and data: built once
    assert first.id == "baseline_geo" and first.node("digital_strategy").basis == "source"
    monkeypatch.setattr(store, "data_version", lambda data=None: "another-version")
    rebuilt = baseline.baseline_model("GEO", 2022)
    assert rebuilt is not first and rebuilt == first  # new data: built again (here the same content)


def test_a_ranking_is_kept_per_data_version_and_handed_out_as_a_copy(monkeypatch):
    from assess.indices import views

    first = views.ranking("egdi", 2024)
    first.loc[0, "country"] = "changed by the caller"
    again = views.ranking("egdi", 2024)
    assert again.loc[0, "country"] == "Denmark" and again.set_index("iso3").loc["AZE", "rank"] == 74
    calls = []
    real = views.world_view
    monkeypatch.setattr(views, "world_view", lambda *a: calls.append(a) or real(*a))
    views.ranking("egdi", 2024)
    assert calls == []  # kept
    monkeypatch.setattr(store, "data_version", lambda data=None: "another-version")
    assert views.ranking("egdi", 2024).set_index("iso3").loc["AZE", "value"] == 0.76073
    assert calls == [("egdi", 2024, "en")]  # new data: computed again


def test_a_value_that_cannot_be_a_key_is_refused_by_the_function_itself():
    from assess.errors import AssessError
    from assess.indices import views

    with pytest.raises((AssessError, TypeError, ValueError)) as e:
        views.ranking(["egdi"], 2024)
    assert "unhashable" not in str(e.value)


def test_requests_within_the_recheck_time_share_one_look_and_later_ones_look_again(app, client, monkeypatch):
    monkeypatch.setenv("EGOV_ASSESS_RECHECK_SECONDS", "1")
    now = [1000.0]
    monkeypatch.setattr(caches, "_clock", lambda: now[0])
    caches._forget_shared()
    listings = []
    folders = registry._folders
    monkeypatch.setattr(registry, "_folders", lambda: listings.append(1) or folders())
    client.post("/_dash-update-component", json=_page_request(app, "/model", "?model=estonia"))
    first = len(listings)
    assert 1 <= first <= 2
    now[0] += 0.5
    client.post("/_dash-update-component", json=_page_request(app, "/model", "?model=singapore"))
    assert len(listings) == first  # within a second: the same look
    now[0] += 1.0
    client.post("/_dash-update-component", json=_page_request(app, "/model", "?model=estonia"))
    assert len(listings) > first  # a second later: the files are looked at again

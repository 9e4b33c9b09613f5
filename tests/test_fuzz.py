"""Property-based fuzzing (hypothesis) of every parser and validator: hostile input ends in a clear error.

Each test draws inputs with a fixed budget (``max_examples``), reproducibly (``derandomize=True``), and
checks the one property the issue asks for: only :class:`assess.errors.AssessError` subclasses escape
(never a ``TypeError``, ``IndexError``, ``ValueError`` … nor a half-built object); the dashboard answers
every request without a 500.

Inputs are mostly *mutations of real documents* (a shipped framework with one to three parts replaced,
deleted or added), so the fuzzer gets past the first check and into the deep ones; the rest are random.
``INPUTS`` counts what was tried (printed by ``-s``).
"""

from __future__ import annotations

import copy
import io
import json
import logging
import math
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.errors import AssessError
from assess.frameworks import (
    BUILD_FAILED,
    CompositeFramework,
    CountryModel,
    Realisation,
    Rubric,
    StageModel,
    Strategy,
    framework_from_dict,
    list_frameworks,
    load_framework,
)
from assess.io.excel import _ILLEGAL_XML

#: What was tried, by test (``pytest -s`` prints it at the end of the module).
INPUTS: Counter = Counter()


def fuzz(n: int):
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print("\nfuzz inputs tried:", dict(INPUTS), "total", sum(INPUTS.values()))


# --------------------------------------------------------------------------------------------- values
TRICKY_TEXT = ["", " ", "0", "-1", "1e309", "nan", "NaN", "inf", "2.5", "0.99", "None", "null", "true", "AZE", "SGP",
               "XXX", "un_egdi", "un_egdi.osi", "un_egdi.", ".osi", "a.b.c", "/etc/passwd", "../frameworks/epi",
               "C:\\\\x", "=HYPERLINK(\"http://x\")", "\x00", "é", "ə", "\u202e", "x" * 300, "root", "osi", "egdi",
               "minmax", "arithmetic_mean", "drop_reweight", "body", "reports_to", "measured_by", "level 3",
               "3 – Defined", "Level 9", "e_payment", "composite", "rubric", "stage_model", "country_model"]

scalars = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.integers() |
           st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(TRICKY_TEXT) | st.text(max_size=12) |
           st.dates() | st.binary(max_size=4))
values = st.recursive(scalars, lambda c: st.lists(c, max_size=4) |
                      st.dictionaries(st.sampled_from(TRICKY_TEXT) | st.text(max_size=6) | st.integers(-3, 5), c,
                                      max_size=4), max_leaves=8)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


def _get(obj, path):
    for k in path:
        obj = obj[k]
    return obj


def mutate(doc, data, max_mutations: int = 3):
    """One to ``max_mutations`` edits of a copy of ``doc``: replace a part, delete it, add a key or an item."""
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, max_mutations))):
        paths = list(_paths(doc))
        path = paths[data.draw(st.integers(0, len(paths) - 1))]
        op = data.draw(st.sampled_from(["replace", "replace", "delete", "add", "duplicate", "truncate"]))
        if not path:
            if op == "replace":
                doc = data.draw(values)
            continue
        parent, key = _get(doc, path[:-1]), path[-1]
        if op == "replace":
            parent[key] = data.draw(values)
        elif op == "delete":
            del parent[key]
        elif op == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(TRICKY_TEXT) | st.integers(-2, 5))] = data.draw(values)
        elif op == "add" and isinstance(parent, list):
            parent.insert(key, data.draw(values))
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif op == "truncate" and isinstance(parent[key], list | dict):
            keep = data.draw(st.integers(0, max(len(parent[key]) - 1, 0)))
            parent[key] = parent[key][:keep] if isinstance(parent[key], list) else dict(list(parent[key].items())[:keep])
    return doc


def only_assess_errors(call):
    """Run ``call``; an AssessError is fine, anything else fails the test (with the input shown by hypothesis)."""
    try:
        return call()
    except AssessError as e:
        assert BUILD_FAILED not in str(e), f"the validator accepted a document that cannot be built: {e}"
        return None


# --------------------------------------------------------------------------------------------- frameworks
KIND_DOCS = {}
for _row in list_frameworks():
    if _row["kind"] in ("composite", "country_model", "evidence_map", "realisation", "rubric", "stage_model",
                        "strategy"):
        KIND_DOCS.setdefault(_row["kind"], []).append(load_framework(_row["id"]).to_dict())


@pytest.fixture(scope="module")
def store():
    from assess.data import load_indicators

    return load_indicators()


def _use(fw, store):
    """Use a framework the validator accepted the way the library does; errors must be AssessErrors."""
    if isinstance(fw, CompositeFramework):
        from assess.engine.scoring import score
        from assess.engine.spec import spec_from_framework

        score(spec_from_framework(fw), store)  # the latest year of the framework's datasets
    elif isinstance(fw, StageModel):
        fw.place({"un_egdi.osi": 0.5, "un_egdi.egdi": 0.9}, {"e_payment", "online_information"})
    elif isinstance(fw, Rubric):
        from assess.strategy.rubric import score_rubric

        profile = next(iter(fw.profiles), None)
        if profile is not None:
            score_rubric(fw.profiles[profile], rubric=fw, profile_against=profile)
    elif isinstance(fw, CountryModel):
        from assess.model.build import build_graph
        from assess.model.checks import check_graph
        from assess.model.provenance import check_quotes, unverified_facts
        from assess.model.timeline import graph_as_of

        G = build_graph(fw)
        check_graph(G)
        graph_as_of(G, 2015)
        check_quotes(fw)
        unverified_facts(fw)
    elif isinstance(fw, Realisation):
        from assess.model.realised import realisation

        realisation(fw.proposal, fw.current, using=fw)
    elif getattr(fw, "kind", None) == "evidence_map":
        from assess.model.evidence_states import evidence

        evidence("AZE", 2022, evidence_map=fw)
    elif isinstance(fw, Strategy):
        from assess.model.strategy_graph import strategy_graph, structure_layout
        from assess.strategy.checks import check_strategy, structure_summary
        from assess.strategy.rubric import level_comparison

        check_strategy(fw)
        structure_summary(fw)
        level_comparison(fw)
        structure_layout(strategy_graph(fw))


@pytest.mark.parametrize("kind, budget", [("composite", 700), ("country_model", 500), ("evidence_map", 300),
                                          ("realisation", 300), ("rubric", 500), ("stage_model", 500),
                                          ("strategy", 500)])
def test_framework_documents_of_each_kind(kind, budget, store):
    docs = KIND_DOCS[kind]

    @fuzz(budget)
    @given(st.data())
    def run(data):
        INPUTS[f"framework:{kind}"] += 1
        doc = mutate(docs[data.draw(st.integers(0, len(docs) - 1))], data)
        fw = only_assess_errors(lambda: framework_from_dict(doc, source=f"fuzz_{kind}.yaml"))
        if fw is not None:
            only_assess_errors(lambda: _use(fw, store))

    run()


@fuzz(400)
@given(values)
def test_framework_random_documents(doc):
    INPUTS["framework:random"] += 1
    only_assess_errors(lambda: framework_from_dict(doc) if isinstance(doc, dict) else
                       framework_from_dict({"id": "x", "kind": "rubric", "levels": doc}))


@fuzz(400)
@given(data=st.data())
def test_framework_yaml_texts(data, tmp_path_factory):
    """YAML texts: shipped files cut, with bytes changed, or made of random lines; loaded by path."""
    INPUTS["framework:yaml_text"] += 1
    rows = [r for r in list_frameworks() if r["kind"]]
    text = Path(data.draw(st.sampled_from(rows))["path"]).read_text(encoding="utf-8")
    how = data.draw(st.sampled_from(["cut", "splice", "random", "encode"]))
    if how == "cut":
        text = text[: data.draw(st.integers(0, len(text)))]
    elif how == "splice":
        i = data.draw(st.integers(0, len(text)))
        text = text[:i] + data.draw(st.sampled_from(["&a ", "*a", "!!python/object:os.system ", "!!binary ", "{", "[",
                                                     ": ", "- ", "\t", "\x00", "<<: *a\n", "? ", "%YAML 1.1\n",
                                                     "---\n", "é", "\ufeff"]) | st.text(max_size=8)) + text[i:]
    elif how == "random":
        text = data.draw(st.text(max_size=200))
    folder = tmp_path_factory.mktemp("yaml")
    stem = "epi"
    p = folder / f"{stem}.yaml"
    if how == "encode":
        p.write_bytes(text.encode("utf-8")[: data.draw(st.integers(0, 400))] + data.draw(st.binary(max_size=8)))
    else:
        p.write_text(text, encoding="utf-8", errors="surrogatepass") if "\ud800" not in text else \
            p.write_bytes(text.encode("utf-8", "surrogatepass"))
    only_assess_errors(lambda: load_framework(p))
    list_frameworks(folder)  # never raises: an unreadable file is listed without a kind


# --------------------------------------------------------------------------------------------- scoring specs
SPEC = {"id": "t", "name": {"en": "T"}, "method": {"normalise": "minmax", "aggregate": "arithmetic_mean"},
        "scale": {"min": 0, "max": 1}, "groups": [{"id": "low", "min": 0}, {"id": "high", "min": 0.5}],
        "classes": {"rule": "quartile_within_group", "labels": {"low": ["L1", "L2", "L3", "L4"]}},
        "components": [{"id": "r"}, {"id": "p", "parent": "r", "weight": 2, "aggregate": "geometric_mean"}],
        "indicators": [{"id": "a", "parent": "p", "weight": 1, "direction": -1, "normalise": "zscore"},
                       {"id": "b", "parent": "p", "source": {"dataset": "d", "indicator": "b"}},
                       {"id": "c", "parent": "r", "normalise": {"method": "goalposts", "lo": 0, "hi": 10}}]}
TABLE = pd.DataFrame({"a": [1.0, 2.0, 4.0, None], "b": [3.0, 1.0, 2.0, 5.0], "c": [0.0, 5.0, 10.0, 7.0]},
                     index=["w", "x", "y", "z"])


@fuzz(1500)
@given(data=st.data())
def test_spec_from_dict_and_score(data):
    INPUTS["spec_from_dict"] += 1
    from assess.engine.scoring import score
    from assess.engine.spec import spec_from_dict

    doc = mutate(SPEC, data) if data.draw(st.integers(0, 4)) else data.draw(values)
    spec = only_assess_errors(lambda: spec_from_dict(doc))
    if spec is not None:
        params = data.draw(st.fixed_dictionaries({}, optional={
            "normalise": values, "aggregate": values, "missing": values, "weights": values, "treat": values,
            "overrides": values, "units": values, "min_coverage": values, "year": values}))
        only_assess_errors(lambda: score(spec, TABLE, **params))


# --------------------------------------------------------------------------------------------- indicator tables
cell = (st.none() | st.floats(allow_nan=True, allow_infinity=True) | st.integers(-10**20, 10**20) |
        st.sampled_from(TRICKY_TEXT) | st.text(max_size=6))


@fuzz(500)
@given(data=st.data())
def test_indicator_tables(data):
    INPUTS["indicator_table"] += 1
    from assess.engine.scoring import score
    from assess.engine.spec import spec_from_dict
    from assess.engine.table import read_table

    n = data.draw(st.integers(0, 6))
    cols = data.draw(st.lists(st.sampled_from(["iso3", "unit", "country", "indicator", "value", "year", "a", "b", "c",
                                               "uCode", "x"]), max_size=6, unique=True))
    df = pd.DataFrame({c: data.draw(st.lists(cell, min_size=n, max_size=n)) for c in cols})
    wide = only_assess_errors(lambda: read_table(df, year=data.draw(st.none() | cell)))
    if wide is not None:
        only_assess_errors(lambda: score(spec_from_dict(SPEC), df))


@fuzz(300)
@given(data=st.data())
def test_indicator_csv_files(data, tmp_path_factory):
    INPUTS["indicator_csv"] += 1
    from assess.engine.table import read_table

    header = data.draw(st.sampled_from(["iso3,indicator,value,year", "unit,a,b,c", "a;b", ""]))
    lines = data.draw(st.lists(st.lists(st.sampled_from(TRICKY_TEXT) | st.text(max_size=5), max_size=5)
                               .map(",".join), max_size=5))
    raw = ("\n".join([header, *lines]) + data.draw(st.sampled_from(["\n", "", "\r\n"]))).encode(
        data.draw(st.sampled_from(["utf-8", "utf-16", "utf-8-sig"])), "surrogatepass")
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))] + data.draw(st.binary(max_size=6))
    p = tmp_path_factory.mktemp("csv") / "t.csv"
    p.write_bytes(raw)
    only_assess_errors(lambda: read_table(p))


@fuzz(250)
@given(data=st.data())
def test_un_edition_files(data, tmp_path_factory):
    """A UN edition file with cells replaced, rows dropped or duplicated: a DataError or a clean table."""
    INPUTS["un_file"] += 1
    import assess.data.store as d
    from assess.data import parsers

    src = d.BUNDLED_DATA / "un_egdi/EGOV_DATA_2024_renamed_cols.csv"
    lines = src.read_text(encoding="utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["cell", "cell", "drop", "dup"]))
        if op == "cell":
            fields = lines[i].split(",")
            j = data.draw(st.integers(0, len(fields) - 1))
            fields[j] = data.draw(st.sampled_from(TRICKY_TEXT) | st.text(max_size=6)).replace("\n", " ").replace(
                "\r", " ")
            lines[i] = ",".join(fields)
        elif op == "drop" and len(lines) > 1:
            del lines[i]
        else:
            lines.insert(i, lines[i])
    root = tmp_path_factory.mktemp("un")
    (root / "un_egdi").mkdir()
    p = root / "un_egdi" / "EGOV_DATA_2024_renamed_cols.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    # the name table comes from the bundled classifications
    (root / "classifications").symlink_to(d.BUNDLED_DATA / "classifications")
    only_assess_errors(lambda: parsers._parse_un_file(p, 2024, {}))


# --------------------------------------------------------------------------------------------- workbooks
@pytest.fixture(scope="module")
def template():
    from tests.hostile import template_bytes

    return template_bytes()


@fuzz(250)
@given(data=st.data())
def test_self_assessment_workbooks(data, template):
    INPUTS["workbook"] += 1
    from openpyxl import load_workbook

    from assess.strategy.workbook import read_assessment

    how = data.draw(st.sampled_from(["cells", "cells", "cells", "bytes", "zip"]))
    if how == "cells":
        wb = load_workbook(io.BytesIO(template))
        ws = wb.worksheets[0]
        for r in range(6, 21):
            ws.cell(r, 4).value = data.draw(st.integers(0, 4))
        for _ in range(data.draw(st.integers(1, 5))):
            ref = data.draw(st.sampled_from(["A1", "B2", "B3", "A5", "A6", "A7", "D6", "D7", "E6", "A21", "D21",
                                             "A40", "D40"]))
            v = data.draw(cell | st.dates() | st.booleans())
            v = v if not (isinstance(v, float) and not math.isfinite(v)) else str(v)
            ws[ref] = _ILLEGAL_XML.sub("", v) if isinstance(v, str) else v  # what openpyxl can write
        if data.draw(st.booleans()):
            ws.title = data.draw(st.sampled_from(["Assessment", "Qiymətləndirmə", "Other", "assessment "]))
        buf = io.BytesIO()
        wb.save(buf)
        raw = buf.getvalue()
    elif how == "bytes":
        raw = template[: data.draw(st.integers(0, len(template)))] + data.draw(st.binary(max_size=16))
    else:
        src, out = zipfile.ZipFile(io.BytesIO(template)), io.BytesIO()
        victim = data.draw(st.sampled_from(src.namelist()))
        with zipfile.ZipFile(out, "w") as z:
            for name in src.namelist():
                body = src.read(name)
                if name == victim:
                    i = data.draw(st.integers(0, len(body)))
                    body = body[:i] + data.draw(st.binary(max_size=12) | st.sampled_from(
                        [b"<", b"&lol;", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\xff"])) + body[i:]
                z.writestr(name, body)
        raw = out.getvalue()
    only_assess_errors(lambda: read_assessment(raw))


# --------------------------------------------------------------------------------------------- JSON imports
ANSWERS = {"rubric": "strategic_structure", "answers": {"vision": {"level": 3, "evidence": "p. 2"},
                                                        "goals_kpis": {"level": 1, "evidence": ""}}}


@fuzz(400)
@given(data=st.data())
def test_json_assessments_and_stored_payloads(data, tmp_path_factory):
    INPUTS["json"] += 1
    from assess.reports.country.analysis import _rubric_score
    from assess.reports.country.inputs import strategy_input
    from assess.strategy import store

    doc = mutate(ANSWERS, data) if data.draw(st.integers(0, 3)) else data.draw(values)
    folder = tmp_path_factory.mktemp("json")
    p = folder / "a.json"
    p.write_text(json.dumps(doc, default=str), encoding="utf-8")

    def strategy():
        got = strategy_input(p, "en")
        if got is not None:
            _rubric_score(got)

    only_assess_errors(strategy)
    only_assess_errors(lambda: store.save_assessment(doc, name=data.draw(cell | st.just("x")),
                                                     country=data.draw(cell | st.just("AZE")),
                                                     db=folder / "s.sqlite3"))


@fuzz(200)
@given(data=st.data())
def test_graph_json_files(data, tmp_path_factory):
    INPUTS["graph_json"] += 1
    from assess.model.build import build_graph
    from assess.model.graph_io import read_graph, to_node_link

    doc = to_node_link(build_graph("estonia"))
    doc = mutate(doc, data) if data.draw(st.integers(0, 3)) else data.draw(values)
    p = tmp_path_factory.mktemp("g") / "g.json"
    p.write_text(json.dumps(doc, default=str), encoding="utf-8")
    only_assess_errors(lambda: read_graph(p))


# --------------------------------------------------------------------------------------------- levels
@fuzz(2000)
@given(cell | st.decimals() | st.booleans() | st.dates() | st.from_regex(
    r"\s*(level|Səviyyə)?\s*[-+]?\d{1,3}([.,]\d{0,3})?\s*([-–:.)]\s*\w*)?\s*", fullmatch=True))
def test_levels_parse_exactly_or_refuse(value):
    INPUTS["level"] += 1
    from decimal import Decimal

    from assess.strategy.workbook import parse_level

    levels = load_framework("strategic_structure").levels
    level, problem = parse_level(value, levels)
    assert (level is None) != (problem is None)
    if level is not None:
        # a level read is exactly the number written: never a rounded 2.5 or 0.99
        number = value if isinstance(value, int | float | Decimal) else None
        if isinstance(value, str):
            import re

            m = re.search(r"[-+]?\d+(?:[.,]\d+)?", value)
            number = Decimal(m.group(0).replace(",", ".")) if m else None
        if number is not None:
            assert Decimal(str(number)) == level


# --------------------------------------------------------------------------------------------- URL and form values
PLAUSIBLE = {
    "country": ["AZE", "SGP", "EST", "PRK", "XXX", "", "aze"], "with": [["SGP", "EST"], ["XXX"], []],
    "compare": [["SGP", "EST"], "SGP,EST", ["AZE", 3]], "edition": [0, 11, 2024, 5, 2022, 12, -1, 1e9],
    "index": ["egdi", "osi", "epi", "gtmi", "cgsi", "x"], "framework": ["un_egdi", "epi", "strategic_structure"],
    "model": ["azerbaijan_proposal", "singapore", "estonia", "un_egdi"], "reference": ["singapore", "singapore_dgb"],
    "colour": ["type", "gap", "readiness"], "view": ["overlay", "side"], "show": [["org", "tech"], "org,tech", ["x"]],
    "n_clicks": [1, 2, 0], "lang": ["en", "az", "fr"], "kind": ["rank", "next_group", "next_class", "x"],
    "rank": [1, 50, 0, -3, 10**9, "7"], "against": ["SGP", "frontier", "top", "peer:south_caucasus", "next_group", "5"],
    "search": ["?country=AZE&edition=2024", "?framework=/etc/passwd", "?model=/etc/passwd&colour=gap",
               "?assessment=1", "?assessment=../../x", "?compare=SGP,XXX&edition=1999", "?index=osi&edition=2003"],
    "pathname": ["/", "/country", "/compare", "/model", "/strategy", "/whatif", "/robustness", "/data", "/nope",
                 "/../etc/passwd"],
    "data": [{"country": "AZE", "compare": ["SGP"], "edition": 2024}, {"country": ["x"]}],
    "tapNodeData": [{"id": "citizens"}, {"id": "ref:singapore"}, {"id": "nope"}, {"label": 1}],
    "contents": ["data:application/octet-stream;base64,UEsDBA==", "data:x;base64,!!!", "no comma"],
    "filename": ["a.xlsx", "../../etc/passwd"], "saved": [1, 2, "1", -1, 10**30],
    "osi": [0.5, 0.85, 1.0], "hci": [0.5], "tii": [0.5], "name": ["draft", "", " "], "id": [1, None, "x"],
    "level": [0, 3, 4, 7, "2"], "evidence": ["p. 2", "=HYPERLINK(\"x\")"], "range": [0.25, 0.5], "n": [1000, 5000],
}


def _key(cid, prop):
    if isinstance(cid, dict):
        return str(cid.get("type", "")).rsplit("-", 1)[-1]
    if prop in ("search", "pathname", "n_clicks", "tapNodeData", "contents", "filename", "data"):
        return prop
    return str(cid).rsplit("-", 1)[-1]


def _value(data, cid, prop):
    pool = PLAUSIBLE.get(_key(cid, prop))
    if pool and data.draw(st.integers(0, 2)):
        return data.draw(st.sampled_from(pool))
    if prop == "search" and data.draw(st.booleans()):
        return "?" + "&".join(f"{k}={v}" for k, v in data.draw(st.dictionaries(
            st.sampled_from(["country", "compare", "edition", "index", "framework", "model", "reference", "colour",
                             "view", "show", "assessment", "against", "x"]),
            st.sampled_from(TRICKY_TEXT) | st.text(max_size=8), max_size=4)).items())
    return data.draw(values)


def _specs(key: str) -> list[tuple]:
    """(id, property) of each output of a callback_map key (``..a.b...c.d..``; a property keeps its ``@hash``
    of ``allow_duplicate``, as the browser sends it)."""
    parts = key[2:-2].split("...") if key.startswith("..") else [key]
    out = []
    for part in parts:
        cid, prop = part.rsplit(".", 1)
        out.append((json.loads(cid) if cid.startswith("{") else cid, prop))
    return out


def _concrete(data, cid, n_all):
    """A pattern id made concrete: ALL → a list of ids (criteria of the rubric), MATCH → one id."""
    if not isinstance(cid, dict):
        return cid, False
    crit = data.draw(st.sampled_from(CRITERIA))
    wild = [k for k, v in cid.items() if isinstance(v, list)]
    if any(cid[k] == ["ALL"] for k in wild):
        return [{**cid, **{k: c for k in wild}} for c in CRITERIA[:n_all]], True
    return {**cid, **{k: crit for k in wild}}, False


CRITERIA = [c.id for c in load_framework("strategic_structure").criteria]


@pytest.fixture(scope="module")
def dash_client(tmp_path_factory):
    import os

    saved = os.environ.get("EGOV_ASSESS_DB")
    os.environ["EGOV_ASSESS_DB"] = str(tmp_path_factory.mktemp("db") / "a.sqlite3")  # saves go to a scratch file
    from app import create_app

    app = create_app(warm=False)
    app.server.config["PROPAGATE_EXCEPTIONS"] = True  # an exception in a callback fails the test, with its traceback
    client = app.server.test_client()
    assert client.get("/").status_code == 200  # registers the pages' callbacks
    callbacks = {k: v for k, v in app.callback_map.items()  # server-side ones; the background one is tested apart
                 if v.get("callback") and not v.get("background") and "robustness-run" not in json.dumps(v["inputs"])}
    yield client, callbacks
    if saved is None:
        os.environ.pop("EGOV_ASSESS_DB", None)
    else:
        os.environ["EGOV_ASSESS_DB"] = saved


class _Unclear(logging.Handler):
    """Records what ui.friendly_error logs: an exception that reached the user as "Something went wrong"."""

    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def emit(self, record):
        self.seen.append(record.getMessage() + ": " + repr(record.exc_info[1] if record.exc_info else None))


@pytest.fixture(scope="module")
def unclear():
    handler = _Unclear()
    log = logging.getLogger("egov_assess.dashboard")
    log.addHandler(handler)
    yield handler
    log.removeHandler(handler)


@fuzz(800)
@given(data=st.data())
def test_every_callback_answers_hostile_values_without_a_500(data, dash_client, unclear):
    """Requests as a browser (or an attacker) sends them to ``/_dash-update-component``, values fuzzed.

    Every answer is 200 (the page's own message for bad values), 204 (nothing to update) or 400 with a
    "Bad request" text (a request no page can send); never a 500, never "Something went wrong"."""
    INPUTS["callback_request"] += 1
    client, callbacks = dash_client
    key = data.draw(st.sampled_from(sorted(callbacks)))
    entry = callbacks[key]
    n_all = data.draw(st.integers(0, len(CRITERIA))) if data.draw(st.integers(0, 3)) == 0 else len(CRITERIA)

    def specs(items):
        out = []
        for item in items:
            cid = json.loads(item["id"]) if isinstance(item["id"], str) and item["id"].startswith("{") else item["id"]
            concrete, many = _concrete(data, cid, n_all)
            if many:
                out.append([{"id": c, "property": item["property"], "value": _value(data, cid, item["property"])}
                            for c in concrete])
            else:
                out.append({"id": concrete, "property": item["property"], "value": _value(data, cid, item["property"])})
        return out

    outputs = []
    for cid, prop in _specs(key):
        concrete, many = _concrete(data, cid, n_all)
        outputs.append([{"id": c, "property": prop} for c in concrete] if many else {"id": concrete, "property": prop})
    inputs, state = specs(entry["inputs"]), specs(entry["state"])
    first = inputs[0][0] if isinstance(inputs[0], list) and inputs[0] else inputs[0]
    changed = (json.dumps(first["id"], sort_keys=True, separators=(",", ":")) if isinstance(first, dict) and
               isinstance(first.get("id"), dict) else first.get("id", "x") if isinstance(first, dict) else "x")
    body = {"output": key, "outputs": outputs if len(outputs) > 1 or key.startswith("..") else outputs[0],
            "inputs": inputs, "state": state,
            "changedPropIds": [f"{changed}.{first.get('property', 'value') if isinstance(first, dict) else 'value'}"]}
    unclear.seen.clear()
    r = client.post("/_dash-update-component", data=json.dumps(body, default=str), content_type="application/json")
    assert r.status_code in (200, 204, 400), (r.status_code, key, r.get_data(as_text=True)[:500])
    assert r.status_code != 400 or r.get_data(as_text=True).startswith("Bad request: ")
    assert not unclear.seen, (key, unclear.seen)

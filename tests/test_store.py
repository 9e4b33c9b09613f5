"""The assessment store on SQLite and on a real PostgreSQL server: versions, soft delete, backups, migrations,
concurrent saves from several processes, and a process killed in the middle of a save."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
import sqlalchemy as sa

from assess.cli.parser import main as cli
from assess.strategy import db as storedb
from assess.strategy import store
from assess.strategy.store import (
    StaleVersionError,
    StoreError,
    assessment_history,
    delete_assessment,
    list_assessments,
    load_assessment,
    restore_assessment,
    save_assessment,
)
from tests.conftest import ROOT
from tests.services import postgres_server, postgres_url  # noqa: F401 (fixtures)

ANSWERS = {
    "vision": {"level": 3, "evidence": "One vision statement in the 2024 strategy."},
    "goals_kpis": {"level": 1, "evidence": "Qualitative goals only."},
    "principles": {"level": None, "evidence": ""},
}


def assessment(**answers):
    return {"rubric": "strategic_structure", "rubric_version": 1, "answers": answers or ANSWERS}


@pytest.fixture
def sqlite_db(tmp_path):
    return tmp_path / "sub" / "assessments.sqlite3"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.xdist_group("services"))])
def db(request, tmp_path):
    """The store under test: a SQLite file, or an empty database on a real PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "sub" / "assessments.sqlite3")
    return request.getfixturevalue("postgres_url")


# ------------------------------------------------------------------------------------------ basics, both engines
def test_round_trip_keeps_levels_evidence_and_who(db):
    i = save_assessment(assessment(), name="Azerbaijan 2024", country="aze", db=db, user="leyla")
    got = load_assessment(i, db=db)
    assert got["answers"] == ANSWERS
    assert (got["id"], got["name"], got["country"], got["rubric"], got["rubric_version"]) == (
        i, "Azerbaijan 2024", "AZE", "strategic_structure", "1")
    assert (got["version"], got["created_by"], got["updated_by"]) == (1, "leyla", "leyla")
    assert got["created"] == got["updated"]


def test_list_is_last_changed_first_and_counts_answered_levels(db):
    a = save_assessment(assessment(), name="first", country="AZE", db=db)
    b = save_assessment(assessment(vision={"level": 4, "evidence": "x"}), name="second", country="SGP", db=db)
    df = list_assessments(db=db)
    assert list(df.columns) == store.LIST_COLUMNS
    assert set(df["id"]) == {a, b}
    assert df.set_index("id").loc[a, "answered"] == 2  # principles has no level
    assert df.set_index("id").loc[b, "country"] == "SGP"
    time.sleep(1.1)  # timestamps have seconds
    save_assessment(load_assessment(a, db=db), name="first, edited", country="AZE", db=db)
    assert list_assessments(db=db)["id"].tolist() == [a, b]


def test_a_stale_save_is_refused_and_names_who_changed_it(db):
    i = save_assessment(assessment(), name="draft", country="AZE", db=db, user="leyla")
    mine, theirs = load_assessment(i, db=db), load_assessment(i, db=db)
    theirs["answers"]["vision"]["level"] = 4
    assert save_assessment(theirs, name="draft", country="AZE", db=db, user="rashad") == i
    mine["answers"]["vision"]["level"] = 0
    with pytest.raises(StaleVersionError, match=r"assessment #\d+ was changed by rashad at \d{4}-\d\d-\d\d \d\d:\d\d "
                                                r"UTC: reload, or save as new\.") as err:
        save_assessment(mine, name="draft", country="AZE", db=db, user="leyla")
    assert (err.value.current, err.value.by) == (2, "rashad")
    got = load_assessment(i, db=db)
    assert got["answers"]["vision"]["level"] == 4 and got["version"] == 2  # nothing overwritten
    as_new = {k: v for k, v in mine.items() if k not in store.META_KEYS}  # "save as new": a copy without id
    new = save_assessment(as_new, name="draft (mine)", country="AZE", db=db, user="leyla")
    assert new != i and load_assessment(new, db=db)["answers"]["vision"]["level"] == 0
    # an update must name the version it was edited from
    with pytest.raises(StoreError, match="only from the version it was edited from"):
        save_assessment(assessment(), name="x", country="AZE", db=db, id=i)


def test_every_version_is_kept_and_readable(db):
    i = save_assessment(assessment(), name="v1", country="AZE", db=db, user="a")
    for k in range(2, 5):
        got = load_assessment(i, db=db)
        got["answers"]["goals_kpis"]["level"] = k
        save_assessment(got, name=f"v{k}", country="AZE", db=db, user=f"user{k}")
    h = assessment_history(i, db=db)
    assert h["version"].tolist() == [1, 2, 3, 4]
    assert h["action"].tolist() == ["create", "update", "update", "update"]
    assert h["saved_by"].tolist() == ["a", "user2", "user3", "user4"]
    old = load_assessment(i, db=db, version=2)
    assert (old["name"], old["answers"]["goals_kpis"]["level"], old["version"]) == ("v2", 2, 2)
    with pytest.raises(StoreError, match=r"has no version 9 \(versions 1 to 4\)"):
        load_assessment(i, db=db, version=9)


def test_soft_delete_hides_keeps_history_and_can_be_restored(db):
    a = save_assessment(assessment(), name="a", country="AZE", db=db, user="ana")
    b = save_assessment(assessment(), name="b", country="AZE", db=db, user="ana")
    stale = load_assessment(a, db=db)
    assert delete_assessment(a, db=db, user="admin") is True
    assert delete_assessment(a, db=db, user="admin") is False
    assert list_assessments(db=db)["id"].tolist() == [b]
    gone = list_assessments(db=db, deleted=True)
    assert gone["id"].tolist() == [a] and gone["deleted_by"].tolist() == ["admin"]
    with pytest.raises(StoreError, match=r"no saved assessment with id \d+\. It was deleted by admin at"):
        load_assessment(a, db=db)
    assert load_assessment(a, db=db, deleted=True)["deleted_by"] == "admin"
    with pytest.raises(StaleVersionError, match="was deleted by admin at .*: save it as new, or ask an administrator"):
        save_assessment(stale, name="a", country="AZE", db=db)
    assert assessment_history(a, db=db)["action"].tolist() == ["create", "delete"]
    assert restore_assessment(a, db=db, user="admin") == 3
    assert load_assessment(a, db=db)["answers"] == ANSWERS
    # a delete that names an old version is refused like a save
    with pytest.raises(StaleVersionError, match="changed by admin"):
        delete_assessment(a, db=db, user="ana", version=1)


def test_invalid_assessment_lists_every_problem_and_writes_nothing(db):
    bad = {"rubric": "", "answers": {"vision": {"level": "high"}, "goals_kpis": {"level": 2, "evidence": 5}}}
    with pytest.raises(StoreError, match=r"5 problems") as err:
        save_assessment(bad, name=" ", country="Azerbaijan", db=db)
    locations = [i.location for i in err.value.issues]
    assert locations == ["name", "country", "rubric", "answers[vision].level", "answers[goals_kpis].evidence"]
    assert "Got 'high' instead" in str(err.value)
    assert list_assessments(db=db).empty


def test_names_and_documents_are_bounded(db):
    t = time.perf_counter()
    with pytest.raises(StoreError, match="name: 10,000 characters is over the limit MAX_NAME_CHARS = 200"):
        save_assessment(assessment(), name="N" * 10_000, country="AZE", db=db)
    assert time.perf_counter() - t < 1
    huge = assessment(vision={"level": 1, "evidence": "e" * 30_000})
    huge["notes"] = ["x" * 30_000] * 200
    with pytest.raises(StoreError, match="over the limit MAX_ASSESSMENT_BYTES"):
        save_assessment(huge, name="big", country="AZE", db=db)
    with pytest.raises(StoreError, match="MAX_USER_CHARS"):
        save_assessment(assessment(), name="x", country="AZE", db=db, user="u" * 100)
    assert list_assessments(db=db).empty


def test_other_keys_of_the_document_are_kept(db):
    # ("assessors" has a structure of its own since issue 13: tests/test_strategy.py)
    doc = {**assessment(), "reviewers": ["A", "B"], "kpis": [{"id": "k1", "target": 0.9}]}
    doc["answers"]["vision"] = {"level": 2, "evidence": "e", "assessor_b": {"level": 3}}
    got = load_assessment(save_assessment(doc, name="x", country="AZE", db=db), db=db)
    assert got["reviewers"] == ["A", "B"] and got["kpis"][0]["target"] == 0.9
    assert got["answers"]["vision"]["assessor_b"] == {"level": 3}


def test_unknown_id_and_bad_id_are_friendly(db):
    with pytest.raises(StoreError, match="no saved assessment with id 42"):
        load_assessment(42, db=db)
    with pytest.raises(StoreError, match="expected an assessment id .* Got 'abc' instead"):
        load_assessment("abc", db=db)
    with pytest.raises(StoreError, match="no saved assessment with id 9"):
        save_assessment(assessment(), name="x", country="AZE", db=db, id=9, version=1)
    assert list_assessments(db=db).empty


def test_backup_round_trip_between_engines(db, tmp_path):
    a = save_assessment(assessment(), name="a", country="AZE", db=db, user="ana")
    got = load_assessment(a, db=db)
    got["answers"]["vision"]["level"] = 4
    save_assessment(got, name="a2", country="AZE", db=db, user="bob")
    b = save_assessment(assessment(), name="b", country="GEO", db=db, user="ana")
    delete_assessment(b, db=db, user="admin")
    path = store.write_backup(tmp_path / "backup.json", db=db)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert [len(x["versions"]) for x in doc["assessments"]] == [2, 2]
    other = str(tmp_path / "restored.sqlite3")  # a fresh store on the other engine (SQLite)
    assert store.read_backup(path, db=other, user="admin") == {"added": 2, "kept": 0, "renumbered": {}}
    assert store.read_backup(path, db=other, user="admin") == {"added": 0, "kept": 2, "renumbered": {}}
    r = load_assessment(a, db=other)
    assert (r["name"], r["answers"]["vision"]["level"], r["version"]) == ("a2", 4, 3)
    assert assessment_history(a, db=other)["action"].tolist() == ["create", "update", "import"]
    assert assessment_history(a, db=other)["saved_by"].tolist()[:2] == ["ana", "bob"]
    assert list_assessments(db=other, deleted=True)["id"].tolist() == [b]
    # new saves after an import get new ids (the id sequence moved past the imported ones)
    c = save_assessment(assessment(), name="c", country="AZE", db=db)
    assert c > b
    # into a store where the ids are taken by other assessments: added under new ids
    x = str(tmp_path / "x.sqlite3")
    for n in range(3):
        save_assessment(assessment(), name=f"own {n}", country="AZE", db=x)
    out = store.import_assessments(store.export_assessments(db), db=x)
    assert out == {"added": 3, "kept": 0, "renumbered": {a: 4, b: 5, c: 6}}
    assert load_assessment(4, db=x)["name"] == "a2" and load_assessment(1, db=x)["name"] == "own 0"
    # a backup made before a change brings the old state back as a new assessment, never over the newer one
    got = load_assessment(c, db=db)
    save_assessment(got, name="c, changed", country="AZE", db=db)
    out = store.import_assessments(doc, db=db)  # doc: before c existed, a and b unchanged since
    assert out == {"added": 0, "kept": 2, "renumbered": {}}


def test_a_broken_backup_lists_its_problems_and_writes_nothing(db, tmp_path):
    doc = {"format": "egov-assess assessments", "assessments": [
        {"id": 1, "created": "2024-01-01", "rubric": "r", "version": 1,
         "versions": [{"version": 1, "saved": "2024", "name": "a", "country": "AZE", "action": "create",
                       "payload": {"answers": {}}}]},
        {"id": "x", "versions": []},
        {"id": 3, "created": "c", "rubric": "r", "version": 1, "versions": [{"version": 2}]}]}
    with pytest.raises(StoreError, match=r"backup: 2 problems") as err:
        store.import_assessments(doc, db=db)
    assert [i.location for i in err.value.issues] == ["assessments[1].id", "assessments[2].versions[0]"]
    assert list_assessments(db=db).empty
    junk = tmp_path / "junk.json"
    junk.write_text("{not json")
    with pytest.raises(StoreError, match="junk.json: expected a JSON backup of assessments"):
        store.read_backup(junk, db=db)


# ------------------------------------------------------------------------------------------ SQLite specifics
def test_sqlite_store_is_in_wal_mode(sqlite_db):
    save_assessment(assessment(), name="a", country="AZE", db=sqlite_db)
    with sqlite3.connect(sqlite_db) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert storedb.revision(storedb.database_url(sqlite_db)) == storedb.HEAD


def test_failed_save_leaves_the_previous_version(sqlite_db):
    i = save_assessment(assessment(), name="good", country="AZE", db=sqlite_db)
    with sqlite3.connect(sqlite_db) as con:
        con.execute("CREATE TRIGGER boom BEFORE INSERT ON versions WHEN NEW.version > 1 "
                    "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(StoreError, match="could not write: disk full"):
        save_assessment(assessment(vision={"level": 0, "evidence": ""}), name="bad", country="AZE", db=sqlite_db,
                        id=i, version=1)
    got = load_assessment(i, db=sqlite_db)
    assert got["name"] == "good" and got["answers"] == ANSWERS and got["version"] == 1  # the UPDATE rolled back


def _legacy_store(path, rows=3):
    """A store as egov-assess 0.1 wrote it (its DDL, PRAGMA user_version = 1), with one overwritten version."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as con:
        con.executescript("""
            CREATE TABLE assessments (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, country TEXT NOT NULL,
                rubric TEXT NOT NULL, rubric_version TEXT, created TEXT NOT NULL, updated TEXT NOT NULL,
                payload TEXT NOT NULL);
            CREATE TABLE history (assessment_id INTEGER NOT NULL, saved TEXT NOT NULL, payload TEXT NOT NULL);
            PRAGMA user_version = 1;""")
        for k in range(1, rows + 1):
            p = json.dumps({"rubric": "strategic_structure", "answers": {"vision": {"level": k, "evidence": "e"}}})
            con.execute("INSERT INTO assessments (name, country, rubric, created, updated, payload) VALUES "
                        "(?, 'AZE', 'strategic_structure', ?, '2024-02-01T10:00:00+00:00', ?)",
                        (f"old {k}", f"2024-01-0{k}T10:00:00+00:00", p))
        con.execute("INSERT INTO history VALUES (1, '2024-01-01T10:00:00+00:00', ?)",
                    (json.dumps({"rubric": "strategic_structure", "answers": {"vision": {"level": 0}}}),))


def test_a_store_of_version_0_1_is_migrated_with_its_history(sqlite_db):
    _legacy_store(sqlite_db)
    df = list_assessments(db=sqlite_db)
    assert sorted(df["name"]) == ["old 1", "old 2", "old 3"]
    h = assessment_history(1, db=sqlite_db)
    assert h["version"].tolist() == [1, 2] and h["saved_by"].tolist() == ["(before accounts)"] * 2
    assert load_assessment(1, db=sqlite_db, version=1)["answers"]["vision"]["level"] == 0
    got = load_assessment(1, db=sqlite_db)
    assert got["version"] == 2 and got["answers"]["vision"]["level"] == 1
    save_assessment(got, name="old 1, now versioned", country="AZE", db=sqlite_db, user="leyla")
    assert load_assessment(1, db=sqlite_db)["version"] == 3


def test_the_old_default_store_in_dot_cache_is_moved_to_var(tmp_path, monkeypatch):
    cache, var = tmp_path / "cache", tmp_path / "var"
    _legacy_store(cache / "assessments.sqlite3", rows=2)
    monkeypatch.setenv("EGOV_ASSESS_CACHE", str(cache))
    monkeypatch.setenv("EGOV_ASSESS_VAR", str(var))
    monkeypatch.delenv("EGOV_ASSESS_DB", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert sorted(list_assessments()["name"]) == ["old 1", "old 2"]
    assert (var / "assessments.sqlite3").is_file()
    assert (cache / "assessments.sqlite3.moved").is_file() and not (cache / "assessments.sqlite3").exists()
    assert store.db_path() == var / "assessments.sqlite3"


def test_a_store_written_by_a_newer_version_is_refused(sqlite_db):
    save_assessment(assessment(), name="a", country="AZE", db=sqlite_db)
    with sqlite3.connect(sqlite_db) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    url = storedb.database_url(sqlite_db)
    storedb._UPGRADED.discard(url)
    with pytest.raises(StoreError, match=r"expected an assessment store at migration 0002 or older\. "
                                         r"Got migration '9999' instead \(written by a newer egov-assess\)"):
        list_assessments(db=sqlite_db)
    legacy = sqlite_db.with_name("newer-legacy.sqlite3")
    _legacy_store(legacy)
    with sqlite3.connect(legacy) as con:
        con.execute("PRAGMA user_version = 2")
    with pytest.raises(StoreError, match=r"schema version <= 1\. Got version 2 instead"):
        list_assessments(db=legacy)


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable assessment store"):
        list_assessments(db=junk)


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("EGOV_ASSESS_DB", str(tmp_path / "env.sqlite3"))
    i = save_assessment(assessment(), name="env", country="AZE")
    assert (tmp_path / "env.sqlite3").exists()
    assert load_assessment(i)["name"] == "env"
    monkeypatch.delenv("EGOV_ASSESS_DB")
    monkeypatch.setenv("EGOV_ASSESS_VAR", str(tmp_path / "v"))
    assert store.db_path() == tmp_path / "v" / "assessments.sqlite3"
    monkeypatch.delenv("EGOV_ASSESS_VAR")
    assert store.db_path().parts[-2:] == ("var", "assessments.sqlite3")  # not in .cache: make clean-cache keeps it
    recipe = (ROOT / "Makefile").read_text().split("\nclean-cache:")[1].split("\n\n")[0]
    assert "rm -rf .cache" in recipe and "var" not in recipe


def test_unicode_evidence_survives(db):
    text = "Elektron hökumət strategiyası: vətəndaş mərkəzli; «ASAN xidmət»"
    i = save_assessment(assessment(vision={"level": 2, "evidence": text}), name="Azərbaycan", country="AZE", db=db)
    got = load_assessment(i, db=db)
    assert got["answers"]["vision"]["evidence"] == text and got["name"] == "Azərbaycan"


def test_store_does_not_import_dash():
    code = "import assess.strategy.store, sys; assert 'dash' not in sys.modules and 'flask' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


# ------------------------------------------------------------------------------------------ command line
def test_command_line_upgrade_backup_delete_restore(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    assert cli(["db", "current", "--db", db]) == 0
    assert "at migration none (empty)" in capsys.readouterr().out
    assert cli(["db", "upgrade", "--db", db]) == 0
    assert "at migration 0002 (the newest)" in capsys.readouterr().out
    i = save_assessment(assessment(), name="cli", country="AZE", db=db, user="ana")
    assert cli(["assessments", "export", "-o", str(tmp_path / "b.json"), "--db", db]) == 0
    assert "1 assessments with every version" in capsys.readouterr().out
    assert cli(["assessments", "delete", str(i), "--db", db, "--user", "admin"]) == 0
    assert cli(["assessments", "list", "--deleted", "--db", db]) == 0
    assert "admin" in capsys.readouterr().out
    assert cli(["assessments", "restore", str(i), "--db", db]) == 0
    assert cli(["assessments", "history", str(i), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "restore" in out and "delete" in out and "local" in out
    assert cli(["assessments", "import", str(tmp_path / "b.json"), "--db", str(tmp_path / "new.sqlite3")]) == 0
    assert "1 added, 0 already there" in capsys.readouterr().out
    assert cli(["assessments", "history", "77", "--db", db]) == 2
    assert "error: no saved assessment with id 77" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------ processes
@pytest.mark.slow
def test_concurrent_saves_from_several_processes_lose_nothing(db):
    """4 processes load, change and save the same assessment for 4 s: stale saves are refused, none is lost."""
    from benchmarks.bench_store import run

    if db.startswith("postgresql"):
        os.environ["DATABASE_URL"] = db
        try:
            r = run(4, 4, None)
        finally:
            del os.environ["DATABASE_URL"]
    else:
        r = run(4, 4, db)
    assert r["accepted"] >= 10 and r["refused"] > 0, r  # they did collide
    assert r["lost"] == 0, r
    assert load_assessment(1, db=db)["version"] == 1 + r["accepted"]  # one version per accepted save
    assert len(assessment_history(1, db=db)) == 1 + r["accepted"]


_SAVER = textwrap.dedent("""
    import sys, time
    import sqlalchemy as sa
    from assess.strategy import store, db as storedb
    db, mode = sys.argv[1], sys.argv[2]
    if mode == "hold":  # stop inside the save's transaction, after its UPDATE, and say so
        @sa.event.listens_for(sa.Engine, "after_execute")
        def hold(conn, clause, *a):
            if str(clause).startswith("UPDATE assessments"):
                print("in-transaction", flush=True)
                time.sleep(60)
    while True:
        got = store.load_assessment(1, db=db)
        got["answers"]["vision"]["level"] = got["version"] % 5
        got["answers"]["vision"]["evidence"] = f"saved as version {got['version'] + 1}"
        store.save_assessment(got, name=f"v{got['version'] + 1}", country="AZE", db=db, user="saver")
        print(got["version"] + 1, flush=True)
""")


def _spawn_saver(db: str, mode: str):
    return subprocess.Popen([sys.executable, "-c", _SAVER, db, mode], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _consistent(db: str) -> dict:
    got = load_assessment(1, db=db)
    assert got["name"] == f"v{got['version']}" or got["version"] == 1
    if got["version"] > 1:
        assert got["answers"]["vision"]["evidence"] == f"saved as version {got['version']}"
    assert len(assessment_history(1, db=db)) == got["version"]
    return got


@pytest.mark.slow
def test_kill_9_in_the_middle_of_a_save_keeps_the_last_version(db):
    save_assessment(assessment(), name="v1", country="AZE", db=db, user="first")
    # 1. killed inside the transaction, after the UPDATE and before the commit
    proc = _spawn_saver(db, "hold")
    assert proc.stdout.readline().strip() == "in-transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    got = _consistent(db)
    assert got["version"] == 1 and got["name"] == "v1" and got["answers"] == ANSWERS
    # 2. killed at random moments while saving as fast as it can: the store always holds the last committed version
    for k in range(6):
        proc = _spawn_saver(db, "loop")
        committed = [int(proc.stdout.readline())]
        time.sleep(0.05 + 0.07 * k)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        committed += [int(x) for x in proc.stdout.read().split()]
        got = _consistent(db)
        assert got["version"] in (committed[-1], committed[-1] + 1), (got["version"], committed[-3:])
    # the store still takes saves, and a SQLite file passes its integrity check
    save_assessment(load_assessment(1, db=db), name="after", country="AZE", db=db)
    if not db.startswith("postgresql"):
        eng = sa.create_engine(storedb.database_url(db))
        with eng.connect() as c:
            assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        eng.dispose()

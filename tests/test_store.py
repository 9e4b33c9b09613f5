"""The SQLite assessment store: round trip, listing, atomic saves, schema versioning."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from assess.strategy import store
from assess.strategy.store import (
    StoreError,
    delete_assessment,
    list_assessments,
    load_assessment,
    save_assessment,
)

ANSWERS = {
    "vision": {"level": 3, "evidence": "One vision statement in the 2024 strategy."},
    "goals_kpis": {"level": 1, "evidence": "Qualitative goals only."},
    "principles": {"level": None, "evidence": ""},
}


@pytest.fixture
def db(tmp_path):
    return tmp_path / "sub" / "assessments.sqlite3"


def assessment(**answers):
    return {"rubric": "strategic_structure", "rubric_version": 1, "answers": answers or ANSWERS}


def test_round_trip_keeps_levels_evidence_and_metadata(db):
    i = save_assessment(assessment(), name="Azerbaijan 2024", country="aze", db=db)
    got = load_assessment(i, db=db)
    assert got["answers"] == ANSWERS
    assert (got["id"], got["name"], got["country"], got["rubric"], got["rubric_version"]) == (
        i, "Azerbaijan 2024", "AZE", "strategic_structure", "1")
    assert got["created"] == got["updated"]
    assert db.exists()  # folder and file created on first use


def test_list_is_newest_first_and_counts_answered_levels(db):
    a = save_assessment(assessment(), name="first", country="AZE", db=db)
    b = save_assessment(assessment(vision={"level": 4, "evidence": "x"}), name="second", country="SGP", db=db)
    df = list_assessments(db=db)
    assert list(df.columns) == store.LIST_COLUMNS
    assert df["id"].tolist() == [b, a]
    assert df.set_index("id").loc[a, "answered"] == 2  # principles has no level
    assert df.set_index("id").loc[b, "country"] == "SGP"


def test_list_of_an_empty_store_is_an_empty_frame(db):
    assert list_assessments(db=db).empty


def test_update_keeps_created_and_stores_history(db):
    i = save_assessment(assessment(), name="draft", country="AZE", db=db)
    created = load_assessment(i, db=db)["created"]
    new = assessment(vision={"level": 4, "evidence": "Now at the centre of the diagram."})
    assert save_assessment(new, name="final", country="AZE", db=db, id=i) == i
    got = load_assessment(i, db=db)
    assert got["name"] == "final" and got["answers"]["vision"]["level"] == 4 and got["created"] == created
    with sqlite3.connect(db) as con:
        (old,) = con.execute("SELECT payload FROM history WHERE assessment_id = ?", (i,)).fetchone()
    assert '"level": 3' in old
    assert len(list_assessments(db=db)) == 1


def test_saving_a_loaded_assessment_overwrites_it(db):
    i = save_assessment(assessment(), name="draft", country="AZE", db=db)
    loaded = load_assessment(i, db=db)
    loaded["answers"]["goals_kpis"]["level"] = 2
    assert save_assessment(loaded, name=loaded["name"], country=loaded["country"], db=db) == i
    assert load_assessment(i, db=db)["answers"]["goals_kpis"]["level"] == 2


def test_invalid_assessment_lists_every_problem_and_writes_nothing(db):
    bad = {"rubric": "", "answers": {"vision": {"level": "high"}, "goals_kpis": {"level": 2, "evidence": 5}}}
    with pytest.raises(StoreError, match=r"4 problems") as err:
        save_assessment(bad, name=" ", country="AZE", db=db)
    locations = [i.location for i in err.value.issues]
    assert locations == ["name", "rubric", "answers[vision].level", "answers[goals_kpis].evidence"]
    assert "Got 'high' instead" in str(err.value)
    assert list_assessments(db=db).empty


def test_failed_save_leaves_the_previous_version(db, monkeypatch):
    i = save_assessment(assessment(), name="good", country="AZE", db=db)
    # Make the UPDATE fail inside the transaction, after the history row was written.
    with sqlite3.connect(db) as con:
        con.execute("CREATE TRIGGER boom BEFORE UPDATE ON assessments BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(StoreError, match="could not save the assessment: disk full"):
        save_assessment(assessment(vision={"level": 0, "evidence": ""}), name="bad", country="AZE", db=db, id=i)
    got = load_assessment(i, db=db)
    assert got["name"] == "good" and got["answers"] == ANSWERS
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 0  # rolled back too


def test_unknown_id_and_bad_id_are_friendly(db):
    with pytest.raises(StoreError, match="no saved assessment with id 42"):
        load_assessment(42, db=db)
    with pytest.raises(StoreError, match="expected an assessment id .* Got 'abc' instead"):
        load_assessment("abc", db=db)
    with pytest.raises(StoreError, match="no saved assessment with id 9"):
        save_assessment(assessment(), name="x", country="AZE", db=db, id=9)
    assert list_assessments(db=db).empty


def test_delete(db):
    a = save_assessment(assessment(), name="a", country="AZE", db=db)
    b = save_assessment(assessment(), name="b", country="AZE", db=db)
    save_assessment(assessment(), name="a2", country="AZE", db=db, id=a)
    assert delete_assessment(a, db=db) is True
    assert delete_assessment(a, db=db) is False
    assert list_assessments(db=db)["id"].tolist() == [b]
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM history WHERE assessment_id = ?", (a,)).fetchone()[0] == 0


def test_schema_version_is_recorded_and_newer_stores_are_refused(db):
    save_assessment(assessment(), name="a", country="AZE", db=db)
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        con.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match=r"expected an assessment store of schema version <= 1\. Got version 2"):
        list_assessments(db=db)


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable assessment store"):
        list_assessments(db=junk)


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("EGOV_ASSESS_DB", str(tmp_path / "env.sqlite3"))
    i = save_assessment(assessment(), name="env", country="AZE")
    assert (tmp_path / "env.sqlite3").exists()
    assert load_assessment(i)["name"] == "env"
    monkeypatch.delenv("EGOV_ASSESS_DB")
    assert store.db_path() == store.db_path(None) and store.db_path().parts[-2:] == (".cache", "assessments.sqlite3")


def test_unicode_evidence_survives(db):
    text = "Elektron hökumət strategiyası: vətəndaş mərkəzli; «ASAN xidmət»"
    i = save_assessment(assessment(vision={"level": 2, "evidence": text}), name="Azərbaycan", country="AZE", db=db)
    got = load_assessment(i, db=db)
    assert got["answers"]["vision"]["evidence"] == text and got["name"] == "Azərbaycan"


def test_store_does_not_import_dash():
    code = "import assess.strategy.store, sys; assert 'dash' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0

"""A duplicate store or import row uses up no AUTOINCREMENT id (issue 12, case 16), on every URL kind."""

from __future__ import annotations

import json
import threading

import pytest

from jarvis_memory import Database, DatabaseError
from jarvis_memory.store import bulk


def sequence(db):
    return db.query("SELECT seq FROM sqlite_sequence WHERE name = 'memory_entries'")[0]["seq"]


def test_duplicate_stores_use_no_id(db):
    first, created = db.memories.store("Prefers tea", "preference", "user_explicit")
    assert (first.id, created) == (1, True)
    for text in ("prefers TEA", "  Prefers tea  ", "Prefers tea"):
        again, created = db.memories.store(text, "preference", "jarvis_inferred")
        assert (again.id, created) == (1, False) and again.last_accessed is not None
    assert db.memories.store("Lives in Lisbon", "fact", "user_explicit")[0].id == 2
    assert sequence(db) == 2


def test_importing_twice_uses_no_id_for_the_second_run(db, tmp_path):
    source = tmp_path / "m.jsonl"
    source.write_text("".join(json.dumps({"content": f"memory {i}", "category": "fact", "source": "user_explicit"})
                              + "\n" for i in range(300)))
    first = bulk.import_file(db, source, chunk_size=100)
    second = bulk.import_file(db, source, chunk_size=100)
    assert (first.new, first.duplicates, second.new, second.duplicates) == (300, 0, 0, 300)
    assert sequence(db) == 300
    assert db.memories.store("one more", "fact", "user_explicit")[0].id == 301
    # an import marks nothing accessed now: the file gives no last_accessed, so none is set
    assert db.query("SELECT count(*) AS n FROM memory_entries WHERE last_accessed IS NOT NULL")[0]["n"] == 0


def test_a_chunk_mixing_new_and_known_rows_returns_each_once(db, tmp_path):
    db.memories.store("memory 1", "fact", "user_explicit")
    source = tmp_path / "m.jsonl"
    source.write_text("".join(json.dumps({"content": f"memory {i}", "category": "fact", "source": "user_explicit"})
                              + "\n" for i in range(3)))
    report = bulk.import_file(db, source)
    assert (report.new, report.duplicates) == (2, 1)
    assert [e.id for e in db.memories.list()] == [1, 2, 3] and sequence(db) == 3


def test_concurrent_stores_of_one_text_make_one_row_and_one_id(url, url_kind):
    from conftest import TOKEN

    token = None if url_kind == "file" else TOKEN
    results, errors = [], []

    def store():
        try:
            with Database(url, token) as own:
                for _ in range(5):
                    results.append(own.memories.store("Same text", "fact", "user_explicit"))
        except Exception as e:  # reported below
            errors.append(e)

    with Database(url, token) as db:
        db.migrate()
        threads = [threading.Thread(target=store) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert {entry.id for entry, _ in results} == {1} and sum(created for _, created in results) == 1
        assert sequence(db) == 1


def test_an_id_at_its_largest_is_named_not_called_a_full_disk(db):
    """Another client's row at id 2**63 - 1 makes AUTOINCREMENT fail with SQLITE_FULL ("database or disk is
    full"): the error says that the id may be the cause, and nothing is written."""
    db.memories.store("Prefers tea", "preference", "user_explicit")
    db.execute("UPDATE memory_entries SET id = 9223372036854775807")
    db.execute("UPDATE sqlite_sequence SET seq = 9223372036854775807 WHERE name = 'memory_entries'")
    with pytest.raises(DatabaseError, match=r"SQLITE_FULL.*largest id is 9223372036854775807") as caught:
        db.memories.store("Lives in Lisbon", "fact", "user_explicit")
    assert caught.value.code.startswith("SQLITE_FULL")
    assert [m.content for m in db.memories.list()] == ["Prefers tea"]

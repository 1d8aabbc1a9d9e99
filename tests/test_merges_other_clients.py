"""Reviewed merges and their undo over rows another client wrote (issue 23's attack on the merge log), on file: and
the real sqld: times in other spellings or none (compared as the instants they are, by ``timestamps.instant_sql``),
values that are not ids (checked before anything is written, never a traceback after the batch), one removal
logged twice, and one pair decided twice in a review file.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

import jarvis_memory
from conftest import cli_env
from jarvis_memory.store import merge_batch, merges
from jarvis_memory.store.hashing import content_hash

CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]


def log(db: jarvis_memory.Database, merge_id: int, merged_at: str, removed_id: object, survivor_id: object) -> None:
    """A merge another client logged: ``merged_at`` is SQL (``'garbage'``, ``CAST(x'ff' AS TEXT)``)."""
    text = f"Memory {removed_id} that was merged"
    db.execute("INSERT INTO jm_memory_merges (merge_id, merged_at, survivor_id, kind, removed_id, content, content_hash,"
               f" category, source, created_at) VALUES (?, {merged_at}, ?, 'near', ?, ?, ?, 'fact', 'user_explicit',"
               " '2026-01-01T00:00:00.000Z')", [merge_id, survivor_id, removed_id, text, content_hash(text)])


def kept(db: jarvis_memory.Database, decision_id: int, decided_at: str, id_a: object, id_b: object) -> None:
    """A pair kept both that another client recorded; ``decided_at`` is SQL."""
    db.execute(f"INSERT INTO jm_kept_both (decision_id, decided_at, id_a, id_b, kind) VALUES (?, {decided_at}, ?, ?,"
               " 'near')", [decision_id, id_a, id_b])


def state(db: jarvis_memory.Database) -> dict[str, list]:
    """The memories, and which merges and pairs kept both are in effect."""
    return {"memories": db.query("SELECT * FROM memory_entries ORDER BY id"),
            "merges": db.query("SELECT merge_id, undone_at IS NULL AS active FROM jm_memory_merges ORDER BY merge_id"),
            "kept": db.query("SELECT decision_id, undone_at IS NULL AS active FROM jm_kept_both ORDER BY decision_id")}


def memory_ids(db: jarvis_memory.Database) -> set[int]:
    return {r["id"] for r in db.query("SELECT id FROM memory_entries")}


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_undo_since_reads_each_time_as_the_instant_it_is(db):
    """Compared as text, 'garbage' and x'ff' were after 2099 (undone by a future time) and '2026-03-01 12:00:00'
    before '2026-03-01T11:00' (missed); a pair kept both 'garbage' was reopened."""
    survivor = db.memories.store("Likes tea", "fact", "user_explicit")[0].id
    log(db, 101, "'2026-03-01T10:00:00.000Z'", 9001, survivor)
    log(db, 102, "'2026-03-01 12:00:00'", 9002, survivor)  # SQLite's datetime('now') spelling
    log(db, 103, "'garbage'", 9003, survivor)
    log(db, 104, "CAST(x'ff' AS TEXT)", 9004, survivor)
    kept(db, 201, "'2026-03-01 12:00:00'", 1, 2)
    kept(db, 202, "'garbage'", 3, 4)
    unreadable = ["jm_memory_merges rows 103, 104 cannot be read: merged_at is not a time; not undone",
                  "jm_kept_both row 202 cannot be read: decided_at is not a time; not reopened"]
    before = state(db)

    future = merge_batch.undo(db, since="2099-01-01")
    assert (future.restored, future.reopened, future.skipped) == ([], [], unreadable)
    assert state(db) == before

    done = merge_batch.undo(db, since="2026-03-01T11:00")
    assert (done.restored, done.reopened, done.skipped) == (
        [102], [{"decision_id": 201, "id_a": 1, "id_b": 2}], unreadable)
    assert memory_ids(db) == {survivor, 9002}


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_a_merge_keeps_the_later_last_accessed_as_an_instant(db, tmp_path):
    """Compared as text, 'T' sorts after ' ': the survivor took 2026-03-01T20:00Z over 2026-03-01 23:30."""
    stored = {}
    for key, text, accessed in (("survivor", "Likes green tea", "2026-03-01 12:00:00"),
                                ("one", "Likes green tea.", "2026-03-01 23:30:00"),
                                ("two", "likes green tea!", "2026-03-01T20:00:00.000Z")):
        stored[key] = db.memories.store(text, "fact", "user_explicit")[0]
        db.execute("UPDATE memory_entries SET last_accessed = ? WHERE id = ?", [accessed, stored[key].id])
    before = state(db)
    pairs = [merges.Pair(2 + i, stored["survivor"].id, stored[k].id, "near", 95.0, stored["survivor"].content_hash,
                         stored[k].content_hash) for i, k in enumerate(("one", "two"))]
    found = merges.plan(db, pairs)
    assert [m.survivor_id for m in found.merges] == [stored["survivor"].id] * 2
    assert len(merge_batch.apply(db, found.merges).merged) == 2
    assert db.memories.get(stored["survivor"].id).last_accessed == "2026-03-01 23:30:00"
    undone = merge_batch.undo(db, since="2000-01-01")
    assert (len(undone.restored), undone.skipped) == (2, [])
    assert state(db)["memories"] == before["memories"]  # the survivor stepped back to its own value


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_values_that_are_not_ids_are_named_and_nothing_fails_after_the_write(url, token, db):
    """A pair kept both with id_a 'x' crashed undo after its batch committed (a traceback, exit 1); a log row
    whose removed_id is 'x' crashed it before. Each is named, the others are undone, exit 1 as for rows that
    could not be read."""
    survivor = db.memories.store("Likes tea", "fact", "user_explicit")[0].id
    log(db, 101, "'2026-03-01T10:00:00.000Z'", 9001, survivor)
    log(db, 102, "'2026-03-01T10:00:00.000Z'", 9002, "abc")
    log(db, 103, "'2026-03-01T10:00:00.000Z'", "x", survivor)
    kept(db, 201, "'2026-03-01T10:00:00.000Z'", "x", 5)
    kept(db, 202, "'2026-03-01T10:00:00.000Z'", 3, 4)
    done = subprocess.run(CLI + ["dedup", "undo", "--all-since", "2026-01-01", "--yes-remote"],
                          env=cli_env(url, token), capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "undid merge 101",
        "jm_memory_merges row 103 cannot be read: removed_id 'x' is not an integer; not undone",
        "jm_memory_merges row 102 cannot be read: survivor_id 'abc' is not an integer; not undone",
        "jm_kept_both row 201 cannot be read: id_a 'x' is not an integer; not reopened",
        "reopened decision 202: 3 and 4 were kept both; the next audit asks again",
        "1 merge undone, 3 skipped, 1 pair kept both reopened"]
    after = state(db)
    assert memory_ids(db) == {survivor, 9001}
    assert after["merges"] == [{"merge_id": 101, "active": 0}, {"merge_id": 102, "active": 1},
                               {"merge_id": 103, "active": 1}]
    assert after["kept"] == [{"decision_id": 201, "active": 1}, {"decision_id": 202, "active": 0}]


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_a_removal_logged_twice_is_undone_once_from_its_newest_record(db):
    """A copy of a log row (another client's) made every undo fail with SQLITE_CONSTRAINT_PRIMARYKEY when the
    removed row had no content hash (a client that stores none): nothing else told the two records apart."""
    a = db.memories.store("Has a cat named Max", "fact", "user_explicit")[0]
    b = db.memories.store("Has a cat named Max.", "fact", "user_explicit")[0]
    db.execute("UPDATE memory_entries SET content_hash = NULL WHERE id = ?", [b.id])
    b = db.memories.get(b.id)
    before = state(db)["memories"]
    [original] = merge_batch.apply(db, merges.plan(db, [merges.Pair(2, a.id, b.id, "near", 95.0, a.content_hash,
                                                                      b.content_hash)]).merges).merged
    columns = ("merged_at, survivor_id, survivor_last_accessed, kind, decision, score, removed_id, content, content_hash,"
               " category, source, created_at, last_accessed")
    db.execute(f"INSERT INTO jm_memory_merges ({columns}) SELECT {columns} FROM jm_memory_merges WHERE merge_id = ?",
               [original])
    copy = original + 1
    for undo in (lambda: merge_batch.undo(db, since="2000-01-01"), lambda: merge_batch.undo(db, merge_ids=[original, copy])):
        done = undo()
        assert (done.restored, done.skipped) == ([copy], [
            f"merge {original} skipped: the log records the removal of memory {b.id} twice; it comes back with"
            f" merge {copy}"])
        assert state(db)["memories"] == before
        db.execute("DELETE FROM memory_entries WHERE id = ?", [b.id])  # removed again, both records in effect
        db.execute("UPDATE jm_memory_merges SET undone_at = NULL")


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_one_pair_kept_both_twice_in_a_review_file_is_stored_once(db, tmp_path):
    a = db.memories.store("Plays the cello", "fact", "user_explicit")[0]
    b = db.memories.store("Plays the cello on Sundays", "fact", "user_explicit")[0]
    path = tmp_path / "decisions.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(merges.FIELDS)
        w.writerow([a.id, b.id, "variant", 90, 1, a.content_hash, b.content_hash, "Keep_Both", ""])
        w.writerow([b.id, a.id, "variant", 90, 1, b.content_hash, a.content_hash, " keep-both ", ""])
    found = merges.plan(db, merges.read_review(path))
    assert [p.line for p in found.kept_both] == [2]
    assert found.skipped == [f"line 3: {b.id}/{a.id} skipped: line 2 keeps the same pair both (one decision per pair)"]
    assert len(merge_batch.apply(db, found.merges, found.kept_both).kept_both) == 1
    assert db.query("SELECT id_a, id_b FROM jm_kept_both") == [{"id_a": a.id, "id_b": b.id}]


@pytest.mark.parametrize("url_kind", ["file"])
def test_a_staged_row_is_stale_by_its_instant_in_any_spelling(db):
    """A killed command's staged row, its time written as a Julian day: as text '2461000.5' sorted after every
    ISO date and was never removed."""
    db.execute("INSERT INTO jm_merge_plan (plan_id, seq, staged_at, step) VALUES ('killed', 0, '2461000.5', 'merge')")
    db.execute("INSERT INTO jm_merge_plan (plan_id, seq, staged_at, step) VALUES ('unread', 0, 'garbage', 'merge')")
    survivor = db.memories.store("Likes tea", "fact", "user_explicit")[0].id
    log(db, 101, "'2026-03-01T10:00:00.000Z'", 9001, survivor)
    assert merge_batch.undo(db, merge_ids=[101]).restored == [101]
    # a time that cannot be read is never taken for stale: the row is left as it is
    assert db.query("SELECT plan_id FROM jm_merge_plan") == [{"plan_id": "unread"}]

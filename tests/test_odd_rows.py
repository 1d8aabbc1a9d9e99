"""Rows another client wrote that this package cannot read as text (issue 12, cases 1 and 2).

Text that is not UTF-8 and BLOBs where text belongs are written with plain sqlite3
into a database made by ``jarvis-memory migrate``.  Every reader keeps the good
rows, names the bad one by id, exits 1 for it, and a read leaves the database's
bytes as they were; ``recall`` stamps only what it returned.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import subprocess
import sys

import pytest

from conftest import cli_env, write
from jarvis_memory import Database, UnreadableRowError
from jarvis_memory.analysis.load import load

GOOD = ["Prefers tea in the morning", "Lives in Lisbon"]


def run(url, *args):
    cmd = [sys.executable, "-m", "jarvis_memory", *args]
    return subprocess.run(cmd, env=cli_env(url), capture_output=True, text=True, timeout=60)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def migrated(db_path):
    url = db_path.as_uri()
    assert run(url, "migrate").returncode == 0
    return url



def insert(db_path, content, hash_="h", created="2026-03-01T08:00:00.000Z"):
    """One memory with ``content`` as an SQL expression; returns its id."""
    return write(db_path, "INSERT INTO memory_entries (content, content_hash, category, source, created_at) VALUES"
                          f" ({content}, ?, 'fact', 'user_explicit', ?)", [hash_, created])


@pytest.fixture
def good(db_path):
    url = migrated(db_path)
    for i, text in enumerate(GOOD):
        assert run(url, "remember", text, "-c", "fact").returncode == 0
    return url


@pytest.fixture
def not_utf8(db_path, good):
    """A memory whose TEXT is Latin-1 ('Likes café'), as a SQL shell's CAST(x'…' AS TEXT) stores it."""
    bad = insert(db_path, "CAST(x'4c696b657320636166e9' AS TEXT)", "bad-text")
    return good, bad


@pytest.fixture
def blobs(db_path, good):
    """Two memories stored as BLOBs: one holding UTF-8 text, one holding bytes that are not text."""
    sql = ("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
           " VALUES (?, ?, 'fact', 'user_explicit', '2026-03-01T08:00:00.000Z')")
    text_id = write(db_path, sql, ["Drinks café au lait".encode(), "blob-1"])
    bytes_id = write(db_path, sql, [b"\xff\xfe\x00binary", "blob-2"])
    return good, text_id, bytes_id


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["export"], ["export", "-f", "csv"]])
def test_a_row_not_utf8_is_named_and_the_good_rows_are_read(not_utf8, db_path, args):
    url, bad = not_utf8
    before = digest(db_path)
    out = run(url, *args)
    assert out.returncode == 1, out.stderr
    assert f"memory_entries row {bad} cannot be read: content is not valid UTF-8 (stored bytes 4c696b657320636166e9)" \
        in out.stderr
    assert "Traceback" not in out.stderr
    for text in GOOD:
        assert text in out.stdout
    assert digest(db_path) == before


def test_search_names_a_matching_row_not_utf8(not_utf8, db_path):
    url, bad = not_utf8
    out = run(url, "search", "likes")  # the index holds its words as stored: 'likes', then bytes that are no word
    assert out.returncode == 1 and out.stdout == "nothing found\n"
    assert f"memory_entries row {bad} cannot be read: content is not valid UTF-8" in out.stderr
    assert run(url, "search", "lisbon").stdout.strip().endswith("Lives in Lisbon")


def test_export_to_a_file_keeps_every_good_row(not_utf8, db_path, tmp_path):
    url, bad = not_utf8
    target = tmp_path / "backup.jsonl"
    out = run(url, "export", "-o", str(target))
    assert out.returncode == 1 and f"row {bad} cannot be read" in out.stderr
    assert "wrote 2 memories" in out.stderr
    assert [json.loads(line)["content"] for line in target.read_text().splitlines()] == GOOD


def test_get_names_the_unreadable_row(not_utf8, db_path):
    url, bad = not_utf8
    out = run(url, "get", str(bad), "--json")
    assert out.returncode == 1 and out.stdout == ""
    assert f"error: memory_entries row {bad} cannot be read: content is not valid UTF-8" in out.stderr
    assert run(url, "get", "1").stdout.strip() == "#1 [fact/user_explicit] Prefers tea in the morning"


def test_recall_stamps_only_the_rows_it_returned(not_utf8, db_path):
    url, bad = not_utf8
    out = run(url, "recall", "--json")
    assert out.returncode == 1 and f"row {bad} cannot be read" in out.stderr
    assert sorted(e["content"] for e in json.loads(out.stdout)) == sorted(GOOD)
    conn = sqlite3.connect(db_path)
    stamped = dict(conn.execute("SELECT id, last_accessed IS NOT NULL FROM memory_entries").fetchall())
    conn.close()
    assert stamped == {1: 1, 2: 1, bad: 0}


def test_the_api_returns_the_good_rows_and_names_the_bad(not_utf8):
    url, bad = not_utf8
    with Database(url) as db:
        found = db.memories.list()
        assert [e.content for e in found] == GOOD
        assert [(e.table, e.row_id) for e in found.unreadable] == [("memory_entries", bad)]
        with pytest.raises(UnreadableRowError, match=f"row {bad} cannot be read"):
            db.memories.get(bad)


def test_a_blob_of_utf8_is_read_as_its_text_everywhere(blobs, db_path):
    url, text_id, bytes_id = blobs
    got = run(url, "get", str(text_id), "--json")
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["content"] == "Drinks café au lait"
    jsonl = run(url, "export")
    assert json.loads(jsonl.stdout.splitlines()[2])["content"] == "Drinks café au lait"
    rows = list(csv.DictReader(io.StringIO(run(url, "export", "-f", "csv").stdout)))
    assert [r["content"] for r in rows] == GOOD + ["Drinks café au lait"]  # never "b'…'"
    assert f"memory_entries row {bytes_id} cannot be read: content is a BLOB that is not UTF-8 text" in jsonl.stderr
    assert jsonl.returncode == 1


def test_the_export_of_a_blob_reimports_as_the_same_text(blobs, tmp_path):
    url, text_id, _ = blobs
    dump = tmp_path / "dump.csv"
    run(url, "export", "-f", "csv", "-o", str(dump))
    fresh = (tmp_path / "fresh.db").as_uri()
    out = run(fresh, "import", str(dump), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["new"] == 3
    assert run(fresh, "search", "café").stdout.strip().endswith("Drinks café au lait")


def test_the_loader_keeps_the_row_and_names_the_value(not_utf8, blobs, db_path):
    url, bad = not_utf8[0], not_utf8[1]
    _, _, bytes_id = blobs
    before = digest(db_path)
    with load(url) as ds:
        assert ds.counts["memory_entries"] == 5
        assert ds.sql("SELECT content FROM memory_entries WHERE id = ?", [bad])["content"][0] == "Likes caf\ufffd"
        named = ds.sql("SELECT table_name, id, column_name FROM unreadable_values ORDER BY id")
        assert named.values.tolist() == [["memory_entries", bad, "content"], ["memory_entries", bytes_id, "content"]]
    assert digest(db_path) == before


def test_ids_of_zero_and_below_that_another_client_wrote_can_be_read_listed_ended_and_forgotten(db_path, good):
    """SQLite rowids run from -2**63; a row another client inserted with id -5 (or 0) is like any other."""
    write(db_path, "INSERT INTO memory_entries (id, content, content_hash, category, source, created_at) VALUES"
                   " (-5, 'Keeps the spare key under the mat', 'h1', 'fact', 'user_explicit', '2026-03-01T08:00:00.000Z'),"
                   " (0, 'Has a dentist in Porto', 'h2', 'fact', 'user_explicit', '2026-03-01T08:00:00.000Z')")
    write(db_path, "INSERT INTO sessions (id, started_at) VALUES (-2, '2026-03-01T08:00:00.000Z')")
    got = run(good, "get", "-5", "--json")
    assert got.returncode == 0 and json.loads(got.stdout)["content"] == "Keeps the spare key under the mat"
    listed = run(good, "list", "--json")
    assert [m["id"] for m in json.loads(listed.stdout)][:2] == [-5, 0]  # the first page starts at the lowest id
    assert [m["id"] for m in json.loads(run(good, "list", "--after-id", "-5", "--json").stdout)][0] == 0
    assert run(good, "log", "-2", "note", "--json").returncode == 0
    assert run(good, "sessions", "end", "-2").returncode == 0
    assert run(good, "forget", "-5").returncode == 0
    write(db_path, "INSERT INTO daily_logs (id, session_id, event_type, timestamp) VALUES"
                   " (-7, -2, 'message', '2026-03-01T08:00:00.000Z')")
    with Database(good) as db:
        assert [m.id for m in db.memories.list()][0] == 0 and db.sessions.get(-2).ended_at is not None
        assert [e.id for e in db.events.list(session_id=-2)][0] == -7
    assert run(good, "get", "99999999999999999999").returncode == 3  # past 64 bits: a sentence, exit 3
    for args, hint in ((["get", "--jsn", "-5"], "'--json'"), (["log", "-2", "note", "--dta", "{}"], "'--data'")):
        typo = run(good, *args)  # a mistyped option is still one, with click's hint
        assert typo.returncode == 2 and f"Did you mean {hint}" in typo.stderr, typo.stderr

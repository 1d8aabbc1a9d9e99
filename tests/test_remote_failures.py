"""Failures a user meets with a remote database, over ``ws://`` and ``http://``.

The database is a real sqld (``tests/sqld.py``); dropped connections, error answers
and latency come from a fault-injecting proxy in front of it (``tests/fault_proxy.py``),
for WebSocket on sqld's HTTP port (``ws``) and on its legacy port (``ws-legacy``).
Each test checks the typed error (naming the URL, never the token) and then
what the database file holds, read directly with ``sqlite3``.  The bounds on
elapsed time are hang guards (many times the expected time), not benchmarks.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import jarvis_memory
from jarvis_memory.store import bulk
from jarvis_memory.store._remote import RemoteClient
from jarvis_memory.errors import AuthError, DatabaseError, ServerError, UnreachableError
from jarvis_memory.store.hashing import content_hash
from conftest import REMOTE_KINDS
from fault_proxy import FaultProxy
from sqld import JwtKeys, Sqld

KEYS = JwtKeys.generate()
SENTINEL = KEYS.full_access  # must never appear in an error message
WRONG = KEYS.bad_signature
TIMEOUT = 1.0  # the Database deadline in tests that wait for one
HANG_GUARD = 15  # seconds: far above any deadline here, far below a hang



@pytest.fixture(params=REMOTE_KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def sqld(tmp_path: Path) -> Iterator[Sqld]:
    with Sqld(tmp_path / "sqld", keys=KEYS) as srv:
        yield srv


@pytest.fixture
def server(sqld: Sqld, kind: str) -> Iterator[FaultProxy]:
    """The proxy the client talks to (WebSocket upgrades go to sqld's legacy port for ``ws-legacy``)."""
    with FaultProxy(sqld.http_url, sqld.legacy_ws_url if kind == "ws-legacy" else None) as proxy:
        yield proxy


@pytest.fixture
def db_path(sqld: Sqld) -> Path:
    return sqld.db_file


def url_of(server: FaultProxy, kind: str) -> str:
    return server.http_url if kind == "http" else server.ws_url


@pytest.fixture
def db(server: FaultProxy, kind: str) -> Iterator[jarvis_memory.Database]:
    with jarvis_memory.Database(url_of(server, kind), SENTINEL) as setup:  # migrating takes more than TIMEOUT
        setup.migrate()
    database = jarvis_memory.Database(url_of(server, kind), SENTINEL, timeout=TIMEOUT)
    database.migrate()  # nothing left to apply: one read, and the schema counts as checked
    server.stats.reset()
    yield database
    database.close()


def rows(db_path: Path, sql: str) -> list[tuple]:
    """Committed rows, read from the file itself."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(sql).fetchall()


def count(db_path: Path, table: str) -> int:
    return rows(db_path, f"SELECT count(*) FROM {table}")[0][0]


def assert_names_url(error: BaseException, url: str) -> None:
    message = str(error)
    assert url in message, message
    assert SENTINEL not in message and WRONG not in message, message


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- not reachable ----------------------------------------------------------------


def test_nobody_listening_fails_fast(kind):
    url = f"{'http' if kind == 'http' else 'ws'}://127.0.0.1:{free_port()}"
    db = jarvis_memory.Database(url, SENTINEL, timeout=2)
    started = time.monotonic()
    with pytest.raises(UnreachableError) as caught:
        db.sessions.start()  # a read (schema check) then a write: the read is retried
    assert time.monotonic() - started < HANG_GUARD
    assert_names_url(caught.value, url)
    db.close()


def test_silent_server_fails_at_the_deadline(kind):
    """A socket that accepts connections but never answers: each call ends at its deadline."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        url = f"{'http' if kind == 'http' else 'ws'}://127.0.0.1:{silent.getsockname()[1]}"
        db = jarvis_memory.Database(url, SENTINEL, timeout=TIMEOUT)
        started = time.monotonic()
        with pytest.raises(UnreachableError) as caught:
            db.execute("INSERT INTO sessions (started_at) VALUES ('2026-01-01T00:00:00.000Z')")
        with pytest.raises(UnreachableError):
            db.execute("SELECT 1")  # retried: at most RETRIES deadlines
        assert time.monotonic() - started < HANG_GUARD
        assert_names_url(caught.value, url)
        db.close()


# -- token rejected -----------------------------------------------------------------


@pytest.mark.parametrize("kind", REMOTE_KINDS)
def test_rejected_token_is_an_auth_error_and_writes_nothing(kind, server, db, db_path):
    url = url_of(server, kind)
    intruder = jarvis_memory.Database(url, WRONG, timeout=TIMEOUT)
    with pytest.raises(AuthError) as caught:
        intruder.execute("INSERT INTO sessions (started_at) VALUES ('2026-01-01T00:00:00.000Z')")
    assert_names_url(caught.value, url)
    with pytest.raises(AuthError):
        intruder.memories.count()  # a read: an auth failure is not retried
    assert server.stats["unauthorized"] == 2
    assert count(db_path, "sessions") == 0
    intruder.close()


# -- connection dropped mid-batch --------------------------------------------------


@pytest.mark.parametrize("when", ["before", "after"])
def test_dropped_batch_is_all_in_or_all_out(kind, when, server, db, db_path):
    started = [("INSERT INTO sessions (started_at) VALUES (?)", [f"2026-01-0{i}T00:00:00.000Z"]) for i in range(1, 4)]
    server.faults.drop_next(kind="batch", when=when)
    with pytest.raises(UnreachableError) as caught:
        db.batch(started)  # not idempotent: never retried
    assert_names_url(caught.value, url_of(server, kind))
    assert server.stats["batch"] == 1
    assert count(db_path, "sessions") == (3 if when == "after" else 0)
    assert len(db.sessions.list()) == count(db_path, "sessions")  # the client reconnects


def test_dropped_read_is_retried(kind, server, db):
    db.memories.store("kept", "fact", "user_explicit")
    server.faults.drop_next(kind="execute", when="before")
    assert db.memories.count() == 1
    assert server.stats["execute"] == 2  # the dropped read, its retry (the store is a batch)


def test_reads_with_parameters_are_reads(kind, server, db):
    """Paged reads through a read-only Database, and their retry after a drop."""
    db.sessions.start()
    reader = jarvis_memory.Database(url_of(server, kind), SENTINEL, read_only=True, timeout=TIMEOUT)
    server.faults.drop_next(kind="execute", when="before")
    try:
        assert reader.query("SELECT id FROM sessions WHERE id > ? ORDER BY id LIMIT ?", [0, 10]) == [{"id": 1}]
    finally:
        reader.close()


def write_entries(path: Path, contents: list[str], times: dict[str, str] | None = None) -> None:
    """One JSON line per content; ``times`` (content -> moment) adds created_at and last_accessed, as an export has."""
    with path.open("w", encoding="utf-8") as out:
        for content in contents:
            entry = {"content": content, "category": "fact", "source": "user_explicit"}
            if times and content in times:
                entry.update(created_at=times[content], last_accessed=times[content].replace("2025", "2026"))
            out.write(json.dumps(entry) + "\n")


CHUNK = 4
# 5 chunks; row 6 repeats row 5 inside chunk 2, row 17 repeats row 2 (chunk 1) in chunk 5.
CONTENTS = [f"entry {i}" for i in range(20)]
CONTENTS[6], CONTENTS[17] = "  ENTRY 5\n", "Entry 2"
EXPECTED = {content_hash(c) for c in CONTENTS}
DROPPED_CHUNK = 3  # 1-based


def import_dropping_chunk(db, server, path: Path, when: str, drops: int) -> bulk.ImportReport:
    """Import ``path``, arming the drop once chunk ``DROPPED_CHUNK - 1`` is written."""

    def arm(report: bulk.ImportReport) -> None:
        if report.chunks == DROPPED_CHUNK - 1:
            server.faults.drop_next(kind="batch", when=when, count=drops)  # a chunk is one upsert batch

    return bulk.import_file(db, path, chunk_size=CHUNK, progress=arm)


def stored_hashes(db_path: Path) -> list[str]:
    return [h for (h,) in rows(db_path, "SELECT content_hash FROM memory_entries")]


@pytest.mark.parametrize("when", ["before", "after"])
def test_import_survives_a_dropped_chunk(kind, when, server, db, db_path, tmp_path):
    """One drop: the chunk upsert is retried, and the retry doubles nothing."""
    path = tmp_path / "entries.jsonl"
    write_entries(path, CONTENTS)
    report = import_dropping_chunk(db, server, path, when, drops=1)
    assert server.stats["batch"] == 5 + 1
    assert (report.read, report.chunks, report.new, report.duplicates) == (20, 5, 18, 2)  # the retry counts as new
    touched = rows(db_path, "SELECT content FROM memory_entries WHERE last_accessed IS NOT NULL")
    assert touched == []  # an import stamps nothing: not the retry, not the repeat of entry 2 in chunk 5
    hashes = stored_hashes(db_path)
    assert len(hashes) == len(set(hashes)) == len(EXPECTED)
    assert set(hashes) == EXPECTED


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_restore_survives_a_dropped_chunk_with_its_times(kind, when, server, db, db_path, tmp_path):
    """Rows carrying created_at and last_accessed (an export): the retry of a chunk whose answer was lost
    takes the rows its first attempt wrote for its own, and every row keeps the file's times (row 6 repeats
    row 5 and row 17 row 2 without times: the times already stored stay)."""
    times = {c: f"2025-03-{i + 1:02}T10:00:00.{i:03}Z" for i, c in enumerate(CONTENTS) if i % 2 == 0 and i != 6}
    path = tmp_path / "entries.jsonl"
    write_entries(path, CONTENTS, times)
    report = import_dropping_chunk(db, server, path, when, drops=1)
    assert server.stats["batch"] == 5 + 1
    assert (report.read, report.chunks, report.new, report.duplicates) == (20, 5, 18, 2)
    stored = dict(rows(db_path, "SELECT content, created_at || ' ' || coalesce(last_accessed, '-')"
                                " FROM memory_entries"))
    assert {c: stored[c] for c in times} == {c: f"{t} {t.replace('2025', '2026')}" for c, t in times.items()}
    assert [c for c in stored if c not in times and not stored[c].endswith(" -")] == []  # none stamped


def test_store_retried_after_a_lost_answer_reports_a_new_entry(kind, server, db, db_path):
    server.faults.drop_next(kind="batch", when="after")
    entry, created = db.memories.store("brand new", "fact", "user_explicit")
    assert rows(db_path, "SELECT count(*), max(last_accessed) FROM memory_entries") == [(1, None)]
    assert created and entry.last_accessed is None


@pytest.mark.parametrize("when", ["before", "after"])
def test_interrupted_import_is_completed_by_running_it_again(kind, when, server, db, db_path, tmp_path):
    """Every attempt at one chunk dropped: earlier chunks stay, the chunk is whole or absent."""
    path = tmp_path / "entries.jsonl"
    write_entries(path, CONTENTS)
    with pytest.raises(UnreachableError) as caught:
        import_dropping_chunk(db, server, path, when, drops=RemoteClient.RETRIES)
    assert_names_url(caught.value, url_of(server, kind))
    earlier = {content_hash(c) for c in CONTENTS[: (DROPPED_CHUNK - 1) * CHUNK]}
    dropped = {content_hash(c) for c in CONTENTS[(DROPPED_CHUNK - 1) * CHUNK : DROPPED_CHUNK * CHUNK]}
    present = earlier | (dropped if when == "after" else set())
    hashes = stored_hashes(db_path)
    assert len(hashes) == len(set(hashes))
    assert set(hashes) == present

    again = bulk.import_file(db, path, chunk_size=CHUNK)
    hashes = stored_hashes(db_path)
    assert len(hashes) == len(set(hashes)) == len(EXPECTED)
    assert set(hashes) == EXPECTED
    assert again.new == len(EXPECTED - present)


# -- server errors ------------------------------------------------------------------


def test_server_error_on_a_write_is_typed_and_not_retried(kind, server, db, db_path):
    server.faults.fail_next(kind="execute", status=500)
    expected = ServerError if kind == "http" else DatabaseError  # Hrana over WebSocket has no HTTP status
    with pytest.raises(expected) as caught:
        db.sessions.start()
    assert_names_url(caught.value, url_of(server, kind))
    assert server.stats["execute"] == 1
    assert count(db_path, "sessions") == 0


def test_one_server_error_on_a_read_is_retried_over_http(kind, server, db):
    db.memories.store("kept", "fact", "user_explicit")
    server.faults.fail_next(kind="execute", status=500)
    if kind != "http":  # an error answer to a Hrana request is the server's verdict, not a transport fault
        with pytest.raises(DatabaseError) as caught:
            db.memories.count()
        assert caught.value.code == "INJECTED_FAULT"
        assert server.stats["execute"] == 1
        return
    assert db.memories.count() == 1
    assert server.stats["execute"] == 2  # the failed read, its retry (the store is a batch)


# -- latency beyond the deadline ----------------------------------------------------


def test_slow_server_times_out_and_the_client_recovers(kind, server, db, db_path):
    server.faults.latency = TIMEOUT * 3
    started = time.monotonic()
    with pytest.raises(UnreachableError) as caught:
        db.sessions.start()
    assert time.monotonic() - started < HANG_GUARD
    assert_names_url(caught.value, url_of(server, kind))
    # The server ran the write before its slow answer: a timed-out write may have happened.
    assert count(db_path, "sessions") == 1
    server.faults.clear()
    assert [s.id for s in db.sessions.list()] == [rows(db_path, "SELECT id FROM sessions")[0][0]]

"""The loader waits for a writer as the core does, and a lock is never a schema error (issue 12, case 12).

The writer here is in this process, on the stdlib's SQLite, which ADBC's own copy of SQLite cannot see
(POSIX locks belong to the process): the case a notebook that writes and loads meets.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from jarvis_memory import BusyError, Database
from jarvis_memory.analysis.load import load, open_file
from jarvis_memory.store import config


@pytest.fixture
def locked(db_path):
    """A rollback-journal database (as the TypeScript app or a shell may leave it) and a writer holding it."""
    with Database(db_path.as_uri()) as db:
        db.memories.store("Prefers tea", "fact", "user_explicit")
    writer = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    writer.execute("PRAGMA journal_mode = DELETE")
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("INSERT INTO sessions (started_at) VALUES ('2026-03-01T08:00:00.000Z')")
    yield db_path.as_uri(), writer
    writer.close()


def test_a_report_load_waits_for_the_writer(locked):
    url, writer = locked
    timer = threading.Timer(2.0, writer.execute, ["COMMIT"])
    timer.start()
    started = time.perf_counter()
    try:
        with load(url) as ds:
            waited = time.perf_counter() - started
            assert ds.counts == {"memory_entries": 1, "sessions": 1, "daily_logs": 0}  # the committed row is read
    finally:
        timer.join()  # the writer commits before the fixture closes it
    assert waited >= 1.5


def test_a_writer_that_outlasts_the_busy_timeout_is_a_busy_error(locked, monkeypatch):
    url, writer = locked
    monkeypatch.setattr("jarvis_memory.analysis.load.BUSY_TIMEOUT_MS", 500)
    started = time.perf_counter()
    with pytest.raises(BusyError, match=r"stayed locked by a writer for 0\.5 s; nothing was read") as raised:
        load(url)
    assert 0.4 <= time.perf_counter() - started < 5
    assert raised.value.code == "SQLITE_BUSY"
    writer.execute("COMMIT")
    with load(url) as ds:  # nothing was left held: the next load reads the committed row
        assert ds.counts["sessions"] == 1


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_writer_commits_during_a_load_only_in_wal_mode(db_path, journal_mode):
    """WAL: the loader's wait ends before it reads, so a writer is never held back.  Rollback journal: the
    loader holds its SHARED lock until it is done, so a commit waits and the three tables are one snapshot."""
    with Database(db_path.as_uri()) as db:
        db.memories.store("Prefers tea", "fact", "user_explicit")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute(f"PRAGMA journal_mode = {journal_mode}")
    other.close()
    with open_file(config.load(db_path.as_uri())) as conn:
        cursor = conn.cursor()
        count = "SELECT count(*) FROM sessions"
        cursor.execute(count)
        assert cursor.fetchall() == [(0,)]  # ADBC reads in one transaction: its snapshot starts here
        writer = sqlite3.connect(db_path, isolation_level=None, timeout=0)
        try:
            if journal_mode == "wal":
                writer.execute("INSERT INTO sessions (started_at) VALUES ('2026-03-01T08:00:00.000Z')")
            else:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    writer.execute("INSERT INTO sessions (started_at) VALUES ('2026-03-01T08:00:00.000Z')")
        finally:
            writer.close()
        cursor.execute(count)
        assert cursor.fetchall() == [(0,)]  # still its snapshot either way
        cursor.close()


def test_a_wal_databases_rows_not_yet_checkpointed_are_read(db_path):
    """Another process's commits still only in the -wal file: the loader reads them (never ``immutable=1``)."""
    with Database(db_path.as_uri()) as db:
        db.memories.store("Prefers tea", "fact", "user_explicit")
    code = ("import sqlite3, sys; w = sqlite3.connect(sys.argv[1], isolation_level=None);"
            " w.execute('PRAGMA wal_autocheckpoint = 0');"
            " w.execute(\"INSERT INTO sessions (started_at) VALUES ('2026-03-01T08:00:00.000Z')\");"
            " print('ok', flush=True); sys.stdin.read()")
    other = subprocess.Popen([sys.executable, "-c", code, str(db_path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline() == "ok\n"
        assert Path(f"{db_path}-wal").stat().st_size > 0
        with load(db_path.as_uri()) as ds:
            assert ds.counts["sessions"] == 1
    finally:
        other.stdin.close()
        other.wait(timeout=30)

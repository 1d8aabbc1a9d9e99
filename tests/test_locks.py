"""The loader waits for a writer as the core does, and a lock is never a schema error (issue 12, case 12)."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from jarvis_memory import Database
from jarvis_memory.analysis.load import load


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


@pytest.mark.xfail(strict=False, reason="issue 12 case 12, open: the ADBC read of a rollback-journal database "
                   "whose writer holds BEGIN EXCLUSIVE returns the committed rows at once instead of waiting")
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

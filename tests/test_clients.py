"""libsql-client 0.3.1's sharp edges, handled in jarvis_memory.store._clients."""

import sqlite3
import subprocess
import sys
import threading
import time

import pytest

import jarvis_memory
from conftest import REMOTE_KINDS, TOKEN, cli_env
from jarvis_memory import DatabaseError, ReadOnlyError, UnreachableError


@pytest.mark.parametrize("url_kind", ["file"])
def test_file_connection_keeps_its_pragmas(db):
    assert db.execute("PRAGMA foreign_keys").rows[0][0] == 1
    assert db.execute("PRAGMA busy_timeout").rows[0][0] >= 5000
    assert db.execute("PRAGMA journal_mode").rows[0][0] == "wal"


def test_writer_waits_for_a_lock_instead_of_failing(db, db_path):
    """libsql-client's own file: backend uses timeout=0 and fails at once."""
    blocker = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, blocker.execute, args=("COMMIT",))
    release.start()
    started = time.perf_counter()
    entry, created = db.memories.store("written after the lock is released", "fact", "user_explicit")
    assert created and time.perf_counter() - started >= 0.4
    release.join()
    blocker.close()


def test_batch_is_atomic_on_every_url_kind(db):
    with pytest.raises(DatabaseError):
        db.batch([
            ("INSERT INTO sessions (started_at) VALUES (?)", ["2026-01-01T00:00:00.000Z"]),
            ("INSERT INTO no_such_table VALUES (1)", []),
        ])
    assert db.sessions.list() == []
    db.batch([("INSERT INTO sessions (started_at) VALUES (?)", ["2026-01-01T00:00:00.000Z"])] * 2)
    assert len(db.sessions.list()) == 2


@pytest.mark.parametrize("sql", [
    "DELETE FROM memory_entries", "INSERT INTO sessions (started_at) VALUES ('x')", "DROP TABLE sessions",
    "PRAGMA journal_mode = DELETE", "SELECT 1; DELETE FROM sessions", "UPDATE memory_entries SET content = ''",
    "CREATE TABLE t (a)", "ATTACH DATABASE ':memory:' AS other", "SELECT * FROM not_a_table",
])
def test_read_only_refuses_writes_on_every_url_kind(db, url, token, sql):
    reader = jarvis_memory.Database(url, token, read_only=True)
    with pytest.raises(ReadOnlyError):
        reader.execute(sql)
    assert reader.query("SELECT count(*) AS n FROM sessions") == [{"n": 0}]
    with pytest.raises(ReadOnlyError):
        reader.batch([("SELECT 1", [])])
    reader.close()


def test_unreachable_server_fails_in_bounded_time():
    db = jarvis_memory.Database("http://127.0.0.1:9", timeout=2)
    started = time.perf_counter()
    with pytest.raises(UnreachableError):
        db.execute("SELECT 1")
    assert time.perf_counter() - started < 10
    db.close()


@pytest.mark.parametrize("url_kind", REMOTE_KINDS)
def test_unclosed_remote_client_does_not_keep_the_interpreter_alive(url, url_kind):
    """libsql-client's sync client hangs the interpreter at exit unless closed."""
    code = (
        "import jarvis_memory, sys\n"
        "db = jarvis_memory.Database(sys.argv[1])\n"
        "print(db.query('SELECT 1 AS one'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, url], env=cli_env(None, TOKEN),
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[{'one': 1}]"


@pytest.mark.parametrize("url_kind", ["file"])
def test_a_forked_child_gets_its_own_connection(db):
    import os

    db.memories.store("before fork", "fact", "user_explicit")
    pid = os.fork()
    if pid == 0:  # child: must not reuse the parent's sqlite3 connection
        try:
            db.memories.store("from the child", "fact", "user_explicit")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert {e.content for e in db.memories.list()} == {"before fork", "from the child"}

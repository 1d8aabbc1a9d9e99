"""Analysis never writes: loading and every report notebook leave the database file byte-for-byte
unchanged, and the read-only connection the loader uses refuses everything but reads.

The database is checkpointed before hashing (journal mode DELETE, or WAL with the log
truncated), so the main file alone holds every byte that matters.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import jarvis_memory
from conftest import KEYS, REMOTE_KINDS, TOKEN, URL_KINDS, cli_env
from sqld import Sqld
from jarvis_memory import ReadOnlyError
from jarvis_memory.analysis.load import load
from jarvis_memory.reports.runner import available as available_reports

TABLES = ("memory_entries", "sessions", "daily_logs", "_jarvis_migrations")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}


def folder_state(folder: Path) -> dict[str, str]:
    """Every file beside the database but the WAL index (-shm, where readers keep their read marks)
    and an empty WAL (a reader of a WAL database creates it): neither holds data."""
    return {p.name: sha256(p) for p in folder.iterdir()
            if p.is_file() and not p.name.endswith("-shm") and not (p.name.endswith("-wal") and not p.stat().st_size)}


def build(path: Path, journal_mode: str) -> None:
    """Memories, sessions and events through the package, plus rows only the TypeScript app or a bug would write."""
    with jarvis_memory.Database(path.as_uri()) as db:
        for i in range(120):
            db.memories.store(f"Memory {i} about {('tea', 'jazz', 'Lisbon')[i % 3]}", ("preference", "fact", "pattern")[i % 3],
                              ("user_explicit", "jarvis_inferred")[i % 2])
        db.memories.recall("jazz")
        for s in range(12):
            session = db.sessions.start()
            for n in range(5):
                db.events.log(session.id, "memory_store", {"memory_id": s * 5 + n + 1})
            if s % 3:
                db.sessions.end(session.id, ("timeout", "explicit", "browser_close")[s % 3], summary=f"session {s}")
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                     " VALUES ('Bad hash', 'not-a-hash', 'fact', 'user_explicit', '02/01/2026 09:30')")
        conn.execute("INSERT INTO daily_logs (session_id, event_type, event_data, timestamp)"
                     " VALUES (999, 'message', '{not json', 'yesterday')")
        conn.commit()
        if journal_mode == "delete":
            conn.execute("PRAGMA journal_mode = DELETE")
        else:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert journal_mode != "delete" or not (path.parent / f"{path.name}-wal").exists()


@pytest.fixture(params=["delete", "wal"])
def analysis_db(request, db_path):
    build(db_path, request.param)
    return db_path


def test_load_leaves_the_file_unchanged(analysis_db):
    folder = analysis_db.parent
    before, files = sha256(analysis_db), folder_state(folder)
    for _ in range(2):  # a second load must not find anything the first one left behind
        with load(analysis_db.as_uri()) as ds:
            assert ds.counts == {"memory_entries": 121, "sessions": 12, "daily_logs": 61}
            ds.memories, ds.sessions, ds.events  # build the DataFrames too
    assert sha256(analysis_db) == before
    assert folder_state(folder) == files  # no journal, WAL or anything else written beside it


@pytest.mark.parametrize("kind", REMOTE_KINDS)
def test_remote_load_changes_no_row(kind, tmp_path):
    build(tmp_path / "seed.db", "wal")
    with Sqld(tmp_path / "sqld", keys=KEYS, seed=tmp_path / "seed.db") as server:
        before = dump(server.db_file)
        with pytest.MonkeyPatch.context() as m:
            m.setenv("DATABASE_AUTH_TOKEN", TOKEN)
            with load(server.url(kind), page_size=25) as ds:
                assert ds.counts["memory_entries"] == 121
        assert dump(server.db_file) == before


@pytest.mark.slow
def test_every_notebook_leaves_the_file_unchanged(db_path, tmp_path):
    build(db_path, "delete")
    before, files = sha256(db_path), folder_state(db_path.parent)
    out_dir = tmp_path / "reports"
    run = subprocess.run([sys.executable, "-m", "jarvis_memory", "report", "--all", "--out", str(out_dir)],
                         env=cli_env(db_path.as_uri()), capture_output=True, text=True, timeout=600)
    assert sha256(db_path) == before
    assert folder_state(db_path.parent) == files
    ran = sorted(p.stem for p in out_dir.glob("*/*.json") if p.name != "run.json")  # run.json: the run's own record
    assert ran == sorted(available_reports()), run.stderr  # every notebook got to its last cell
    assert run.returncode in (0, 1), run.stderr  # 1 only when a fail_on rule matched, never a crash
    assert "failed in cell" not in run.stderr
    assert all(isinstance(json.loads(p.read_text()), dict) for p in out_dir.glob("*/*.json"))


# -- the read-only connection ------------------------------------------------------------------
REFUSED = {
    "delete": "DELETE FROM memory_entries",
    "update": "UPDATE memory_entries SET content = 'changed'",
    "insert": "INSERT INTO sessions (started_at) VALUES ('2026-01-01T00:00:00.000Z')",
    "insert-returning": "INSERT INTO sessions (started_at) VALUES ('2026-01-01T00:00:00.000Z') RETURNING id",
    "replace": "REPLACE INTO memory_entries (id, content, category, source, created_at) VALUES (1, 'x', 'fact', 'user_explicit', 'x')",
    "upsert": "INSERT INTO memory_entries (content, content_hash, category, source, created_at) VALUES ('x', 'h', 'fact', 'user_explicit', 'x') ON CONFLICT DO NOTHING",
    "cte-delete": "WITH old AS (SELECT id FROM memory_entries) DELETE FROM memory_entries WHERE id IN old",
    "drop-table": "DROP TABLE daily_logs",
    "drop-index": "DROP INDEX memory_entries_content_hash_unique",
    "create-table": "CREATE TABLE stolen (x)",
    "create-temp-table": "CREATE TEMP TABLE scratch AS SELECT * FROM memory_entries",
    "create-trigger": "CREATE TRIGGER t AFTER INSERT ON sessions BEGIN DELETE FROM memory_entries; END",
    "alter-table": "ALTER TABLE sessions ADD COLUMN extra TEXT",
    "attach": "ATTACH DATABASE 'elsewhere.db' AS elsewhere",
    "detach": "DETACH DATABASE main",
    "pragma-set-journal": "PRAGMA journal_mode = DELETE",
    "pragma-set-user-version": "PRAGMA user_version = 7",
    "pragma-query-only-off": "PRAGMA query_only = 0",
    "pragma-call-checkpoint": "PRAGMA wal_checkpoint(TRUNCATE)",
    "pragma-function-form": "SELECT * FROM pragma_wal_checkpoint('TRUNCATE')",
    "multiple-statements": "SELECT 1; DELETE FROM memory_entries",
    "two-reads": "SELECT 1; SELECT 2",
    "reindex": "REINDEX",
    "analyze": "ANALYZE",
    "begin": "BEGIN IMMEDIATE",
    "savepoint": "SAVEPOINT sneaky",
    # The SQLite authorizer is never asked about these: refused by the compiled program or the pragma's name.
    "vacuum": "VACUUM",
    "vacuum-into": "VACUUM INTO 'copy.db'",
    "pragma-optimize": "PRAGMA optimize",
    "pragma-incremental-vacuum": "PRAGMA incremental_vacuum",
    "pragma-wal-checkpoint": "PRAGMA wal_checkpoint",
}
ALLOWED = ["SELECT count(*) FROM memory_entries", "PRAGMA page_count", "PRAGMA page_size",
           "WITH x AS (SELECT id FROM sessions) SELECT count(*) FROM x", "SELECT * FROM memory_entries;"]


@pytest.fixture(scope="module", params=URL_KINDS)
def shared_read_only(request, tmp_path_factory):
    """One built database per URL kind for the refusal matrix: every case must leave it as it was.

    Yields (read-only Database, the SQLite file, its URL kind, the folders a relative name could land in).
    """
    root = tmp_path_factory.mktemp(f"ro-{request.param}")
    path = root / "jarvis.db"
    build(path, "wal")
    with contextlib.ExitStack() as stack:
        if request.param == "file":
            url, token, folders = path.as_uri(), None, (Path.cwd(), root)
        else:
            server = stack.enter_context(Sqld(root / "sqld", keys=KEYS, seed=path))
            url, token, path = server.url(request.param), TOKEN, server.db_file
            folders = (Path.cwd(), server.root, path.parent)  # sqld runs in server.root
        read_only = stack.enter_context(jarvis_memory.Database(url, token, read_only=True))
        yield read_only, path, request.param, folders


@pytest.mark.parametrize("sql", REFUSED.values(), ids=REFUSED.keys())
def test_read_only_connection_refuses(sql, shared_read_only):
    read_only, db_path, url_kind, folders = shared_read_only
    before, digest = dump(db_path), sha256(db_path)
    with pytest.raises(ReadOnlyError):
        read_only.execute(sql)
    with pytest.raises(ReadOnlyError):
        read_only.batch([sql])
    assert dump(db_path) == before
    if url_kind == "file":
        assert sha256(db_path) == digest
    for folder in folders:  # relative names resolve against the (server) process's cwd
        assert not (folder / "elsewhere.db").exists() and not (folder / "copy.db").exists()


@pytest.mark.parametrize("sql", ALLOWED)
def test_read_only_connection_still_reads(sql, shared_read_only):
    assert shared_read_only[0].execute(sql).rows

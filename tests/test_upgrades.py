"""Upgrades: an older database is brought up to date without losing a row; a newer one is refused.

"Older" is a database at migration 0001 only, filled either by this package (as a
release that shipped only 0001 would have) or by raw SQL exactly as the TypeScript app
writes it.  "Newer" has a version 99 row in ``_jarvis_migrations``: every entry point
must refuse it with a sentence saying so, and leave the file byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import jarvis_memory
from conftest import URL_KINDS, cli_env, served
from jarvis_memory import SchemaError, content_hash
from jarvis_memory.store import migrations

DATA_TABLES = ("memory_entries", "sessions", "daily_logs")


def dump(path: Path, tables=DATA_TABLES + ("__drizzle_migrations",)) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables if t in present}


def versions(path: Path) -> list[int]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT version FROM _jarvis_migrations ORDER BY version")]


def indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}


def jarvis(url: str, *args: str, token: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jarvis_memory", *args], env=cli_env(url, token),
                          capture_output=True, text=True, timeout=60)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill_with_package(db: jarvis_memory.Database) -> None:
    for i in range(30):
        entry, _ = db.memories.store(f"Memory number {i}", ("preference", "fact", "pattern")[i % 3], "user_explicit")
    db.memories.recall("number 1")  # sets last_accessed on some
    for s in range(5):
        session = db.sessions.start()
        for n in range(4):
            db.events.log(session.id, "memory_store", {"memory_id": n + 1, "n": n})
        if s % 2:
            db.sessions.end(session.id, "browser_close", summary=f"session {s}")
    db.events.log(None, "app_start")


def fill_like_typescript(path: Path) -> None:
    """The TypeScript app's database: Drizzle's DDL and migration row, rows as its MemoryService writes them."""
    first = migrations.available()[0]
    with sqlite3.connect(path) as conn:
        for statement in first.statements:
            conn.execute(statement)
        conn.execute(migrations._DRIZZLE_TABLE)
        conn.execute('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)', [first.checksum, 1767225600000])
        for i, text in enumerate(["Prefers tea", "Lives in Lisbon", "Works late on Thursdays", "Ünïcode ✓ memory"]):
            conn.execute(
                "INSERT INTO memory_entries (content, content_hash, category, source, created_at, last_accessed)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [text, content_hash(text), ("preference", "fact", "pattern", "fact")[i], "jarvis_inferred",
                 f"2026-01-0{i + 1}T09:30:00.123Z", None if i % 2 else "2026-01-09T10:00:00.000Z"])
        conn.execute("INSERT INTO sessions (started_at, ended_at, end_trigger, summary) VALUES"
                     " ('2026-01-01T09:00:00.000Z', '2026-01-01T09:45:00.000Z', 'timeout', NULL),"
                     " ('2026-01-02T09:00:00.000Z', NULL, NULL, NULL)")
        conn.execute("INSERT INTO daily_logs (session_id, event_type, event_data, timestamp) VALUES"
                     " (1, 'memory_store', '{\"memory_id\":1}', '2026-01-01T09:01:00.000Z'),"
                     " (2, 'message', NULL, '2026-01-02T09:01:00.000Z'),"
                     " (NULL, 'app_start', '{}', '2026-01-02T08:59:00.000Z')")


@pytest.fixture
def at_0001_by_package(db_path, monkeypatch):
    """A database made and filled by a package that had only migration 0001."""
    only_first = migrations.available()[:1]
    with monkeypatch.context() as m:
        m.setattr(migrations, "available", lambda: only_first)
        with jarvis_memory.Database(db_path.as_uri()) as db:
            fill_with_package(db)
    assert versions(db_path) == [1]
    return db_path


@pytest.fixture
def at_0001_by_typescript(db_path):
    fill_like_typescript(db_path)
    return db_path


@pytest.mark.parametrize("origin", ["at_0001_by_package", "at_0001_by_typescript"])
def test_migrate_upgrades_without_losing_a_row(origin, request):
    path = request.getfixturevalue(origin)
    before = dump(path)
    assert all(before[t] for t in DATA_TABLES)
    out = jarvis(path.as_uri(), "migrate", "--json")
    assert out.returncode == 0, out.stderr
    expected = [f"{m.version:04d}_{m.name}" for m in migrations.available()
                if origin == "at_0001_by_typescript" or m.version > 1]
    assert json.loads(out.stdout) == {"applied": expected, "recreated": [], "refilled": [],
                                      "current": migrations.available()[-1].version}
    assert dump(path) == before  # every row, byte for byte, and Drizzle's record untouched
    assert versions(path) == [m.version for m in migrations.available()]
    assert {"jm_daily_logs_session_id_idx", "jm_memory_entries_created_at_idx"} <= indexes(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    again = jarvis(path.as_uri(), "migrate", "--json")
    assert json.loads(again.stdout)["applied"] == [] and dump(path) == before
    # The upgraded database still deduplicates against rows the old writer stored.
    with jarvis_memory.Database(path.as_uri()) as db:
        oldest = before["memory_entries"][0]
        entry, created = db.memories.store(f"  {oldest[1].upper()} ", oldest[3], oldest[4])
        assert (entry.id, created) == (oldest[0], False)


def make_newer(path: Path) -> None:
    with jarvis_memory.Database(path.as_uri()) as db:
        db.migrate()
        fill_with_package(db)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _jarvis_migrations VALUES (99, 'from_the_future', 'abc', '2030-01-01T00:00:00.000Z')")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


NEWER_CLI = {
    "migrate": (["migrate"], 6),
    "migrate-status": (["migrate", "--status"], 6),
    "remember": (["remember", "Likes jazz", "-c", "preference"], 6),
    "sessions-start": (["sessions", "start"], 6),
    "log": (["log", "1", "message"], 6),
    "import": (["import", "{rows}"], 6),
    "recall": (["recall", "Memory"], 6),
    "stats": (["stats"], 6),
    "doctor": (["doctor"], 1),
}


def test_newer_database_is_refused_by_every_command(db_path, tmp_path):
    make_newer(db_path)
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"content": "Imported", "category": "fact", "source": "user_explicit"}\n')
    digest, before = sha256(db_path), dump(db_path)
    for name, (args, code) in NEWER_CLI.items():
        out = jarvis(db_path.as_uri(), *(str(rows) if a == "{rows}" else a for a in args))
        assert out.returncode == code, (name, out.stdout, out.stderr)
        assert "schema version 99, newer than this package" in out.stdout + out.stderr, name
        assert "upgrade jarvis-memory" in out.stdout + out.stderr, name
        assert "Traceback" not in out.stderr, name
    assert dump(db_path) == before and versions(db_path)[-1] == 99
    assert sha256(db_path) == digest


@pytest.mark.parametrize("kind", URL_KINDS)
def test_newer_database_is_refused_by_the_api(kind, tmp_path):
    make_newer(tmp_path / "jarvis.db")
    calls = {
        "migrate": lambda db: db.migrate(),
        "store": lambda db: db.memories.store("Likes jazz", "preference", "user_explicit"),
        "recall": lambda db: db.memories.recall("Memory"),
        "start": lambda db: db.sessions.start(),
        "end": lambda db: db.sessions.end(1, "explicit"),
        "log": lambda db: db.events.log(None, "app_start"),
        "expire": lambda db: db.sessions.expire_idle(1),
        "delete": lambda db: db.memories.delete(1),
    }
    with served(kind, tmp_path, tmp_path / "jarvis.db") as (url, token, db_path):
        digest, before = sha256(db_path), dump(db_path)
        for name, call in calls.items():
            with jarvis_memory.Database(url, token) as db, pytest.raises(SchemaError, match="newer than this package"):
                call(db)
        with jarvis_memory.Database(url, token) as db:
            with pytest.raises(SchemaError, match="version 99"):
                db.schema_status()
        assert dump(db_path) == before and versions(db_path)[-1] == 99
        if kind == "file":
            assert sha256(db_path) == digest

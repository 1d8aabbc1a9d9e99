"""Migrations: ordered, recorded with checksums, idempotent, safe beside Drizzle's."""

import sqlite3
import threading

import pytest

import jarvis_memory
from conftest import REMOTE_KINDS
from jarvis_memory import SchemaError
from jarvis_memory.store import migrations
from jarvis_memory.store.migrations import Migration

REFERENCE_TABLES = {"daily_logs", "memory_entries", "sessions"}


def tables(path):
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_fresh_database_gets_the_drizzle_schema_and_a_baseline(db, db_path):
    status = db.schema_status()
    assert status.pending == [] and status.current == max(m.version for m in migrations.available())
    with sqlite3.connect(db_path) as conn:
        sql = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table','index')"))
        drizzle = conn.execute('SELECT hash, created_at FROM "__drizzle_migrations"').fetchall()
    reference = migrations.available()[0].sql
    for table in REFERENCE_TABLES:
        assert sql[table] in reference  # the exact DDL Drizzle generates
    assert "memory_entries_content_hash_unique" in sql
    assert drizzle[0][0] == migrations.available()[0].checksum  # Drizzle's hash of the same file


def test_migrate_is_idempotent(db):
    assert db.migrate() == []
    assert db.migrate() == []


def test_migration_files_are_ordered_and_named():
    found = migrations.available()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert all(m.statements for m in found)


def test_edited_migration_is_refused(db, monkeypatch):
    edited = list(migrations.available())
    edited[1] = Migration(2, edited[1].name, edited[1].sql + "\n-- edited\n")
    monkeypatch.setattr(migrations, "available", lambda: tuple(edited))
    with pytest.raises(SchemaError, match="edited after it was applied"):
        db.schema_status()


def test_newer_database_is_refused_and_not_written(db, db_path):
    db.execute("INSERT INTO _jarvis_migrations VALUES (99, 'future', 'x', '2030-01-01T00:00:00.000Z')")
    fresh = jarvis_memory.Database(db.settings.url, db.settings.auth_token)
    with pytest.raises(SchemaError, match="newer than this package"):
        fresh.memories.store("hello", "fact", "user_explicit")
    fresh.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM memory_entries").fetchone()[0] == 0


def test_database_made_by_the_typescript_app_is_adopted(db_path):
    with sqlite3.connect(db_path) as conn:
        for statement in migrations.available()[0].statements:
            conn.execute(statement)
        conn.execute("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                     " VALUES ('x', 'h', 'fact', 'user_explicit', '2026-01-01T00:00:00.000Z')")
    with jarvis_memory.Database(db_path.as_uri()) as db:
        assert [m.version for m in db.migrate()] == [m.version for m in migrations.available()]
        assert db.memories.count() == 1
        assert [e.content for e in db.memories.search("x")] == ["x"]  # the app's row is in the search index (0006)
    assert "__drizzle_migrations" not in tables(db_path)  # not ours to write when we did not create the tables


def test_partial_schema_is_refused(db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE sessions (id integer primary key)")
    with jarvis_memory.Database(db_path.as_uri()) as db, pytest.raises(SchemaError):
        db.migrate()
    assert tables(db_path) == {"sessions", "_jarvis_migrations"}


@pytest.mark.parametrize("url_kind", REMOTE_KINDS)
def test_remote_database_is_not_migrated_implicitly(url, token, db_path):
    with jarvis_memory.Database(url, token) as db, pytest.raises(SchemaError, match="jarvis-memory migrate"):
        db.memories.store("hello", "fact", "user_explicit")
    assert "memory_entries" not in tables(db_path)


def test_concurrent_migrations_apply_once(db_path):
    """Four threads opening a new file database at once: switching it to WAL is retried, not answered "database is
    locked" (SQLite refuses that lock upgrade at once rather than wait; it failed CI about once in ten runs)."""
    errors = []

    def run():
        try:
            with jarvis_memory.Database(db_path.as_uri()) as db:
                db.migrate()
        except Exception as e:  # collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM _jarvis_migrations").fetchone()[0] == len(migrations.available())
        assert conn.execute('SELECT count(*) FROM "__drizzle_migrations"').fetchone()[0] == 1

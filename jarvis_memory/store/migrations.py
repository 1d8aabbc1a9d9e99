"""Versioned schema migrations, shared safely with the TypeScript app's Drizzle migrations.

Migrations are the ``NNNN_name.sql`` files in ``jarvis_memory/migrations/``,
statements separated by Drizzle's ``--> statement-breakpoint``.  Each is
applied in one atomic batch together with its row in ``_jarvis_migrations``
(version, name, sha256 checksum, time).  A migration whose file changed after
it was applied, or a database that has versions this package does not know,
is refused with :class:`SchemaError`.

``0001_initial.sql`` is Drizzle's generated DDL, byte for byte, so:

* on a database the TypeScript app already migrated, 0001 is *adopted*
  (columns checked, nothing executed);
* on an empty database, 0001 runs and Drizzle's own ``__drizzle_migrations``
  gets the baseline row Drizzle's migrator would have written for it (same
  sha256 of the same file), so a later ``migrate()`` in the TypeScript app skips
  it instead of failing on "table already exists".
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import timestamps
from ..errors import DatabaseError, SchemaError

if TYPE_CHECKING:
    from .database import Database

TABLE = "_jarvis_migrations"
_CREATE_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " checksum TEXT NOT NULL, applied_at TEXT NOT NULL)"
)
# What Drizzle's SQLite migrator creates before reading it (drizzle-orm sqlite-core dialect).
_DRIZZLE_TABLE = (
    'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)'
)
CORE_TABLES = {
    "daily_logs": ["id", "session_id", "event_type", "event_data", "timestamp"],
    "memory_entries": ["id", "content", "content_hash", "category", "source", "created_at", "last_accessed"],
    "sessions": ["id", "started_at", "ended_at", "end_trigger", "summary"],
}


MIGRATE_HINT = "(run `jarvis-memory migrate`)"  # how every message about a missing or old schema ends


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def label(self) -> str:
        """``0001_initial``: the file name without ``.sql``, as messages show it."""
        return f"{self.version:04d}_{self.name}"

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()

    @property
    def statements(self) -> list[str]:
        parts = (p.strip() for p in self.sql.split("--> statement-breakpoint"))
        return [p for p in parts if _strip_comments(p)]


@dataclass(frozen=True)
class Status:
    """Where a database stands against this package's migrations."""

    applied: dict[int, str]
    pending: list[Migration]

    @property
    def current(self) -> int:
        return max(self.applied, default=0)


@cache
def available() -> tuple[Migration, ...]:
    """This package's migrations, in order."""
    found = []
    for path in sorted((Path(__file__).resolve().parent / "migrations").glob("[0-9][0-9][0-9][0-9]_*.sql")):
        version, name = path.stem.split("_", 1)
        found.append(Migration(int(version), name, path.read_text(encoding="utf-8")))
    return tuple(found)


@cache
def schema_tables() -> frozenset[str]:
    """The tables this package's migrations create (the search index, a virtual table, too)."""
    return frozenset(re.findall(r"CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?[`\"]?(\w+)", "\n".join(m.sql for m in available())))


def full_schema() -> list[str]:
    """Every table a migrated database has, as DDL: the migrations plus both bookkeeping tables."""
    return [s for m in available() for s in m.statements] + [_CREATE_TABLE, _DRIZZLE_TABLE]


def status(db: Database) -> Status:
    """Compare the database with :func:`available`; raise if it cannot be trusted."""
    try:
        rows = db.execute(f"SELECT version, checksum FROM {TABLE} ORDER BY version", idempotent=True).rows
    except DatabaseError as e:
        if "no such table" not in str(e):
            raise
        rows = []
    applied = {int(r[0]): str(r[1]) for r in rows}
    known = {m.version: m for m in available()}
    newer = sorted(v for v in applied if v not in known)
    if newer:
        raise SchemaError(
            f"{db.settings.redacted_url} is at schema version {max(newer)}, newer than this "
            f"package knows ({max(known)}): upgrade jarvis-memory before writing to it"
        )
    for version, checksum in applied.items():
        if known[version].checksum != checksum:
            m = known[version]
            raise SchemaError(
                f"migration {m.label}.sql was edited after it was applied to "
                f"{db.settings.redacted_url}; restore it and add a new migration instead"
            )
    return Status(applied, [m for m in available() if m.version not in applied])


def migrate(db: Database) -> list[Migration]:
    """Apply every pending migration in order; safe to run again or concurrently."""
    db.execute(_CREATE_TABLE)
    done = []
    for migration in status(db).pending:
        try:
            _apply(db, migration)
        except DatabaseError:
            # Another process may have applied it in the meantime: that is success.
            if migration.version not in status(db).applied:
                raise
            continue
        done.append(migration)
    return done


def _apply(db: Database, migration: Migration) -> None:
    record = (
        f"INSERT INTO {TABLE} (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
        [migration.version, migration.name, migration.checksum, timestamps.now()],
    )
    statements: list = list(migration.statements)
    if migration.version == 1:
        existing = existing_core_tables(db)
        if existing == set(CORE_TABLES):
            statements = []  # created by the TypeScript app: adopt it
        elif existing:
            raise SchemaError(
                f"{db.settings.redacted_url} has only some of the memory tables "
                f"({', '.join(sorted(existing))}); refusing to guess how to complete them"
            )
        elif not _table_exists(db, "__drizzle_migrations"):
            statements += [
                _DRIZZLE_TABLE,
                (
                    'INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)',
                    [migration.checksum, int(time.time() * 1000)],
                ),
            ]
    db.batch(statements + [record])


def existing_core_tables(db: Database) -> set[str]:
    """The memory tables the database has (columns checked), read in one statement.

    One statement is one snapshot: read table by table, a concurrent migration committing
    in between made some tables appear and the check report a half-made schema.
    """
    names = ", ".join(f"'{t}'" for t in CORE_TABLES)
    rows = db.execute(
        "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p"
        f" WHERE m.type = 'table' AND m.name IN ({names})", idempotent=True,
    ).rows
    have: dict[str, list[str]] = {}
    for table, column in rows:
        have.setdefault(table, []).append(column)
    for table, columns in have.items():
        missing = [c for c in CORE_TABLES[table] if c not in columns]
        if missing:
            raise SchemaError(f"table {table} on {db.settings.redacted_url} lacks columns {missing}")
    return set(have)


def _table_exists(db: Database, name: str) -> bool:
    rows = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name], idempotent=True).rows
    return bool(rows)


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql).strip()

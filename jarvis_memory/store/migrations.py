"""Versioned schema migrations, shared safely with the TypeScript app's Drizzle migrations.

Migrations are the ``NNNN_name.sql`` files in ``jarvis_memory/migrations/``,
statements separated by Drizzle's ``--> statement-breakpoint``.  Each is
applied in one atomic batch together with its row in ``_jarvis_migrations``
(version, name, sha256 checksum, time).  A migration whose file changed after
it was applied, or a database that has versions this package does not know,
is refused with :class:`SchemaError`.  Every table, index, trigger and column an
applied migration created must still exist: one another tool dropped (a ``drizzle-kit
push`` drops the tables its schema does not declare, an ``ALTER TABLE … DROP COLUMN``
a column) is listed in :attr:`Status.missing` and recreated by :func:`migrate`, from
its statement in the migration files (a column by ``ALTER TABLE … ADD``), and nothing
else of that migration is run again.

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
import sqlite3
import time
from collections.abc import Iterable
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
class SchemaObject:
    """A table, index, trigger or view a migration creates, with its ``CREATE`` statement once all have run; or a
    column of such a table (``name``: ``table.column``), with the ``ALTER TABLE … ADD`` statement that adds it."""

    type: str
    name: str
    sql: str
    version: int  # the migration that first creates it

    @property
    def label(self) -> str:
        """``table jm_memory_merges``, as messages show it."""
        return f"{self.type} {self.name}"


@dataclass(frozen=True)
class Status:
    """Where a database stands against this package's migrations.

    ``missing``: objects of applied migrations the database no longer has (another tool dropped them): tables,
    then columns of the tables present, then indexes, triggers and views (the order :func:`migrate` makes them in).
    """

    applied: dict[int, str]
    pending: list[Migration]
    missing: list[SchemaObject]

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


def owned() -> tuple[SchemaObject, ...]:
    """Every object this package's migrations create, tables first, as SQLite itself records them.

    The migrations are run on an in-memory database, one after the other: the ``sql`` is what its
    ``sqlite_master`` holds at the end (a later ``ALTER TABLE`` included), so recreating an object
    never re-runs a data change.  SQLite's own objects (``sqlite_sequence``, automatic indexes) and the
    shadow tables a virtual table keeps its data in (FTS5's ``_data``, ``_idx`` …: made with it) are left out.
    """
    return _made()[0]


def owned_columns() -> tuple[SchemaObject, ...]:
    """Every column of the ordinary tables :func:`owned` holds (not a virtual table's), each with the
    ``ALTER TABLE `t` ADD `c` type DEFAULT … NOT NULL`` that adds it back, built from the in-memory table's
    ``pragma_table_info`` (type, default, NOT NULL; ``PRIMARY KEY`` too, which SQLite refuses to add), and the
    migration that first made it (0005 for ``jm_memory_merges.decision``)."""
    return _made()[1]


@cache
def _made() -> tuple[tuple[SchemaObject, ...], tuple[SchemaObject, ...]]:
    """:func:`owned` and :func:`owned_columns`, from one run of the migrations in memory."""
    conn = sqlite3.connect(":memory:")
    tables = ("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
              " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    columns_of = f"FROM ({tables}) t, pragma_table_info(t.name) c"  # the ordinary tables' columns
    try:
        first: dict[str, int] = {}
        for m in available():
            for statement in m.statements:
                conn.execute(statement)
            for (name,) in conn.execute("SELECT name FROM sqlite_master"):
                first.setdefault(name, m.version)
            for (name,) in conn.execute(f"SELECT t.name || '.' || c.name {columns_of}"):
                first.setdefault(name, m.version)
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE"
                            " 'sqlite\\_%' ESCAPE '\\' AND name NOT IN (SELECT name FROM pragma_table_list"
                            " WHERE type = 'shadow') ORDER BY type <> 'table', rowid").fetchall()
        columns = conn.execute(f"SELECT t.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk {columns_of}"
                               " ORDER BY t.name, c.cid").fetchall()
    finally:
        conn.close()
    objects = tuple(SchemaObject(kind, name, sql, first[name]) for kind, name, sql in rows)
    added = tuple(SchemaObject("column", f"{table}.{name}", f"ALTER TABLE `{table}` ADD `{name}`"
                               + (f" {kind}" if kind else "") + (" PRIMARY KEY" if pk else "")
                               + (f" DEFAULT {default}" if default is not None else "")
                               + (" NOT NULL" if notnull else ""), first[f"{table}.{name}"])
                  for table, name, kind, notnull, default, pk in columns)
    return objects, added


@cache
def schema_tables() -> frozenset[str]:
    """The tables this package's migrations create."""
    return frozenset(o.name for o in owned() if o.type == "table")


def columns_sql(tables: Iterable[str]) -> str:
    """One statement giving ``(table, column)`` rows for the named tables of this package only.

    It opens no other table: a virtual table another application added, of a module this SQLite
    lacks (sqlite-vec's ``vec0``), fails any statement that reads its columns ("no such module").
    """
    return " UNION ALL ".join(f"SELECT '{t}', name FROM pragma_table_info('{t}')" for t in sorted(tables))


def full_schema() -> list[str]:
    """Every table a migrated database has, as DDL: the migrations plus both bookkeeping tables."""
    return [s for m in available() for s in m.statements] + [_CREATE_TABLE, _DRIZZLE_TABLE]


def status(db: Database) -> Status:
    """Compare the database with :func:`available` and :func:`owned`; raise if it cannot be trusted.

    One statement reads the applied versions and which owned objects and columns exist (one snapshot, one
    round trip).  Raises :class:`SchemaError` for a database newer than this package or an edited migration.
    """
    present = f"SELECT type, name, NULL, NULL FROM sqlite_master WHERE name IN ({', '.join('?' * len(owned()))})"
    present += "".join(f" UNION ALL SELECT 'column', '{t}.' || name, NULL, NULL FROM pragma_table_info('{t}')"
                       for t in sorted({c.name.split('.')[0] for c in owned_columns()}))
    names = [o.name for o in owned()]
    try:
        rows = db.execute(f"{present} UNION ALL SELECT NULL, NULL, version, checksum FROM {TABLE}", names,
                          idempotent=True).rows
    except DatabaseError as e:
        if "no such table" not in str(e):
            raise
        rows = db.execute(present, names, idempotent=True).rows
    applied = {int(r[2]): str(r[3]) for r in rows if r[0] is None}
    found = {(r[0], r[1]) for r in rows if r[0] is not None}
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
    missing = [o for o in owned() if o.version in applied and (o.type, o.name) not in found]
    columns = [c for c in owned_columns() if c.version in applied and ("table", c.name.split(".")[0]) in found
               and ("column", c.name) not in found]  # a table recreated whole gets them with it
    missing = [o for o in missing if o.type == "table"] + columns + [o for o in missing if o.type != "table"]
    return Status(applied, [m for m in available() if m.version not in applied], missing)


def migrate(db: Database) -> list[Migration]:
    """Apply every pending migration in order, then recreate the objects of applied ones that are missing
    (:attr:`Status.missing`, in one atomic batch); safe to run again or concurrently.

    Returns the migrations applied now.  Raises :class:`SchemaError` (see :func:`status`, or an object
    that cannot be recreated, such as a unique index over rows that now repeat a value).
    """
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
    _recreate(db, status(db).missing)
    return done


def _recreate(db: Database, missing: list[SchemaObject]) -> None:
    if not missing:
        return
    try:
        db.batch([o.sql for o in missing])
    except DatabaseError as e:
        still = status(db).missing  # another process may have recreated them in the meantime: that is success
        if still:
            where = db.settings.redacted_url
            raise SchemaError(f"could not recreate {', '.join(o.label for o in still)} on {where}: "
                              f"{str(e).removeprefix(where + ': ')}") from None


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
    rows = db.execute(columns_sql(CORE_TABLES), idempotent=True).rows
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

"""Load the three memory tables and the reviewer's decisions into DuckDB for analysis, without writing to the database.

>>> from jarvis_memory.analysis.load import load
>>> ds = load("file:tests/fixtures/jarvis-fixture.db")          # doctest: +SKIP
>>> ds.sql("SELECT count(*) AS n FROM daily_logs WHERE event_data->>'memory_id' IS NOT NULL")  # doctest: +SKIP

A ``file:`` database is read through a C-level SQLite→Arrow reader
(adbc-driver-sqlite) opened ``mode=ro``; a remote one through its local
embedded replica (:mod:`jarvis_memory.store.replica`), read the same way, or — with
``replica=False`` or where the server does not serve replication — through
:class:`jarvis_memory.Database` with ``read_only=True``, in keyset pages on
``id`` so no response is unbounded, all in one read transaction
(:meth:`jarvis_memory.Database.snapshot`).  Every column is cast to TEXT or INTEGER in SQLite, so a value stored with an unexpected type (a number in a text
column, a BLOB) cannot break Arrow's typing.  The tables are DuckDB views over
those Arrow tables (nothing is copied); the parsed columns are computed when a
query reads them: timestamps as every reader reads them (:func:`jarvis_memory.timestamps.instant_ms`),
NULL where unreadable (the text as stored stays in ``*_raw``), event data that JavaScript's ``JSON.parse``
refuses becomes NULL (``event_data_raw`` keeps it; :func:`jarvis_memory.store.events.parse_data`).  Text
another client stored that is not valid UTF-8 is read with U+FFFD for each bad sequence; the row is kept and the value
named in the table ``unreadable_values`` (``table_name, id, column_name``).

The reviewer's decisions (``dedup apply``: the merge log ``jm_memory_merges`` and ``jm_kept_both``, migrations
0003 and 0005) are read with the memory tables, by the same readers, from the same snapshot: a database without
them (never migrated by this package; made by the TypeScript app) reads them empty, a log from before 0005 reads
``decision`` as ``merge``.  A removed row's text is read only while it is removed: an undone merge put the row
back in ``memory_entries``, so a log of undone merges costs no texts.

Why one module: the file reader (ADBC), the remote reader (keyset pages) and the DuckDB views share one
column list, one schema check and one set of timestamp rules; apart, each would import the others' parts.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

import duckdb
import pyarrow as pa

from ..errors import (
    BusyError, ConfigError, DatabaseError, JarvisMemoryError, SchemaError, UnreachableError, ValidationError,
)
from ..store import config, events
from ..store import replica as replicas
from ..store.config import BUSY_TIMEOUT_MS, no_shm_possible
from ..store.database import Database
from ..store.merges import KEPT_BOTH, TABLE as MERGES
from ..store.migrations import CORE_TABLES, columns_sql
from ..store.rows import UndecodableText, decode_text
from .. import timestamps

if TYPE_CHECKING:
    import pandas as pd

TABLES = ("memory_entries", "sessions", "daily_logs")
DECISION_TABLES = {  # read when the database has them, else empty; the columns the reports read
    MERGES: ["merge_id", "merged_at", "survivor_id", "removed_id", "kind", "decision", "score", "content",
             "created_at", "undone_at"],
    KEPT_BOTH: ["decision_id", "decided_at", "id_a", "id_b", "hash_a", "hash_b", "kind", "undone_at"],
}
COLUMNS = {**{t: CORE_TABLES[t] for t in TABLES}, **DECISION_TABLES}
PAGE_SIZE = 10_000
READS = 3  # attempts at a paged read: a connection lost during it takes its transaction along, so it starts over
_LOST = ("STREAM_CLOSED", "STREAM_EXPIRED")  # the codes of a stream gone with its transaction (sqld, _remote)
_KEYS = {MERGES: "merge_id", KEPT_BOTH: "decision_id"}  # every other table's: id
_INTEGER_COLUMNS = {"id", "session_id", "merge_id", "survivor_id", "removed_id", "decision_id", "id_a", "id_b"}
_REAL_COLUMNS = {"score"}
_OLDER = {(MERGES, "decision"): "'merge'"}  # a column a later migration added -> what its older rows mean
_WHILE = {(MERGES, "content"): "undone_at"}  # a column read only while that one is NULL (else NULL)
_TIMESTAMPS = {
    "memory_entries": ("created_at", "last_accessed"),
    "sessions": ("started_at", "ended_at"),
    "daily_logs": ("timestamp",),
    MERGES: ("created_at",),  # the removed memory's; merged_at and undone_at are this package's own, kept as text
}


@dataclass
class Dataset:
    """The three tables and the decision tables as views on an in-memory DuckDB connection, plus where they came
    from (:data:`COLUMNS` names them; :mod:`jarvis_memory.analysis.decisions` reads the decisions).

    The rows themselves are the Arrow tables registered on :attr:`con`; they live as long as it does.
    """

    con: duckdb.DuckDBPyConnection
    counts: dict[str, int]  # rows of each of the three memory tables
    source: str  # redacted URL: safe to print
    database_bytes: int
    loaded_seconds: float

    def sql(self, query: str, params: Any = None) -> pd.DataFrame:
        """Run ``query`` on :attr:`con` and return a DataFrame."""
        return self.con.execute(query, params).df()

    @cached_property
    def memories(self) -> pd.DataFrame:
        """``memory_entries`` as pandas (timestamps datetime64 UTC), built on first use."""
        return self.sql("SELECT * FROM memory_entries ORDER BY id")

    @cached_property
    def sessions(self) -> pd.DataFrame:
        return self.sql("SELECT * FROM sessions ORDER BY id")

    @cached_property
    def events(self) -> pd.DataFrame:
        return self.sql("SELECT * FROM daily_logs ORDER BY id")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load(
    url: str | None = None,
    *,
    auth_token: str | None = None,
    page_size: int = PAGE_SIZE,
    replica: bool | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Dataset:
    """Read the memory tables of the database at ``url`` (default: ``DATABASE_URL``/.env/embedded).

    The token comes from ``DATABASE_AUTH_TOKEN`` (or ``auth_token``), never from the URL you print.
    A remote database is read through its embedded replica in ``cache_dir`` (see
    :mod:`jarvis_memory.store.replica`; synced first, one consistent snapshot, then read as a file).
    ``replica=False`` (or ``$JARVIS_MEMORY_REPLICA=0``) reads it in keyset pages of ``page_size`` rows
    instead, as does a server that does not serve replication (with one :class:`ReplicaFallbackWarning`).
    A replica that had to be rebuilt from scratch is said so by one :class:`ReplicaRebuiltWarning`; a replica
    whose local files cannot be written raises :class:`FileError` (the cause and path named).
    """
    started = time.perf_counter()
    settings = config.load(url, auth_token)
    if settings.is_remote and replicas.enabled(replica):
        try:
            with replicas.synced(settings.url, settings.auth_token, cache_dir=cache_dir) as synced:
                tables, size = _read_file(synced.settings)
        except replicas.ReplicationUnavailable as e:
            warnings.warn(f"{e}; reading it in keyset pages instead", ReplicaFallbackWarning, stacklevel=2)
        else:
            if synced.rebuilt:
                warnings.warn(synced.note, ReplicaRebuiltWarning, stacklevel=2)
            return _dataset(tables, settings, size, started)
    tables, size = _read_pages_snapshot(settings, page_size) if settings.is_remote else _read_file(settings)
    return _dataset(tables, settings, size, started)


class ReplicaFallbackWarning(UserWarning):
    """A remote database was read in keyset pages because its server does not serve replication."""


class ReplicaRebuiltWarning(UserWarning):
    """The replica could not be trusted (see :mod:`jarvis_memory.store.replica`) and was made again from scratch."""


def _dataset(tables: dict[str, pa.Table], settings: config.Settings, size: int, started: float) -> Dataset:
    counts = {t: tables[t].num_rows for t in TABLES}
    return Dataset(to_duckdb(tables), counts, settings.redacted_url, int(size),
                   round(time.perf_counter() - started, 3))


def _read_file(settings: config.Settings) -> tuple[dict[str, pa.Table], int]:
    with open_file(settings) as conn:
        found = _columns_file(settings, conn)
        _check_schema(settings, found)
        tables = _read_tables(found, lambda table, present: read_table(conn, table, present))
    assert settings.path is not None
    return tables, settings.path.stat().st_size


def _read_pages_snapshot(settings: config.Settings, page_size: int) -> tuple[dict[str, pa.Table], int]:
    """Every table in pages, all in one read transaction (:meth:`Database.snapshot`): the state of one moment
    however long the read takes, whatever is written meanwhile (an apply or undo of merges: never a memory in
    neither ``memory_entries`` nor the merges in effect, nor a half-applied batch).  A read whose connection is
    lost starts over, :data:`READS` times in all, then raises :class:`UnreachableError`."""
    for attempt in range(1, READS + 1):
        try:
            with Database(settings.url, settings.auth_token, read_only=True) as db, db.snapshot():
                tables = _read_tables(check_schema(db),
                                      lambda table, present: read_pages(db, table, page_size=page_size, present=present))
                # the pragmas as table-valued functions: sqld refuses a PRAGMA statement to a read-only token
                size = db.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
                                  ).rows[0][0]
            return tables, size
        except DatabaseError as e:
            if not (isinstance(e, UnreachableError) or e.code in _LOST):
                raise
            if attempt == READS:
                raise UnreachableError(f"{e} (the paged read lost its connection {READS} times)") from None
    raise AssertionError("unreachable")


# -- file: through ADBC ----------------------------------------------------------
@contextmanager
def open_file(settings: config.Settings) -> Iterator[Any]:
    """A read-only ADBC connection to a ``file:`` database that must exist, open while the block runs.

    ADBC links its own copy of SQLite, and POSIX locks belong to the process: it neither sees a lock
    this process's other connections (the core's sqlite3) hold, nor can it hold one for them.  So the
    stdlib's sqlite3 first waits for writers (the core's busy timeout) and opens a read transaction.
    In rollback-journal mode that SHARED lock is held until ADBC is closed, so no writer commits during
    the read, and ADBC reads ``immutable=1`` (it takes and drops no lock of its own).  In WAL mode the
    transaction ends at once (readers never block writers) and ADBC reads its own snapshot, ``mode=ro``,
    unless SQLite cannot open it at all: in a folder this process may not write, without a -shm file
    (:func:`jarvis_memory.store.config.no_shm_possible`), where it is read ``immutable=1`` as the core reads it.

    Raises :class:`ConfigError` (no database there, or it cannot be opened), :class:`BusyError` (a writer
    held its lock for the whole busy timeout), :class:`SchemaError` (not an SQLite database).
    """
    import adbc_driver_sqlite.dbapi

    path = settings.path
    if path is None:
        raise ConfigError(f"{settings.redacted_url} is not a file: URL")
    if not path.is_file():
        raise ConfigError(f"no database at {settings.redacted_url}")
    with _shared_lock(settings) as immutable:
        uri = path.as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
        try:
            conn = adbc_driver_sqlite.dbapi.connect(uri)
        except Exception as e:  # the driver reports open failures as its own error types
            raise ConfigError(f"cannot open {settings.redacted_url}: {e}") from None
        try:
            cursor = conn.cursor()
            try:  # a WAL database can still be locked a moment (recovery): wait as the core does
                cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            finally:
                cursor.close()
            yield conn
        finally:
            conn.close()  # before the lock is released: closing a file drops this process's locks on it


@contextmanager
def _shared_lock(settings: config.Settings) -> Iterator[bool]:
    """Wait for writers, then yield whether the block may read ``immutable=1``: a rollback-journal SHARED
    lock is held for it, or a WAL database cannot be opened otherwise.  In WAL mode the connection is closed
    before the block: two copies of SQLite must not share this process's locks on the -shm file.
    Raises :class:`BusyError`, :class:`SchemaError` or :class:`ConfigError`."""
    assert settings.path is not None
    try:
        conn = sqlite3.connect(settings.path.as_uri() + "?mode=ro", uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as e:
        raise ConfigError(f"cannot open {settings.redacted_url}: {e}") from None
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the SHARED lock, after any writer
        wal = conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    except sqlite3.Error as e:
        conn.close()
        if e.sqlite_errorcode != sqlite3.SQLITE_CANTOPEN or not no_shm_possible(settings.path):
            raise _read_error(settings, e) from None
        wal = None  # WAL whose -shm cannot be made: nobody has it open in WAL mode (they would have made it)
    if wal is not False:
        conn.close()
        yield wal is None
        return
    try:
        yield True
    finally:
        conn.close()


def _read_error(settings: config.Settings, e: Exception) -> JarvisMemoryError:
    """The error a failed first read means: a writer's lock that outlasted the busy timeout, or no database."""
    detail = str(e).splitlines()[0] if str(e) else type(e).__name__
    if "locked" in detail or "busy" in detail:  # a lock is not a schema problem
        return BusyError(f"{settings.redacted_url} stayed locked by a writer for {BUSY_TIMEOUT_MS / 1000:g} s;"
                         " nothing was read (try again when it is done)", code="SQLITE_BUSY")
    return SchemaError(f"{settings.redacted_url} is not a readable SQLite database: {detail}")


def _key(table: str) -> str:
    return _KEYS.get(table, "id")


class _Type(NamedTuple):  # what the readers make of a column cast to one SQL type (_sql_type)
    arrow: pa.DataType
    sample: str  # a literal of the type: the typed first row of a file read (:func:`_fetch`)


_TYPES = {"INTEGER": _Type(pa.int64(), "0"), "REAL": _Type(pa.float64(), "0.0"), "TEXT": _Type(pa.string(), "''")}


def _sql_type(column: str) -> str:
    return "INTEGER" if column in _INTEGER_COLUMNS else "REAL" if column in _REAL_COLUMNS else "TEXT"


def select_columns(table: str, present: list[str] | None = None) -> dict[str, str]:
    """The table's columns, each cast to the one type Arrow will see.  ``present``: the columns the database
    has (default: all); one a later migration added that is missing reads as what older rows mean, any other a
    decision table lacks (:func:`lacking`) as NULL, its key as the rowid (rows are paged and named by it)."""
    exprs = {}
    for c in COLUMNS[table]:
        stand_in = _OLDER.get((table, c)) or ("rowid" if c == _key(table) else "NULL")
        exprs[c] = f"CAST({c if present is None or c in present else stand_in} AS {_sql_type(c)})"
    for c, null in ((c, null) for (t, c), null in _WHILE.items() if t == table):
        exprs[c] = f"CASE WHEN {exprs[null]} IS NULL THEN {exprs[c]} END"
    return exprs


def lacking(table: str, present: list[str]) -> list[str]:
    """The columns of ``table`` that are not in ``present`` and that no migration explains (damage)."""
    return [c for c in COLUMNS[table] if c not in present and (table, c) not in _OLDER]


def _read_tables(found: dict[str, list[str]], read: Callable[[str, list[str]], pa.Table]) -> dict[str, pa.Table]:
    """Every table of :data:`COLUMNS`: ``read(table, present)`` (noted: :func:`_noted`) where ``found``
    (``{table: [column, …]}``) has it, else empty."""
    return {t: _noted(t, read(t, found[t]), found[t]) if t in found else _schema(t).empty_table() for t in COLUMNS}


def _noted(table: str, arrow: pa.Table, present: list[str]) -> pa.Table:
    """``arrow`` with the columns its table lacks in its ``missing`` metadata (:func:`to_duckdb` names them)."""
    return arrow.replace_schema_metadata({**(arrow.schema.metadata or {}),
                                          b"missing": json.dumps(lacking(table, present)).encode()})


def _as_bytes(exprs: dict[str, str]) -> dict[str, str]:
    """``exprs`` (column -> SQL) with each text column read as its bytes, to be decoded here (:func:`_texts`)."""
    return {c: f"CAST({e} AS BLOB)" if _sql_type(c) == "TEXT" else e for c, e in exprs.items()}


def read_table(conn: Any, table: str, present: list[str] | None = None) -> pa.Table:
    """The whole table as Arrow (``present``: as for :func:`select_columns`)."""
    arrow = _fetch(conn, table, present, as_bytes=False)
    try:
        arrow.validate(full=True)  # the driver copies text bytes as they are; DuckDB would fail on bad UTF-8 later
    except pa.ArrowInvalid:
        return _read_table_bytes(conn, table, present)
    schema = _schema(table)
    return arrow if arrow.schema.equals(schema) else arrow.cast(schema)


def _fetch(conn: Any, table: str, present: list[str] | None, *, as_bytes: bool) -> pa.Table:
    """The table's columns (:func:`select_columns`; ``as_bytes``: text as its bytes, :func:`_as_bytes`) as Arrow.

    ADBC fixes a column's type from the first rows it sees, so a column that
    starts with NULLs would be typed INTEGER and fail at its first text.  A
    leading typed row (key NULL, which no real row has) fixes every type; it is
    dropped afterwards.
    """
    typed = {c: _TYPES[_sql_type(c)].sample for c in COLUMNS[table]} | {_key(table): "NULL"}
    exprs = select_columns(table, present)
    if as_bytes:
        typed, exprs = _as_bytes(typed), _as_bytes(exprs)
    typed_row, columns = (", ".join(f"{e} AS {c}" for c, e in row.items()) for row in (typed, exprs))
    cursor = conn.cursor()
    try:
        cursor.execute(f"SELECT {typed_row} UNION ALL SELECT {columns} FROM {table}")
        arrow = cursor.fetch_arrow_table()
    except Exception as e:
        raise DatabaseError(f"reading {table} failed: {e}") from None
    finally:
        cursor.close()
    if arrow.num_rows and arrow.column(_key(table))[0].is_valid:  # SQLite did not keep the typed row first
        raise DatabaseError(f"reading {table}: the typed first row went missing")
    return arrow.slice(1)


def _read_table_bytes(conn: Any, table: str, present: list[str] | None) -> pa.Table:
    """The slow path for a table holding text that is not UTF-8 (another client's rows).

    Text columns are read as bytes and decoded row by row: a bad sequence becomes
    U+FFFD and the value is listed in the table's ``unreadable`` metadata
    (``[[id, column], …]``), which :func:`to_duckdb` turns into the view
    ``unreadable_values``.  The row itself is kept.
    """
    raw = _fetch(conn, table, present, as_bytes=True)
    ids = raw.column(_key(table)).to_pylist()
    schema = _schema(table)
    arrays, bad = [], []
    for c in COLUMNS[table]:
        if _sql_type(c) != "TEXT":
            arrays.append(raw.column(c).cast(schema.field(c).type))
        else:
            arrays.append(pa.array(_texts(ids, raw.column(c).to_pylist(), c, bad), pa.string()))
    return pa.Table.from_arrays(arrays, schema=schema.with_metadata({"unreadable": json.dumps(bad)}))


def _texts(ids: list[Any], values: list[Any], column: str, bad: list[list[Any]]) -> list[str | None]:
    """A text column's ``values`` as str: bytes decoded as UTF-8, each bad sequence as U+FFFD, and the row
    (``[id, column]``) added to ``bad``, which :func:`to_duckdb` turns into ``unreadable_values``."""
    texts = []
    for row_id, value in zip(ids, values):
        text = None if value is None else decode_text(value)  # the store's own reading of stored bytes
        if isinstance(text, UndecodableText):
            bad.append([row_id, column])
        texts.append(None if text is None else str(text))
    return texts


def _columns_file(settings: config.Settings, conn: Any) -> dict[str, list[str]]:
    cursor = conn.cursor()
    try:
        cursor.execute(columns_sql(COLUMNS))  # the tables read only: another application's may not open here
        rows = cursor.fetchall()
    except Exception as e:  # not a database at all, or unreadable
        raise _read_error(settings, e) from None
    finally:
        cursor.close()
    return _by_table(rows)


def _by_table(rows: Any) -> dict[str, list[str]]:
    """``{table: [column, …]}`` from the ``(table, column)`` rows of ``migrations.columns_sql``."""
    found: dict[str, list[str]] = {}
    for table, column in rows:
        found.setdefault(table, []).append(column)
    return found


# -- remote: keyset pages ----------------------------------------------------------
def read_pages(db: Database, table: str, *, page_size: int = PAGE_SIZE, present: list[str] | None = None) -> pa.Table:
    """The whole table as Arrow, in key order (``id``; the log's
    ``merge_id``), in pages of at most ``page_size`` rows and :data:`jarvis_memory.store.database.ANSWER_BYTES`
    (so no answer exceeds the server's or aiohttp's limit); ``present``: as for :func:`select_columns`.

    Text columns travel as their bytes (BLOBs, base64 in the answer) and are decoded here as the file reader
    decodes them (:func:`_texts`): sqld fails a whole answer holding a text that is not UTF-8 (HTTP 500
    "invalid utf-8 sequence"; over a WebSocket it drops the connection), and SQLite cannot tell valid UTF-8
    from invalid at a cost that does not grow with every page (a page's statement evaluates its columns for up
    to ``page_size`` rows).  Base64 is a third larger, and the page budget counts a BLOB's bytes twice, so a
    page of text holds about two thirds of what it did (measured in README, Performance)."""
    if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
        raise ValidationError(f"page size must be a positive integer, not {page_size!r}")
    columns, key = COLUMNS[table], _key(table)
    exprs = _as_bytes(select_columns(table, present))
    schema = _schema(table)
    batches, bad = [], []
    for rows in db.pages(table, exprs, key=(key,), page_rows=page_size):
        data = list(zip(*rows))
        ids = data[columns.index(key)]
        batches.append(pa.record_batch(
            [pa.array(_texts(ids, data[i], c, bad) if _sql_type(c) == "TEXT" else data[i], schema.field(c).type)
             for i, c in enumerate(columns)], schema=schema))
    return pa.Table.from_batches(batches, schema=schema.with_metadata({"unreadable": json.dumps(bad)}))



def check_schema(db: Database) -> dict[str, list[str]]:
    """What :func:`load` checks before reading, on any :class:`Database` (the reports check it before a kernel
    starts): the three tables and their columns (a decision table may lack any: :func:`select_columns`), in one
    statement that opens no other table.  Returns ``{table: [column, …]}`` of the tables there.  Raises
    :class:`SchemaError`."""
    found = _by_table(db.execute(columns_sql(COLUMNS)).rows)
    _check_schema(db.settings, found)
    return found


def _check_schema(settings: config.Settings, found: dict[str, list[str]]) -> None:
    """The memory tables must be there with every column; the decision tables are optional (:func:`lacking`)."""
    missing = [t for t in TABLES if t not in found]
    if missing:
        raise SchemaError(
            f"{settings.redacted_url} is not a memory database: it has no {', '.join(missing)} table"
            f"{'s' if len(missing) > 1 else ''} (create them with `jarvis-memory migrate`)"
        )
    for table in TABLES:
        if lacking(table, found[table]):
            raise SchemaError(f"table {table} on {settings.redacted_url} lacks columns"
                              f" {', '.join(lacking(table, found[table]))}")


def _schema(table: str) -> pa.Schema:
    return pa.schema([(c, _TYPES[_sql_type(c)].arrow) for c in COLUMNS[table]])


# -- DuckDB ------------------------------------------------------------------------
def _parsed(column: str) -> str:
    """The instant every reader reads (:func:`jarvis_memory.timestamps.instant_ms`) as TIMESTAMPTZ.

    Outside ``timestamps.PLAUSIBLE_YEARS`` it is NULL like an unreadable one (text kept in ``*_raw``), so no
    chart or duration meets it (matplotlib's dates end at year 9999, and a bar's width or an axis margin past
    a sentinel already overflows).
    """
    instant = timestamps.instant_duckdb(column)  # computed once (DuckDB eliminates common subexpressions)
    low, high = timestamps.PLAUSIBLE_MS
    return f"CASE WHEN {instant} >= {low} AND {instant} < {high} THEN epoch_ms({instant})::TIMESTAMPTZ END AS {column}"


def to_duckdb(tables: dict[str, pa.Table]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the ``tables`` (by name, of :data:`COLUMNS`) as views over the Arrow data.

    Nothing is copied: DuckDB scans the Arrow tables in place (in parallel), and
    the parsed timestamp and JSON columns are computed by the views when queried.
    Loading therefore costs the SQLite read alone; a query pays for the columns
    it touches.
    """
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    try:  # no progress bar in a terminal; inside Jupyter DuckDB refuses the setting without ipywidgets
        con.execute("SET enable_progress_bar = false")
    except duckdb.InvalidInputException:
        pass
    con.create_function(events.UTF8_JSON_FUNCTION, events.utf8_json, [duckdb.sqltype("VARCHAR")],
                        duckdb.sqltype("VARCHAR"), null_handling="special")  # for events.duckdb_json
    for table in tables:
        con.register(f"_arrow_{table}", tables[table])
        raw = set(_TIMESTAMPS.get(table, ()))
        columns = []
        for c in COLUMNS[table]:
            if c in raw:
                columns.append(_parsed(c))
            elif c == "event_data":
                columns.append(f"{events.duckdb_json(c)} AS {c}")
            else:
                columns.append(c)
        columns += [f"{c} AS {c}_raw" for c in _TIMESTAMPS.get(table, ())]
        if table == "daily_logs":
            columns.append("event_data AS event_data_raw")
        con.execute(f"CREATE VIEW {table} AS SELECT {', '.join(columns)} FROM _arrow_{table}")
    unreadable = [(table, row_id, column) for table in tables
                  for row_id, column in json.loads((tables[table].schema.metadata or {}).get(b"unreadable", b"[]"))]
    con.execute("CREATE TABLE unreadable_values (table_name VARCHAR, id BIGINT, column_name VARCHAR)")
    if unreadable:
        con.executemany("INSERT INTO unreadable_values VALUES (?, ?, ?)", unreadable)
    missing = [(table, column, _key(table)) for table in tables
               for column in json.loads((tables[table].schema.metadata or {}).get(b"missing", b"[]"))]
    con.execute("CREATE TABLE missing_columns (table_name VARCHAR, column_name VARCHAR, key_column VARCHAR)")
    if missing:
        con.executemany("INSERT INTO missing_columns VALUES (?, ?, ?)", missing)
    return con

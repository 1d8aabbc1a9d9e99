"""The :class:`Database`: one libSQL database, local or remote, and its schema.

>>> import jarvis_memory
>>> db = jarvis_memory.connect("file:/tmp/jarvis-doctest.db")
>>> entry, created = db.memories.store("Prefers tea", "preference", "user_explicit")
>>> db.memories.get(entry.id).content
'Prefers tea'
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, ReadOnlyError, SchemaError
from . import config, migrations, search
from ._clients import Statement, open_client

if TYPE_CHECKING:
    from libsql_client import ResultSet

    from .events import Events
    from .memories import Memories
    from .sessions import Sessions

ANSWER_BYTES = 2_000_000
"""What one page of rows may hold, estimated as the server's Hrana JSON (bytes).

The tighter transport limit is sqld's ``--max-response-size`` over HTTP, 10 MB by
default (Turso's is the same); over WebSocket aiohttp refuses messages over
4 MiB by default, raised to ``_clients.MAX_WS_MESSAGE``.  A page holds at least
one row, so it may exceed the budget by that row.
"""
_CELL_OVERHEAD = 32  # {"type":"integer","value":…} around each value, and the separators


class Database:
    """A memory database at a ``file:``, ``libsql:``, ``ws(s):`` or ``http(s):`` URL.

    With no arguments it uses ``DATABASE_URL``/``DATABASE_AUTH_TOKEN`` (or
    ``.env``), else the embedded ``file:`` default.  The connection opens on
    first use.  An embedded ``file:`` database is migrated automatically; a
    remote one must be migrated explicitly (``jarvis-memory migrate``).

    ``read_only=True`` refuses every statement that is not a read, on every URL
    kind, before it is sent; ``file:`` databases are also opened ``mode=ro``.  A
    token that grants reads only (``"a": "ro"``) is refused writes the same way.
    """

    def __init__(
        self,
        url: str | config.Settings | None = None,
        auth_token: str | None = None,
        *,
        read_only: bool = False,
        auto_migrate: bool | None = None,
        timeout: float = 30.0,
    ):
        # Settings already resolved (by connect()) are used as they are, not parsed a second time.
        self.settings = url if isinstance(url, config.Settings) else config.load(url, auth_token)
        self.read_only = read_only
        self.auto_migrate = (not self.settings.is_remote) if auto_migrate is None else auto_migrate
        self.timeout = timeout
        self._client: Any = None
        self._ready = False
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._closer: weakref.finalize | None = None
        self.refilled = False  # whether the last migrate() refilled the search index

    def __repr__(self) -> str:
        mode = " read-only" if self.read_only else ""
        return f"<Database {self.settings.redacted_url}{mode}>"

    # -- statements ---------------------------------------------------------
    def execute(
        self, sql: str, args: Any = None, *, idempotent: bool | None = None, retry_sql: str | None = None
    ) -> ResultSet:
        """Run one statement.  Reads are retried on a dropped connection; writes only if ``idempotent``.

        ``retry_sql`` replaces ``sql`` when a remote call is retried after a lost answer.
        """
        if (self.read_only or self.settings.token_read_only) and not _is_read(sql, args):
            raise ReadOnlyError(f"{self.settings.redacted_url}: refused on a read-only {self._why_read_only()},"
                                f" not a plain read: {_first_line(sql)}")
        if idempotent is None:  # only remote calls retry, so only they need the check
            idempotent = self.settings.is_remote and _is_read(sql, args)
        return self._open().execute(sql, args, idempotent=idempotent, retry_sql=retry_sql)

    def query(self, sql: str, args: Any = None) -> list[dict[str, Any]]:
        """Run a read and return its rows as dicts."""
        return [row.asdict() for row in self.execute(sql, args).rows]

    def batch(
        self, statements: list[Statement], *, idempotent: bool = False, retry_statements: list[Statement] | None = None
    ) -> list[ResultSet]:
        """Run statements atomically: all of them or none, on every URL kind.

        ``retry_statements`` replace ``statements`` when a remote call is retried after a lost answer.
        """
        if self.read_only or self.settings.token_read_only:
            raise ReadOnlyError(f"{self.settings.redacted_url}: refused on a read-only {self._why_read_only()}:"
                                " a batch of statements is a write")
        return self._open().batch(statements, idempotent=idempotent, retry_statements=retry_statements)

    @property
    def replication_index(self) -> int | None:
        """The highest replication index (sqld's frame number) a remote answer has reported; None before the
        first answer and for ``file:`` (sqld ``hrana/result_builder.rs``)."""
        return getattr(self._client, "replication_index", None)

    def _why_read_only(self) -> str:
        return "connection" if self.read_only else 'connection (the auth token grants reads only: "a": "ro")'


    def pages(
        self,
        table: str,
        columns: Mapping[str, str],
        where: str = "1 = 1",
        args: Sequence[Any] = (),
        *,
        key: Sequence[str] = ("id",),
        descending: bool = False,
        page_rows: int = 1_000,
        limit: int | None = None,
    ) -> Iterator[list[tuple[Any, ...]]]:
        """Rows of ``table`` in keyset pages, bounded by ``page_rows`` and by :data:`ANSWER_BYTES`.

        ``columns`` maps each output name to its SQL expression; ``key`` names the unique
        ordering (output names, or real columns; an expression key must never be NULL, nor REAL: a page's
        last key goes back as a parameter, and sqld reads a float parameter only to within an ulp);
        ``limit`` caps the total.
        The server sizes each page (a running sum of each row's JSON size, window
        function over at most ``page_rows`` rows), so no answer grows with the data.
        Yields lists of value tuples in ``columns`` order.
        """
        direction, compare = ("DESC", "<") if descending else ("ASC", ">")
        size = " + ".join(
            f"{_CELL_OVERHEAD} + iif(typeof({c}) = 'blob', 2 * length({c}), length(CAST(json_quote({c}) AS BLOB)))"
            for c in columns
        )
        order = ", ".join(f"{k} {direction}" for k in key)
        key_exprs = [columns.get(k, f"{table}.{k}") for k in key]
        qualified = ", ".join(key_exprs)
        exprs = ", ".join(f"{e} AS {c}" for c, e in columns.items())

        def sql(after: bool) -> str:
            keyset = f" AND ({qualified}) {compare} ({', '.join('?' * len(key))})" if after else ""
            return (
                f"SELECT {', '.join(columns)}, _size, _run FROM (SELECT *, {size} AS _size,"
                f" sum({size}) OVER (ORDER BY {order} ROWS UNBOUNDED PRECEDING) AS _run"
                f" FROM (SELECT {exprs} FROM {table} WHERE {where}{keyset}"
                f" ORDER BY {', '.join(f'{e} {direction}' for e in key_exprs)} LIMIT ?))"
                f" WHERE _run - _size < ? ORDER BY {order}"
            )

        names = list(columns)
        last: list[Any] = []
        remaining = limit
        while remaining is None or remaining > 0:
            want = page_rows if remaining is None else min(page_rows, remaining)
            rows = self.execute(sql(bool(last)), [*args, *last, want, ANSWER_BYTES]).rows
            if not rows:
                return
            yield [row[:-2] for row in rows]
            if remaining is not None:
                remaining -= len(rows)
            cut_by_size = rows[-1][-1] >= ANSWER_BYTES
            if len(rows) < want and not cut_by_size:
                return
            last = [rows[-1][names.index(k)] for k in key]

    @contextmanager
    def snapshot(self) -> Iterator[Database]:
        """Every read this thread makes inside the block sees one state of the database: one read transaction
        (``BEGIN`` … ``ROLLBACK``), on a remote database on one Hrana stream, which sqld keeps open across
        requests (over HTTP by the baton of each answer, for 10 s after each; sqld
        ``libsql-server/src/hrana/http/stream.rs``).  Writers are not held up (WAL).  Only on a ``read_only``
        Database (:class:`ConfigError` otherwise).  A connection lost inside the block fails the read, never
        repeated on another connection (the transaction went with it): :class:`UnreachableError` or
        :class:`DatabaseError`.  On ``file:``, other threads' calls wait until the block ends.
        """
        if not self.read_only:
            raise ConfigError(f"{self.settings.redacted_url}: a snapshot reads only: open the Database read_only")
        with self._open().snapshot():
            yield self

    def _open(self) -> Any:
        if self._pid != os.getpid():  # forked: never share (or close) a parent's connection
            if self._closer is not None:
                self._closer.detach()
            self._client, self._closer, self._ready, self._pid = None, None, False, os.getpid()
        if self._client is None:
            with self._lock:
                if self._client is None:
                    client = open_client(self.settings, read_only=self.read_only, timeout=self.timeout)
                    # Closed by close(), when this Database is collected, or at interpreter exit,
                    # whichever comes first (an unclosed aiohttp session warns on stderr).
                    self._closer = weakref.finalize(self, client.close)
                    self._client = client
        return self._client

    # -- schema -------------------------------------------------------------
    def migrate(self) -> list[migrations.Migration]:
        """Apply pending migrations, recreate what another tool dropped, and refill (or repair) the search index
        when its words are not those of the memories (:func:`.search.keep_in_step`: :attr:`refilled` says
        whether it did); returns the migrations applied now.  Raises :class:`SchemaError` (see
        :func:`.migrations.migrate`, or an index that cannot be repaired)."""
        if self.read_only:
            raise ReadOnlyError(f"{self.settings.redacted_url}: cannot migrate through a read-only connection")
        applied = migrations.migrate(self)
        self.refilled = search.index_problem(self) is None and search.keep_in_step(self)  # none before 0006
        self._ready = True
        return applied

    def schema_status(self) -> migrations.Status:
        return migrations.status(self)

    def ready(self) -> Database:
        """Check (and for embedded databases, bring up to date) the schema once per process: an embedded
        database also gets back what another tool dropped (:attr:`migrations.Status.missing`)."""
        if not self._ready:
            status = self.schema_status()
            pending = status.pending
            if (pending or status.missing) and self.auto_migrate and not self.read_only:
                self.migrate()
            elif pending and not self.read_only:
                raise SchemaError(
                    f"{self.settings.redacted_url} needs migrations "
                    f"{', '.join(f'{m.version:04d}' for m in pending)} {migrations.MIGRATE_HINT}"
                )
            self._ready = True
        return self

    # -- the memory API -----------------------------------------------------
    @cached_property
    def memories(self) -> Memories:
        """Memory entries: store (deduplicated), get, list, search, recall, delete."""
        from .memories import Memories

        return Memories(self)

    @cached_property
    def sessions(self) -> Sessions:
        """Sessions: start, end, expire idle ones, list."""
        from .sessions import Sessions

        return Sessions(self)

    @cached_property
    def events(self) -> Events:
        """The event log (``daily_logs``)."""
        from .events import Events

        return Events(self)

    # -- lifecycle ----------------------------------------------------------
    def close(self) -> None:
        closer, self._closer, self._client, self._ready = self._closer, None, None, False
        if closer is not None and self._pid == os.getpid():
            closer()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_shared: dict[tuple, Database] = {}


def connect(url: str | None = None, auth_token: str | None = None, *, read_only: bool = False) -> Database:
    """The process-wide :class:`Database` for these settings, created on first call.

    Scripts, the CLI and notebooks share one client per database per process;
    it is closed at interpreter exit.
    """
    settings = config.load(url, auth_token)
    key = (settings.url, settings.auth_token, read_only, os.getpid())
    db = _shared.get(key)
    if db is None:
        db = _shared[key] = Database(settings, read_only=read_only)
    return db


# -- read-only statement check --------------------------------------------------
_ALLOWED = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
# PRAGMAs that only report: anything else (optimize, wal_checkpoint, incremental_vacuum…) may write.
_READ_PRAGMAS = {
    "page_count", "page_size", "freelist_count", "table_info", "table_xinfo", "table_list", "index_list",
    "index_info", "index_xinfo", "foreign_key_list", "integrity_check", "quick_check", "user_version",
    "schema_version", "data_version", "application_id", "encoding", "database_list", "compile_options",
    "collation_list", "function_list", "module_list", "pragma_list",
}
# Opcodes of statements that change the file without a write transaction (VACUUM, checkpoints, journal mode).
_WRITE_OPCODES = {"Vacuum", "IncrVacuum", "Checkpoint", "JournalMode"}
_probe_lock = threading.Lock()


def _is_read(sql: str, args: Any = None) -> bool:
    """Whether SQLite itself would classify ``sql`` as a pure read.

    The statement is prepared (never run) on an in-memory copy of the schema with an
    authorizer that denies every action but reading and reporting PRAGMAs, and its
    program is checked for a write transaction or a vacuum, checkpoint or journal-mode
    change (what ``sqlite3_stmt_readonly`` checks, which Python does not expose).
    ``args`` are bound so that parameters prepare.  More than one statement, or one
    naming objects the schema lacks, is not a read.
    """
    with _probe_lock:
        probe = _probe()
        verdict = [True]

        def authorize(action: int, arg1: Any, arg2: Any, *_: Any) -> int:
            if action in _ALLOWED or (action == sqlite3.SQLITE_PRAGMA and arg2 is None and arg1 in _READ_PRAGMAS):
                return sqlite3.SQLITE_OK
            verdict[0] = False
            return sqlite3.SQLITE_DENY

        probe.set_authorizer(authorize)
        try:
            program = probe.execute("EXPLAIN " + sql, () if args is None else args).fetchall()
        except (sqlite3.DatabaseError, sqlite3.ProgrammingError):
            return False  # denied, several statements, or objects the schema does not have
        finally:
            probe.set_authorizer(None)
        writes = any(op in _WRITE_OPCODES or (op == "Transaction" and p2) for _, op, _, p2, *_ in program)
        return verdict[0] and not writes


_probe_conn: sqlite3.Connection | None = None


def _probe() -> sqlite3.Connection:
    global _probe_conn
    if _probe_conn is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        for statement in migrations.full_schema():
            conn.execute(statement)
        # A table-valued pragma's or function's (json_each) first use registers it, which the authorizer sees
        # as an UPDATE of sqlite_master: register them all now, before any authorizer.
        names = [f"pragma_{name}" for (name,) in conn.execute("PRAGMA pragma_list").fetchall()]
        for name in names + [name for (name,) in conn.execute("PRAGMA module_list").fetchall()]:
            try:
                conn.execute(f"EXPLAIN SELECT * FROM {name}").close()
            except sqlite3.OperationalError:  # not every pragma or module has a table-valued form
                pass
        _probe_conn = conn
    return _probe_conn


def _first_line(sql: str) -> str:
    line = sql.strip().splitlines()[0] if sql.strip() else ""
    return line[:80] + ("…" if len(line) > 80 else "")

"""Synchronous access to libsql-client 0.3.1, with its sharp edges handled.

libsql-client is archived upstream; its behaviours are fixed here
rather than worked around in every caller:

* ``file:`` opens a new sqlite3 connection per call with ``timeout=0`` and
  plain ``BEGIN``: concurrent writers get "database is locked" at once and
  per-connection PRAGMAs are lost.  :class:`_FileClient` keeps one connection
  (busy timeout, WAL, ``foreign_keys=ON``) and batches with ``BEGIN IMMEDIATE``,
  rolling back on error.  It answers as the library does (its ``ResultSet``,
  ``LibsqlError``) but runs on the caller's thread, with no coroutine, and binds
  values sqlite3 takes as they are without the library's per-value conversion
  (:func:`_execute`).
* The sync client's worker thread is not a daemon: an unclosed client keeps
  the interpreter alive.  :class:`._remote.RemoteClient` runs the async client on a
  daemon loop thread and every call has a deadline, so an unreachable server
  fails in bounded time instead of hanging.
* Over ``http:`` there is no ``transaction()``.  Nothing here offers one for writes:
  every multi-statement write is a ``batch``, which is atomic on every URL kind.  A read-only
  snapshot (``Database.snapshot``) holds one read transaction on one stream (:mod:`._hrana`).
* Errors are read from sqld's answers (statement codes, 401, 403, busy, size
  limits) into this package's typed errors, busy answers are retried for every
  write and everything else safe to repeat is retried, all within one deadline
  per call (:class:`._remote.RemoteClient`; errors in :mod:`._translate`); answers carry sqld's replication index for
  read-your-writes through a replica; WebSockets are closed with a close frame.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tenacity
from libsql_client import LibsqlError, ResultSet, Row
from libsql_client.sqlite3_utils import _execute_stmt

from ..errors import ConfigError, DatabaseError, ReadOnlyError
from . import config
from ._remote import RemoteClient
from ._translate import translate
from .config import BUSY_TIMEOUT_MS, Settings
from .rows import decode_text

Statement = tuple[str, Sequence[Any] | dict[str, Any]] | str


def open_client(settings: Settings, *, read_only: bool = False, timeout: float = 30.0) -> _FileClient | RemoteClient:
    if settings.is_remote:
        return RemoteClient(settings, timeout=timeout)
    return _FileClient(settings, read_only=read_only)


_AS_THEY_ARE = frozenset({str, int, bytes, type(None)})  # what libsql-client's conversion leaves unchanged


def _execute(db: sqlite3.Connection, stmt: Statement) -> ResultSet:
    """libsql-client's ``_execute_stmt``: the same answer and errors, without its per-value conversion when
    every value already is what sqlite3 binds (str, int, bytes, None).  That conversion, its statement object
    and the coroutine around them were a third of a ``store``'s time on ``file:``.  Other values (bool, float,
    datetime, buffers, named arguments) still go through the library's rules."""
    sql, args = (stmt, None) if isinstance(stmt, str) else stmt
    if args is not None and (isinstance(args, dict) or not _AS_THEY_ARE.issuperset(map(type, args))):
        return _execute_stmt(db, (sql, args))
    try:
        cursor = db.execute(sql, () if args is None else args)
        rows = cursor.fetchall()
    except sqlite3.Error as e:
        raise LibsqlError(str(e), getattr(e, "sqlite_errorname", "SQLITE")) from e
    columns = tuple([d[0] for d in cursor.description or ()])
    index = {c: i for i, c in enumerate(columns)}
    result = ResultSet(columns, [Row(index, row) for row in rows], cursor.rowcount, cursor.lastrowid)
    cursor.close()
    return result


def _to_wal(conn: sqlite3.Connection) -> None:
    """``PRAGMA journal_mode = WAL``, retried while another connection switches it: the switch takes an exclusive
    lock from a shared one, and SQLite answers "database is locked" at once, not after the busy timeout, where
    waiting could deadlock (https://www.sqlite.org/c3ref/busy_handler.html); several processes opening a new
    database at once meet it.  Within the busy timeout, random exponential waits."""
    for attempt in tenacity.Retrying(
            retry=tenacity.retry_if_exception(lambda e: isinstance(e, sqlite3.OperationalError) and "locked" in str(e)),
            wait=tenacity.wait_random_exponential(multiplier=0.01, max=0.5),
            stop=tenacity.stop_after_delay(BUSY_TIMEOUT_MS / 1000), reraise=True):
        with attempt:
            conn.execute("PRAGMA journal_mode = WAL")


class _Sqlite3Backend:
    """One long-lived, well-configured sqlite3 connection, answering as libsql-client's ``file:`` client."""

    def __init__(self, path: Path, read_only: bool):
        self.closed = False
        if read_only:
            uri = path.as_uri() + "?mode=ro" + ("&immutable=1" if config.no_shm_possible(path) else "")
        else:
            uri = path.as_uri() + "?mode=rwc"
        self._conn = sqlite3.connect(
            uri, uri=True, isolation_level=None, check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        self._conn.text_factory = decode_text  # text that is not UTF-8 is named by the readers, not fatal
        self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:  # never a journal-mode switch or anything else that writes the file
            self._conn.execute("PRAGMA query_only = ON")
        else:
            _to_wal(self._conn)
            self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute("PRAGMA foreign_keys = ON")

    def _connect(self) -> sqlite3.Connection:
        if self.closed:
            raise LibsqlError("The client was closed", "CLIENT_CLOSED")
        return self._conn

    def execute(self, stmt: Statement) -> ResultSet:
        return _execute(self._connect(), stmt)

    def batch(self, stmts: list[Statement]) -> list[ResultSet]:
        db = self._connect()
        _execute(db, "BEGIN IMMEDIATE")
        try:
            results = [_execute(db, stmt) for stmt in stmts]
            _execute(db, "COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return results

    def close(self) -> None:
        self.closed = True
        self._conn.close()


def _identity(path: Path | None) -> tuple[int, int] | None:
    """The (device, inode) that ``path`` names now, None if nothing."""
    try:
        info = os.stat(path)  # type: ignore[arg-type]
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _unchangeable(path: Path) -> bool:
    """Whether this process cannot write the existing database ``path``: a read-only mount, an immutable
    file or folder, no permission.  A WAL database needs its folder writable too (-wal and -shm files)."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))



class _FileClient:
    def __init__(self, settings: Settings, *, read_only: bool):
        self.settings = settings
        path = settings.path
        assert path is not None
        if read_only and not path.exists():
            raise ConfigError(f"no database at {settings.redacted_url}")
        if not read_only and _unchangeable(path):
            raise ReadOnlyError(f"{settings.redacted_url} is read-only (the file or its folder cannot be written)")
        if not read_only and not path.parent.is_dir():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise ConfigError(f"cannot create the folder for {settings.redacted_url}: {e.strerror}") from None
        try:
            self._backend = _Sqlite3Backend(path, read_only)
        except sqlite3.Error as e:
            raise ConfigError(f"cannot open {settings.redacted_url}: {e}") from None
        self._identity = _identity(path)
        self._moved = False
        self._lock = threading.RLock()  # reentrant: a snapshot holds it while its reads take it again

    def execute(self, sql: str, args: Any = None, *, idempotent: bool = False, retry_sql: str | None = None) -> ResultSet:
        with self._lock:  # never retried: the busy timeout waits out other writers instead
            self._check_same_file(look=False)
            result = translate(self.settings, self._backend.execute, (sql, args))
            self._check_same_file()
            return result

    def batch(self, stmts: list[Statement], *, idempotent: bool = False, retry_statements: Any = None) -> list[ResultSet]:
        with self._lock:
            self._check_same_file(look=False)
            results = translate(self.settings, self._backend.batch, stmts)
            self._check_same_file()
            return results

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """The calls inside the block run in one transaction on the one connection (``Database.snapshot``);
        other threads' calls wait until it ends."""
        with self._lock:
            if self._backend._connect().in_transaction:  # already in one
                yield
                return
            translate(self.settings, self._backend.execute, "BEGIN")
            try:
                yield
            finally:
                if not self._backend.closed and self._backend._connect().in_transaction:
                    self._backend._connect().execute("ROLLBACK")

    def _check_same_file(self, *, look: bool = True) -> None:
        """SQLite keeps writing to a file unlinked or replaced under it (WAL mode notices neither): after
        every call (``look``) the path must still name the file this connection has open, and once it did
        not, every later call fails before it runs.  One ``stat`` a call: two were a tenth of a ``store``."""
        if self._moved or (look and _identity(self.settings.path) != self._identity):
            self._moved = True
            raise DatabaseError(
                f"the database file {self.settings.redacted_url} was deleted or replaced while in use: what was"
                " written since went to a file no one else can open; nothing more is written", code="FILE_REPLACED")

    def close(self) -> None:
        with self._lock:
            if not self._backend.closed:
                self._backend.close()

"""Synchronous access to libsql-client 0.3.1, with its sharp edges handled.

libsql-client is archived upstream; its behaviours are fixed here
rather than worked around in every caller:

* ``file:`` opens a new sqlite3 connection per call with ``timeout=0`` and
  plain ``BEGIN``: concurrent writers get "database is locked" at once and
  per-connection PRAGMAs are lost.  :class:`_FileClient` keeps one connection
  (busy timeout, WAL, ``foreign_keys=ON``) and batches with ``BEGIN IMMEDIATE``,
  rolling back on error.  Its coroutines never suspend, so they run inline on
  the caller's thread instead of hopping to the sync client's worker thread.
* The sync client's worker thread is not a daemon: an unclosed client keeps
  the interpreter alive.  :class:`._remote.RemoteClient` runs the async client on a
  daemon loop thread and every call has a deadline, so an unreachable server
  fails in bounded time instead of hanging.
* Over ``http:`` there is no ``transaction()``.  Nothing here offers one:
  every multi-statement write is a ``batch``, which is atomic on every URL kind.
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
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any

from libsql_client import LibsqlError, ResultSet
from libsql_client.sqlite3_utils import Sqlite3Client, _execute_stmt

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


def _run_inline(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine that never awaits anything pending (the sqlite3 backend's)."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError("libsql-client's sqlite3 backend suspended unexpectedly")


class _KeptConnection(sqlite3.Connection):
    """A connection that survives libsql-client's ``close()`` after every call."""

    def close(self) -> None:  # libsql-client closes after each call; we keep it
        pass

    def really_close(self) -> None:
        super().close()


class _Sqlite3Backend(Sqlite3Client):
    """libsql-client's ``file:`` client on one long-lived, well-configured connection."""

    def __init__(self, path: Path, read_only: bool):
        super().__init__(str(path))
        if read_only:
            uri = path.as_uri() + "?mode=ro" + ("&immutable=1" if config.no_shm_possible(path) else "")
        else:
            uri = path.as_uri() + "?mode=rwc"
        self._conn = sqlite3.connect(
            uri, uri=True, isolation_level=None, check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000, factory=_KeptConnection,
        )
        self._conn.text_factory = decode_text  # text that is not UTF-8 is named by the readers, not fatal
        self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:  # never a journal-mode switch or anything else that writes the file
            self._conn.execute("PRAGMA query_only = ON")
        else:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute("PRAGMA foreign_keys = ON")

    def _connect(self) -> sqlite3.Connection:
        if self._closed:
            raise LibsqlError("The client was closed", "CLIENT_CLOSED")
        return self._conn

    async def batch(self, stmts: list[Any]) -> list[ResultSet]:
        db = self._connect()
        _execute_stmt(db, "BEGIN IMMEDIATE")
        try:
            results = [_execute_stmt(db, stmt) for stmt in stmts]
            _execute_stmt(db, "COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return results

    async def close(self) -> None:
        await super().close()
        self._conn.really_close()


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
        self._lock = threading.Lock()

    def execute(self, sql: str, args: Any = None, *, idempotent: bool = False, retry_sql: str | None = None) -> ResultSet:
        with self._lock:  # never retried: the busy timeout waits out other writers instead
            self._check_same_file()
            result = translate(self.settings, _run_inline, self._backend.execute(sql, args))
            self._check_same_file()
            return result

    def batch(self, stmts: list[Statement], *, idempotent: bool = False, retry_statements: Any = None) -> list[ResultSet]:
        with self._lock:
            self._check_same_file()
            results = translate(self.settings, _run_inline, self._backend.batch(stmts))
            self._check_same_file()
            return results

    def _check_same_file(self) -> None:
        """SQLite keeps writing to a file unlinked or replaced under it (WAL mode notices neither):
        before and after every call, the path must still name the file this connection has open."""
        if _identity(self.settings.path) != self._identity:
            raise DatabaseError(
                f"the database file {self.settings.redacted_url} was deleted or replaced while in use: what was"
                " written since went to a file no one else can open; nothing more is written", code="FILE_REPLACED")

    def close(self) -> None:
        with self._lock:
            if not self._backend.closed:
                _run_inline(self._backend.close())

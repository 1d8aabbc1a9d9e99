"""Synchronous access to libsql-client 0.3.1, with its sharp edges handled.

libsql-client is archived upstream; three of its behaviours are fixed here
rather than worked around in every caller:

* ``file:`` opens a new sqlite3 connection per call with ``timeout=0`` and
  plain ``BEGIN``: concurrent writers get "database is locked" at once and
  per-connection PRAGMAs are lost.  :class:`_FileClient` keeps one connection
  (busy timeout, WAL, ``foreign_keys=ON``) and batches with ``BEGIN IMMEDIATE``,
  rolling back on error.  Its coroutines never suspend, so they run inline on
  the caller's thread instead of hopping to the sync client's worker thread.
* The sync client's worker thread is not a daemon: an unclosed client keeps
  the interpreter alive.  :class:`_RemoteClient` runs the async client on a
  daemon loop thread and every call has a deadline, so an unreachable server
  fails in bounded time instead of hanging.
* Over ``http:`` there is no ``transaction()``.  Nothing here offers one:
  every multi-statement write is a ``batch``, which is atomic on every URL kind.
* Over ``http:`` a 5xx answer with a JSON error body loses its status (it
  becomes an error with the body's code).  :class:`_HttpClient` keeps it, so a
  server failure is a :class:`ServerError`, retried for idempotent calls.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any

import aiohttp
import libsql_client
from libsql_client import LibsqlError, ResultSet
from libsql_client.http import HttpClient
from libsql_client.sqlite3_utils import Sqlite3Client, _execute_stmt

from .config import Settings
from .rows import decode_text
from .errors import AuthError, ConfigError, DatabaseError, ReadOnlyError, ServerError, UnreachableError

Statement = tuple[str, Sequence[Any] | dict[str, Any]] | str

BUSY_TIMEOUT_MS = 30_000
_TRANSIENT = (aiohttp.ClientError, ConnectionError, asyncio.TimeoutError, TimeoutError)


def open_client(settings: Settings, *, read_only: bool = False, timeout: float = 30.0) -> _FileClient | _RemoteClient:
    if settings.is_remote:
        return _RemoteClient(settings, timeout=timeout)
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
            uri = path.as_uri() + "?mode=ro" + ("&immutable=1" if _no_shm_possible(path) else "")
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


def _no_shm_possible(path: Path) -> bool:
    """A WAL database in a folder this process cannot write, with no -shm file: SQLite cannot open it
    ``mode=ro`` (it needs the -shm).  No process has it open in WAL mode then (it would have made the
    -shm), so it is read ``immutable=1``; a writer starting during the read could go unseen."""
    return not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists()


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
            result = _translate(self.settings, _run_inline, self._backend.execute(sql, args))
            self._check_same_file()
            return result

    def batch(self, stmts: list[Statement], *, idempotent: bool = False, retry_statements: Any = None) -> list[ResultSet]:
        with self._lock:
            self._check_same_file()
            results = _translate(self.settings, _run_inline, self._backend.batch(stmts))
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


class _HttpClient(HttpClient):
    """libsql-client's HTTP client, except that a 5xx answer is always a ``SERVER_ERROR``.

    The library reads a JSON error body's own code instead, dropping the status;
    every other answer is read exactly as the library does (its 0.3.1 ``_send``).
    """

    async def _send(self, method: str, path: str, request_body: Any) -> Any:
        url = urllib.parse.urljoin(self._url, path)
        async with self._session.request(method, url, json=request_body) as resp:
            if resp.ok:
                return await resp.json()
            if resp.status >= 500:
                detail = (await resp.text())[:200]
                raise LibsqlError(f"Server returned HTTP status {resp.status}: {detail}", "SERVER_ERROR")
            if resp.content_type == "application/json":
                body = await resp.json()
                if "message" in body:
                    raise LibsqlError(body["message"], body.get("code") or "UNKNOWN")
            elif resp.content_type == "text/plain":
                text = await resp.text()
                raise LibsqlError(f"Server returned HTTP status {resp.status} and error: {text!r}", "SERVER_ERROR")
            raise LibsqlError(f"Server returned HTTP status {resp.status}", "SERVER_ERROR")


def _create_client(settings: Settings) -> libsql_client.Client:
    client = libsql_client.create_client(settings.url, auth_token=settings.auth_token)
    if type(client) is HttpClient:
        client.__class__ = _HttpClient  # same state; only how answers are read differs
    return client


class _RemoteClient:
    """The async libsql client on a daemon event-loop thread, with deadlines and retries."""

    RETRIES = 3

    def __init__(self, settings: Settings, *, timeout: float):
        self.settings = settings
        self.timeout = timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="jarvis-memory-libsql", daemon=True)
        self._thread.start()
        self._client: libsql_client.Client | None = None

    def _call(self, make: Any, *, idempotent: bool) -> Any:
        """``make(client, retry)`` builds the request; ``retry`` is true from the second attempt on."""
        attempts = self.RETRIES if idempotent else 1
        for attempt in range(attempts):
            try:
                return _translate(self.settings, self._submit, lambda client, retry=attempt > 0: make(client, retry))
            except (UnreachableError, ServerError):
                self._reset()
                if attempt + 1 == attempts:
                    raise
                time.sleep(0.1 * 2**attempt)

    def _submit(self, make: Any) -> Any:
        async def run() -> Any:
            async with asyncio.timeout(self.timeout):  # cheaper than wait_for: no extra task per call
                if self._client is None:
                    self._client = _create_client(self.settings)
                return await make(self._client)

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result()

    def _reset(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                asyncio.run_coroutine_threadsafe(asyncio.wait_for(client.close(), 2), self._loop).result()
            except Exception:  # closing a broken connection may fail; it is discarded either way
                pass

    def execute(self, sql: str, args: Any = None, *, idempotent: bool = False, retry_sql: str | None = None) -> ResultSet:
        """``retry_sql``, if given, replaces ``sql`` on retries (see ``Memories.store``)."""
        return self._call(lambda c, retry: c.execute(retry_sql if retry and retry_sql else sql, args),
                          idempotent=idempotent)

    def batch(self, stmts: list[Statement], *, idempotent: bool = False, retry_statements: Any = None) -> list[ResultSet]:
        return self._call(lambda c, retry: c.batch(retry_statements if retry and retry_statements else stmts),
                          idempotent=idempotent)

    def close(self) -> None:
        if self._loop.is_closed():
            return
        self._reset()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()


def _translate(settings: Settings, runner: Any, work: Any) -> Any:
    """Run ``work`` and turn library errors into this package's typed errors."""
    try:
        return runner(work)
    except LibsqlError as e:
        where = settings.redacted_url
        message = settings.redact(e.explanation)
        if _looks_like_auth(e):
            raise AuthError(f"{where} rejected the auth token") from None
        if e.code == "HRANA_WEBSOCKET_ERROR":
            raise UnreachableError(f"{where}: connection lost: {message}") from None
        if e.code == "SERVER_ERROR":
            raise ServerError(f"{where}: server error: {message}") from None
        if e.code.startswith("SQLITE_READONLY"):
            raise ReadOnlyError(f"{where} is open read-only: {message}") from None
        raise DatabaseError(f"{where}: {e.code}: {message}", code=e.code) from None
    except _TRANSIENT as e:
        detail = settings.redact(str(e)) or type(e).__name__
        raise UnreachableError(f"{settings.redacted_url} did not answer: {detail}") from None


def _looks_like_auth(e: LibsqlError) -> bool:
    """sqld answers a bad token with an AUTH_* code (Hrana) or HTTP 401."""
    return e.code.startswith("AUTH_") or "status 401" in e.explanation or "Unauthorized" in e.explanation

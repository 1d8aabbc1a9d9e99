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
  the interpreter alive.  :class:`_RemoteClient` runs the async client on a
  daemon loop thread and every call has a deadline, so an unreachable server
  fails in bounded time instead of hanging.
* Over ``http:`` there is no ``transaction()``.  Nothing here offers one:
  every multi-statement write is a ``batch``, which is atomic on every URL kind.
* Errors are read from sqld's answers (statement codes, 401, 403, busy, size
  limits) into this package's typed errors, busy answers are retried for every
  write and everything else safe to repeat is retried, all within one deadline
  per call (:class:`_RemoteClient`); answers carry sqld's replication index for
  read-your-writes through a replica; WebSockets are closed with a close frame.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any

import aiohttp
import tenacity
from libsql_client import LibsqlError, ResultSet
from libsql_client.config import _expand_config
from libsql_client.hrana import conn as hrana_conn
from libsql_client.hrana.client import HranaClient, _config_to_url
from libsql_client.hrana.conn import HranaConn
from libsql_client.hrana.convert import _batch_results_from_proto, _batch_to_proto, _result_set_from_proto, _stmt_to_proto
from libsql_client.http import HttpClient, _create_http_client
from libsql_client.sqlite3_utils import Sqlite3Client, _execute_stmt

from .config import BUSY_TIMEOUT_MS, Settings
from ..errors import (
    AuthError, BusyError, ConfigError, DatabaseError, ReadOnlyError, ServerError, TooLargeError, UnreachableError,
)
from .rows import decode_text

Statement = tuple[str, Sequence[Any] | dict[str, Any]] | str

MAX_WS_MESSAGE = 32 * 2**20  # aiohttp's default is 4 MiB
CLOSE_SECONDS = 2.0  # how long a WebSocket close waits for the server's close frame
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
    """libsql-client's HTTP client, reading sqld's error answers by their body, not their status alone.

    sqld answers a failed statement on ``/v1`` with HTTP 500 (or 400) and a JSON
    ``{"message", "code"}`` body: with one of sqld's statement codes (``SQLITE_CONSTRAINT``,
    ``SQL_PARSE_ERROR``…) that is the statement's error, not a server failure.  Refusals come as ``{"error": …}``
    with 401 (token rejected) or 403 (a read-only token writing).  Any other 5xx is a
    ``SERVER_ERROR``.
    """

    async def request(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST ``body`` to ``/v1/{kind}`` (``execute`` or ``batch``); the proto result."""
        return (await self._send("POST", f"v1/{kind}", body))["result"]

    async def _send(self, method: str, path: str, request_body: Any) -> Any:
        url = urllib.parse.urljoin(self._url, path)
        async with self._session.request(method, url, json=request_body) as resp:
            if resp.ok:
                return await resp.json()
            text = await resp.text()
        try:
            body = json.loads(text)
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("message"), str):
            code = body.get("code") or "UNKNOWN"
            if resp.status < 500 or code.startswith(_STATEMENT_CODES):
                raise LibsqlError(body["message"], code)
            raise LibsqlError(f"Server returned HTTP status {resp.status}: {code}: {body['message']}", "SERVER_ERROR")
        detail = body["error"] if isinstance(body, dict) and isinstance(body.get("error"), str) else text[:200]
        if resp.status == 401:
            raise LibsqlError(detail, "AUTH_REJECTED")
        if resp.status >= 500 or resp.status == 403:  # 403 through a replica arrives wrapped in an RPC error
            code = "READ_ONLY_TOKEN" if _NO_WRITE_PERMISSION in detail else "SERVER_ERROR"
            raise LibsqlError(f"Server returned HTTP status {resp.status}: {detail}", code)
        raise LibsqlError(f"Server returned HTTP status {resp.status}: {detail}", f"HTTP_{resp.status}")


# sqld's codes for a statement's own failure (libsql-server/src/hrana/stmt.rs), whatever the HTTP status.
_STATEMENT_CODES = ("SQLITE_", "SQL_", "ARGS_", "RESPONSE_TOO_LARGE", "TRANSACTION_", "PROGRAM_")
_NO_WRITE_PERMISSION = "have Write permission"  # sqld: "Current session doesn't not have Write permission to …"


class _WsConn(HranaConn):
    """libsql-client's Hrana connection with a larger message limit and requests held until the hello is answered.

    aiohttp refuses messages over 4 MiB by default; pages and chunk answers are
    sized far below either limit, the larger one leaves room for single rows
    other clients wrote.  Holding requests until the server answered the hello
    means a rejected token is read as the server's ``hello_error`` instead of
    as a write to the socket the server is closing.
    """

    async def _do_connect(self, session: aiohttp.ClientSession, url: str) -> aiohttp.ClientWebSocketResponse:
        return await session.ws_connect(
            url, protocols=["hrana2"], autoclose=False, autoping=True, max_msg_size=MAX_WS_MESSAGE,
            timeout=aiohttp.ClientWSTimeout(ws_receive=None, ws_close=CLOSE_SECONDS),
        )

    _hello_ok = False

    def _receive(self, text: str) -> None:
        super()._receive(text)  # raises on a hello_error, after waking _do_send
        self._hello_ok = self._recvd_hello

    async def _do_send(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        await socket.send_str(await self._send_msg_queue.get())  # the hello
        await self._finished_handshake.wait()
        if not self._hello_ok:  # refused: send nothing more; the reader reports the server's error
            await asyncio.get_running_loop().create_future()
        while self.exception is None:
            await socket.send_str(await self._send_msg_queue.get())


class _WsClient(HranaClient):
    """libsql-client's Hrana-over-WebSocket client, closed so that sqld sees a WebSocket close, not a dropped socket."""

    def _open_conn(self) -> HranaConn:
        return _WsConn(self._session, self._url, self._auth_token)

    async def request(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        """Send an ``execute`` or ``batch`` request on a fresh stream; the proto result.

        The library closes the stream right after sending the request.  sqld then drops
        the stream's connection while its statement may still wait in sqld's write
        queue, and with concurrent writers sqld 0.24 stopped granting its write lock
        for good (reproduced: 8 processes storing over ws; never over HTTP, nor with this
        order).  The stream is closed once the answer has arrived.
        """
        stream = self._open_stream()
        try:
            answer = self._conn.send_request({"type": kind, "stream_id": stream._state.stream_id, **body})
            # Awaited through a mapped future: a deadline cancels that one, not the connection's own
            # future, which the connection fails on close (a cancelled one made close() raise).
            return await _map_future(answer, lambda response: response["result"])
        finally:
            stream.close()

    async def close(self) -> None:
        conn = self._conn
        conn._set_exception(LibsqlError("Client was manually closed", "CLIENT_CLOSED"))
        tasks = [t for t in (conn._connect_task, conn._receive_task, conn._send_task) if t is not None]
        await asyncio.gather(*tasks, return_exceptions=True)  # let the cancelled reader let go of the socket
        if conn._socket is not None:
            await conn._socket.close()  # sends a close frame and waits for the server's (CLOSE_SECONDS)
        await asyncio.gather(*self._close_tasks, return_exceptions=True)
        await self._session.close()
        self._closed = True


def _map_future(fut: asyncio.Future, f: Any) -> asyncio.Future:
    """libsql-client's ``_map_future``, except that a result arriving after the caller gave up is dropped.

    The library sets the result on the mapped future unconditionally; once a
    deadline cancelled it, that raised ``InvalidStateError`` in a callback and
    printed a traceback.
    """
    ret = asyncio.get_running_loop().create_future()

    def done(fut: asyncio.Future) -> None:
        error = None if fut.cancelled() else fut.exception()
        if ret.done():
            return
        if fut.cancelled():
            ret.cancel()
        elif error is not None:
            ret.set_exception(error)
        else:
            ret.set_result(f(fut.result()))

    fut.add_done_callback(done)
    return ret


hrana_conn._map_future = _map_future  # the module function HranaStream calls


def _create_client(settings: Settings) -> _WsClient | _HttpClient:
    """The library's client for a ``ws(s):``/``http(s):`` URL (its URL rules), as this module's subclass."""
    config = _expand_config(settings.url, auth_token=settings.auth_token, tls=None)
    if config.scheme in ("ws", "wss"):
        return _WsClient(_config_to_url(config), config.auth_token)
    client = _create_http_client(config)
    client.__class__ = _HttpClient  # same state; only how answers are read differs
    return client


class _RemoteClient:
    """The async libsql client on a daemon event-loop thread, with one deadline per call and bounded retries.

    Every request carries the highest replication index (sqld's frame number) any
    answer has reported, so a replica answers only once it has applied this
    client's own writes (read-your-writes; sqld ``hrana/result_builder.rs`` and
    ``connection/write_proxy.rs``).
    """

    RETRIES = 3  # attempts for a call that failed in transport and is safe to repeat

    def __init__(self, settings: Settings, *, timeout: float):
        self.settings = settings
        self.timeout = timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="jarvis-memory-libsql", daemon=True)
        self._thread.start()
        self._pid = os.getpid()
        self._client: _WsClient | _HttpClient | None = None
        self.replication_index: int | None = None

    def _call(self, kind: str, make: Any, convert: Any, *, idempotent: bool) -> Any:
        """``make(retry)`` builds the request body (``retry``: from the second attempt on); ``convert`` reads the answer.

        Busy answers are retried until the deadline whatever the statement (the server
        wrote nothing); a lost connection or a 5xx only if ``idempotent``, at most
        :attr:`RETRIES` times.  All attempts together end within ``timeout`` seconds.
        """
        deadline = time.monotonic() + self.timeout

        def give_up(state: tenacity.RetryCallState) -> bool:
            error = state.outcome.exception() if state.outcome else None
            out_of_tries = not isinstance(error, BusyError) and state.attempt_number >= self.RETRIES
            return out_of_tries or time.monotonic() >= deadline - 0.01

        def retryable(error: BaseException) -> bool:
            return isinstance(error, BusyError) or (idempotent and isinstance(error, (UnreachableError, ServerError)))

        backoff = tenacity.wait_random_exponential(multiplier=0.01, max=0.5)
        try:
            for attempt in tenacity.Retrying(
                retry=tenacity.retry_if_exception(retryable), stop=give_up, reraise=True,
                wait=lambda state: max(0.0, min(backoff(state), deadline - time.monotonic() - 0.01)),
            ):
                with attempt:
                    retry = attempt.retry_state.attempt_number > 1
                    try:
                        return _translate(self.settings, self._submit, (kind, make(retry), convert, deadline))
                    except UnreachableError:
                        self._reset()
                        raise
        except _TimedOut as e:
            if self._answers_reads():
                raise UnreachableError(
                    f"{self.settings.redacted_url} answers reads but did not complete this statement within"
                    f" {self.timeout:g} s: its write lock looks stuck (sqld 0.24 was seen to stop granting it under"
                    " concurrent writers; restart the server if writes keep failing). A write's outcome is unknown:"
                    " check before repeating it"
                ) from None
            raise e from None
        raise AssertionError("unreachable: tenacity re-raises the last error")

    def _answers_reads(self) -> bool:
        """After a deadline: whether a trivial read still answers within a second (a stuck writer, not a silent server)."""
        probe = ("execute", {"stmt": _stmt_to_proto("SELECT 1")}, _result_set_from_proto, time.monotonic() + 1.0)
        try:
            _translate(self.settings, self._submit, probe)
            return True
        except DatabaseError:
            self._reset()
            return False

    def _submit(self, work: tuple[str, dict[str, Any], Any, float]) -> Any:
        kind, body, convert, deadline = work
        if self.replication_index is not None:
            index = str(self.replication_index)
            body = dict(body, replication_index=index) if kind == "execute" else body
            part = "stmt" if kind == "execute" else "batch"
            body[part] = dict(body[part], replication_index=index)

        async def run() -> dict[str, Any]:
            async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                if self._client is None:
                    self._client = _create_client(self.settings)
                return await self._client.request(kind, body)

        result = asyncio.run_coroutine_threadsafe(run(), self._loop).result()
        index = result.get("replication_index")
        if index is not None and (self.replication_index is None or int(index) > self.replication_index):
            self.replication_index = int(index)
        return convert(result)

    def _reset(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                asyncio.run_coroutine_threadsafe(asyncio.wait_for(client.close(), CLOSE_SECONDS + 1), self._loop).result()
            except Exception:  # closing a broken connection may fail; it is discarded either way
                pass

    def execute(self, sql: str, args: Any = None, *, idempotent: bool = False, retry_sql: str | None = None) -> ResultSet:
        """``retry_sql``, if given, replaces ``sql`` on retries (see ``Memories.store``)."""
        return self._call(
            "execute", lambda retry: {"stmt": _stmt_to_proto(retry_sql if retry and retry_sql else sql, args)},
            _result_set_from_proto, idempotent=idempotent,
        )

    def batch(self, stmts: list[Statement], *, idempotent: bool = False, retry_statements: Any = None) -> list[ResultSet]:
        """``retry_statements``, if given, replace ``stmts`` on retries (see ``Memories.store``)."""
        return self._call(
            "batch", lambda retry: {"batch": _batch_to_proto(retry_statements if retry and retry_statements else stmts)},
            lambda result: _batch_results_from_proto(result, len(stmts)), idempotent=idempotent,
        )

    def close(self) -> None:
        """Close the connection (a WebSocket close, or the HTTP session) and stop the loop thread.

        Does nothing in a forked child (the loop thread is the parent's) and, called from
        the loop thread itself (a collection there), only schedules the close.
        """
        if self._loop.is_closed() or self._pid != os.getpid():
            return
        if threading.current_thread() is self._thread:
            client, self._client = self._client, None
            if client is not None:
                self._loop.create_task(client.close())
            return
        self._reset()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()


def _translate(settings: Settings, runner: Any, work: Any) -> Any:
    """Run ``work`` and turn library and transport errors into this package's typed errors.

    Codes are sqld's (``libsql-server/src/hrana/result_builder.rs``, ``error.rs``):
    ``SQLITE_BUSY`` means the statement wrote nothing and may be sent again;
    ``RESPONSE_TOO_LARGE`` (over HTTP) and aiohttp's message-size refusal (over
    WebSocket) are an answer over a transport limit.
    """
    where = settings.redacted_url
    try:
        return runner(work)
    except LibsqlError as e:
        message = settings.redact(e.explanation)
        code = e.code
        if _looks_like_auth(e):
            raise AuthError(f"{where} rejected the auth token: {message}") from None
        if code == "READ_ONLY_TOKEN" or _NO_WRITE_PERMISSION in message:
            raise ReadOnlyError(f"{where} refused a write: the auth token is read-only") from None
        if code.startswith("SQLITE_BUSY") or "database is locked" in message:
            raise BusyError(f"{where} is busy with other writers (SQLITE_BUSY); nothing was written", code=code) from None
        if code == "RESPONSE_TOO_LARGE":
            raise TooLargeError(f"{where}: {TOO_LARGE_ADVICE} ({message})", code=code) from None
        if code == "HRANA_WEBSOCKET_ERROR":
            raise UnreachableError(f"{where}: connection lost: {message}") from None
        if code == "SERVER_ERROR":
            raise ServerError(f"{where}: server error: {message}") from None
        if code.startswith("SQLITE_READONLY"):
            raise ReadOnlyError(f"{where} is open read-only: {message}") from None
        raise DatabaseError(f"{where}: {code}: {message}", code=code) from None
    except aiohttp.WebSocketError as e:
        if e.code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG:
            raise TooLargeError(f"{where}: {TOO_LARGE_ADVICE} ({e})", code="MESSAGE_TOO_BIG") from None
        raise UnreachableError(f"{where}: connection lost: {settings.redact(str(e))}") from None
    except TimeoutError:  # asyncio.timeout: the call's deadline
        raise _TimedOut(f"{where} did not answer in time") from None
    except _TRANSIENT as e:
        detail = settings.redact(str(e)) or type(e).__name__
        raise UnreachableError(f"{where} did not answer: {detail}") from None


TOO_LARGE_ADVICE = (
    "an answer was larger than the transport allows (sqld --max-response-size, 10 MB by default over HTTP;"
    f" {MAX_WS_MESSAGE // 2**20} MiB over WebSocket): a single row is too large to read; read it with a smaller"
    " query or raise the server's limit"
)


class _TimedOut(UnreachableError):
    """The call's deadline passed without an answer."""


def _looks_like_auth(e: LibsqlError) -> bool:
    """sqld refuses a token with an ``AUTH_*`` code in the Hrana hello, or HTTP 401."""
    return e.code.startswith("AUTH_") or "status 401" in e.explanation or "Unauthorized" in e.explanation

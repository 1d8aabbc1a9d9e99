"""A remote libSQL server (sqld, Turso) over Hrana: WebSocket (``ws``/``wss``/``libsql``) or HTTP.

libsql-client's async clients, with sqld's answers read by their body (:class:`_HttpClient`), a larger
WebSocket message limit and requests held until the Hrana hello is answered (:class:`_WsConn`), and
:class:`RemoteClient`: a daemon event-loop thread, one deadline per call, retries of busy answers and of
calls safe to repeat, and the replication index carried for read-your-writes.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import threading
import time
import urllib.parse
from typing import TYPE_CHECKING, Any

import aiohttp
import tenacity
from libsql_client import LibsqlError, ResultSet
from libsql_client.config import _expand_config
from libsql_client.hrana import conn as hrana_conn
from libsql_client.hrana.client import HranaClient, _config_to_url
from libsql_client.hrana.conn import HranaConn
from libsql_client.hrana.convert import (
    _batch_results_from_proto,
    _batch_to_proto,
    _result_set_from_proto,
    _stmt_to_proto,
)
from libsql_client.http import HttpClient, _create_http_client

from ..errors import BusyError, DatabaseError, ServerError, UnreachableError
from ._translate import MAX_WS_MESSAGE, NO_WRITE_PERMISSION, TimedOut, WriteStalled, translate
from .config import Settings

if TYPE_CHECKING:
    from ._clients import Statement

CLOSE_SECONDS = 2.0  # how long a WebSocket close waits for the server's close frame


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
            code = "READ_ONLY_TOKEN" if NO_WRITE_PERMISSION in detail else "SERVER_ERROR"
            raise LibsqlError(f"Server returned HTTP status {resp.status}: {detail}", code)
        raise LibsqlError(f"Server returned HTTP status {resp.status}: {detail}", f"HTTP_{resp.status}")


_STATEMENT_CODES = ("SQLITE_", "SQL_", "ARGS_", "RESPONSE_TOO_LARGE", "TRANSACTION_", "PROGRAM_")


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

        The library closes the stream right after sending the request, so that sqld drops
        the stream's connection while its statement may still be running; here the stream
        is closed once the answer has arrived.  (This order was once suspected of sqld's
        stuck write lock; it is not the cause: see :meth:`RemoteClient._wait`.)
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


OUTCOME_UNKNOWN = " A write's outcome is unknown: check before repeating it"
STUCK_ADVICE = (
    "its write lock looks stuck (sqld 0.24.32 can hand it to a connection that has gone and then never grant it"
    " again, under concurrent writers): restart the server." + OUTCOME_UNKNOWN
)


def _answer_index(result: dict[str, Any]) -> int | None:
    return None if (index := result.get("replication_index")) is None else int(index)


def _may_write(sql: str) -> bool:
    """False for a statement that can only read (``WITH …`` may end in a write: counted as one)."""
    return not sql.lstrip().upper().startswith(("SELECT", "VALUES", "EXPLAIN"))


def _create_client(settings: Settings) -> _WsClient | _HttpClient:
    """The library's client for a ``ws(s):``/``http(s):`` URL (its URL rules), as this module's subclass."""
    config = _expand_config(settings.url, auth_token=settings.auth_token, tls=None)
    if config.scheme in ("ws", "wss"):
        return _WsClient(_config_to_url(config), config.auth_token)
    client = _create_http_client(config)
    client.__class__ = _HttpClient  # same state; only how answers are read differs
    return client


class RemoteClient:
    """The async libsql client on a daemon event-loop thread, with one deadline per call and bounded retries.

    Every request carries the highest replication index (sqld's frame number) any
    answer has reported, so a replica answers only once it has applied this
    client's own writes (read-your-writes; sqld ``hrana/result_builder.rs`` and
    ``connection/write_proxy.rs``).
    """

    RETRIES = 3  # attempts for a call that failed in transport and is safe to repeat
    STALL_CHECK = 1.0  # seconds a write waits before read probes start watching for a stuck write lock (_wait)
    STALL_SECONDS = 10.0  # no commit for this long (or a third of the timeout, if more) while a write waits: stuck

    def __init__(self, settings: Settings, *, timeout: float):
        self.settings = settings
        self.timeout = timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="jarvis-memory-libsql", daemon=True)
        self._thread.start()
        self._pid = os.getpid()
        self._client: _WsClient | _HttpClient | None = None
        self.replication_index: int | None = None
        # The replication index when a write was last given up as stuck (_wait); None once anything commits.
        self._stuck_at: int | None = None

    def _call(self, kind: str, make: Any, convert: Any, *, idempotent: bool, writes: bool = True) -> Any:
        """``make(retry)`` builds the request body (``retry``: from the second attempt on); ``convert`` reads the answer.

        Busy answers are retried until the deadline whatever the statement (the server
        wrote nothing); a lost connection or a 5xx only if ``idempotent``, at most
        :attr:`RETRIES` times.  All attempts together end within ``timeout`` seconds, and
        a write that sqld holds while it commits nothing for :attr:`STALL_SECONDS` (or a third
        of ``timeout``, if more) fails sooner (see :meth:`_wait`).
        """
        deadline = time.monotonic() + self.timeout

        def give_up(state: tenacity.RetryCallState) -> bool:
            error = state.outcome.exception() if state.outcome else None
            out_of_tries = not isinstance(error, BusyError) and state.attempt_number >= self.RETRIES
            return out_of_tries or time.monotonic() >= deadline - 0.01

        def retryable(error: BaseException) -> bool:
            if isinstance(error, WriteStalled):  # the server's write lock is stuck: a retry would hang as well
                return False
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
                        return translate(self.settings, self._submit, (kind, make(retry), convert, deadline, writes))
                    except UnreachableError:
                        self._reset()
                        raise
        except WriteStalled as e:
            raise UnreachableError(
                f"{self.settings.redacted_url} answers reads but has held this write for {e.waited:.1f} s without"
                f" committing anything for {self._stall_seconds():g} s: {STUCK_ADVICE}"
            ) from None
        except TimedOut as e:
            if self._answers_reads():
                raise UnreachableError(
                    f"{self.settings.redacted_url} answers reads but did not complete this statement within"
                    f" {self.timeout:g} s: {STUCK_ADVICE}"
                ) from None
            raise e from None
        raise AssertionError("unreachable: tenacity re-raises the last error")

    def _answers_reads(self) -> bool:
        """After a deadline: whether a trivial read still answers within a second (a stuck writer, not a silent server)."""
        try:
            self._read_probe()
            return True
        except DatabaseError:
            self._reset()
            return False

    def _read_probe(self) -> int | None:
        """A trivial read, answered within a second; the replication index (frame number) the server reports."""
        probe = ("execute", {"stmt": _stmt_to_proto("SELECT 1")}, _answer_index, time.monotonic() + 1.0, False)
        return translate(self.settings, self._submit, probe)

    def _wait(self, future: concurrent.futures.Future, started: float) -> Any:
        """The answer to a write, or :class:`WriteStalled` once sqld holds it while committing nothing.

        sqld 0.24.32 can hand its write lock to a connection that has gone: in its write queue
        (``connection/connection_manager.rs``) a waiter that wakes while a checkpoint holds the
        lock returns SQLITE_BUSY but leaves its entry queued; when the queue later hands the lock
        to that entry, its connection waits on a newer entry (everyone stalls 5 s) or is already
        closed, and a lock handed over but never taken has no timeout: every later write waits for
        good while reads answer.  A live lock cannot stay idle that long: sqld takes it from a
        transaction that keeps others waiting for 5 s.  So while a write waits, a read probe
        (from :attr:`STALL_CHECK` seconds on) watches the server's replication index; if it did not
        move for :meth:`_stall_seconds`, nothing was committed meanwhile and the write is given up
        (cancelled: sqld interrupts it if it ever runs).  A single write that itself runs longer on an
        otherwise idle server would be taken for stuck: raise ``timeout`` for such writes.  No index, or a
        failed probe, leaves the call to its deadline.  After a write given up, later writes held at the first
        probe with the index unmoved are given up then.
        """
        window = self._stall_seconds()
        check_at = started + self.STALL_CHECK
        since: tuple[int, float] | None = None  # (index, when it was first seen)
        while True:
            try:
                return future.result(timeout=max(0.0, check_at - time.monotonic()))
            except concurrent.futures.TimeoutError:
                if future.done():  # the call's own deadline (asyncio.timeout) ended it
                    raise
            try:
                index = self._read_probe()
            except DatabaseError:
                index = None
            now = time.monotonic()
            if index is None:
                return future.result()  # no way to tell: the deadline decides
            if index != self._stuck_at:
                self._stuck_at = None  # something committed since: the lock was granted again
            if since is None or index != since[0]:
                since = (index, now)
            if self._stuck_at is not None or now - since[1] >= window:
                future.cancel()
                self._stuck_at = index
                raise WriteStalled(now - started)
            check_at = now + window / 4

    def _stall_seconds(self) -> float:
        return max(self.STALL_SECONDS, self.timeout / 3)

    def _submit(self, work: tuple[Any, ...]) -> Any:
        """``work``: (kind, body, convert, deadline[, writes]); ``writes`` (default True) enables :meth:`_wait`."""
        kind, body, convert, deadline, writes = (*work, True) if len(work) == 4 else work
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

        future = asyncio.run_coroutine_threadsafe(run(), self._loop)
        result = self._wait(future, time.monotonic()) if writes else future.result()
        if writes:
            self._stuck_at = None  # a write was answered: the write lock is granted again
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
            _result_set_from_proto, idempotent=idempotent, writes=_may_write(sql),
        )

    def batch(self, stmts: list[Statement], *, idempotent: bool = False, retry_statements: Any = None) -> list[ResultSet]:
        """``retry_statements``, if given, replace ``stmts`` on retries (see ``Memories.store``)."""
        return self._call(
            "batch", lambda retry: {"batch": _batch_to_proto(retry_statements if retry and retry_statements else stmts)},
            lambda result: _batch_results_from_proto(result, len(stmts)), idempotent=idempotent,
            writes=any(_may_write(stmt if isinstance(stmt, str) else stmt[0]) for stmt in stmts),
        )

    def close(self) -> None:
        """Close the connection (a WebSocket close, or the HTTP session) and stop the loop thread.

        Does nothing in a forked child (the loop thread is the parent's); from the loop thread itself
        (a collection there), only schedules the close."""
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

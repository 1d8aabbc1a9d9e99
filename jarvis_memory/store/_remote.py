"""A remote libSQL server (sqld, Turso) over Hrana: WebSocket (``ws``/``wss``/``libsql``) or HTTP.

:class:`RemoteClient` drives libsql-client's async clients (as adjusted in :mod:`._hrana`) from a daemon
event-loop thread: one deadline per call, retries of busy answers and of calls safe to repeat, the replication
index carried for read-your-writes, and snapshots (one stream, one transaction).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import tenacity
from libsql_client import LibsqlError, ResultSet
from libsql_client.hrana.convert import (
    _batch_results_from_proto,
    _batch_to_proto,
    _result_set_from_proto,
    _stmt_to_proto,
)

from ..errors import BusyError, DatabaseError, ServerError, UnreachableError
from ._hrana import CLOSE_SECONDS, _create_client, _HttpClient, _WsClient
from ._translate import TimedOut, WriteStalled, translate
from .config import Settings

if TYPE_CHECKING:
    from ._clients import Statement


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
        self._local = threading.local()  # .snapshot: (client, stream) of this thread's snapshot, if one is open

    def _call(self, kind: str, make: Any, convert: Any, *, idempotent: bool, writes: bool = True) -> Any:
        """``make(retry)`` builds the request body (``retry``: from the second attempt on); ``convert`` reads the answer.

        Busy answers are retried until the deadline whatever the statement (the server
        wrote nothing); a lost connection or a 5xx only if ``idempotent``, at most
        :attr:`RETRIES` times.  All attempts together end within ``timeout`` seconds, and
        a write that sqld holds while it commits nothing for :attr:`STALL_SECONDS` (or a third
        of ``timeout``, if more) fails sooner (see :meth:`_wait`).
        """
        deadline = time.monotonic() + self.timeout
        snapshot = getattr(self._local, "snapshot", None)
        if snapshot is not None:  # its transaction lives on its stream: repeating a call elsewhere would leave it
            idempotent, writes = False, False  # and a snapshot only reads (Database.snapshot)

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
                        work = (kind, make(retry), convert, deadline, writes, snapshot)
                        return translate(self.settings, self._submit, work)
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
        probe = ("execute", {"stmt": _stmt_to_proto("SELECT 1")}, _answer_index, time.monotonic() + 1.0, False, None)
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
        """``work``: (kind, body, convert, deadline, writes, snapshot); ``writes`` enables :meth:`_wait`;
        ``snapshot``: the (client, stream) to send it on (:meth:`snapshot`), or None for a fresh stream."""
        kind, body, convert, deadline, writes, snapshot = work
        if self.replication_index is not None:
            index = str(self.replication_index)
            body = dict(body, replication_index=index) if kind == "execute" else body
            part = "stmt" if kind == "execute" else "batch"
            body[part] = dict(body[part], replication_index=index)

        async def run() -> dict[str, Any]:
            if snapshot is None:
                return await self._client_now().request(kind, body)
            if snapshot[0] is not self._client:  # the connection was lost and replaced since the snapshot began
                raise LibsqlError("the connection was lost, and the snapshot's transaction with it", "STREAM_CLOSED")
            return await snapshot[0].request(kind, body, snapshot[1])

        future = self._on_loop(run, deadline)
        result = self._wait(future, time.monotonic()) if writes else future.result()
        if writes:
            self._stuck_at = None  # a write was answered: the write lock is granted again
        index = result.get("replication_index")
        if index is not None and (self.replication_index is None or int(index) > self.replication_index):
            self.replication_index = int(index)
        return convert(result)

    def _client_now(self) -> _WsClient | _HttpClient:
        """The library client, made on first use (on the loop thread: aiohttp's session belongs to its loop)."""
        if self._client is None:
            self._client = _create_client(self.settings)
        return self._client

    def _on_loop(self, make: Any, deadline: float) -> concurrent.futures.Future:
        """Run the coroutine ``make()`` on the loop thread, cancelled at ``deadline`` (monotonic seconds)."""
        async def run() -> Any:
            async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                return await make()

        return asyncio.run_coroutine_threadsafe(run(), self._loop)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """This thread's calls inside the block run on one stream, in one transaction (``BEGIN`` first; the stream
        closed at the end, which ends it), so every read sees one state of the database; see
        ``Database.snapshot``.  A lost connection or stream fails the call (never repeated elsewhere)."""
        if getattr(self._local, "snapshot", None) is not None:
            yield  # already in one
            return

        async def start() -> tuple[Any, Any]:
            client = self._client_now()
            return client, await client.open_stream()

        deadline = time.monotonic() + self.timeout
        opened = translate(self.settings, lambda _: self._on_loop(start, deadline).result(), None)
        self._local.snapshot = opened
        try:
            self._call("execute", lambda retry: {"stmt": _stmt_to_proto("BEGIN")}, _result_set_from_proto,
                       idempotent=False, writes=False)
            yield
        finally:
            self._local.snapshot = None
            if opened[0] is self._client:  # else it was closed with its connection
                with contextlib.suppress(Exception):  # the server ends it by itself once the stream expires
                    self._on_loop(lambda: opened[0].close_stream(opened[1]), time.monotonic() + CLOSE_SECONDS).result()

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

"""A SQL stream: one SQLite connection owned by one worker thread."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from . import hrana

T = TypeVar("T")


class SqlStream:
    """Runs jobs on a private connection, strictly in submission order.

    The connection is opened, used and closed on the stream's single worker
    thread, so the event loop never blocks on SQLite (busy waits included).
    Create and use it from the event loop thread.
    """

    def __init__(self, db_path: str, busy_timeout: float) -> None:
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="libsql-stream")
        self._conn: sqlite3.Connection | None = None
        self._open_error: hrana.HranaError | None = None
        self.closed = False
        self.last_used = time.monotonic()
        #: SQL texts stored with ``store_sql`` (Hrana over HTTP scopes them per stream).
        self.sqls: dict[int, str] = {}
        self._closing: asyncio.Future[None] | None = None
        self._executor.submit(self._connect, db_path, busy_timeout)

    def submit(self, fn: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """Queue ``fn(connection, *args)``; it runs after every earlier job."""
        if self.closed:
            raise hrana.HranaError("The stream is closed", "STREAM_CLOSED")
        self.last_used = time.monotonic()
        return asyncio.wrap_future(self._executor.submit(self._call, fn, args))

    def close(self) -> asyncio.Future[None]:
        """Queue a rollback and close, then retire the worker thread (idempotent)."""
        if self._closing is None:
            self.closed = True
            self._closing = asyncio.wrap_future(self._executor.submit(self._disconnect))
            self._executor.shutdown(wait=False)
        return self._closing

    def _connect(self, db_path: str, busy_timeout: float) -> None:
        try:
            self._conn = hrana.connect(db_path, busy_timeout)
        except sqlite3.Error as exc:
            self._open_error = hrana.HranaError.from_exception(exc)

    def _call(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        if self._conn is None:
            raise self._open_error or hrana.HranaError("Stream is closed", "STREAM_CLOSED")
        return fn(self._conn, *args)

    def _disconnect(self) -> None:
        if self._conn is not None:
            if self._conn.in_transaction:
                self._conn.rollback()
            self._conn.close()
            self._conn = None

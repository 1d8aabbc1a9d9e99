"""An in-process libSQL server (sqld wire protocols) backed by a SQLite file.

Endpoints, all on one port:

* ``GET /`` upgraded to a WebSocket: Hrana 2 (and 1) over WebSocket;
* ``POST /v1/execute``, ``POST /v1/batch``: HTTP API v1 (``HTTP_V1_SPEC.md``),
  each request on a fresh connection;
* ``POST /v2/pipeline``, ``POST /v3/pipeline``: Hrana over HTTP, JSON, with
  batons naming server-side streams;
* ``GET /health``, ``/version``, ``/v2``, ``/v3``: probes (no auth).
  ``/v3-protobuf`` is absent, so ``@libsql/client`` falls back to ``v2`` JSON.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from . import hrana
from .faults import Faults, Stats
from .hrana import HranaError, JsonObj
from .loop import LoopThread
from .stream import SqlStream
from .ws import HranaWsSession

VERSION = "libsql-test-server 1.0"


class LibsqlTestServer:
    """A libSQL-protocol server on a background thread with its own event loop.

    ``token``: if set, clients must present it (``Authorization: Bearer`` for
    HTTP, ``jwt`` in the Hrana ``hello``); otherwise everyone is accepted.
    ``busy_timeout``: seconds a connection waits for a lock held by another one.
    ``stream_idle_timeout``: Hrana-over-HTTP streams unused for that long are
    closed (rolled back), like sqld expires abandoned batons.

    The database is switched to WAL mode, as sqld uses.
    """

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        busy_timeout: float = 5.0,
        stream_idle_timeout: float = 10.0,
    ) -> None:
        self.db_path = str(db_path)
        self.host = host
        self.faults = Faults()
        self.stats = Stats()
        self._token = token
        self._requested_port = port
        self._busy_timeout = busy_timeout
        self._idle_timeout = stream_idle_timeout
        self._port: int | None = None
        self._loop = LoopThread("libsql-test-server")
        self._runner: web.AppRunner | None = None
        self._reaper: asyncio.Task[None] | None = None
        # Owned by the event loop thread:
        self._streams: set[SqlStream] = set()
        self._batons: dict[str, SqlStream] = {}
        self._ws_sessions: set[HranaWsSession] = set()

    # --- lifecycle ------------------------------------------------------------

    def start(self) -> LibsqlTestServer:
        """Start serving; returns once the port is bound."""
        if self._loop.running:
            raise RuntimeError("The server is already started")
        with contextlib.closing(sqlite3.connect(self.db_path)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
        self._loop.start()
        try:
            self._loop.call(self._serve(), timeout=10)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Close sockets and streams (rolling back), then join the thread."""
        if not self._loop.running:
            return
        try:
            self._loop.call(self._shutdown(), timeout=30)
        finally:
            self._loop.stop()

    def __enter__(self) -> LibsqlTestServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("The server is not started")
        return self._port

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._handle_ws)
        app.router.add_post("/v1/execute", self._handle_v1_execute)
        app.router.add_post("/v1/batch", self._handle_v1_batch)
        app.router.add_post("/v2/pipeline", self._handle_pipeline)
        app.router.add_post("/v3/pipeline", self._handle_pipeline)
        for path in ("/health", "/v2", "/v3"):
            app.router.add_get(path, self._handle_probe)
        app.router.add_get("/version", self._handle_version)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self._requested_port)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self._reaper = asyncio.create_task(self._reap_idle_streams())

    async def _shutdown(self) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
        await asyncio.gather(*(s.close() for s in list(self._ws_sessions)))
        if self._runner is not None:
            await self._runner.cleanup()
        self._batons.clear()
        await asyncio.gather(*(self.close_stream(s) for s in list(self._streams)))

    # --- shared helpers (event loop thread) -------------------------------------

    def token_ok(self, token: object) -> bool:
        """Whether ``token`` grants access."""
        if self._token is None:
            return True
        return isinstance(token, str) and hmac.compare_digest(
            token.encode(), self._token.encode()
        )

    def open_stream(self) -> SqlStream:
        stream = SqlStream(self.db_path, self._busy_timeout)
        self._streams.add(stream)
        return stream

    def close_stream(self, stream: SqlStream) -> asyncio.Future[None]:
        """Roll back and close ``stream``; the future completes when done."""
        self._streams.discard(stream)
        return stream.close()

    async def delay(self) -> None:
        """Wait for the injected latency, if any."""
        latency = self.faults.latency
        if latency > 0:
            await asyncio.sleep(latency)

    async def _reap_idle_streams(self) -> None:
        period = min(1.0, self._idle_timeout / 2)
        while True:
            await asyncio.sleep(period)
            deadline = time.monotonic() - self._idle_timeout
            for baton, stream in list(self._batons.items()):
                if stream.last_used < deadline:
                    del self._batons[baton]
                    self.close_stream(stream)

    # --- HTTP handlers ----------------------------------------------------------

    async def _handle_probe(self, _request: web.Request) -> web.Response:
        return web.Response(text="OK")

    async def _handle_version(self, _request: web.Request) -> web.Response:
        return web.Response(text=VERSION)

    async def _handle_ws(self, request: web.Request) -> web.StreamResponse:
        session = HranaWsSession(self, request)
        if not session.ws.can_prepare(request).ok:
            return _error_response(400, HranaError("Expected a WebSocket upgrade", "HTTP_ERROR"))
        self._ws_sessions.add(session)
        try:
            return await session.serve()
        finally:
            self._ws_sessions.discard(session)

    async def _handle_v1_execute(self, request: web.Request) -> web.StreamResponse:
        async def run(body: JsonObj, _drop_after: bool) -> web.Response:
            result = await self._run_once(hrana.execute_stmt, body["stmt"])
            return _json_response({"result": result})

        return await self._serve_http(request, lambda _body: ["v1_execute", "execute"], run)

    async def _handle_v1_batch(self, request: web.Request) -> web.StreamResponse:
        async def run(body: JsonObj, _drop_after: bool) -> web.Response:
            result = await self._run_once(hrana.execute_batch, body["batch"])
            return _json_response({"result": result})

        return await self._serve_http(request, lambda _body: ["v1_batch", "batch"], run)

    async def _run_once(self, fn: Callable[..., Any], arg: JsonObj) -> Any:
        """Run ``fn(conn, arg)`` on a fresh connection, then roll back and close it."""
        stream = self.open_stream()
        try:
            return await stream.submit(fn, arg)
        finally:
            await self.close_stream(stream)

    async def _handle_pipeline(self, request: web.Request) -> web.StreamResponse:
        return await self._serve_http(
            request, _pipeline_kinds, self._run_pipeline, self._forget_baton
        )

    async def _run_pipeline(self, body: JsonObj, drop_after: bool) -> web.Response:
        """Run a pipeline on the baton's stream (or a new one); issue a new baton.

        A pipeline whose answer is dropped takes its stream along.
        """
        baton = body.get("baton")
        if baton is None:
            stream = self.open_stream()
        elif (stream := self._batons.pop(baton, None)) is None:
            raise HranaError("The baton is invalid or has expired", "STREAM_EXPIRED")
        try:
            results, closed = await stream.submit(
                hrana.run_pipeline, body["requests"], stream.sqls
            )
        except BaseException:  # e.g. the stream could not connect
            await self.close_stream(stream)
            raise
        new_baton = None
        if closed or drop_after:
            await self.close_stream(stream)
        else:
            new_baton = secrets.token_urlsafe(16)
            self._batons[new_baton] = stream
        return _json_response({"baton": new_baton, "base_url": None, "results": results})

    async def _forget_baton(self, body: JsonObj) -> None:
        """Close the stream of a pipeline dropped before it ran."""
        stream = self._batons.pop(body.get("baton"), None)
        if stream is not None:
            await self.close_stream(stream)

    async def _serve_http(
        self,
        request: web.Request,
        kinds_of: Callable[[JsonObj], list[str]],
        run: Callable[[JsonObj, bool], Awaitable[web.Response]],
        drop_before: Callable[[JsonObj], Awaitable[None]] | None = None,
    ) -> web.StreamResponse:
        """Authenticate, count, apply faults, run and answer one HTTP request.

        ``run(body, drop_after)`` serves the request; ``drop_before(body)``
        cleans up when the request is dropped unexecuted.
        """
        auth_error = self._http_auth_error(request.headers.get("Authorization"))
        if auth_error is not None:
            self.stats.record(["unauthorized"])
            return _error_response(401, auth_error)
        try:
            body = await request.json()
            kinds = kinds_of(body)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            return _error_response(400, HranaError.from_exception(exc))
        self.stats.record(kinds)
        fault = self.faults.take(kinds)
        if fault is not None and fault.action == "fail":
            await self.delay()
            return _error_response(fault.status, HranaError(fault.message, fault.code))
        drop = fault is not None and fault.action == "drop"
        if drop and fault.when == "before":
            if drop_before is not None:
                await drop_before(body)
            return _abort(request)
        drop_after = drop and fault.when == "after"
        try:
            response = await run(body, drop_after)
        except Exception as exc:
            response = _error_response(400, HranaError.from_exception(exc))
        if drop_after:
            return _abort(request)
        await self.delay()
        return response

    def _http_auth_error(self, header: str | None) -> HranaError | None:
        if self._token is None:
            return None
        if header is None:
            return HranaError("Expected an Authorization header", "AUTH_HTTP_HEADER_MISSING")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not self.token_ok(token.strip()):
            return HranaError("Authentication failed: the token is invalid", "AUTH_JWT_INVALID")
        return None


def _pipeline_kinds(body: JsonObj) -> list[str]:
    return ["pipeline", *(str(r.get("type")) for r in body["requests"])]


def _abort(request: web.Request) -> web.Response:
    """Drop the connection; the returned response is never sent."""
    if request.transport is not None:
        request.transport.abort()
    return web.Response()


def _json_response(obj: JsonObj, status: int = 200) -> web.Response:
    # Exactly "application/json" (no charset): @libsql/client compares it verbatim.
    return web.Response(
        status=status, body=json.dumps(obj).encode(), content_type="application/json"
    )


def _error_response(status: int, error: HranaError) -> web.Response:
    return _json_response(error.to_proto(), status)

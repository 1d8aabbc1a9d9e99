"""A fault-injecting reverse proxy in front of a real sqld, for the remote failure tests.

sqld cannot be told to drop a connection before or after a request, answer 5xx or
answer late; this proxy can, while sqld still executes (or never sees) every request::

    with Sqld(tmp_path / "sqld", keys=keys) as sqld, FaultProxy(sqld.http_url) as proxy:
        proxy.faults.drop_next(kind="batch", when="after")   # sqld commits it, the client never hears
        jarvis_memory.Database(proxy.ws_url, keys.full_access)...

It speaks just enough of the protocols to classify requests (kinds as in
``libsql_server.faults``: Hrana over WebSocket request types and ``hello``; HTTP v1
``v1_execute``/``v1_batch`` with ``execute``/``batch``; Hrana over HTTP ``pipeline`` with
the type of each request inside), counts them in :attr:`stats` (plus ``unauthorized``
for every answer refusing the token) and applies :attr:`faults`:

* drop before: the connection is aborted and the request never reaches sqld;
* drop after: sqld executes it, the answer is discarded and the connection aborted
  (over WebSocket the upstream socket is closed too, so sqld rolls back its streams);
* fail: answered with that HTTP status (or a Hrana error), never forwarded;
* latency: added after sqld answered, before the client hears.

Hand-written because no library proxies Hrana with request-level faults; aiohttp does
the HTTP and WebSocket work on both sides.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import aiohttp
from aiohttp import web

from libsql_server.faults import Fault, Faults, Stats
from libsql_server.loop import LoopThread

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length",
               "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
               "sec-websocket-accept"}


def http_kinds(path: str, body: bytes) -> list[str]:
    """The request kinds of an HTTP request to ``path`` with JSON ``body``."""
    if path == "/v1/execute":
        return ["v1_execute", "execute"]
    if path == "/v1/batch":
        return ["v1_batch", "batch"]
    if path.endswith("/pipeline"):
        with contextlib.suppress(ValueError, AttributeError, TypeError):
            return ["pipeline", *(r.get("type") for r in json.loads(body).get("requests", []))]
        return ["pipeline"]
    return []


def ws_kinds(message: dict[str, Any]) -> list[str]:
    """The kinds of a Hrana client message (``hello`` or a request)."""
    if message.get("type") == "hello":
        return ["hello"]
    if message.get("type") == "request" and isinstance(message.get("request"), dict):
        return [message["request"].get("type")]
    return []


class FaultProxy:
    """A reverse proxy on a free 127.0.0.1 port, on its own thread and event loop.

    ``upstream``: sqld's HTTP base URL (``http://127.0.0.1:P``); ``ws_upstream``: where
    WebSocket upgrades go (default: the same port; pass the legacy ``ws://`` port to
    test it). URLs: :attr:`http_url`, :attr:`ws_url`.
    """

    def __init__(self, upstream: str, ws_upstream: str | None = None) -> None:
        self.upstream = upstream.rstrip("/")
        self.ws_upstream = (ws_upstream or self.upstream.replace("http://", "ws://", 1)).rstrip("/")
        self.faults = Faults()
        self.stats = Stats()
        self.port = 0
        self._loop = LoopThread("fault-proxy")
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._loop.start()
        try:
            self._loop.call(self._serve(), timeout=30)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if not self._loop.running:
            return
        try:
            self._loop.call(self._shutdown(), timeout=30)
        finally:
            self._loop.stop()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def _serve(self) -> None:
        self._session = aiohttp.ClientSession(auto_decompress=False)
        app = web.Application(client_max_size=1 << 30)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _shutdown(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _delay(self) -> None:
        if self.faults.latency > 0:
            await asyncio.sleep(self.faults.latency)

    # -- HTTP ---------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return await self._handle_ws(request)
        body = await request.read()
        kinds = http_kinds(request.path, body)
        self.stats.record(kinds)
        fault = self.faults.take(kinds) if kinds else None
        if fault is not None and fault.action == "fail":
            return web.json_response({"message": fault.message, "code": fault.code}, status=fault.status)
        if fault is not None and fault.when == "before":
            return _abort(request)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
        assert self._session is not None
        async with self._session.request(request.method, self.upstream + request.path_qs,
                                         headers=headers, data=body) as answer:
            payload = await answer.read()
            status = answer.status
            passed = {k: answer.headers[k] for k in ("Content-Type", "Content-Encoding") if k in answer.headers}
        if status == 401:
            self.stats.record(["unauthorized"])
        if fault is not None:  # drop after: executed, never answered
            return _abort(request)
        await self._delay()
        # Headers verbatim (@libsql/client compares the content type), the body as sqld encoded it.
        return web.Response(status=status, body=payload, headers=passed)

    # -- WebSocket ----------------------------------------------------------------

    async def _handle_ws(self, request: web.Request) -> web.StreamResponse:
        offered = [p.strip() for p in request.headers.get("Sec-WebSocket-Protocol", "").split(",") if p.strip()]
        assert self._session is not None
        try:
            upstream = await self._session.ws_connect(self.ws_upstream + request.path_qs, protocols=offered,
                                                      max_msg_size=0)
        except aiohttp.ClientError:
            return _abort(request)
        client = web.WebSocketResponse(protocols=[upstream.protocol] if upstream.protocol else (),
                                       max_msg_size=0)
        await client.prepare(request)
        pending_drops: dict[object, Fault] = {}  # request_id -> drop-after fault
        dropped = asyncio.Event()

        async def drop() -> None:
            dropped.set()
            await upstream.close()
            if request.transport is not None:
                request.transport.abort()

        async def client_to_sqld() -> None:
            async for msg in client:
                if msg.type == aiohttp.WSMsgType.BINARY:
                    await upstream.send_bytes(msg.data)
                if msg.type != aiohttp.WSMsgType.TEXT:
                    continue
                message = json.loads(msg.data)
                kinds = ws_kinds(message)
                self.stats.record(kinds)
                fault = self.faults.take(kinds) if kinds else None
                if fault is not None and fault.action == "fail":
                    await client.send_json({"type": "response_error", "request_id": message.get("request_id"),
                                            "error": {"message": fault.message, "code": fault.code}})
                    continue
                if fault is not None and fault.when == "before":
                    await drop()
                    return
                if fault is not None:
                    pending_drops[message.get("request_id")] = fault
                await upstream.send_str(msg.data)

        async def sqld_to_client() -> None:
            while True:
                msg = await upstream.receive()
                if msg.type == aiohttp.WSMsgType.CLOSE:  # sqld's own close code and reason, verbatim
                    await client.close(code=msg.data, message=(msg.extra or "").encode())
                    return
                if msg.type in (aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    return
                if msg.type != aiohttp.WSMsgType.TEXT:
                    continue
                message = json.loads(msg.data)
                if message.get("type") == "hello_error" or (
                        message.get("type") == "response_error"
                        and str(message.get("error", {}).get("code", "")).startswith("AUTH")):
                    self.stats.record(["unauthorized"])
                if message.get("request_id") in pending_drops:
                    await drop()
                    return
                await self._delay()
                with contextlib.suppress(ConnectionError):
                    await client.send_str(msg.data)

        tasks = [asyncio.create_task(client_to_sqld()), asyncio.create_task(sqld_to_client())]
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await upstream.close()
        if not dropped.is_set():
            await client.close()
        return client


def _abort(request: web.Request) -> web.Response:
    """Drop the connection; the returned response is never sent."""
    if request.transport is not None:
        request.transport.abort()
    return web.Response()

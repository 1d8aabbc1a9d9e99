"""Hrana over WebSocket (subprotocols ``hrana2`` and ``hrana1``, JSON encoding)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable
from typing import TYPE_CHECKING

from aiohttp import WSCloseCode, WSMsgType, web

from . import hrana
from .hrana import HranaError, JsonObj
from .stream import SqlStream

if TYPE_CHECKING:
    from .server import LibsqlTestServer

PROTOCOLS = ("hrana2", "hrana1")


class HranaWsSession:
    """One WebSocket connection with its streams and stored SQL texts.

    Requests are dispatched in arrival order: stream requests are queued on
    their stream's worker (so a stream executes in order while other streams
    proceed concurrently) and each answer is sent when it is ready.
    """

    def __init__(self, server: LibsqlTestServer, request: web.Request) -> None:
        self._server = server
        self._request = request
        # A short close timeout: libsql-client never answers a server close frame.
        self.ws = web.WebSocketResponse(protocols=PROTOCOLS, timeout=1.0)
        self._streams: dict[int, SqlStream] = {}
        self._sqls: dict[int, str] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._authenticated = False

    async def serve(self) -> web.WebSocketResponse:
        await self.ws.prepare(self._request)
        try:
            async for msg in self.ws:
                if msg.type != WSMsgType.TEXT:
                    await self._close(WSCloseCode.UNSUPPORTED_DATA, "Expected text messages")
                    break
                if not await self._on_message(msg.data):
                    break
        finally:
            await self._finish()
        return self.ws

    async def _on_message(self, text: str) -> bool:
        """Handle one client message; return False to stop reading."""
        try:
            msg = json.loads(text)
            kind = msg["type"]
        except (ValueError, KeyError, TypeError):
            await self._close(WSCloseCode.PROTOCOL_ERROR, "Invalid message")
            return False
        if kind == "hello":
            return await self._on_hello(msg)
        if kind == "request" and self._authenticated:
            return await self._on_request(msg)
        await self._close(WSCloseCode.PROTOCOL_ERROR, f"Unexpected {kind!r} message")
        return False

    async def _on_hello(self, msg: JsonObj) -> bool:
        self._server.stats.record(["hello"])
        if self._server.token_ok(msg.get("jwt")):
            self._authenticated = True
            await self.ws.send_json({"type": "hello_ok"})
            return True
        self._server.stats.record(["unauthorized"])
        error = HranaError("Authentication failed: the JWT is invalid", "AUTH_JWT_INVALID")
        await self.ws.send_json({"type": "hello_error", "error": error.to_proto()})
        await self._close(WSCloseCode.POLICY_VIOLATION, "Authentication failed")
        return False

    async def _on_request(self, msg: JsonObj) -> bool:
        request = msg.get("request") or {}
        kinds = [str(request.get("type"))]
        self._server.stats.record(kinds)
        fault = self._server.faults.take(kinds)
        if fault is not None and fault.action == "drop" and fault.when == "before":
            await self._drop()
            return False
        if fault is not None and fault.action == "fail":
            pending = _fail(HranaError(fault.message, fault.code))
        else:
            try:
                pending = self._dispatch(request)
            except Exception as exc:
                pending = _fail(HranaError.from_exception(exc))
        drop_after = fault is not None and fault.action == "drop"
        task = asyncio.create_task(self._respond(msg.get("request_id"), pending, drop_after))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    def _dispatch(self, request: JsonObj) -> Awaitable[JsonObj]:
        """Start serving a request now; the returned awaitable gives its response."""
        kind = request["type"]
        response = {"type": kind}
        if kind == "open_stream":
            stream_id = request["stream_id"]
            if stream_id in self._streams:
                raise HranaError(f"Stream {stream_id} is already open", "HRANA_PROTO_ERROR")
            stream = self._streams[stream_id] = self._server.open_stream()
            return stream.submit(lambda _conn: response)  # fails if it could not connect
        if kind == "close_stream":
            stream = self._streams.pop(request["stream_id"], None)
            return _after(stream and self._server.close_stream(stream), response)
        if kind == "store_sql":
            self._sqls[request["sql_id"]] = request["sql"]
            return _after(None, response)
        if kind == "close_sql":
            self._sqls.pop(request["sql_id"], None)
            return _after(None, response)
        stream = self._streams.get(request.get("stream_id"))
        if stream is None:
            raise HranaError("Stream not found", "STREAM_NOT_FOUND")
        return stream.submit(hrana.run_stream_request, hrana.resolve_sql(request, self._sqls))

    async def _respond(
        self, request_id: object, pending: Awaitable[JsonObj], drop_after: bool
    ) -> None:
        try:
            response = await pending
            msg = {"type": "response_ok", "request_id": request_id, "response": response}
        except Exception as exc:
            error = HranaError.from_exception(exc).to_proto()
            msg = {"type": "response_error", "request_id": request_id, "error": error}
        if drop_after:
            await self._drop()
            return
        await self._server.delay()
        with contextlib.suppress(ConnectionError):  # the socket may be gone by now
            await self.ws.send_json(msg)

    async def close(self) -> None:
        """Close the socket from the server side (server shutdown)."""
        await self._close(WSCloseCode.GOING_AWAY, "Server shutting down")

    async def _close(self, code: int, reason: str) -> None:
        await self.ws.close(code=code, message=reason.encode())

    async def _drop(self) -> None:
        """Roll back and close the streams, then drop the TCP connection."""
        await self._close_streams()
        if self._request.transport is not None:
            self._request.transport.abort()

    async def _close_streams(self) -> None:
        streams = list(self._streams.values())
        self._streams.clear()
        await asyncio.gather(*(self._server.close_stream(s) for s in streams))

    async def _finish(self) -> None:
        """Roll back and close the streams, and let pending answers settle."""
        await self._close_streams()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def _after(done: Awaitable[object] | None, response: JsonObj) -> JsonObj:
    if done is not None:
        await done
    return response


async def _fail(error: HranaError) -> JsonObj:
    raise error

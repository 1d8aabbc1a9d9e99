"""libsql-client's Hrana clients, adjusted for sqld: HTTP answers read by their body (:class:`_HttpClient`), a larger
WebSocket message limit and requests held until the Hrana hello is answered (:class:`_WsConn`), WebSockets closed
with a close frame (:class:`_WsClient`), and streams kept open across requests (a snapshot's transaction lives on
one).  :class:`._remote.RemoteClient` drives them from its loop thread.
"""

from __future__ import annotations

import asyncio
import json
import urllib.parse
from typing import Any

import aiohttp
from libsql_client import LibsqlError
from libsql_client.config import _expand_config
from libsql_client.hrana import conn as hrana_conn
from libsql_client.hrana.client import HranaClient, _config_to_url
from libsql_client.hrana.conn import HranaConn, HranaStream
from libsql_client.http import HttpClient, _create_http_client

from ._translate import MAX_WS_MESSAGE, NO_WRITE_PERMISSION
from .config import Settings

CLOSE_SECONDS = 2.0  # how long a WebSocket close waits for the server's close frame


class _HttpClient(HttpClient):
    """libsql-client's HTTP client, reading sqld's error answers by their body, not their status alone.

    sqld answers a failed statement on ``/v1`` with HTTP 500 (or 400) and a JSON
    ``{"message", "code"}`` body: with one of sqld's statement codes (``SQLITE_CONSTRAINT``,
    ``SQL_PARSE_ERROR``…) that is the statement's error, not a server failure.  Refusals come as ``{"error": …}``
    with 401 (token rejected) or 403 (a read-only token writing).  Any other 5xx is a
    ``SERVER_ERROR``.
    """

    async def request(self, kind: str, body: dict[str, Any], stream: _Baton | None = None) -> dict[str, Any]:
        """POST ``body`` to ``/v1/{kind}`` (``execute`` or ``batch``), or on ``stream`` as a one-request
        ``/v2/pipeline`` (sqld's "Hrana over HTTP": a stream's requests are tied together by the baton each answer
        returns, and sqld keeps its connection, and so its transaction, for 10 s after each answer:
        ``libsql-server/src/hrana/http/stream.rs``); the proto result."""
        if stream is None:
            return (await self._send("POST", f"v1/{kind}", body))["result"]
        if stream.used and stream.baton is None:  # a new stream would be a new transaction: never silently
            raise LibsqlError("the server closed the stream, and its transaction with it", "STREAM_CLOSED")
        stream.used, baton, stream.baton = True, stream.baton, None  # until an answer hands the next one
        answer = await self._send("POST", urllib.parse.urljoin(stream.url, "v2/pipeline"),
                                  {"baton": baton, "requests": [{"type": kind, **body}]})
        stream.baton, stream.url = answer.get("baton"), answer.get("base_url") or stream.url
        result = answer["results"][0]
        if result["type"] == "error":
            raise LibsqlError(result["error"]["message"], result["error"].get("code") or "UNKNOWN")
        return result["response"]["result"]

    async def open_stream(self) -> _Baton:
        return _Baton(self._url)

    async def close_stream(self, stream: _Baton) -> None:
        if stream.baton is not None:
            await self._send("POST", urllib.parse.urljoin(stream.url, "v2/pipeline"),
                             {"baton": stream.baton, "requests": [{"type": "close"}]})

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


class _Baton:
    """A Hrana-over-HTTP stream: the baton of its last answer (None before the first) and where to send the next."""

    def __init__(self, url: str):
        self.url, self.baton, self.used = url, None, False


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

    async def request(self, kind: str, body: dict[str, Any], stream: HranaStream | None = None) -> dict[str, Any]:
        """Send an ``execute`` or ``batch`` request on ``stream`` (kept open), else on a fresh one; the proto result.

        The library closes the stream right after sending the request, so that sqld drops
        the stream's connection while its statement may still be running; here the stream
        is closed once the answer has arrived.  (This order was once suspected of sqld's
        stuck write lock; it is not the cause: see :meth:`RemoteClient._wait`.)
        """
        own = stream is None
        stream = self._open_stream() if stream is None else stream
        try:
            if stream.closed:  # its connection was lost: a new stream would be a new transaction
                raise LibsqlError("the connection was lost, and the stream's transaction with it", "STREAM_CLOSED")
            answer = stream._conn.send_request({"type": kind, "stream_id": stream._state.stream_id, **body})
            # Awaited through a mapped future: a deadline cancels that one, not the connection's own
            # future, which the connection fails on close (a cancelled one made close() raise).
            return await _map_future(answer, lambda response: response["result"])
        finally:
            if own:
                stream.close()

    async def open_stream(self) -> HranaStream:
        return self._open_stream()

    async def close_stream(self, stream: HranaStream) -> None:
        stream.close()  # sqld drops the stream's connection: its transaction ends

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

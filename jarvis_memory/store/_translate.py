"""Library and transport errors read into this package's typed errors, for every client (file: and sqld)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import aiohttp
from libsql_client import LibsqlError

from ..errors import (
    AuthError, BusyError, DatabaseError, ReadOnlyError, SchemaError, ServerError, TooLargeError, UnreachableError,
)
from .config import Settings
from .migrations import MIGRATE_HINT, schema_tables
from .search import INDEX as SEARCH_INDEX

_NO_DETAIL = re.compile(r"(^|: )SQL logic error$")  # sqlite3_errstr(SQLITE_ERROR) alone; sqld prefixes "SQLite error: "
_TRANSIENT = (aiohttp.ClientError, ConnectionError, asyncio.TimeoutError, TimeoutError)

MAX_WS_MESSAGE = 32 * 2**20  # aiohttp's default is 4 MiB


NO_WRITE_PERMISSION = "have Write permission"  # sqld: "Current session doesn't not have Write permission to …"


def translate(settings: Settings, runner: Any, work: Any) -> Any:
    """Run ``work`` and turn library and transport errors into this package's typed errors.

    Codes are sqld's (``libsql-server/src/hrana/result_builder.rs``, ``error.rs``):
    ``SQLITE_BUSY`` means the statement wrote nothing and may be sent again;
    ``RESPONSE_TOO_LARGE`` (over HTTP) and aiohttp's message-size refusal (over
    WebSocket) are an answer over a transport limit.  "no such table" naming a table
    the migrations create is a :class:`SchemaError` (the database was never migrated), as is
    ``SQLITE_NOTADB`` (a file that is not a database) and an error of the search index (naming it, a shadow
    table ``jm_memory_fts_*`` or FTS5's file format, or a virtual table's corruption), which ``migrate``
    repairs; a bare "SQL logic error" ends with that hint too.  ``SQLITE_FULL`` says what it may mean
    (:data:`FULL_ADVICE`): "disk is full" alone misleads when an id is at its largest.
    """
    where = settings.redacted_url
    try:
        return runner(work)
    except LibsqlError as e:
        message = settings.redact(e.explanation)
        code = e.code
        if _looks_like_auth(e):
            raise AuthError(f"{where} rejected the auth token: {message}") from None
        if code == "READ_ONLY_TOKEN" or NO_WRITE_PERMISSION in message:
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
        if code == "SQLITE_NOTADB":
            raise SchemaError(f"{where} is not a SQLite database ({message})") from None
        if code.startswith("SQLITE_FULL"):
            raise DatabaseError(f"{where}: {code}: {message}: {FULL_ADVICE}", code=code) from None
        missing = re.search(r"no such table: (?:main\.)?(\w+)", message)
        if missing and missing[1] in schema_tables():
            raise SchemaError(f"{where} has no table {missing[1]}: the memory schema is missing {MIGRATE_HINT}") from None
        if code == "SQLITE_CORRUPT_VTAB" or "invalid fts5 file format" in message or SEARCH_INDEX in message:
            raise SchemaError(f"{where}: the search index {SEARCH_INDEX} is damaged ({message}) {MIGRATE_HINT}") from None
        if _NO_DETAIL.search(message):  # FTS5 loses the message of its own statements' errors (a shadow table gone)
            raise DatabaseError(f"{where}: {code}: {message}: SQLite gave no detail, as when the search index"
                                f" {SEARCH_INDEX} is damaged {MIGRATE_HINT}", code=code) from None
        raise DatabaseError(f"{where}: {code}: {message}", code=code) from None
    except aiohttp.WebSocketError as e:
        if e.code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG:
            raise TooLargeError(f"{where}: {TOO_LARGE_ADVICE} ({e})", code="MESSAGE_TOO_BIG") from None
        raise UnreachableError(f"{where}: connection lost: {settings.redact(str(e))}") from None
    except TimeoutError:  # asyncio.timeout: the call's deadline
        raise TimedOut(f"{where} did not answer in time") from None
    except _TRANSIENT as e:
        detail = settings.redact(str(e)) or type(e).__name__
        raise UnreachableError(f"{where} did not answer: {detail}") from None


TOO_LARGE_ADVICE = (
    "an answer was larger than the transport allows (sqld --max-response-size, 10 MB by default over HTTP;"
    f" {MAX_WS_MESSAGE // 2**20} MiB over WebSocket): a single row is too large to read; read it with a smaller"
    " query or raise the server's limit"
)


# SQLite answers SQLITE_FULL for a full disk or size limit (PRAGMA max_page_count) and for an AUTOINCREMENT
# table whose largest id is 2**63 - 1 (sqlite.org/autoinc.html: "SQLITE_FULL error"), which another client can cause.
FULL_ADVICE = ("the disk or a size limit is reached, or a table's largest id is 9223372036854775807 "
               "(AUTOINCREMENT cannot go past it); the failed statement wrote nothing")


class TimedOut(UnreachableError):
    """The call's deadline passed without an answer."""


class WriteStalled(TimedOut):
    """A write waited while the server committed nothing for too long (``RemoteClient._wait``); never retried."""

    def __init__(self, waited: float):
        super().__init__(f"a write waited {waited:.1f} s while the server committed nothing")
        self.waited = waited


def _looks_like_auth(e: LibsqlError) -> bool:
    """sqld refuses a token with an ``AUTH_*`` code in the Hrana hello, or HTTP 401."""
    return e.code.startswith("AUTH_") or "status 401" in e.explanation or "Unauthorized" in e.explanation

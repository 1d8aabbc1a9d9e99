"""Typed errors. Every failure a caller can act on has its own class.

All derive from :class:`JarvisMemoryError`; messages are one sentence, name the
database by its redacted URL and never contain the auth token.
"""

from __future__ import annotations

from typing import Any


class JarvisMemoryError(Exception):
    """Base class of every error raised by jarvis_memory."""

    exit_code = 1


class ConfigError(JarvisMemoryError):
    """The configuration (URL, token, path) is malformed or unsupported."""

    exit_code = 3


class ValidationError(JarvisMemoryError, ValueError):
    """An argument is outside what the store accepts; nothing was written."""

    exit_code = 3


class NotFoundError(JarvisMemoryError, LookupError):
    """The id names no row."""

    exit_code = 4


class ConflictError(JarvisMemoryError):
    """The row is in a state that forbids the change (e.g. session already ended)."""

    exit_code = 4


class DatabaseError(JarvisMemoryError):
    """The database could not be reached or refused the request."""

    exit_code = 5

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.code = code


class AuthError(DatabaseError):
    """The server rejected the auth token."""


class UnreachableError(DatabaseError):
    """The server did not answer in time, refused the connection or dropped it."""


class ServerError(DatabaseError):
    """The server answered with an internal error (HTTP 5xx)."""


class BusyError(DatabaseError):
    """Other writers kept the database busy (a server, or a file's lock) until the deadline; nothing was written
    or read."""


class TooLargeError(DatabaseError):
    """An answer would exceed a transport's size limit (a row too large to read in one answer)."""


class SchemaError(JarvisMemoryError):
    """The schema is missing, edited, or newer than this package."""

    exit_code = 6


class ReadOnlyError(JarvisMemoryError):
    """A write was attempted through a read-only (analysis) connection."""

    exit_code = 7


class UnreadableRowError(JarvisMemoryError):
    """A row another client wrote holds a value this package cannot read (e.g. text that is not UTF-8).

    ``table`` and ``row_id`` name the row; readers of many rows skip it and keep the others.
    """

    exit_code = 1

    def __init__(self, table: str, row_id: Any, problem: str):
        super().__init__(f"{table} row {row_id} cannot be read: {problem}")
        self.table, self.row_id, self.problem = table, row_id, problem


class RuleMatchedError(JarvisMemoryError):
    """A report's ``fail_on`` rule matched one of its headline figures (the message names the rule and the figure)."""

    exit_code = 1


class FileError(JarvisMemoryError):
    """A file or folder the user named cannot be read or written (no such folder, read-only, disk full)."""

    exit_code = 3


class MemoryLimitError(JarvisMemoryError):
    """The work would need more memory than the machine has available (or than a set limit allows): refused before
    it starts, nothing done (the message says how much it needs, how much there is, and how to proceed)."""

    exit_code = 3

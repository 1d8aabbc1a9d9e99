"""jarvis-memory: the long-term memory of the Jarvis assistant, on libSQL.

>>> import jarvis_memory
>>> db = jarvis_memory.connect("file:/tmp/jarvis-doctest.db")   # or connect() for DATABASE_URL
>>> entry, created = db.memories.store("Prefers tea", "preference", "user_explicit")
>>> session = db.sessions.start()
>>> event = db.events.log(session.id, "memory_store", {"memory_id": entry.id})

The functions below mirror the TypeScript app's MemoryService on the default
database (``DATABASE_URL``, or the embedded ``data/jarvis.db``).
"""

from __future__ import annotations

from typing import Any

from .errors import (
    AuthError,
    BusyError,
    ConfigError,
    ConflictError,
    DatabaseError,
    JarvisMemoryError,
    NotFoundError,
    ReadOnlyError,
    SchemaError,
    ServerError,
    TooLargeError,
    UnreachableError,
    UnreadableRowError,
    ValidationError,
)
from .store.database import Database, connect
from .store.events import LogEvent
from .store.hashing import content_hash
from .store.memories import MemoryEntry
from .store.sessions import Session

__all__ = [
    "AuthError", "BusyError", "ConfigError", "ConflictError", "Database", "DatabaseError", "JarvisMemoryError",
    "LogEvent", "MemoryEntry", "NotFoundError", "ReadOnlyError", "SchemaError", "ServerError",
    "Session", "TooLargeError", "UnreachableError", "UnreadableRowError", "ValidationError", "connect", "content_hash",
    "end_session",
    "log_event", "start_session", "store_memory",
]


def store_memory(content: str, category: str, source: str) -> tuple[MemoryEntry, bool]:
    """Store a memory on the default database; returns ``(entry, created)``."""
    return connect().memories.store(content, category, source)


def start_session() -> Session:
    return connect().sessions.start()


def end_session(session_id: int, trigger: str, summary: str | None = None) -> Session:
    return connect().sessions.end(session_id, trigger, summary)


def log_event(session_id: int | None, event_type: str, data: dict[str, Any] | None = None) -> LogEvent:
    return connect().events.log(session_id, event_type, data)

"""The event log (``daily_logs``): what happened in a session, with JSON data.

>>> import jarvis_memory
>>> db = jarvis_memory.connect("file:/tmp/jarvis-doctest.db")
>>> s = db.sessions.start()
>>> db.events.log(s.id, "memory_store", {"memory_id": 1}).event_data
'{"memory_id":1}'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import timestamps
from ..errors import NotFoundError, ValidationError
from . import validate
from .rows import Rows, read_all, text_values

if TYPE_CHECKING:
    from .database import Database

MAX_DATA_CHARS = 64_000
EVENT_TYPE = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]{0,63}")
COLUMNS = "id, session_id, event_type, event_data, timestamp"


@dataclass(frozen=True, slots=True)
class LogEvent:
    id: int
    session_id: int | None
    event_type: str
    event_data: str | None
    timestamp: str

    @property
    def data(self) -> Any:
        """``event_data`` parsed from JSON."""
        return None if self.event_data is None else json.loads(self.event_data)

    @classmethod
    def from_row(cls, row: Any) -> LogEvent:
        """The event of one row; :class:`UnreadableRowError` names a row whose text cannot be read."""
        return cls(*text_values("daily_logs", tuple(COLUMNS.split(", ")), row.astuple()))


class Events:
    """The ``daily_logs`` table of one :class:`Database`."""

    def __init__(self, db: Database):
        self.db = db

    def log(self, session_id: int | None, event_type: str, data: dict[str, Any] | None = None) -> LogEvent:
        """Append an event; ``data`` is stored as JSON text.  The session must exist.

        The existence check and the insert are one statement, so it holds on
        every URL kind whether or not the server enforces foreign keys.
        """
        if session_id is not None:
            session_id = validate.row_id(session_id, "session id")
        if not isinstance(event_type, str) or not EVENT_TYPE.fullmatch(event_type):
            raise ValidationError(
                f"event type must be a letter then up to 63 letters, digits or _.:- ; got {event_type!r}"
            )
        encoded = validate.json_object(data, "event data", max_chars=MAX_DATA_CHARS)
        rows = self.db.ready().execute(
            "INSERT INTO daily_logs (session_id, event_type, event_data, timestamp)"
            " SELECT ?, ?, ?, ? WHERE ? IS NULL OR EXISTS (SELECT 1 FROM sessions WHERE id = ?)"
            f" RETURNING {COLUMNS}",
            [session_id, event_type, encoded, timestamps.now(), session_id, session_id],
        ).rows
        if not rows:
            raise NotFoundError(f"no session with id {session_id}")
        return LogEvent.from_row(rows[0])

    def list(self, *, session_id: int | None = None, limit: int = 100, after_id: int | None = None) -> Rows:
        """Events by id, at most ``limit``; page with ``after_id`` (the last id you saw; ids other clients
        wrote may be 0 or negative, so the first page has no lower bound)."""
        where, args = ["1"], []
        if after_id is not None:
            where.append("id > ?")
            args.append(validate.row_id(after_id, "after_id"))
        if session_id is not None:
            where.append("session_id = ?")
            args.append(validate.row_id(session_id, "session id"))
        limit = int(validate.positive_number(limit, "limit", maximum=100_000))
        rows = self.db.ready().execute(
            f"SELECT {COLUMNS} FROM daily_logs WHERE {' AND '.join(where)} ORDER BY id LIMIT ?", args + [limit]
        ).rows
        return read_all(rows, LogEvent.from_row)

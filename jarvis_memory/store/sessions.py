"""Sessions: a conversation with Jarvis, from start to an end trigger.

>>> import jarvis_memory
>>> db = jarvis_memory.connect("file:/tmp/jarvis-doctest.db")
>>> s = db.sessions.start()
>>> db.sessions.end(s.id, "explicit", summary="Planned the week").end_trigger
'explicit'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from .. import timestamps
from ..errors import ConflictError, NotFoundError
from . import validate
from .rows import Rows, read_all, text_values

if TYPE_CHECKING:
    from .database import Database

TRIGGERS = ("timeout", "explicit", "browser_close")
MAX_SUMMARY_CHARS = 20_000
COLUMNS = "id, started_at, ended_at, end_trigger, summary"
_STARTED, _EVENT_AT = timestamps.instant_sql("started_at"), timestamps.instant_sql("timestamp")


@dataclass(frozen=True, slots=True)
class Session:
    id: int
    started_at: str
    ended_at: str | None
    end_trigger: str | None
    summary: str | None

    @classmethod
    def from_row(cls, row: Any) -> Session:
        """The session of one row; :class:`UnreadableRowError` names a row whose text cannot be read."""
        return cls(*text_values("sessions", tuple(COLUMNS.split(", ")), row.astuple()))


class Sessions:
    """The ``sessions`` table of one :class:`Database`."""

    def __init__(self, db: Database):
        self.db = db

    def start(self) -> Session:
        row = self.db.ready().execute(
            f"INSERT INTO sessions (started_at) VALUES (?) RETURNING {COLUMNS}", [timestamps.now()]
        ).rows[0]
        return Session.from_row(row)

    def end(self, session_id: int, trigger: str, summary: str | None = None) -> Session:
        """End an open session.  Unknown ids raise NotFoundError, ended ones ConflictError."""
        session_id = validate.row_id(session_id, "session id")
        validate.choice(trigger, "trigger", TRIGGERS)
        if summary is not None:
            validate.text(summary, "summary", max_chars=MAX_SUMMARY_CHARS)
        rows = self.db.ready().execute(
            "UPDATE sessions SET ended_at = ?, end_trigger = ?, summary = ?"
            f" WHERE id = ? AND ended_at IS NULL RETURNING {COLUMNS}",
            [timestamps.now(), trigger, summary, session_id],
        ).rows
        if rows:
            return Session.from_row(rows[0])
        existing = self.get(session_id)  # raises NotFoundError
        raise ConflictError(f"session {session_id} already ended at {existing.ended_at} ({existing.end_trigger})")

    def get(self, session_id: int) -> Session:
        session_id = validate.row_id(session_id, "session id")
        rows = self.db.ready().execute(f"SELECT {COLUMNS} FROM sessions WHERE id = ?", [session_id]).rows
        if not rows:
            raise NotFoundError(f"no session with id {session_id}")
        return Session.from_row(rows[0])

    def list(self, *, open_only: bool = False, limit: int = 50) -> Rows:
        """Most recent first; rows that cannot be read are named in the result's ``unreadable``."""
        where = "WHERE ended_at IS NULL" if open_only else ""
        limit = int(validate.positive_number(limit, "limit", maximum=100_000))
        rows = self.db.ready().execute(f"SELECT {COLUMNS} FROM sessions {where} ORDER BY id DESC LIMIT ?", [limit]).rows
        return read_all(rows, Session.from_row)

    def expire_idle(self, idle_minutes: float, *, now: datetime | None = None) -> list[Session]:
        """End with trigger ``timeout`` every open session idle for more than ``idle_minutes``.

        Idle time counts from the session's last logged event, or its start, compared as
        instants (:func:`timestamps.instant_sql`); a session whose start cannot be read as a
        date and that has no event is never expired (``doctor`` names it).
        """
        idle_minutes = validate.positive_number(idle_minutes, "idle minutes", maximum=525_600)
        moment = now or datetime.now(timezone.utc)
        cutoff = timestamps.ms(moment - timedelta(minutes=idle_minutes))
        rows = self.db.ready().execute(
            "UPDATE sessions SET ended_at = ?, end_trigger = 'timeout' WHERE ended_at IS NULL AND"
            f" COALESCE((SELECT max({_EVENT_AT}) FROM daily_logs WHERE session_id = sessions.id), {_STARTED})"
            f" < ? RETURNING {COLUMNS}",
            [timestamps.iso(moment), cutoff],
        ).rows
        return sorted((Session.from_row(r) for r in rows), key=lambda s: s.id)

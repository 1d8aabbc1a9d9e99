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
        """``event_data`` parsed as JavaScript reads it (:func:`parse_data`)."""
        return None if self.event_data is None else parse_data(self.event_data)

    @classmethod
    def from_row(cls, row: Any) -> LogEvent:
        """The event of one row; :class:`UnreadableRowError` names a row whose text cannot be read."""
        return cls(*text_values("daily_logs", tuple(COLUMNS.split(", ")), row.astuple()))


def parse_data(text: str) -> Any:
    """``event_data`` text as JavaScript's ``JSON.parse`` reads it: every reader's rule (the loader's too).

    The TypeScript app writes it with ``JSON.stringify``, which since ES2019 escapes a lone surrogate
    (half an emoji cut by ``slice``) as ``"\\ud83d"``: that is a string holding that one UTF-16 unit, as in
    JavaScript (and in Python's ``json``).  ``NaN``, ``Infinity``, trailing commas and comments are not
    JSON (ECMA-262 ``JSON.parse``, RFC 8259), though some readers (DuckDB's) take them.  Raises
    :class:`ValueError` (``json.JSONDecodeError``) where ``JSON.parse`` throws, :class:`RecursionError` past
    Python's nesting limit (about 1,000 levels).
    """
    return json.loads(text, parse_constant=_not_json)


def _not_json(constant: str) -> Any:
    raise json.JSONDecodeError(f"{constant} is not JSON", constant, 0)


# The same rule in DuckDB (the analysis loader).  DuckDB's JSON reader (yyjson with DuckDB's flags) refuses
# escaped lone surrogates, which JSON.stringify writes, and takes NaN/Infinity literals and trailing commas,
# which JSON.parse refuses: text it refuses, or that holds such a token (or a string that looks like one), is
# read by parse_data (through utf8_json); on the rest the two agree, and DuckDB reads it at its own speed.
UTF8_JSON_FUNCTION = "jarvis_event_json"  # utf8_json, as registered on the DuckDB connection
_NOT_STRICT = r"(?:^|[:\[,])[ \t\n\r]*-?(?i:nan|inf)|,[ \t\n\r]*[\]}]"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_json(text: str | None) -> str | None:
    """``text`` as :func:`parse_data` reads it, written back as JSON in valid UTF-8 (None where not JSON).

    A lone surrogate has no UTF-8 form: it becomes U+FFFD, as JavaScript's own ``TextEncoder`` writes it.
    """
    if text is None:
        return None
    try:
        value = parse_data(text)
    except (ValueError, RecursionError):
        return None
    return _LONE_SURROGATE.sub("\ufffd", json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def duckdb_json(column: str) -> str:
    """A DuckDB expression: the VARCHAR ``column`` as JSON where :func:`parse_data` reads it, else NULL.

    Needs :func:`utf8_json` registered on the connection as :data:`UTF8_JSON_FUNCTION`.
    """
    fallback = f"{UTF8_JSON_FUNCTION}({column})::JSON"
    return (f"(CASE WHEN regexp_matches({column}, '{_NOT_STRICT}') THEN {fallback}"
            f" ELSE coalesce(TRY_CAST({column} AS JSON), {fallback}) END)")


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

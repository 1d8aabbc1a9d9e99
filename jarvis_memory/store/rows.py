"""Values other clients may have stored in a shared database, read without failing.

SQLite stores whatever a client binds: TEXT that is not valid UTF-8 (a SQL shell's
``CAST(x'…' AS TEXT)``), a BLOB where the app keeps text.  Python's sqlite3 raises
"Could not decode to UTF-8" for the first while fetching, which used to fail a whole
``list`` or ``export`` for one row.  The ``file:`` connection decodes text with
:func:`decode_text` instead, and the readers check each row with :func:`text_values`:
a row that cannot be read is named by id (:class:`~jarvis_memory.errors.UnreadableRowError`)
and the others are kept.
"""

from __future__ import annotations

from typing import Any

from ..errors import UnreadableRowError


class UndecodableText(str):
    """TEXT whose bytes are not valid UTF-8: U+FFFD for each bad sequence, the stored bytes in ``raw``."""

    raw: bytes

    def __new__(cls, raw: bytes) -> UndecodableText:
        self = super().__new__(cls, raw.decode("utf-8", "replace"))
        self.raw = raw
        return self


def decode_text(raw: bytes) -> str:
    """The ``text_factory`` of the ``file:`` connection: UTF-8, else :class:`UndecodableText`."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return UndecodableText(raw)


def text_problem(value: Any) -> str | None:
    """Why ``value`` cannot be read as text exactly, or None (None and non-text types are readable)."""
    if isinstance(value, UndecodableText):
        return f"is not valid UTF-8 (stored bytes {_preview(value.raw)})"
    if isinstance(value, bytes):
        try:
            value.decode("utf-8")
        except UnicodeDecodeError:
            return f"is a BLOB that is not UTF-8 text ({_preview(value)})"
    return None


_ODD_TYPES = frozenset({UndecodableText, bytes})  # what text_problem looks at; every other value reads as it is


def text_values(table: str, names: tuple[str, ...], values: tuple[Any, ...]) -> tuple[Any, ...]:
    """``values`` with BLOBs holding UTF-8 read as text; raises :class:`UnreadableRowError` naming the row.

    ``names[0]`` must be ``id``.
    """
    if _ODD_TYPES.isdisjoint(map(type, values)):  # the common case, checked at C speed
        return values
    problems = [f"{name} {problem}" for name, value in zip(names, values) if (problem := text_problem(value))]
    if problems:
        raise UnreadableRowError(table, values[0], "; ".join(problems))
    return tuple(v.decode("utf-8") if isinstance(v, bytes) else v for v in values)


class Rows(list):
    """A list of the rows that could be read, with the ones that could not in :attr:`unreadable`."""

    def __init__(self, items: Any = (), unreadable: list[UnreadableRowError] | None = None):
        super().__init__(items)
        self.unreadable: list[UnreadableRowError] = unreadable or []


def read_all(rows: Any, make: Any) -> Rows:
    """``make(row)`` for every row, collecting the :class:`UnreadableRowError` of those it refuses."""
    result = Rows()
    for row in rows:
        try:
            result.append(make(row))
        except UnreadableRowError as e:
            result.unreadable.append(e)
    return result


def _preview(raw: bytes, limit: int = 16) -> str:
    return raw[:limit].hex() + ("…" if len(raw) > limit else "")

"""Timestamps in the exact form of JavaScript's ``Date.prototype.toISOString()``.

Both apps store times as TEXT; only one fixed-width form sorts correctly as
text, so every write goes through :func:`iso`:  ``2026-02-02T09:30:00.123Z``
(UTC, milliseconds truncated as JavaScript does).

>>> from datetime import datetime, timezone
>>> iso(datetime(2026, 2, 2, 9, 30, 0, 123999, tzinfo=timezone.utc))
'2026-02-02T09:30:00.123Z'
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from .errors import ValidationError

_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def iso(moment: datetime | None = None) -> str:
    """Format ``moment`` (default: now) as ``toISOString()`` does."""
    if moment is None:
        moment = datetime.now(timezone.utc)
    elif moment.tzinfo is None:
        raise ValidationError("naive datetime: pass a timezone-aware datetime")
    else:
        moment = moment.astimezone(timezone.utc)
    return moment.isoformat(timespec="milliseconds")[:-6] + "Z"  # drop "+00:00"


def now() -> str:
    """The current time, as the TypeScript app would write it."""
    return iso()


def is_iso(text: object) -> bool:
    """Whether ``text`` is a real moment in exactly the ``toISOString()`` form."""
    if not isinstance(text, str) or not _ISO_RE.match(text):
        return False
    try:
        datetime.fromisoformat(text)  # the shape alone lets 2026-02-30 and 25:61 through
    except ValueError:
        return False
    return True


# Outside these years a timestamp is a sentinel (9999-12-31, 0001-01-01) or an error, not an event.
PLAUSIBLE_YEARS = (1970, 2199)


def instant_sql(column: str) -> str:
    """An SQLite expression: ``column``'s moment as a Julian day number (REAL), whatever its spelling.

    Rows other clients wrote may hold SQLite's own ``datetime('now')`` form
    (``2026-03-02 08:00:00``, UTC), an offset (``…+05:00``) or a Unix epoch number
    (seconds, or milliseconds from 1e11 on, as ``Date.now()``; a TEXT column keeps an
    integer as its digits); as text they do not
    sort with the ``toISOString()`` form.  NULL for text SQLite cannot read as a date.
    Compare it with ``julianday(?)`` of an :func:`iso` string.
    """
    number = f"typeof({column}) IN ('integer', 'real') OR ({column} <> '' AND {column} NOT GLOB '*[^0-9]*')"
    return (f"(CASE WHEN {number} THEN julianday(CASE WHEN abs({column}) >= 1e11"
            f" THEN {column} / 1000.0 ELSE {column} END, 'unixepoch') ELSE julianday({column}) END)")


def parse(text: str | datetime) -> datetime:
    """Parse a user-supplied date or datetime (ISO 8601) into an aware UTC datetime.

    Naive input is taken as UTC.  Raises :class:`ValidationError` on anything else.
    """
    if isinstance(text, datetime):
        moment = text
    else:
        if not isinstance(text, str):
            raise ValidationError(f"not a date: {text!r}")
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            raise ValidationError(f"not an ISO 8601 date or datetime: {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:  # 9999-12-31T23:59:59-01:00 is past datetime's last day in UTC
        raise ValidationError(f"date out of range once in UTC: {text!r}") from None

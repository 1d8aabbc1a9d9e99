"""Timestamps: written in the exact form of JavaScript's ``Date.prototype.toISOString()``, read in any spelling.

Both apps store times as TEXT; only one fixed-width form sorts correctly as
text, so every write goes through :func:`iso`:  ``2026-02-02T09:30:00.123Z``
(UTC, milliseconds truncated as JavaScript does).

Other clients store other spellings (SQLite's ``datetime('now')``, Python's ``isoformat()`` and ``%z``,
``Date.now()``, loggers' ``10:00:00,123``).  This module owns the one rule that reads each of them as an
instant, :func:`instant_ms`, and renders it for every reader: :func:`instant_sql` (SQLite, on ``file:`` and
on sqld, which runs no Python) and :func:`instant_duckdb` (the analysis loader).

>>> from datetime import datetime, timezone
>>> iso(datetime(2026, 2, 2, 9, 30, 0, 123999, tzinfo=timezone.utc))
'2026-02-02T09:30:00.123Z'
>>> instant_ms("2026-02-02T10:30:00.123+0100") == instant_ms("2026-02-02 09:30:00,123") == 1770024600123
True
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from .errors import ValidationError

_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def iso(moment: datetime | None = None) -> str:
    """Format ``moment`` (default: now) as ``toISOString()`` does."""
    if moment is None:
        moment = datetime.now(timezone.utc)
    elif moment.tzinfo is None:
        raise ValidationError("naive datetime: pass a timezone-aware datetime")
    else:
        moment = moment.astimezone(timezone.utc)
    return moment.isoformat(timespec="milliseconds")[:-6] + "Z"  # drop "+00:00"


def ms(moment: datetime) -> int:
    """An aware ``moment`` in whole ms since 1970-01-01T00:00Z (truncated, as :func:`iso`): a bound to
    compare with :func:`instant_sql`.  Raises :class:`ValidationError` on a naive datetime."""
    if moment.tzinfo is None:
        raise ValidationError("naive datetime: pass a timezone-aware datetime")
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def now() -> str:
    """The current time, as the TypeScript app would write it."""
    return iso()


def is_iso(text: object) -> bool:
    """Whether ``text`` is a real moment in exactly the ``toISOString()`` form."""
    # the shape alone lets 2026-02-30 and 25:61 through
    return isinstance(text, str) and _ISO_RE.match(text) is not None and instant_ms(text) is not None


# Outside these years a timestamp is a sentinel (9999-12-31, 0001-01-01) or an error, not an event.
PLAUSIBLE_YEARS = (1970, 2199)
# The same bounds as instants, for SQL: ms of the first year's start (inclusive) and of the next year's (exclusive).
PLAUSIBLE_MS = (ms(datetime(PLAUSIBLE_YEARS[0], 1, 1, tzinfo=timezone.utc)),
                ms(datetime(PLAUSIBLE_YEARS[1] + 1, 1, 1, tzinfo=timezone.utc)))

# -- reading: one instant for every spelling another client stores ------------------------------------
# Hand-written: Python's fromisoformat, SQLite's julianday and DuckDB's strptime each read a different set
# (julianday: no +0000, +05 or comma, 2026-02-30 as March 2; fromisoformat: no lowercase z, but 20261206),
# and SQL needs the rule as an expression.  tests/test_timestamps_instants.py checks every rendering against
# one table.
_SPELLING_RE = re.compile(r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:[Tt ](?P<h>[0-9]{2}):(?P<mi>[0-9]{2})"
                          r"(?::(?P<s>[0-9]{2})(?:[.,](?P<f>[0-9]+))?)?(?P<z>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?")
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# A number below JULIAN_BELOW is a Julian day (SQLite's 'auto' modifier, sqlite.org/lang_datefunc.html),
# below SECONDS_BELOW Unix seconds, below MS_BELOW (year 10000) Unix milliseconds (JavaScript's Date.now()).
JULIAN_BELOW, SECONDS_BELOW, MS_BELOW = 5373484.5, 1e11, 253402300800000.0
_JULIAN_EPOCH_MS = 210866760000000  # the Unix epoch, Julian day 2440587.5, in ms
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def instant_ms(value: str | bytes | int | None) -> int | None:
    """The instant a stored timestamp means, in whole ms since 1970-01-01T00:00Z; None if unreadable.

    Text (bytes as UTF-8, an int as its digits, as ``CAST(… AS TEXT)`` reads them) in one of two forms:

    * ISO 8601: ``YYYY-MM-DD`` (midnight), then ``T``/``t``/space ``HH:MM``, optional ``:SS``, then an
      optional fraction after ``.`` or ``,`` (any digits, truncated to ms as ``toISOString()`` does), then
      ``Z``/``z``, ``±HH``, ``±HHMM`` or ``±HH:MM``; no zone is UTC (SQLite's rule for its own
      ``datetime('now')``).  Years 0001–9999, hours 00–23, seconds 00–59 (no leap second), offsets under 24 h,
      a real day (no 2026-02-30).
    * A number (digits, optional ``.digits``): a Julian day below 5373484.5 (SQLite's ``julianday('now')``),
      Unix seconds below 1e11, Unix milliseconds (``Date.now()``) up to year 9999; rounded to the nearest
      ms, as SQLite reads its own numbers.

    Anything else is unreadable: surrounding spaces, locale dates (``03/10/2026``), and JavaScript's
    ``String(new Date())`` (``Sun Dec 06 2026 10:00:00 GMT+0000 (…)``), a display form whose zone name is
    implementation-defined (ECMA-262 ToDateString) and that no client stores as data.
    """
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    elif isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    if _NUMBER_RE.fullmatch(value):
        number = float(value)
        if number < JULIAN_BELOW:
            return int(number * 86400000.0 + 0.5) - _JULIAN_EPOCH_MS
        if number < SECONDS_BELOW:
            return int(number * 1000.0 + 0.5)
        return int(number + 0.5) if number < MS_BELOW else None
    match = _SPELLING_RE.fullmatch(value)
    if match is None:
        return None
    try:
        day = date.fromisoformat(match["date"])
    except ValueError:  # 2026-02-30, 0000-01-01
        return None
    zone = match["z"] or ""
    hours, minutes, seconds = (int(match[g] or 0) for g in ("h", "mi", "s"))
    zone_hours, zone_minutes = int(zone[1:3] or 0), int(zone[-2:]) if len(zone) > 3 else 0
    if hours > 23 or minutes > 59 or seconds > 59 or zone_hours > 23 or zone_minutes > 59:
        return None
    offset = (zone_hours * 60 + zone_minutes) * (-60000 if zone.startswith("-") else 60000)
    return ((day.toordinal() - _EPOCH_ORDINAL) * 86400000 + hours * 3600000 + minutes * 60000
            + seconds * 1000 + int((match["f"] or "")[:3].ljust(3, "0")) - offset)


def instant_sql(column: str) -> str:
    """An SQLite expression: ``column``'s instant as :func:`instant_ms` reads it (INTEGER ms, or NULL).

    Built from SQLite's core functions (GLOB, substr, julianday where it reads exactly), so sqld, Python's
    sqlite3 and ADBC's SQLite agree whatever their version.  Compare it with :func:`ms` of a bound.
    """
    return _instant_expr(f"CAST({column} AS TEXT)", duckdb=False)


def instant_duckdb(column: str) -> str:
    """A DuckDB expression: ``column`` (VARCHAR) as :func:`instant_ms` reads it (BIGINT ms, or NULL): the loader's."""
    return _instant_expr(column, duckdb=True)


def _instant_expr(x: str, *, duckdb: bool) -> str:
    """The rule of :func:`instant_ms` as one SQL ``CASE`` on the text ``x``, in SQLite's or DuckDB's dialect.

    The zone is told by the text's last characters (each form a branch of its own, so nothing is computed
    twice), the date and time by position; anchored GLOBs on short substrings (a leading ``*`` costs a scan).
    The dialects differ in the date's day count, GLOB's negation (``^`` / ``!``) and a few names.
    """
    cast, neg = ("TRY_CAST", "!") if duckdb else ("CAST", "^")
    n, day = f"length({x})", f"substr({x}, 1, 10)"

    def num(text: str) -> str:
        return f"{cast}({text} AS BIGINT)"

    if duckdb:  # DuckDB's DATE reads only real days (no 2026-02-30)
        days, day_ok = f"(TRY_CAST({day} AS DATE) - DATE '1970-01-01')", f"TRY_CAST({day} AS DATE) IS NOT NULL"
    else:  # julianday() reads 2026-02-30 as March 2, and NULL for month 13 or day 32
        days = f"CAST(julianday({day}) - 2440587.5 AS INTEGER)"
        day_ok = f"(substr({x}, 9, 2) <= '28' OR date(julianday({day})) = {day})"
    date = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
    date_ok = f"{day} >= '0001' AND {day_ok}"

    def moment(zone: int) -> str:
        """The instant of a text whose last ``zone`` characters are its zone (``Z``, ``+05``, ``+0530``, ``+05:30``)."""
        m = f"({n} - {zone})"  # the length without the zone: 16 HH:MM, 19 HH:MM:SS, more with a fraction
        ok = (f"{x} GLOB '{date}[Tt ][0-2][0-9]:[0-5][0-9]*' AND {date_ok} AND substr({x}, 12, 2) < '24'"
              f" AND ({m} = 16 OR ({m} = 19 AND substr({x}, 17, 3) GLOB ':[0-5][0-9]') OR ({m} > 20"
              f" AND substr({x}, 17, 4) GLOB ':[0-5][0-9][.,]' AND substr({x}, 21, {m} - 20) NOT GLOB '*[{neg}0-9]*'))")
        least = "least" if duckdb else "min"
        fraction = f"substr(substr({x}, 21, {least}({m} - 20, 3)) || '00', 1, 3)"  # truncated to ms
        value = (f"{days} * 86400000 + {num(f'substr({x}, 12, 2)')} * 3600000 + {num(f'substr({x}, 15, 2)')} * 60000"
                 f" + (CASE WHEN {m} > 16 THEN {num(f'substr({x}, 18, 2)')} * 1000 ELSE 0 END)"
                 f" + (CASE WHEN {m} > 20 THEN {num(fraction)} ELSE 0 END)")
        if zone > 1:  # minus the offset: sign, hours and minutes counted from the end
            hours, minutes = f"substr({x}, -{zone - 1}, 2)", f"substr({x}, -2)" if zone > 3 else "'00'"
            ok += f" AND {hours} < '24' AND {minutes} < '60'"
            value += (f" + ({num(hours)} * 60 + {num(minutes)})"
                      f" * (CASE WHEN substr({x}, -{zone}, 1) = '-' THEN 60000 ELSE -60000 END)")
        return f"(CASE WHEN {ok} THEN {value} END)"

    real = f"{cast}({x} AS {'DOUBLE' if duckdb else 'REAL'})"

    def rounded(value: str) -> str:
        return f"floor({value})::BIGINT" if duckdb else f"CAST({value} AS INTEGER)"  # positive: CAST truncates

    number = (f"(CASE WHEN {real} < {JULIAN_BELOW} THEN {rounded(f'{real} * 86400000.0 + 0.5')} - {_JULIAN_EPOCH_MS}"
              f" WHEN {real} < {SECONDS_BELOW:.0f} THEN {rounded(f'{real} * 1000.0 + 0.5')}"
              f" WHEN {real} < {MS_BELOW:.0f} THEN {rounded(f'{real} + 0.5')} END)")
    # toISOString()'s form (nearly every row) and SQLite's datetime('now'): one GLOB, then the engine's own
    # reading, which is exact for them (3 fraction digits or none, Z or no zone)
    forms = {f"{date}T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z": "%Y-%m-%dT%H:%M:%S.%gZ",
             f"{date} [0-2][0-9]:[0-5][0-9]:[0-5][0-9]": "%Y-%m-%d %H:%M:%S"}
    if duckdb:  # strptime refuses hour 24 and 2026-02-30, not year 0000 (1 BC)
        fast = " ".join(f"WHEN {x} GLOB '{glob}' THEN (CASE WHEN {x} >= '0001'"
                        f" THEN epoch_ms(try_strptime({x}, '{form}')) END)" for glob, form in forms.items())
    else:
        either = " OR ".join(f"{x} GLOB '{glob}'" for glob in forms)
        fast = (f"WHEN {either} THEN (CASE WHEN substr({x}, 12, 2) < '24' AND {date_ok}"
                f" THEN CAST(round((julianday({x}) - 2440587.5) * 86400000.0) AS INTEGER) END)")
    return (f"(CASE {fast}"
            f" WHEN substr({x}, 5, 1) <> '-' THEN (CASE WHEN {x} GLOB '[0-9]*' AND {x} NOT GLOB '*[{neg}0-9.]*'"
            f" AND {x} NOT GLOB '*.*.*' AND {x} NOT GLOB '*.' THEN {number} END)"
            f" WHEN substr({x}, -1) IN ('Z', 'z') THEN {moment(1)}"
            f" WHEN {n} = 10 THEN (CASE WHEN {x} GLOB '{date}' AND {date_ok} THEN {days} * 86400000 END)"
            f" WHEN substr({x}, -6) GLOB '[+-][0-9][0-9]:[0-9][0-9]' THEN {moment(6)}"
            f" WHEN substr({x}, -5) GLOB '[+-][0-9][0-9][0-9][0-9]' THEN {moment(5)}"
            f" WHEN substr({x}, -3) GLOB '[+-][0-9][0-9]' THEN {moment(3)} ELSE {moment(0)} END)")


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

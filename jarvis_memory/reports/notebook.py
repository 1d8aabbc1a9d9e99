"""What a report notebook calls: the reporting period as a DuckDB macro, and its headline figures as JSON."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import timestamps
from ..errors import ValidationError
from ..files import atomic_write
from .parameters import IDENTIFIER


def write_headline(name: str, figures: Mapping[str, Any], output_dir: str | os.PathLike = ".") -> Path:
    """Write ``<output_dir>/<name>.json``: a flat dict, sorted keys, numbers as numbers.

    NumPy/pandas scalars become plain numbers, NaN and NA become null,
    timestamps ISO strings.  Anything nested is a ValidationError.
    """
    if not IDENTIFIER.fullmatch(name):
        raise ValidationError(f"headline name must be an identifier, not {name!r}")
    plain = {}
    for key, value in figures.items():
        if not isinstance(key, str) or not IDENTIFIER.fullmatch(key):
            raise ValidationError(f"headline figure names must be identifiers; got {key!r}")
        plain[key] = _plain_scalar(key, value)
    path = Path(output_dir) / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(plain, sort_keys=True, indent=2, allow_nan=False) + "\n")
    return path


def _plain_scalar(key: str, value: Any) -> Any:
    if getattr(value, "ndim", None) == 0 and hasattr(value, "item"):  # numpy scalar or 0-d array
        value = value.item()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        value = float(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp | pd.Timedelta):
            return value.isoformat()
    except ImportError:  # pragma: no cover - pandas is in the analysis extra
        pass
    raise ValidationError(f"headline figure {key!r} must be a number, string, bool or None; got {type(value).__name__}")


def set_window(con: Any, since: str | None, until: str | None) -> tuple[datetime | None, datetime | None, datetime]:
    """Define the DuckDB macro ``in_window(ts)``: ``since <= ts < until`` (either bound may be None).

    Returns ``(since, until, as_of)``; ``as_of`` (until, else now) is the moment
    "still open" and "stale" are measured against, so a past period reads the same later.
    """
    start, end = period(since, until)
    con.execute("SET VARIABLE since = ?::TIMESTAMPTZ", [start])
    con.execute("SET VARIABLE until = ?::TIMESTAMPTZ", [end])
    con.execute(
        "CREATE OR REPLACE TEMP MACRO in_window(ts) AS"
        " ts >= coalesce(getvariable('since'), '-infinity'::TIMESTAMPTZ)"
        " AND ts < coalesce(getvariable('until'), 'infinity'::TIMESTAMPTZ)"
    )
    return start, end, end or datetime.now(timezone.utc)


def active_days(con: Any) -> int:
    """Days (UTC) with activity in the window of :func:`set_window`: a day on which an event was logged or a
    session started.  The one rule every report counts ``active_days`` by (a session that starts before
    midnight and logs past it makes the next day active too)."""
    return int(con.execute(
        "SELECT count(*) FROM (SELECT timestamp::DATE FROM daily_logs WHERE in_window(timestamp)"
        " UNION SELECT started_at::DATE FROM sessions WHERE in_window(started_at))").fetchone()[0])


def period(since: str | None, until: str | None, flag: str = "") -> tuple[datetime | None, datetime | None]:
    """``since`` and ``until`` parsed (None stays None); ValidationError unless since < until."""
    start = timestamps.parse(since) if since else None
    end = timestamps.parse(until) if until else None
    if start and end and start >= end:
        raise ValidationError(f"{flag}since ({since}) must be before {flag}until ({until})")
    return start, end


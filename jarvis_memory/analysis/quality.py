"""Data-quality findings over a loaded dataset: every row other clients wrote oddly, named by id.

>>> from jarvis_memory.analysis.load import load
>>> from jarvis_memory import quality
>>> with load("file:tests/fixtures/jarvis-fixture.db") as ds:           # doctest: +SKIP
...     quality.summary(quality.findings(ds))

Used by the reports' data-quality sections and by ``jarvis-memory doctor``.  Each
check is one SQL query over the views of :func:`jarvis_memory.analysis.load.to_duckdb`;
a row may have several findings.  "left out" findings are rows the time-based
figures cannot place (their time is unreadable, or a sentinel year outside
:data:`jarvis_memory.timestamps.PLAUSIBLE_YEARS`), so the reports count what they drop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..store.merges import KEPT_BOTH, TABLE as MERGES
from ..timestamps import PLAUSIBLE_YEARS

if TYPE_CHECKING:
    import pandas as pd

    from .load import Dataset

_TIMESTAMPS = [("memory_entries", "created_at"), ("memory_entries", "last_accessed"), ("sessions", "started_at"),
               ("sessions", "ended_at"), ("daily_logs", "timestamp")]
_ENUMS = [("memory_entries", "category", ("preference", "fact", "pattern")),
          ("memory_entries", "source", ("user_explicit", "jarvis_inferred")),
          ("sessions", "end_trigger", ("timeout", "explicit", "browser_close"))]
_DECISIONS = (MERGES, KEPT_BOTH)  # the reviewer's decisions, optional to the loader
LEFT_OUT = "time unreadable or outside {}–{}: left out of time figures".format(*PLAUSIBLE_YEARS)

# (problem, column, SQL selecting the ids); the timestamp shape is what timestamps.is_iso accepts:
# the toISOString() form and a real moment (no 2026-02-30).
_IS_JS_ISO = (r"regexp_full_match({c}, '\d{{4}}-\d{{2}}-\d{{2}}T\d{{2}}:\d{{2}}:\d{{2}}\.\d{{3}}Z')"
              r" AND try_strptime({c}, '%Y-%m-%dT%H:%M:%S.%gZ') IS NOT NULL")
CHECKS: list[tuple[str, str, str]] = (
    [("bad timestamp", f"{t}.{c}", f"SELECT id FROM {t} WHERE {c}_raw IS NOT NULL AND NOT ({_IS_JS_ISO.format(c=c + '_raw')})")
     for t, c in _TIMESTAMPS]
    + [(LEFT_OUT, f"{t}.{c}", f"SELECT id FROM {t} WHERE {c} IS NULL AND {c}_raw IS NOT NULL") for t, c in _TIMESTAMPS]
    + [("value outside enum", f"{t}.{c}",
        f"SELECT id FROM {t} WHERE {c} NOT IN ({', '.join(repr(v) for v in allowed)})") for t, c, allowed in _ENUMS]
    + [
        ("last_accessed before created_at", "memory_entries", "SELECT id FROM memory_entries WHERE last_accessed < created_at"),
        ("orphan session id", "daily_logs.session_id",
         "SELECT id FROM daily_logs e WHERE session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = e.session_id)"),
        ("event_data not JSON", "daily_logs.event_data",
         "SELECT id FROM daily_logs WHERE event_data IS NULL AND event_data_raw IS NOT NULL"),
        ("event_data not a JSON object", "daily_logs.event_data",
         "SELECT id FROM daily_logs WHERE json_type(event_data) <> 'OBJECT'"),
        ("empty event_type", "daily_logs.event_type", "SELECT id FROM daily_logs WHERE coalesce(trim(event_type), '') = ''"),
        ("session ends before it starts", "sessions", "SELECT id FROM sessions WHERE ended_at < started_at"),
        ("ended session without trigger", "sessions.end_trigger",
         "SELECT id FROM sessions WHERE ended_at_raw IS NOT NULL AND end_trigger IS NULL"),
    ]
)


def findings(ds: Dataset, tables: tuple[str, ...] = ("memory_entries", "sessions", "daily_logs", *_DECISIONS)
             ) -> pd.DataFrame:
    """Every finding as rows ``problem, column, id`` (one per row and problem), ordered; only ``tables``.

    Text that is not valid UTF-8 (the loader's ``unreadable_values``) is the problem ``text not valid UTF-8``;
    a column a decision table lacks (the loader's ``missing_columns``) is ``column missing (read as NULL)`` (its
    key: ``read as the rowid``) for each of its rows, named by that key (``merge_id``, ``decision_id``).
    """
    parts = [f"SELECT '{problem}' AS problem, '{column}' AS \"column\", id FROM ({sql})"
             for problem, column, sql in CHECKS if column.split(".")[0] in tables]
    parts.append("SELECT 'text not valid UTF-8', table_name || '.' || column_name, id FROM unreadable_values"
                 f" WHERE table_name IN ({', '.join(repr(t) for t in tables)})")
    for table, column, key in ds.con.execute("SELECT * FROM missing_columns").fetchall():
        if table in tables:
            read_as = "the rowid" if column == key else "NULL"  # as the loader reads it (load.select_columns)
            parts.append(f"SELECT 'column missing (read as {read_as})', '{table}.{column}', {key} FROM {table}")
    return ds.sql(" UNION ALL ".join(parts) + ' ORDER BY problem, "column", id')


def summary(found: pd.DataFrame, first: int = 5) -> pd.DataFrame:
    """One row per problem and column: ``rows`` and the ``first_ids`` (a list, ascending).

    Each row of the database is on one line per column: a row with two findings in one column (a
    bad timestamp that is also left out of the time figures) is one line naming both, joined by "; ".
    """
    one_line = found.groupby(["column", "id"], sort=False)["problem"].agg(lambda p: "; ".join(sorted(set(p))))
    grouped = one_line.reset_index().groupby(["problem", "column"], sort=True)["id"]
    return grouped.agg(rows="count", first_ids=lambda ids: sorted(ids)[:first]).reset_index()


def counts(found: pd.DataFrame) -> dict[str, int]:
    """Findings per problem, summed over its columns (a row with two bad timestamps counts twice)."""
    return {problem: int(n) for problem, n in found.groupby("problem").size().items()}

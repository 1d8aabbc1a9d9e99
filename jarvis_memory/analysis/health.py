"""What ``stats`` and ``doctor`` report: row counts, schema state, reachability."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from .. import timestamps
from ..errors import ConfigError, DatabaseError, JarvisMemoryError
from ..store import migrations, search

if TYPE_CHECKING:
    from ..store.database import Database


_CREATED = timestamps.instant_sql("created_at")
# first/last memory: a sentinel such as 9999-12-31 is no memory's time (the reports leave it out too)
_PLAUSIBLE = (f"{_CREATED} >= julianday('{timestamps.PLAUSIBLE_YEARS[0]:04d}-01-01')"
              f" AND {_CREATED} < julianday('{timestamps.PLAUSIBLE_YEARS[1] + 1:04d}-01-01')")


def stats(db: Database) -> dict[str, Any]:
    """Row counts and a few headline figures, in one round trip."""
    row = db.ready().query(
        "SELECT (SELECT count(*) FROM memory_entries) AS memories,"
        " (SELECT count(*) FROM sessions) AS sessions,"
        " (SELECT count(*) FROM sessions WHERE ended_at IS NULL) AS open_sessions,"
        " (SELECT count(*) FROM daily_logs) AS events,"
        f" (SELECT created_at FROM memory_entries WHERE {_PLAUSIBLE} ORDER BY {_CREATED} LIMIT 1) AS first_memory,"
        f" (SELECT created_at FROM memory_entries WHERE {_PLAUSIBLE} ORDER BY {_CREATED} DESC LIMIT 1) AS last_memory"
    )[0]
    by_category = db.query("SELECT category, count(*) AS n FROM memory_entries GROUP BY category ORDER BY category")
    row["by_category"] = {r["category"]: r["n"] for r in by_category}
    return {"database": db.settings.redacted_url, **row}


def doctor(db: Database) -> dict[str, Any]:
    """Check connectivity and schema; never raises for a failed check, reports it."""
    checks: list[dict[str, Any]] = []

    def check(name: str, fn: Any) -> Any:
        started = time.perf_counter()
        extra: dict[str, Any] = {}
        try:
            detail = fn()
            ok = True
        except ConfigError:  # no database at that path, or a malformed URL: nothing to check
            raise
        except JarvisMemoryError as e:
            detail, ok = str(e), False
        if isinstance(detail, tuple):  # (detail, more fields for --json)
            detail, extra = detail
        checks.append({"check": name, "ok": ok, "detail": detail, **extra,
                       "ms": round((time.perf_counter() - started) * 1e3, 1)})
        return ok

    if check("connect", lambda: _connect(db)) and check("schema", lambda: _schema(db)):
        if check("integrity", lambda: _integrity(db)) and check("tables", lambda: _tables(db)):
            check("search index", lambda: search.check(db))
            check("data quality", lambda: _quality(db))
    return {"database": db.settings.redacted_url, "ok": all(c["ok"] for c in checks), "checks": checks}


def _connect(db: Database) -> str:
    """Reach the database and read its schema table, so a file that is not a database fails here
    (:class:`SchemaError`, "is not a SQLite database") rather than in a later check."""
    version = db.execute("SELECT sqlite_version(), (SELECT count(*) FROM sqlite_master)").rows[0][0]
    return f"reachable, SQLite {version}"


def _integrity(db: Database) -> str:
    """``PRAGMA quick_check``: SQLite's own check of the file's structure (not of index contents)."""
    try:
        found = [row[0] for row in db.execute("PRAGMA quick_check").rows]
    except DatabaseError as e:  # damage can stop the check itself (SQLITE_CORRUPT): that is its finding
        raise _Failed(f"PRAGMA quick_check found the file damaged: {e}") from None
    if found != ["ok"]:
        raise _Failed(f"PRAGMA quick_check found {len(found)} problem(s): {'; '.join(map(str, found[:3]))}")
    return "PRAGMA quick_check: ok"


def _quality(db: Database) -> tuple[str, dict[str, Any]]:
    """Rows other clients wrote oddly (see :mod:`jarvis_memory.analysis.quality`), counted with their first ids.

    Odd rows are reported, not a failure: every reader keeps them or names them.
    """
    from . import quality
    from .load import load

    with load(db.settings.url, auth_token=db.settings.auth_token, replica=False) as ds:  # doctor makes no replica
        found = quality.findings(ds)
    if found.empty:
        return "no odd rows", {"findings": []}
    every = quality.summary(found, first=len(found))  # --json names every row, the text line the first three
    detail = "; ".join(f"{r.problem} in {r.column}: {r.rows} (ids {', '.join(map(str, r.first_ids[:3]))}"
                       f"{', …' if r.rows > 3 else ''})" for r in every.itertuples())
    return detail, {"findings": [{"problem": r.problem, "column": r.column, "rows": int(r.rows),
                                  "ids": [int(i) for i in r.first_ids]} for r in every.itertuples()]}


def _schema(db: Database) -> str:
    status = migrations.status(db)
    if status.pending:
        names = ", ".join(m.label for m in status.pending)
        raise _Failed(f"pending migrations: {names} {migrations.MIGRATE_HINT}")
    return f"at version {status.current}, checksums match"


def _tables(db: Database) -> str:
    found = migrations.existing_core_tables(db)
    missing = set(migrations.CORE_TABLES) - found
    if missing:
        raise _Failed(f"missing tables: {', '.join(sorted(missing))}")
    return "memory_entries, sessions, daily_logs have every column"


class _Failed(JarvisMemoryError):
    pass

"""What ``stats`` and ``doctor`` report: row counts, schema state, reachability."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from .. import timestamps
from ..errors import ConfigError, DatabaseError, JarvisMemoryError
from ..store import migrations, search
from ..store.hashing import content_hash

if TYPE_CHECKING:
    from ..store.database import Database
    from .load import Dataset


_CREATED = timestamps.instant_sql("created_at")
# first/last memory: a sentinel such as 9999-12-31 is no memory's time (the reports leave it out too)
_PLAUSIBLE = f"{_CREATED} >= {timestamps.PLAUSIBLE_MS[0]} AND {_CREATED} < {timestamps.PLAUSIBLE_MS[1]}"


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
            from .load import load

            with load(db.settings.url, auth_token=db.settings.auth_token, replica=False) as ds:  # makes no replica
                check("data quality", lambda: _quality(ds))
                check("content hashes", lambda: _hashes(ds))
    return {"database": db.settings.redacted_url, "ok": all(c["ok"] for c in checks), "checks": checks}


def _connect(db: Database) -> str:
    """Reach the database and read its schema table, so a file that is not a database fails here
    (:class:`SchemaError`, "is not a SQLite database") rather than in a later check."""
    version = db.execute("SELECT sqlite_version(), (SELECT count(*) FROM sqlite_master)").rows[0][0]
    return f"reachable, SQLite {version}"


def _integrity(db: Database) -> str:
    """``PRAGMA quick_check``: SQLite's own check of the file's structure (not of index contents); from SQLite
    3.44 (sqld's) it opens FTS5 indexes too, and a damaged search index is one ``migrate`` repairs."""
    try:
        found = [row[0] for row in db.execute("PRAGMA quick_check").rows]
    except DatabaseError as e:  # damage can stop the check itself (SQLITE_CORRUPT): that is its finding
        raise _Failed(f"PRAGMA quick_check found the file damaged: {e}") from None
    if found != ["ok"]:
        index = any(f"FTS5 table main.{search.INDEX}:" in str(problem) for problem in found)
        raise _Failed(f"PRAGMA quick_check found {len(found)} problem(s): {'; '.join(map(str, found[:3]))}"
                      + (f"; the search index {search.INDEX} is damaged {migrations.MIGRATE_HINT}" if index else ""))
    return "PRAGMA quick_check: ok"


def _quality(ds: Dataset) -> tuple[str, dict[str, Any]]:
    """Rows other clients wrote oddly (see :mod:`jarvis_memory.analysis.quality`), counted with their first ids.

    Odd rows are reported, not a failure: every reader keeps them or names them.
    """
    from . import quality

    found = quality.findings(ds)
    if found.empty:
        return "no odd rows", {"findings": []}
    every = quality.summary(found, first=len(found))  # --json names every row, the text lines the first three
    return _lines(f"{r.problem} in {r.column}: {r.rows} (ids {', '.join(map(str, r.first_ids[:3]))}"
                  f"{', …' if r.rows > 3 else ''})" for r in every.itertuples()), {
        "findings": [{"problem": r.problem, "column": r.column, "rows": int(r.rows),
                      "ids": [int(i) for i in r.first_ids]} for r in every.itertuples()]}


def _hashes(ds: Dataset) -> tuple[str, dict[str, Any]]:
    """Stored ``content_hash`` against the one the apps compute from the text (:func:`content_hash`), and texts
    stored twice under another hash (exact duplicates the unique index cannot see): findings, not a failure."""
    memories = ds.sql("SELECT id, content, content_hash FROM memory_entries ORDER BY id")
    recomputed = memories["content"].map(lambda text: content_hash(text) if isinstance(text, str) else None)
    stored = memories["content_hash"]
    problems = {
        "content hash missing": memories["id"][stored.isna()],
        "content hash differs from its text's": memories["id"][stored.notna() & (stored != recomputed)],
    }
    repeated = recomputed[recomputed.notna() & recomputed.duplicated(keep=False)]
    groups = [sorted(memories["id"][ids].tolist()) for ids in repeated.groupby(repeated).groups.values()]
    found = [{"problem": problem, "rows": len(ids), "ids": [int(i) for i in ids]} for problem, ids in problems.items()
             if len(ids)]
    if groups:
        found.append({"problem": "texts stored more than once (exact duplicates)", "rows": len(groups),
                      "ids": [int(g[0]) for g in sorted(groups)]})
    if not found:
        return "every stored hash matches its text; no text is stored twice", {"findings": []}
    return _lines(f"{f['problem']}: {f['rows']} (ids {', '.join(map(str, f['ids'][:3]))}{', …' if f['rows'] > 3 else ''})"
                  for f in found), {"findings": found}


def _lines(items: Any) -> str:
    """How many findings, then one a line, indented under the check's own (a long list stays readable)."""
    items = list(items)
    return f"{len(items)} finding{'s' * (len(items) != 1)}" + "".join(f"\n     - {item}" for item in items)


def _schema(db: Database) -> str:
    status = migrations.status(db)
    if status.pending:
        names = ", ".join(m.label for m in status.pending)
        raise _Failed(f"pending migrations: {names} {migrations.MIGRATE_HINT}")
    if status.missing:
        names = ", ".join(o.label for o in status.missing)
        raise _Failed(f"at version {status.current}, but missing {names} {migrations.MIGRATE_HINT}")
    return f"at version {status.current}, checksums match, every table and index present"


def _tables(db: Database) -> str | tuple[str, dict[str, Any]]:
    """The memory tables' columns; virtual tables of a module this SQLite lacks are a note (never read)."""
    found = migrations.existing_core_tables(db)
    missing = set(migrations.CORE_TABLES) - found
    if missing:
        raise _Failed(f"missing tables: {', '.join(sorted(missing))}")
    detail = "memory_entries, sessions, daily_logs have every column"
    foreign = _unloaded_modules(db)
    if not foreign:
        return detail
    listed = ", ".join(f"{table} ({module})" for table, module in foreign.items())
    return (f"{detail}; not read: virtual tables of modules this SQLite lacks: {listed}",
            {"notes": [{"table": table, "module": module} for table, module in foreign.items()]})


def _unloaded_modules(db: Database) -> dict[str, str]:
    """Virtual table -> its module, for modules this connection's SQLite does not have (another
    application's extension, e.g. sqlite-vec's ``vec0``).  Such a table fails any statement that reads it."""
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
                      " ORDER BY name").rows
    if not rows:
        return {}
    loaded = {str(r[0]).lower() for r in db.execute("SELECT name FROM pragma_module_list").rows}
    # the module is the name after USING (sqlite.org/lang_createvtab.html), possibly quoted
    modules = {str(name): _VTAB_MODULE.search(str(sql)) for name, sql in rows}
    return {name: m[1] for name, m in modules.items() if m and m[1].lower() not in loaded}


_VTAB_MODULE = re.compile(r"\bUSING\s+[\"`\[]?(\w+)", re.IGNORECASE)


class _Failed(JarvisMemoryError):
    pass

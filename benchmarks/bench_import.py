"""Bulk import of memories from JSON Lines: ``bulk.import_file`` against ``sqlite3.executemany``.

Both write the same rows with the same upsert SQL (``memories.upsert_sql(1)``
for executemany, which discards RETURNING rows; ours sends one multi-row
statement per chunk), one transaction per chunk of 1,000, into a fresh
database migrated by the package, with the same PRAGMAs.  The baseline parses
the same file and computes the same hashes, but validates nothing.  A third
variant times executemany alone on rows parsed in advance: the floor for
SQLite itself; a fourth drops migration 0002's ``created_at`` index first, to
show what that index costs per row (the unique ``content_hash`` index is the
dedup itself and stays).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

import jarvis_memory
from jarvis_memory.store import bulk, memories
from jarvis_memory import timestamps
from jarvis_memory.store.hashing import content_hash

from .bench_store import migrated
from .common import Clock, Row, cpu_median, fmt_rate, interleaved, median, python_peak, walls

CHUNK = 1_000
CATEGORIES = ("preference", "fact", "pattern")
SOURCES = ("user_explicit", "jarvis_inferred")


def write_jsonl(path: Path, rows: int) -> Path:
    """``rows`` memories, 1% of them case/space variants of an earlier one (duplicates), half with created_at."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            n = i - 50 if i % 100 == 99 else i
            content = f"Memory {n}: prefers window seats on flights to city {n % 977} and tea with {n % 13} sugars"
            if n != i:
                content = "  " + content.upper()
            record = {"content": content, "category": CATEGORIES[i % 3], "source": SOURCES[i % 2]}
            if i % 2:
                record["created_at"] = f"2026-0{1 + i % 9}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00.{i % 1000:03d}Z"
            out.write(json.dumps(record) + "\n")
    return path


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _parsed(source: Path) -> list[list]:
    rows = []
    with source.open("rb") as handle:
        for raw in handle:
            record = json.loads(raw)
            content = record["content"]
            rows.append([content, content_hash(content), record["category"], record["source"],
                         record.get("created_at") or timestamps.now(), record.get("last_accessed")])
    return rows


def _executemany(conn: sqlite3.Connection, rows: list[list]) -> None:
    sql = memories.upsert_sql(1)
    for start in range(0, len(rows), CHUNK):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, rows[start:start + CHUNK])
        conn.execute("COMMIT")


def run(quick: bool = False) -> list[Row]:
    n = 10_000 if quick else 100_000
    rounds = 3 if quick else 5
    workload = f"bulk import {n // 1000}k memories (JSON Lines)"
    with tempfile.TemporaryDirectory(prefix="jarvis-bench-import-") as tmp:
        tmp = Path(tmp)
        source = write_jsonl(tmp / "memories.jsonl", n)
        parsed = _parsed(source)
        counter = iter(range(10**9))

        def fresh() -> Path:
            return migrated(tmp / f"db{next(counter)}.db")

        def ours(_round: int) -> float:
            db = jarvis_memory.Database(f"file:{fresh()}")
            db.ready()
            with Clock() as clock:
                report = bulk.import_file(db, source, chunk_size=CHUNK)
            db.close()
            assert report.read == n and not report.rejected
            return clock

        def baseline(_round: int) -> float:
            conn = _connect(fresh())
            with Clock() as clock:
                _executemany(conn, _parsed(source))
            conn.close()
            return clock

        def floor(_round: int, drop: str = "") -> float:
            conn = _connect(fresh())
            if drop:
                conn.execute(f"DROP INDEX {drop}")
            with Clock() as clock:
                _executemany(conn, parsed)
            conn.close()
            return clock

        names = {
            "jarvis_memory bulk.import_file": ours,
            "sqlite3.executemany (parse + hash + write)": baseline,
            "sqlite3.executemany (rows parsed in advance)": floor,
            "sqlite3.executemany (rows parsed in advance, no created_at index)":
                lambda r: floor(r, "jm_memory_entries_created_at_idx"),
        }
        times = interleaved(names, rounds)
        peaks = {name: python_peak(lambda fn=fn: fn(0)) for name, fn in names.items()}
    base = "sqlite3.executemany (parse + hash + write)"
    rows = []
    for name, clocks in times.items():
        runs = walls(clocks)
        m, cpu = median(runs), cpu_median(clocks)
        ratio = None if name == base else m / median(walls(times[base]))
        is_ours = name.startswith("jarvis_memory")
        rows.append(Row(
            workload, name, m, fmt_rate(n / m), "" if name == base else base, ratio,
            "≥ 100k rows/s" if is_ours else "", (n / m >= 100_000) if is_ours else None,
            peaks[name], "tracemalloc", runs,
            f"{rounds} interleaved rounds; chunks of {CHUNK}; 1% duplicates; {fmt_rate(n / cpu)} per CPU second", cpu,
        ))
    floor_name = "sqlite3.executemany (rows parsed in advance)"
    floor_rate = n / median(walls(times[floor_name]))
    rows[0].note += (f"; SQLite alone (rows parsed in advance, same schema and upsert) reaches {fmt_rate(floor_rate)}"
                     f" here, so the import can be at most that fast on this machine")
    return rows

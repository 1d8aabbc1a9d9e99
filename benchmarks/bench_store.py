"""Store one memory: ``db.memories.store`` against plain sqlite3 and the seed's pattern.

Every round stores the same sequence into each variant's own database: half
new contents, then each of them again (a duplicate, which must only touch
``last_accessed``).  The figure is the median time per call.

* ``file:`` — ours (the dedup upsert on the kept connection) vs the same
  upsert through plain ``sqlite3`` (same schema, migrated by the package; same
  WAL/synchronous=NORMAL; same hash and timestamp code; no validation) vs the
  seed's select-then-update-or-insert through ``libsql_client.create_client_sync``
  on its own ``file:`` backend.
* ``ws://`` — ours vs the seed's pattern through libsql-client's sync client,
  both against the test server running as a separate process (no GIL sharing).
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

import libsql_client

import jarvis_memory
from jarvis_memory import memories, timestamps
from jarvis_memory.hashing import content_hash

from .common import PYTHON, REPO, Row, fmt_seconds, interleaved, median, python_peak

CATEGORY, SOURCE = "fact", "user_explicit"
SELECT = f"SELECT {memories.COLUMNS} FROM memory_entries WHERE content_hash = ?"
UPDATE = "UPDATE memory_entries SET last_accessed = ? WHERE id = ?"
INSERT = (
    "INSERT INTO memory_entries (content, content_hash, category, source, created_at) VALUES (?, ?, ?, ?, ?)"
    f" RETURNING {memories.COLUMNS}"
)


def contents(tag: str, calls: int) -> list[str]:
    """``calls`` stores: ``calls // 2`` new texts, then each again in other case and spacing (a duplicate)."""
    new = [f"{tag}: the user prefers oat milk in coffee number {i} and lives in Lisbon" for i in range(calls // 2)]
    return new + [f"  {text.upper()} " for text in new]


def migrated(path: Path) -> Path:
    db = jarvis_memory.Database(f"file:{path}")
    db.ready()
    db.close()
    return path


# -- the variants: each returns a callable storing one text -----------------------------
def ours(url: str):
    db = jarvis_memory.Database(url)
    db.ready()
    store = db.memories.store

    def call(text: str) -> None:
        store(text, CATEGORY, SOURCE)

    return call, db.close


def plain_sqlite3(path: Path):
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    sql = memories.upsert_sql(1)

    def call(text: str) -> None:
        conn.execute(sql, [text, content_hash(text), CATEGORY, SOURCE, timestamps.now()]).fetchone()

    return call, conn.close


def seed_pattern(url: str):
    """``storeMemoryEntry`` from the seed: select by hash, then update last_accessed or insert."""
    client = libsql_client.create_client_sync(url)

    def call(text: str) -> None:
        digest = content_hash(text)
        rows = client.execute(SELECT, [digest]).rows
        if rows:
            client.execute(UPDATE, [timestamps.now(), rows[0]["id"]])
        else:
            client.execute(INSERT, [text, digest, CATEGORY, SOURCE, timestamps.now()]).rows[0]

    return call, client.close


def _timed(call, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        call(text)
    return (time.perf_counter() - started) / len(texts)


def _measure(workload: str, variants: dict, baselines: dict[str, tuple[str, str, float | None]],
             calls: int, rounds: int) -> list[Row]:
    """``variants``: name -> (call, close); ``baselines``: name -> (baseline name, target text, max ratio)."""
    times = interleaved(
        {name: (lambda r, call=call, name=name: _timed(call, contents(f"{name} round {r}", calls)))
         for name, (call, _) in variants.items()},
        rounds,
    )
    peaks = {
        name: python_peak(lambda call=call, name=name: _timed(call, contents(f"{name} peak", min(calls, 200))))
        for name, (call, _) in variants.items()
    }
    for _, close in variants.values():
        close()
    rows = []
    for name, runs in times.items():
        base, target, limit = baselines.get(name, ("", "", None))
        ratio = median(runs) / median(times[base]) if base else None
        rows.append(Row(
            workload, name, median(runs), f"{fmt_seconds(median(runs))}/call", base, ratio, target,
            None if limit is None else ratio <= limit, peaks[name], "tracemalloc", runs,
            f"{rounds} interleaved rounds of {calls} calls (half new, half duplicates)",
        ))
    return rows


def _server(db_path: Path):
    """The libSQL test server on ``db_path`` in its own process; returns (process, ws URL)."""
    proc = subprocess.Popen(
        [PYTHON, str(REPO / "tests" / "libsql_server"), "--db", str(db_path), "--port", "0"],
        stdout=subprocess.PIPE, text=True,
    )
    line = proc.stdout.readline().strip()
    if not line.startswith("http://"):
        proc.kill()
        raise RuntimeError(f"the test server did not start: {line!r}")
    return proc, "ws://" + line.removeprefix("http://")


def run(quick: bool = False) -> list[Row]:
    rounds = 3 if quick else 7
    file_calls = 200 if quick else 2_000
    ws_calls = 50 if quick else 300
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="jarvis-bench-store-") as tmp:
        tmp = Path(tmp)
        ours_name, sqlite_name, seed_name = "jarvis_memory store (file:)", "plain sqlite3 upsert", "seed pattern, libsql-client file:"
        variants = {
            ours_name: ours(f"file:{migrated(tmp / 'ours.db')}"),
            sqlite_name: plain_sqlite3(migrated(tmp / "sqlite3.db")),
            seed_name: seed_pattern(f"file:{migrated(tmp / 'seed.db')}"),
        }
        rows += _measure("store one memory (file:)", variants, {
            ours_name: (sqlite_name, "≤ 1.3x plain sqlite3", 1.3),
            seed_name: (sqlite_name, "", None),
        }, file_calls, rounds)

        proc, ws_url = _server(migrated(tmp / "served.db"))
        try:
            ours_ws, seed_ws = "jarvis_memory store (ws:)", "seed pattern, libsql-client ws:"
            variants = {ours_ws: ours(ws_url), seed_ws: seed_pattern(ws_url)}
            rows += _measure("store one memory (ws:, server in a subprocess)", variants, {
                ours_ws: (seed_ws, "≥ 1.8x faster than the seed's pattern", 1 / 1.8),
            }, ws_calls, rounds)
        finally:
            proc.terminate()
            proc.wait(10)
    return rows

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
from jarvis_memory.store import memories
from jarvis_memory import timestamps
from jarvis_memory.store.hashing import content_hash

from .common import PYTHON, REPO, Clock, Row, cpu_median, fmt_seconds, interleaved, median, python_peak, walls

CATEGORY, SOURCE = "fact", "user_explicit"
SELECT = f"SELECT {memories.COLUMNS} FROM memory_entries WHERE content_hash = ?"
UPDATE = "UPDATE memory_entries SET last_accessed = ? WHERE id = ?"
INSERT = (
    "INSERT INTO memory_entries (content, content_hash, category, source, created_at) VALUES (?, ?, ?, ?, ?)"
    f" RETURNING {memories.COLUMNS}"
)


WHY = {
    "seed pattern, libsql-client file:": (
        "; libsql-client's file: backend opens a connection per call (busy timeout 0, SQLite's default"
        " synchronous=FULL) and closes it after: every write fsyncs, and closing the last connection"
        " checkpoints the WAL"),
}


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
        conn.execute(sql, [text, content_hash(text), CATEGORY, SOURCE, timestamps.now(), None]).fetchone()

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


def _timed(call, texts: list[str]) -> Clock:
    """Per-call wall and CPU seconds of storing ``texts`` one by one."""
    with Clock() as clock:
        for text in texts:
            call(text)
    clock.wall /= len(texts)
    clock.cpu /= len(texts)
    return clock


def _measure(workload: str, variants: dict, baselines: dict[str, tuple[str, str, float | None]],
             calls: int, rounds: int, local: bool = True) -> list[Row]:
    """``variants``: name -> (call, close[, calls if not ``calls``]); ``baselines``: name -> (baseline name, target text, max ratio)."""
    count = {name: calls if len(v) == 2 else v[2] for name, v in variants.items()}
    times = interleaved(
        {name: (lambda r, call=v[0], name=name: _timed(call, contents(f"{name} round {r}", count[name])))
         for name, v in variants.items()},
        rounds,
    )
    peaks = {
        name: python_peak(lambda call=v[0], name=name: _timed(call, contents(f"{name} peak", min(count[name], 200))))
        for name, v in variants.items()
    }
    for v in variants.values():
        v[1]()
    rows = []
    for name, clocks in times.items():
        runs = walls(clocks)
        why = WHY.get(name, "")
        base, target, limit = baselines.get(name, ("", "", None))
        ratio = median(runs) / median(walls(times[base])) if base else None
        cpu = cpu_median(clocks) if local else None
        rows.append(Row(
            workload, name, median(runs), f"{fmt_seconds(median(runs))}/call", base, ratio, target,
            None if limit is None else ratio <= limit, peaks[name], "tracemalloc", runs,
            f"{rounds} interleaved rounds of {count[name]} calls (half new, half duplicates){why}"
            + (f"; CPU {fmt_seconds(cpu)}/call, {cpu / cpu_median(times[base]):.2f}x the baseline's" if local and base else ""),
            cpu,
        ))
    return rows


def _server(db_path: Path, tuned: bool = False):
    """The libSQL test server on ``db_path`` in its own process; returns (process, ws URL).

    ``tuned``: the same server, but its per-stream connections use
    synchronous=NORMAL and one idle connection stays open (see :func:`serve_tuned`).
    """
    cmd = [PYTHON, "-m", "benchmarks.bench_store", "serve-tuned", str(db_path)] if tuned else \
        [PYTHON, str(REPO / "tests" / "libsql_server"), "--db", str(db_path), "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=REPO)
    line = proc.stdout.readline().strip()
    if not line.startswith("http://"):
        proc.kill()
        raise RuntimeError(f"the test server did not start: {line!r}")
    return proc, "ws://" + line.removeprefix("http://")


def serve_tuned(db_path: str) -> None:
    """Run the test server as sqld would treat the file: connections kept, no fsync per commit.

    The test server opens a connection per Hrana stream (libsql-client opens a
    stream per ``execute``) with SQLite's default synchronous=FULL, and closing
    the last connection checkpoints the WAL: every write pays an fsync or
    three, which drowns the round trips this workload is about.  Here an idle
    connection stays open (no checkpoint on close) and each stream's
    connection uses synchronous=NORMAL, as the ``file:`` client does.
    """
    import signal
    import sqlite3
    import sys
    import threading

    sys.path.insert(0, str(REPO / "tests"))
    from libsql_server import hrana
    from libsql_server.server import LibsqlTestServer

    plain_connect = hrana.connect

    def connect(path: str, busy_timeout: float) -> sqlite3.Connection:
        conn = plain_connect(path, busy_timeout)
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    hrana.connect = connect
    keep = sqlite3.connect(db_path)
    keep.execute("SELECT count(*) FROM sqlite_master").fetchall()
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    with LibsqlTestServer(db_path) as server:
        print(server.http_url, flush=True)
        stopping.wait()
    keep.close()


def _round_trips(url: str, calls: int, rounds: int) -> dict[str, float]:
    """Where a store's time goes over ws: a bare round trip, a read by hash, the upsert (ms medians)."""
    db = jarvis_memory.Database(url)
    db.ready()
    client = libsql_client.create_client_sync(url)
    sql = memories.upsert_sql(1)

    def loop(fn) -> float:
        started = time.perf_counter()
        for i in range(calls):
            fn(i)
        return (time.perf_counter() - started) / calls

    times = interleaved({
        "SELECT 1, ours": lambda r: loop(lambda i: db.execute("SELECT 1", idempotent=True)),
        "SELECT 1, libsql-client sync": lambda r: loop(lambda i: client.execute("SELECT 1")),
        "select by hash, ours": lambda r: loop(lambda i: db.execute(SELECT, [content_hash(f"rt {r} {i}")], idempotent=True)),
        "upsert, ours": lambda r: loop(lambda i: db.execute(
            sql, [f"rt {r} {i}", content_hash(f"rt {r} {i}"), CATEGORY, SOURCE, timestamps.now(), None],
            idempotent=True)),
    }, rounds)
    db.close()
    client.close()
    return {name: median(runs) for name, runs in times.items()}


def _ws_rows(workload: str, url: str, calls: int, rounds: int) -> list[Row]:
    ours_ws, seed_ws = "jarvis_memory store (ws:)", "seed pattern, libsql-client ws:"
    rows = _measure(workload, {ours_ws: ours(url), seed_ws: seed_pattern(url)}, {
        ours_ws: (seed_ws, "≥ 1.8x faster than the seed's pattern", 1 / 1.8),
    }, calls, rounds, local=False)
    parts = _round_trips(url, max(calls // 3, 20), rounds)
    trip = parts["select by hash, ours"]
    write = max(parts["upsert, ours"] - trip, 0.0)
    bound = (2 * trip + write) / (trip + write) if trip + write > 0 else float("nan")
    rows[0].note += (
        "; where the time goes (medians): " + ", ".join(f"{k} {v * 1e3:.2f} ms" for k, v in parts.items())
        + f"; the seed pays two round trips and one write, ours one of each, so its best possible speed-up here"
        f" is (2·{trip * 1e3:.2f} + {write * 1e3:.2f}) / ({trip * 1e3:.2f} + {write * 1e3:.2f}) = {bound:.2f}x"
    )
    return rows


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
            seed_name: (*seed_pattern(f"file:{migrated(tmp / 'seed.db')}"), max(file_calls // 20, 20)),
        }
        rows += _measure("store one memory (file:)", variants, {
            ours_name: (sqlite_name, "≤ 1.3x plain sqlite3", 1.3),
            seed_name: (sqlite_name, "", None),
        }, file_calls, rounds)

        for tuned, label in ((False, "test server as shipped"), (True, "test server, kept connection + synchronous=NORMAL")):
            proc, ws_url = _server(migrated(tmp / f"served-{tuned}.db"), tuned)
            try:
                rows += _ws_rows(f"store one memory (ws:, {label}, own process)", ws_url, ws_calls, rounds)
            finally:
                proc.terminate()
                proc.wait(10)
    return rows


if __name__ == "__main__":  # python -m benchmarks.bench_store [--quick]: prints the rows, writes nothing
    import sys

    from .common import print_rows

    if sys.argv[1:2] == ["serve-tuned"]:
        serve_tuned(sys.argv[2])
    else:
        print_rows(run(quick="--quick" in sys.argv))

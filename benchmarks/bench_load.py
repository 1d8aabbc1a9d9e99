"""How fast the analysis loader reads a large ``file:`` database, against the obvious alternatives.

    python benchmarks/bench_load.py                 # builds (or reuses) benchmarks/out/bench-large.db
    python benchmarks/bench_load.py --repeat 7 --db other.db

Every contender reads all three tables (50k memories, 20k sessions, 1M
events) in this one process; after one warm-up run each, they run in turn
``--repeat`` times and the median is reported, with its ratio to
``jarvis_memory.analysis.load``.
The loader's figure includes what the others do not: parsing the timestamp
and JSON columns in DuckDB.
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import adbc_driver_sqlite.dbapi
import libsql_client
import pandas as pd

from jarvis_memory.demo import SIZES, build, truth_path_for
from jarvis_memory.analysis.load import TABLES, load

OUT = Path(__file__).resolve().parent / "out"


def contenders(path: Path) -> dict[str, Callable[[], int]]:
    """name → a function reading every table and returning the number of event rows."""
    uri = path.as_uri()

    def loader() -> int:
        with load(uri) as ds:
            return ds.counts["daily_logs"]

    def adbc_raw() -> int:
        with adbc_driver_sqlite.dbapi.connect(f"{uri}?mode=ro") as conn:
            cursor = conn.cursor()
            tables = {}
            for table in TABLES:
                cursor.execute(f"SELECT * FROM {table}")
                tables[table] = cursor.fetch_arrow_table()
            cursor.close()
        return tables["daily_logs"].num_rows

    def sqlite3_fetchall() -> int:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        rows = {table: conn.execute(f"SELECT * FROM {table}").fetchall() for table in TABLES}
        conn.close()
        return len(rows["daily_logs"])

    def pandas_read_sql() -> int:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        frames = {table: pd.read_sql(f"SELECT * FROM {table}", conn) for table in TABLES}
        conn.close()
        return len(frames["daily_logs"])

    def libsql_client_pandas() -> int:
        with libsql_client.create_client_sync(uri) as client:
            frames = {}
            for table in TABLES:
                result = client.execute(f"SELECT * FROM {table}")
                frames[table] = pd.DataFrame([tuple(row) for row in result.rows], columns=result.columns)
        return len(frames["daily_logs"])

    return {
        "jarvis_memory.analysis.load (ADBC → Arrow → DuckDB, parsed)": loader,
        "adbc-driver-sqlite → Arrow (raw)": adbc_raw,
        "sqlite3 fetchall (tuples)": sqlite3_fetchall,
        "pandas.read_sql (sqlite3)": pandas_read_sql,
        "libsql-client → pandas (row by row)": libsql_client_pandas,
    }


def timed(fns: dict[str, Callable[[], int]], repeat: int, expected: int) -> dict[str, list[float]]:
    """Round-robin runs, so a busy machine slows every contender alike."""
    for fn in fns.values():
        fn()  # warm-up: page cache, imports
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            started = time.perf_counter()
            rows = fn()
            times[name].append(time.perf_counter() - started)
            assert rows == expected, f"{name} read {rows} event rows, expected {expected}"
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=OUT / "bench-large.db", help="demo database to build or reuse")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    events = SIZES["large"]["events"]
    if not (args.db.exists() and truth_path_for(args.db).exists()):
        print(f"building {args.db} (size large, seed 7) …", file=sys.stderr)
        summary = build(args.db, size="large", seed=7, progress=lambda m: print(f"  {m}", file=sys.stderr))
        print(f"built in {summary['seconds']:.1f} s", file=sys.stderr)
    print(f"database: {args.db} ({args.db.stat().st_size / 1e6:.0f} MB, {events:,} events); "
          f"median of {args.repeat} runs after a warm-up; load average {os.getloadavg()[0]:.1f}\n")
    results = {}
    for name, times in timed(contenders(args.db), args.repeat, events).items():
        results[name] = statistics.median(times)
        print(f"  {name:<52} {results[name]:7.2f} s   (min {min(times):.2f}, max {max(times):.2f})")
    base = next(iter(results.values()))
    print("\nratio to jarvis_memory.analysis.load:")
    for name, seconds in results.items():
        print(f"  {name:<52} {seconds / base:6.2f}×")


if __name__ == "__main__":
    main()

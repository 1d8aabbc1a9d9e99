"""load() of a remote database through its embedded replica, against keyset paging and the file load.

    python -m benchmarks.bench_replica                       # medium and large demos, 3 rounds
    python -m benchmarks.bench_replica --sizes medium --rounds 5
    python -m benchmarks --only replica                      # the same, into benchmarks/RESULTS.md

Each demo database (built once, cached like the other benchmarks) is served by the real sqld
0.24.32 of the tests (``tests/sqld.py``) with JWT auth on loopback.  The file goes into sqld's data
directory before it starts (a consistent copy made with SQLite's backup API); importing 1M events
through the server would take minutes and serve the same rows.  Every round runs, interleaved:

* file load — ``load("file:…")`` of the same data (the baseline),
* keyset paging — ``load(ws_url, replica=False)``,
* replica, first load — ``load(ws_url)`` into an empty cache folder (the whole sync, then the read),
* replica, repeated load — ``load(ws_url)`` on the warm cache (an incremental sync of nothing new).

Targets (issue 10): first load ≤ 3x the file load, repeated ≤ 1.5x.  Each contender's row counts are
checked against the file load's.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .common import REPO, Clock, Row, cpu_median, fmt_seconds, interleaved, median, print_rows, walls

TARGETS = {"replica, first load": 3.0, "replica, repeated load": 1.5}


@contextlib.contextmanager
def served(db: Path, folder: Path) -> Iterator[tuple[str, str]]:
    """(ws URL, token) of a real sqld serving a copy of ``db``."""
    sys.path.insert(0, str(REPO / "tests"))
    from sqld import JwtKeys, Sqld

    seed = folder / "seed.db"
    with contextlib.closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as src, \
            contextlib.closing(sqlite3.connect(seed)) as dst:
        src.backup(dst)
    keys = JwtKeys.generate()
    with Sqld(folder / "sqld", keys=keys, legacy_ws=False, seed=seed) as server:
        yield server.ws_url, keys.full_access


def contenders(db: Path, url: str, token: str, cache: Path) -> dict[str, Callable[[int], Clock]]:
    """name -> a function of the round number that loads all three tables and returns its Clock."""
    from jarvis_memory.analysis.load import load

    expected: dict[str, dict[str, int]] = {}

    def timed(source: str, *, fresh_cache: bool = False, **options: object) -> Callable[[int], Clock]:
        def run(round_: int) -> Clock:
            folder = cache / (f"first-{round_}" if fresh_cache else "warm")  # a fresh folder: nothing to reuse
            gc.collect()
            with Clock() as clock:
                ds = load(source, auth_token=token, cache_dir=folder, **options)
            counts = ds.counts
            ds.close()
            if fresh_cache:
                shutil.rmtree(folder)
            assert counts == expected.setdefault("counts", counts), f"{counts} != {expected['counts']}"
            return clock
        return run

    return {
        "file load": timed(db.as_uri()),
        "keyset paging": timed(url, replica=False),
        "replica, first load": timed(url, fresh_cache=True),
        "replica, repeated load": timed(url),
    }


def bench(size: str, rounds: int) -> list[Row]:
    from .bench_reports import demo_database

    db, _, counts = demo_database(size)
    workload = (f"load the {size} demo from sqld ({counts.get('daily_logs', 0) // 1000}k events, "
                f"{counts.get('memory_entries', 0) // 1000}k memories)")
    with tempfile.TemporaryDirectory(prefix="bench-replica-") as tmp, served(db, Path(tmp)) as (url, token):
        fns = contenders(db, url, token, Path(tmp) / "cache")
        fns["replica, repeated load"](0)  # warm-up: the warm cache's first sync, imports, page cache
        fns["file load"](0)
        times = interleaved(fns, rounds)
    m = {name: median(walls(clocks)) for name, clocks in times.items()}
    base = m["file load"]
    rows = []
    for name, clocks in times.items():
        limit = TARGETS.get(name)
        ratio = None if name == "file load" else m[name] / base
        rows.append(Row(workload, name, m[name], fmt_seconds(m[name]), "" if ratio is None else "file load", ratio,
                        f"≤ {limit}x the file load" if limit else "", None if limit is None else ratio <= limit,
                        runs=walls(clocks), note=f"{rounds} interleaved rounds; CPU {fmt_seconds(cpu_median(clocks))}",
                        cpu_s=cpu_median(clocks)))
    return rows


def run(quick: bool = False, sizes: tuple[str, ...] = ("medium", "large"), rounds: int = 3) -> list[Row]:
    if quick:
        sizes, rounds = ("small",), 2
    return [row for size in sizes for row in bench(size, rounds)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["medium", "large"], choices=["small", "medium", "large"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print_rows(run(sizes=tuple(args.sizes), rounds=args.rounds))


if __name__ == "__main__":
    main()

"""Apply 1,000 reviewed merges on the large demo, over ``file:`` and ``ws://`` (the real sqld).

    python -m benchmarks.bench_merges            # large demo (50k memories), 3 rounds
    python -m benchmarks.bench_merges --quick    # small demo, 100 merges, 1 round

Each round starts from a fresh copy of the demo database (the copy is not timed).  Timed:
``merges.plan`` (reads and checks every pair) plus ``merges.apply`` (one atomic batch of three
statements per merge).  Same-run baselines: the same statements run by plain ``sqlite3`` in one
transaction (the cost of the package around them), and, over ``ws://``, one batch of bare
``DELETE``s of the same rows (the least any removal costs there, without the record).
The pairs are 1,000 disjoint pairs of demo rows, not audit findings: the demo has fewer planted
duplicates than that, and apply does not judge similarity, so the cost is the same.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from .common import REPO, Clock, Row, fmt_ratio, median

sys.path.insert(0, str(REPO / "tests"))  # the sqld fixture: the same pinned server the tests use


def _pairs(path: Path, n: int) -> list:
    from jarvis_memory.store.merges import Pair

    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, content_hash FROM memory_entries ORDER BY id LIMIT ?", [2 * n]).fetchall()
    return [Pair(k + 2, a[0], b[0], "near", 95.0, a[1], b[1]) for k, (a, b) in enumerate(zip(rows[::2], rows[1::2]))]


def _apply(url: str, token: str | None, pairs: list) -> tuple[float, float]:
    """(seconds for plan + apply, of which plan)."""
    import jarvis_memory
    from jarvis_memory.store import merges

    with jarvis_memory.Database(url, token) as db:
        db.ready()
        with Clock() as total:
            with Clock() as planning:
                found = merges.plan(db, pairs)
            done = merges.apply(db, found.merges)
        assert len(done.merged) == len(pairs), done.skipped[:3]
    return total.wall, planning.wall


def _plain_sqlite(path: Path, pairs: list) -> float:
    from jarvis_memory.store import merges
    from jarvis_memory import timestamps

    now = timestamps.now()
    with Clock() as clock:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        for p in pairs:
            conn.execute(merges._RECORD, [now, p.kind, p.score, p.id_b, p.hash_b, p.id_a, p.hash_a]).fetchall()
            conn.execute(merges._REMOVE, [p.id_b, p.id_b])
            conn.execute(merges._TOUCH_SURVIVOR, [p.id_b, p.id_a, p.id_b])
        conn.execute("COMMIT")
        conn.close()
    return clock.wall


def _bare_deletes(url: str, token: str, pairs: list) -> float:
    import jarvis_memory

    with jarvis_memory.Database(url, token) as db:
        db.ready()
        with Clock() as clock:
            db.batch([("DELETE FROM memory_entries WHERE id = ?", [p.id_b]) for p in pairs])
    return clock.wall


def run(quick: bool = False) -> list[Row]:
    from sqld import JwtKeys, Sqld

    from .bench_reports import demo_database

    size, n, rounds = ("small", 100, 1) if quick else ("large", 1_000, 3)
    demo, _, counts = demo_database(size)
    pairs = _pairs(demo, n)
    keys = JwtKeys.generate()
    times: dict[str, list[float]] = {"file": [], "sqlite3": [], "ws": [], "ws-deletes": []}
    planning: dict[str, list[float]] = {"file": [], "ws": []}
    with tempfile.TemporaryDirectory(prefix="bench-merges-") as tmp:
        for r in range(rounds):
            for variant in ("file", "sqlite3", "ws", "ws-deletes"):
                copy = Path(tmp) / f"{variant}-{r}.db"
                shutil.copyfile(demo, copy)
                if variant == "file":
                    total, plan = _apply(copy.as_uri(), None, pairs)
                    times[variant].append(total)
                    planning[variant].append(plan)
                elif variant == "sqlite3":
                    import jarvis_memory

                    with jarvis_memory.Database(copy.as_uri()) as db:  # migration 0003, untimed
                        db.ready()
                    times[variant].append(_plain_sqlite(copy, pairs))
                else:
                    with Sqld(Path(tmp) / f"sqld-{variant}-{r}", keys=keys, seed=copy) as srv:
                        if variant == "ws":
                            import jarvis_memory

                            with jarvis_memory.Database(srv.ws_url, keys.full_access) as db:
                                db.migrate()  # untimed
                            total, plan = _apply(srv.ws_url, keys.full_access, pairs)
                            times[variant].append(total)
                            planning[variant].append(plan)
                        else:
                            times[variant].append(_bare_deletes(srv.ws_url, keys.full_access, pairs))
    m = {k: median(v) for k, v in times.items()}
    label = f"apply {n:,} merges, {size} demo ({counts.get('memory_entries', 0) // 1000}k memories)"
    return [
        Row(label, "file: plain sqlite3, same statements", m["sqlite3"], f"{m['sqlite3']:.3f} s", runs=times["sqlite3"]),
        Row(label, "file: jarvis-memory plan + apply", m["file"], f"{m['file']:.3f} s", baseline="file: plain sqlite3, same statements",
            ratio=m["file"] / m["sqlite3"], runs=times["file"], note=f"plan {median(planning['file']):.3f} s"),
        Row(label, "ws:// sqld: one batch of bare DELETEs", m["ws-deletes"], f"{m['ws-deletes']:.3f} s", runs=times["ws-deletes"]),
        Row(label, "ws:// sqld: jarvis-memory plan + apply", m["ws"], f"{m['ws']:.3f} s",
            baseline="ws:// sqld: one batch of bare DELETEs", ratio=m["ws"] / m["ws-deletes"], runs=times["ws"],
            note=f"plan {median(planning['ws']):.3f} s"),
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        ratio = f" ({fmt_ratio(row.ratio)} {row.baseline})" if row.ratio else ""
        note = f"; {row.note}" if row.note else ""
        print(f"{row.workload} | {row.variant}: {row.shown}{ratio}{note}; rounds {[round(t, 3) for t in row.runs]}")

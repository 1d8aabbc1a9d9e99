"""Apply and undo 20,000 reviewed merges on the large demo, over ``file:``, ``ws://`` and ``http://`` (the real sqld).

    python -m benchmarks.bench_merges            # large demo (50k memories), 20,000 merges, 3 rounds
    python -m benchmarks.bench_merges --quick    # small demo, 1,000 merges, 1 round

Each round starts from a fresh copy of the demo database (the copy is not timed).  Timed:
``merges.plan`` (reads and checks every pair) plus ``merge_batch.apply`` (staging in bounded chunks, then
one atomic batch of set-based statements), and ``merge_batch.undo`` of every merge since the start.
Same-run baselines: the same staged statements run by plain ``sqlite3`` in one transaction (the cost
of the package around them), and, over ``ws://``, one batch of bare ``DELETE``s of the same rows (the
least any removal costs there, without the record); undo is reported against its own apply.
The pairs are disjoint pairs of demo rows, not audit findings: the demo has fewer planted
duplicates than that, and apply does not judge similarity, so the cost is the same.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from .common import REPO, Clock, Row, median, print_rows

sys.path.insert(0, str(REPO / "tests"))  # the sqld fixture: the same pinned server the tests use


def _pairs(path: Path, n: int) -> list:
    from jarvis_memory.store.merges import Pair

    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, content_hash FROM memory_entries ORDER BY id LIMIT ?", [2 * n]).fetchall()
    return [Pair(k + 2, a[0], b[0], "near", 95.0, a[1], b[1]) for k, (a, b) in enumerate(zip(rows[::2], rows[1::2]))]


def _apply_and_undo(url: str, token: str | None, pairs: list) -> tuple[float, float, float]:
    """(seconds for plan + apply, of which plan, seconds for undo of them all)."""
    import jarvis_memory
    from jarvis_memory.store import merge_batch, merges

    with jarvis_memory.Database(url, token) as db:
        db.ready()
        with Clock() as total:
            with Clock() as planning:
                found = merges.plan(db, pairs)
            done = merge_batch.apply(db, found.merges)
        assert len(done.merged) == len(pairs), done.skipped[:3]
        with Clock() as undoing:
            undone = merge_batch.undo(db, since="2000-01-01")
        assert len(undone.restored) == len(pairs), undone.skipped[:3]
    return total.wall, planning.wall, undoing.wall


def _plain_sqlite(path: Path, pairs: list) -> float:
    """The statements apply runs (staging, then its batch), by plain sqlite3 in one transaction."""
    from jarvis_memory import timestamps
    from jarvis_memory.store import merge_batch

    now = timestamps.now()
    with Clock() as clock:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(f"INSERT INTO {merge_batch.PLAN} (plan_id, seq, staged_at, step, removed_id, survivor_id, kind,"
                         " score, removed_hash, survivor_hash, decision) VALUES ('p', ?, ?, 'merge', ?, ?, ?, ?, ?, ?, 'merge')",
                         [(k, now, p.id_b, p.id_a, p.kind, p.score, p.hash_b, p.hash_a) for k, p in enumerate(pairs)])
        conn.execute(merge_batch._APPLY_RECORD, [now, "p", "p"]).fetchall()
        conn.execute(merge_batch._APPLY_REMOVE, [now, "p"])
        conn.execute(merge_batch._APPLY_TOUCH, [now, "p"])
        conn.execute(merge_batch._DROP_PLAN, ["p"])
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
    import jarvis_memory
    from sqld import JwtKeys, Sqld

    from .bench_reports import demo_database

    size, n, rounds = ("small", 1_000, 1) if quick else ("large", 20_000, 3)
    demo, _, counts = demo_database(size)
    pairs = _pairs(demo, n)
    keys = JwtKeys.generate()
    kinds = ("file", "ws", "http")
    times: dict[str, list[float]] = {k: [] for k in (*kinds, "sqlite3", "ws-deletes")}
    planning: dict[str, list[float]] = {k: [] for k in kinds}
    undoing: dict[str, list[float]] = {k: [] for k in kinds}
    with tempfile.TemporaryDirectory(prefix="bench-merges-") as tmp:
        for r in range(rounds):
            for variant in times:
                copy = Path(tmp) / f"{variant}-{r}.db"
                shutil.copyfile(demo, copy)
                with jarvis_memory.Database(copy.as_uri()) as db:  # migrations 0003-0004, untimed
                    db.ready()
                if variant == "sqlite3":
                    times[variant].append(_plain_sqlite(copy, pairs))
                    continue
                if variant == "file":
                    total, plan, undo = _apply_and_undo(copy.as_uri(), None, pairs)
                else:
                    with Sqld(Path(tmp) / f"sqld-{variant}-{r}", keys=keys, seed=copy) as srv:
                        if variant == "ws-deletes":
                            times[variant].append(_bare_deletes(srv.ws_url, keys.full_access, pairs))
                            continue
                        url = srv.ws_url if variant == "ws" else srv.http_url
                        total, plan, undo = _apply_and_undo(url, keys.full_access, pairs)
                times[variant].append(total)
                planning[variant].append(plan)
                undoing[variant].append(undo)
    m = {k: median(v) for k, v in times.items() if v}
    label = f"apply and undo {n:,} merges, {size} demo ({counts.get('memory_entries', 0) // 1000}k memories)"
    rows = [
        Row(label, "file: plain sqlite3, same apply statements", m["sqlite3"], f"{m['sqlite3']:.3f} s",
            runs=times["sqlite3"]),
        Row(label, "ws:// sqld: one batch of bare DELETEs", m["ws-deletes"], f"{m['ws-deletes']:.3f} s",
            runs=times["ws-deletes"]),
    ]
    for kind, base in (("file", "file: plain sqlite3, same apply statements"),
                       ("ws", "ws:// sqld: one batch of bare DELETEs"), ("http", None)):
        name = f"{kind}: jarvis-memory plan + apply"
        rows.append(Row(label, name, m[kind], f"{m[kind]:.3f} s", baseline=base,
                        ratio=m[kind] / m[base.split(':')[0] == 'file' and 'sqlite3' or 'ws-deletes'] if base else None,
                        runs=times[kind], note=f"plan {median(planning[kind]):.3f} s"))
        undo = median(undoing[kind])
        rows.append(Row(label, f"{kind}: jarvis-memory undo --all-since", undo, f"{undo:.3f} s", baseline=name,
                        ratio=undo / m[kind], runs=undoing[kind]))
    return rows


if __name__ == "__main__":
    print_rows(run(quick="--quick" in sys.argv))

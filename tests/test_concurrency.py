"""Several OS processes writing the same embedded database at once."""

import multiprocessing as mp
import sqlite3

import pytest

import jarvis_memory
from jarvis_memory import content_hash


def _writer(url, worker, shared, own, queue):
    try:
        db = jarvis_memory.Database(url)
        session = db.sessions.start()
        created = 0
        for i in range(shared):  # every process stores these: they must dedup to one row each
            created += db.memories.store(f"Shared memory number {i}", "fact", "user_explicit")[1]
        for i in range(own):
            created += db.memories.store(f"Worker {worker} private memory {i}", "pattern", "jarvis_inferred")[1]
            db.events.log(session.id, "memory_store", {"worker": worker, "i": i})
        db.sessions.end(session.id, "explicit")
        db.close()
        queue.put(("ok", created))
    except Exception as e:  # reported to the parent, which asserts there were none
        queue.put(("error", repr(e)))


@pytest.mark.parametrize("workers, shared, own", [(6, 150, 50)])
def test_processes_storing_overlapping_content(db_path, workers, shared, own):
    url = db_path.as_uri()
    jarvis_memory.Database(url).migrate()
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, w, shared, own, queue)) for w in range(workers)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert [r for r in results if r[0] != "ok"] == []
    assert sum(r[1] for r in results) == shared + workers * own  # each distinct text "created" exactly once
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT content, content_hash FROM memory_entries").fetchall()
        events = conn.execute("SELECT count(*) FROM daily_logs").fetchone()[0]
        open_sessions = conn.execute("SELECT count(*) FROM sessions WHERE ended_at IS NULL").fetchone()[0]
    assert len(rows) == shared + workers * own
    assert len({h for _, h in rows}) == len(rows)
    assert all(h == content_hash(c) for c, h in rows)
    assert events == workers * own and open_sessions == 0

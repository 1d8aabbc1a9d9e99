"""Eight OS processes writing one database at once, on ``file:`` and over ``ws://`` and ``http://`` (real sqld).

Each process stores 500 memories (250 of them shared by every process, written in a
different case and padding by each, so only the content hash makes them equal), opens
a session, logs an event every fifth store and ends its session.  Afterwards there must be
exactly one row per distinct hash, every event must be there, and no caller saw an error.
Processes start together at a barrier and store in a per-process shuffled order, so
the shared rows are genuinely contended.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import random
import sqlite3
import time

import pytest

import jarvis_memory
from conftest import KEYS, TOKEN
from jarvis_memory import content_hash
from sqld import Sqld

WORKERS = 8
PER_WORKER = 500
SHARED = 250  # of each worker's 500: the same 250 texts in every process
EVENT_EVERY = 5  # one event per 5 stores keeps the ws:// run under ~15 s on 2 cores


def shared_text(i: int, worker: int) -> str:
    """Shared memory ``i`` as worker ``worker`` spells it: same hash, different bytes."""
    text = f"Shared memory number {i}"
    return [text, text.upper(), f"  {text.lower()}\n", f"\t{text}  "][worker % 4]


def own_text(i: int, worker: int) -> str:
    return f"Worker {worker} private memory {i}"


def _writer(url, token, worker, barrier, queue):
    try:
        db = jarvis_memory.Database(url, token)
        plan = [("shared", i) for i in range(SHARED)] + [("own", i) for i in range(PER_WORKER - SHARED)]
        random.Random(worker).shuffle(plan)
        barrier.wait(timeout=120)
        session = db.sessions.start()
        created = 0
        for n, (kind, i) in enumerate(plan):
            text = shared_text(i, worker) if kind == "shared" else own_text(i, worker)
            entry, new = db.memories.store(text, "fact" if kind == "shared" else "pattern", "user_explicit")
            created += new
            if n % EVENT_EVERY == 0:
                db.events.log(session.id, "memory_store", {"worker": worker, "n": n, "memory_id": entry.id})
        db.sessions.end(session.id, "explicit", summary=f"worker {worker}")
        db.close()
        queue.put(("ok", worker, created, session.id))
    except BaseException as e:  # reported to the parent, which asserts there were none
        queue.put(("error", worker, repr(e), None))


@pytest.mark.slow
@pytest.mark.parametrize("url_kind", ["file", *(pytest.param(kind, marks=pytest.mark.xfail(strict=False, reason=(
    "sqld 0.24.32 can stop granting its write lock for good under concurrent writers, whatever the client (a bug "
    "in its write queue: README, known limits); the writes then fail with a message saying so"))) for kind in (
    "ws", "http"))])
def test_eight_processes_store_log_and_end_sessions(url_kind, url, db_path):
    eight_processes(url_kind, url, None if url_kind == "file" else TOKEN, db_path)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["ws", "http"])
def test_eight_processes_on_sqld_with_time_based_checkpoints(kind, tmp_path):
    """The same load on a sqld that checkpoints on a timer (``--checkpoint-interval-s``) instead of after commits.

    Its stuck write lock needs a writer that wakes in its write queue while a checkpoint that leaves
    the queue as it is holds the lock; timed checkpoints are TRUNCATE ones, which empty the queue
    (README, known limits).  Without that trigger the load must pass: every write once, none lost.
    """
    with Sqld(tmp_path / "sqld", keys=KEYS, args=("--checkpoint-interval-s", "5")) as server:
        eight_processes(kind, server.url(kind), TOKEN, server.db_file)


def eight_processes(url_kind, url, token, db_path):
    with jarvis_memory.Database(url, token) as db:
        db.migrate()
    ctx = mp.get_context("spawn")
    queue, barrier = ctx.Queue(), ctx.Barrier(WORKERS)
    procs = [ctx.Process(target=_writer, args=(url, token, w, barrier, queue)) for w in range(WORKERS)]
    started = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    elapsed = time.perf_counter() - started
    print(f"\n{url_kind}: {WORKERS} processes x {PER_WORKER} stores + events in {elapsed:.1f} s")

    assert [r for r in results if r[0] != "ok"] == []
    assert [p.exitcode for p in procs] == [0] * WORKERS
    distinct = SHARED + WORKERS * (PER_WORKER - SHARED)
    assert sum(r[2] for r in results) == distinct  # each distinct text reported "created" exactly once
    sessions_by_worker = {r[1]: r[3] for r in results}

    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT id, content, content_hash FROM memory_entries").fetchall()
        events = conn.execute("SELECT session_id, event_type, event_data FROM daily_logs").fetchall()
        sessions = conn.execute("SELECT id, ended_at, end_trigger, summary FROM sessions").fetchall()
    hashes = [h for _, _, h in rows]
    assert len(rows) == distinct and len(set(hashes)) == distinct
    assert all(h == content_hash(c) for _, c, h in rows)
    expected = {content_hash(shared_text(i, 0)) for i in range(SHARED)}
    expected |= {content_hash(own_text(i, w)) for w in range(WORKERS) for i in range(PER_WORKER - SHARED)}
    assert set(hashes) == expected

    ids = {r[0] for r in rows}
    logged = [(s, t, json.loads(d)) for s, t, d in events]
    wanted = {(w, n) for w in range(WORKERS) for n in range(0, PER_WORKER, EVENT_EVERY)}
    assert len(logged) == len(wanted)
    assert {(d["worker"], d["n"]) for _, _, d in logged} == wanted
    assert all(s == sessions_by_worker[d["worker"]] and t == "memory_store" for s, t, d in logged)
    assert {d["memory_id"] for _, _, d in logged} <= ids  # every event names a row that exists
    assert sorted(s[0] for s in sessions) == sorted(sessions_by_worker.values())
    assert all(ended and trigger == "explicit" for _, ended, trigger, _ in sessions)

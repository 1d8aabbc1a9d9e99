"""Writing the demo's rows: memories through the core's upsert (or as an old client's raw INSERT), sessions,
events and ``last_accessed``, as multi-row statements in atomic batches."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from .. import timestamps
from ..store import memories
from ..store.database import Database
from .planting import Memory

CHUNK = 5_000  # rows per multi-row statement: at most 6 parameters a row, under SQLite's 32,766
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
DAY_MS = 86_400_000
MINUTE_MS = 60_000


def iso_ms(ms: int) -> str:
    return timestamps.iso(EPOCH + timedelta(milliseconds=ms))


def insert_memories(db: Database, items: list[Memory]) -> None:
    ordered = sorted(items, key=lambda m: (m.created_ms, m.rank))
    by_content = {m.content: m for m in items}
    for start in range(0, len(ordered), CHUNK):
        # One statement per run of rows written the same way (upsert, or an old client's raw INSERT).
        statements = [memory_statement(list(run)) for _, run in
                      itertools.groupby(ordered[start:start + CHUNK], key=lambda m: m.raw_hash != "")]
        for result in db.batch(statements):
            for row in result.rows:
                by_content[row["content"]].id = int(row["id"])


def memory_statement(run: list[Memory]) -> tuple[str, list[Any]]:
    if run[0].raw_hash == "":
        args = [v for m in run for v in memories.prepare(m.content, m.category, m.source, iso_ms(m.created_ms))]
        return memories.upsert_sql(len(run)), args
    sql = ("INSERT INTO memory_entries (content, content_hash, category, source, created_at) VALUES "
           + ", ".join(["(?, ?, ?, ?, ?)"] * len(run)) + " RETURNING id, content")
    return sql, [v for m in run for v in (m.content, m.raw_hash, m.category, m.source, iso_ms(m.created_ms))]


def insert_sessions(db: Database, sessions: list[dict[str, Any]], deleted: int) -> None:
    """The sessions, and ``deleted`` more ids used up after them: sessions that existed and were deleted
    (their events are the planted orphans).  AUTOINCREMENT never gives a deleted id again, so a session
    started later does not adopt those events."""
    rows = [(s["id"], iso_ms(s["start"]), None if s["end"] is None else iso_ms(s["end"]),
             None if s["open"] else s["trigger"], s["summary"]) for s in sessions]
    insert_rows(db, "sessions", ("id", "started_at", "ended_at", "end_trigger", "summary"), rows)
    db.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'sessions'", [len(sessions) + deleted])


def insert_events(db: Database, events: list[list[Any]], say: Callable[[str], None]) -> None:
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    rows = [(e[5], e[2], e[3], encode(e[4]), iso_ms(e[0])) for e in events]
    db.execute("PRAGMA foreign_keys = OFF")  # orphans are the point; the batch below is still atomic per chunk
    try:
        insert_rows(db, "daily_logs", ("id", "session_id", "event_type", "event_data", "timestamp"), rows,
                     say=say)
    finally:
        db.execute("PRAGMA foreign_keys = ON")


def touch(db: Database, items: list[Memory], events: list[list[Any]]) -> None:
    """``last_accessed`` = the memory's latest recall, as the app's recall() would leave it."""
    latest: dict[int, int] = {}
    for e in events:
        if e[3] == "memory_recall":
            for mid in e[4]["memory_ids"]:
                latest[mid] = max(latest.get(mid, 0), e[0])
    pairs = sorted(latest.items())
    statements = []
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start:start + CHUNK]
        sql = ("UPDATE memory_entries SET last_accessed = v.column2 FROM (VALUES "
               + ", ".join(["(?, ?)"] * len(chunk)) + ") AS v WHERE memory_entries.id = v.column1")
        statements.append((sql, [x for mid, ms in chunk for x in (mid, iso_ms(ms))]))
    if statements:
        db.batch(statements)


def insert_rows(db: Database, table: str, columns: tuple[str, ...], rows: list[tuple], *,
                 say: Callable[[str], None] | None = None) -> None:
    """Multi-row INSERTs, several chunks per atomic batch."""
    placeholder = "(" + ", ".join("?" * len(columns)) + ")"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    statements = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        statements.append((head + ", ".join([placeholder] * len(chunk)), [v for row in chunk for v in row]))
        if len(statements) == 20 or start + CHUNK >= len(rows):
            db.batch(statements)
            statements = []
            if say is not None and len(rows) > 100_000:
                say(f"  {min(start + CHUNK, len(rows)):,} / {len(rows):,} {table}")

"""Answers larger than the transport allows, on real sqld.

Over ``ws://`` aiohttp refuses WebSocket messages over 4 MiB; over ``http://`` sqld
refuses answers over ``--max-response-size`` (10 MB by default, as on Turso). 1,300
memories of 8,000 characters (10.4 MB) pass both limits in one import chunk, one
export page or one loader page. Every call must still work (or fail with a typed
error that says what to do), and nothing may be written twice.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import REMOTE_KINDS
from jarvis_memory.store import bulk
from jarvis_memory.analysis.load import load

ROWS, CHARS = 1_300, 8_000


@pytest.fixture
def big_jsonl(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(ROWS):
            content = f"memory {i:05d} " + ("lorem ipsum dolor " * (CHARS // 18 + 1))[: CHARS - 13]
            out.write(json.dumps({"content": content, "category": "fact", "source": "user_explicit"}) + "\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("url_kind", REMOTE_KINDS)
def test_large_import_export_and_load(url, token, db, db_path, big_jsonl, tmp_path):
    first = bulk.import_file(db, big_jsonl)  # default chunks: 1,000 rows, 8 MB answers
    assert (first.new, first.duplicates) == (ROWS, 0)
    again = bulk.import_file(db, big_jsonl)
    assert (again.new, again.duplicates) == (0, ROWS)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM memory_entries").fetchone() == (ROWS,)
    assert bulk.export(db, tmp_path / "out.jsonl").written == ROWS
    assert len(db.memories.list(limit=ROWS)) == ROWS
    with load(url, auth_token=token) as ds:
        assert ds.counts["memory_entries"] == ROWS

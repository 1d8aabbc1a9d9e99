"""Reviewed merges at scale on the real sqld: no request or answer grows with the number of merges.

Before merges were staged, apply sent three statements per merge in one request (about 8,700 merges filled
sqld's 16 MiB WebSocket message: "connection lost"), and undo read the whole log since a time, texts and
undone records included, in one answer ("a single row is too large to read").
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import jarvis_memory
from conftest import KEYS, TOKEN, cli_env, reports_read
from jarvis_memory import timestamps
from jarvis_memory.analysis import decisions
from jarvis_memory.analysis.load import load
from jarvis_memory.store import bulk, merge_batch, merges
from sqld import Sqld

CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]


def _import(db: jarvis_memory.Database, tmp_path: Path, texts: list[str]) -> dict[str, dict]:
    path = tmp_path / "memories.jsonl"
    path.write_text("".join(json.dumps({"content": t, "category": "fact", "source": "user_explicit"}) + "\n"
                            for t in texts), encoding="utf-8")
    assert bulk.import_file(db, path).new == len(texts)
    return {r["content"]: r for page in db.pages("memory_entries", {"id": "id", "content": "content",
                                                                     "content_hash": "content_hash"})
            for r in ({"id": i, "content": c, "content_hash": h} for i, c, h in page)}


def _pairs(rows: dict[str, dict], texts: list[str]) -> list[merges.Pair]:
    """Pairs of consecutive texts: the second of each pair merged into the first."""
    return [merges.Pair(k + 2, rows[a]["id"], rows[b]["id"], "near", 95.0, rows[a]["content_hash"],
                        rows[b]["content_hash"]) for k, (a, b) in enumerate(zip(texts[::2], texts[1::2]))]


@pytest.mark.parametrize("url_kind", ["ws"])
def test_ten_thousand_merges_go_out_in_bounded_requests_and_come_back(db, tmp_path):
    texts = [f"Memory number {i} about the garden, the bike and the weekly shop" for i in range(20_000)]
    rows = _import(db, tmp_path, texts)
    found = merges.plan(db, _pairs(rows, texts))
    assert len(found.merges) == 10_000 and found.skipped == []
    done = merge_batch.apply(db, found.merges)  # ~19 MB as per-merge statements: more than sqld takes over ws
    assert len(done.merged) == 10_000 and done.skipped == []
    assert db.memories.count() == 10_000
    assert db.query("SELECT count(*) AS n FROM jm_merge_plan")[0]["n"] == 0  # staging is emptied by the batch
    undone = merge_batch.undo(db, since="2000-01-01")
    assert len(undone.restored) == 10_000 and undone.skipped == []
    assert db.memories.count() == 20_000


@pytest.mark.parametrize("url_kind", ["ws", "http"])
def test_undo_and_the_log_read_long_texts_in_pages(db, url, token, tmp_path):
    texts = [f"{i:05d} " + "long note about the allotment and its many beds " * 210 for i in range(2_400)]
    texts = [t[:10_000] for t in texts]
    rows = _import(db, tmp_path, texts)
    done = merge_batch.apply(db, merges.plan(db, _pairs(rows, texts)).merges)
    assert len(done.merged) == 1_200
    with load(url, auth_token=token, replica=False) as ds:  # keyset pages: ~12 MB of texts, more than one answer
        log = decisions.log(ds)
    assert len(log) == 1_200 and log["content"].str.len().min() >= 9_990
    first = merge_batch.undo(db, merge_ids=sorted(done.merged)[:100])
    assert len(first.restored) == 100
    undone = merge_batch.undo(db, since="2000-01-01")  # the 100 already undone are read (without texts) and said so
    assert len(undone.restored) == 1_100 and sorted(undone.already_undone) == sorted(first.restored)
    assert db.memories.count() == 2_400
    with load(url, auth_token=token, replica=False) as ds:  # every row is back in memory_entries: no text read twice
        log = decisions.log(ds)
    assert len(log) == 1_200 and log["undone_at"].notna().all() and log["content"].isna().all()


def test_undo_steps_a_survivor_back_through_a_chain_undone_at_once(db, tmp_path):
    """Three merges into one survivor, undone together: it gets back its own last_accessed, as one by one."""
    ids = {t: db.memories.store(t, "fact", "user_explicit")[0].id for t in ("a one", "a two", "a three", "a four")}
    stamps = {"a one": "2026-01-01T00:00:00.000Z", "a two": "2026-03-01T00:00:00.000Z",
              "a three": "2026-02-01T00:00:00.000Z", "a four": None}
    for text, stamp in stamps.items():
        db.execute("UPDATE memory_entries SET last_accessed = ? WHERE id = ?", [stamp, ids[text]])
    hashes = {r["id"]: r["content_hash"] for r in db.query("SELECT id, content_hash FROM memory_entries")}
    pairs = [merges.Pair(2 + k, ids["a one"], ids[t], "near", 90.0, hashes[ids["a one"]], hashes[ids[t]], ids["a one"])
             for k, t in enumerate(("a two", "a three", "a four"))]
    done = merge_batch.apply(db, merges.plan(db, pairs).merges)
    assert db.memories.get(ids["a one"]).last_accessed == "2026-03-01T00:00:00.000Z"
    records = reports_read(db, decisions.log).sort_values("merge_id")
    assert len(records) == 3
    # undo only the newest: a later merge (a two's, which set the value) still counts, so nothing changes
    newest = max(done.merged)
    merge_batch.undo(db, merge_ids=[newest])
    assert db.memories.get(ids["a one"]).last_accessed == "2026-03-01T00:00:00.000Z"
    undone = merge_batch.undo(db, since="2000-01-01")
    assert len(undone.restored) == 2
    assert db.memories.get(ids["a one"]).last_accessed == "2026-01-01T00:00:00.000Z"
    assert {e.content for e in db.memories.list()} == set(stamps)


@pytest.mark.parametrize("kind", ["ws"])  # a replica over http: test_embedded_replica (59 s saved of the run)
def test_the_reports_read_the_merge_log_from_the_replica_like_every_table(kind, tmp_path):
    """Issue 23, item 7: the reports read the log from the primary, apart from every other table.  Here the
    server answers at most 500 KB (``--max-response-size``), less than one page of 120 merged 10,000-character
    memories: read from the primary, both reports failed (TooLargeError); read from the replica with the other
    tables, they count the merges in effect and undone."""
    long = [f"{i:05d} " + ("long note about the allotment and its many beds " * 210)[:9_990] for i in range(120)]
    texts = [t for i, text in enumerate(long) for t in (f"Memory {i} about the allotment", text)]
    with Sqld(tmp_path / "sqld", keys=KEYS, args=("--max-response-size", "500KB")) as server:
        url = server.url(kind)
        with jarvis_memory.Database(url, TOKEN) as db:
            db.migrate()
            path = tmp_path / "memories.jsonl"
            path.write_text("".join(json.dumps({"content": t, "category": "fact", "source": "user_explicit"}) + "\n"
                                    for t in texts), encoding="utf-8")
            assert bulk.import_file(db, path).new == 240
            session = db.sessions.start()
            db.execute("INSERT INTO daily_logs (session_id, event_type, event_data, timestamp) SELECT ?, 'memory_store',"
                       " json_object('memory_id', id), ? FROM memory_entries", [session.id, timestamps.now()])
            ids = [(i, h) for page in db.pages("memory_entries", {"id": "id", "content_hash": "content_hash"})
                   for i, h in page]  # never the texts: no answer may hold 500 KB
            pairs = [merges.Pair(k + 2, a, b, "near", 95.0, ha, hb) for k, ((a, ha), (b, hb)) in
                     enumerate(zip(ids[::2], ids[1::2]))]
            done = merge_batch.apply(db, merges.plan(db, pairs).merges)
            assert len(done.merged) == 120
            assert len(merge_batch.undo(db, merge_ids=sorted(done.merged)[:20]).restored) == 20
        out = tmp_path / "out"
        run = subprocess.run([*CLI, "--url", url, "report", "dedup_audit", "usage_report", "--out", str(out)],
                             env=cli_env(token=TOKEN), capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr
    [folder] = out.glob("2*")
    assert "100 merges in effect, 20 undone" in (folder / "dedup_audit.html").read_text(encoding="utf-8")
    usage = json.loads((folder / "usage_report.json").read_text(encoding="utf-8"))
    assert (usage["store_events_merged_memory"], usage["store_events_missing_memory"]) == (100, 0)
